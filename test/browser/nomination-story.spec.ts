import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import workflow from '../../workflows/nomination.v9.json';
import { readPdf } from '../domain/outputs/read-pdf';
import { holdCouncilSession } from '../support/council';
import { DIALECTS } from '../support/databases';
import { pdfBytes, TEST_PASSWORD, type TestUser } from '../support/test-app';
import {
  chooseOption,
  selectListClosed,
  startStory,
  type BrowserStory,
  toastShown,
} from './support/browser-story';

const NOMINEE = 'Nguyễn Thị Hồng Nhung';
const AWARD = 'Lao động tiên tiến';
const LAST_YEAR = new Date().getUTCFullYear() - 1;
const SIGNER = 'Trần Quốc Toản, Bí thư Đảng ủy Khối';
/** The dossier of the grassroots titles, as the award catalogue names its documents. */
const DOSSIER = [
  { name: 'Tờ trình đề nghị khen thưởng', file: 'Tờ trình số 15-TTr.pdf' },
  { name: 'Báo cáo thành tích', file: `Báo cáo thành tích - ${NOMINEE}.pdf` },
  { name: 'Biên bản bình xét, họp xét thi đua, khen thưởng', file: 'Biên bản họp xét.pdf' },
];
/** What the case page calls the v7 nomination workflow's events and steps: its own labels. */
const event = (type: keyof typeof workflow.events) => workflow.events[type].label.vi;
const state = (name: keyof typeof workflow.machine.states) =>
  workflow.machine.states[name].meta.label.vi;
const EVENT = {
  submit: event('SUBMIT'),
  withdraw: event('WITHDRAW'),
  startVerification: event('START_VERIFICATION'),
  markVerified: event('MARK_VERIFIED'),
  sendToCouncil: event('SEND_TO_COUNCIL'),
  councilRecommends: event('COUNCIL_RECOMMENDS'),
  approve: event('APPROVE'),
  reject: event('REJECT'),
  announce: event('ANNOUNCE'),
  attachDocument: event('ATTACH_DOCUMENT'),
};

/** Today in Việt Nam as the app shows dates: dd/MM/yyyy. */
const todayShown = () =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

/** The options of the open antd select list (the listbox the user sees). */
const openOptions = (page: Page) =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');

/**
 * Types a date into an antd DatePicker (dd/MM/yyyy) and leaves the field, which keeps it (Enter
 * would also submit the form around it); checks the field shows the date.
 */
async function fillDate(scope: Page | Locator, label: string, date: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Tab');
  await input
    .page()
    .locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')
    .waitFor({ state: 'hidden' });
  expect(await input.inputValue()).toBe(date);
}

/** What each element says, as a reader sees it (no surrounding spaces). */
async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((text) => text.trim());
}

/** The buttons of the case's actions, as the signed-in user sees them now. */
const actions = (page: Page) => page.getByRole('group', { name: 'Thao tác với hồ sơ' });

async function actionLabels(page: Page): Promise<string[]> {
  await actions(page).getByRole('button').first().waitFor();
  return texts(actions(page).getByRole('button'));
}

/** Presses a case action's button and returns its dialog, once it has opened. */
async function pressAction(story: BrowserStory, label: string): Promise<Locator> {
  await actions(story.page).getByRole('button', { name: label, exact: true }).click();
  const dialog = story.page.getByRole('dialog', { name: label });
  await dialog.waitFor();
  await story.settle();
  return dialog;
}

/**
 * Nomination v7: verification and approval resolve each eligibility line left for review (the
 * rating, the start of service, the proposing unit's level), each with its evidence.
 */
async function resolveReviewLines(story: BrowserStory, dialog: Locator, evidence: string) {
  const fields = dialog.getByRole('textbox', { name: 'Căn cứ' });
  await fields.first().waitFor();
  const count = await fields.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await fields.nth(i).fill(evidence);
  await story.settle();
}

/** Confirms an open action's dialog and waits until the case shows its new state. */
async function confirmAction(page: Page, dialog: Locator, label: string, reached: string) {
  await dialog.getByRole('button', { name: 'Thực hiện' }).click();
  await toastShown(page, `Đã thực hiện: ${label}.`);
  await dialog.waitFor({ state: 'hidden' });
  await caseState(page, reached);
}

/** Waits until the case page says the case is at this step. */
async function caseState(page: Page, step: string) {
  await page
    .getByText(/^Bước hiện tại:/)
    .filter({ hasText: step })
    .waitFor();
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tabpanel', { name }).waitFor();
}

