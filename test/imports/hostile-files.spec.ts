import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';

/** Found by the API fuzz: a NUL in a CSV cell reached PostgreSQL and gave a 500. */
describe.each(DIALECTS)('an import file with a NUL character (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  test.each([
    ['in a parent code', 'code,name,kind,parentCode\nA,Đơn vị A,agency,\u0000\n'],
    ['in a name', 'code,name,kind\nA,Đơn\u0000vị,agency\n'],
  ])('%s is refused as unreadable, naming the line, and imports nothing', async (_label, csv) => {
    const before = (await t.getAs(t.adminToken, '/api/v1/units?limit=100')).body.items.length;
    const response = await t
      .postAs(t.adminToken, '/api/v1/imports/units')
      .set('content-type', 'text/csv')
      .send(csv);
    expectProblem(response, 400, 'IMPORT.UNREADABLE_FILE');
    expect(response.body.line).toBe(2);
    const after = (await t.getAs(t.adminToken, '/api/v1/units?limit=100')).body.items.length;
    expect(after).toBe(before);
  });
});
