import { ImportRegistry } from '../../src/imports/import-registry';
import { Database } from '../../src/persistence/database';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import {
  countRows,
  csv,
  postImport,
  query,
  startImport,
  vietnameseName,
  waitForJob,
  XLSX,
  xlsx,
} from './import-files';
import { timeLimit } from '../support/time-limits';

/**
 * Story: the personnel office loads the whole staff list of a Party committee from the
 * spreadsheets it already keeps (CSV or Excel, Vietnamese headers), fixes the rows the server
 * points at, and loads it again whenever the list changes, without creating anyone twice.
 */

const PEOPLE = 10_000;
/** 20,000 statements on a busy shared machine (PostgreSQL over loopback): more than jest's default. */
const BIG_FILE_TIMEOUT_MS = timeLimit(240_000);
const CELLS = 20;
const PERSON_HEADER = [
  'Mã cán bộ',
  'Họ và tên',
  'Mã đơn vị',
  'Chức vụ',
  'Ngày sinh',
  'Đảng viên',
  'Ngày vào Đảng',
  'Đối tượng',
];
const EMPLOYMENT_LABELS = ['Công chức', 'Viên chức', 'Cán bộ', 'Người lao động', 'khác'];

/** Row `index` of the big staff list; every 97th name is typed decomposed (NFD). */
function staffRow(index: number): string[] {
  const name = vietnameseName(index);
  const partyMember = index % 3 === 0;
  const birthYear = 1965 + (index % 35);
  return [
    `CB${String(index).padStart(5, '0')}`,
    index % 97 === 0 ? name.normalize('NFD') : name,
    `CB-${index % CELLS}`,
    index % 50 === 0 ? 'Bí thư chi bộ' : 'Chuyên viên',
    `${1 + (index % 28)}/${1 + (index % 12)}/${birthYear}`,
    partyMember ? 'x' : '',
    partyMember ? `${birthYear + 25}-03-0${1 + (index % 9)}` : '',
    EMPLOYMENT_LABELS[index % EMPLOYMENT_LABELS.length],
  ];
}

