import { depthOf, MAX_UNIT_DEPTH } from '../../src/domain/org/scope';
import { ImportRegistry } from '../../src/imports/import-registry';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import { countRows, csv, postImport, unitsByCode } from './import-files';

/**
 * Story: a reorganisation file moves a unit whose branch is already deep in the registry (units
 * the file does not list) under a deep parent. The branch would end up deeper than the path column
 * holds, so the row moving it is refused, by its line, before anything is written, as the admin's
 * own move of that unit would be (`UNIT.TOO_DEEP`).
 */

const UNIT_HEADER = ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Mã đơn vị cấp trên'];

/** `levels` units, `${prefix}-1` a root and each next one below the one before. */
const chain = (prefix: string, levels: number) =>
  Array.from({ length: levels }, (_, index) => [
    `${prefix}-${index + 1}`,
    `Đơn vị ${prefix} cấp ${index + 1}`,
    'ban',
    index === 0 ? '' : `${prefix}-${index}`,
  ]);

const deepest = (levels: number) =>
  `The deepest unit below it would be ${levels} levels deep; at most ${MAX_UNIT_DEPTH} are possible.`;
const deepestVi = (levels: number) =>
  `Đơn vị cấp dưới sâu nhất của nó sẽ nằm ở cấp ${levels}; tối đa ${MAX_UNIT_DEPTH} cấp.`;

describe.each(DIALECTS)('importing units: the depth of a moved branch (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    // A: 30 levels. B: 30 levels. C: 24 levels. P: a root alone. M: 30 levels. D: 20 levels.
    const created = await postImport(
      t,
      'units',
      csv([
        UNIT_HEADER,
        ...chain('A', 30),
        ...chain('B', 30),
        ...chain('C', 24),
        ['P', 'Đơn vị P', 'ban', ''],
        ...chain('M', 30),
        ...chain('D', 20),
      ]),
    );
    expect(created.body).toMatchObject({ created: 135, errorCount: 0 });
  });
  afterAll(() => t.close());

  const unitChanges = () => countRows(t, 'admin_changes', "entity = 'unit'");

  test('a unit whose registry branch would go deeper than the limit is refused by its line, nothing written', async () => {
    const before = await unitsByCode(t);
    const changesBefore = await unitChanges();
    // B-1 under A-30: B-1 at 31, and B-30 (not in the file) at 60.
    const response = await postImport(
      t,
      'units',
      csv([UNIT_HEADER, ['B-1', 'Đơn vị B cấp 1', 'ban', 'A-30']]),
    );
    expectProblem(response, 422, 'IMPORT.INVALID_ROWS');
    expect(response.body.errors).toEqual([
      { line: 2, field: 'parentCode', message: deepest(60), messageVi: deepestVi(60) },
    ]);
    const after = await unitsByCode(t);
    expect(after.get('B-1')).toEqual(before.get('B-1'));
    expect(after.get('B-30')).toEqual(before.get('B-30'));
    expect(Math.max(...[...after.values()].map((unit) => depthOf(unit.path)))).toBe(30);
    expect(await unitChanges()).toBe(changesBefore);
    // The admin's own move of B-1 there is refused alike.
    const moved = await t
      .patchAs(t.adminToken, `/api/v1/units/${before.get('B-1')!.id}`)
      .send({ parentId: before.get('A-30')!.id });
    expectProblem(moved, 422, 'UNIT.TOO_DEEP');
  });

  test(`a branch that reaches exactly ${MAX_UNIT_DEPTH} levels moves`, async () => {
    // C-1 under A-30: C-1 at 31, C-24 at 54.
    const response = await postImport(
      t,
      'units',
      csv([UNIT_HEADER, ['C-1', 'Đơn vị C cấp 1', 'ban', 'A-30']]),
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ updated: 1, skipped: 0, errorCount: 0 });
    const units = await unitsByCode(t);
    expect(depthOf(units.get('C-24')!.path)).toBe(MAX_UNIT_DEPTH);
    expect(units.get('C-24')!.path.startsWith(units.get('A-30')!.path)).toBe(true);
  });

  test('a unit moved under a parent that the same file moves deeper is refused by its line', async () => {
    const changesBefore = await unitChanges();
    // P under A-30 (P at 31) is fine on its own, and so is M-1 under P where P stands now (M-30
    // at 31); together M-30 would be 61 levels deep. With skipInvalid, P moves and M stays.
    const file = csv([
      UNIT_HEADER,
      ['M-1', 'Đơn vị M cấp 1', 'ban', 'P'],
      ['P', 'Đơn vị P', 'ban', 'A-30'],
    ]);
    const refused = await postImport(t, 'units', file);
    expectProblem(refused, 422, 'IMPORT.INVALID_ROWS');
    expect(refused.body.errors).toEqual([
      { line: 2, field: 'parentCode', message: deepest(61), messageVi: deepestVi(61) },
    ]);
    expect(await unitChanges()).toBe(changesBefore);

    const skipped = await postImport(t, 'units', file, { query: 'skipInvalid=true' });
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({ updated: 1, skipped: 1, errorCount: 1 });
    const units = await unitsByCode(t);
    expect(units.get('P')).toMatchObject({ parent_id: units.get('A-30')!.id });
    expect(units.get('M-1')).toMatchObject({ parent_id: null, path: `/${units.get('M-1')!.id}/` });
    expect(depthOf(units.get('M-30')!.path)).toBe(30);
  });

  test('units an admin adds below a moved unit after the check: the batch is refused, not written too deep', async () => {
    // D-1 under A-30 fits when checked (D-20 at 50); just after, the admin adds 5 levels below
    // D-20, which fit where D stands (25), not where the file moves it (55).
    const registry = t.app.get(ImportRegistry);
    const read = registry.deepestUnder.bind(registry);
    const spy = jest.spyOn(registry, 'deepestUnder').mockImplementation(async (paths) => {
      const found = await read(paths);
      let parentId = (await unitsByCode(t)).get('D-20')!.id;
      for (let level = 21; level <= 25; level += 1) {
        const added = await t
          .postAs(t.adminToken, '/api/v1/units')
          .send({ code: `D-${level}`, name: `Đơn vị D cấp ${level}`, kind: 'board', parentId });
        expect(added.status).toBe(201);
        parentId = added.body.id;
      }
      return found;
    });
    let refused;
    try {
      refused = await postImport(
        t,
        'units',
        csv([UNIT_HEADER, ['D-1', 'Đơn vị D cấp 1', 'ban', 'A-30']]),
      );
    } finally {
      spy.mockRestore();
    }
    expectProblem(refused, 409, 'IMPORT.CONCURRENT_CHANGE');
    expect(refused.body).toMatchObject({ lines: [2], rowsWritten: 0 });
    const units = await unitsByCode(t);
    expect(units.get('D-1')).toMatchObject({ parent_id: null });
    expect(depthOf(units.get('D-25')!.path)).toBe(25);
  });
});
