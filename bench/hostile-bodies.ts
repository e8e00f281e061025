import { connect, type Socket } from 'node:net';

/**
 * Requests built to make the server work hard or hold connections (issue 12), for the
 * responsiveness benchmark: run each in a `probeWhile` window (bench/responsiveness.ts), as the
 * 1 MiB login array already is, and compare the `/health` p99 and the server's CPU ms per request
 * with the idle row. Each body is refused before the server reads or validates much of it; the
 * answer column shows the status and the answer's size.
 */
export interface HostileRequest {
  /** The row's label. */
  load: string;
  method: 'POST';
  path: string;
  /** Sent with the bench's bearer token (a signed-in attacker); otherwise anonymous. */
  signedIn: boolean;
  body: string;
}

const KiB = 1024;

/** `[{},{},…]` of about `bytes` bytes. */
const arrayOfObjects = (bytes: number) =>
  `[${Array.from({ length: Math.floor(bytes / 3) }, () => '{}').join(',')}]`;

/** An object of about `bytes` bytes of unknown fields: one validation error each, before the fix. */
const unknownFields = (bytes: number) =>
  JSON.stringify(
    Object.fromEntries(Array.from({ length: Math.floor(bytes / 16) }, (_, i) => [`f${i}`, i])),
  );

/** About `bytes` bytes of numbers: `[0,0,0,…]`, each copied by class-transformer before the fix. */
const zeros = (bytes: number) => Array.from({ length: Math.floor(bytes / 2) }, () => 0);

/** Brackets opened and never closed: refused by the nesting scan, before JSON.parse. */
const deepNesting = (bytes: number) => `{"a":${'['.repeat(bytes - 5)}`;

export const HOSTILE_REQUESTS: readonly HostileRequest[] = [
  {
    load: '1 MiB JSON array to /auth/login (over its 16 KiB limit: 413 at once)',
    method: 'POST',
    path: '/api/v1/auth/login',
    signedIn: false,
    body: arrayOfObjects(1024 * KiB),
  },
  {
    load: '15 KiB JSON array to /auth/login (within the limit: 400 BODY_NOT_OBJECT)',
    method: 'POST',
    path: '/api/v1/auth/login',
    signedIn: false,
    body: arrayOfObjects(15 * KiB),
  },
  {
    load: '15 KiB of unknown fields to /auth/login (20 errors listed)',
    method: 'POST',
    path: '/api/v1/auth/login',
    signedIn: false,
    body: unknownFields(15 * KiB),
  },
  {
    load: '15 KiB of unclosed brackets to /auth/login (nesting scan)',
    method: 'POST',
    path: '/api/v1/auth/login',
    signedIn: false,
    body: deepNesting(15 * KiB),
  },
  {
    load: '15 KiB of numbers where the user name belongs, to /auth/login',
    method: 'POST',
    path: '/api/v1/auth/login',
    signedIn: false,
    body: JSON.stringify({ username: zeros(15 * KiB), password: 'x' }),
  },
  {
    load: '250 KiB of numbers as case data to POST /cases, signed in',
    method: 'POST',
    path: '/api/v1/cases',
    signedIn: true,
    body: JSON.stringify({
      type: 'nomination',
      subject: { kind: 'unit', unitId: '00000000-0000-7000-8000-000000000000' },
      data: { x: zeros(245 * KiB) },
    }),
  },
  {
    load: '250 KiB JSON array to POST /cases, signed in (its 256 KiB limit)',
    method: 'POST',
    path: '/api/v1/cases',
    signedIn: true,
    body: arrayOfObjects(245 * KiB),
  },
  {
    load: '250 KiB of unknown fields to POST /cases, signed in',
    method: 'POST',
    path: '/api/v1/cases',
    signedIn: true,
    body: unknownFields(245 * KiB),
  },
];

/** Sends one hostile request; answers `<status> <answer bytes>B` for the row's requests column. */
export async function sendHostile(
  base: string,
  token: string,
  request: HostileRequest,
): Promise<string> {
  const response = await fetch(`${base}${request.path}`, {
    method: request.method,
    headers: {
      'content-type': 'application/json',
      ...(request.signedIn ? { authorization: `Bearer ${token}` } : {}),
    },
    body: request.body,
  });
  return `${response.status} ${(await response.arrayBuffer()).byteLength}B`;
}

/**
 * Slow clients: `count` connections that each send a request line and then one header line
 * every second, never finishing, until `until` (ms since the epoch). Each is refused with 408
 * after HTTP_HEADERS_TIMEOUT_SECONDS and reopened, so the server always has `count` of them.
 * Resolves with how many 408s they got. Run it as the load of a `probeWhile` window to see
 * whether /health still answers while they are held.
 */
export async function holdSlowConnections(
  base: string,
  count: number,
  until: number,
): Promise<string[]> {
  const { hostname, port } = new URL(base);
  let refused = 0;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const socket: Socket = connect(Number(port), hostname, () => {
        socket.write(`GET /health HTTP/1.1\r\nHost: ${hostname}\r\n`);
      });
      const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 1000);
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        if (chunk.startsWith('HTTP/1.1 408')) refused += 1;
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(drip);
        resolve();
      });
      const stop = setInterval(() => {
        if (Date.now() >= until) {
          clearInterval(stop);
          socket.destroy();
        }
      }, 100);
      socket.on('close', () => clearInterval(stop));
    });
  await Promise.all(
    Array.from({ length: count }, async () => {
      while (Date.now() < until) await one();
    }),
  );
  return [`${count} slow connections held, ${refused} × 408`];
}
