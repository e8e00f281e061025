import type { Page } from 'playwright-core';
import { CaseCommands } from '../../src/cases/case-commands.service';
import { Clock } from '../../src/common/clock';
import { CouncilSessionsService } from '../../src/councils/council-sessions.service';
import { CouncilsService } from '../../src/councils/councils.service';
import { DemoCasesLoader } from '../../src/demo/demo-cases';
import { DemoCouncilLoader } from '../../src/demo/demo-council';
import { DemoLoader } from '../../src/demo/demo-loader';
import { DEMO_MOVEMENT_TITLE, DemoMovementLoader } from '../../src/demo/demo-movement';
import { DossierDocumentsService } from '../../src/nominations/dossier-documents.service';
import { PublicNoticesService } from '../../src/nominations/public-notices.service';
import { CASES_REPOSITORY } from '../../src/persistence/repositories/cases.repository';
import { HISTORICAL_AWARDS_REPOSITORY } from '../../src/persistence/repositories/historical-awards.repository';
import { ORGANISATION_REPOSITORY } from '../../src/persistence/repositories/organisation.repository';
import { USERS_REPOSITORY } from '../../src/persistence/repositories/users.repository';
import { RatingsService } from '../../src/ratings/ratings.service';
import { RegistrationsService } from '../../src/registrations/registrations.service';
import { UsersService } from '../../src/users/users.service';
import type { TestApp } from '../support/test-app';
import { selectListClosed, startStory, type BrowserStory } from './support/browser-story';

/** The demo's password (npm run demo takes it from DEMO_PASSWORD; the loader takes any). */
const DEMO_PASSWORD = 'demo-password-for-the-bar';
const LEADER = 'demo.vantai';
const UNIT = 'Đảng bộ Công ty Cổ phần Vận tải ô tô';

/** `npm run demo` into the story's database, as src/demo/main.ts runs it. */
async function loadDemo(t: TestApp): Promise<{ movementId: string; evaluationYear: number }> {
  const get = t.app.get.bind(t.app);
  await new DemoLoader(
    get(ORGANISATION_REPOSITORY),
    get(USERS_REPOSITORY),
    get(UsersService),
    get(Clock),
  ).load(DEMO_PASSWORD);
  const movements = new DemoMovementLoader(
    get(CaseCommands),
    get(RegistrationsService),
    get(RatingsService),
    get(DossierDocumentsService),
    get(CASES_REPOSITORY),
    get(USERS_REPOSITORY),
    get(ORGANISATION_REPOSITORY),
    get(Clock),
  );
  const movement = await movements.load();
  const cases = await new DemoCasesLoader(
    get(CaseCommands),
    get(DossierDocumentsService),
    get(PublicNoticesService),
    get(CASES_REPOSITORY),
    get(USERS_REPOSITORY),
    get(HISTORICAL_AWARDS_REPOSITORY),
    new DemoCouncilLoader(
      get(CouncilsService),
      get(CouncilSessionsService),
      get(CaseCommands),
      get(Clock),
    ),
    get(Clock),
    get(CouncilsService),
  ).load(await movements.linksFor(movement.movementId));
  return { movementId: movement.movementId, evaluationYear: cases.evaluationYear };
}

/** Types a date into an antd DatePicker (dd/MM/yyyy) and leaves the field, keeping it. */
async function fillDate(page: Page, label: string, date: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Tab');
  expect(await input.inputValue()).toBe(date);
}

/**
 * The Bar of issue 15: after `npm run demo`, the leader of a grassroots organisation that has not
 * yet acknowledged the Directive 23 movement finds it, acknowledges it, registers the unit and one
 * of its people in one form; once the committee has approved the person's registration, the
 * leader creates a nomination from it, and the case names the movement and the registration.
 * Axe checks every screen.
 */
