import type { Page } from 'playwright-core';
import {
  decidedViolation,
  LAST_YEAR,
  openNomination,
  step,
} from '../e2e/nominations/nomination-steps';
import { TEST_PASSWORD, type TestUser } from '../support/test-app';
import { registerPerson, violationReport } from '../support/violations';
import { startStory, type BrowserStory } from './support/browser-story';

const NOMINEE = 'Trần Thị Mai';

async function signInOn(page: Page, user: TestUser): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Tên đăng nhập').fill(user.username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/**
 * Trần Thị Mai was reprimanded in the Finance Department (decision 45/QĐ-KL) and moved to Home
 * Affairs, whose unit leader nominates and submits her. On the nomination's eligibility tab the
 * leader reads that a discipline decision needs review and to ask the secretariat, marked
 * "restricted", and nothing of the decision. The secretariat of the whole organisation, who may
 * read the violation case, also sees the restricted criterion as it was judged (the form, the
 * decision's date), checked against
 * the case's record. Then the traffic police report her again: the new report holds the
 * nomination. The leader sees that it is on hold, and not which case; the secretariat sees the
 * case behind the hold's reference, with a link to it.
 */
describe('A restricted eligibility criterion, as each reader sees it', () => {
  let story: BrowserStory;
  let leader: TestUser;
  let secretariat: TestUser;
  let caseId: string;
  let decisionNumber: string;
  let reportId: string;

  beforeAll(async () => {
    story = await startStory('restricted-eligibility');
    const { t } = story;
    secretariat = await t.userWith('secretariat');
    const chair = await t.userWith('council_chair');
    const finance = await t.createUnit('Sở Tài chính');
    const homeAffairs = await t.createUnit('Sở Nội vụ');
    leader = await t.userWithGrants([{ role: 'unit_leader', unitId: homeAffairs.id }]);
    const mai = await registerPerson(t, NOMINEE, {
      unitId: finance.id,
      partyMember: true,
      partyJoinedOn: '2008-11-07',
    });
    const tokens = { leader: leader.token, secretariat: secretariat.token, chair: chair.token };
    ({ number: decisionNumber } = await decidedViolation(t, tokens, mai.id, `${LAST_YEAR}-09-10`, {
      subjectType: 'party_member',
      form: 'khien_trach',
    }));
    const moved = await t.http
      .patch(`/api/v1/people/${mai.id}`)
      .auth(t.adminToken, { type: 'bearer' })
      .send({ unitId: homeAffairs.id });
    expect(moved.status).toBe(200);
    caseId = await openNomination(t, leader.token, mai.id);
    await t.attachDossier(leader.token, caseId);
    await step(t, leader.token, caseId, 'SUBMIT', 'submitted');
    const report = await t.openCase(secretariat.token, {
      type: 'violation',
      subject: { kind: 'person', personId: mai.id },
      data: violationReport({
        category: 'traffic_red_light',
        summary: 'Vượt đèn đỏ (Cảnh sát giao thông thông báo)',
      }),
    });
    expect(report.status).toBe(201);
    reportId = report.body.id as string;
  });
  afterAll(async () => story?.close());

  it('the new unit leader reads what it means and where to ask', async () => {
    const { page } = story;
    await story.signIn(leader.username, TEST_PASSWORD);
    await page.goto(`/cases/${caseId}#eligibility`);
    const recorded = page.getByRole('table', { name: 'Từng tiêu chí và kết quả' }).last();
    await recorded
      .getByText(
        'Cần xem xét một quyết định kỷ luật — xem thông tin tại cơ quan thường trực Hội đồng Thi đua – Khen thưởng',
      )
      .first()
      .waitFor();
    await recorded.getByText('Thông tin hạn chế').first().waitFor();
    const shown = await page.locator('main').innerText();
    expect(shown).not.toContain(decisionNumber);
    expect(shown.toLowerCase()).not.toContain('khiển trách');
    await story.screen('leader-restricted');
  });

  it('the secretariat who may read the violation sees it as judged', async () => {
    const desk = await (await story.newContext()).newPage();
    await signInOn(desk, secretariat);
    await desk.goto(`/cases/${caseId}#eligibility`);
    const sealed = desk.getByRole('table', { name: 'Các tiêu chí hạn chế đúng như khi xét' });
    await sealed.getByText(/khiển trách/).waitFor();
    await sealed.getByText(`10/09/${LAST_YEAR}`, { exact: false }).waitFor();
    await sealed.getByText(/Khớp với cam kết trong bản ghi số \d+/).waitFor();
    await story.screen('secretariat-sealed', desk);
  });

  it('a pending report holds the nomination: the leader sees that, the secretariat which case', async () => {
    const { page } = story;
    await page.goto(`/cases/${caseId}#info`);
    await page.getByRole('tab', { name: 'Thông tin' }).click();
    await page.getByText('Đang xem xét xử lý kỷ luật').first().waitFor();
    // The hold names its matter by a reference, labelled as one (not as a case to open).
    await page.getByText('Mã tham chiếu vụ việc').first().waitFor();
    expect(await page.locator('main').innerText()).not.toContain(reportId);
    expect(await page.getByRole('table', { name: 'Các vụ việc đã tạm dừng hồ sơ' }).count()).toBe(
      0,
    );
    await story.screen('leader-held');

    const desk = await (await story.newContext()).newPage();
    await signInOn(desk, secretariat);
    await desk.goto(`/cases/${caseId}#info`);
    const holds = desk.getByRole('table', { name: 'Các vụ việc đã tạm dừng hồ sơ' });
    await holds.getByRole('link', { name: reportId }).waitFor();
    await holds.getByText('Đang tạm dừng').waitFor();
    await holds.getByText('Khớp với mã tham chiếu trong lịch sử').waitFor();
    await story.screen('secretariat-holds', desk);
  });
});
