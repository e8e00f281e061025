import autocannon from 'autocannon';
import { startSeededServer, transitionCycle } from './bench-server';
import type { Row } from './stats';

/**
 * End to end: the real server in its own process on a fresh SQLite file, driven over loopback
 * from this process by `clients` concurrent keep-alive connections, every request a transition.
 */
export async function measureHttp(file: string, clients: number, seconds: number): Promise<Row> {
  const server = await startSeededServer(file, clients);
  try {
    const result = await autocannon({
      url: server.base,
      connections: clients,
      duration: seconds,
      requests: transitionCycle(server),
    });
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
    }
    return {
      name: `HTTP end to end, ${clients} concurrent clients (autocannon)`,
      operations: result['2xx'],
      seconds: result.duration,
      perSecond: result['2xx'] / result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
    };
  } finally {
    await server.stop();
  }
}
