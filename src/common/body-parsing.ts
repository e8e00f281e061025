import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

export const CSV_MEDIA_TYPE = 'text/csv';
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Spreadsheets of a whole organisation (10,000+ rows) are larger than any JSON command. */
export const SPREADSHEET_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

/**
 * JSON, plus CSV and XLSX for the import routes: any other media type is refused with 415 rather
 * than validated as a string, and malformed JSON gets its own stable code. JSON parsing itself
 * stays Fastify's (secure-json-parse, which refuses `__proto__` and `constructor.prototype` keys).
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
  fastify.addContentTypeParser(
    CSV_MEDIA_TYPE,
    { parseAs: 'buffer', bodyLimit: SPREADSHEET_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
  fastify.addContentTypeParser(
    XLSX_MEDIA_TYPE,
    { parseAs: 'buffer', bodyLimit: SPREADSHEET_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
}
