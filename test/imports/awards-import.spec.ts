import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { readRuleSetFiles } from '../../src/catalogue/rule-set-files';
import { CliModule } from '../../src/cli.module';
import { SystemClock } from '../../src/common/clock';
import { RuleSetCatalogue } from '../../src/domain/rules/rule-set-catalogue';
import { planAwardImport } from '../../src/imports/award-import-plan';
import { AWARD_COLUMNS } from '../../src/imports/award-import-vocabulary';
import { ImportRegistry } from '../../src/imports/import-registry';
import { readSpreadsheet } from '../../src/imports/spreadsheet';
import { Database } from '../../src/persistence/database';
import {
  HISTORICAL_AWARDS_REPOSITORY,
  type HistoricalAwardsRepository,
  type StoredHistoricalAward,
} from '../../src/persistence/repositories/historical-awards.repository';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import { countRows, csv, CSV, postImport, query, XLSX, xlsx } from './import-files';

/**
 * Story: the commendation office keeps, for years back, a register of who received which title or
 * form of commendation ("sổ theo dõi khen thưởng"). It loads that register, as CSV or Excel with
 * Vietnamese headers and award names typed however its staff typed them, so that "three
 * consecutive years of Chiến sĩ thi đua cơ sở" can be checked on history the server never saw.
 * When a decision is revoked, a later file says so and the award stops counting.
 */

const FIXTURES = join(__dirname, '..', 'fixtures', 'imports');
const RULE_SETS = join(__dirname, '..', '..', 'data', 'rulesets');

/** A day the rule set in data/rulesets governs, so the plan tests do not move with the clock. */
const TODAY = '2025-09-15';
const RULE_SET = RuleSetCatalogue.load(readRuleSetFiles(RULE_SETS)).latest(TODAY).ruleSet;

const HEADER = ['Mã cán bộ', 'Mã đơn vị', 'Danh hiệu / hình thức', 'Năm', 'Tình trạng'];

