import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

/**
 * JSON only: a text/plain body is refused with 415 rather than validated as a string, and malformed
 * JSON gets its own stable code. Parsing itself stays Fastify's (secure-json-parse, which refuses
 * `__proto__` and `constructor.prototype` keys).
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (error, value) => {
      if (!error) return done(null, value);
      done(
        new AppError(
          'REQUEST.MALFORMED_JSON',
          'invalid',
          error.message,
          {},
          { vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: error.message },
        ),
        undefined,
      );
    });
  });
}
