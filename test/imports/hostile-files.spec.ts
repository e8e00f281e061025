import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import {
  countRows,
  postImport,
  startImport,
  waitForJob,
  withDeclaredSize,
  XLSX,
  xlsx,
  xlsxWithCellAt,
} from './import-files';

const UNIT_HEADER = ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị'];

/**
 * Files built to hurt the server: each is refused with a clear problem naming the bound and where
 * it was hit, nothing is written, and the server goes on answering.
 */
describe.each(DIALECTS)('hostile import files (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  const unitCount = () => countRows(t, 'units');
  const serverAnswers = async () => {
    expect((await t.http.get('/health')).status).toBe(200);
    expect((await t.getAs(t.adminToken, '/api/v1/units?limit=1')).status).toBe(200);
  };

  /** Found by the API fuzz: a NUL in a CSV cell reached PostgreSQL and gave a 500. */
  test.each([
    ['in a parent code', 'code,name,kind,parentCode\nA,Đơn vị A,agency,\u0000\n'],
    ['in a name', 'code,name,kind\nA,Đơn\u0000vị,agency\n'],
  ])('a NUL character %s is refused as unreadable, naming the line', async (_label, csv) => {
    const before = await unitCount();
    const response = await postImport(t, 'units', csv);
    expectProblem(response, 400, 'IMPORT.UNREADABLE_FILE');
    expect(response.body.line).toBe(2);
    expect(await unitCount()).toBe(before);
  });

  // Issue 12: 17 KB, one cell in column XFD; exceljs built 16,384 cells a row and ran out of memory.
  test('a workbook with a value in the last column (XFD) is refused, naming the cell', async () => {
    const before = await unitCount();
    const workbook = await xlsxWithCellAt(UNIT_HEADER, 'XFD2', 'x');
    const response = await postImport(t, 'units', workbook, { contentType: XLSX });
    expectProblem(response, 422, 'IMPORT.TOO_MANY_COLUMNS');
    expect(response.body).toMatchObject({ line: 2, column: 'XFD', limit: 21 });
    expect(response.body.detailVi).toContain('cột XFD');
    expect(await unitCount()).toBe(before);
    await serverAnswers();
  });

  test('the same workbook as a job: the job fails with that problem', async () => {
    const workbook = await xlsxWithCellAt(UNIT_HEADER, 'XFD1', 'x');
    const accepted = await startImport(t, 'units', workbook, { contentType: XLSX });
    expect(accepted.status).toBe(202);
    const job = await waitForJob(t, accepted.headers.location);
    expect(job).toMatchObject({
      status: 'failed',
      problem: { status: 422, code: 'IMPORT.TOO_MANY_COLUMNS', line: 1, column: 'XFD' },
    });
    await serverAnswers();
  });

  test('empty but formatted cells far to the right are not values: the file imports', async () => {
    const workbook = await xlsxWithCellAt(UNIT_HEADER, 'XFD3', null);
    const withRow = await xlsx([UNIT_HEADER, ['XA', 'Xã A', 'Cơ quan']]);
    for (const file of [workbook, withRow]) {
      const response = await postImport(t, 'units', file, { contentType: XLSX });
      expect(response.status).toBe(200);
    }
  });

  test('a zip bomb (parts that unpack to gigabytes) is refused before anything is unpacked', async () => {
    const before = await unitCount();
    const workbook = await xlsx([UNIT_HEADER, ['ZB', 'Zip bomb', 'Cơ quan']]);
    const bomb = withDeclaredSize(workbook, 'xl/worksheets/sheet1.xml', 0xfffffff0);
    const response = await postImport(t, 'units', bomb, { contentType: XLSX });
    expectProblem(response, 422, 'IMPORT.UNPACKS_TOO_LARGE');
    expect(response.body).toMatchObject({
      part: 'xl/worksheets/sheet1.xml',
      limit: 1024 * 1024 * 1024,
    });
    expect(await unitCount()).toBe(before);
    await serverAnswers();
  });

  test('a part that unpacks to more than its directory says is unreadable', async () => {
    const workbook = await xlsx([UNIT_HEADER, ['ZL', 'Zip liar', 'Cơ quan']]);
    const liar = withDeclaredSize(workbook, 'xl/worksheets/sheet1.xml', 10);
    const response = await postImport(t, 'units', liar, { contentType: XLSX });
    expectProblem(response, 400, 'IMPORT.UNREADABLE_FILE');
  });

  test('a CSV value beyond the last allowed column is refused, naming its column', async () => {
    const csv = `code,name,kind\nA,Ban A,ban${','.repeat(19)}x\n`;
    const response = await postImport(t, 'units', csv);
    expectProblem(response, 422, 'IMPORT.TOO_MANY_COLUMNS');
    expect(response.body).toMatchObject({ line: 2, column: 'V', limit: 21 });
  });

  test('a CSV row of a million separators is refused before it is split into cells', async () => {
    const csv = `code,name,kind\nA,Ban A,ban${','.repeat(1_000_000)}\n`;
    const response = await postImport(t, 'units', csv);
    expectProblem(response, 422, 'IMPORT.ROW_TOO_LONG');
    expect(response.body).toMatchObject({ line: 2 });
    await serverAnswers();
  });

  test('a CSV row of empty cells past the last column Excel has is refused there', async () => {
    const csv = `code,name,kind\nA,Ban A,ban${','.repeat(20_000)}\n`;
    const response = await postImport(t, 'units', csv);
    expectProblem(response, 422, 'IMPORT.TOO_MANY_COLUMNS');
    expect(response.body).toMatchObject({ line: 2, column: 'XFE' });
  });

  test('a cell of megabytes is refused, naming the line', async () => {
    const csv = `code,name,kind\nA,"${'Ban '.repeat(1_000_000)}",ban\n`;
    const response = await postImport(t, 'units', csv);
    expectProblem(response, 422, 'IMPORT.ROW_TOO_LONG');
    expect(response.body.line).toBe(2);
  });

  test('a cell longer than any field may be is refused with its place', async () => {
    const csv = `code,name,kind\nA,Ban A,ban\nB,"${'x'.repeat(5000)}",ban\n`;
    const response = await postImport(t, 'units', csv);
    expectProblem(response, 422, 'IMPORT.CELL_TOO_LONG');
    expect(response.body).toMatchObject({ line: 3, column: 'B', limit: 4000 });
  });
});
