import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors';
import { PROBLEM_JSON, problemBody } from './problem-details.filter';

export const CSV_MEDIA_TYPE = 'text/csv';
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Spreadsheets of a whole organisation (10,000+ rows) are larger than any JSON command. */
export const SPREADSHEET_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

/** Only these routes take a spreadsheet body; anywhere else it is refused before it is read. */
const SPREADSHEET_ROUTES = '/api/v1/imports/';

/** Dossier documents: the file itself as the body, on the upload route only. */
export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const DOCUMENT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
const DOCUMENT_ROUTE = /^\/api\/v1\/cases\/[^/?]+\/documents(\?|$)/;

/** No legitimate command nests deeper than this; deeper input only serves to exhaust the stack. */
const MAX_JSON_DEPTH = 32;

const invalidJson = (en: string, vi: string) =>
  new AppError('REQUEST.MALFORMED_JSON', 'invalid', en, {}, { vi, en });

/**
 * JSON, plus CSV and XLSX for the import routes: any other media type is refused with 415 rather
 * than validated as a string. JSON parsing stays Fastify's (secure-json-parse, which refuses
 * `__proto__` and `constructor.prototype` keys); on top, values no database or hash can hold
 * faithfully (NUL characters, infinite numbers such as 1e400) and absurd nesting are refused.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (error, value) => {
      if (error) {
        return done(
          invalidJson(error.message, 'Nội dung gửi lên không phải JSON hợp lệ.'),
          undefined,
        );
      }
      const problem = unrepresentable(value);
      if (problem)
        return done(invalidJson(problem, 'Nội dung có giá trị không hợp lệ.'), undefined);
      done(null, value);
    });
  });
  for (const mediaType of [CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE]) {
    fastify.addContentTypeParser(
      mediaType,
      { parseAs: 'buffer', bodyLimit: SPREADSHEET_BODY_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
  }
  for (const mediaType of DOCUMENT_MEDIA_TYPES) {
    fastify.addContentTypeParser(
      mediaType,
      { parseAs: 'buffer', bodyLimit: DOCUMENT_BODY_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
  }
  fastify.addHook('onRequest', refuseBeforeReading);
}

/** Runs before the body is read: a NUL in the URL, or a spreadsheet sent to a JSON route. */
function refuseBeforeReading(request: FastifyRequest, reply: FastifyReply, done: () => void) {
  const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const spreadsheet = contentType === CSV_MEDIA_TYPE || contentType === XLSX_MEDIA_TYPE;
  if (spreadsheet && !request.url.startsWith(SPREADSHEET_ROUTES)) {
    return answer(reply, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'This route accepts JSON only.');
  }
  const document = (DOCUMENT_MEDIA_TYPES as readonly string[]).includes(contentType);
  if (document && (request.method !== 'POST' || !DOCUMENT_ROUTE.test(request.url))) {
    return answer(reply, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'This route accepts JSON only.');
  }
  if (request.url.includes('%00') || request.url.includes('\u0000')) {
    return answer(reply, 400, 'REQUEST.INVALID', 'The URL contains a NUL character.');
  }
  done();
}

function answer(reply: FastifyReply, status: number, code: string, detail: string): void {
  void reply
    .status(status)
    .header('content-type', PROBLEM_JSON)
    .send(problemBody(status, code, detail));
}

/** Why `value` cannot be stored and hashed faithfully, or null. Iterative: no stack to exhaust. */
function unrepresentable(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) return `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
    if (typeof current === 'number' && !Number.isFinite(current)) {
      return 'a number is too large to represent';
    }
    if (typeof current === 'string' && current.includes('\u0000')) {
      return 'a string contains a NUL character';
    }
    if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes('\u0000')) return 'a key contains a NUL character';
        stack.push([child, depth + 1]);
      }
    }
  }
  return null;
}