describe('award import plan', () => {
  const people = [
    { id: 'person-1', code: 'CB01' },
    { id: 'person-2', code: 'CB02' },
  ];
  const units = [{ id: 'unit-1', code: 'CB-SX' }];
  let ids = 0;

  async function plan(
    rows: string[][],
    options: { header?: string[]; knownAwards?: StoredHistoricalAward[] } = {},
  ) {
    const table = await readSpreadsheet(
      Buffer.from(csv([options.header ?? HEADER, ...rows])),
      'csv',
      AWARD_COLUMNS,
    );
    return planAwardImport(table, {
      awards: RULE_SET.awards,
      knownPeople: people,
      knownUnits: units,
      knownAwards: options.knownAwards ?? [],
      today: TODAY,
      now: '2025-09-15T02:00:00.000Z',
      importedBy: 'admin',
      newId: () => `award-${(ids += 1)}`,
    });
  }

  const problemsOf = (result: Awaited<ReturnType<typeof plan>>) =>
    result.problems.map((problem) => `${problem.line} ${problem.field}`);

  function stored(overrides: Partial<StoredHistoricalAward> = {}): StoredHistoricalAward {
    return {
      id: 'stored-1',
      subjectKind: 'person',
      personId: 'person-1',
      unitId: null,
      awardCode: 'chien_si_thi_dua_co_so',
      year: 2023,
      status: 'granted',
      decisionNumber: '09/QĐ-ĐUK',
      decidedOn: '2024-01-12',
      revokedOn: null,
      note: null,
      importedAt: '2025-01-01T00:00:00.000Z',
      importedBy: 'admin',
      demo: false,
      ...overrides,
    };
  }

  test('an award is named by its code or by its name, with or without diacritics', async () => {
    const result = await plan([
      ['CB01', '', 'chien_si_thi_dua_co_so', '2020', ''],
      ['CB01', '', 'Chiến sĩ thi đua cơ sở', '2021', ''],
      ['CB01', '', 'CHIEN SI THI DUA CO SO', '2022', ''],
      ['CB01', '', 'Chien si thi dua co so', '2023', ''],
      // The armed forces' name for the same title (alsoCalled in the rule set).
      ['CB02', '', 'Chiến sĩ tiên tiến', '2024', ''],
      ['', 'CB-SX', 'Tập thể lao động xuất sắc', '2024', ''],
    ]);
    expect(result.problems).toEqual([]);
    expect(
      result.changes.map(({ outcome, award }) => [outcome, award.awardCode, award.year]),
    ).toEqual([
      ['create', 'chien_si_thi_dua_co_so', 2020],
      ['create', 'chien_si_thi_dua_co_so', 2021],
      ['create', 'chien_si_thi_dua_co_so', 2022],
      ['create', 'chien_si_thi_dua_co_so', 2023],
      ['create', 'lao_dong_tien_tien', 2024],
      ['create', 'tap_the_lao_dong_xuat_sac', 2024],
    ]);
    expect(result.changes[5].award).toMatchObject({
      subjectKind: 'unit',
      personId: null,
      unitId: 'unit-1',
      status: 'granted',
      importedBy: 'admin',
    });
  });

  test('years and dates are checked against the injected today', async () => {
    const result = await plan(
      [
        ['CB01', '', 'giay_khen', '2025', '', '10/09/2025'],
        ['CB01', '', 'giay_khen', '2026', '', ''],
        ['CB01', '', 'giay_khen', '1944', '', ''],
        ['CB01', '', 'giay_khen', '24', '', ''],
        ['CB01', '', 'giay_khen', '2024', '', '16/09/2025'],
        ['CB01', '', 'giay_khen', '2023', '', '30/12/2022'],
      ],
      { header: [...HEADER, 'Ngày quyết định'] },
    );
    expect(problemsOf(result)).toEqual([
      '3 year',
      '4 year',
      '5 year',
      '6 decidedOn',
      '7 decidedOn',
    ]);
    expect(result.problems[0]).toMatchObject({
      message: 'The year 2026 is in the future; only awards already received can be imported.',
      messageVi: 'Năm 2026 ở tương lai; chỉ nhập khen thưởng đã nhận.',
    });
    expect(result.changes).toHaveLength(1);
  });

  test('a row names exactly one person or unit, and the award must be one they can receive', async () => {
    const result = await plan([
      ['CB01', '', 'Tập thể lao động tiên tiến', '2024', ''],
      ['', 'CB-SX', 'Lao động tiên tiến', '2024', ''],
      ['CB01', 'CB-SX', 'Giấy khen', '2024', ''],
      ['', '', 'Giấy khen', '2024', ''],
      ['CB01', '', 'Giấy khen', '2024', ''],
      ['', 'CB-SX', 'Giấy khen', '2024', ''],
    ]);
    expect(problemsOf(result)).toEqual(['2 award', '3 award', '4 row', '5 row']);
    expect(result.problems[0].messageVi).toBe(
      '"Tập thể lao động tiên tiến" chỉ dành cho tập thể, nhưng dòng này ghi một cá nhân.',
    );
    expect(result.changes.map((change) => change.award.subjectKind)).toEqual(['person', 'unit']);
  });

  test('the same award of the same person and year twice is refused on the later line', async () => {
    const result = await plan([
      ['CB01', '', 'lao_dong_tien_tien', '2024', ''],
      ['CB02', '', 'lao_dong_tien_tien', '2024', ''],
      ['CB01', '', 'Lao động tiên tiến', '2024', 'thu hồi'],
    ]);
    expect(problemsOf(result)).toEqual(['4 row']);
    expect(result.problems[0].messageVi).toBe(
      '"Lao động tiên tiến" năm 2024 của "CB01" đã có ở dòng 2.',
    );
  });

  test('a stored award is updated only by what the file says about it', async () => {
    const revokedHeader = [...HEADER, 'Ngày thu hồi'];
    const same = await plan([['CB01', '', 'Chiến sĩ thi đua cơ sở', '2023', '']], {
      knownAwards: [stored()],
    });
    expect(same.changes.map((change) => change.outcome)).toEqual(['unchanged']);

    const revoked = await plan(
      [['CB01', '', 'Chiến sĩ thi đua cơ sở', '2023', 'Thu hồi', '01/03/2025']],
      {
        header: revokedHeader,
        knownAwards: [stored()],
      },
    );
    expect(revoked.changes).toEqual([
      {
        line: 2,
        outcome: 'update',
        before: stored(),
        award: stored({ status: 'revoked', revokedOn: '2025-03-01' }),
      },
    ]);

    const revokedAward = stored({ status: 'revoked', revokedOn: '2025-03-01' });
    const silent = await plan([['CB01', '', 'chien_si_thi_dua_co_so', '2023', '']], {
      knownAwards: [revokedAward],
    });
    expect(silent.changes.map((change) => change.outcome)).toEqual(['unchanged']);

    const grantedAgain = await plan([['CB01', '', 'chien_si_thi_dua_co_so', '2023', 'đã trao']], {
      knownAwards: [revokedAward],
    });
    expect(grantedAgain.changes[0]).toMatchObject({
      outcome: 'update',
      award: { status: 'granted', revokedOn: null },
    });
  });

  test('revocation dates must fit the status and the decision date', async () => {
    const result = await plan(
      [
        ['CB01', '', 'chien_si_thi_dua_co_so', '2023', 'đã trao', '01/03/2025'],
        ['CB02', '', 'chien_si_thi_dua_co_so', '2023', 'thu hồi', '01/01/2024'],
        ['CB02', '', 'lao_dong_tien_tien', '2023', 'được khen', ''],
      ],
      {
        header: [...HEADER, 'Ngày thu hồi'],
        knownAwards: [stored({ id: 'stored-2', personId: 'person-2' })],
      },
    );
    expect(problemsOf(result)).toEqual(['2 revokedOn', '3 revokedOn']);
    expect(result.problems[1].message).toBe(
      'The revocation date 2024-01-01 is before the decision date 2024-01-12.',
    );
  });
});

