import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { todayInVietnam } from '../support/dates';
import { pdfBytes, TEST_PASSWORD, type TestUser } from '../support/test-app';
import {
  chooseOption,
  selectListClosed,
  startStory,
  type BrowserStory,
  toastShown,
} from './support/browser-story';

const SUBJECT = 'Trần Thị Mỹ Dung';
const CELL = 'Chi bộ Phòng Kỹ thuật – Công ty Điện lực';
const MEMBERS = ['Ngô Văn Bí', 'Phạm Thị Thư', 'Lê Quang Hùng', 'Vũ Thị Lan', 'Đỗ Minh Tuấn'];
const NOTICE = 'Thông báo 125-TB-CAP.pdf';
const PHONE = { width: 390, height: 844 };

/** The labels of workflows/violation.v4.json, as the screens show them. */
const EVENT = {
  startVerification: 'Tiến hành xác minh',
  dismiss: 'Kết luận không có vi phạm',
  requestExplanation: 'Yêu cầu giải trình',
  confirm: 'Kết luận có vi phạm',
  refer: 'Đề nghị xem xét xử lý',
  decide: 'Quyết định xử lý',
  announce: 'Công bố quyết định',
  appeal: 'Ghi nhận khiếu nại',
  decideAppeal: 'Giải quyết khiếu nại',
};
const STATE = {
  reported: 'Đã tiếp nhận phản ánh',
  verifying: 'Đang xác minh',
  awaiting: 'Chờ giải trình',
  confirmed: 'Xác định có vi phạm',
  deciding: 'Đang xem xét xử lý',
  decided: 'Đã có quyết định xử lý',
  announced: 'Đã công bố',
  appealReview: 'Đang giải quyết khiếu nại',
};

