import { ImportRegistry } from '../../src/imports/import-registry';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import { countRows, csv, postImport, query, unitsByCode, XLSX, xlsx } from './import-files';

/**
 * Story: the organisation office loads the unit tree (Party committee, grassroots organisations,
 * cells, agencies) from a spreadsheet listed in any order, later reloads it with a reorganisation
 * in it, and is stopped, with the rows named, when the file would make a unit its own ancestor.
 */

const UNIT_HEADER = ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Mã đơn vị cấp trên', 'Hoạt động'];

/** Children listed before their parents, as exports sorted by name often are. */
const TREE = csv(
  [
    UNIT_HEADER,
    ['CB-KT', 'Chi bộ Kỹ thuật', 'Chi bộ', 'DBCS-1', ''],
    ['CB-VP', 'Chi bộ Văn phòng', 'chi bộ', 'DBCS-1', 'x'],
    ['DBCS-1', 'Đảng bộ cơ sở Công ty 1', 'Đảng bộ cơ sở', 'DU', ''],
    ['BTC', 'Ban Tổ chức', 'Ban', 'DU', ''],
    ['DTN', 'Đoàn Thanh niên', 'đoàn thanh niên', 'DU', 'không'],
    ['DU', 'Đảng ủy Khối Doanh nghiệp', 'Đảng ủy', '', ''],
  ],
  ';',
);

