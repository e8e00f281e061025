import type { Locator, Page } from 'playwright-core';
import { TEST_PASSWORD, type TestUser } from '../support/test-app';
import { chooseOption, startStory, type BrowserStory, toastShown } from './support/browser-story';

const VIOLATOR = 'Trần Văn Hùng';
const COMPANY = 'Công ty Cổ phần Môi trường Đô thị';
const SIGNER = 'Lê Quang Minh, Giám đốc Công ty';
const CATEGORY = 'Chạy quá tốc độ quy định';
/** The labels of workflows/violation.v4.json: its events and states, as the screens show them. */
const EVENT = {
  opened: 'Mở hồ sơ',
  startVerification: 'Tiến hành xác minh',
  dismiss: 'Kết luận không có vi phạm',
  requestExplanation: 'Yêu cầu giải trình',
  confirm: 'Kết luận có vi phạm',
  refer: 'Đề nghị xem xét xử lý',
  decide: 'Quyết định xử lý',
  announce: 'Công bố quyết định',
};
const STATE = {
  reported: 'Đã tiếp nhận phản ánh',
  verifying: 'Đang xác minh',
  confirmed: 'Xác định có vi phạm',
  deciding: 'Đang xem xét xử lý',
  decided: 'Đã có quyết định xử lý',
  announced: 'Đã công bố',
};
const ROLE = {
  leader: 'Lãnh đạo đơn vị',
  secretariat: 'Cơ quan thường trực (Văn phòng)',
  chair: 'Chủ tịch Hội đồng',
};
const NO_ACTIONS = 'Bạn không có thao tác nào với hồ sơ ở bước này.';

/** A day `n` days before today in Việt Nam, as the app shows it (dd/MM/yyyy). */
function daysAgo(n: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(
    new Date(),
  );
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - n);
  const [year, month, date] = day.toISOString().slice(0, 10).split('-');
  return `${date}/${month}/${year}`;
}

/** The legal dates of the story, as entered on paper days before they are typed in. */
const DATES = {
  occurred: daysAgo(20),
  confirmed: daysAgo(10),
  /** A decision "signed" before the conclusion: the server refuses it. */
  decidedTooEarly: daysAgo(15),
  decided: daysAgo(6),
  announced: daysAgo(2),
};

/**
 * Types a date into an antd DatePicker (dd/MM/yyyy), leaves the field with Tab and checks it kept
 * the date. (Enter would also submit the form the field is in, as any text field does.)
 */
async function fillDate(scope: Page | Locator, label: string, date: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Tab');
  expect(await input.inputValue()).toBe(date);
}

/**
 * Signs `user` in from a browser with no session left over (a story step that failed before its
 * sign-out would otherwise leave the next one signed in as someone else).
 */
async function signInAs(story: BrowserStory, user: TestUser) {
  await story.context.clearCookies();
  await story.signIn(user.username, TEST_PASSWORD);
}

/**
 * `story.screen` once the toasts an action raised ("Đã thực hiện: …") have gone: fading out, a
 * toast is half transparent, and axe would measure its contrast midway.
 */
async function screen(story: BrowserStory, name: string) {
  const toasts = story.page.locator('.ant-message-notice');
  while ((await toasts.count()) > 0) await toasts.first().waitFor({ state: 'detached' });
  await story.screen(name);
}

