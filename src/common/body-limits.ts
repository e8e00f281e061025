import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * Every JSON command (sign-in, password, users, units, people, decisions) fits in 16 KiB with
 * room to spare: the longest is a 1,024-character password, 6 bytes a character if a client
 * escapes it as \uXXXX. Reading, scanning and parsing 16 KiB costs well under a millisecond, so
 * no route that answers before sign-in can be made to burn the CPU.
 */
export const JSON_BODY_LIMIT_BYTES = 16 * 1024;

/**
 * Case data and event payloads: each at most 64 KiB of JSON as stored (checked by the engine),
 * which a client escaping every Vietnamese letter as \uXXXX sends as up to twice that.
 */
export const CASE_COMMAND_BODY_LIMIT_BYTES = 256 * 1024;

/**
 * A bulk emulation registration: a unit and up to 500 of its people, each with award codes and
 * pledges; a few hundred bytes a person as usually filled in (each case's data is still held to
 * 64 KiB by the engine).
 */
export const BULK_REGISTRATION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * A public objection: up to 4,400 characters of text, which a client that escapes non-ASCII
 * letters (Python's json module does by default) sends as about 27 KB.
 */
export const OBJECTION_BODY_LIMIT_BYTES = 32 * 1024;

/**
 * The routes whose JSON bodies may be larger than JSON_BODY_LIMIT_BYTES, as Fastify names them.
 * A route-level limit replaces every parser's own, so none of these routes may also take a file
 * (dossier documents and spreadsheets keep their parsers' limits by not being listed here).
 */
export const LARGER_JSON_BODY_ROUTES: Readonly<Record<string, number>> = {
  'POST /api/v1/cases': CASE_COMMAND_BODY_LIMIT_BYTES,
  'POST /api/v1/cases/:id/events': CASE_COMMAND_BODY_LIMIT_BYTES,
  'POST /api/v1/public/notices/:id/objections': OBJECTION_BODY_LIMIT_BYTES,
  'POST /api/v1/movements/:id/registrations/bulk': BULK_REGISTRATION_BODY_LIMIT_BYTES,
};

/**
 * Gives the routes of LARGER_JSON_BODY_ROUTES their limit as they are registered (Fastify stops
 * reading a body at its route's limit and answers 413). Returns a check to run once every route
 * is registered: a listed route that no longer exists (renamed, moved) stops the start-up, so the
 * table cannot silently stop applying.
 */
export function limitBodiesPerRoute(fastify: FastifyInstance): () => void {
  const applied = new Set<string>();
  fastify.addHook('onRoute', (route: RouteOptions) => {
    for (const method of [route.method].flat()) {
      const key = `${method} ${route.url}`;
      const limit = LARGER_JSON_BODY_ROUTES[key];
      if (limit !== undefined) {
        route.bodyLimit = limit;
        applied.add(key);
      }
    }
  });
  return () => {
    const missing = Object.keys(LARGER_JSON_BODY_ROUTES).filter((key) => !applied.has(key));
    if (missing.length > 0) {
      throw new Error(
        `Body limits name routes that do not exist: ${missing.join(', ')} ` +
          '(update LARGER_JSON_BODY_ROUTES in src/common/body-limits.ts)',
      );
    }
  };
}