describe.each(DIALECTS)('importing units (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  const unitChanges = () => countRows(t, 'admin_changes', "entity = 'unit'");

  test('a tree whose parents come later in the file is built top-down', async () => {
    const response = await postImport(t, 'units', TREE);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      created: 6,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      errors: [],
      errorCount: 0,
    });

    const units = await unitsByCode(t);
    const du = units.get('DU')!;
    const dbcs = units.get('DBCS-1')!;
    expect(du).toMatchObject({ parent_id: null, path: `/${du.id}/`, kind: 'party_committee' });
    expect(dbcs).toMatchObject({ parent_id: du.id, path: `/${du.id}/${dbcs.id}/` });
    for (const code of ['CB-KT', 'CB-VP']) {
      const cell = units.get(code)!;
      expect(cell).toMatchObject({ parent_id: dbcs.id, path: `${dbcs.path}${cell.id}/` });
    }
    expect(units.get('DTN')).toMatchObject({ kind: 'mass_organisation' });
    const inactive = await query<{ code: string }>(
      t,
      'SELECT code FROM units WHERE active = false',
    );
    expect(inactive).toEqual([{ code: 'DTN' }]);
    expect(await unitChanges()).toBe(6);
  });

  test('importing the same tree again changes nothing and records nothing', async () => {
    const changesBefore = await unitChanges();
    const response = await postImport(t, 'units', TREE);
    expect(response.body).toEqual({
      created: 0,
      updated: 0,
      unchanged: 6,
      skipped: 0,
      errors: [],
      errorCount: 0,
    });
    expect(await unitChanges()).toBe(changesBefore);
  });

  test('a new parent moves a unit with its whole subtree, including units not in the file', async () => {
    const workbook = await xlsx([
      ['Mã', 'Tên', 'Loại', 'Đơn vị cấp trên'],
      ['DBCS-1', 'Đảng bộ cơ sở Công ty 1', 'Tổ chức cơ sở đảng', 'BTC'],
      ['BTC', 'Ban Tổ chức Đảng ủy Khối', 'ban', 'DU'],
    ]);
    const response = await postImport(t, 'units', workbook, { contentType: XLSX });
    expect(response.body).toEqual({
      created: 0,
      updated: 2,
      unchanged: 0,
      skipped: 0,
      errors: [],
      errorCount: 0,
    });

    const units = await unitsByCode(t);
    const [du, btc, dbcs] = ['DU', 'BTC', 'DBCS-1'].map((code) => units.get(code)!);
    expect(btc.name).toBe('Ban Tổ chức Đảng ủy Khối');
    expect(dbcs).toMatchObject({ parent_id: btc.id, path: `/${du.id}/${btc.id}/${dbcs.id}/` });
    for (const code of ['CB-KT', 'CB-VP']) {
      expect(units.get(code)!.path).toBe(`${dbcs.path}${units.get(code)!.id}/`);
    }
    const [move] = await query<{ before_json: string; after_json: string }>(
      t,
      "SELECT before_json, after_json FROM admin_changes WHERE action = 'import_update' " +
        `AND entity_id = '${dbcs.id}'`,
    );
    expect(JSON.parse(move.before_json)).toMatchObject({ parentId: du.id });
    expect(JSON.parse(move.after_json)).toMatchObject({ parentId: btc.id, path: dbcs.path });
    // The cells below it moved with it: each one's log says so.
    for (const code of ['CB-KT', 'CB-VP']) {
      const cell = units.get(code)!;
      const moves = await query<{ before_json: string; after_json: string }>(
        t,
        "SELECT before_json, after_json FROM admin_changes WHERE action = 'move_with_ancestor' " +
          `AND entity_id = '${cell.id}'`,
      );
      expect(
        moves.map((row) => [JSON.parse(row.before_json).path, JSON.parse(row.after_json).path]),
      ).toEqual([[`/${du.id}/${dbcs.id}/${cell.id}/`, cell.path]]);
    }
  });

  test('a cycle is refused, naming its rows, and nothing is written', async () => {
    const unitsBefore = await countRows(t, 'units');
    const changesBefore = await unitChanges();
    const response = await postImport(
      t,
      'units',
      csv([
        UNIT_HEADER,
        ['MOI-1', 'Văn phòng mới', 'Văn phòng', 'DU', ''],
        ['DU', 'Đảng ủy Khối Doanh nghiệp', 'Đảng ủy', 'CB-KT', ''],
        ['X-1', 'Ban X1', 'ban', 'X-2', ''],
        ['X-2', 'Ban X2', 'ban', 'X-1', ''],
        ['X-3', 'Ban X3', 'ban', 'X-3', ''],
      ]),
    );
    expectProblem(response, 422, 'IMPORT.INVALID_ROWS');
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        line: 3,
        field: 'parentCode',
        message: 'The parent links form a cycle: "DU" → "CB-KT" → … → "DU".',
      }),
      expect.objectContaining({ line: 4, message: expect.stringContaining('"X-1" → "X-2"') }),
      expect.objectContaining({ line: 5, message: expect.stringContaining('cycle') }),
      expect.objectContaining({ line: 6, message: 'A unit cannot be its own parent.' }),
    ]);
    expect(await countRows(t, 'units')).toBe(unitsBefore);
    expect(await unitChanges()).toBe(changesBefore);
  });

  describe('a move an admin makes after the file was checked', () => {
    /** Imports `file` while the admin moves `unitId` under `parentId` just after the check's read. */
    const importWhileMoving = async (file: string, unitId: string, parentId: string) => {
      const registry = t.app.get(ImportRegistry);
      const read = registry.unitsByCodes.bind(registry);
      const spy = jest.spyOn(registry, 'unitsByCodes').mockImplementation(async (codes) => {
        const found = await read(codes);
        const moved = await t.patchAs(t.adminToken, `/api/v1/units/${unitId}`).send({ parentId });
        expect(moved.status).toBe(200);
        return found;
      });
      try {
        return await postImport(t, 'units', file);
      } finally {
        spy.mockRestore();
      }
    };
    const setUp = async (prefix: string) => {
      const created = await postImport(
        t,
        'units',
        csv([
          UNIT_HEADER,
          [`${prefix}-A`, 'Đội A', 'ban', '', ''],
          [`${prefix}-B`, 'Đội B', 'ban', '', ''],
          [`${prefix}-C`, 'Tổ C', 'ban', `${prefix}-A`, ''],
        ]),
      );
      expect(created.body).toMatchObject({ created: 3 });
      const units = await unitsByCode(t);
      return [`${prefix}-A`, `${prefix}-B`, `${prefix}-C`].map((code) => units.get(code)!);
    };

    test('a unit below the moved one is not written back with its old path', async () => {
      const [a, b] = await setUp('M1');
      const changesBefore = await unitChanges();
      const refused = await importWhileMoving(
        csv([UNIT_HEADER, ['M1-C', 'Tổ C (đổi tên)', 'ban', 'M1-A', '']]),
        a.id,
        b.id,
      );
      expectProblem(refused, 409, 'IMPORT.CONCURRENT_CHANGE');
      expect(refused.body).toMatchObject({ lines: [2], rowsWritten: 0 });
      const c = (await unitsByCode(t)).get('M1-C')!;
      expect(c).toMatchObject({ name: 'Tổ C', path: `/${b.id}/${a.id}/${c.id}/` });
      // The admin's move and its record on Tổ C are all the log gained.
      expect(await unitChanges()).toBe(changesBefore + 2);
    });

    test('a new unit is not created under a parent that moved', async () => {
      const [a, b] = await setUp('M2');
      const refused = await importWhileMoving(
        csv([UNIT_HEADER, ['M2-D', 'Tổ D', 'ban', 'M2-A', '']]),
        a.id,
        b.id,
      );
      expectProblem(refused, 409, 'IMPORT.CONCURRENT_CHANGE');
      expect((await unitsByCode(t)).has('M2-D')).toBe(false);
    });

    test('two moves that would make a cycle: the import is refused, the tree stays a tree', async () => {
      // The file moves Đội B under Đội A; meanwhile the admin moves Đội A under Đội B.
      const [a, b] = await setUp('M3');
      const refused = await importWhileMoving(
        csv([UNIT_HEADER, ['M3-B', 'Đội B', 'ban', 'M3-A', '']]),
        a.id,
        b.id,
      );
      expectProblem(refused, 409, 'IMPORT.CONCURRENT_CHANGE');
      const units = await unitsByCode(t);
      expect(units.get('M3-B')).toMatchObject({ parent_id: null, path: `/${b.id}/` });
      expect(units.get('M3-A')).toMatchObject({ parent_id: b.id, path: `/${b.id}/${a.id}/` });
    });
  });

  test('two imports of the same new units at once never fail with a 500', async () => {
    const file = csv([
      UNIT_HEADER,
      ['SONG', 'Cơ quan song song', 'cơ quan', '', ''],
      ...Array.from({ length: 200 }, (_, i) => [`SONG-${i}`, `Tổ ${i}`, 'ban', 'SONG', '']),
    ]);
    const responses = await Promise.all([
      postImport(t, 'units', file),
      postImport(t, 'units', file),
    ]);
    for (const response of responses) {
      if (response.status !== 200) expectProblem(response, 409, 'IMPORT.CONCURRENT_CHANGE');
    }
    expect(responses.filter((response) => response.status === 200).length).toBeGreaterThan(0);
    expect(await countRows(t, 'units', "code LIKE 'SONG%'")).toBe(201);
  });

  test('the import routes are documented as taking CSV or XLSX bodies, as jobs, with their limits', async () => {
    const document = (await t.http.get('/api/docs-json')).body;
    for (const path of [
      '/api/v1/imports/units',
      '/api/v1/imports/people',
      '/api/v1/imports/awards',
    ]) {
      const operation = document.paths[path].post;
      expect(operation.tags).toEqual(['imports']);
      expect(Object.keys(operation.requestBody.content).sort()).toEqual([XLSX, 'text/csv']);
      expect(operation.parameters).toEqual([
        expect.objectContaining({ name: 'skipInvalid', in: 'query', required: false }),
        expect.objectContaining({ name: 'Prefer', in: 'header', required: false }),
      ]);
      expect(Object.keys(operation.responses).sort()).toEqual([
        '200',
        '202',
        '400',
        '401',
        '403',
        '409',
        '413',
        '415',
        '422',
        '503',
      ]);
      expect(operation.responses['422'].description).toContain('IMPORT.TOO_MANY_COLUMNS');
      expect(operation.responses['413'].description).toContain('32 MiB');
    }
    expect(document.paths['/api/v1/imports/jobs/{id}'].get.responses['200']).toBeDefined();
  });

  test('skipInvalid leaves out bad rows and the rows below them', async () => {
    const response = await postImport(
      t,
      'units',
      csv([
        UNIT_HEADER,
        ['CN-1', 'Chi nhánh 1', 'doanh nghiệp', 'DU', ''],
        ['PX-1', 'Phân xưởng 1', 'không rõ', 'CN-1', ''],
        ['TO-1', 'Tổ 1', 'ban', 'PX-1', ''],
        ['CQ-1', 'Cơ quan 1', 'cơ quan', 'KHONG-CO', ''],
      ]),
      { query: 'skipInvalid=true' },
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 1, skipped: 3 });
    expect(
      response.body.errors.map((error: { line: number; field: string }) => [
        error.line,
        error.field,
      ]),
    ).toEqual([
      [3, 'kind'],
      [4, 'parentCode'],
      [5, 'parentCode'],
    ]);
    expect((await unitsByCode(t)).has('CN-1')).toBe(true);
  });
});
