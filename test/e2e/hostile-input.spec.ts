import { DIALECTS } from '../support/databases';
import { expectProblem, nominationData, startTestApp, type TestApp } from '../support/test-app';

/**
 * Story: someone sends what no form would: NUL characters, numbers JSON cannot hold, absurdly
 * nested bodies, a spreadsheet to a JSON route, names made of spaces, two conflicting moves at
 * once. Each gets a clear 4xx (never a 500) and changes nothing it should not.
 */
describe.each(DIALECTS)('hostile input (%s)', (dialect) => {
  let t: TestApp;
  let leader: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [leader] = await t.tokensFor('unit_leader');
  });
  afterAll(() => t.close());

  /** Built as text: the test runner itself would overflow building or printing such an object. */
  const nested = (depth: number) => `${'{"level":'.repeat(depth)}"đáy"${'}'.repeat(depth)}`;

  test.each([
    ['a NUL character in a string', '{"username":"ad\\u0000min","password":"x"}'],
    ['a NUL character in a key', '{"user\\u0000name":"admin","password":"x"}'],
    ['a number JSON cannot hold', '{"username":"admin","password":"x","n":1e400}'],
    // 1,000 levels: 10 KB, within the 16 KiB a sign-in may send (a larger body is a 413).
    ['nesting 1,000 levels deep', `{"username":"admin","password":"x","deep":${nested(1000)}}`],
  ])('%s is refused as malformed JSON before anything else', async (_label, body) => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(body);
    expectProblem(response, 400, 'REQUEST.MALFORMED_JSON');
  });

  test('a case whose data holds an infinite number is refused and not opened', async () => {
    const subject = await t.personSubject('Nguyễn Văn Vô Cực');
    const before = (await t.listCases(leader)).body.items.length;
    const response = await t.http
      .post('/api/v1/cases')
      .auth(leader, { type: 'bearer' })
      .set('content-type', 'application/json')
      .send(`{"type":"nomination","subject":${JSON.stringify(subject)},"data":{"x":-1e999}}`);
    expectProblem(response, 400, 'REQUEST.MALFORMED_JSON');
    expect((await t.listCases(leader)).body.items.length).toBe(before);
  });

  test('numbers beyond what a version can be are refused, not a 500 (found by the fuzz)', async () => {
    const opened = await t.openCase(leader, {
      type: 'nomination',
      subject: await t.personSubject('Trịnh Văn Số Lớn'),
      data: nominationData(),
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    expectProblem(
      await t.getAs(leader, `/api/v1/cases/${id}/history?afterSeq=99999999999999999999`),
      400,
      'VALIDATION.FAILED',
    );
    expectProblem(
      await t.sendEvent(leader, id, 'SUBMIT', undefined, { expectedVersion: 1e20 }),
      400,
      'VALIDATION.FAILED',
    );
    expect((await t.getCase(leader, id)).body.version).toBe(1);
  });

  test('a NUL character in the query string is refused', async () => {
    expectProblem(await t.getAs(leader, '/api/v1/people?q=a%00b'), 400, 'REQUEST.INVALID');
  });

  test('a spreadsheet sent to a JSON route is refused with 415, unauthenticated or not', async () => {
    const big = 'a,b\n'.repeat(200_000);
    const response = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'text/csv')
      .send(big);
    expectProblem(response, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
  });

  test.each([
    [
      'a unit name of spaces',
      '/api/v1/units',
      { code: 'SPACES', name: '    ', kind: 'agency' },
      'name',
    ],
    [
      'a display name of spaces',
      '/api/v1/users',
      {
        username: 'khoang.trang',
        displayName: '   ',
        password: 'a-long-test-password',
        grants: [{ role: 'auditor' }],
      },
      'displayName',
    ],
    [
      'a password of spaces',
      '/api/v1/users',
      {
        username: 'mat.khau.rong',
        displayName: 'Mật khẩu rỗng',
        password: ' '.repeat(16),
        grants: [{ role: 'auditor' }],
      },
      'password',
    ],
  ])('%s is refused, naming the field', async (_label, path, body, field) => {
    const response = await t.postAs(t.adminToken, path).send(body);
    expectProblem(response, 400, 'VALIDATION.FAILED');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  test('two moves that would make a cycle, sent together: one wins, the tree stays a tree', async () => {
    const c = await t.createUnit('Chi bộ C', 'party_cell');
    const d = await t.createUnit('Chi bộ D', 'party_cell');
    const patch = (id: string, parentId: string) =>
      t.http.patch(`/api/v1/units/${id}`).auth(t.adminToken, { type: 'bearer' }).send({ parentId });
    const answers = await Promise.all([patch(c.id, d.id), patch(d.id, c.id)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422]);
    const refused = answers.find((answer) => answer.status === 422)!;
    expect(refused.body.code).toBe('UNIT.MOVE_INTO_OWN_SUBTREE');
    const [unitC, unitD] = await Promise.all([
      t.getAs(t.adminToken, `/api/v1/units/${c.id}`),
      t.getAs(t.adminToken, `/api/v1/units/${d.id}`),
    ]);
    const paths = [unitC.body.path as string, unitD.body.path as string];
    // Exactly one is inside the other, and each path ends with the unit's own id.
    expect(paths[0].startsWith(paths[1]) !== paths[1].startsWith(paths[0])).toBe(true);
    expect(unitC.body.path.endsWith(`/${c.id}/`)).toBe(true);
    expect(unitD.body.path.endsWith(`/${d.id}/`)).toBe(true);
  });
});