/** A day `n` days before today in Việt Nam: [as the app shows it (dd/MM/yyyy), YYYY-MM-DD]. */
function daysAgo(n: number): { shown: string; iso: string } {
  const day = new Date(`${todayInVietnam()}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - n);
  const iso = day.toISOString().slice(0, 10);
  const [year, month, date] = iso.split('-');
  return { shown: `${date}/${month}/${year}`, iso };
}
const shown = (iso: string) => iso.split('-').reverse().join('/');

/** The legal dates of the story, typed in days or weeks after they happened. */
const DATES = {
  occurred: daysAgo(40),
  requested: daysAgo(35),
  given: daysAgo(33),
  confirmed: daysAgo(30),
  meeting: daysAgo(25),
  announced: daysAgo(20),
  appealed: daysAgo(10),
  annulled: daysAgo(3),
};

async function fillDate(scope: Page | Locator, label: string, date: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Tab');
  expect(await input.inputValue()).toBe(date);
}

async function signInAs(story: BrowserStory, user: TestUser) {
  await story.context.clearCookies();
  await story.signIn(user.username, TEST_PASSWORD);
}

/** `story.screen` once the toasts an action raised have gone (a fading toast is half transparent). */
async function screen(story: BrowserStory, name: string, on: Page = story.page) {
  const toasts = on.locator('.ant-message-notice');
  while ((await toasts.count()) > 0) await toasts.first().waitFor({ state: 'detached' });
  await story.screen(name, on);
}

const actions = (page: Page, name = 'Thao tác với hồ sơ') => page.getByRole('group', { name });

async function actionLabels(page: Page): Promise<string[]> {
  await actions(page).getByRole('button').first().waitFor();
  return (await actions(page).getByRole('button').allInnerTexts()).map((text) => text.trim());
}

async function pressAction(page: Page, label: string, group?: string): Promise<Locator> {
  await actions(page, group).getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await dialog.waitFor();
  return dialog;
}

async function caseState(page: Page, state: string, label = 'Bước hiện tại') {
  await page
    .getByText(new RegExp(`^${label}:`))
    .filter({ hasText: state })
    .waitFor();
}

async function confirmAction(page: Page, dialog: Locator, label: string, state: string) {
  await dialog.getByRole('button', { name: 'Thực hiện' }).click();
  await toastShown(page, `Đã thực hiện: ${label}.`);
  await dialog.waitFor({ state: 'hidden' });
  await caseState(page, state);
}

async function openTab(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tab', { name }).click();
  const panel = page.getByRole('tabpanel', { name });
  await panel.waitFor();
  return panel;
}

/** The violations list and the subject's case opened from it. */
async function openViolation(page: Page, state: string) {
  await page.getByRole('navigation').getByRole('link', { name: 'Vi phạm', exact: true }).click();
  const row = page
    .getByRole('table', { name: 'Danh sách hồ sơ vi phạm' })
    .getByRole('row')
    .filter({ hasText: SUBJECT });
  await row.filter({ hasText: state }).waitFor();
  await row.getByRole('link', { name: SUBJECT }).click();
  await page.getByRole('heading', { level: 1, name: `${SUBJECT} – Vi phạm` }).waitFor();
  await caseState(page, state);
}

/** The case's decision of this number, as the "Quyết định xử lý" section shows it. */
const decisionCard = (page: Page, number: string) =>
  page
    .getByRole('tabpanel', { name: 'Thông tin' })
    .locator('.ant-descriptions')
    .filter({ has: page.getByRole('heading', { name: `Số quyết định ${number}` }) });

/**
 * The Bar, in the browser: the ward police notify the Khối Party committee that Party member
 * Trần Thị Mỹ Dung rode her motorbike after drinking. The office records the report with the
 * police notice as evidence (its SHA-256 shown), asks her to explain; she explains herself from
 * her phone, in English. The office confirms the violation and refers it; the chair records her
 * Party cell's vote of a warning: the first count (two of five full members) is refused next to
 * the form, the count that carried is taken and the system numbers the decision in the cell's
 * name. The office announces it (it lapses a year later) and records her appeal; the committee
 * above annuls it. Every screen is checked by axe.
 */
// The screens on the embedded database: the same way through on both databases is
// test/e2e/violation-discipline.spec.ts (by API), and the nomination story walks the screens on PostgreSQL too.
describe.each(['sqlite'] as const)(
  'The Bar: a Party member’s violation from the police notice to an annulled warning (%s)',
  (dialect) => {
    let story: BrowserStory;
    let secretariat: TestUser;
    let chair: TestUser;
    let auditor: TestUser;
    let subject: TestUser;
    let cellCode: string;
    let caseId: string;
    let files: string;
    const members: string[] = [];

    beforeAll(async () => {
      story = await startStory(`violation-discipline-${dialect}`, { dialect });
      const { t } = story;
      const committee = await t.createUnit('Đảng ủy Khối Doanh nghiệp tỉnh', 'party_committee');
      const cell = await t.createUnit(CELL, 'party_cell', committee.id);
      cellCode = cell.code;
      const dung = await t
        .postAs(t.adminToken, '/api/v1/people')
        .send({
          code: 'DL-0412',
          fullName: SUBJECT,
          unitId: cell.id,
          employmentType: 'worker',
          partyMember: true,
          partyJoinedOn: '2015-05-19',
        })
        .expect(201);
      const council = await t
        .postAs(t.adminToken, '/api/v1/councils')
        .send({ unitId: cell.id, name: 'Chi bộ Phòng Kỹ thuật', body: 'party_cell' })
        .expect(201);
      for (const [index, name] of MEMBERS.entries()) {
        const person = await t.createPerson(name, cell.id);
        await t
          .postAs(t.adminToken, `/api/v1/councils/${council.body.id}/members`)
          .send({ personId: person.id, role: index === 0 ? 'chair' : 'member', from: '2025-01-01' })
          .expect(201);
        members.push(person.id);
      }
      secretariat = await t.userWithGrants([{ role: 'secretariat', unitId: committee.id }]);
      chair = await t.userWithGrants([{ role: 'council_chair', unitId: committee.id }]);
      auditor = await t.userWithGrants([{ role: 'auditor', unitId: committee.id }]);
      const elsewhere = await t.createUnit('Công ty khác', 'enterprise');
      subject = await t.userWithGrants([{ role: 'auditor', unitId: elsewhere.id }], dung.body.id);

      files = mkdtempSync(join(tmpdir(), 'chung-cu-'));
      writeFileSync(join(files, NOTICE), pdfBytes('Thông báo số 125/TB-CAP của Công an phường'));
    });
    afterAll(async () => {
      rmSync(files, { recursive: true, force: true });
      await story?.close();
    });

    it('the office reports the violation from the police notice and attaches the notice', async () => {
      const { page } = story;
      await signInAs(story, secretariat);
      await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo vi phạm' }).click();
      await page.getByRole('heading', { level: 1, name: 'Báo cáo vi phạm' }).waitFor();
      await chooseOption(page, page, 'Người vi phạm', 'tran thi my dung', SUBJECT);
      await chooseOption(
        page,
        page,
        'Loại vi phạm',
        '',
        'Điều khiển phương tiện khi trong máu hoặc hơi thở có nồng độ cồn',
      );
      await chooseOption(page, page, 'Nguồn phản ánh', '', 'Thông báo của cơ quan công an');
      await page.getByLabel('Số văn bản của nguồn').fill('125/TB-CAP');
      await page.getByLabel('Nơi xảy ra').fill('Đường Trần Phú, phường Hải Châu');
      await fillDate(page, 'Ngày xảy ra vi phạm', DATES.occurred.shown);
      await page
        .getByLabel('Mô tả vi phạm')
        .fill('Điều khiển xe mô tô khi trong hơi thở có nồng độ cồn');
      await screen(story, 'report-filled');
      await page.getByRole('button', { name: 'Tạo hồ sơ vi phạm' }).click();

      await page.getByRole('heading', { level: 1, name: 'Chứng cứ của hồ sơ vi phạm' }).waitFor();
      await page.getByText(`Đã tạo hồ sơ vi phạm của ${SUBJECT}`).waitFor();
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Chọn tệp chứng cứ' }).click(),
      ]);
      await chooser.setFiles(join(files, NOTICE));
      await toastShown(page, `Đã thêm chứng cứ ${NOTICE}`);
      const sha256 = createHash('sha256')
        .update(pdfBytes('Thông báo số 125/TB-CAP của Công an phường'))
        .digest('hex');
      const evidence = page.getByRole('table', { name: 'Danh sách chứng cứ của hồ sơ' });
      await evidence.getByRole('row').filter({ hasText: NOTICE }).getByText(sha256).waitFor();
      await screen(story, 'evidence-attached');

      await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
      await page.getByRole('heading', { level: 1, name: `${SUBJECT} – Vi phạm` }).waitFor();
      caseId = new URL(page.url()).pathname.split('/').pop()!;
      await caseState(page, STATE.reported);
      const info = page.getByRole('tabpanel', { name: 'Thông tin' });
      await info
        .getByText('Điều khiển phương tiện khi trong máu hoặc hơi thở có nồng độ cồn', {
          exact: true,
        })
        .waitFor();
      await info.getByText('Thông báo của cơ quan công an', { exact: true }).waitFor();
      await info.getByText('125/TB-CAP', { exact: true }).waitFor();
      // The upload is the only way evidence comes in: no button sends ATTACH_EVIDENCE.
      expect((await actionLabels(page)).sort()).toEqual(
        [EVENT.dismiss, EVENT.startVerification].sort(),
      );
      const documents = await openTab(page, 'Tài liệu');
      await documents.getByText(sha256).waitFor();
      await screen(story, 'case-reported-evidence');

      let dialog = await pressAction(page, EVENT.startVerification);
      await confirmAction(page, dialog, EVENT.startVerification, STATE.verifying);
      dialog = await pressAction(page, EVENT.requestExplanation);
      await fillDate(dialog, 'Ngày yêu cầu giải trình', DATES.requested.shown);
      await confirmAction(page, dialog, EVENT.requestExplanation, STATE.awaiting);

      const { body } = await story.t.getCase(secretariat.token, caseId);
      const dueOn = body.context.explanation.dueOn as string;
      const info2 = await openTab(page, 'Thông tin');
      const explanation = info2
        .locator('.ant-descriptions')
        .filter({ has: page.getByRole('heading', { name: 'Giải trình của người vi phạm' }) });
      await explanation.getByText('Đang chờ giải trình').waitFor();
      await explanation.getByText(DATES.requested.shown).waitFor();
      await explanation.getByText(shown(dueOn)).waitFor();
      await screen(story, 'explanation-requested');
      await story.signOut();
    });

    it('she explains herself from her phone, in English: the one step she may take', async () => {
      const phone = await story.newContext({ viewport: PHONE, language: 'en' });
      const page = await phone.newPage();
      await page.goto('/sign-in');
      await page.getByLabel('Username').fill(subject.username);
      await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
      const waiting = page.getByRole('table', { name: 'Cases waiting for you' });
      await waiting.getByRole('link', { name: SUBJECT }).click();
      await page.getByRole('heading', { level: 1, name: `${SUBJECT} – Violation` }).waitFor();
      await page.getByText('This case is about you.', { exact: false }).waitFor();
      expect(
        (await actions(page, 'Actions on the case').getByRole('button').allInnerTexts()).map(
          (text) => text.trim(),
        ),
      ).toEqual(['Record the explanation']);
      await screen(story, 'subject-phone-case', page);

      const dialog = await pressAction(page, 'Record the explanation', 'Actions on the case');
      await dialog
        .getByLabel('Text', { exact: true })
        .fill('Tôi đã uống một cốc bia trong bữa tối và tự nhận thiếu sót.');
      await fillDate(dialog, 'The day the explanation was given', DATES.given.shown);
      await screen(story, 'subject-phone-explanation', page);
      await dialog.getByRole('button', { name: 'Confirm' }).click();
      await toastShown(page, 'Done: Record the explanation.');
      await caseState(page, 'Under verification', 'Current step');
      const explanation = page
        .locator('.ant-descriptions')
        .filter({ has: page.getByRole('heading', { name: 'The subject’s explanation' }) });
      await explanation.getByText('Explanation given').waitFor();
      await explanation.getByText('Sent by the subject').waitFor();
      // Nothing else is hers to do on the case.
      await page.getByText('You have no action on this case at this step.').waitFor();
      await screen(story, 'subject-phone-explained', page);
      await phone.close();
    });

    it('the office confirms the violation and refers it for a decision', async () => {
      const { page } = story;
      await signInAs(story, secretariat);
      await openViolation(page, STATE.verifying);
      const explanation = page
        .locator('.ant-descriptions')
        .filter({ has: page.getByRole('heading', { name: 'Giải trình của người vi phạm' }) });
      await explanation.getByText('Người vi phạm tự gửi').waitFor();
      await explanation.getByText(DATES.given.shown).waitFor();
      let dialog = await pressAction(page, EVENT.confirm);
      await dialog
        .getByLabel('Lý do', { exact: true })
        .fill('Biên bản và kết quả đo nồng độ cồn của Công an phường');
      await fillDate(dialog, 'Ngày kết luận có vi phạm', DATES.confirmed.shown);
      await confirmAction(page, dialog, EVENT.confirm, STATE.confirmed);
      dialog = await pressAction(page, EVENT.refer);
      await confirmAction(page, dialog, EVENT.refer, STATE.deciding);
      await screen(story, 'case-deciding');
      await story.signOut();
    });

    it('the chair records the cell’s vote: short of the threshold it is refused, then it carries', async () => {
      const { page } = story;
      await signInAs(story, chair);
      await openViolation(page, STATE.deciding);
      expect(await actionLabels(page)).toEqual([EVENT.decide]);
      const dialog = await pressAction(page, EVENT.decide);
      // Every choice comes from the rule set in force; the form follows the body's competence.
      await chooseOption(page, dialog, 'Cơ quan quyết định', '', 'Chi bộ');
      await chooseOption(page, dialog, 'Đối tượng kỷ luật', '', 'Đảng viên chính thức');
      await chooseOption(page, dialog, 'Kết quả xử lý', '', 'Kỷ luật');
      await dialog.getByLabel('Hình thức kỷ luật', { exact: true }).click();
      const forms = page.locator(
        '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
      );
      await forms.first().waitFor();
      expect(await forms.allInnerTexts()).toEqual([
        'Khiển trách',
        'Cảnh cáo',
        'Cách chức',
        'Khai trừ',
      ]);
      // Reopening a list while it still fades out can leave it open for good: let it close first.
      await page.keyboard.press('Escape');
      await selectListClosed(page);
      await story.settle();
      await chooseOption(page, dialog, 'Hình thức kỷ luật', '', 'Cảnh cáo');
      await dialog.getByLabel('Căn cứ 1', { exact: true }).fill('Điều lệ Đảng, Điều 36');
      await dialog.getByRole('button', { name: 'Thêm căn cứ' }).click();
      await dialog.getByLabel('Căn cứ 2', { exact: true }).fill('Quy định 69-QĐ/TW, Điều 15');
      await fillDate(dialog, 'Ngày ký quyết định xử lý', DATES.meeting.shown);
      await dialog.getByLabel('Người ký', { exact: true }).fill('Ngô Văn Bí, Bí thư Chi bộ');
      await fillDate(dialog, 'Ngày họp biểu quyết', DATES.meeting.shown);
      await dialog.getByText(`Chi bộ Phòng Kỹ thuật (${CELL}): 5 thành viên biểu quyết`).waitFor();
      for (const name of MEMBERS.slice(0, 4)) {
        await dialog.getByRole('checkbox', { name }).check();
      }
      await dialog.getByLabel('Số phiếu tán thành', { exact: true }).fill('2');
      await dialog.getByLabel('Số phiếu không tán thành', { exact: true }).fill('1');
      await dialog.getByLabel('Số không biểu quyết', { exact: true }).fill('1');
      await screen(story, 'decide-vote-short');

      story.expectConsoleError(/status of 422/);
      await dialog.getByRole('button', { name: 'Thực hiện' }).click();
      const refusal = dialog
        .getByRole('alert')
        .filter({ hasText: 'Quyết định chưa được ghi nhận:' });
      await refusal.getByText(/Biểu quyết của tập thể không đủ để quyết định/).waitFor();
      await screen(story, 'decide-refused');
      await caseState(page, STATE.deciding);

      await dialog.getByLabel('Số phiếu tán thành', { exact: true }).fill('3');
      await dialog.getByLabel('Số phiếu không tán thành', { exact: true }).fill('0');
      await confirmAction(page, dialog, EVENT.decide, STATE.decided);
      const warning = decisionCard(page, `1-QĐ/${cellCode}`);
      await warning.getByText('Đảng viên chính thức – Kỷ luật: Cảnh cáo').waitFor();
      await warning.getByText('3 tán thành / cần 3 / trên 5 thành viên').waitFor();
      await warning.getByText('Chưa xác định (tính từ ngày công bố)').waitFor();
      await warning.getByText('Đang có hiệu lực').waitFor();
      await screen(story, 'case-decided');
      await story.signOut();
    });

    it('the office announces the warning and records her appeal', async () => {
      const { page } = story;
      await signInAs(story, secretariat);
      await openViolation(page, STATE.decided);
      let dialog = await pressAction(page, EVENT.announce);
      // The decision is chosen from the case's own, by number.
      await dialog.getByText(`1-QĐ/${cellCode} – Chi bộ: Kỷ luật: Cảnh cáo`).waitFor();
      await fillDate(dialog, 'Ngày công bố quyết định', DATES.announced.shown);
      await screen(story, 'announce-form');
      await confirmAction(page, dialog, EVENT.announce, STATE.announced);
      const { body } = await story.t.getCase(secretariat.token, caseId);
      const lapsesOn = body.context.decisions[0].lapsesOn as string;
      expect(lapsesOn > DATES.announced.iso).toBe(true);
      const warning = decisionCard(page, `1-QĐ/${cellCode}`);
      await warning.getByText(DATES.announced.shown).waitFor();
      await warning.getByText(shown(lapsesOn)).waitFor();

      dialog = await pressAction(page, EVENT.appeal);
      await fillDate(dialog, 'Ngày nộp đơn khiếu nại', DATES.appealed.shown);
      await dialog
        .getByLabel('Nội dung khiếu nại', { exact: true })
        .fill('Kết quả đo nồng độ cồn lấy sai quy trình; đề nghị xem xét lại');
      await confirmAction(page, dialog, EVENT.appeal, STATE.appealReview);
      await warning.getByText('Đang giải quyết khiếu nại').waitFor();
      await screen(story, 'case-appealed');
      await story.signOut();
    });

    it('the committee above annuls the warning; an auditor reads both decisions and the chain', async () => {
      const { page } = story;
      await signInAs(story, chair);
      await openViolation(page, STATE.appealReview);
      const dialog = await pressAction(page, EVENT.decideAppeal);
      await chooseOption(page, dialog, 'Kết quả giải quyết khiếu nại', '', 'Hủy bỏ quyết định');
      await chooseOption(
        page,
        dialog,
        'Cơ quan giải quyết khiếu nại',
        '',
        'Ban Thường vụ cấp ủy cấp trên (Đảng ủy Khối)',
      );
      await dialog
        .getByLabel('Lý do', { exact: true })
        .fill('Ủy ban Kiểm tra kết luận việc đo nồng độ cồn không đúng quy trình');
      await fillDate(dialog, 'Ngày ký quyết định giải quyết khiếu nại', DATES.annulled.shown);
      await dialog.getByLabel('Người ký', { exact: true }).fill('Phó Bí thư Đảng ủy Khối');
      await screen(story, 'appeal-decision-form');
      await confirmAction(page, dialog, EVENT.decideAppeal, STATE.announced);
      await decisionCard(page, `1-QĐ/${cellCode}`).getByText('Đã hủy bỏ').waitFor();
      await story.signOut();

      await signInAs(story, auditor);
      await openViolation(page, STATE.announced);
      const warning = decisionCard(page, `1-QĐ/${cellCode}`);
      await warning.getByText('Đã hủy bỏ').waitFor();
      await warning.getByText(/Hủy bỏ quyết định\. Lý do: Ủy ban Kiểm tra kết luận/).waitFor();
      await screen(story, 'case-annulled-auditor');
      const history = await openTab(page, 'Lịch sử');
      await history
        .getByText('Nhật ký toàn vẹn: đã kiểm tra 11 bản ghi', { exact: false })
        .waitFor();
      await screen(story, 'history-auditor');
    });
  },
);
