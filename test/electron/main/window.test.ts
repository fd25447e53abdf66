import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FakeBrowserWindow,
  FakeSession,
  FakeWebContents,
  fake,
  resetFakeElectron,
} from '../../helpers/fake-electron';
import { silentLogger } from '../../../electron/core/ports';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/app-protocol';
import type { AppOrigin } from '../../../electron/main/security';
import {
  createWindowManager,
  hardenSession,
  hardenWebContents,
} from '../../../electron/main/window';

vi.mock('electron', () => import('../../helpers/fake-electron').then((m) => m.electronModule));

const bundle: AppOrigin = { kind: 'bundle' };
const dev: AppOrigin = { kind: 'dev', protocol: 'http:', hostname: 'localhost', port: '5173' };

beforeEach(() => resetFakeElectron());

describe('hardenSession', () => {
  it('sets the CSP on every response, replacing any other policy header', () => {
    const s = new FakeSession();
    hardenSession(s as never, bundle);
    let out: { responseHeaders: Record<string, string[]> } | null = null;
    s.headersReceived!(
      {
        responseHeaders: {
          'content-security-policy': ['default-src *'],
          'Content-Type': ['text/html'],
        },
      },
      (r: typeof out) => (out = r),
    );
    expect(out!.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('adds only the dev server websocket in dev', () => {
    const s = new FakeSession();
    hardenSession(s as never, dev);
    let out: { responseHeaders: Record<string, string[]> } | null = null;
    s.headersReceived!({ responseHeaders: {} }, (r: typeof out) => (out = r));
    expect(out!.responseHeaders['Content-Security-Policy']![0]).toContain(
      "connect-src 'self' ws://localhost:5173",
    );
  });

  it.each([
    'media',
    'notifications',
    'geolocation',
    'clipboard-read',
    'openExternal',
    'fullscreen',
  ])('denies the %s permission request and check', (permission) => {
    const s = new FakeSession();
    hardenSession(s as never, bundle);
    const answers: boolean[] = [];
    s.permissionRequest!({}, permission, (granted: boolean) => answers.push(granted), {});
    expect(answers).toEqual([false]);
    expect(s.permissionCheck!({}, permission, 'app://renderer', {})).toBe(false);
  });
});

describe('hardenWebContents', () => {
  const navigate = (wc: FakeWebContents, event: string, url: string) => {
    let prevented = false;
    wc.fire(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  };

  it.each([
    ['https://cloud.tencent.com/', true],
    ['http://localhost.evil.com:5173/', true],
    ['file:///etc/passwd', true],
    ['app://evil/index.html', true],
    ['javascript:alert(1)', true],
    ['app://renderer/index.html', false],
  ])('will-navigate / will-redirect to %s prevented: %s', (url, prevented) => {
    const wc = new FakeWebContents(new FakeSession());
    hardenWebContents(wc as never, bundle, silentLogger);
    expect(navigate(wc, 'will-navigate', url)).toBe(prevented);
    expect(navigate(wc, 'will-redirect', url)).toBe(prevented);
  });

  it('denies every pop-up, even to allowlisted help pages, and every webview', () => {
    const wc = new FakeWebContents(new FakeSession());
    hardenWebContents(wc as never, bundle, silentLogger);
    for (const url of [
      'https://cloud.tencent.com/document/product/679',
      'app://renderer/index.html',
      'about:blank',
    ]) {
      expect(wc.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    let prevented = false;
    wc.fire('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
    expect(fake.externalOpened).toEqual([]);
  });
});

describe('createWindowManager', () => {
  function manager(
    platform: NodeJS.Platform = 'win32',
    dataDir = mkdtempSync(join(tmpdir(), 'win-')),
  ) {
    const visibility: boolean[] = [];
    const m = createWindowManager({
      origin: bundle,
      preloadPath: '/app/out/preload/index.cjs',
      dataDir,
      platform,
      devTools: false,
      logger: silentLogger,
      onVisibilityChange: (v) => visibility.push(v),
    });
    return { m, visibility, dataDir };
  }

  it('creates no window until asked, then loads the app and shows it when ready', async () => {
    const { m, visibility } = manager();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    await m.show();
    const w = FakeBrowserWindow.instances[0]!;
    expect(w.webContents.loadedUrl).toBe('app://renderer/index.html');
    expect(w.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
    });
    expect(w.options).toMatchObject({
      show: false,
      width: 440,
      height: 680,
      minWidth: 360,
      minHeight: 480,
    });
    expect(w.menuRemoved).toBe(true);
    expect(w.isVisible()).toBe(false);
    w.fire('ready-to-show');
    expect(w.isVisible()).toBe(true);
    expect(visibility).toEqual([true]);
    // Navigation guards come from app 'web-contents-created' (once), not from here a second time.
    expect(w.webContents.listenerCount('will-navigate')).toBe(0);
    // A renderer crash reloads the page.
    w.webContents.fire('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(w.webContents.reloads).toBe(1);
  });

  it('focuses the existing window instead of opening a second one', async () => {
    const { m } = manager();
    await m.show();
    const w = FakeBrowserWindow.instances[0]!;
    w.minimize();
    await m.show('settings');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(w.calls).toEqual(expect.arrayContaining(['restore', 'show', 'focus']));
    expect(w.webContents.sent).toEqual([
      { channel: 'app:navigate', payload: { view: 'settings' } },
    ]);
  });

  it('opens concurrent requests as one window', async () => {
    const { m } = manager();
    await Promise.all([m.show(), m.show('stats')]);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('asks a new window for its view once the page has loaded', async () => {
    const { m } = manager();
    await m.show('stats');
    const w = FakeBrowserWindow.instances[0]!;
    expect(w.webContents.sent).toEqual([]);
    w.webContents.fire('did-finish-load');
    expect(w.webContents.sent).toEqual([{ channel: 'app:navigate', payload: { view: 'stats' } }]);
  });

  it('destroys the window on close and restores its bounds on reopen', async () => {
    const { m, visibility, dataDir } = manager();
    await m.show();
    const w = FakeBrowserWindow.instances[0]!;
    w.fire('ready-to-show');
    w.setBounds({ x: 300, y: 200, width: 500, height: 700 });
    w.close();
    expect(w.isDestroyed()).toBe(true);
    expect(m.current()).toBeNull();
    expect(visibility.at(-1)).toBe(false);
    await m.flush();
    expect(JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8'))).toEqual({
      x: 300,
      y: 200,
      width: 500,
      height: 700,
    });
    await m.show();
    const again = FakeBrowserWindow.instances[1]!;
    expect(again.options).toMatchObject({ x: 300, y: 200, width: 500, height: 700 });
  });

  it('clamps saved bounds from a missing monitor and ignores a corrupt file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'win-'));
    writeFileSync(
      join(dataDir, 'window-state.json'),
      JSON.stringify({ x: 4000, y: 100, width: 500, height: 700 }),
    );
    const { m } = manager('linux', dataDir);
    await m.show();
    expect(FakeBrowserWindow.instances[0]!.options).toMatchObject({
      x: 710,
      y: 170,
      width: 500,
      height: 700,
    });
    FakeBrowserWindow.instances[0]!.destroy();

    writeFileSync(join(dataDir, 'window-state.json'), '{"x":');
    await m.show();
    expect(FakeBrowserWindow.instances[1]!.options).toMatchObject({ width: 440, height: 680 });
    expect(FakeBrowserWindow.instances[1]!.options.x).toBeUndefined();
  });

  it('reports visibility as the window hides, minimizes and restores', async () => {
    const { m, visibility } = manager();
    await m.show();
    const w = FakeBrowserWindow.instances[0]!;
    w.fire('ready-to-show');
    w.minimize();
    w.restore();
    w.hide();
    expect(visibility).toEqual([true, false, true, false]);
  });

  it('keeps the application menu on macOS and pulls the app to the front', async () => {
    const { m } = manager('darwin');
    await m.show();
    const w = FakeBrowserWindow.instances[0]!;
    w.fire('ready-to-show');
    expect(w.menuRemoved).toBe(false);
    expect(fake.appCalls).toContain('focus:steal');
  });
});
