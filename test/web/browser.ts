// Helpers of the browser tests (issue 9.4): the dashboard built if stale,
// Debian's Chromium driven by playwright-core with a fresh profile, and
// screenshots saved under test-artifacts/ (git-ignored, kept by CI).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../helpers/process.js';

export { ensureWebBuild } from '../../scripts/demo/web-build.js';

// The page's document, for the script that runs in the browser (this repository's tsconfig has no DOM library).
declare const document: any;

export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'web');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Browser {
  readonly context: BrowserContext;
  /** A new tab (its own sessionStorage: its own sign-in). */
  page(opts?: { width?: number; height?: number }): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  /** Console errors and CSP violations seen in any tab. */
  readonly problems: string[];
}

export async function launch(t: { teardown(fn: () => unknown): void }): Promise<Browser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'replyby-chromium-'));
  const downloads = await mkdtemp(path.join(tmpdir(), 'replyby-downloads-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    downloadsPath: downloads,
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
  });
  t.teardown(async () => {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await rm(downloads, { recursive: true, force: true });
  });
  await mkdir(ARTIFACTS, { recursive: true });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (m) => {
      // Chromium logs every 4xx answer; the 401 of a wrong token and the 403 of another seller's data are expected.
      if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 40[13]/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  };
  // CSP violations are reported to the page as events; record them as console errors.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string; blockedURI: string }) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  // The persistent context opens with one blank tab: use it first.
  let spare: Page | undefined = context.pages()[0];
  return {
    context,
    problems,
    page: async (opts = {}) => {
      const page = spare ?? (await context.newPage());
      spare = undefined;
      watch(page);
      if (opts.width) await page.setViewportSize({ width: opts.width, height: opts.height ?? 900 });
      return page;
    },
    screenshot: async (page, name) => {
      const file = path.join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
  };
}

/** Signs in on the dashboard at `base` with `token`, and waits for its main navigation. */
export async function signIn(page: Page, base: string, token: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}
