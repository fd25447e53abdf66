import { describe, expect, it } from 'vitest';
import { BROWSER_ENV, NO_BROWSER_MESSAGE, findBrowser } from './find-browser';

/** Browser discovery against fake installations: a set of paths that "exist". */
const search = (platform: NodeJS.Platform, paths: string[], env: NodeJS.ProcessEnv = {}) =>
  findBrowser({ platform, env, exists: (p) => paths.includes(p) });

describe('findBrowser', () => {
  it('prefers the executable named by the environment variable', () => {
    const found = search('linux', ['/opt/my/chrome', '/usr/bin/chromium'], {
      [BROWSER_ENV]: '/opt/my/chrome',
    });
    expect(found).toEqual({
      ok: true,
      label: '/opt/my/chrome',
      launch: { executablePath: '/opt/my/chrome' },
    });
  });

  it('says so in one line when the named executable is missing (no silent fallback)', () => {
    const found = search('linux', ['/usr/bin/chromium'], { [BROWSER_ENV]: '/nope/chrome' });
    expect(found.ok).toBe(false);
    if (!found.ok) {
      expect(found.message).toBe(
        `${BROWSER_ENV} is set to /nope/chrome, which does not exist: fix or unset it.`,
      );
    }
  });

  it("finds Debian's chromium on Linux, before an installed Chrome", () => {
    expect(search('linux', ['/usr/bin/chromium', '/opt/google/chrome/chrome'])).toMatchObject({
      ok: true,
      launch: { executablePath: '/usr/bin/chromium' },
    });
    expect(search('linux', ['/usr/bin/chromium-browser'])).toMatchObject({
      launch: { executablePath: '/usr/bin/chromium-browser' },
    });
  });

  it('uses Playwright channels for Google Chrome, then Microsoft Edge', () => {
    expect(search('linux', ['/opt/google/chrome/chrome'])).toMatchObject({
      launch: { channel: 'chrome' },
    });
    expect(
      search('darwin', ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge']),
    ).toEqual({
      ok: true,
      label: 'Microsoft Edge (channel msedge)',
      launch: { channel: 'msedge' },
    });
    const both = [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    expect(search('darwin', both)).toMatchObject({ launch: { channel: 'chrome' } });
  });

  it('looks under each Windows program folder, as Playwright does', () => {
    const env = {
      LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local',
      PROGRAMFILES: 'C:\\Program Files',
      'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
    };
    expect(
      search('win32', ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'], env),
    ).toMatchObject({ ok: true, launch: { channel: 'msedge' } });
    expect(
      search(
        'win32',
        ['C:\\Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'],
        env,
      ),
    ).toMatchObject({ ok: true, launch: { channel: 'chrome' } });
    // Debian's path means nothing on Windows.
    expect(search('win32', ['/usr/bin/chromium'], env)).toEqual({
      ok: false,
      message: NO_BROWSER_MESSAGE,
    });
  });

  it('answers with one line naming the fix when nothing is installed', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const found = search(platform, []);
      expect(found).toEqual({ ok: false, message: NO_BROWSER_MESSAGE });
    }
    expect(NO_BROWSER_MESSAGE).not.toContain('\n');
    expect(NO_BROWSER_MESSAGE).toContain(BROWSER_ENV);
  });
});
