import { ADMIN } from '../support/test-app';
import { startStory, type BrowserStory } from './support/browser-story';

/**
 * An administrator opens an enterprise's page, records that it acts as its director (State
 * format, its own number series) and adds the director as the signer of its decisions; the
 * section shows the format and the printed title line. SQLite only: the API story
 * (test/e2e/issuing-authorities.spec.ts) runs on both databases.
 */
describe('An admin records a unit’s issuing authority and signer', () => {
  let story: BrowserStory;

  beforeAll(async () => {
    story = await startStory('unit-authorities', { language: 'vi' });
  });
  afterAll(async () => story?.close());

  it('chooses the authority, then adds the signer', async () => {
    const { page, t } = story;
    const unit = await t.createUnit('Công ty Cấp nước tỉnh', 'enterprise');

    await story.signIn(ADMIN.username, ADMIN.password);
    await page.goto(`/admin/units/${unit.id}`);
    const section = page.locator('.ant-card', { hasText: 'Thẩm quyền ban hành và người ký' });
    await section.getByText('Chưa ghi nhận thẩm quyền nào.').waitFor();

    await section.getByRole('button', { name: 'Chọn thẩm quyền' }).click();
    const dialog = page.getByRole('dialog');
    await story.settle();
    // A multiple choice stays open after a pick.
    const choose = dialog.getByLabel('Các thẩm quyền đơn vị thực hiện', { exact: true });
    await choose.click();
    await choose.pressSequentially('Giám đốc');
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: /Giám đốc, Tổng giám đốc/ });
    // Clicked once the filtered list has settled, as the other stories do.
    await option.first().waitFor();
    await story.settle();
    await option.first().click();
    // The pick shows in the field before anything else (a loaded machine may take its time).
    await dialog
      .locator('.ant-select-selection-item', { hasText: 'Giám đốc, Tổng giám đốc' })
      .waitFor();
    // Closed by a click on the dialog's title, as a user would: Escape, had the list already
    // closed, would close the dialog itself, and nothing would be saved.
    await dialog.locator('.ant-modal-title').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .waitFor({ state: 'hidden' });
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const authorities = page.getByRole('table', { name: 'Các thẩm quyền của đơn vị' });
    await authorities.getByText('Nhà nước').waitFor();
    await authorities.getByText(unit.code).waitFor();

    await section.getByRole('button', { name: 'Thêm người ký' }).click();
    await story.settle();
    await dialog.getByLabel('Họ và tên').fill('Phạm Minh Đức');
    await dialog.getByLabel('Chức vụ (tiếng Việt)').fill('Giám đốc');
    await dialog.getByLabel('Chức vụ (tiếng Anh)').fill('Director');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const signers = page.getByRole('table', { name: 'Người ký của đơn vị' });
    await signers.getByText('Phạm Minh Đức').waitFor();
    await signers.getByText('GIÁM ĐỐC', { exact: true }).waitFor();
    await story.screen('unit-authorities');
  });
});
