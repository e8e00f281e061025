import { connect, type AddressInfo } from 'node:net';
import { DIALECTS } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { timeLimit } from '../support/time-limits';

/**
 * Story: a client opens connections and then sends its request slowly or not at all, dripping
 * its headers, stopping half-way through its body, or keeping an idle connection open. The
 * server answers 408 (or simply closes an idle connection) once the configured time has passed,
 * instead of holding the connection for minutes. And the organisation's own front end on another
 * origin may use every method the API has.
 */

const FRONT_END = 'https://thidua.example.gov.vn';

/** What came back on a raw connection before the server closed it. */
interface Exchange {
  received: string;
  closedByServer: boolean;
}

/**
 * Opens a connection, sends `start`, then `drip` every 100 ms (if given) until the server closes
 * the connection; resolves with what the server sent. The test's own timeout bounds the wait.
 */
function slowClient(port: number, start: string, drip?: string): Promise<Exchange> {
  return new Promise((resolve) => {
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(start);
      if (drip !== undefined) timer = setInterval(() => socket.write(drip), 100);
    });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    // A write racing the server's close may fail; what matters is that the server closed.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ received, closedByServer: true });
    });
  });
}

const statusLine = (exchange: Exchange) => exchange.received.split('\r\n')[0];

const problemOf = (exchange: Exchange) =>
  JSON.parse(exchange.received.slice(exchange.received.indexOf('\r\n\r\n') + 4)) as {
    code: string;
    detailVi: string;
  };

describe.each(DIALECTS)('slow clients and other origins (%s)', (dialect) => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp(dialect, {
      HTTP_HEADERS_TIMEOUT_SECONDS: '1',
      HTTP_REQUEST_TIMEOUT_SECONDS: '2',
      HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '1',
      CORS_ORIGINS: `${FRONT_END},https://other.example.gov.vn`,
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  test(
    'a client that drips its headers gets 408 and is disconnected',
    async () => {
      const exchange = await slowClient(
        port,
        'GET /api/v1/auth/me HTTP/1.1\r\nHost: localhost\r\n',
        'X-Slow: 1\r\n',
      );
      expect(exchange.closedByServer).toBe(true);
      expect(statusLine(exchange)).toBe('HTTP/1.1 408 Request Timeout');
      expect(problemOf(exchange)).toMatchObject({
        code: 'REQUEST.TIMEOUT',
        detailVi: expect.any(String),
      });
    },
    timeLimit(20_000),
  );

  test(
    'a client that stops half-way through its body gets 408 and is disconnected',
    async () => {
      const exchange = await slowClient(
        port,
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n' +
          'Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{"username":"adm',
      );
      expect(exchange.closedByServer).toBe(true);
      expect(statusLine(exchange)).toBe('HTTP/1.1 408 Request Timeout');
      expect(problemOf(exchange).code).toBe('REQUEST.TIMEOUT');
    },
    timeLimit(20_000),
  );

  test(
    'a client that drips its body gets 408 too',
    async () => {
      const exchange = await slowClient(
        port,
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n' +
          'Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"username":"',
        'a',
      );
      expect(statusLine(exchange)).toBe('HTTP/1.1 408 Request Timeout');
    },
    timeLimit(20_000),
  );

  test(
    'an idle kept-alive connection is closed by the server after its answer',
    async () => {
      const exchange = await slowClient(
        port,
        'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n',
      );
      expect(statusLine(exchange)).toBe('HTTP/1.1 200 OK');
      expect(exchange.closedByServer).toBe(true);
    },
    timeLimit(20_000),
  );

  describe('CORS for the configured front ends', () => {
    const preflight = (path: string, method: string, origin = FRONT_END) =>
      t.http
        .options(path)
        .set('Origin', origin)
        .set('Access-Control-Request-Method', method)
        .set(
          'Access-Control-Request-Headers',
          'authorization,content-type,idempotency-key,x-csrf-token',
        );

    const listed = (header: string | undefined) =>
      (header ?? '').split(',').map((value) => value.trim().toLowerCase());

    test.each([
      ['PATCH', '/api/v1/units/0190a1b2-0000-7000-8000-000000000001'],
      ['DELETE', '/api/v1/users/0190a1b2-0000-7000-8000-000000000001/grants/x'],
      ['POST', '/api/v1/cases'],
      ['GET', '/api/v1/cases'],
    ])('the preflight allows %s and the headers the API reads', async (method, path) => {
      const response = await preflight(path, method);
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(FRONT_END);
      expect(listed(response.headers['access-control-allow-methods'])).toEqual(
        expect.arrayContaining(['get', 'post', 'patch', 'delete']),
      );
      expect(listed(response.headers['access-control-allow-headers'])).toEqual(
        expect.arrayContaining([
          'authorization',
          'content-type',
          'idempotency-key',
          'x-csrf-token',
        ]),
      );
    });

    test('another origin is not allowed', async () => {
      const response = await preflight('/api/v1/cases', 'PATCH', 'https://attacker.example');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });

    test('an answer to the front end exposes the headers a client reads', async () => {
      const response = await t.getAs(t.adminToken, '/api/v1/auth/me').set('Origin', FRONT_END);
      expect(response.status).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe(FRONT_END);
      expect(listed(response.headers['access-control-expose-headers'])).toEqual(
        expect.arrayContaining(['retry-after', 'content-disposition', 'idempotency-replayed']),
      );
    });
  });
});
