import type { Response } from 'supertest';
import { expectProblem, type TestApp } from './test-app';

/** An output asked for in a language other than vi or en: 400 VALIDATION.FAILED naming `lang`. */
export function expectLanguageRefused(response: Response): void {
  expectProblem(response, 400, 'VALIDATION.FAILED');
  expect(response.body.errors).toEqual([
    expect.objectContaining({ field: 'lang', messages: ['lang must be vi or en'] }),
  ]);
}

/** The OpenAPI document names the operation's `lang`: optional, vi or en, vi by default. */
export async function expectLanguageDocumented(t: TestApp, path: string): Promise<void> {
  const document = await t.http.get('/api/docs-json');
  expect(document.body.paths[path].get.parameters).toContainEqual(
    expect.objectContaining({
      in: 'query',
      name: 'lang',
      required: false,
      schema: expect.objectContaining({ enum: ['vi', 'en'], default: 'vi' }),
    }),
  );
}
