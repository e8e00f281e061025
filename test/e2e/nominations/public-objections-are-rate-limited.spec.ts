import { randomUUID } from 'node:crypto';
import { DIALECTS } from '../../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../../support/test-app';

/**
 * Story: someone scripts the public objection form. Past the configured number of objections a
 * minute from one address, they get 429 (problem details) and nothing reaches the cases; reading
 * the public notice list is not limited.
 */
describe.each(DIALECTS)('public objections are rate-limited (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    process.env.PUBLIC_OBJECTIONS_PER_MINUTE = '2';
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    delete process.env.PUBLIC_OBJECTIONS_PER_MINUTE;
    await t.close();
  });

  test('the third objection in a minute is refused with 429', async () => {
    const objection = { objection: 'Người này đã vi phạm luật giao thông năm nay.' };
    for (let i = 0; i < 2; i++) {
      const response = await t.http
        .post(`/api/v1/public/notices/${randomUUID()}/objections`)
        .send(objection);
      expectProblem(response, 404, 'NOTICE.NOT_FOUND');
    }
    const limited = await t.http
      .post(`/api/v1/public/notices/${randomUUID()}/objections`)
      .send(objection);
    expectProblem(limited, 429, 'REQUEST.TOO_MANY');
    for (let i = 0; i < 5; i++) {
      await t.http.get('/api/v1/public/notices').expect(200);
    }
  });
});
