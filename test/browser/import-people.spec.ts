import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ADMIN } from '../support/test-app';
import { startStory, type BrowserStory } from './support/browser-story';

const FIXTURES = join(__dirname, '../fixtures/imports');

/**
 * An admin takes the people template, imports the unit tree, then a people file with bad rows:
 * each upload becomes a job the screen follows to its end; it then lists each bad row by its line
 * number, and nothing from that file is imported.
 */
describe('An admin imports people and reads the bad rows', () => {
  let story: BrowserStory;

  beforeAll(async () => {
    story = await startStory('import-people');
  });
  afterAll(async () => story?.close());

  it('lists every bad row by line and imports nothing from that file', async () => {
    const { page, t } = story;
    await story.signIn(ADMIN.username, ADMIN.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Nhập dữ liệu' }).click();
    await page.getByRole('heading', { name: 'Nhập dữ liệu từ tệp' }).waitFor();
    const main = page.getByRole('main');

    await main.getByText('Cán bộ', { exact: true }).click();
    const template = await story.download(() =>
      page.getByRole('button', { name: 'Tải tệp mẫu Excel (.xlsx)' }).click(),
    );
    expect(template.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.bytes as unknown as ArrayBuffer);
    const header = (workbook.worksheets[0].getRow(1).values as unknown[]).filter(Boolean);
    expect(header).toEqual(expect.arrayContaining(['Mã cán bộ', 'Họ và tên', 'Mã đơn vị']));
    await story.screen('imports');

    // The units first, so the people's units exist.
    await main.getByText('Đơn vị', { exact: true }).click();
    await page.locator('input[type=file]').setInputFiles(join(FIXTURES, 'units.csv'));
    await page.getByText('Đã nhập tệp.', { exact: false }).waitFor();
    await story.screen('units-imported');

    await page.getByRole('button', { name: 'Nhập tệp khác' }).click();
    await main.getByText('Cán bộ', { exact: true }).click();
    // The refusal is the job's outcome (polled with 200s), not a failed request.
    await page.locator('input[type=file]').setInputFiles(join(FIXTURES, 'people-with-errors.csv'));
    const errors = page.getByRole('table', { name: 'Các dòng có lỗi trong tệp' });
    await errors.waitFor();
    const lines = await errors.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    expect([...new Set(lines.map((line) => line.trim()))]).toEqual(['2', '3', '4']);
    await expect(errors.innerText()).resolves.toMatch(/30\/02\/1990|ngày/i);
    await story.screen('people-refused');

    // Nothing from the refused file exists, not even its good row (line 5).
    const people = await t.getAs(t.adminToken, '/api/v1/people?q=Hồ Văn Mười');
    expect(people.status).toBe(200);
    expect(people.body.items).toEqual([]);
  });
});
