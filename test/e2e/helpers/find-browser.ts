import { existsSync } from 'node:fs';

/**
 * Which Chromium-family browser the end-to-end suite and the renderer bench drive, in this order:
 * the one named by CCC_BROWSER (a path to the executable), Debian's or Ubuntu's `chromium`, then an
 * installed Google Chrome or Microsoft Edge, launched through Playwright's `channel` option
 * (Playwright finds the executable itself; the table below only tells whether one is there, with the
 * same install locations Playwright looks at). Nothing is ever downloaded.
 */

/** The environment variable naming a browser executable explicitly. */
export const BROWSER_ENV = 'CCC_BROWSER';

/** How to launch the browser that was found (spread into Playwright's launch options). */
export type FoundBrowser =
  | { ok: true; label: string; launch: { executablePath: string } | { channel: string } }
  | { ok: false; message: string };

export interface BrowserSearch {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  exists(path: string): boolean;
}

const LINUX_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Playwright's install location per channel and OS (on Windows, under each program folder). */
const CHANNELS: Array<{ channel: string; label: string; at: Partial<Record<string, string>> }> = [
  {
    channel: 'chrome',
    label: 'Google Chrome',
    at: {
      linux: '/opt/google/chrome/chrome',
      darwin: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      win32: '\\Google\\Chrome\\Application\\chrome.exe',
    },
  },
  {
    channel: 'msedge',
    label: 'Microsoft Edge',
    at: {
      linux: '/opt/microsoft/msedge/msedge',
      darwin: '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      win32: '\\Microsoft\\Edge\\Application\\msedge.exe',
    },
  },
];

const winPrefixes = (env: NodeJS.ProcessEnv): string[] =>
  [
    env.LOCALAPPDATA,
    env.PROGRAMFILES,
    env['PROGRAMFILES(X86)'],
    env.HOMEDRIVE && `${env.HOMEDRIVE}\\Program Files`,
    env.HOMEDRIVE && `${env.HOMEDRIVE}\\Program Files (x86)`,
  ].filter((p): p is string => !!p);

/** The one line shown when no browser is there. */
export const NO_BROWSER_MESSAGE =
  `No Chromium, Google Chrome or Microsoft Edge found for the end-to-end tests: install one ` +
  `(Debian: apt-get install chromium), or set ${BROWSER_ENV} to a Chromium-based browser's executable.`;

/** Finds a browser (pure apart from `exists`). */
export function findBrowser(search: BrowserSearch): FoundBrowser {
  const named = search.env[BROWSER_ENV];
  if (named) {
    return search.exists(named)
      ? { ok: true, label: named, launch: { executablePath: named } }
      : {
          ok: false,
          message: `${BROWSER_ENV} is set to ${named}, which does not exist: fix or unset it.`,
        };
  }
  if (search.platform === 'linux') {
    const chromium = LINUX_CHROMIUM.find((p) => search.exists(p));
    if (chromium) return { ok: true, label: chromium, launch: { executablePath: chromium } };
  }
  for (const { channel, label, at } of CHANNELS) {
    const suffix = at[search.platform];
    if (!suffix) continue;
    const candidates =
      search.platform === 'win32' ? winPrefixes(search.env).map((p) => p + suffix) : [suffix];
    if (candidates.some((p) => search.exists(p))) {
      return { ok: true, label: `${label} (channel ${channel})`, launch: { channel } };
    }
  }
  return { ok: false, message: NO_BROWSER_MESSAGE };
}

/** The browser of this machine. */
export const localBrowser = (): FoundBrowser =>
  findBrowser({ env: process.env, platform: process.platform, exists: existsSync });
