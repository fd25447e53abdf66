import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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
import {
  createMemorySecretStore,
  type SecretStore,
} from '../../../electron/core/credentials/secret-store';
import { startMain, type MainOptions, type RunningApp } from '../../../electron/main/app-main';
import type { UpdaterPort } from '../../../electron/main/updater';
import type { IpcResult } from '../../../shared/ipc-contract';

vi.mock('electron', () => import('../../helpers/fake-electron').then((m) => m.electronModule));

/**
 * Start-up order and the shell's reports: the tray before the keychain, guards installed once,
 * logs in the platform's log folder, notification failures and updates reaching tray and window.
 */

const APP_FRAME = { url: 'app://renderer/index.html', parent: null };
let running: RunningApp | null = null;

const base = (over: Partial<MainOptions> = {}): MainOptions => ({
  mainDir: '/opt/app/out/main',
  resourcesPath: '/opt/app/resources',
  secretStore: createMemorySecretStore(),
  dataDir: mkdtempSync(join(tmpdir(), 'main-')),
  updatePolicy: { enabled: false, reason: 'unpackaged', detail: 'tests' },
  platform: 'darwin',
  ...over,
});
const start = async (over: Partial<MainOptions> = {}) => {
  fake.isPackaged = true;
  running = await startMain(base(over));
  return running!;
};
const invoke = (channel: string, input?: unknown) =>
  fake.ipcHandlers.get(channel)!({ senderFrame: APP_FRAME }, input) as Promise<IpcResult<unknown>>;
type Item = { id: string; label: string; enabled: boolean };
const menu = () => FakeTray.instances[0]!.contextMenus.at(-1)!.template as Item[];

beforeEach(() => {
  resetFakeElectron();
  fake.paths.userData = mkdtempSync(join(tmpdir(), 'main-user-'));
});
afterEach(async () => {
  await running?.shutdown();
  running = null;
});

describe('start-up', () => {
  it('shows the tray at once, saying it waits for the keychain, before credentials are read', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inner = createMemorySecretStore();
    const slowKeychain: SecretStore = {
      get: async (a) => {
        await gate; // a macOS keychain prompt the agent has not answered yet
        return inner.get(a);
      },
      set: (a, v) => inner.set(a, v),
      delete: (a) => inner.delete(a),
    };
    fake.isPackaged = true;
    const starting = startMain(base({ secretStore: slowKeychain }));
    await vi.waitFor(() => expect(FakeTray.instances).toHaveLength(1));
    const tray = FakeTray.instances[0]!;
    expect(tray.tooltips.at(-1)).toBe('CCC Agent Status - Starting: waiting for the keychain…');
    expect(menu().map((i) => i.id)).toEqual([
      'header.who',
      'header.status',
      'header.hint',
      'sep.quit',
      'quit',
    ]);
    expect(fake.ipcHandlers.size).toBe(0);
    release();
    running = await starting;
    expect(FakeTray.instances).toHaveLength(1); // the same icon, now showing the real model
    expect(tray.tooltips.at(-1)).toBe('CCC Agent Status - Not connected');
    expect(menu().some((i) => i.id === 'settings')).toBe(true);
    // First run opens the window; let it finish before the next test.
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
  });

  it('hardens the window once (one navigation guard) and writes main.log in the log folder', async () => {
    await start();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    const wc = FakeBrowserWindow.instances[0]!.webContents;
    expect(wc.listenerCount('will-navigate')).toBe(1);
    let prevented = 0;
    wc.fire('will-navigate', { preventDefault: () => prevented++ }, 'https://evil.example/');
    expect(prevented).toBe(1);
    await running!.shutdown();
    const log = readFileSync(join(fake.paths.logs!, 'main.log'), 'utf8');
    expect(log.match(/window: navigation blocked/g)).toHaveLength(1);
    expect(existsSync(join(fake.paths.userData!, 'logs', 'main.log'))).toBe(true);
  });

  it('tells the window once when the OS refuses notifications', async () => {
    await start();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    const win = FakeBrowserWindow.instances[0]!;
    const settings = ((await invoke('settings:get')) as { value: Record<string, unknown> }).value;
    // Two notices main shows itself (a shortcut another app holds), both refused by the OS.
    fake.failingShortcuts.add('Alt+F10');
    fake.failingShortcuts.add('Alt+F11');
    await invoke('settings:update', { ...settings, shortcut: 'Alt+F10' });
    await invoke('settings:update', { ...settings, shortcut: 'Alt+F11' });
    await vi.waitFor(() => expect(FakeNotification.instances).toHaveLength(2));
    for (const n of FakeNotification.instances) n.fire('failed', {}, 'Notifications not allowed');
    const shellEvents = win.webContents.sent.filter((m) => m.channel === 'app:shellChanged');
    expect(shellEvents).toHaveLength(1);
    expect(shellEvents[0]!.payload).toMatchObject({ notificationsFailed: true });
    await expect(invoke('app:shell')).resolves.toMatchObject({
      ok: true,
      value: { notificationsFailed: true },
    });
  });
});

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  allowPrerelease = false;
  channel: string | null = null;
  logger: unknown = null;
  checks = 0;
  installs: unknown[][] = [];
  checkForUpdates() {
    this.checks++;
    return Promise.resolve(null);
  }
  quitAndInstall(...args: unknown[]) {
    this.installs.push(args);
  }
}

describe('updates', () => {
  it('is off with the reason when IT turned it off, and offers nothing', async () => {
    await start({ updatePolicy: { enabled: false, reason: 'policy', detail: 'policy.json' } });
    await expect(invoke('app:shell')).resolves.toMatchObject({
      value: { update: { phase: 'off', offReason: 'policy' } },
    });
    await expect(invoke('app:restartToUpdate')).resolves.toMatchObject({
      ok: false,
      code: 'update_not_ready',
    });
  });

  it('downloads in the background, then offers "Restart to update" in the tray and the window', async () => {
    const updater = new FakeUpdater();
    await start({
      updatePolicy: { enabled: true, channel: null },
      loadUpdater: async () => updater as unknown as UpdaterPort,
    });
    expect(updater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: true,
      allowDowngrade: false,
      channel: 'latest',
    });
    updater.emit('update-available', { version: '0.2.0' });
    updater.emit('download-progress', { percent: 41.6 });
    await expect(invoke('app:shell')).resolves.toMatchObject({
      value: { update: { phase: 'downloading', version: '0.2.0', percent: 42 } },
    });
    expect(menu().some((i) => i.id === 'update.restart')).toBe(false);
    updater.emit('update-downloaded', { version: '0.2.0' });
    const item = menu().find((i) => i.id === 'update.restart');
    expect(item).toMatchObject({ label: 'Restart to update to 0.2.0', enabled: true });
    await expect(invoke('app:restartToUpdate')).resolves.toEqual({ ok: true, value: undefined });
    expect(updater.installs).toEqual([[true, true]]);
  });

  it('follows the channel setting (beta.yml), unless the policy fixes it', async () => {
    const updater = new FakeUpdater();
    await start({
      updatePolicy: { enabled: true, channel: null },
      loadUpdater: async () => updater as unknown as UpdaterPort,
    });
    const settings = ((await invoke('settings:get')) as { value: Record<string, unknown> }).value;
    await invoke('settings:update', { ...settings, updates: { channel: 'beta' } });
    await vi.waitFor(() => expect(updater.channel).toBe('beta'));
    expect(updater.allowDowngrade).toBe(false);
    expect(updater.checks).toBe(1); // checked at once on the new channel
  });
});
