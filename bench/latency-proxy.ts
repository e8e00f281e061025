import {
  createConnection,
  createServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net';

/**
 * A TCP relay on loopback that holds every chunk for half of `roundTripMs` in each direction, so
 * an app instance talks to the local PostgreSQL as if it were on another machine (the bench's
 * `BENCH_PG_LATENCY_MS`). Chunks leave in the order they came: each waits the same time.
 */
export interface LatencyProxy {
  /** The database URL with the relay's port in place of the database's. */
  url: string;
  /** The round trip it really added so far, on average (timers fire up to a millisecond late). */
  measuredRoundTripMs(): number;
  close(): Promise<void>;
}

export async function startLatencyProxy(
  databaseUrl: string,
  roundTripMs: number,
): Promise<LatencyProxy> {
  // Node's timers wait at least a millisecond: a shorter hold could not be what it says.
  if (!(roundTripMs >= 2)) throw new Error(`A round trip of 2 ms or more, not ${roundTripMs}`);
  const target = new URL(databaseUrl);
  const oneWay = roundTripMs / 2;
  const sockets = new Set<Socket>();
  let failed = false;
  let held = 0;
  let heldMs = 0;
  const relay = (from: Socket, to: Socket) => {
    from.on('data', (chunk) => {
      const since = performance.now();
      setTimeout(() => {
        held += 1;
        heldMs += performance.now() - since;
        to.write(chunk);
      }, oneWay);
    });
    // Half-open sockets: one side's end reaches the other only after the chunks held before it.
    from.on('end', () => setTimeout(() => to.end(), oneWay));
    from.on('error', (error) => {
      if (!failed) process.stderr.write(`latency relay: ${error.message}\n`);
      failed = true;
      to.destroy();
    });
    from.on('close', () => sockets.delete(from));
  };
  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    const database = createConnection({
      host: target.hostname,
      port: Number(target.port || 5432),
      noDelay: true,
      allowHalfOpen: true,
    });
    client.setNoDelay(true);
    sockets.add(client).add(database);
    relay(client, database);
    relay(database, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(databaseUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((server.address() as AddressInfo).port);
  return {
    url: proxied.toString(),
    measuredRoundTripMs: () => (held === 0 ? 0 : (2 * heldMs) / held),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