describe('The Bar: a grassroots leader takes part in the demo movement', () => {
  let story: BrowserStory;
  let movementId: string;
  let evaluationYear: number;
  let registrationId: string;
  let personName: string;

  beforeAll(async () => {
    story = await startStory('movement-bar');
    ({ movementId, evaluationYear } = await loadDemo(story.t));
  });
  afterAll(async () => story?.close());

  test('the leader sees the movement and acknowledges it', async () => {
    const { page } = story;
    await story.signIn(LEADER, DEMO_PASSWORD);
    await page.goto('/movements');
    await page.getByRole('heading', { level: 1, name: 'Phong trào thi đua' }).waitFor();
    await page.getByRole('link', { name: DEMO_MOVEMENT_TITLE }).waitFor();
    await story.screen('bar-movements');

    await page.getByRole('link', { name: DEMO_MOVEMENT_TITLE }).click();
    await page.getByRole('heading', { level: 1, name: DEMO_MOVEMENT_TITLE }).waitFor();
    // The leader's unit has not acknowledged it yet: the page offers to.
    await page.locator('.case-tag', { hasText: 'Chưa tiếp nhận' }).waitFor();
    await page.getByRole('link', { name: 'Tiếp nhận phong trào' }).waitFor();
    await story.screen('bar-movement');

    await page.getByRole('link', { name: 'Tiếp nhận phong trào' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận phong trào thi đua' }).waitFor();
    await page
      .getByLabel('Tóm tắt kế hoạch thực hiện', { exact: true })
      .fill(
        'Quán triệt Chỉ thị 23-CT/TW tới lái xe của Công ty; kiểm tra nồng độ cồn trước mỗi ca.',
      );
    await page.getByLabel('Văn bản kế hoạch thực hiện', { exact: true }).setInputFiles({
      name: 'ke-hoach-chi-thi-23.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% ke hoach thuc hien Chi thi 23\n%%EOF\n'),
    });
    await page.getByText('ke-hoach-chi-thi-23.pdf').waitFor();
    await story.screen('bar-acknowledge');
    await page.getByRole('button', { name: 'Xác nhận tiếp nhận' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ tham gia phong trào' }).waitFor();
    await page.getByRole('link', { name: 'ke-hoach-chi-thi-23.pdf' }).waitFor();
    await story.screen('bar-participation');
  });

  test('the leader registers the unit and one of its people', async () => {
    const { page } = story;
    await page.goto(`/movements/${movementId}/registrations/new`);
    await page
      .getByRole('heading', { level: 1, name: 'Đăng ký thi đua cho đơn vị và cá nhân' })
      .waitFor();
    // The unit, from the leader's own tree.
    const unit = page.getByLabel('Đơn vị đăng ký', { exact: true });
    await unit.click();
    await unit.pressSequentially('Vận tải');
    const node = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title')
      .filter({ hasText: UNIT });
    await node.first().waitFor();
    await story.settle();
    await node.first().click();
    await selectListClosed(page);
    // The registration was on paper before the movement's deadline (30/04 of its year).
    await fillDate(page, 'Ngày đăng ký', `25/04/${evaluationYear}`);
    // The first person of the unit, with the title "Lao động tiên tiến" as target.
    const firstRow = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await firstRow.waitFor();
    personName = (await firstRow.locator('td').nth(1).innerText()).trim();
    await firstRow.getByRole('checkbox').check();
    const peopleTargets = page.locator('fieldset', { hasText: 'Mục tiêu chung của các cá nhân' });
    const awards = peopleTargets.getByLabel('Danh hiệu đăng ký', { exact: true });
    await awards.click();
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: /^Lao động tiên tiến/ });
    await option.first().waitFor();
    await story.settle();
    await option.first().click();
    await page.keyboard.press('Escape');
    await selectListClosed(page);
    await story.screen('bar-register');
    await page.getByRole('button', { name: 'Gửi đăng ký' }).click();

    await page.getByRole('heading', { level: 1, name: 'Đăng ký thi đua' }).waitFor();
    await page.getByRole('cell', { name: personName }).first().waitFor();
    await page.getByRole('cell', { name: UNIT }).first().waitFor();
    await story.screen('bar-registrations');
  });

  test('once approved, the leader nominates the person from the registration', async () => {
    const { page, t } = story;
    // The committee approves the person's registration (its own screen is another story's).
    const launcher = await t.login('demo.vanphong', DEMO_PASSWORD);
    const list = await t.getAs(launcher, `/api/v1/movements/${movementId}/registrations`);
    const row = (
      list.body.items as { caseId: string; kind: string; registrant: { name: string } }[]
    ).find((r) => r.kind === 'individual' && r.registrant.name === personName)!;
    registrationId = row.caseId;
    const approved = await t.sendEvent(launcher, registrationId, 'APPROVE', {});
    expect(approved.status).toBe(200);

    await page.goto(`/nominations/new?registrationId=${registrationId}`);
    await page
      .getByText(new RegExp(`${personName}`))
      .first()
      .waitFor();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const year = page.getByLabel('Năm đánh giá', { exact: true });
    await year.fill(String(evaluationYear));
    await story.screen('bar-nomination-form');
    await page.getByRole('button', { name: 'Tạo dự thảo hồ sơ' }).click();
    await page.getByText('Đã tạo dự thảo hồ sơ đề nghị').waitFor();
    await story.screen('bar-nomination-created');
    await page.getByRole('button', { name: 'Mở hồ sơ để tải tài liệu và trình' }).click();
    await page.waitForURL(/\/cases\//);
    const caseId = new URL(page.url()).pathname.split('/').at(-1)!;
    // The case names the movement and the registration it follows.
    await page.getByText(movementId).first().waitFor();
    await page.getByText(registrationId).first().waitFor();
    await story.screen('bar-nomination-case');

    const leader = await t.login(LEADER, DEMO_PASSWORD);
    const view = await t.getAs(leader, `/api/v1/cases/${caseId}`);
    expect(view.body.data).toMatchObject({
      movementId,
      registrationId,
      awardCode: 'lao_dong_tien_tien',
      evaluationYear,
    });
  });
});
