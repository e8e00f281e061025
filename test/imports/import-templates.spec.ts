import ExcelJS from 'exceljs';
import { AWARD_COLUMNS } from '../../src/imports/award-import-vocabulary';
import { PERSON_COLUMNS, UNIT_COLUMNS } from '../../src/imports/import-vocabulary';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import { countRows, CSV, XLSX } from './import-files';
import { binary } from '../support/binary-body';
import { expectLanguageDocumented } from '../support/output-language';

const HEADERS = {
  units: UNIT_COLUMNS.map((column) => column.labelVi),
  people: PERSON_COLUMNS.map((column) => column.labelVi),
  awards: AWARD_COLUMNS.map((column) => column.labelVi),
};
type Kind = keyof typeof HEADERS;

async function sheets(file: Buffer): Promise<{ name: string; rows: string[][] }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      for (let column = 1; column <= row.cellCount; column += 1) {
        cells.push(String(row.getCell(column).text));
      }
      rows.push(cells);
    });
    return { name: sheet.name, rows };
  });
}

/**
 * Story: the organisation office has never imported anything. It downloads the three templates
 * (units, people, past awards), as Excel or CSV: the header row is exactly the one the importer
 * expects, with one example row in Vietnamese and a guide. Sending a template back unchanged
 * imports its example; people before their unit is refused with the row and column named.
 */
/** An import's report when its one row created a record. */
const ONE_CREATED = {
  created: 1,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  errors: [],
  errorCount: 0,
};

