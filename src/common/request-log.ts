import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';

/** Probed by load balancers every few seconds: logging each probe would drown the log. */
const UNLOGGED_URLS = new Set(['/health']);

/**
 * One log line per answered request (method, URL, status, time, Fastify's request id), written
 * from a Fastify hook with the root logger. pino-http did the same through a middleware that gave
 * every request a child logger and an AsyncLocalStorage context (nestjs-pino's way of tagging a
 * service's log lines with their request): measurable on every transition, and no service here
 * logs per request. Request headers are not logged, so there is no token or cookie to redact.
 */
export function logAnsweredRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    // Set once the app is initialised (LoggerModule builds it), read here at the first answer.
    const logger = PinoLogger.root;
    if (logger?.isLevelEnabled('info') && !UNLOGGED_URLS.has(request.url)) {
      logger.info(
        // Flat fields: the root logger's `req`/`res` serializers expect Node's own objects.
        {
          reqId: request.id,
          method: request.method,
          url: request.url,
          remoteAddress: request.ip,
          statusCode: reply.statusCode,
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}
