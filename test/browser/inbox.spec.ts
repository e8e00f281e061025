import { Database } from '../../src/persistence/database';
import { openNomination, step } from '../e2e/nominations/nomination-steps';
import { ADMIN, TEST_PASSWORD, type TestUser } from '../support/test-app';
import { violationReport } from '../support/violations';
import { startStory, type BrowserStory, toastShown } from './support/browser-story';

const NOMINEE = 'Đặng Thị Thanh Hương';
const REASON = 'Đề nghị bổ sung biên bản bình xét';
const SUBJECT = 'Vũ Đình Khiêm';

/**
 * Story: a unit leader's nomination of Đặng Thị Thanh Hương was returned for supplement. Signed
 * in, the leader sees the bell count one, opens the inbox, reads the message (the link opens the
 * case), marks it read and the bell goes quiet; the notification settings page shows the kinds.
 * The administrator then finds e-mails the mail server refused for good in the outbox and puts
 * them back in the queue; one tells a person of a violation case about them, and the outbox shows
 * only its delivery (need-to-know). The secretariat sees the returned dossier's deadline (nomination v8: the
 * rule set's time to supplement) on the case page and in the deadlines list. Axe checks every
 * screen.
 */
describe.each(['sqlite'] as const)('The inbox, the outbox and deadlines (%s)', (dialect) => {
  let story: BrowserStory;
  let leader: TestUser;
  let secretariat: TestUser;
  let caseId: string;

  beforeAll(async () => {
    story = await startStory(`inbox-${dialect}`, { dialect });
    const { t } = story;
    leader = await t.userWith('unit_leader');
    secretariat = await t.userWith('secretariat');
    const nominee = await t.createPerson(NOMINEE);
    caseId = await openNomination(t, leader.token, nominee.id);
    await t.attachDossier(leader.token, caseId);
    await step(t, leader.token, caseId, 'SUBMIT', 'submitted');
    await step(t, secretariat.token, caseId, 'START_VERIFICATION', 'verifying');
    await step(t, secretariat.token, caseId, 'RETURN_FOR_SUPPLEMENT', 'returned_for_supplement', {
      reason: REASON,
    });
  });
  afterAll(async () => story?.close());

  it('the nominator sees the bell, reads the message and marks it read', async () => {
    const { page } = story;
    await story.signIn(leader.username, TEST_PASSWORD);
    const bell = page.getByRole('link', { name: 'Thông báo: 1 chưa đọc' });
    await bell.waitFor();
    await story.screen('bell');

    await bell.click();
    await page.waitForURL('**/inbox');
    await page.getByRole('heading', { name: 'Hộp thư thông báo' }).waitFor();
    const subject = `Hồ sơ được trả lại để bổ sung: ${NOMINEE}`;
    await page.getByText(subject).waitFor();
    await page.getByText('Chưa đọc', { exact: true }).last().waitFor();
    await story.screen('inbox-unread');

    await page.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await page.getByRole('link', { name: 'Thông báo', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Đánh dấu đã đọc' }).waitFor({ state: 'detached' });
    await story.screen('inbox-read');

    // Only unread ones: none left.
    await page.getByText('Chưa đọc', { exact: true }).first().click();
    await page.getByText('Không có thông báo nào.').waitFor();
    await page.getByText('Tất cả', { exact: true }).click();
    await page.getByText(subject).waitFor();

    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await page.waitForURL(`**/cases/${caseId}`);
    await page.getByText(NOMINEE).first().waitFor();

    await page.goto('/account/notifications');
    await page.getByRole('heading', { name: 'Cài đặt thông báo' }).waitFor();
    await page.getByLabel('Hồ sơ bị trả lại để bổ sung').waitFor();
    await story.screen('notification-settings');
    await story.signOut();
  });

  it('the secretariat sees the time to supplement on the case and in the deadlines list', async () => {
    const { page } = story;
    await story.signIn(secretariat.username, TEST_PASSWORD);
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { name: 'Thời hạn', exact: true }).waitFor();
    await page.getByText('Thời hạn bổ sung hồ sơ').first().waitFor();
    await page.getByText('Đang chờ').first().waitFor();
    await story.screen('case-deadlines');

    await page.getByRole('link', { name: 'Thời hạn', exact: true }).click();
    await page.waitForURL('**/deadlines');
    await page.getByRole('heading', { name: 'Thời hạn', level: 1 }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(`Thời hạn bổ sung hồ sơ.*${NOMINEE}`) })
      .waitFor();
    await story.screen('deadlines-list');
    await story.signOut();
  });

  it('the administrator retries dead e-mails from the outbox, one about a violation case without learning whom it told', async () => {
    const { page, t } = story;
    // A violation reported about a person with an account: they are told of it.
    const person = await t.createPerson(SUBJECT);
    const subject = await t.userWithGrants([{ role: 'council_member' }], person.id);
    const opened = await t.openCase(secretariat.token, {
      type: 'violation',
      subject: { kind: 'person', personId: person.id },
      data: violationReport(),
    });
    expect(opened.status).toBe(201);
    // E-mails the mail server refused for good (no SMTP here: the rows are made dead by hand).
    const database = t.app.get(Database);
    await database.write((manager) =>
      manager.query(
        "UPDATE notifications SET email_status = 'dead', email_attempts = 6, " +
          "email_last_error = '550 Mailbox unavailable' " +
          "WHERE kind IN ('returned_for_supplement', 'violation_reported')",
      ),
    );
    await story.signIn(ADMIN.username, ADMIN.password);
    await page.goto('/admin/outbox');
    await page.getByRole('heading', { name: 'Hàng đợi thư điện tử' }).waitFor();
    const restricted = page.getByRole('row').filter({ hasText: 'Thư về một hồ sơ cần bảo mật' });
    await restricted.getByText('Không hiển thị').waitFor();
    expect(await page.getByText('550 Mailbox unavailable').count()).toBe(2);
    // Neither the person it told nor the case shows: that would say who has a violation case.
    const table = await page.getByRole('table').innerText();
    expect(table).not.toContain(subject.username);
    expect(table).not.toContain(SUBJECT);
    await story.screen('outbox-dead');

    await restricted.getByRole('button', { name: 'Gửi lại' }).click();
    await toastShown(page, 'Đã đưa thư trở lại hàng đợi.');
    await restricted.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Gửi lại' }).click();
    await toastShown(page, 'Đã đưa thư trở lại hàng đợi.');
    await page.getByText('Không có thư nào.').waitFor();
    await story.screen('outbox-retried');
  });
});
