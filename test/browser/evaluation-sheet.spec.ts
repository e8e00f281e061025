import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { trafficReport } from '../e2e/violation-reports';
import { todayInVietnam } from '../support/dates';
import { TEST_PASSWORD, type TestApp, type TestUser } from '../support/test-app';
import { startStory, type BrowserStory } from './support/browser-story';

const COMMITTEE = 'Đảng ủy Khối các cơ quan tỉnh';
const YEAR = Number(todayInVietnam().slice(0, 4));

async function ok(what: string, answer: Promise<{ status: number; body: unknown }>) {
  const response = await answer;
  if (response.status >= 300) throw new Error(`${what}: ${JSON.stringify(response.body)}`);
  return response.body as { id: string; state: string };
}

/** A red light this year, confirmed by the secretariat. */
async function confirmedRedLight(t: TestApp, token: string, personId: string) {
  const opened = await ok(
    'report',
    t.openCase(token, {
      type: 'violation',
      subject: { kind: 'person', personId },
      data: trafficReport(t, 'Vượt đèn đỏ'),
    }),
  );
  await ok('verify', t.sendEvent(token, opened.id, 'START_VERIFICATION'));
  await ok(
    'confirm',
    t.sendEvent(token, opened.id, 'CONFIRM', {
      reason: 'Thông báo của công an',
      confirmedOn: todayInVietnam(),
    }),
  );
}

async function menu(page: Page, item: string, heading: string) {
  await page.getByRole('navigation').getByRole('link', { name: item, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/**
 * Story: at the year's end the committee's secretariat opens this year's evaluation sheet: Lan is
 * rated and met the traffic criterion, Hùng ran a red light and did not; the secretariat sees the
 * violation itself and downloads the sheet. The unit leader sees the same table with the numbers
 * only.
 */
describe('The annual evaluation sheet', () => {
  let story: BrowserStory;
  let secretariat: TestUser;
  let leader: TestUser;
  let committeeCode: string;

  beforeAll(async () => {
    story = await startStory('evaluation-sheet');
    const { t } = story;
    const committee = await t.createUnit(COMMITTEE, 'party_committee');
    committeeCode = committee.code;
    const office = await t.createUnit('Văn phòng Đảng ủy Khối', 'office', committee.id);
    const lan = await t.createPerson('Nguyễn Thị Lan', office.id);
    const hung = await t.createPerson('Trần Văn Hùng', office.id);
    secretariat = await t.userWithGrants([{ role: 'secretariat', unitId: committee.id }]);
    leader = await t.userWithGrants([{ role: 'unit_leader', unitId: committee.id }]);
    await ok(
      'rate',
      t.http
        .put(`/api/v1/ratings/person/${lan.id}/${YEAR}`)
        .auth(secretariat.token, { type: 'bearer' })
        .send({ rating: 'hoan_thanh_tot', basis: 'Biên bản họp chi bộ' }),
    );
    await confirmedRedLight(t, secretariat.token, hung.id);
  });
  afterAll(async () => story?.close());

  it('the secretariat reads the sheet with the violation and downloads it', async () => {
    const { page } = story;
    await story.signIn(secretariat.username, TEST_PASSWORD);
    await menu(page, 'Đánh giá thi đua', 'Đánh giá thi đua hằng năm');
    await page.locator('form').getByText(`${COMMITTEE} (${committeeCode})`).waitFor();
    await page.getByRole('button', { name: 'Xem bảng đánh giá' }).click();

    const sheet = page.getByRole('region', { name: `${COMMITTEE} · năm ${YEAR}` });
    await sheet.waitFor();
    const row = (name: string) => sheet.getByRole('row').filter({ hasText: name });
    await row('Nguyễn Thị Lan').getByText('Hoàn thành tốt nhiệm vụ').waitFor();
    await row('Nguyễn Thị Lan').getByText('Đạt', { exact: true }).waitFor();
    await row('Trần Văn Hùng').getByText('Không đạt', { exact: true }).waitFor();
    await row('Trần Văn Hùng').getByText('1 vi phạm, 0 kỷ luật').waitFor();
    await row('Trần Văn Hùng')
      .getByText(/vượt đèn đỏ/)
      .waitFor();
    await story.screen('evaluation-sheet');

    const file = await story.download(() =>
      page.getByRole('button', { name: 'Tải tệp Excel' }).click(),
    );
    expect(file.name).toBe(`danh-gia-thi-dua_${committeeCode}_${YEAR}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
    const names: unknown[] = [];
    workbook.getWorksheet('Đánh giá thi đua')!.eachRow((line) => names.push(line.getCell(4).value));
    expect(names).toEqual(expect.arrayContaining(['  Nguyễn Thị Lan', '  Trần Văn Hùng']));
    await story.signOut();
  });

  it('the unit leader sees the numbers, not the violation', async () => {
    const { page } = story;
    await story.signIn(leader.username, TEST_PASSWORD);
    await menu(page, 'Đánh giá thi đua', 'Đánh giá thi đua hằng năm');
    await page.locator('form').getByText(`${COMMITTEE} (${committeeCode})`).waitFor();
    await page.getByRole('button', { name: 'Xem bảng đánh giá' }).click();
    const sheet = page.getByRole('region', { name: `${COMMITTEE} · năm ${YEAR}` });
    await sheet.waitFor();
    await page.getByText(/Bạn chỉ xem được số lượng vi phạm/).waitFor();
    const hung = sheet.getByRole('row').filter({ hasText: 'Trần Văn Hùng' });
    await hung.getByText('1 vi phạm, 0 kỷ luật').waitFor();
    await hung.getByText('Không đạt', { exact: true }).waitFor();
    expect(await hung.getByRole('link').count()).toBe(0);
    await story.screen('evaluation-sheet-counts');
  });
});
