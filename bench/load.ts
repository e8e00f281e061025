import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startSeededServer, transitionCycle } from './bench-server';

/**
 * `npm run load`: a mixed workload held for LOAD_SECONDS (default 60) with LOAD_CONNECTIONS
 * (default 50) keep-alive connections from this process to the server in its own, on loopback.
 * Each connection cycles: a transition, three reads (the case, its history, the case list), the
 * opposite transition. Prints throughput, latency and errors; exits 1 on any 5xx.
 */
async function main(): Promise<void> {
  const seconds = Number(process.env.LOAD_SECONDS ?? 60);
  const connections = Number(process.env.LOAD_CONNECTIONS ?? 50);
  const directory = mkdtempSync(join(tmpdir(), 'thidua-load-'));
  const server = await startSeededServer(join(directory, 'load.sqlite'), connections);
  try {
    const result = await autocannon({
      url: server.base,
      connections,
      duration: seconds,
      requests: transitionCycle(server, [
        (caseId) => `/api/v1/cases/${caseId}`,
        (caseId) => `/api/v1/cases/${caseId}/history`,
        () => '/api/v1/cases?limit=20',
      ]),
    });
    const total = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
    console.log(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; ` +
        `SQLite WAL + synchronous=FULL; ${connections} connections for ${result.duration} s; ` +
        'per connection: 2 transitions and 3 reads a cycle\n',
    );
    console.log('| requests | req/s | p50 ms | p99 ms | 2xx | 4xx | 5xx | errors |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
    console.log(
      `| ${total} | ${(total / result.duration).toFixed(0)} | ${result.latency.p50} | ` +
        `${result.latency.p99} | ${result['2xx']} | ${result['4xx']} | ${result['5xx']} | ${result.errors} |`,
    );
    if (result['5xx'] > 0) process.exitCode = 1;
  } finally {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
