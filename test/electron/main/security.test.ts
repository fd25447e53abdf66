import { describe, expect, it } from 'vitest';
import {
  appEntryUrl,
  isAllowedNavigation,
  isAppUrl,
  isSafeExternalUrl,
  isTrustedSender,
  resolveAppOrigin,
  type AppOrigin,
} from '../../../electron/main/security';

const INDEX = '/opt/CCC Agent Status/resources/app.asar/out/renderer/index.html';
const packaged = resolveAppOrigin({ isPackaged: true, devServerUrl: undefined, indexHtmlPath: INDEX });
const dev = resolveAppOrigin({
  isPackaged: false,
  devServerUrl: 'http://localhost:5173',
  indexHtmlPath: INDEX,
});
const top = (url: string) => ({ url, parent: null });

describe('resolveAppOrigin', () => {
  it('uses the dev server only when unpackaged and on loopback', () => {
    expect(dev).toEqual({ kind: 'dev', protocol: 'http:', hostname: 'localhost', port: '5173' });
    expect(packaged.kind).toBe('file');
    const packagedWithEnv = resolveAppOrigin({
      isPackaged: true,
      devServerUrl: 'http://localhost:5173',
      indexHtmlPath: INDEX,
    });
    expect(packagedWithEnv.kind).toBe('file');
    for (const bad of ['http://evil.com:5173', 'http://user@localhost:5173', 'ftp://localhost', 'nonsense']) {
      expect(resolveAppOrigin({ isPackaged: false, devServerUrl: bad, indexHtmlPath: INDEX }).kind).toBe('file');
    }
  });

  it('builds the entry URL that it then trusts', () => {
    expect(appEntryUrl(dev)).toBe('http://localhost:5173/');
    expect(isAppUrl(appEntryUrl(dev), dev)).toBe(true);
    expect(appEntryUrl(packaged)).toBe('file:///opt/CCC%20Agent%20Status/resources/app.asar/out/renderer/index.html');
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
    ['packaged index', packaged, 'file:///opt/CCC%20Agent%20Status/resources/app.asar/out/renderer/index.html', true],
    ['packaged index with hash', packaged, 'file:///opt/CCC%20Agent%20Status/resources/app.asar/out/renderer/index.html#x', true],
    ['other file', packaged, 'file:///other/index.html', false],
    ['sibling file', packaged, 'file:///opt/CCC%20Agent%20Status/resources/app.asar/out/renderer/evil.html', false],
    ['dot-dot escape', packaged, 'file:///opt/CCC%20Agent%20Status/resources/app.asar/out/renderer/../../../../../tmp/index.html', false],
    ['UNC host', packaged, 'file://evil/opt/CCC%20Agent%20Status/resources/app.asar/out/renderer/index.html', false],
    ['dev URL when packaged', packaged, 'http://localhost:5173/', false],
    ['file URL in dev', dev, 'file:///opt/CCC%20Agent%20Status/resources/app.asar/out/renderer/index.html', false],
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
    expect(isAllowedNavigation('http://localhost.evil.com:5173/', dev)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  const table: Array<[string, boolean]> = [
    ['https://cloud.tencent.com/document/product/679/73523', true],
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
  it('respects an explicit allowlist', () => {
    expect(isSafeExternalUrl('https://example.org/x', ['example.org'])).toBe(true);
    expect(isSafeExternalUrl('https://cloud.tencent.com/', ['example.org'])).toBe(false);
  });
});
