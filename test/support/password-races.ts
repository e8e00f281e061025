import { PasswordHasher } from '../../src/auth/password-hasher';
import type { TestApp } from './test-app';

/**
 * Runs `meanwhile` right after the next password check has checked, before its request goes on:
 * as a request landing during the key derivation (a few hundred milliseconds at the real cost)
 * would. Restore the returned spy when done.
 */
export function afterNextPasswordCheck(t: TestApp, meanwhile: () => Promise<void>) {
  const hasher = t.app.get(PasswordHasher);
  const verify = hasher.verify.bind(hasher);
  return jest.spyOn(hasher, 'verify').mockImplementationOnce(async (password, hash) => {
    const checked = await verify(password, hash);
    await meanwhile();
    return checked;
  });
}

/** An administrator's reset of the user's password; its temporary password. */
export async function resetByAdmin(t: TestApp, userId: string): Promise<string> {
  const reset = await t.postAs(t.adminToken, `/api/v1/users/${userId}/password-reset`);
  expect(reset.status).toBe(200);
  return reset.body.temporaryPassword as string;
}
