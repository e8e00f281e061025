import type { Page } from 'playwright-core';
import { todayInVietnam } from '../support/dates';
import { TEST_PASSWORD, type TestUser } from '../support/test-app';
import {
  chooseOption,
  selectListClosed,
  startStory,
  type BrowserStory,
} from './support/browser-story';

const COMMITTEE = 'Đảng ủy Khối các cơ quan tỉnh';
const BOARD = 'Ban Tuyên giáo Đảng ủy Khối';
const GRASSROOTS = 'Đảng bộ Sở Tư pháp';
const TITLE = 'Thi đua bảo đảm trật tự, an toàn giao thông';
const YEAR = todayInVietnam().slice(0, 4);
const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Types a date into an antd DatePicker (dd/MM/yyyy) and leaves the field, keeping it. */
async function fillDate(page: Page, label: string, date: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Tab');
  expect(await input.inputValue()).toBe(date);
}

/**
 * Story: the committee's secretariat drafts the Directive 23 traffic-safety movement in the form
 * (criteria from the catalogue) and launches it; the leader of a grassroots organisation below
 * finds it in their list, acknowledges it with a summary of the unit's plan and the plan itself,
 * and the committee sees who has acknowledged and who has not, the movement's overview, and the
 * consolidated mid-term results report with its PDF and Excel files. Axe checks every screen.
 */
