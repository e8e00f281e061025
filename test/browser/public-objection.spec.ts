import type { Page } from 'playwright-core';
import { LAST_YEAR, openNomination, step } from '../e2e/nominations/nomination-steps';
import { TEST_PASSWORD, type TestApp, type TestUser } from '../support/test-app';
import { startStory, type BrowserStory } from './support/browser-story';

const NOMINEE = 'Nguyễn Thị Ngọc Hạnh';
/** The shipped award whose rule set requires a public notice (10 working days). */
const AWARD = { code: 'chien_si_thi_dua_toan_quoc', name: 'Chiến sĩ thi đua toàn quốc' };
const DOSSIER = ['to_trinh', 'bao_cao_thanh_tich', 'bien_ban_binh_xet', 'xac_nhan_sang_kien'];
const PHONE = { width: 390, height: 844 };
const OBJECTION =
  'Sáng kiến nêu trong hồ sơ là của tập thể Phòng Kỹ thuật, không phải của riêng cá nhân đồng chí Hạnh.';
const CITIZEN = { name: 'Trần Văn Dân', contact: '0912 345 678' };

/** A legal date of the API (YYYY-MM-DD) as the app shows it: dd/MM/yyyy. */
const shown = (iso: string) => iso.split('-').reverse().join('/');

/** Today in Việt Nam, as the server dates the notice (YYYY-MM-DD). */
const todayInVietnam = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

/**
 * Through the API, as the officials would have done it in the app: she held the provincial
 * emulation fighter title twice (imported from the old register), is nominated national emulation
 * fighter, her dossier is verified, and the secretariat opens the public notice before the council
 * meets (Decree 98/2023 Art 46(2)). Returns the case and the notice's period as recorded.
 */
async function nominationUnderNotice(t: TestApp, secretariat: TestUser) {
  const unit = await t.createUnit('Công ty Điện lực tỉnh', 'enterprise');
  const nominee = await t.createPerson(NOMINEE, unit.id);
  const register = [
    'STT,Mã cán bộ,Danh hiệu / hình thức,Năm,Tình trạng,Số quyết định,Ngày quyết định',
    `1,${nominee.code},Chiến sĩ thi đua bộ tỉnh,${LAST_YEAR - 2},Đã trao,15/QĐ-UBND,20/01/${LAST_YEAR - 1}`,
    `2,${nominee.code},Chiến sĩ thi đua bộ tỉnh,${LAST_YEAR - 1},Đã trao,18/QĐ-UBND,22/01/${LAST_YEAR}`,
  ].join('\n');
  const imported = await t.http
    .post('/api/v1/imports/awards')
    .auth(t.adminToken, { type: 'bearer' })
    .set('Content-Type', 'text/csv')
    .send(register);
  expect(imported.status).toBe(200);

  const leader = await t.userWithGrants([{ role: 'unit_leader', unitId: unit.id }]);
  const caseId = await openNomination(t, leader.token, nominee.id, AWARD.code, LAST_YEAR);
  await t.attachDossier(leader.token, caseId, DOSSIER);
  await step(t, leader.token, caseId, 'SUBMIT', 'submitted');
  await step(t, secretariat.token, caseId, 'START_VERIFICATION', 'verifying');
  await step(t, secretariat.token, caseId, 'MARK_VERIFIED', 'verified');
  const opened = await step(t, secretariat.token, caseId, 'OPEN_PUBLIC_NOTICE', 'public_notice');
  const notice = opened.body.context.publicNotice as { opensOn: string; closesOn: string };
  return { caseId, notice };
}

/**
 * Counts the objections this page sends (to prove a refused form sends nothing), with the
 * Idempotency-Key each carried.
 */
function countObjectionsSent(page: Page): { count(): number; keys: (string | undefined)[] } {
  const keys: (string | undefined)[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes('/objections')) {
      keys.push(request.headers()['idempotency-key']);
    }
  });
  return { count: () => keys.length, keys };
}

/**
 * A citizen, on a phone, not signed in, reads the nominations under public notice: Nguyễn Thị
 * Ngọc Hạnh, proposed as national emulation fighter, with the comment period in dd/MM/yyyy. Their
 * first objection is too short: the field says so in Vietnamese and nothing is sent. The second,
 * with their name and phone number, is received: the page confirms it and shows the nomination
 * paused, and the secretariat now has the nomination on hold with the objection to decide on. The
 * same phone then checks a certificate code that does not exist and reads a clear "KHÔNG TÌM THẤY".
 */
