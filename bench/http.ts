import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  startInstance,
  startSeededServer,
  transitionCycle,
  type SeededServer,
  type Workload,
} from './bench-server';
import { processCpuSeconds } from './process-cpu';
import type { ServerProcess } from './server-process';
import type { Row } from './stats';

/**
 * End to end: the real server in its own process on a fresh SQLite file, driven over loopback
 * from this process by `clients` concurrent keep-alive connections, every request a transition of
 * the workload.
 */
export async function measureHttp(
  file: string,
  clients: number,
  seconds: number,
  workload: Workload = 'nomination',
): Promise<Row> {
  const server = await startSeededServer(file, clients, workload);
  try {
    const cpuBefore = processCpuSeconds(server.pid);
    const result = await load(server, clients, seconds);
    const cpuSeconds = processCpuSeconds(server.pid) - cpuBefore;
    const what = workload === 'nomination' ? 'nomination mix' : 'light workflow, no facts';
    return {
      name: `HTTP end to end, ${what}, ${clients} concurrent clients (autocannon)`,
      operations: result['2xx'],
      seconds: result.duration,
      perSecond: result['2xx'] / result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      cpuPerOperationUs: (cpuSeconds / result['2xx']) * 1e6,
    };
  } finally {
    await server.stop();
  }
}

/**
 * Several app instances on one PostgreSQL database (the deployment for more than one machine):
 * the first instance seeds the cases, the others start on the same schema, and the clients are
 * split evenly between them, each instance's clients on cases of their own. On a 2-core machine
 * running PostgreSQL too, more instances only share the same cores; the same script on a bigger
 * machine shows how far they scale (BENCH_PG_INSTANCES=1,2,4,8).
 */
export async function measurePostgresInstances(
  postgresUrl: string,
  instances: number,
  clients: number,
  seconds: number,
): Promise<Row> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const seeded = await startSeededServer({ postgresUrl, schema }, clients);
  const others: ServerProcess[] = [];
  try {
    for (let i = 1; i < instances; i++) {
      others.push(await startInstance(seeded.database, seeded.workflowsDir));
    }
    const bases = [seeded.base, ...others.map((other) => other.base)];
    const share = (i: number) => seeded.caseIds.filter((_, c) => c % bases.length === i);
    const results = await Promise.all(
      bases.map((base, i) =>
        load({ ...seeded, base, caseIds: share(i) }, share(i).length, seconds),
      ),
    );
    const operations = results.reduce((sum, result) => sum + result['2xx'], 0);
    const duration = Math.max(...results.map((result) => result.duration));
    return {
      name: `HTTP on PostgreSQL, nomination mix, ${instances} app instance${instances > 1 ? 's' : ''}, ${clients} clients`,
      operations,
      seconds: duration,
      perSecond: operations / duration,
      // Each instance's clients are measured apart: the slowest instance's figures.
      p50Ms: Math.max(...results.map((result) => result.latency.p50)),
      p99Ms: Math.max(...results.map((result) => result.latency.p99)),
      meanMs: Math.max(...results.map((result) => result.latency.average)),
    };
  } finally {
    await Promise.all(others.map((other) => other.stop()));
    await seeded.stop();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

async function load(
  server: SeededServer,
  clients: number,
  seconds: number,
): Promise<autocannon.Result> {
  const result = await autocannon({
    url: server.base,
    connections: clients,
    duration: seconds,
    requests: transitionCycle(server),
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  return result;
}