async function menu(page: Page, item: string, heading: string) {
  await page.getByRole('navigation').getByRole('link', { name: item, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** The buttons of the case's actions, as the signed-in user sees them now. */
const actions = (page: Page) => page.getByRole('group', { name: 'Thao tác với hồ sơ' });

async function actionLabels(page: Page): Promise<string[]> {
  await actions(page).getByRole('button').first().waitFor();
  return (await actions(page).getByRole('button').allInnerTexts()).map((text) => text.trim());
}

/** The case page says this user may do nothing now, and offers no button. */
async function expectNoActions(page: Page) {
  await page.getByText(NO_ACTIONS).waitFor();
  expect(await actions(page).count()).toBe(0);
}

/** Presses a case action's button and returns its dialog. */
async function pressAction(page: Page, label: string): Promise<Locator> {
  await actions(page).getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await dialog.waitFor();
  return dialog;
}

/** Confirms an open action's dialog and waits until the case shows its new state. */
async function confirmAction(page: Page, dialog: Locator, label: string, state: string) {
  await dialog.getByRole('button', { name: 'Thực hiện' }).click();
  await toastShown(page, `Đã thực hiện: ${label}.`);
  await dialog.waitFor({ state: 'hidden' });
  await caseState(page, state);
}

/** Waits until the case page says the case is at this step. */
async function caseState(page: Page, state: string) {
  await page
    .getByText(/^Bước hiện tại:/)
    .filter({ hasText: state })
    .waitFor();
}

async function openTab(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tab', { name }).click();
  const panel = page.getByRole('tabpanel', { name });
  await panel.waitFor();
  return panel;
}

/** The violations list (/violations) and the violator's row in it, with the state it shows. */
async function violationRow(page: Page, state: string): Promise<Locator> {
  await menu(page, 'Vi phạm', 'Xử lý vi phạm');
  const row = page
    .getByRole('table', { name: 'Danh sách hồ sơ vi phạm' })
    .getByRole('row')
    .filter({ hasText: VIOLATOR });
  await row.filter({ hasText: state }).waitFor();
  return row;
}

/** Opens the violator's case from the row and waits for its page. */
async function openCase(page: Page, row: Locator) {
  await row.getByRole('link', { name: VIOLATOR }).click();
  await page.getByRole('heading', { level: 1, name: `${VIOLATOR} – Vi phạm` }).waitFor();
}

/**
 * A violation, in Vietnamese, from the report to the announced decision (violation v4). The leader
 * of a company under the Party committee reports that the police fined Trần Văn Hùng for speeding
 * (a category of the catalogue, the police notice as the source, the day typed as dd/MM/yyyy); a
 * violation case is need-to-know, so the leader learns only that it exists and its state. The
 * committee's office (secretariat) finds it in the violations list, verifies it, concludes there
 * was a violation on the day the conclusion was signed, and refers it for a decision, after which
 * it has nothing to press. The council chair records the head of the company's reminder to him as
 * a civil servant: a decision dated before the conclusion is refused on its field, in Vietnamese,
 * naming both dates; the right date is taken and the system numbers the decision. The office
 * announces it, choosing it from the case's decisions. An auditor reads the case, every step of its
 * history with who did it, and the chain of records verify; no button is there for them.
 */
// The screens on the embedded database: the same way through on both databases is
// test/e2e/violation-path.spec.ts (by API), and the nomination story walks the screens on PostgreSQL too.
describe.each(['sqlite'] as const)(
  'A violation reported, verified, decided and announced (%s)',
  (dialect) => {
    let story: BrowserStory;
    let leader: TestUser;
    let secretariat: TestUser;
    let chair: TestUser;
    let auditor: TestUser;

    beforeAll(async () => {
      story = await startStory(`violation-story-${dialect}`, { dialect });
      const { t } = story;
      const committee = await t.createUnit('Đảng ủy Khối Doanh nghiệp tỉnh', 'party_committee');
      const company = await t.createUnit(COMPANY, 'enterprise', committee.id);
      await t.createPerson('Trần Thị Hoa', company.id);
      await t.createPerson(VIOLATOR, company.id);
      leader = await t.userWithGrants([{ role: 'unit_leader', unitId: company.id }]);
      secretariat = await t.userWithGrants([{ role: 'secretariat', unitId: committee.id }]);
      chair = await t.userWithGrants([{ role: 'council_chair', unitId: committee.id }]);
      auditor = await t.userWithGrants([{ role: 'auditor', unitId: committee.id }]);
    });
    afterAll(async () => story?.close());

    it('the unit leader reports the violation and may only know that the case exists', async () => {
      const { page } = story;
      await signInAs(story, leader);
      await menu(page, 'Báo cáo vi phạm', 'Báo cáo vi phạm');
      await screen(story, 'report-form');

      await chooseOption(page, page, 'Người vi phạm', 'tran van hung', VIOLATOR);
      await chooseOption(page, page, 'Loại vi phạm', '', CATEGORY);
      await chooseOption(page, page, 'Nguồn phản ánh', '', 'Thông báo của cơ quan công an');
      await page.getByLabel('Số văn bản của nguồn').fill('118/TB-CAT');
      await page.getByLabel('Nơi xảy ra').fill('Đường Trần Hưng Đạo');
      await fillDate(page, 'Ngày xảy ra vi phạm', DATES.occurred);
      await page
        .getByLabel('Mô tả vi phạm')
        .fill('Điều khiển xe mô tô vượt quá tốc độ cho phép; đã bị xử phạt vi phạm hành chính.');
      await screen(story, 'report-filled');
      await page.getByRole('button', { name: 'Tạo hồ sơ vi phạm' }).click();

      // Reporting is all a unit leader does: the case is the office's and the council's to read.
      await page.getByRole('heading', { level: 1, name: 'Hồ sơ mật – Vi phạm' }).waitFor();
      await page.getByText(STATE.reported).waitFor();
      expect(await page.getByText(VIOLATOR).count()).toBe(0);
      await screen(story, 'reported-by-leader');
      await story.signOut();
    });

    it('the office verifies it, concludes there was a violation and refers it for a decision', async () => {
      const { page } = story;
      await signInAs(story, secretariat);
      const row = await violationRow(page, STATE.reported);
      await row.getByText(DATES.occurred).waitFor();
      await row.getByText(CATEGORY).waitFor();
      await screen(story, 'violations-reported');
      await openCase(page, row);
      expect((await actionLabels(page)).sort()).toEqual(
        [EVENT.startVerification, EVENT.dismiss].sort(),
      );
      const info = page.getByRole('tabpanel', { name: 'Thông tin' });
      await info.getByText(DATES.occurred).waitFor();
      // The same words for the kind of violation as the form and the list use.
      await info.getByText(CATEGORY, { exact: true }).waitFor();
      await info.getByText('Thông báo của cơ quan công an', { exact: true }).waitFor();
      await screen(story, 'case-reported');

      let dialog = await pressAction(page, EVENT.startVerification);
      await dialog.getByText('Thao tác này không cần nhập thêm thông tin.').waitFor();
      await confirmAction(page, dialog, EVENT.startVerification, STATE.verifying);
      expect((await actionLabels(page)).sort()).toEqual(
        [EVENT.requestExplanation, EVENT.confirm, EVENT.dismiss].sort(),
      );

      dialog = await pressAction(page, EVENT.confirm);
      await dialog
        .getByLabel('Lý do', { exact: true })
        .fill('Công an tỉnh đã xác nhận bằng văn bản; đương sự thừa nhận hành vi.');
      await fillDate(dialog, 'Ngày kết luận có vi phạm', DATES.confirmed);
      await screen(story, 'confirm-form');
      await confirmAction(page, dialog, EVENT.confirm, STATE.confirmed);

      dialog = await pressAction(page, EVENT.refer);
      await confirmAction(page, dialog, EVENT.refer, STATE.deciding);
      // Deciding is the council chair's: the office has no button for it.
      await expectNoActions(page);
      await info.getByText(DATES.confirmed).waitFor();
      await screen(story, 'case-deciding');
      await story.signOut();
    });

    it('the council chair records the decision; one dated before the conclusion is refused', async () => {
      const { page } = story;
      await signInAs(story, chair);
      await page.getByRole('heading', { level: 1, name: 'Việc của tôi' }).waitFor();
      const waiting = page.getByRole('table', { name: 'Hồ sơ đang chờ bạn xử lý' });
      await waiting
        .getByRole('row')
        .filter({ hasText: VIOLATOR })
        .filter({ hasText: STATE.deciding })
        .waitFor();
      await screen(story, 'chair-my-work');
      await waiting.getByRole('link', { name: VIOLATOR }).click();
      await page.getByRole('heading', { level: 1, name: `${VIOLATOR} – Vi phạm` }).waitFor();
      expect(await actionLabels(page)).toEqual([EVENT.decide]);

      const dialog = await pressAction(page, EVENT.decide);
      // The choices come from the rule set in force.
      await chooseOption(page, dialog, 'Cơ quan quyết định', '', 'Người đứng đầu cơ quan, đơn vị');
      await chooseOption(page, dialog, 'Đối tượng kỷ luật', '', 'Công chức');
      await chooseOption(page, dialog, 'Kết quả xử lý', '', 'Nhắc nhở');
      await dialog.getByLabel('Căn cứ 1', { exact: true }).fill('Nội quy cơ quan, Điều 5');
      await fillDate(dialog, 'Ngày ký quyết định xử lý', DATES.decidedTooEarly);
      await dialog.getByLabel('Người ký', { exact: true }).fill(SIGNER);
      await screen(story, 'decide-form');

      story.expectConsoleError(/status of 400/);
      await dialog.getByRole('button', { name: 'Thực hiện' }).click();
      const refusal =
        `Ngày ký quyết định xử lý (${DATES.decidedTooEarly}) không được trước ` +
        `ngày kết luận có vi phạm (${DATES.confirmed}).`;
      const dateField = dialog.locator('.ant-form-item').filter({
        has: page.getByLabel('Ngày ký quyết định xử lý', { exact: true }),
      });
      await dateField.getByText(refusal).waitFor();
      await dialog.getByRole('alert').waitFor();
      await screen(story, 'decide-refused');
      await caseState(page, STATE.deciding);

      await fillDate(dialog, 'Ngày ký quyết định xử lý', DATES.decided);
      await confirmAction(page, dialog, EVENT.decide, STATE.decided);
      // Announcing is the office's; the chair may still record another track's decision.
      expect(await actionLabels(page)).toEqual([EVENT.decide]);
      const info = page.getByRole('tabpanel', { name: 'Thông tin' });
      await info.getByRole('heading', { name: /^Số quyết định \d+\/QĐ-/ }).waitFor();
      await info.getByText('Công chức – Nhắc nhở').waitFor();
      await info.getByText(`${DATES.decided} – ${SIGNER}`).waitFor();
      await screen(story, 'case-decided');
      await story.signOut();
    });

    it('the office announces the decision, chosen from the case’s own', async () => {
      const { page } = story;
      await signInAs(story, secretariat);
      const row = await violationRow(page, STATE.decided);
      await openCase(page, row);
      expect(await actionLabels(page)).toEqual([EVENT.announce]);
      const dialog = await pressAction(page, EVENT.announce);
      await dialog.getByText(/\d+\/QĐ-.* – Người đứng đầu cơ quan, đơn vị: Nhắc nhở/).waitFor();
      await fillDate(dialog, 'Ngày công bố quyết định', DATES.announced);
      await screen(story, 'announce-form');
      await confirmAction(page, dialog, EVENT.announce, STATE.announced);
      await screen(story, 'case-announced');
      await story.signOut();
    });

    it('an auditor reads the case and every step with who took it, and changes nothing', async () => {
      const { page } = story;
      await signInAs(story, auditor);
      const row = await violationRow(page, STATE.announced);
      // Reporting is not an auditor's: the list offers no "report" button.
      expect(await page.getByRole('button', { name: 'Báo cáo vi phạm' }).count()).toBe(0);
      await screen(story, 'violations-auditor');
      await openCase(page, row);
      await caseState(page, STATE.announced);
      await expectNoActions(page);
      await page
        .getByRole('tabpanel', { name: 'Thông tin' })
        .getByText('Công chức – Nhắc nhở')
        .waitFor();
      await screen(story, 'case-auditor');

      const history = await openTab(page, 'Lịch sử');
      await history
        .getByText('Nhật ký toàn vẹn: đã kiểm tra 6 bản ghi', { exact: false })
        .waitFor();
      const entries = history.locator('.ant-timeline-item-content');
      await entries.nth(5).waitFor();
      const steps = (await entries.allInnerTexts()).map((text) =>
        text.split('\n').map((line) => line.trim()),
      );
      expect(steps.map((lines) => lines[0])).toEqual([
        EVENT.opened,
        EVENT.startVerification,
        EVENT.confirm,
        EVENT.refer,
        EVENT.decide,
        EVENT.announce,
      ]);
      const by = (user: TestUser, role: string) =>
        expect.stringContaining(`${user.username} – ${role}`);
      expect(steps.map((lines) => lines.join('\n'))).toEqual([
        by(leader, ROLE.leader),
        by(secretariat, ROLE.secretariat),
        expect.stringMatching(new RegExp(`Ngày kết luận có vi phạm: ${DATES.confirmed}`)),
        by(secretariat, ROLE.secretariat),
        by(chair, ROLE.chair),
        by(secretariat, ROLE.secretariat),
      ]);
      expect(steps[2].join('\n')).toContain(`${secretariat.username} – ${ROLE.secretariat}`);
      expect(steps[4].join('\n')).toContain(`Ngày ký quyết định xử lý: ${DATES.decided}`);
      expect(steps[5].join('\n')).toContain(`Ngày công bố quyết định: ${DATES.announced}`);
      // The refused decision changed nothing: the case went to "decided" once.
      expect(steps[4].join('\n')).toContain(`${STATE.deciding} → ${STATE.decided}`);
      await screen(story, 'history-auditor');
    });
  },
);