describe.each(DIALECTS)('importing people (%s)', (dialect) => {
  let t: TestApp;
  const staffList = csv([PERSON_HEADER, ...Array.from({ length: PEOPLE }, (_, i) => staffRow(i))]);

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const units = csv([
      ['Mã đơn vị', 'Tên đơn vị', 'Loại', 'Mã đơn vị cấp trên'],
      ...Array.from({ length: CELLS }, (_, i) => [`CB-${i}`, `Chi bộ ${i + 1}`, 'Chi bộ', 'DU']),
      ['DU', 'Đảng ủy Khối Doanh nghiệp', 'Đảng ủy', ''],
    ]);
    const imported = await postImport(t, 'units', units);
    expect(imported.body).toMatchObject({ created: CELLS + 1, errors: [] });
  });
  afterAll(() => t.close());

  const people = () => countRows(t, 'people');
  const personChanges = () => countRows(t, 'admin_changes', "entity = 'person'");

  test(
    `a ${PEOPLE.toLocaleString('en')}-person CSV imports in one job`,
    async () => {
      // A file this size is followed as a job: a synchronous answer may give up waiting on a slow
      // machine (and answer 202).
      const job = await waitForJob(t, (await startImport(t, 'people', staffList)).headers.location);
      expect(job.report).toEqual({
        created: PEOPLE,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        errors: [],
        errorCount: 0,
      });
      expect(await people()).toBe(PEOPLE);
      expect(await personChanges()).toBe(PEOPLE);

      const [stored] = await query<Record<string, unknown>>(
        t,
        'SELECT p.full_name, p.date_of_birth, p.party_member, p.party_joined_on, p.employment_type, ' +
          'p.position, p.demo, u.code AS unit_code FROM people p JOIN units u ON u.id = p.unit_id ' +
          "WHERE p.code = 'CB00097'",
      );
      expect({
        ...stored,
        party_member: Boolean(stored.party_member),
        demo: Boolean(stored.demo),
      }).toEqual({
        full_name: vietnameseName(97).normalize('NFC'),
        date_of_birth: '1992-02-14',
        party_member: false,
        party_joined_on: null,
        employment_type: 'cadre',
        position: 'Chuyên viên',
        demo: false,
        unit_code: 'CB-17',
      });
      const [change] = await query<Record<string, unknown>>(
        t,
        "SELECT actor_username, action, before_json FROM admin_changes WHERE entity = 'person' " +
          'ORDER BY id LIMIT 1',
      );
      expect(change).toEqual({
        actor_username: 'admin',
        action: 'import_create',
        before_json: null,
      });
    },
    BIG_FILE_TIMEOUT_MS,
  );

  test(
    'importing the same file again changes nothing and records nothing',
    async () => {
      const changesBefore = await personChanges();
      const job = await waitForJob(t, (await startImport(t, 'people', staffList)).headers.location);
      expect(job.report).toEqual({
        created: 0,
        updated: 0,
        unchanged: PEOPLE,
        skipped: 0,
        errors: [],
        errorCount: 0,
      });
      expect(await personChanges()).toBe(changesBefore);
    },
    BIG_FILE_TIMEOUT_MS,
  );

  test('an XLSX file with Vietnamese headers and date cells imports; a changed row updates', async () => {
    const workbook = await xlsx([
      [
        'STT',
        'Mã cán bộ',
        'Họ tên',
        'Đơn vị',
        'Chức vụ',
        'Ngày sinh',
        'Đảng viên',
        'Ngày vào Đảng',
        'Loại cán bộ',
      ],
      [
        1,
        'XL-1',
        'Trương Thị Ỷ Lan',
        'CB-1',
        'Phó Bí thư',
        new Date(Date.UTC(1979, 8, 2)),
        'x',
        new Date(Date.UTC(2005, 1, 3)),
        'Viên chức',
      ],
      [2, 'XL-2', 'Hồ Văn Mười', 'CB-2', '', '30/04/1985', 'không', '', 'công nhân'],
      [3, 'CB00001', vietnameseName(1), 'CB-1', 'Trưởng ban', '2/2/1966', '', '', 'Viên chức'],
    ]);
    const response = await postImport(t, 'people', workbook, { contentType: XLSX });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      created: 2,
      updated: 1,
      unchanged: 0,
      skipped: 0,
      errors: [],
      errorCount: 0,
    });

    const rows = await query<Record<string, unknown>>(
      t,
      'SELECT code, full_name, position, date_of_birth, party_member, party_joined_on, ' +
        "employment_type FROM people WHERE code IN ('XL-1', 'XL-2', 'CB00001') ORDER BY code",
    );
    expect(rows.map((row) => ({ ...row, party_member: Boolean(row.party_member) }))).toEqual([
      {
        code: 'CB00001',
        full_name: vietnameseName(1),
        position: 'Trưởng ban',
        date_of_birth: '1966-02-02',
        party_member: false,
        party_joined_on: null,
        employment_type: 'public_employee',
      },
      {
        code: 'XL-1',
        full_name: 'Trương Thị Ỷ Lan',
        position: 'Phó Bí thư',
        date_of_birth: '1979-09-02',
        party_member: true,
        party_joined_on: '2005-02-03',
        employment_type: 'public_employee',
      },
      {
        code: 'XL-2',
        full_name: 'Hồ Văn Mười',
        position: null,
        date_of_birth: '1985-04-30',
        party_member: false,
        party_joined_on: null,
        employment_type: 'worker',
      },
    ]);
    const [update] = await query<{ before_json: string; after_json: string }>(
      t,
      'SELECT c.before_json, c.after_json FROM admin_changes c JOIN people p ON p.id = c.entity_id ' +
        "WHERE p.code = 'CB00001' AND c.action = 'import_update'",
    );
    expect(JSON.parse(update.before_json)).toMatchObject({ position: 'Chuyên viên' });
    expect(JSON.parse(update.after_json)).toMatchObject({ position: 'Trưởng ban' });
  });

  const BAD_FILE = csv([
    ['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Ngày sinh', 'Đảng viên', 'Ngày vào Đảng', 'Đối tượng'],
    ['OK-1', 'Ngô Thị Hạnh', 'CB-3', '12/12/1990', '', '', 'công chức'],
    ['BAD-1', '', 'CB-3', '31/02/1990', '', '', 'công chức'],
    ['OK-2', 'Dương Văn Khánh', 'CB-4', '', 'có', '01/01/2015', 'cán bộ'],
    ['BAD-2', 'Lý Thị Nga', 'KHONG-CO', '01/01/1990', '', '01/01/2015', 'giáo viên'],
    ['OK-1', 'Ngô Thị Hạnh (trùng)', 'CB-3', '', '', '', 'công chức'],
    ['BAD-3', 'Vũ Văn Tuấn', 'CB-3', '01/01/2090', 'có thể', '', 'khác'],
  ]);

  test('a file with bad rows reports every problem with its line and imports nothing', async () => {
    const before = await people();
    const response = await postImport(t, 'people', BAD_FILE);
    expectProblem(response, 422, 'IMPORT.INVALID_ROWS');
    expect(response.body.detailVi).toMatch(/4 dòng/);
    expect(
      response.body.errors.map((error: { line: number; field: string }) => [
        error.line,
        error.field,
      ]),
    ).toEqual([
      [3, 'fullName'],
      [3, 'dateOfBirth'],
      [5, 'employmentType'],
      [5, 'partyJoinedOn'],
      [5, 'unitCode'],
      [6, 'code'],
      [7, 'dateOfBirth'],
      [7, 'partyMember'],
    ]);
    for (const error of response.body.errors) {
      expect(error).toEqual({
        line: expect.any(Number),
        field: expect.any(String),
        message: expect.any(String),
        messageVi: expect.any(String),
      });
    }
    expect(await people()).toBe(before);
  });

  test('skipInvalid imports the good rows and reports the bad ones', async () => {
    const before = await people();
    const response = await postImport(t, 'people', BAD_FILE, { query: 'skipInvalid=true' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: 2, updated: 0, unchanged: 0, skipped: 4 });
    expect(response.body.errors).toHaveLength(8);
    expect(await people()).toBe(before + 2);
  });

  test(
    'a person changed by an admin after the file was checked is not overwritten: that batch ' +
      'is refused, the answer says what stays written, and importing again writes the rest',
    async () => {
      const rows = 600;
      const codeOf = (i: number) => `SONG${String(i).padStart(3, '0')}`;
      const file = (position: string) =>
        csv([
          ['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Chức vụ', 'Đối tượng'],
          ...Array.from({ length: rows }, (_, i) => [
            codeOf(i),
            `Lê Thị Song ${i}`,
            'CB-3',
            position,
            'khác',
          ]),
        ]);
      expect((await postImport(t, 'people', file('Chuyên viên'))).body).toMatchObject({
        created: rows,
      });
      // Row 520 of the file (line 522) is in the third batch of 250. The admin edits that person
      // right after the check has read them, before anything is written.
      const edited = codeOf(520);
      const [{ id: editedId }] = await query<{ id: string }>(
        t,
        `SELECT id FROM people WHERE code = '${edited}'`,
      );
      const registry = t.app.get(ImportRegistry);
      const read = registry.peopleByCodes.bind(registry);
      const spy = jest.spyOn(registry, 'peopleByCodes').mockImplementation(async (codes) => {
        const found = await read(codes);
        if (codes.includes(edited)) {
          const patched = await t
            .patchAs(t.adminToken, `/api/v1/people/${editedId}`)
            .send({ position: 'Trưởng phòng' });
          expect(patched.status).toBe(200);
        }
        return found;
      });
      try {
        const refused = await postImport(t, 'people', file('Phó trưởng phòng'));
        expectProblem(refused, 409, 'IMPORT.CONCURRENT_CHANGE');
        expect(refused.body).toMatchObject({
          lines: [522],
          lineCount: 1,
          rowsWritten: 500,
          rowsToWrite: rows,
        });
        expect(refused.body.detail).toContain('500 of 600 rows were written before');
      } finally {
        spy.mockRestore();
      }
      const positions = async () =>
        new Map(
          (
            await query<{ code: string; position: string }>(
              t,
              "SELECT code, position FROM people WHERE code LIKE 'SONG%'",
            )
          ).map((row) => [row.code, row.position]),
        );
      const afterRefusal = await positions();
      expect(afterRefusal.get(codeOf(0))).toBe('Phó trưởng phòng');
      expect(afterRefusal.get(codeOf(499))).toBe('Phó trưởng phòng');
      expect(afterRefusal.get(edited)).toBe('Trưởng phòng');
      expect(afterRefusal.get(codeOf(500))).toBe('Chuyên viên');
      expect(afterRefusal.get(codeOf(599))).toBe('Chuyên viên');

      // Importing again is checked against the registry as it now is: the written rows are
      // unchanged, the rest (the admin's edit included, as the file now decides) updated.
      const again = await postImport(t, 'people', file('Phó trưởng phòng'));
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ created: 0, updated: 100, unchanged: 500 });
      expect([...(await positions()).values()].every((p) => p === 'Phó trưởng phòng')).toBe(true);
    },
    BIG_FILE_TIMEOUT_MS,
  );

  test('an edit that left the last-change time as it was is still seen', async () => {
    // As an edit made in the same millisecond as the row's previous change would leave it.
    const file = (position: string) =>
      csv([
        ['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Chức vụ', 'Đối tượng'],
        ['CUNGLUC', 'Phạm Văn Cùng Lúc', 'CB-4', position, 'khác'],
      ]);
    expect((await postImport(t, 'people', file('Chuyên viên'))).body).toMatchObject({ created: 1 });
    const registry = t.app.get(ImportRegistry);
    const read = registry.peopleByCodes.bind(registry);
    const spy = jest.spyOn(registry, 'peopleByCodes').mockImplementation(async (codes) => {
      const found = await read(codes);
      await t.app
        .get(Database)
        .write((manager) =>
          manager.query("UPDATE people SET position = 'Trưởng phòng' WHERE code = 'CUNGLUC'"),
        );
      return found;
    });
    try {
      expectProblem(
        await postImport(t, 'people', file('Phó phòng')),
        409,
        'IMPORT.CONCURRENT_CHANGE',
      );
    } finally {
      spy.mockRestore();
    }
    const [person] = await query<{ position: string }>(
      t,
      "SELECT position FROM people WHERE code = 'CUNGLUC'",
    );
    expect(person.position).toBe('Trưởng phòng');
  });

  test('only administrators may import', async () => {
    const { token } = await t.userWith('secretariat');
    const response = await postImport(t, 'people', staffList.slice(0, 500), { token });
    expectProblem(response, 403, 'AUTH.FORBIDDEN');
  });

  test.each([
    ['application/json', '{"code":"A"}'],
    ['text/plain', 'Mã cán bộ,Họ và tên'],
    ['application/octet-stream', 'Mã cán bộ,Họ và tên'],
  ])('a body sent as %s gets 415', async (contentType, body) => {
    const response = await postImport(t, 'people', body, { contentType });
    expectProblem(response, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
  });

  test('a CSV declared with a charset is accepted', async () => {
    const response = await postImport(t, 'people', csv([PERSON_HEADER, staffRow(5)]), {
      contentType: 'text/csv; charset=utf-8',
    });
    expect(response.body).toMatchObject({ unchanged: 1 });
  });

  test('a corrupt XLSX file is refused as unreadable', async () => {
    const whole = await xlsx([PERSON_HEADER, staffRow(1)]);
    const response = await postImport(t, 'people', whole.subarray(0, 200), { contentType: XLSX });
    expectProblem(response, 400, 'IMPORT.UNREADABLE_FILE');
  });

  test('unknown and missing columns are named', async () => {
    const response = await postImport(t, 'people', csv([['Mã cán bộ', 'Họ và tên', 'Quê quán']]));
    expectProblem(response, 422, 'IMPORT.INVALID_HEADERS');
    expect(response.body).toMatchObject({
      unknownHeaders: ['Quê quán'],
      missingHeaders: ['Mã đơn vị', 'Đối tượng'],
    });
  });

  test('skipInvalid must be true or false', async () => {
    const response = await postImport(t, 'people', BAD_FILE, { query: 'skipInvalid=yes' });
    expectProblem(response, 400, 'VALIDATION.FAILED');
    expect(response.body.errors).toEqual([
      {
        field: 'skipInvalid',
        messages: ['skipInvalid must be true or false'],
        messagesVi: ['skipInvalid phải là true hoặc false.'],
      },
    ]);
  });
});
