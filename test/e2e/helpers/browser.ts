import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { localBrowser } from './find-browser';

/** The browser found on this machine (find-browser.ts), driven by playwright-core. */
export const BROWSER = localBrowser();
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Console lines that report a CSP violation (not mere notices about the policy itself). */
const CSP_VIOLATION = /Refused to|violates the following Content Security Policy/i;

/** A fresh Chromium profile with one page that records every CSP violation. */
export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** CSP violations seen so far: console reports and `securitypolicyviolation` events. */
  cspViolations(): Promise<string[]>;
  /** Uncaught page errors. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Launches the browser with a fresh user data dir (removed on close); rejects with the one-line reason when there is none. */
export async function launchBrowser(
  opts: { width?: number; height?: number; locale?: string } = {},
): Promise<TestBrowser> {
  if (!BROWSER.ok) throw new Error(BROWSER.message);
  const profile = await mkdtemp(join(tmpdir(), 'ccc-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...BROWSER.launch,
    args: CHROMIUM_ARGS,
    viewport: { width: opts.width ?? 420, height: opts.height ?? 720 },
    locale: opts.locale ?? 'en-US',
    timezoneId: 'Asia/Shanghai',
  });
  // Installed through DevTools before any page script; the page's CSP does not apply to it.
  await context.addInitScript({
    content: `window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
      });`,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleViolations: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (m) => {
    if (CSP_VIOLATION.test(m.text())) consoleViolations.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return {
    context,
    page,
    pageErrors,
    cspViolations: async () => {
      const fromEvents = await page
        .evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])
        .catch(() => []);
      return [...consoleViolations, ...fromEvents];
    },
    close: async () => {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns true (bounded; for conditions locators cannot express). */
export async function waitUntil(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