/** The awards of the database as `code award year status decision decidedOn`, sorted. */
async function storedAwards(t: TestApp): Promise<string[]> {
  const rows = await query<Record<string, string | number | null>>(
    t,
    'SELECT p.code AS person_code, u.code AS unit_code, a.award_code, a.year, a.status, ' +
      'a.decision_number, a.decided_on, a.revoked_on FROM historical_awards a ' +
      'LEFT JOIN people p ON p.id = a.person_id LEFT JOIN units u ON u.id = a.unit_id',
  );
  return rows
    .map((row) =>
      [
        row.person_code ?? row.unit_code,
        row.award_code,
        row.year,
        row.status,
        row.decision_number ?? '-',
        row.decided_on ?? '-',
        ...(row.revoked_on ? [row.revoked_on] : []),
      ].join(' '),
    )
    .sort();
}

const thisYearInVietnam = () => Number(new SystemClock().todayInVietnam().slice(0, 4));

describe.each(DIALECTS)('importing past awards (%s)', (dialect) => {
  let t: TestApp;
  const awardsFile = readFileSync(join(FIXTURES, 'awards.csv'));
  const postAwards = (
    file: string | Buffer,
    options: { contentType?: string; query?: string; token?: string } = {},
  ) => {
    const path = `/api/v1/imports/awards${options.query ? `?${options.query}` : ''}`;
    return t
      .postAs(options.token ?? t.adminToken, path)
      .set('Content-Type', options.contentType ?? CSV)
      .send(typeof file === 'string' ? Buffer.from(file, 'utf8') : file);
  };
  const repository = () => t.app.get<HistoricalAwardsRepository>(HISTORICAL_AWARDS_REPOSITORY);
  const awards = () => countRows(t, 'historical_awards');
  const awardChanges = () => countRows(t, 'admin_changes', "action LIKE 'award_import_%'");
  const idOf = async (table: 'people' | 'units', code: string) =>
    (await query<{ id: string }>(t, `SELECT id FROM ${table} WHERE code = '${code}'`))[0].id;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    for (const what of ['units', 'people'] as const) {
      const response = await postImport(t, what, readFileSync(join(FIXTURES, `${what}.csv`)));
      expect(response.body).toMatchObject({ skipped: 0, errors: [], errorCount: 0 });
    }
  });
  afterAll(() => t.close());

  test('the register imports, Vietnamese headers and names with or without diacritics', async () => {
    const response = await postAwards(awardsFile);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      created: 7,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      errors: [],
      errorCount: 0,
    });
    expect(await storedAwards(t)).toEqual([
      'CB-SX giay_khen 2023 granted 102/QĐ-ĐU 2023-09-05',
      'CB0001 chien_si_thi_dua_co_so 2022 granted 12/QĐ-ĐUK 2023-01-16',
      'CB0001 chien_si_thi_dua_co_so 2023 granted 09/QĐ-ĐUK 2024-01-12',
      'CB0001 chien_si_thi_dua_co_so 2024 granted 07/QĐ-ĐUK 2025-01-10',
      'CB0002 lao_dong_tien_tien 2024 granted 15/QĐ-BTG 2025-01-08',
      'CB0003 lao_dong_tien_tien 2023 granted 21/QĐ-ĐU 2023-12-20',
      'DBCS-CTY tap_the_lao_dong_xuat_sac 2024 granted 31/QĐ-ĐUK 2025-01-14',
    ]);
    const [note] = await query<{ note: string; imported_by: string }>(
      t,
      "SELECT note, imported_by FROM historical_awards WHERE decision_number = '21/QĐ-ĐU'",
    );
    expect(note).toEqual({ note: 'Tổ sản xuất, phân xưởng 2', imported_by: 'admin' });

    // Each award is in the change log of the person or unit it belongs to.
    const changes = await query<{ entity: string; action: string; actor_username: string }>(
      t,
      'SELECT entity, action, actor_username FROM admin_changes ' +
        "WHERE action LIKE 'award_import_%' ORDER BY id",
    );
    expect(changes).toHaveLength(7);
    expect(new Set(changes.map((change) => `${change.entity} ${change.action}`))).toEqual(
      new Set(['person award_import_create', 'unit award_import_create']),
    );
    const lam = await idOf('people', 'CB0001');
    const history = await t.getAs(t.adminToken, `/api/v1/people/${lam}/changes`);
    expect(history.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'award_import_create',
          after: expect.objectContaining({ awardCode: 'chien_si_thi_dua_co_so', year: 2024 }),
        }),
      ]),
    );
  });

  test('heldBy gives each person and unit its awards, as the eligibility checks read them', async () => {
    const lam = await idOf('people', 'CB0001');
    const hoa = await idOf('people', 'CB0002');
    const office = await idOf('people', 'CB0004');
    const company = await idOf('units', 'DBCS-CTY');
    const held = await repository().heldBy({
      personIds: [lam, hoa, office],
      unitIds: [company],
    });
    expect(held.get(lam)).toEqual([
      {
        awardCode: 'chien_si_thi_dua_co_so',
        year: 2022,
        status: 'granted',
        source: 'import',
        reference: '12/QĐ-ĐUK',
      },
      {
        awardCode: 'chien_si_thi_dua_co_so',
        year: 2023,
        status: 'granted',
        source: 'import',
        reference: '09/QĐ-ĐUK',
      },
      {
        awardCode: 'chien_si_thi_dua_co_so',
        year: 2024,
        status: 'granted',
        source: 'import',
        reference: '07/QĐ-ĐUK',
      },
    ]);
    expect(held.get(hoa)).toHaveLength(1);
    expect(held.get(office)).toEqual([]);
    expect(held.get(company)).toEqual([
      {
        awardCode: 'tap_the_lao_dong_xuat_sac',
        year: 2024,
        status: 'granted',
        source: 'import',
        reference: '31/QĐ-ĐUK',
      },
    ]);
  });

  test('heldBy answers for more ids than one IN list holds', async () => {
    const lam = await idOf('people', 'CB0001');
    const strangers = Array.from({ length: 1200 }, () => randomUUID());
    const held = await repository().heldBy({
      personIds: [...strangers.slice(0, 700), lam],
      unitIds: strangers.slice(700),
    });
    expect(held.size).toBe(1201);
    expect(held.get(lam)).toHaveLength(3);
    expect(strangers.every((id) => held.get(id)?.length === 0)).toBe(true);
  });

  test('importing the same file again changes nothing and records nothing', async () => {
    const changesBefore = await awardChanges();
    const response = await postAwards(awardsFile);
    expect(response.body).toEqual({
      created: 0,
      updated: 0,
      unchanged: 7,
      skipped: 0,
      errors: [],
      errorCount: 0,
    });
    expect(await awardChanges()).toBe(changesBefore);
  });

  test('a later file marks an award revoked, and heldBy then says so', async () => {
    const revocation = csv([
      ['personCode', 'award', 'year', 'status', 'revokedOn', 'note'],
      ['CB0001', 'chien_si_thi_dua_co_so', 2023, 'revoked', '01/03/2025', 'QĐ 45/QĐ-ĐUK hủy bỏ'],
    ]);
    const response = await postAwards(revocation);
    expect(response.body).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
      skipped: 0,
      errors: [],
      errorCount: 0,
    });
    // The decision number column is absent, so the stored one stays.
    expect(await storedAwards(t)).toContain(
      'CB0001 chien_si_thi_dua_co_so 2023 revoked 09/QĐ-ĐUK 2024-01-12 2025-03-01',
    );

    const lam = await idOf('people', 'CB0001');
    const held = await repository().heldBy({ personIds: [lam], unitIds: [] });
    expect(held.get(lam)!.map((award) => `${award.year} ${award.status}`)).toEqual([
      '2022 granted',
      '2023 revoked',
      '2024 granted',
    ]);

    const [change] = await query<{ before_json: string; after_json: string }>(
      t,
      "SELECT before_json, after_json FROM admin_changes WHERE action = 'award_import_update'",
    );
    expect(JSON.parse(change.before_json)).toMatchObject({ status: 'granted', revokedOn: null });
    expect(JSON.parse(change.after_json)).toMatchObject({
      status: 'revoked',
      revokedOn: '2025-03-01',
      note: 'QĐ 45/QĐ-ĐUK hủy bỏ',
    });

    // A file whose status cell is empty says nothing about it: the award stays revoked.
    const silent = await postAwards(
      csv([
        ['Mã cán bộ', 'Danh hiệu', 'Năm', 'Tình trạng', 'Số quyết định'],
        ['CB0001', 'Chiến sĩ thi đua cơ sở', 2023, '', '09/QĐ-ĐUK'],
      ]),
    );
    expect(silent.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect((await repository().heldBy({ personIds: [lam], unitIds: [] })).get(lam)![1]).toEqual({
      awardCode: 'chien_si_thi_dua_co_so',
      year: 2023,
      status: 'revoked',
      source: 'import',
      reference: '09/QĐ-ĐUK',
    });
  });

  test('an award another import changed after this file was checked is not overwritten', async () => {
    const file = csv([
      ['Mã cán bộ', 'Danh hiệu', 'Năm', 'Ghi chú'],
      ['CB0002', 'Lao động tiên tiến', 2024, 'Ghi chú của tệp này'],
    ]);
    const byOtherImport =
      "note = 'Ghi chú của lần nhập khác', imported_at = '2099-01-01T00:00:00.000Z'";
    const where = "WHERE decision_number = '15/QĐ-BTG'";
    const registry = t.app.get(ImportRegistry);
    const read = registry.awardsOf.bind(registry);
    // Another instance's import writes the award right after this check has read it.
    const spy = jest.spyOn(registry, 'awardsOf').mockImplementation(async (subjects) => {
      const found = await read(subjects);
      await t.app
        .get(Database)
        .write((manager) =>
          manager.query(`UPDATE historical_awards SET ${byOtherImport} ${where}`),
        );
      return found;
    });
    const changesBefore = await awardChanges();
    try {
      const refused = await postAwards(file);
      expectProblem(refused, 409, 'IMPORT.CONCURRENT_CHANGE');
      expect(refused.body).toMatchObject({ lines: [2], rowsWritten: 0, rowsToWrite: 1 });
      expect(refused.body.detail).toContain('Nothing was written');
    } finally {
      spy.mockRestore();
    }
    const [award] = await query<{ note: string }>(t, `SELECT note FROM historical_awards ${where}`);
    expect(award.note).toBe('Ghi chú của lần nhập khác');
    expect(await awardChanges()).toBe(changesBefore);
  });

  const badFile = () =>
    csv([
      ['STT', 'Mã cán bộ', 'Mã đơn vị', 'Danh hiệu', 'Năm', 'Tình trạng', 'Ngày quyết định'],
      [1, 'CB0004', '', 'Lao động tiên tiến', 2024, '', '08/01/2025'],
      [2, 'KHONG-CO', '', 'Lao động tiên tiến', 2024, '', ''],
      [3, '', 'KHONG-CO', 'Giấy khen', 2024, '', ''],
      [4, 'CB0004', '', 'huan_chuong_lao_dong', 2024, '', ''],
      [5, 'CB0004', '', 'Tập thể lao động tiên tiến', 2024, '', ''],
      [6, '', 'CB-SX', 'Chiến sĩ thi đua cơ sở', 2024, '', ''],
      [7, 'CB0004', '', 'Giấy khen', thisYearInVietnam() + 1, '', ''],
      [8, 'CB0004', '', 'Giấy khen', 'năm 2020', '', ''],
      [9, 'CB0004', 'CB-SX', 'Giấy khen', 2022, '', ''],
      [10, '', '', 'Giấy khen', 2022, '', ''],
      [11, 'CB0004', '', 'Giấy khen', 2021, 'đang xét', ''],
      [12, 'CB0004', '', 'Giấy khen', 2020, '', '31/02/2020'],
      [13, 'CB0004', '', 'lao dong tien tien', 2024, '', ''],
    ]);

  test('a file with bad rows reports every problem with its line and imports nothing', async () => {
    const [before, changesBefore] = [await awards(), await awardChanges()];
    const response = await postAwards(badFile());
    expectProblem(response, 422, 'IMPORT.INVALID_ROWS');
    expect(response.body.detailVi).toBe('12 dòng trong tệp có lỗi; chưa nhập dữ liệu nào.');
    expect(
      response.body.errors.map((error: { line: number; field: string }) => [
        error.line,
        error.field,
      ]),
    ).toEqual([
      [3, 'personCode'],
      [4, 'unitCode'],
      [5, 'award'],
      [6, 'award'],
      [7, 'award'],
      [8, 'year'],
      [9, 'year'],
      [10, 'row'],
      [11, 'row'],
      [12, 'status'],
      [13, 'decidedOn'],
      [14, 'row'],
    ]);
    for (const error of response.body.errors) {
      expect(error).toEqual({
        line: expect.any(Number),
        field: expect.any(String),
        message: expect.any(String),
        messageVi: expect.any(String),
      });
    }
    expect(response.body.errors[0].messageVi).toBe(
      'Không có cán bộ mã "KHONG-CO" trong danh sách; hãy nhập cán bộ trước.',
    );
    expect(response.body.errors[2].message).toMatch(
      /^"huan_chuong_lao_dong" is not an award of the rule set in force; use one of: Lao động tiên tiến \(lao_dong_tien_tien\), /,
    );
    expect(await awards()).toBe(before);
    expect(await awardChanges()).toBe(changesBefore);
  });

  test('skipInvalid imports the good rows and reports the bad ones', async () => {
    const before = await awards();
    const response = await postAwards(badFile(), { query: 'skipInvalid=true' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 1, updated: 0, unchanged: 0, skipped: 12 });
    expect(response.body.errors).toHaveLength(12);
    expect(await awards()).toBe(before + 1);
    expect(await storedAwards(t)).toContain('CB0004 lao_dong_tien_tien 2024 granted - 2025-01-08');
  });

  test('an XLSX register with date cells and numeric years imports', async () => {
    const workbook = await xlsx([
      [
        'STT',
        'Mã CB',
        'Mã tập thể',
        'Hình thức khen thưởng',
        'Năm khen thưởng',
        'Số QĐ',
        'Ngày QĐ',
      ],
      [
        1,
        'CB0002',
        '',
        'Bằng khen của bộ, ban, ngành, tỉnh',
        2023,
        '88/QĐ-UBND',
        new Date(Date.UTC(2024, 2, 4)),
      ],
      [2, '', 'BTG', 'Giấy khen', 2022, '5/QĐ-ĐUK', '20/12/2022'],
    ]);
    const response = await postAwards(workbook, { contentType: XLSX });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      errors: [],
      errorCount: 0,
    });
    expect(await storedAwards(t)).toEqual(
      expect.arrayContaining([
        'BTG giay_khen 2022 granted 5/QĐ-ĐUK 2022-12-20',
        'CB0002 bang_khen_bo_tinh 2023 granted 88/QĐ-UBND 2024-03-04',
      ]),
    );
  });

  test('a file naming neither people nor units is refused by its header', async () => {
    const response = await postAwards(
      csv([
        ['Danh hiệu', 'Năm'],
        ['Giấy khen', 2024],
      ]),
    );
    expectProblem(response, 422, 'IMPORT.INVALID_HEADERS');
    expect(response.body.missingHeaders).toEqual(['Mã cán bộ / Mã đơn vị']);
  });

  test('only administrators may import', async () => {
    const { token } = await t.userWith('secretariat');
    const response = await postAwards(awardsFile, { token });
    expectProblem(response, 403, 'AUTH.FORBIDDEN');
  });
});

