import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The OpenAPI document as a client generator needs it (the standard: every route has a summary,
 * typed request and response schemas, and its error responses). Read from the running app, so it
 * is the document GET /api/docs-json serves. Each failure names the operation and what it lacks.
 */

interface Operation {
  summary?: string;
  security?: unknown[];
  parameters?: { in: string; name: string; schema?: { enum?: unknown[] } }[];
  requestBody?: unknown;
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** What one operation lacks, in words; empty when it is complete. */
function gapsOf(operation: Operation): string[] {
  const responses = operation.responses ?? {};
  const parameters = operation.parameters ?? [];
  const gaps: string[] = [];
  if (!operation.summary?.trim()) gaps.push('a summary');
  const success = Object.keys(responses).filter((status) => /^2\d\d$/.test(status));
  const typed = success.some(
    (status) =>
      status === '204' ||
      Object.values(responses[status].content ?? {}).some((media) => media.schema !== undefined),
  );
  if (!typed) gaps.push('a typed success response');
  if (operation.security !== undefined && !('401' in responses)) gaps.push('its 401');
  // A path parameter of a fixed list (an enum) answers an unknown value with 400, not 404.
  const looksUp = parameters.some((p) => p.in === 'path' && p.schema?.enum === undefined);
  if (looksUp && !('404' in responses)) gaps.push('its 404');
  const takesInput =
    operation.requestBody !== undefined || parameters.some((p) => p.in === 'query');
  if (takesInput && !('400' in responses)) gaps.push('its 400');
  for (const [status, response] of Object.entries(responses)) {
    if (/^4\d\d$/.test(status) && response.content === undefined) {
      gaps.push(`a problem schema for ${status}`);
    }
  }
  return gaps;
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    const answer = await t.http.get('/api/docs-json');
    expect(answer.status).toBe(200);
    paths = answer.body.paths;
  });
  afterAll(() => t.close());

  test('documents every route: a summary, a typed answer, and its errors', () => {
    const incomplete = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .map(([method, operation]) => ({ method, path, gaps: gapsOf(operation) }))
        .filter(({ gaps }) => gaps.length > 0)
        .map(({ method, path, gaps }) => `${method.toUpperCase()} ${path}: ${gaps.join(', ')}`),
    );
    expect(incomplete).toEqual([]);
  });

  test('the check itself finds what an operation lacks', () => {
    expect(gapsOf({ security: [{}], parameters: [{ in: 'path', name: 'id' }] })).toEqual([
      'a summary',
      'a typed success response',
      'its 401',
      'its 404',
    ]);
    expect(
      gapsOf({
        summary: 'One thing',
        parameters: [{ in: 'query', name: 'q' }],
        responses: { 200: { content: { 'application/json': { schema: {} } } }, 400: {} },
      }),
    ).toEqual(['a problem schema for 400']);
    const fixedList = { in: 'path', name: 'kind', schema: { enum: ['people', 'units'] } };
    expect(
      gapsOf({
        summary: 'A template',
        parameters: [fixedList],
        responses: { 200: { content: { 'text/csv': { schema: {} } } } },
      }),
    ).toEqual([]);
  });
});