describe('An emulation movement launched and acknowledged', () => {
  let story: BrowserStory;
  let launcher: TestUser;
  let leader: TestUser;

  beforeAll(async () => {
    story = await startStory('movement');
    const { t } = story;
    const committee = await t.createUnit(COMMITTEE, 'party_committee');
    await t.createUnit(BOARD, 'agency', committee.id);
    const grassroots = await t.createUnit(GRASSROOTS, 'grassroots_party_org', committee.id);
    await t.createUnit('Chi bộ Phòng Hành chính', 'party_cell', grassroots.id);
    launcher = await t.userWithGrants([{ role: 'secretariat', unitId: committee.id }]);
    leader = await t.userWithGrants([{ role: 'unit_leader', unitId: grassroots.id }]);
  });
  afterAll(async () => story?.close());

  test('the secretariat drafts the movement and launches it', async () => {
    const { page } = story;
    await story.signIn(launcher.username, TEST_PASSWORD);
    await page.goto('/movements');
    await page.getByRole('heading', { level: 1, name: 'Phong trào thi đua' }).waitFor();
    await story.screen('movements-empty');

    await page.getByRole('button', { name: 'Soạn phong trào mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Soạn phong trào thi đua' }).waitFor();
    await chooseOption(page, page, 'Đơn vị phát động', '', COMMITTEE);
    await page.getByLabel('Mã phong trào', { exact: true }).fill(`PT-ATGT-${YEAR}`);
    await page.getByLabel('Tên phong trào', { exact: true }).fill(TITLE);
    await page
      .getByLabel('Văn bản căn cứ', { exact: true })
      .fill('Chỉ thị số 23-CT/TW ngày 25/5/2023 của Ban Bí thư');
    await page
      .getByLabel('Văn bản trong bộ quy tắc (nếu có)', { exact: true })
      .fill('directive_23_ct_tw');
    // Typed without diacritics, as many type: the pickers' search ignores them, as every search.
    await chooseOption(page, page, 'Đơn vị chủ trì', 'tuyen giao', BOARD);
    await fillDate(page, 'Từ ngày', `01/01/${YEAR}`);
    await fillDate(page, 'Đến ngày', `31/12/${YEAR}`);
    await fillDate(page, 'Hạn đăng ký thi đua', `31/12/${YEAR}`);
    await chooseOption(
      page,
      page,
      'Phạm vi tham gia (đơn vị và các đơn vị trực thuộc)',
      'Khối',
      COMMITTEE,
    );
    // A multiple select stays open after a choice: typed, chosen, then closed by hand.
    const criteria = page.getByLabel('Tiêu chí thi đua', { exact: true });
    await criteria.click();
    await criteria.pressSequentially('giao thong');
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: /trật tự, an toàn giao thông/ });
    await option.first().waitFor();
    await story.settle();
    await option.first().click();
    await page.keyboard.press('Escape');
    await selectListClosed(page);
    // Its weight, prefilled with the catalogue's default.
    await page
      .getByRole('spinbutton', { name: 'Chấp hành pháp luật về trật tự, an toàn giao thông' })
      .waitFor();
    await story.screen('movement-form');
    await page.getByRole('button', { name: 'Lưu dự thảo' }).click();

    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('Dự thảo', { exact: true }).waitFor();
    await story.screen('movement-draft');
    await page.getByRole('button', { name: 'Phát động phong trào' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await story.settle();
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Đã phát động', { exact: true }).waitFor();
    await page.getByText('0/4 đơn vị đã tiếp nhận').waitFor();
    await story.screen('movement-launched');
    await story.signOut();
  });

  test('a grassroots leader sees it and acknowledges it with the unit’s plan', async () => {
    const { page } = story;
    await story.signIn(leader.username, TEST_PASSWORD);
    await page.goto('/movements');
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('Chưa tiếp nhận', { exact: true }).first().waitFor();
    // The overview counts the leader's own subtree only.
    await page.getByText(`Số liệu trong phạm vi đơn vị của bạn: ${GRASSROOTS}.`).waitFor();
    await story.screen('movement-as-participant');

    await page.getByRole('link', { name: 'Tiếp nhận phong trào' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận phong trào thi đua' }).waitFor();
    await page
      .getByLabel('Tóm tắt kế hoạch thực hiện', { exact: true })
      .fill('Quán triệt Chỉ thị 23 đến 100% đảng viên; ký cam kết trong quý I.');
    await page.getByLabel('Văn bản kế hoạch thực hiện', { exact: true }).setInputFiles({
      name: 'ke-hoach-thuc-hien.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% ke hoach\n%%EOF\n'),
    });
    await page.getByText('ke-hoach-thuc-hien.pdf').waitFor();
    await story.screen('acknowledge-form');
    await page.getByRole('button', { name: 'Xác nhận tiếp nhận' }).click();

    await page.getByRole('heading', { level: 1, name: 'Hồ sơ tham gia phong trào' }).waitFor();
    await page.getByRole('link', { name: 'ke-hoach-thuc-hien.pdf' }).waitFor();
    await page.getByText(vnDate(todayInVietnam())).first().waitFor();
    await story.screen('participation');
    await story.signOut();
  });

  test('the committee sees who has acknowledged', async () => {
    const { page } = story;
    await story.signIn(launcher.username, TEST_PASSWORD);
    await page.goto('/movements');
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByText('1/4 đơn vị đã tiếp nhận').waitFor();
    await page.getByLabel('Chỉ hiện đơn vị chưa tiếp nhận').check();
    await page.getByRole('cell', { name: new RegExp(GRASSROOTS) }).waitFor({ state: 'detached' });
    await story.screen('who-has-not');
  });

  test('the committee reads the overview and the mid-term results report', async () => {
    const { page, t } = story;
    const movementId = new URL(page.url()).pathname.split('/')[2];
    const overview = page.getByRole('heading', { level: 2, name: 'Tổng quan phong trào' });
    await overview.waitFor();
    await page.getByText('Số liệu của toàn bộ phạm vi tham gia phong trào.').waitFor();
    const registrations = page.getByRole('region', { name: 'Đăng ký thi đua' });
    await registrations.getByText('Tổng số: 0').waitFor();
    await registrations.getByRole('link', { name: 'Mở danh sách đăng ký' }).waitFor();
    await page.getByRole('region', { name: 'Hồ sơ đề nghị khen thưởng từ phong trào' }).waitFor();

    // The review and the unit's report, through the API: their screens are the participation's.
    const launcherToken = await t.login(launcher.username, TEST_PASSWORD);
    const leaderToken = await t.login(leader.username, TEST_PASSWORD);
    const review = await t.sendEvent(launcherToken, movementId, 'START_MIDTERM_REVIEW', {});
    expect(review.status).toBe(200);
    const seen = await t.getAs(leaderToken, `/api/v1/movements/${movementId}`);
    const participationId = seen.body.yourUnits[0].participationId as string;
    const report = await t.sendEvent(leaderToken, participationId, 'REPORT_RESULTS', {
      phase: 'midterm',
      results: [
        {
          criterionCode: 'traffic_law_compliance',
          score: 85,
          text: 'Không có đảng viên vi phạm luật giao thông.',
        },
      ],
    });
    expect(report.status).toBe(200);

    await page.reload();
    await page.getByRole('link', { name: 'Báo cáo kết quả sơ kết, tổng kết' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo kết quả phong trào' }).waitFor();
    const table = page.getByRole('table');
    await table.getByText('Không có đảng viên vi phạm luật giao thông.').waitFor();
    await page.getByText('4 đơn vị; 1 đã tiếp nhận; 1 đã báo cáo.').waitFor();
    await story.screen('movement-results-midterm');

    const pdf = await story.download(() =>
      page.getByRole('button', { name: 'Tải tệp PDF' }).click(),
    );
    expect(pdf.name).toBe(`bao-cao-so-ket_PT-ATGT-${YEAR}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const xlsx = await story.download(() =>
      page.getByRole('button', { name: 'Tải tệp Excel' }).click(),
    );
    expect(xlsx.name).toBe(`bao-cao-so-ket_PT-ATGT-${YEAR}.xlsx`);

    await page.getByText('Tổng kết', { exact: true }).click();
    await page.getByText('Phong trào chưa bước vào giai đoạn này.').waitFor();
    expect(new URL(page.url()).search).toBe('?phase=final');
    await story.screen('movement-results-final');
  });
});