describe.each(DIALECTS)('the awards import command line (%s)', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    Object.assign(process.env, { NODE_ENV: 'test', LOG_LEVEL: 'silent', ...database.env });
  });
  afterAll(() => database.drop());

  /** Runs `cli.js ...args` as src/cli.ts does; returns its exit code, output and stored awards. */
  async function cli(...args: string[]) {
    const output = { stdout: '', stderr: '' };
    const capture = (stream: 'stdout' | 'stderr') =>
      jest.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
        output[stream] += String(chunk);
        return true;
      });
    const spies = [capture('stdout'), capture('stderr')];
    const app = await CommandFactory.createWithoutRunning(CliModule.forRoot(), { logger: false });
    try {
      await app.get(CommandRunnerService).run(['node', 'cli.js', ...args]);
      const [counts] = await app
        .get(Database)
        .read((manager) =>
          manager.query(
            'SELECT (SELECT COUNT(*) FROM historical_awards) AS awards, ' +
              "(SELECT COUNT(*) FROM admin_changes WHERE action LIKE 'award_import_%' " +
              "AND actor_username = 'cli') AS changes",
          ),
        );
      return {
        exitCode: Number(process.exitCode ?? 0),
        ...output,
        awards: Number(counts.awards),
        changes: Number(counts.changes),
      };
    } finally {
      process.exitCode = 0;
      spies.forEach((spy) => spy.mockRestore());
      await app.close();
    }
  }

  test('imports the register after the units and people, as the CLI', async () => {
    for (const what of ['units', 'people']) {
      expect((await cli('import', what, join(FIXTURES, `${what}.csv`))).exitCode).toBe(0);
    }
    const run = await cli('import', 'awards', join(FIXTURES, 'awards.csv'));
    expect(run).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining('created 7, updated 0, unchanged 0, skipped 0'),
      awards: 7,
      changes: 7,
    });
  });

  test('a file with bad rows exits 1 and imports nothing; --skip-invalid imports the rest', async () => {
    const file = join(tmpdir(), `awards-${dialect}-${Date.now()}.csv`);
    writeFileSync(
      file,
      csv([
        ['Mã cán bộ', 'Danh hiệu', 'Năm'],
        ['CB0004', 'Giấy khen', 2024],
        ['CB0004', 'Cờ thi đua của Chính phủ', 2024],
      ]),
    );
    try {
      const refused = await cli('import', 'awards', file);
      expect(refused).toMatchObject({ exitCode: 1, awards: 7 });
      expect(refused.stderr).toContain('1 row(s) of the file have errors; nothing was imported.');
      expect(refused.stderr).toContain(
        'line 3, award: "Government emulation flag" (co_thi_dua_chinh_phu) goes to collectives only',
      );

      const skipping = await cli('import', 'awards', file, '--skip-invalid');
      expect(skipping).toMatchObject({
        exitCode: 0,
        stdout: expect.stringContaining('created 1, updated 0, unchanged 0, skipped 1'),
        awards: 8,
      });
      expect(skipping.stderr).toContain('line 3, award:');
    } finally {
      rmSync(file);
    }
  });
});
