import { ADMIN } from '../support/test-app';
import { startStory, type BrowserStory } from './support/browser-story';

/**
 * A user whose account an admin created signs in with the temporary password, is made to choose
 * their own before anything else (one too easy to guess is refused, with the reason under the
 * field), signs out, and gets in again only with the new one.
 */
describe.each(['vi', 'en'] as const)('A user changes their password (%s)', (language) => {
  let story: BrowserStory;
  const text =
    language === 'vi'
      ? {
          mustChange: /mật khẩu tạm thời/,
          current: 'Mật khẩu hiện tại',
          next: 'Mật khẩu mới',
          again: 'Nhập lại mật khẩu mới',
          save: 'Lưu mật khẩu mới',
          differ: 'Hai mật khẩu mới không khớp',
          weak: 'Mật khẩu quá dễ đoán. Mật khẩu này gần giống một mật khẩu phổ biến.',
          hint: /Nên dùng một cụm vài từ/,
          wrong: 'Sai tên đăng nhập hoặc mật khẩu.',
        }
      : {
          mustChange: /temporary password/,
          current: 'Current password',
          next: 'New password',
          again: 'New password again',
          save: 'Save the new password',
          differ: 'The two new passwords differ',
          weak: 'The password is too easy to guess. This is similar to a commonly used password.',
          hint: /A phrase of a few words/,
          wrong: 'Wrong username or password.',
        };

  beforeAll(async () => {
    story = await startStory(`password-change-${language}`, { language });
  });
  afterAll(async () => story?.close());

  it('forces the first change, then signs in only with the new password', async () => {
    const { page, t } = story;
    const username = `can.bo.${language}`;
    const temporary = 'tam-thoi-do-quan-tri-cap';
    const chosen = 'mat-khau-moi-cua-toi-2026';
    const created = await t.http
      .post('/api/v1/users')
      .auth(t.adminToken, { type: 'bearer' })
      .send({
        username,
        displayName: 'Trần Thị Bích Ngọc',
        password: temporary,
        grants: [{ role: 'auditor' }],
      });
    expect(created.status).toBe(201);

    await story.signIn(username, temporary);
    await page.waitForURL('**/account/password');
    await page.getByText(text.mustChange).waitFor();
    await story.screen('forced-change');

    // Going elsewhere first is not possible: the app brings the user back here.
    await page.goto('/cases');
    await page.waitForURL('**/account/password');

    await page.getByLabel(text.current).fill(temporary);
    await page.getByLabel(text.next, { exact: true }).fill(chosen);
    await page.getByLabel(text.again).fill(`${chosen}-typo`);
    await page.getByRole('button', { name: text.save }).click();
    await page.getByText(text.differ).waitFor();
    await story.screen('passwords-differ');

    // "matkhau" is "password": the server refuses it and says why, under the field.
    await page.getByText(text.hint).waitFor();
    await page.getByLabel(text.next, { exact: true }).fill('matkhau123456');
    await page.getByLabel(text.again).fill('matkhau123456');
    story.expectConsoleError(/422/);
    await page.getByRole('button', { name: text.save }).click();
    await page.getByText(text.weak, { exact: false }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account/password');
    await story.screen('password-too-weak');

    await page.getByLabel(text.next, { exact: true }).fill(chosen);

    await page.getByLabel(text.again).fill(chosen);
    await page.getByRole('button', { name: text.save }).click();
    await page.waitForURL((url) => url.pathname === '/');

    await story.signOut();
    story.expectConsoleError(/401/);
    await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
    await page.getByLabel(/^(Mật khẩu|Password)$/).fill(temporary);
    await page.getByRole('button', { name: /^(Đăng nhập|Sign in)$/ }).click();
    await page.getByRole('alert').getByText(text.wrong).waitFor();
    await story.screen('old-password-refused');

    await story.signIn(username, chosen);
    expect(new URL(page.url()).pathname).toBe('/');
    // The admin's own account is untouched by all this.
    expect(await t.login(ADMIN.username, ADMIN.password)).toEqual(expect.any(String));
  });
});
