import { ADMIN } from '../support/test-app';
import { startStory, type BrowserStory } from './support/browser-story';

/**
 * How the one origin serves the app beside the API: the page is never cached and carries a fresh
 * CSP nonce, hashed assets are cached for good, unknown API paths stay problem+json, and Swagger
 * UI still works under the Content-Security-Policy.
 */
describe('The web app and the API share one origin', () => {
  let story: BrowserStory;

  beforeAll(async () => {
    story = await startStory('serving');
  });
  afterAll(async () => story?.close());

  it('answers app pages with index.html, never cached, with this response’s nonce', async () => {
    const first = await fetch(`${story.origin}/cases/anything`, {
      headers: { accept: 'text/html' },
    });
    const second = await fetch(`${story.origin}/`, { headers: { accept: 'text/html' } });
    for (const response of [first, second]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const policy = response.headers.get('content-security-policy')!;
      const html = await response.text();
      const nonce = /name="csp-nonce" content="([^"]+)"/.exec(html)![1];
      expect(policy).toContain(`style-src 'self' 'nonce-${nonce}'`);
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('unsafe-eval');
    }
    const nonces = await Promise.all(
      [first, second].map(async () => {
        const html = await (
          await fetch(`${story.origin}/`, { headers: { accept: 'text/html' } })
        ).text();
        return /name="csp-nonce" content="([^"]+)"/.exec(html)![1];
      }),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('caches hashed assets for a year and keeps API 404s as problems, in both languages', async () => {
    const html = await (
      await fetch(`${story.origin}/`, { headers: { accept: 'text/html' } })
    ).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(`${story.origin}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const unknownApi = await fetch(`${story.origin}/api/v1/no-such-thing`, {
      headers: { accept: 'text/html' },
    });
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await unknownApi.json()).toMatchObject({
      code: 'ROUTE.NOT_FOUND',
      detailVi: expect.stringMatching(/^Không tìm thấy\./),
    });
    // A non-HTML request for a non-API path is not the app either.
    const json = await fetch(`${story.origin}/whatever`, {
      headers: { accept: 'application/json' },
    });
    expect(json.status).toBe(404);
  });

  it('asks a signed-out visitor to sign in, then shows the address they asked for', async () => {
    const { page } = story;
    await page.goto('/no/such/page');
    await page.waitForURL('**/sign-in?next=*');
    await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
    await page.getByLabel('Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL('**/no/such/page');
    await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
    await story.screen('not-found');
  });

  it('keeps Swagger UI working under its policy', async () => {
    const { page } = story;
    await page.goto('/api/docs');
    await page.getByRole('heading', { name: /Thi đua – Khen thưởng workflow engine/ }).waitFor();
    // A style or script the policy refused would have been a console error (checked on close).
  });
});
