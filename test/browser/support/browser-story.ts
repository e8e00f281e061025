import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import axe, { source as axeSource } from 'axe-core';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { WEB_APP_DIR } from '../../../src/web-server/web-app';
import type { DialectName } from '../../support/databases';
import { startTestApp, type TestApp } from '../../support/test-app';
import { timeLimit } from '../../support/time-limits';

/** Debian's package (`.ci/run` installs it); a missing browser fails the run, never skips it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * How long one step of a story may wait (a page to load, a button to answer), and one test (a
 * story may be one long test walking many screens, each checked by axe). npm test runs the browser
 * stories beside the other tiers on CI's two cores, where a step that takes a second alone can
 * take tens, and a story that takes 100 s alone took over 240 s: generous limits cost nothing when
 * the app answers, and a story that hangs still fails.
 */
const STEP_TIMEOUT_MS = timeLimit(60_000);
jest.setTimeout(timeLimit(600_000));

/** CI keeps this folder: one PNG per screen a story visits, named in visiting order. */
export const SCREENSHOTS_DIR = resolve(__dirname, '../../../test-results/browser');

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The parts of the page's `document.getAnimations()` that `settled` reads (no DOM types here). */
interface RunningAnimation {
  playState: string;
  effect: { getComputedTiming(): { iterations?: number } } | null;
}

/**
 * Run in the page: the screen holds still, no finite CSS animation or transition running (a
 * spinner's endless one does not count). A toast or a list fading in or out is half transparent;
 * axe would measure its contrast, and the screenshot catch it, midway. A function rather than a
 * string: the app's CSP forbids the eval a string would need.
 */
const settled = () =>
  (globalThis as unknown as { document: { getAnimations(): RunningAnimation[] } }).document
    .getAnimations()
    .every(
      (animation) =>
        animation.playState !== 'running' ||
        animation.effect?.getComputedTiming().iterations === Infinity,
    );

/** The parts of a DOM node that `recordToasts` reads (no DOM types here). */
interface ToastNode {
  textContent: string | null;
}
interface ToastDocument {
  querySelectorAll(selector: string): Iterable<ToastNode>;
}
/** What `recordToasts` keeps on the page's global object. */
interface ToastRecord {
  __toastsShown?: string[];
}

/**
 * Run in every document before its own scripts: remembers the text of every toast (antd's
 * message) it shows, until `toastShown` takes it. A toast stays 3 s; a step waiting for it on a
 * loaded two-core runner can be starved for longer and miss it, though the action succeeded. (A
 * story once waited 180 s in CI for a toast it never saw, 2026-12-05, cause not known: now a
 * missing toast is told apart from a missed one, with the toasts shown and a screenshot.) Each
 * notice is recorded once, when it has its text.
 */
const recordToasts = () => {
  const page = globalThis as unknown as ToastRecord & {
    document: ToastDocument;
    MutationObserver: new (callback: () => void) => {
      observe(target: unknown, options: Record<string, boolean>): void;
    };
  };
  const shown: string[] = [];
  const recorded = new WeakSet<ToastNode>();
  page.__toastsShown = shown;
  new page.MutationObserver(() => {
    for (const notice of page.document.querySelectorAll('.ant-message-notice')) {
      const text = notice.textContent?.trim();
      if (!text || recorded.has(notice)) continue;
      recorded.add(notice);
      shown.push(text);
    }
  }).observe(page.document, { childList: true, subtree: true, characterData: true });
};

/**
 * Waits until the page has shown a toast saying exactly `text` since it loaded (or since the
 * previous toast of that text was taken), whether or not it is still on screen, and takes it. On
 * failure it lists the toasts the page did show (a stale-version warning instead, say).
 */
export async function toastShown(page: Page, text: string): Promise<void> {
  const take = (wanted: string) => {
    const shown = (globalThis as ToastRecord).__toastsShown ?? [];
    const at = shown.indexOf(wanted);
    if (at < 0) return false;
    shown.splice(at, 1);
    return true;
  };
  try {
    await page.waitForFunction(take, text);
  } catch (failure) {
    const shown = await page
      .evaluate(() => (globalThis as ToastRecord).__toastsShown ?? [])
      .catch(() => ['(the page could not be read)']);
    // The screen as it was, for whoever reads CI's results (a dialog still open, an alert).
    const folder = join(SCREENSHOTS_DIR, 'failures');
    mkdirSync(folder, { recursive: true });
    await page
      .screenshot({ path: join(folder, `no-toast-${Date.now()}.png`), fullPage: true })
      .catch(() => undefined);
    throw new Error(
      `No toast "${text}" was shown; the page showed: ${JSON.stringify(shown)}. ${String(failure)}`,
    );
  }
}

