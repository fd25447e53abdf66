import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FakeBrowserWindow,
  FakeNotification,
  FakeTray,
  fake,
  resetFakeElectron,
} from '../../helpers/fake-electron';
import { createMemorySecretStore } from '../../../electron/core/credentials/secret-store';
import { startMain, registerBundleScheme, type RunningApp } from '../../../electron/main/app-main';
import { defaultSettings } from '../../../shared/settings';
import { ipcContract, type IpcResult } from '../../../shared/ipc-contract';

vi.mock('electron', () => import('../../helpers/fake-electron').then((m) => m.electronModule));

const APP_FRAME = { url: 'app://renderer/index.html', parent: null };
let running: RunningApp | null = null;

async function start(platform: NodeJS.Platform = 'win32') {
  fake.isPackaged = true; // the bundle scheme, as shipped
  running = await startMain({
    mainDir: '/opt/app/out/main',
    resourcesPath: '/opt/app/resources',
    secretStore: createMemorySecretStore(),
    dataDir: mkdtempSync(join(tmpdir(), 'main-')),
    logDir: mkdtempSync(join(tmpdir(), 'main-logs-')),
    updatePolicy: { enabled: false, reason: 'unpackaged', detail: 'tests' },
    platform,
  });
  return running!;
}
const invoke = (channel: string, input?: unknown, frame: unknown = APP_FRAME) =>
  fake.ipcHandlers.get(channel)!({ senderFrame: frame }, input) as Promise<IpcResult<unknown>>;

beforeEach(() => resetFakeElectron());
afterEach(async () => {
  await running?.shutdown();
  running = null;
});

describe('startMain', () => {
  it('registers the bundle scheme as a privileged standard scheme', () => {
    registerBundleScheme();
    expect(fake.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ]);
  });

  it('quits when another instance holds the lock', async () => {
    fake.singleInstanceLock = false;
    expect(await startMain({ mainDir: '/x', secretStore: createMemorySecretStore() })).toBeNull();
    expect(fake.appCalls).toContain('quit');
    expect(FakeTray.instances).toHaveLength(0);
  });

  it('wires tray, IPC, protocol, shortcut and login item, and opens settings on first run', async () => {
    await start();
    expect(FakeTray.instances).toHaveLength(1);
    expect(FakeTray.instances[0]!.image.path).toBe(join('/opt/app/resources/icons/unknown.ico'));
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.keys(ipcContract).sort());
    expect(fake.protocolHandlers.has('app')).toBe(true);
    expect(fake.session.permissionRequest).not.toBeNull();
    expect(fake.session.headersReceived).not.toBeNull();
    expect([...fake.shortcuts.keys()]).toEqual(['CommandOrControl+Alt+B']);
    expect(fake.loginItemSettings).toEqual([{ openAtLogin: false }]);
    expect(fake.appCalls).toContain('appUserModelId:com.tencentcloud.ccc.agentstatus');

    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.webContents.loadedUrl).toBe('app://renderer/index.html');
    expect(win.options.webPreferences.preload).toBe(join('/opt/app/out/preload/index.cjs'));
    win.webContents.fire('did-finish-load');
    expect(win.webContents.sent).toContainEqual({
      channel: 'app:navigate',
      payload: { view: 'settings' },
    });
  });

  it('serves IPC to the app page only', async () => {
    await start();
    await expect(invoke('status:get')).resolves.toMatchObject({
      ok: true,
      value: { connection: 'unconfigured' },
    });
    await expect(
      invoke('status:get', undefined, { url: 'https://evil.example/', parent: null }),
    ).resolves.toMatchObject({
      ok: false,
      code: 'forbidden_sender',
    });
  });

  it('re-applies the shortcut and launch-at-login when settings change, and reports a taken shortcut', async () => {
    await start();
    fake.failingShortcuts.add('Alt+F10');
    const next = { ...defaultSettings(), shortcut: 'Alt+F10', launchAtLogin: true };
    await expect(invoke('settings:update', next)).resolves.toMatchObject({ ok: true });
    await vi.waitFor(() =>
      expect(fake.loginItemSettings).toEqual([{ openAtLogin: false }, { openAtLogin: true }]),
    );
    expect(fake.shortcuts.size).toBe(0);
    const notice = FakeNotification.instances.find((n) =>
      /shortcut/i.test(String(n.options.title)),
    );
    expect(notice?.options.body).toContain('Alt+F10');

    await invoke('settings:update', { ...next, shortcut: 'Alt+F11' });
    await vi.waitFor(() => expect([...fake.shortcuts.keys()]).toEqual(['Alt+F11']));
  });

  it('keeps running when the window closes, and focuses it for a second launch', async () => {
    await start();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    const win = FakeBrowserWindow.instances[0]!;
    fake.app.fire('second-instance');
    await vi.waitFor(() => expect(win.calls).toContain('focus'));
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    win.close();
    expect(fake.app.listenerCount('window-all-closed')).toBe(1);
    expect(fake.appCalls).not.toContain('quit');
    // The tray opens it again.
    FakeTray.instances[0]!.fire('click');
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(2));
  });

  it('quits cleanly: shutdown first, then the real quit', async () => {
    await start();
    let prevented = false;
    fake.app.fire('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(fake.appCalls).toContain('quit'));
    expect(FakeTray.instances[0]!.destroyed).toBe(true);
    expect(fake.ipcHandlers.size).toBe(0);
    expect(fake.shortcuts.size).toBe(0);
    // The second before-quit (from app.quit) goes through.
    let again = false;
    fake.app.fire('before-quit', { preventDefault: () => (again = true) });
    expect(again).toBe(false);
  });
});
