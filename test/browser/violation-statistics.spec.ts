import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD, type TestApp, type TestUser } from '../support/test-app';
import { startStory, type BrowserStory } from './support/browser-story';

const COMMITTEE = 'Đảng ủy Khối các cơ quan tỉnh';
/** Last year in Việt Nam: every legal date of the story lies in it, whenever the story runs. */
const YEAR =
  Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(
      new Date(),
    ),
  ) - 1;

/**
 * Opens a violation reported last year. Violation v4 asks for a catalogue category and a source;
 * v3 knew only "traffic" and had no source: the story runs on whichever version opens cases.
 */
async function reportViolation(t: TestApp, token: string, personId: string, occurredOn: string) {
  const subject = { kind: 'person', personId };
  const v4 = await t.openCase(token, {
    type: 'violation',
    subject,
    data: { category: 'traffic_alcohol', source: 'police_notice', occurredOn },
  });
  if (v4.status === 201) return;
  const v3 = await t.openCase(token, {
    type: 'violation',
    subject,
    data: { category: 'traffic', occurredOn },
  });
  if (v3.status !== 201) throw new Error(`report: ${JSON.stringify(v3.body)}`);
}

/** Types a date into an antd DatePicker (dd/MM/yyyy) and leaves the field, keeping it. */
async function fillDate(page: Page, label: string, date: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Tab');
  expect(await input.inputValue()).toBe(date);
}

async function menu(page: Page, item: string, heading: string) {
  await page.getByRole('navigation').getByRole('link', { name: item, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/**
 * Story: the unit leader of the provincial agencies' Party committee prepares last year's
 * evaluation. The statistics screen starts on their own unit; they pick last year, see two
 * violations still under verification, the outcome bars with their numbers, every member still
 * with a clean traffic record, and download the same figures as an Excel file. A council member,
 * who reads no statistics, finds no menu entry and a plain refusal at the address.
 */
describe('Violation statistics for the annual evaluation', () => {
  let story: BrowserStory;
  let leader: TestUser;
  let member: TestUser;
  let committeeCode: string;

  beforeAll(async () => {
    story = await startStory('violation-statistics');
    const { t } = story;
    const committee = await t.createUnit(COMMITTEE, 'party_committee');
    committeeCode = committee.code;
    const office = await t.createUnit('Văn phòng Đảng ủy Khối', 'office', committee.id);
    const hung = await t.createPerson('Trần Văn Hùng', office.id);
    const lan = await t.createPerson('Nguyễn Thị Lan', office.id);
    await t.createPerson('Lê Văn Tâm', committee.id);
    const secretariat = await t.userWithGrants([{ role: 'secretariat', unitId: committee.id }]);
    await reportViolation(t, secretariat.token, hung.id, `${YEAR}-03-14`);
    await reportViolation(t, secretariat.token, lan.id, `${YEAR}-11-02`);
    // The year before: not counted.
    await reportViolation(t, secretariat.token, lan.id, `${YEAR - 1}-12-31`);
    leader = await t.userWithGrants([{ role: 'unit_leader', unitId: committee.id }]);
    member = await t.userWithGrants([{ role: 'council_member', unitId: committee.id }]);
  });
  afterAll(async () => story?.close());

  it('the unit leader counts last year and downloads the workbook', async () => {
    const { page } = story;
    await story.signIn(leader.username, TEST_PASSWORD);
    await menu(page, 'Thống kê vi phạm', 'Thống kê vi phạm');
    // The picker starts on the reader's own unit.
    await page.locator('form').getByText(`${COMMITTEE} (${committeeCode})`).waitFor();
    await fillDate(page, 'Từ ngày', `01/01/${YEAR}`);
    await fillDate(page, 'Đến ngày', `31/12/${YEAR}`);
    await page.getByRole('button', { name: 'Xem thống kê' }).click();

    const report = page.getByRole('region', {
      name: `${COMMITTEE} · 01/01/${YEAR} – 31/12/${YEAR}`,
    });
    await report.waitFor();
    const summary = (label: string) =>
      report.getByRole('row').filter({ has: page.getByText(label, { exact: true }) });
    await summary('Tổng số vi phạm xảy ra trong kỳ').getByText('2', { exact: true }).waitFor();
    await summary('Tổng số người của đơn vị').getByText('3', { exact: true }).waitFor();
    await summary('Tỷ lệ người không có vi phạm giao thông')
      .getByText('3/3 người (100%)')
      .waitFor();

    const outcomes = report.getByRole('table', { name: 'Theo kết quả xử lý' });
    const pending = outcomes.getByRole('row', { name: /Đang xác minh, chưa kết luận/ });
    expect(await pending.getByRole('cell').last().innerText()).toBe('2');
    const chart = report.getByRole('img', { name: 'Biểu đồ: Theo kết quả xử lý' });
    await chart.waitFor();
    expect(await chart.getByText('Đang xác minh, chưa kết luận').count()).toBe(1);
    await story.screen('statistics');

    const file = await story.download(() =>
      page.getByRole('button', { name: 'Tải tệp Excel' }).click(),
    );
    expect(file.name).toBe(`thong-ke-vi-pham_${YEAR}-01-01_${YEAR}-12-31.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Thống kê vi phạm')!;
    const totals: unknown[] = [];
    sheet.eachRow((row) => {
      if (row.getCell(4).value === 'total') totals.push(row.getCell(5).value);
    });
    expect(totals).toEqual([2]);

    // A period that ends before it starts is caught on the form, before any request.
    await fillDate(page, 'Đến ngày', `01/01/${YEAR - 1}`);
    await page.getByRole('button', { name: 'Xem thống kê' }).click();
    await page.getByText('Ngày kết thúc không được trước ngày bắt đầu.').waitFor();
    await story.screen('statistics-reversed-period');
    await story.signOut();
  });

  it('a council member has no statistics menu and is refused at the address', async () => {
    const { page } = story;
    await story.context.clearCookies();
    await story.signIn(member.username, TEST_PASSWORD);
    expect(
      await page.getByRole('navigation').getByRole('link', { name: 'Thống kê vi phạm' }).count(),
    ).toBe(0);
    await page.goto('/violations/statistics');
    await page.getByRole('heading', { level: 1, name: 'Thống kê vi phạm' }).waitFor();
    await page
      .getByRole('heading', { level: 2, name: 'Bạn không có quyền dùng chức năng này' })
      .waitFor();
    await story.screen('statistics-refused');
    await story.signOut();
  });
});
