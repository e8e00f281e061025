import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { JSON_BODY_LIMIT_BYTES } from './body-limits';
import { AppError } from './errors';
import { nestedDeeperThan } from './json-depth';
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
 * than validated as a string. JSON bodies are small (JSON_BODY_LIMIT_BYTES, more on the few
 * routes of LARGER_JSON_BODY_ROUTES). Absurd nesting is refused by a scan of the text before
 * anything is parsed; parsing stays Fastify's (secure-json-parse, which refuses `__proto__` and
 * `constructor.prototype` keys); values no database or hash can hold faithfully (NUL characters,
 * infinite numbers such as 1e400) are refused after it.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT_BYTES },
    (request, body, done) => {
      const text = body as string;
      if (nestedDeeperThan(text, MAX_JSON_DEPTH)) {
        return done(
          invalidJson(
            `JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
            `Nội dung JSON lồng nhau quá ${MAX_JSON_DEPTH} tầng.`,
          ),
          undefined,
        );
      }
      parseJson(request, text, (error, value) => {
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
    },
  );
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

/**
 * Why `value` cannot be stored and hashed faithfully, or null. Iterative (no stack to exhaust),
 * and without a list of entries per object (five times cheaper on a body of many small objects).
 */
function unrepresentable(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) return 'a number is too large to represent';
    } else if (typeof current === 'string') {
      if (current.includes('\u0000')) return 'a string contains a NUL character';
    } else if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index++) stack.push(current[index]);
    } else if (typeof current === 'object' && current !== null) {
      const object = current as Record<string, unknown>;
      for (const key in object) {
        if (key.includes('\u0000')) return 'a key contains a NUL character';
        stack.push(object[key]);
      }
    }
  }
  return null;
}
