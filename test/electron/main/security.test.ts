import { describe, expect, it } from 'vitest';
import { ALL_HELP_URLS } from '../../../electron/core/app/help-links';
import {
  EXTERNAL_HOSTS,
  appEntryUrl,
  guardExternalOpen,
  isAllowedNavigation,
  isAppUrl,
  isSafeExternalUrl,
  isTrustedSender,
  resolveAppOrigin,
  type AppOrigin,
} from '../../../electron/main/security';

const packaged = resolveAppOrigin({ isPackaged: true, devServerUrl: undefined });
const dev = resolveAppOrigin({ isPackaged: false, devServerUrl: 'http://localhost:5173' });
const top = (url: string) => ({ url, parent: null });

describe('resolveAppOrigin', () => {
  it('uses the dev server only when unpackaged and on loopback', () => {
    expect(dev).toEqual({ kind: 'dev', protocol: 'http:', hostname: 'localhost', port: '5173' });
    expect(packaged.kind).toBe('bundle');
    // An environment variable must not point a packaged app at a server.
    expect(resolveAppOrigin({ isPackaged: true, devServerUrl: 'http://localhost:5173' }).kind).toBe(
      'bundle',
    );
    for (const bad of [
      'http://evil.com:5173',
      'http://user@localhost:5173',
      'ftp://localhost',
      'nonsense',
    ]) {
      expect(resolveAppOrigin({ isPackaged: false, devServerUrl: bad }).kind).toBe('bundle');
    }
  });

  it('builds the entry URL that it then trusts', () => {
    expect(appEntryUrl(dev)).toBe('http://localhost:5173/');
    expect(isAppUrl(appEntryUrl(dev), dev)).toBe(true);
    expect(appEntryUrl(packaged)).toBe('app://renderer/index.html');
    expect(isAppUrl(appEntryUrl(packaged), packaged)).toBe(true);
  });
});

describe('isTrustedSender', () => {
  const table: Array<[string, AppOrigin, string, boolean]> = [
    ['dev root', dev, 'http://localhost:5173/', true],
    ['dev path with hash', dev, 'http://localhost:5173/index.html#/settings', true],
    ['look-alike host', dev, 'http://localhost.evil.com:5173/', false],
    ['userinfo trick', dev, 'http://localhost:5173@evil.com/', false],
    ['app origin with userinfo', dev, 'http://user:pw@localhost:5173/', false],
    ['other port', dev, 'http://localhost:5174/', false],
    ['default port', dev, 'http://localhost/', false],
    ['https instead of http', dev, 'https://localhost:5173/', false],
    ['127.0.0.1 is another origin', dev, 'http://127.0.0.1:5173/', false],
    ['data URL', dev, 'data:text/html,<script>1</script>', false],
    ['about:blank', dev, 'about:blank', false],
    ['empty', dev, '', false],
    ['javascript', dev, 'javascript:alert(1)', false],
    ['bundle index', packaged, 'app://renderer/index.html', true],
    ['bundle index with hash', packaged, 'app://renderer/index.html#/settings', true],
    ['bundle other host', packaged, 'app://evil/index.html', false],
    ['bundle look-alike host', packaged, 'app://renderer.evil/index.html', false],
    ['bundle with port', packaged, 'app://renderer:80/index.html', false],
    ['bundle with userinfo', packaged, 'app://x@renderer/index.html', false],
    ['other scheme, same host', packaged, 'apps://renderer/index.html', false],
    ['file URL when packaged', packaged, 'file:///other/index.html', false],
    ['dev URL when packaged', packaged, 'http://localhost:5173/', false],
    ['bundle URL in dev', dev, 'app://renderer/index.html', false],
    ['https remote', packaged, 'https://cloud.tencent.com/', false],
  ];
  it.each(table)('%s', (_name, origin, url, expected) => {
    expect(isTrustedSender(top(url), origin)).toBe(expected);
  });

  it('refuses a null or missing sender frame', () => {
    expect(isTrustedSender(null, dev)).toBe(false);
    expect(isTrustedSender(undefined, packaged)).toBe(false);
  });

  it('refuses a subframe even on the app URL', () => {
    expect(isTrustedSender({ url: 'http://localhost:5173/', parent: {} }, dev)).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it('allows only the app page itself', () => {
    expect(isAllowedNavigation('http://localhost:5173/', dev)).toBe(true);
    expect(isAllowedNavigation('https://cloud.tencent.com/', dev)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', packaged)).toBe(false);
    expect(isAllowedNavigation('app://renderer/index.html', packaged)).toBe(true);
    expect(isAllowedNavigation('http://localhost.evil.com:5173/', dev)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  const table: Array<[string, boolean]> = [
    ['https://cloud.tencent.com/document/product/679/73523', true],
    ['https://trtc.io/document/69883', true],
    ['https://www.tencentcloud.com/document/product/1229', true],
    ['http://cloud.tencent.com/document', false],
    ['https://cloud.tencent.com.evil.com/', false],
    ['https://evil.com/?cloud.tencent.com', false],
    ['https://cloud.tencent.com@evil.com/', false],
    ['https://user:pw@cloud.tencent.com/', false],
    ['https://cloud.tencent.com:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://cloud.tencent.com/share', false],
    ['not a url', false],
    ['', false],
  ];
  it.each(table)('%s -> %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });
  it('accepts every help URL the core builds', () => {
    for (const url of ALL_HELP_URLS) expect(isSafeExternalUrl(url), url).toBe(true);
    expect(EXTERNAL_HOSTS).toContain('cloud.tencent.com');
  });

  it('respects an explicit allowlist', () => {
    expect(isSafeExternalUrl('https://example.org/x', ['example.org'])).toBe(true);
    expect(isSafeExternalUrl('https://cloud.tencent.com/', ['example.org'])).toBe(false);
  });
});

describe('guardExternalOpen', () => {
  it('opens only the exact help URLs', async () => {
    const opened: string[] = [];
    const open = guardExternalOpen(async (u) => void opened.push(u), { log: () => {} });
    await open(ALL_HELP_URLS[0]!);
    await expect(open('https://cloud.tencent.com/document/product/1/evil')).rejects.toThrow(
      /Refused/,
    );
    await expect(open('https://evil.example/')).rejects.toThrow(/Refused/);
    await expect(open('file:///etc/passwd')).rejects.toThrow(/Refused/);
    expect(opened).toEqual([ALL_HELP_URLS[0]]);
  });
});