export interface StoryOptions {
  dialect?: DialectName;
  /** The interface language the story runs in (the app's own switch, remembered per browser). */
  language?: 'vi' | 'en';
  /** A phone is 390×844; the default is a desktop. */
  viewport?: { width: number; height: number };
}

/**
 * One user story in a real browser against the real app on a fresh database. It records what
 * every story must never see: a request leaving the app's origin, a console error, an uncaught
 * page error; `screen()` checks a screen with axe and photographs it.
 */
export interface BrowserStory {
  t: TestApp;
  /** http://127.0.0.1:<port>, the app's one origin. */
  origin: string;
  context: BrowserContext;
  page: Page;
  /**
   * Axe (WCAG 2 A/AA) on the page as it is now: zero violations; then a full-page screenshot.
   * `on`: another page of the story (one of `newContext`'s); the story's own page by default.
   */
  screen(name: string, on?: Page): Promise<void>;
  /**
   * Another browser profile of the same browser: no cookies or storage of the story's page (a
   * phone that scans a QR code, someone not signed in). The same guards apply to its pages: no
   * request outside the origin, no console error, no page error.
   */
  newContext(options?: Omit<StoryOptions, 'dialect'>): Promise<BrowserContext>;
  /**
   * Waits until the page holds still: no finite CSS animation or transition running. Before a
   * click in something that is still opening (a dialog zooming in), so the click lands where the
   * user would click rather than on what moves under it; `screen()` waits for it too.
   */
  settle(on?: Page): Promise<void>;
  /** A console error this story provokes on purpose (e.g. a refused sign-in's 401). */
  expectConsoleError(pattern: RegExp): void;
  /** Clicks and waits for the download it starts; returns the file's bytes and name. */
  download(click: () => Promise<unknown>): Promise<{ name: string; bytes: Buffer }>;
  /** Signs in through the sign-in screen and waits until the app shell is there. */
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Fails if anything the story must never see happened; then closes everything. */
  close(): Promise<void>;
}

export async function startStory(name: string, options: StoryOptions = {}): Promise<BrowserStory> {
  if (!existsSync(join(WEB_APP_DIR, 'index.html'))) {
    throw new Error(`The web app is not built in ${WEB_APP_DIR}: run npm run build:web first`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No browser at ${CHROMIUM}: apt-get install -y chromium (see .ci/run)`);
  }
  const t = await startTestApp(options.dialect ?? 'sqlite');
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Chromium converts file names through the locale's character set: in a bare environment
    // (POSIX locale) it cannot read the Vietnamese-named files a story uploads, and the upload
    // never starts. The page's own language is the context's `locale` below, whatever this says.
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
    // Without the networking flags Chromium calls Google's services at start; this network is
    // closed, and the story would record those as requests leaving the origin.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const offences: string[] = [];
  const expected: RegExp[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = `${message.text()} (${message.location().url})`;
      if (!expected.some((pattern) => pattern.test(text))) offences.push(`console error: ${text}`);
    });
    page.on('pageerror', (error) => offences.push(`page error: ${error.message}`));
  };
  const openContext = async (contextOptions: Omit<StoryOptions, 'dialect'>) => {
    const opened = await browser.newContext({
      baseURL: origin,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      acceptDownloads: true,
      viewport: contextOptions.viewport ?? { width: 1366, height: 900 },
    });
    opened.setDefaultTimeout(STEP_TIMEOUT_MS);
    await opened.addInitScript(recordToasts);
    if (contextOptions.language === 'en') {
      // Only the first visit: the story may still switch languages with the app's own control.
      // Only in the app's documents: a new page's first one (about:blank) has no storage to read.
      await opened.addInitScript(
        `if (location.origin === '${origin}' && !localStorage.getItem('thidua.language')) localStorage.setItem('thidua.language', 'en');`,
      );
    }
    // Watched, not intercepted: routing every request through this process cost each a round
    // trip to it. Nothing outside is reachable from here anyway: what a story must catch is that
    // the page tried.
    opened.on('request', (request) => {
      const url = request.url();
      if (new URL(url).origin === origin || url.startsWith('data:') || url.startsWith('blob:')) {
        return;
      }
      offences.push(`request outside the origin: ${url}`);
    });
    opened.on('page', watch);
    return opened;
  };
  const context = await openContext(options);
  const page = await context.newPage();

  const folder = join(SCREENSHOTS_DIR, name);
  mkdirSync(folder, { recursive: true });
  let shots = 0;

  const story: BrowserStory = {
    t,
    origin,
    context,
    page,
    async screen(screenName, on = page) {
      await on.waitForLoadState('networkidle');
      await story.settle(on);
      shots += 1;
      await on.screenshot({
        path: join(folder, `${String(shots).padStart(2, '0')}-${screenName}.png`),
        fullPage: true,
      });
      // A toast fading in or out is half transparent for a moment: not a colour a reader is
      // given to read. The toast at rest is checked like everything else.
      const result = await accessibilityViolations(on, [
        '.ant-message-fade-leave',
        '.ant-message-fade-enter',
      ]);
      const violations = result.map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
            .slice(0, 3)
            .map((node) => node.target.join(' '))
            .join(', ')}`,
      );
      expect({ screen: screenName, violations }).toEqual({ screen: screenName, violations: [] });
    },
    newContext: (contextOptions = {}) => openContext(contextOptions),
    async settle(on = page) {
      await on.waitForFunction(settled);
    },
    expectConsoleError(pattern) {
      expected.push(pattern);
    },
    async download(click) {
      const [download] = await Promise.all([page.waitForEvent('download'), click()]);
      const path = await download.path();
      return { name: download.suggestedFilename(), bytes: readFileSync(path) };
    },
    async signIn(username, password) {
      await page.goto('/sign-in');
      await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
      await page.getByLabel(/^(Mật khẩu|Password)$/).fill(password);
      await page.getByRole('button', { name: /^(Đăng nhập|Sign in)$/ }).click();
      await page.waitForURL((url) => url.pathname !== '/sign-in');
    },
    async signOut() {
      await page.getByRole('button', { name: /Tài khoản của tôi|My account/ }).click();
      await page.getByRole('menuitem', { name: /Đăng xuất|Sign out/ }).click();
      await page.waitForURL((url) => url.pathname === '/sign-in');
    },
    async close() {
      try {
        expect(offences).toEqual([]);
      } finally {
        await browser.close();
        await t.close();
      }
    },
  };
  return story;
}