describe.each(DIALECTS)('import templates (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  const download = (kind: string, query = '', token = t.adminToken) =>
    t
      .getAs(token, `/api/v1/imports/templates/${kind}${query ? `?${query}` : ''}`)
      .buffer(true)
      .parse(binary);
  const upload = (kind: Kind, file: Buffer, contentType: string) =>
    t.postAs(t.adminToken, `/api/v1/imports/${kind}`).set('Content-Type', contentType).send(file);

  test('XLSX by default: the importer’s header row, one Vietnamese example, a guide', async () => {
    for (const kind of Object.keys(HEADERS) as Kind[]) {
      const response = await download(kind);
      expect({ kind, status: response.status }).toEqual({ kind, status: 200 });
      expect(response.headers['content-type']).toBe(XLSX);
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="mau-nhap-[a-z-]+\.xlsx"$/,
      );
      const [list, guide] = await sheets(response.body as Buffer);
      expect({ kind, header: list.rows[0] }).toEqual({ kind, header: HEADERS[kind] });
      expect(list.rows).toHaveLength(2);
      expect(guide.name).toBe('Hướng dẫn');
      for (const header of HEADERS[kind]) {
        expect(guide.rows.some((row) => row[0] === header)).toBe(true);
      }
    }
    const [units, unitsGuide] = await sheets((await download('units')).body as Buffer);
    expect(units.rows[1]).toEqual(['DUK', 'Đảng ủy Khối Doanh nghiệp tỉnh', 'Đảng ủy', '', 'có']);
    // Each column says what it holds and which values it takes.
    expect(unitsGuide.rows).toContainEqual([
      'Cột',
      'Trường',
      'Bắt buộc',
      'Nội dung, giá trị được nhận',
      'Tiêu đề khác cũng được nhận',
    ]);
    const kindRow = unitsGuide.rows.find((row) => row[1] === 'kind')!;
    expect(kindRow[3]).toMatch(/^Một trong: Đảng ủy, Chi bộ, .*Văn phòng/);
    const [, peopleGuide] = await sheets((await download('people')).body as Buffer);
    expect(peopleGuide.rows.find((row) => row[1] === 'employmentType')![3]).toContain(
      'Công chức, Viên chức',
    );
  });

  test('CSV on request: UTF-8 with a BOM, the same two rows', async () => {
    for (const kind of Object.keys(HEADERS) as Kind[]) {
      const response = await download(kind, 'format=csv');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(/\.csv"$/);
      const text = (response.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines[2]).toBe('');
      expect(lines[0]).toBe(HEADERS[kind].join(','));
    }
    const people = (await download('people', 'format=csv')).body as Buffer;
    expect(people.toString('utf8').split('\r\n')[1]).toBe(
      'CB-0001,Nguyễn Văn An,DUK,Chuyên viên Văn phòng,17/05/1985,có,03/02/2010,Công chức,có',
    );
  });

  test('sent back unchanged, the templates import their examples, in order', async () => {
    const file = async (kind: Kind, format: 'xlsx' | 'csv') =>
      (await download(kind, `format=${format}`)).body as Buffer;

    // A person before their unit: the row and the column are named, nothing is written.
    const early = await upload('people', await file('people', 'xlsx'), XLSX);
    expectProblem(early, 422, 'IMPORT.INVALID_ROWS');
    expect(early.body.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'unitCode', messageVi: expect.any(String) }),
    ]);
    expect(await countRows(t, 'people')).toBe(0);

    const units = await upload('units', await file('units', 'xlsx'), XLSX);
    expect(units.status).toBe(200);
    expect(units.body).toEqual(ONE_CREATED);
    const people = await upload('people', await file('people', 'csv'), CSV);
    expect(people.body).toEqual(ONE_CREATED);
    const awards = await upload('awards', await file('awards', 'xlsx'), XLSX);
    expect(awards.body).toEqual(ONE_CREATED);

    // Again, in the other format: nothing changes.
    for (const kind of ['units', 'people', 'awards'] as Kind[]) {
      const again = await upload(kind, await file(kind, 'csv'), CSV);
      expect({ kind, body: again.body }).toEqual({
        kind,
        body: { created: 0, updated: 0, unchanged: 1, skipped: 0, errors: [], errorCount: 0 },
      });
    }
    const person = await t.getAs(t.adminToken, '/api/v1/people?q=nguyen%20van%20an');
    expect(person.body.items[0]).toMatchObject({
      code: 'CB-0001',
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '1985-05-17',
      partyMember: true,
      employmentType: 'civil_servant',
    });
  });

  test('in English (lang=en): the guide is English, the header row the importer’s', async () => {
    const names = { units: 'Units', people: 'People', awards: 'Awards' };
    for (const kind of Object.keys(HEADERS) as Kind[]) {
      const response = await download(kind, 'lang=en');
      expect({ kind, status: response.status }).toEqual({ kind, status: 200 });
      expect(response.headers['content-type']).toBe(XLSX);
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="mau-nhap-[a-z-]+\.en\.xlsx"$/,
      );
      const [list, guide] = await sheets(response.body as Buffer);
      expect({ kind, name: list.name, header: list.rows[0] }).toEqual({
        kind,
        name: names[kind],
        header: HEADERS[kind],
      });
      expect(list.rows).toHaveLength(2);
      expect(guide.name).toBe('Guide');
      expect(guide.rows[0][0]).toMatch(
        new RegExp(`^Sheet "${names[kind]}": one record per row; row 2 is an example`),
      );
      expect(guide.rows).toContainEqual([
        'Column',
        'Field',
        'Required',
        'What it holds, values accepted',
        'Other headers also accepted',
      ]);
      for (const header of HEADERS[kind]) {
        const row = guide.rows.find((cells) => cells[0] === header);
        expect({ kind, header, required: row?.[2] }).toEqual({
          kind,
          header,
          required: expect.stringMatching(/^(Yes|No)$/),
        });
      }
      expect(JSON.stringify(guide.rows)).not.toMatch(/Trang "|Bắt buộc|Tiêu đề khác|"Có"|"Không"/);
    }
    // What each column holds, in English, with the values the importer takes.
    const [, unitsGuide] = await sheets((await download('units', 'lang=en')).body as Buffer);
    expect(unitsGuide.rows.find((row) => row[1] === 'active')![3]).toBe(
      'có (yes) or không (no); x, 1/0 and true/false are accepted too; empty keeps what is ' +
        'recorded (a new one: yes).',
    );
    expect(unitsGuide.rows.find((row) => row[1] === 'kind')![3]).toMatch(
      /^One of: Đảng ủy, .* \(or party_committee, /,
    );
    const [, awardsGuide] = await sheets((await download('awards', 'lang=en')).body as Buffer);
    expect(awardsGuide.rows[1][0]).toBe(
      'Each row gives either "Mã cán bộ" (person code, an individual award) or "Mã đơn vị" ' +
        '(unit code, a collective award), not both.',
    );
    // The example is the importer's, as in Vietnamese.
    const [units] = await sheets((await download('units', 'lang=en')).body as Buffer);
    expect(units.rows[1]).toEqual(['DUK', 'Đảng ủy Khối Doanh nghiệp tỉnh', 'Đảng ủy', '', 'có']);
    // A CSV has no guide: the same file in either language.
    const csvVi = await download('people', 'format=csv');
    const csvEn = await download('people', 'format=csv&lang=en');
    expect(csvEn.headers['content-disposition']).toBe(csvVi.headers['content-disposition']);
    expect(Buffer.compare(csvEn.body as Buffer, csvVi.body as Buffer)).toBe(0);
  });

  test('an English template, filled in, imports', async () => {
    /** The English template of `kind` with its example row replaced by `row`. */
    const filled = async (kind: Kind, row: string[]) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await download(kind, 'lang=en')).body as unknown as ExcelJS.Buffer);
      const list = workbook.worksheets[0];
      row.forEach((value, index) => {
        list.getRow(2).getCell(index + 1).value = value;
      });
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };

    const units = await upload(
      'units',
      await filled('units', ['BTC', 'Ban Tổ chức Tỉnh ủy', 'Ban', '', 'có']),
      XLSX,
    );
    expect({ status: units.status, body: units.body }).toEqual({ status: 200, body: ONE_CREATED });
    const people = await upload(
      'people',
      await filled('people', [
        'CB-0100',
        'Trần Thị Hoa',
        'BTC',
        'Chuyên viên',
        '02/09/1990',
        'không',
        '',
        'Công chức',
        'có',
      ]),
      XLSX,
    );
    expect({ status: people.status, body: people.body }).toEqual({
      status: 200,
      body: ONE_CREATED,
    });
    const person = await t.getAs(t.adminToken, '/api/v1/people?q=tran%20thi%20hoa');
    expect(person.body.items[0]).toMatchObject({
      code: 'CB-0100',
      fullName: 'Trần Thị Hoa',
      dateOfBirth: '1990-09-02',
      partyMember: false,
      employmentType: 'civil_servant',
    });
  });

  test('an unknown kind, format or language is a 400 problem', async () => {
    for (const [path, field] of [
      ['/api/v1/imports/templates/teams', 'kind'],
      ['/api/v1/imports/templates/units?format=pdf', 'format'],
      ['/api/v1/imports/templates/units?lang=fr', 'lang'],
      ['/api/v1/imports/templates/units?format=xlsx&sheet=1', 'sheet'],
    ]) {
      const response = await t.getAs(t.adminToken, path);
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect(response.body.detailVi).toEqual(expect.any(String));
    }
    await expectLanguageDocumented(t, '/api/v1/imports/templates/{kind}');
  });

  test('only those who may import: 401 without a token, 403 for other roles', async () => {
    expectProblem(await t.http.get('/api/v1/imports/templates/units'), 401, 'AUTH.UNAUTHENTICATED');
    for (const role of ['unit_leader', 'secretariat', 'auditor'] as const) {
      const { token } = await t.userWith(role);
      expectProblem(
        await t.getAs(token, '/api/v1/imports/templates/people'),
        403,
        'AUTH.FORBIDDEN',
      );
    }
  });
});