/** Opens the nominee's case from a list the user sees (My work or all cases). */
async function openCaseFrom(page: Page, table: string) {
  await page.getByRole('table', { name: table }).getByRole('link', { name: NOMINEE }).click();
  await page
    .getByRole('heading', { level: 1, name: `${NOMINEE} – ${AWARD} ${LAST_YEAR}` })
    .waitFor();
}

async function menu(page: Page, item: string, heading: string) {
  await page.getByRole('navigation').getByRole('link', { name: item, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/**
 * The product's main story, in Vietnamese. An administrator has set up the unit tree, the people
 * and the accounts; everything else happens in the browser. The leader of Phòng Tổ chức finds
 * Nguyễn Thị Hồng Nhung typing her name without marks, nominates her as an advanced worker of last
 * year, uploads the dossier and submits it. The secretariat verifies it and sends it to the
 * council; the council votes in a session (held through the API here: its screens are the council
 * story's) and recommends her, and the chair, as head, approves; the secretariat issues the
 * decision, downloads the certificate
 * and the decision list and finds her name in both. Anyone scanning the certificate's QR code on
 * a phone sees it is valid. An auditor reads every step of the case's history, by whom, and sees
 * the chain of records verify.
 */
describe.each(DIALECTS)('A nomination from draft to a verified certificate (%s)', (dialect) => {
  let story: BrowserStory;
  let files: string;
  let leader: TestUser;
  let secretariat: TestUser;
  let chair: TestUser;
  let auditor: TestUser;
  let committeeId: string;

  beforeAll(async () => {
    story = await startStory(`nomination-story-${dialect}`, { dialect });
    const { t } = story;
    const committee = await t.createUnit('Đảng ủy Khối các cơ quan tỉnh', 'party_committee');
    committeeId = committee.id;
    const office = await t.createUnit('Phòng Tổ chức - Hành chính', 'office', committee.id);
    const board = await t.createUnit('Ban Tuyên giáo', 'board', committee.id);
    await t.createPerson('Lê Hoàng Nam', office.id);
    await t.createPerson(NOMINEE, office.id);
    await t.createPerson('Phạm Văn Đức', office.id);
    // A namesake in another unit: not in the leader's scope.
    await t.createPerson(NOMINEE, board.id);
    leader = await t.userWithGrants([{ role: 'unit_leader', unitId: office.id }]);
    secretariat = await t.userWithGrants([{ role: 'secretariat', unitId: committee.id }]);
    chair = await t.userWithGrants([{ role: 'council_chair', unitId: committee.id }]);
    auditor = await t.userWithGrants([{ role: 'auditor', unitId: committee.id }]);

    files = mkdtempSync(join(tmpdir(), 'ho-so-'));
    for (const document of DOSSIER) {
      writeFileSync(join(files, document.file), pdfBytes(document.name));
    }
  });
  afterAll(async () => {
    rmSync(files, { recursive: true, force: true });
    await story?.close();
  });

  it('is nominated, recommended by the council, approved, announced, verified publicly and audited', async () => {
    const { page } = story;

    // --- The unit leader nominates her. ---
    await story.signIn(leader.username, TEST_PASSWORD);
    await menu(page, 'Đề nghị khen thưởng mới', 'Đề nghị khen thưởng mới');
    await page
      .getByText('Chọn danh hiệu, hình thức khen thưởng để xem hồ sơ cần chuẩn bị.')
      .waitFor();
    await story.screen('new-nomination');

    const person = page.getByLabel('Cá nhân được đề nghị', { exact: true });
    await person.click();
    await person.pressSequentially('nguyen thi hong nhung');
    // Once the search has answered, the list holds her alone (before, it may show everyone in
    // the unit); the namesake in another unit is outside the leader's scope.
    await openOptions(page).and(page.locator(':only-child')).filter({ hasText: NOMINEE }).waitFor();
    await openOptions(page).filter({ hasText: NOMINEE }).click();
    await selectListClosed(page);

    await chooseOption(
      page,
      page,
      'Danh hiệu, hình thức khen thưởng',
      'lao dong tien',
      new RegExp(`^${AWARD}`),
    );
    const year = page.getByLabel('Năm đánh giá', { exact: true });
    await year.fill(String(LAST_YEAR));
    // The dossier the award needs is listed before anything is created.
    const dossier = page
      .locator('.ant-card')
      .filter({ has: page.getByRole('heading', { name: 'Hồ sơ cần chuẩn bị' }) });
    await dossier.getByRole('listitem').first().waitFor();
    expect(await texts(dossier.getByRole('listitem'))).toEqual([
      'Tờ trình đề nghị khen thưởng (mã to_trinh)',
      'Báo cáo thành tích (mã bao_cao_thanh_tich)',
      'Biên bản bình xét, họp xét thi đua, khen thưởng (mã bien_ban_binh_xet)',
    ]);
    await story.screen('new-nomination-filled');

    await page.getByRole('button', { name: 'Tạo dự thảo hồ sơ' }).click();
    await page.getByRole('heading', { name: 'Đã tạo dự thảo hồ sơ đề nghị' }).waitFor();
    await page
      .getByText(`${NOMINEE} – ${AWARD}, năm đánh giá ${LAST_YEAR}. Trạng thái: ${state('draft')}.`)
      .waitFor();
    // The draft has no documents yet: the eligibility check says so.
    await page
      .getByText(/^Hồ sơ thiếu: Tờ trình đề nghị khen thưởng; Báo cáo thành tích;/)
      .waitFor();
    await story.screen('draft-created');

    await page.getByRole('button', { name: 'Mở hồ sơ để tải tài liệu và trình' }).click();
    await page
      .getByRole('heading', { level: 1, name: `${NOMINEE} – ${AWARD} ${LAST_YEAR}` })
      .waitFor();
    await caseState(page, state('draft'));
    expect(await actionLabels(page)).toEqual([EVENT.submit, EVENT.withdraw]);
    await story.screen('draft-case');

    await openTab(page, 'Tài liệu');
    const documents = page.getByRole('table', { name: 'Tài liệu của hồ sơ và tình trạng' });
    await documents.getByText('Chưa nộp').first().waitFor();
    expect(await documents.getByText('Chưa nộp').count()).toBe(DOSSIER.length);
    await story.screen('documents-missing');
    for (const document of DOSSIER) {
      await chooseOption(page, page, 'Loại tài liệu', '', document.name);
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Chọn tệp và tải lên' }).click(),
      ]);
      await chooser.setFiles(join(files, document.file));
      await toastShown(page, `Đã nộp ${document.file}.`);
      await documents
        .getByRole('row')
        .filter({ hasText: document.name })
        .getByText(document.file)
        .waitFor();
    }
    expect(await documents.getByText('Chưa nộp').count()).toBe(0);
    await story.screen('documents-uploaded');

    await openTab(page, 'Điều kiện khen thưởng');
    const eligibility = page.getByRole('table', { name: 'Từng tiêu chí và kết quả' }).first();
    // Nothing fails; the dossier line passes now that every document is there.
    await eligibility
      .getByRole('row')
      .filter({ hasText: 'Đủ 3 tài liệu bắt buộc của hồ sơ' })
      .getByText('Đạt', { exact: true })
      .waitFor();
    expect(await eligibility.getByText('Không đạt', { exact: true }).count()).toBe(0);
    await story.screen('eligibility');

    const submit = await pressAction(story, EVENT.submit);
    await submit.getByText(`Thực hiện “${EVENT.submit}” với hồ sơ của ${NOMINEE}?`).waitFor();
    await story.screen('submit-confirm');
    await confirmAction(page, submit, EVENT.submit, state('submitted'));
    // Submitted: the leader may still withdraw it, but approving is the council's.
    expect(await actionLabels(page)).toEqual([EVENT.withdraw]);
    await story.screen('submitted');
    // The report SUBMIT judged is read from its audit record, every line with it.
    await openTab(page, 'Điều kiện khen thưởng');
    await page
      .getByText(new RegExp(`Lưu trong bản ghi kiểm toán số \\d+ \\(${EVENT.submit}\\)`))
      .waitFor();
    await page
      .getByRole('table', { name: 'Từng tiêu chí và kết quả' })
      .last()
      .getByRole('row')
      .filter({ hasText: 'Đủ 3 tài liệu bắt buộc của hồ sơ' })
      .getByText('Đạt', { exact: true })
      .waitFor();
    await story.screen('eligibility-recorded');
    await story.signOut();

    // --- The secretariat verifies it and sends it to the council. ---
    await story.signIn(secretariat.username, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Việc của tôi' }).waitFor();
    await page
      .getByRole('table', { name: 'Hồ sơ đang chờ bạn xử lý' })
      .getByRole('link', { name: NOMINEE })
      .waitFor();
    await story.screen('secretariat-my-work');
    await openCaseFrom(page, 'Hồ sơ đang chờ bạn xử lý');
    expect(await actionLabels(page)).toEqual([EVENT.startVerification]);
    await story.screen('secretariat-submitted');

    await confirmAction(
      page,
      await pressAction(story, EVENT.startVerification),
      EVENT.startVerification,
      state('verifying'),
    );
    const verifying = await actionLabels(page);
    expect(verifying).toContain(EVENT.markVerified);
    expect(verifying).not.toContain(EVENT.approve);
    await story.screen('verifying');
    const verification = await pressAction(story, EVENT.markVerified);
    await resolveReviewLines(
      story,
      verification,
      'Quyết định xếp loại Hoàn thành tốt nhiệm vụ và hồ sơ cán bộ đã đối chiếu.',
    );
    await story.screen('verifying-review-lines');
    await confirmAction(page, verification, EVENT.markVerified, state('verified'));
    await confirmAction(
      page,
      await pressAction(story, EVENT.sendToCouncil),
      EVENT.sendToCouncil,
      state('council_review'),
    );
    // Only the council's session moves it on: no one may approve it from here.
    await page.getByText('Bạn không có thao tác nào với hồ sơ ở bước này.').waitFor();
    await story.screen('sent-to-council');
    await story.signOut();

    // --- The committee's council meets and recommends her. ---
    const meeting = await holdCouncilSession(story.t, secretariat.token, committeeId);

    // --- The chair, as head of the committee, approves what the council recommended. ---
    await story.signIn(chair.username, TEST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Việc của tôi' }).waitFor();
    await openCaseFrom(page, 'Hồ sơ đang chờ bạn xử lý');
    await caseState(page, state('recommended'));
    expect(await actionLabels(page)).toEqual([EVENT.approve, EVENT.reject]);
    await story.screen('council-review');
    const approval = await pressAction(story, EVENT.approve);
    await resolveReviewLines(story, approval, 'Thủ trưởng đã xem xét biên bản Hội đồng.');
    await confirmAction(page, approval, EVENT.approve, state('approved'));
    await story.screen('approved');
    await story.signOut();

    // --- The secretariat issues the decision and downloads what it produces. ---
    await story.signIn(secretariat.username, TEST_PASSWORD);
    await openCaseFrom(page, 'Hồ sơ đang chờ bạn xử lý');
    expect(await actionLabels(page)).toEqual([EVENT.announce]);
    // The case's own form asks for the signed decision (from the event's payload schema).
    const announce = await pressAction(story, EVENT.announce);
    await announce
      .getByText('Để trống nếu là ngày hôm nay. Không được sau ngày hôm nay.')
      .waitFor();
    await fillDate(announce, 'Ngày ký quyết định khen thưởng', todayShown());
    await announce.getByLabel('Người ký', { exact: true }).fill(SIGNER);
    await story.screen('announce-form');
    // She backs out: the decision screen issues one numbered decision for every nomination chosen.
    await announce.getByRole('button', { name: 'Hủy' }).click();
    await announce.waitFor({ state: 'hidden' });
    await caseState(page, state('approved'));

    await menu(page, 'Ban hành quyết định khen thưởng', 'Ban hành quyết định khen thưởng');
    const candidates = page.getByRole('table', { name: 'Các đề nghị có thể đưa vào quyết định' });
    await candidates.getByRole('link', { name: NOMINEE }).waitFor();
    await candidates.getByRole('checkbox', { name: `Chọn ${NOMINEE}` }).check();
    await page.getByText('Đã chọn 1 đề nghị').waitFor();
    await fillDate(page, 'Ngày ký quyết định', todayShown());
    await page.getByLabel('Người ký', { exact: true }).fill(SIGNER);
    await story.screen('new-decision');
    await page.getByRole('button', { name: 'Ban hành quyết định', exact: true }).click();
    const confirm = page
      .getByRole('dialog')
      .filter({ hasText: 'Ban hành quyết định khen thưởng?' });
    await confirm
      .getByText(`người ký ${SIGNER}, khen thưởng 1 đề nghị`, { exact: false })
      .waitFor();
    await story.screen('new-decision-confirm');
    await confirm.getByRole('button', { name: 'Ban hành', exact: true }).click();
    const issued = page.getByRole('heading', { name: /^Đã ban hành Quyết định số / });
    await issued.waitFor();
    await confirm.waitFor({ state: 'hidden' });
    const number = (await issued.innerText()).replace('Đã ban hành Quyết định số ', '').trim();
    expect(number).toMatch(/^1\/QĐ-/);
    await story.screen('decision-issued');

    const list = await story.download(() =>
      page.getByRole('button', { name: 'Tải danh sách (Excel .xlsx)' }).click(),
    );
    expect(list.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(list.bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text)))),
    );
    expect(cells).toContain(NOMINEE);
    expect(cells.some((cell) => cell.includes(number))).toBe(true);

    const certificate = await story.download(() =>
      page.getByRole('button', { name: `Tải giấy chứng nhận (PDF) của ${NOMINEE}` }).click(),
    );
    expect(certificate.name).toMatch(/\.pdf$/);
    const printed = readPdf(certificate.bytes).lines.join('');
    expect(printed).toContain(NOMINEE);
    expect(printed).toContain(number);
    const link =
      /http:\/\/localhost:3000(\/public\/certificates\/[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})/.exec(
        printed,
      );
    expect(link).not.toBeNull();

    await page.getByRole('link', { name: NOMINEE }).click();
    await caseState(page, state('announced'));
    await page
      .getByRole('region', { name: 'Văn bản khen thưởng' })
      .getByRole('button', { name: 'Giấy chứng nhận (PDF)' })
      .waitFor();
    await story.screen('announced');
    await story.signOut();

    // --- Someone scans the QR code with a phone: no session, a small screen. ---
    const phone = await story.newContext({ viewport: { width: 390, height: 844 } });
    const scan = await phone.newPage();
    await scan.goto(`${story.origin}${link![1]}`);
    const verdict = scan.getByRole('status').filter({ hasText: 'HỢP LỆ' });
    await verdict.getByText('Khen thưởng này đã được quyết định và đang có hiệu lực.').waitFor();
    await scan.getByText(NOMINEE, { exact: true }).waitFor();
    await scan.getByText(AWARD, { exact: true }).waitFor();
    await scan.getByText(number, { exact: true }).waitFor();
    // Made for the phone: nothing to scroll sideways.
    const width = await scan.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await story.screen('certificate-check-phone', scan);
    await phone.close();

    // --- The auditor reads the history and checks the chain. ---
    await story.signIn(auditor.username, TEST_PASSWORD);
    await menu(page, 'Hồ sơ', 'Hồ sơ');
    await openCaseFrom(page, 'Danh sách hồ sơ');
    await page.getByText('Bạn không có thao tác nào với hồ sơ ở bước này.').waitFor();
    await openTab(page, 'Lịch sử');
    const history = page.getByRole('region', { name: 'Nhật ký hồ sơ' });
    await history
      .getByRole('status')
      .getByText(
        'Nhật ký toàn vẹn: đã kiểm tra 11 bản ghi, chuỗi mã băm khớp và không có bản ghi nào bị sửa.',
      )
      .waitFor();
    const LEADER = 'Lãnh đạo đơn vị';
    const SECRETARIAT = 'Cơ quan thường trực (Văn phòng)';
    // The council's recommendation is the engine's own event when the session closes: no person
    // sends it, and no member's vote can be read from it.
    const SYSTEM = { username: 'system' };
    const steps: [string, Pick<TestUser, 'username'>, string][] = [
      ['Mở hồ sơ', leader, LEADER],
      [EVENT.attachDocument, leader, LEADER],
      [EVENT.attachDocument, leader, LEADER],
      [EVENT.attachDocument, leader, LEADER],
      [EVENT.submit, leader, LEADER],
      [EVENT.startVerification, secretariat, SECRETARIAT],
      [EVENT.markVerified, secretariat, SECRETARIAT],
      [EVENT.sendToCouncil, secretariat, SECRETARIAT],
      [EVENT.councilRecommends, SYSTEM, 'Hệ thống'],
      [EVENT.approve, chair, 'Chủ tịch Hội đồng'],
      [EVENT.announce, secretariat, SECRETARIAT],
    ];
    const entries = history.getByRole('listitem');
    await entries.nth(steps.length - 1).waitFor();
    const records = await texts(entries);
    // Each record: the step, then "when · who – role", then what it recorded.
    expect(
      records.map((record) => {
        const [step, when] = record.split('\n');
        return `${step} · ${when.split(' · ')[1]}`;
      }),
    ).toEqual(steps.map(([step, actor, role]) => `${step} · ${actor.username} – ${role}`));
    expect(records[steps.length - 1]).toContain(`Số quyết định: ${number}`);
    for (const document of DOSSIER) {
      expect(records.some((text) => text.includes(`Tài liệu: ${document.file}`))).toBe(true);
    }
    // The council's minutes joined her dossier with its recommendation.
    expect(records[steps.findIndex(([step]) => step === EVENT.councilRecommends)]).toContain(
      // Named by the meeting date (the story may cross midnight in Việt Nam).
      `Tài liệu: bien-ban-hop-hoi-dong-${String(meeting.view.meetingDate)}.pdf`,
    );
    await story.screen('audit-history');
  });
});