/** The antd select list that is open now (lists are portalled to the end of the body). */
const openList = (page: Page) =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/**
 * Picks an option of the antd select labelled `label` in `scope`, as a user does: opens it, types
 * `typed` (searchable selects), waits until the list has finished opening (a click on a list still
 * zooming in can land beside the option), clicks the option with that text, and waits until the
 * list has closed (until then it covers the fields below it). Checks the select shows the choice.
 */
export async function chooseOption(
  page: Page,
  scope: Page | Locator,
  label: string,
  typed: string,
  option: string | RegExp,
): Promise<void> {
  const box = scope.getByLabel(label, { exact: true });
  await box.click();
  if (typed) await box.pressSequentially(typed);
  const choice = openList(page).locator('.ant-select-item-option').filter({ hasText: option });
  await choice.first().waitFor();
  await page.waitForFunction(settled);
  // On a loaded runner the list was once seen to stay open after the click for the whole of a
  // step's time (2026-12-06, the violation story's "Hình thức kỷ luật"): as a user would, click
  // the option again. The select must still show the choice (below).
  for (let attempt = 1; ; attempt++) {
    await choice.first().click();
    try {
      await openList(page).waitFor({ state: 'hidden', timeout: timeLimit(10_000) });
      break;
    } catch (stillOpen) {
      if (attempt === 3) throw stillOpen;
      await page.waitForFunction(settled);
      // It may have closed meanwhile: there is then nothing to click.
      if (!(await openList(page).isVisible())) break;
    }
  }
  const select = scope.locator('.ant-select', { has: page.getByLabel(label, { exact: true }) });
  await select.filter({ hasText: option }).waitFor();
}

/** Waits until no select list is open any more (it closes with an animation). */
export async function selectListClosed(page: Page): Promise<void> {
  await openList(page).waitFor({ state: 'hidden' });
}

/**
 * Axe (axe-core) on the page's document as it is now: the violations of the WCAG 2 A/AA rules,
 * `excluded` selectors left out. Axe is loaded into a document once and run there, not through
 * @axe-core/playwright, which loaded all of axe (half a megabyte of script) into the page twice per
 * check and finished each check in a new tab: 1.2–2 s of a screen's check, now 0.1–0.4 s, and half
 * the CPU of the browser stories (measured on movement-bar, 2026-12-04: 25 s → 12.5 s). Frames are
 * not visited: the app's one frame shows a PDF in the browser's own viewer.
 */
async function accessibilityViolations(page: Page, excluded: string[]): Promise<axe.Result[]> {
  const loaded = await page.evaluate(
    () => typeof (globalThis as { axe?: unknown }).axe === 'object',
  );
  if (!loaded) await page.evaluate(axeSource);
  const results = await page.evaluate(
    ({ exclude, tags }) =>
      (globalThis as unknown as { axe: typeof axe }).axe.run(
        { exclude: exclude.map((selector) => [selector]) },
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], iframes: false },
      ),
    { exclude: excluded, tags: AXE_TAGS },
  );
  return results.violations;
}