describe('A citizen objects to a nomination under public notice, on a phone', () => {
  let story: BrowserStory;
  let secretariat: TestUser;
  let caseId: string;
  let notice: { opensOn: string; closesOn: string };

  beforeAll(async () => {
    story = await startStory('public-objection', { viewport: PHONE });
    secretariat = await story.t.userWith('secretariat');
    ({ caseId, notice } = await nominationUnderNotice(story.t, secretariat));
  });
  afterAll(async () => story?.close());

  it('reads the notice and sends an objection; the nomination goes on hold', async () => {
    const { page, t } = story;
    const objectionsSent = countObjectionsSent(page);
    await page.goto('/public/notices');
    await page.getByRole('heading', { level: 1, name: 'Công khai đề nghị khen thưởng' }).waitFor();
    const notices = page.getByRole('list', {
      name: 'Danh sách đề nghị khen thưởng đang công khai',
    });
    const card = notices
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 2, name: NOMINEE }) });
    await card.getByText(AWARD.name, { exact: true }).waitFor();
    await card.getByText(String(LAST_YEAR), { exact: true }).waitFor();
    expect(notice.opensOn).toBe(todayInVietnam());
    await card
      .getByText(`${shown(notice.opensOn)} – ${shown(notice.closesOn)} (10 ngày làm việc)`)
      .waitFor();
    await card.getByText('Đang lấy ý kiến', { exact: true }).waitFor();
    await story.screen('notices');

    await card.getByRole('button', { name: 'Gửi ý kiến phản ánh' }).click();
    const form = page.getByRole('form', {
      name: `Ý kiến phản ánh về đề nghị khen thưởng ${NOMINEE}`,
    });
    await form.getByLabel('Nội dung phản ánh').fill('Không rõ');
    await form.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await form.getByText('Nội dung phản ánh cần ít nhất 10 ký tự.').waitFor();
    expect(objectionsSent.count()).toBe(0);
    await story.screen('objection-too-short');

    // The form says who will see the name and contact, and that the text is part of the file.
    await form
      .getByText(/chỉ cơ quan thường trực Hội đồng Thi đua – Khen thưởng và kiểm toán viên/)
      .waitFor();
    await form.getByText(/đừng ghi tên bạn hay điều gì cho biết bạn là ai/).waitFor();
    await form.getByLabel('Nội dung phản ánh').fill(OBJECTION);
    await form.getByLabel('Họ và tên (không bắt buộc)').fill(CITIZEN.name);
    await form.getByLabel('Cách liên hệ với bạn (không bắt buộc)').fill(CITIZEN.contact);
    await story.screen('objection-filled');
    await form.getByRole('button', { name: 'Gửi ý kiến' }).click();
    const receipt = card.getByRole('status');
    await receipt.getByText('Đã nhận ý kiến phản ánh của bạn').waitFor();
    await receipt.getByText(/^Thời điểm tiếp nhận: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/).waitFor();
    await card.getByText('Tạm dừng: đang xem xét ý kiến phản ánh').waitFor();
    expect(objectionsSent.count()).toBe(1);
    // A retry on a poor connection would repeat it safely rather than file it twice.
    expect(objectionsSent.keys[0]).toMatch(/^[0-9a-f]{32}$/);
    await story.screen('objection-received');

    // Anyone opening the page later sees the nomination paused, and nothing of who objected.
    await page.reload();
    await card.getByText('Tạm dừng: đang xem xét ý kiến phản ánh').waitFor();
    const published = await notices.innerText();
    expect(published).not.toContain(CITIZEN.name);
    expect(published).not.toContain(CITIZEN.contact);
    await story.screen('notices-on-hold');

    // The secretariat has the nomination on hold, with the objection to decide on; who sent it is
    // not in the case's history (only a commitment to it), but kept apart for the secretariat.
    const read = await t.getCase(secretariat.token, caseId);
    expect(read.body.state).toBe('objection_review');
    expect(read.body.stateLabel.vi).toBe('Tạm dừng: xem xét ý kiến phản ánh');
    expect(read.body.context.objections).toEqual([{ filedOn: todayInVietnam(), text: OBJECTION }]);
    expect(read.body.allowedEvents.map((event: { type: string }) => event.type).sort()).toEqual([
      'DISMISS_OBJECTION',
      'UPHOLD_OBJECTION',
    ]);
    const waiting = await t.listCases(secretariat.token, 'actionable=true&type=nomination');
    expect(waiting.body.items.map((item: { id: string }) => item.id)).toContain(caseId);
    const history = await t.history(secretariat.token, caseId);
    const filed = history.body.items.at(-1);
    expect(filed).toMatchObject({
      eventType: 'FILE_OBJECTION',
      actor: { role: 'public' },
      payload: { objection: OBJECTION, objector: { commitment: expect.any(String) } },
    });
    expect(JSON.stringify(history.body)).not.toContain(CITIZEN.contact);
  });

  it('checks an unknown certificate code and reads "not found"', async () => {
    const { page } = story;
    // The page asks the server, which answers 404; the browser logs that as an error.
    story.expectConsoleError(/status of 404/);
    await page.goto('/public/certificates/7K2M-Q9XD-4TBW-H0RC');
    await page.getByRole('heading', { level: 1, name: 'Kiểm tra giấy khen, bằng khen' }).waitFor();
    await page.getByText('KHÔNG TÌM THẤY', { exact: true }).waitFor();
    await page
      .getByText('Không có giấy khen, bằng khen nào mang mã xác thực này.', { exact: false })
      .waitFor();
    await page.getByText('7K2M-Q9XD-4TBW-H0RC', { exact: true }).waitFor();
    // Another code can be typed right there.
    await page.getByLabel('Mã xác thực').waitFor();
    await story.screen('certificate-not-found');
  });

  it('the secretariat reads who objected on the case page', async () => {
    // At the office, on a desktop.
    const desk = await (await story.newContext()).newPage();
    await desk.goto('/sign-in');
    await desk.getByLabel('Tên đăng nhập').fill(secretariat.username);
    await desk.getByLabel('Mật khẩu', { exact: true }).fill(TEST_PASSWORD);
    await desk.getByRole('button', { name: 'Đăng nhập' }).click();
    await desk.waitForURL((url) => url.pathname !== '/sign-in');
    await desk.goto(`/cases/${caseId}`);
    await desk.getByRole('tab', { name: 'Ý kiến phản ánh' }).click();
    const table = desk.getByRole('table', { name: 'Các ý kiến phản ánh' });
    await table.getByText(OBJECTION).waitFor();
    await table.getByText(CITIZEN.name, { exact: true }).waitFor();
    await table.getByText(CITIZEN.contact, { exact: true }).waitFor();
    await table.getByText('Khớp với cam kết trong lịch sử hồ sơ').waitFor();
    await story.screen('secretariat-objections', desk);
  });
});
