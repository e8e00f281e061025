import type { ServerOptions } from 'node:http';
import type { AppConfig } from '../config/app-config';

/** The server options that bound how long a connection may take over each part of a request. */
export interface ConnectionLimits {
  /** Socket inactivity, either way (Fastify's name; Node's `server.timeout`). */
  connectionTimeout: number;
  keepAliveTimeout: number;
  requestTimeout: number;
  http: ServerOptions;
}

/**
 * Node.js closes a slow request only when it next checks its connections (every 30 s unless
 * told otherwise), so a 20 s headers timeout could let a client hold on for 50 s. Checking a few
 * times within the shortest timeout costs one walk over the open connections each time.
 */
const CHECKS_PER_TIMEOUT = 4;
const CHECK_INTERVAL_MS = { min: 250, max: 5_000 };

/**
 * Every timeout set explicitly (Fastify leaves the request timeout off, and Node's defaults
 * let a client drip its headers for a minute and its body for ever):
 * - headers: the request line and headers (408, then the connection is closed);
 * - request: the whole request, body included (408, then closed);
 * - keep-alive: an idle connection between two requests (closed);
 * - connection: nothing moving on the socket either way, e.g. a client that stopped reading an
 *   answer (closed).
 * The 408s are written by `answerClientError` (src/common/problem-details.filter.ts).
 */
export function connectionLimits({ httpTimeouts }: AppConfig): ConnectionLimits {
  const shortest = Math.min(httpTimeouts.headersMs, httpTimeouts.requestMs);
  const checkInterval = Math.min(
    CHECK_INTERVAL_MS.max,
    Math.max(CHECK_INTERVAL_MS.min, Math.floor(shortest / CHECKS_PER_TIMEOUT)),
  );
  return {
    connectionTimeout: httpTimeouts.idleMs,
    keepAliveTimeout: httpTimeouts.keepAliveMs,
    requestTimeout: httpTimeouts.requestMs,
    // Fastify sets the last two on the server it creates; Node reads the others only here.
    http: {
      headersTimeout: httpTimeouts.headersMs,
      requestTimeout: httpTimeouts.requestMs,
      keepAliveTimeout: httpTimeouts.keepAliveMs,
      connectionsCheckingInterval: checkInterval,
    },
  };
}
