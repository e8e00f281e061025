import type { OpenAPIObject } from '@nestjs/swagger';
import { JSON_BODY_LIMIT_BYTES, LARGER_JSON_BODY_ROUTES } from './body-limits';
import { PROBLEM_JSON } from './problem-details.filter';

type Operation = {
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { description?: string; content?: unknown }>;
};

const WRITE_METHODS = ['post', 'patch', 'put', 'delete'] as const;

/** Problems a route answers that its own decorators do not name, by `METHOD /path`. */
const ROUTE_PROBLEMS: Readonly<Record<string, Readonly<Record<number, readonly string[]>>>> = {
  'post /api/v1/cases/{id}/documents': {
    413: ['REQUEST.TOO_LARGE (a file over 10 MiB)'],
    422: ['UPLOAD.QUOTA_EXCEEDED (the user’s 24-hour or the case’s document quota)'],
  },
};

/**
 * Documents what the body parser and the validation pipe answer before any route runs: every
 * route that takes a JSON body may answer 400 REQUEST.MALFORMED_JSON (including nesting over 32
 * levels) or REQUEST.BODY_NOT_OBJECT, and 413 REQUEST.TOO_LARGE over its limit (16 KiB unless
 * LARGER_JSON_BODY_ROUTES says more). Codes a route documents itself are kept; these are added.
 */
export function addRequestLimitProblems(document: OpenAPIObject): void {
  const problemSchema = document.components?.schemas?.ProblemDto
    ? { [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/ProblemDto' } } }
    : undefined;
  const limits = Object.fromEntries(
    Object.entries(LARGER_JSON_BODY_ROUTES).map(([route, bytes]) => [openApiRoute(route), bytes]),
  );
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of WRITE_METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (operation === undefined) continue;
      const route = `${method} ${path}`;
      const problems: Record<number, string[]> = {};
      if (operation.requestBody?.content?.['application/json'] !== undefined) {
        const limit = limits[route] ?? JSON_BODY_LIMIT_BYTES;
        problems[400] = ['REQUEST.MALFORMED_JSON', 'REQUEST.BODY_NOT_OBJECT'];
        problems[413] = [`REQUEST.TOO_LARGE (a body over ${limit / 1024} KiB)`];
      }
      for (const [status, codes] of Object.entries(ROUTE_PROBLEMS[route] ?? {})) {
        (problems[Number(status)] ??= []).push(...codes);
      }
      for (const [status, codes] of Object.entries(problems)) {
        const responses = (operation.responses ??= {});
        const existing = responses[status];
        const named = existing?.description ?? '';
        const missing = codes.filter((code) => !named.includes(code.split(' ')[0]));
        if (missing.length === 0) continue;
        responses[status] = {
          ...(existing ?? {}),
          description: [named, ...missing].filter(Boolean).join(', '),
          ...(existing?.content === undefined && problemSchema ? { content: problemSchema } : {}),
        };
      }
    }
  }
}

/** `POST /api/v1/cases/:id/events` → `post /api/v1/cases/{id}/events` (OpenAPI's spelling). */
function openApiRoute(route: string): string {
  const [method, path] = route.split(' ');
  return `${method.toLowerCase()} ${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}
