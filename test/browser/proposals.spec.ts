import { TEST_PASSWORD } from '../support/test-app';
import { todayInVietnam } from '../support/dates';
import {
  councilRecommends,
  openNomination,
  step,
  verify,
  type StoryTokens,
} from '../e2e/nominations/nomination-steps';
import type { Page } from 'playwright-core';
import {
  chooseOption,
  selectListClosed,
  startStory,
  type BrowserStory,
} from './support/browser-story';

/** Picks a unit in the unit tree labelled `label`, typing part of its name first. */
async function chooseUnit(page: Page, label: string, typed: string, name: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await box.pressSequentially(typed);
  const node = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title')
    .filter({ hasText: name });
  await node.first().waitFor();
  await node.first().click();
  await selectListClosed(page);
}

/**
 * The enterprises' Party committee proposes a Party member's five-year certificate of merit to
 * the provincial standing committee ("Propose upward"); the province's secretariat finds it in its
 * incoming proposals and records the decision, and the nomination is granted. Every screen is
 * checked by axe. SQLite only: the API story (test/e2e/proposals.spec.ts) runs on both databases.
 */
describe('A proposal goes up and its decision comes back', () => {
  let story: BrowserStory;

  beforeAll(async () => {
    story = await startStory('proposals', { language: 'vi' });
  });
  afterAll(async () => story?.close());

  it('is sent from the committee and decided by the province', async () => {
    const { page, t } = story;
    const [leader, secretariat, chair] = await t.tokensFor(
      'unit_leader',
      'secretariat',
      'council_chair',
    );
    const tokens: StoryTokens = { leader, secretariat, chair };
    const province = await t.createUnit('Tỉnh ủy Quảng Nam', 'party_committee');
    const committee = await t.createUnit(
      'Đảng ủy Khối Doanh nghiệp',
      'party_committee',
      province.id,
    );
    for (const [unit, code, series] of [
      [province, 'provincial_party_standing_committee', 'TU'],
      [committee, 'superior_party_standing_committee', 'ĐUK'],
    ] as const) {
      const put = await t.http
        .put(`/api/v1/units/${unit.id}/authorities`)
        .auth(t.adminToken, { type: 'bearer' })
        .send({ authorities: [{ code, seriesCode: series }] });
      expect(put.status).toBe(200);
    }
    const member = await t.createPerson('Trần Văn Đảng', committee.id);
    const nomination = await openNomination(t, leader, member.id, 'bang_khen_dang_vien_5_nam');
    await t.attachDossier(leader, nomination);
    await verify(t, tokens, nomination);
    await step(t, secretariat, nomination, 'SEND_TO_COUNCIL', 'council_review');
    await councilRecommends(t, tokens, nomination);
    const committeeOffice = await t.userWithGrants([{ role: 'secretariat', unitId: committee.id }]);
    const provinceOffice = await t.userWithGrants([{ role: 'secretariat', unitId: province.id }]);

    // The committee's secretariat proposes it upward.
    await story.signIn(committeeOffice.username, TEST_PASSWORD);
    await page.goto('/proposals/new');
    await page.getByRole('heading', { name: 'Trình cấp có thẩm quyền' }).waitFor();
    await chooseUnit(page, 'Đơn vị trình', 'Khối', 'Đảng ủy Khối Doanh nghiệp');
    await page.getByLabel(/Trần Văn Đảng/).check();
    await chooseOption(page, page, 'Cấp có thẩm quyền', 'Tỉnh ủy', /Ban Thường vụ Tỉnh ủy/);
    // The province acts as that authority: it is chosen as the receiving unit.
    await page
      .locator('.ant-select', { has: page.getByLabel('Đơn vị nhận', { exact: true }) })
      .filter({ hasText: 'Tỉnh ủy Quảng Nam' })
      .waitFor();
    await story.screen('propose-upward');
    await page.getByRole('button', { name: 'Gửi tờ trình' }).click();
    await page.getByRole('heading', { name: /Tờ trình 1-TTr\/ĐUK/ }).waitFor();
    await page
      .getByRole('table', { name: 'Các hồ sơ đề nghị' })
      .getByText('Chờ quyết định')
      .waitFor();
    await story.screen('proposal-sent');
    const proposalId = new URL(page.url()).pathname.split('/').pop()!;
    await story.signOut();

    // The province's secretariat finds it in its queue and records the decision.
    await story.signIn(provinceOffice.username, TEST_PASSWORD);
    await page.goto('/proposals');
    const incoming = page.getByRole('table', { name: 'Tờ trình đến' });
    await incoming.getByText('1-TTr/ĐUK').waitFor();
    await story.screen('proposals-incoming');
    await incoming.getByRole('link', { name: 'Mở: 1-TTr/ĐUK' }).click();
    await page
      .getByRole('heading', { name: 'Ghi nhận quyết định của cấp có thẩm quyền' })
      .waitFor();
    await page.getByLabel('Số quyết định').fill('120-QĐ/TU');
    await page.getByLabel('Ngày ký (YYYY-MM-DD)').fill(todayInVietnam());
    await page.getByLabel('Cấp quyết định').fill('Ban Thường vụ Tỉnh ủy');
    await story.screen('record-decision');
    await page.getByRole('button', { name: 'Ghi nhận quyết định' }).click();
    await page.getByText('Đã ghi nhận quyết định; các hồ sơ đã được cập nhật.').waitFor();
    await page
      .getByRole('table', { name: 'Các hồ sơ đề nghị' })
      .getByText(/Được khen thưởng/)
      .waitFor();
    await story.screen('proposal-decided');
    expect((await t.getCase(secretariat, nomination)).body.state).toBe('announced');

    // The case pages link the proposal and the nomination to each other.
    await page.goto(`/cases/${nomination}`);
    await page
      .getByRole('link', { name: 'Hồ sơ được trình cấp có thẩm quyền bằng tờ trình số 1-TTr/ĐUK' })
      .waitFor();
    await story.screen('nomination-case-page');
    await page.goto(`/cases/${proposalId}`);
    await page.getByRole('heading', { name: 'Tờ trình 1-TTr/ĐUK' }).waitFor();
    await page.getByRole('link', { name: 'Trần Văn Đảng' }).first().waitFor();
    await story.screen('proposal-case-page');
  });
});
