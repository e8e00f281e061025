import type { FastifyInstance } from 'fastify';

/**
 * Paths whose answers are never stored by a browser or a proxy unless the route chose otherwise:
 * the whole API, problem answers included. Signed-in answers carry personal data (names, dates of
 * birth, discipline records); the public ones too, and may change at any time (a notice that
 * closed, a certificate revoked), so a shared cache must not keep serving them.
 */
const API_PATHS = /^\/(api\/v1|health)(\/|\?|$)/;

/**
 * `Cache-Control: no-store` on every API answer that sets no policy of its own (a workflow
 * diagram, which holds no personal data, may be kept privately). The web app's page is already
 * no-store and its content-hashed assets immutable (see web-app.ts); Swagger UI is left alone.
 */
export function forbidCachingApiAnswers(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('cache-control') && API_PATHS.test(request.url)) {
      void reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
