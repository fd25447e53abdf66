import { mkdtemp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSettingsStore,
  salvageSettings,
  type SettingsStore,
} from '../../../../electron/core/settings/settings-store';
import { defaultSettings, type Settings } from '../../../../shared/settings';

const FIXED_NOW = Date.UTC(2026, 10, 21, 9, 30, 0);
const clock = { now: () => FIXED_NOW };

let dir: string;
let store: SettingsStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'settings-store-'));
  store = createSettingsStore({ dir, clock });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const withPolling = (s: Settings, visibleSeconds: number): Settings => ({
  ...s,
  polling: { ...s.polling, visibleSeconds },
});

describe('settings store: load', () => {
  it('uses defaults on first run without reporting a problem or creating a file', async () => {
    const report = await store.load();
    expect(report.problem).toBeNull();
    expect(report.settings).toEqual(defaultSettings());
    expect(await readdir(dir)).toEqual([]);
  });

  it('fills a partial file with defaults and keeps what it says', async () => {
    await writeFile(
      store.path,
      JSON.stringify({ polling: { visibleSeconds: 12 }, language: 'zh-CN' }),
    );
    const report = await store.load();
    expect(report.problem).toBeNull();
    expect(report.settings.polling).toEqual({
      visibleSeconds: 12,
      hiddenSeconds: 30,
      teamSize: null,
    });
    expect(report.settings.language).toBe('zh-CN');
    expect(report.settings.breakReasons).toEqual(defaultSettings().breakReasons);
  });

  it('sets a corrupt (non-JSON) file aside, uses defaults and reports it', async () => {
    await writeFile(store.path, '{"polling": {"visibleSeconds": 12'); // torn write
    const report = await store.load();
    expect(report.settings).toEqual(defaultSettings());
    expect(report.problem?.code).toBe('settings_corrupt');
    const aside = join(dir, 'settings.corrupt-2026-11-21T09-30-00-000Z.json');
    expect(report.problem?.movedTo).toBe(aside);
    expect(await readFile(aside, 'utf8')).toBe('{"polling": {"visibleSeconds": 12');
    expect(await readdir(dir)).toEqual(['settings.corrupt-2026-11-21T09-30-00-000Z.json']);
    expect(store.lastProblem()).toEqual(report.problem);
  });

  it('keeps the valid parts of an invalid file, resets the rest, sets the original aside', async () => {
    const original = JSON.stringify({
      polling: { visibleSeconds: 1, hiddenSeconds: 60 }, // 1 is below the minimum
      account: { agentId: 'agent@example.com', sdkAppId: 'not-a-number' },
      breakReasons: [{ id: 'x', label: '', limitMinutes: 5 }],
      theme: 'dark',
    });
    await writeFile(store.path, original);
    const report = await store.load();
    expect(report.problem?.code).toBe('settings_invalid');
    expect(report.problem?.resetPaths).toEqual(
      expect.arrayContaining(['polling.visibleSeconds', 'account.sdkAppId', 'breakReasons']),
    );
    expect(report.settings.polling).toEqual({
      visibleSeconds: 5,
      hiddenSeconds: 60,
      teamSize: null,
    });
    expect(report.settings.account.agentId).toBe('agent@example.com');
    expect(report.settings.account.sdkAppId).toBeNull();
    expect(report.settings.breakReasons).toEqual(defaultSettings().breakReasons);
    expect(report.settings.theme).toBe('dark');
    expect(await readFile(report.problem!.movedTo!, 'utf8')).toBe(original);
    // The salvaged settings were written back, so the next start does not repeat the reset.
    const again = await createSettingsStore({ dir, clock }).load();
    expect(again.problem).toBeNull();
    expect(again.settings).toEqual(report.settings);
  });

  it('uses defaults for JSON that is not an object', async () => {
    await writeFile(store.path, '[1,2,3]');
    const report = await store.load();
    expect(report.problem?.code).toBe('settings_invalid');
    expect(report.settings).toEqual(defaultSettings());
  });

  it('reports an unreadable file without crashing', async () => {
    await mkdir(store.path); // reading a directory fails with EISDIR
    const report = await store.load();
    expect(report.problem?.code).toBe('settings_unreadable');
    expect(report.settings).toEqual(defaultSettings());
  });
});

describe('settings store: save', () => {
  it('writes the file atomically (new inode via rename) and leaves no temp file', async () => {
    await store.load();
    const first = await store.save(withPolling(defaultSettings(), 7));
    expect(first.ok).toBe(true);
    const inodeBefore = (await stat(store.path)).ino;
    const second = await store.save(withPolling(defaultSettings(), 9));
    expect(second.ok).toBe(true);
    expect((await stat(store.path)).ino).not.toBe(inodeBefore);
    expect(await readdir(dir)).toEqual(['settings.json']);
    expect(JSON.parse(await readFile(store.path, 'utf8')).polling.visibleSeconds).toBe(9);
  });

  it('keeps the old file and reports an error when the write fails', async () => {
    await store.load();
    await store.save(withPolling(defaultSettings(), 7));
    const blocked = createSettingsStore({ dir: join(dir, 'settings.json'), clock }); // a file as folder
    const r = await blocked.save(defaultSettings());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('settings_write_failed');
    expect(JSON.parse(await readFile(store.path, 'utf8')).polling.visibleSeconds).toBe(7);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('rejects invalid settings with the failing paths and does not touch the disk', async () => {
    await store.load();
    const r = await store.save({ ...defaultSettings(), polling: { visibleSeconds: 0 } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_input');
      expect(r.error.message).toContain('polling.visibleSeconds');
    }
    expect(await readdir(dir)).toEqual([]);
    expect(store.get()).toEqual(defaultSettings());
  });

  it('notifies subscribers once per actual change, with the previous value', async () => {
    await store.load();
    const seen: Array<[number, number]> = [];
    const off = store.subscribe((next, prev) =>
      seen.push([prev.polling.visibleSeconds, next.polling.visibleSeconds]),
    );
    await store.save(withPolling(defaultSettings(), 8));
    await store.save(withPolling(defaultSettings(), 8)); // same content: no event
    off();
    await store.save(withPolling(defaultSettings(), 10));
    expect(seen).toEqual([[5, 8]]);
  });

  it('serialises concurrent updates so none is lost', async () => {
    await store.load();
    const bump = (s: Settings): Settings => withPolling(s, s.polling.visibleSeconds + 1);
    const results = await Promise.all([store.update(bump), store.update(bump), store.update(bump)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(store.get().polling.visibleSeconds).toBe(8);
    const reloaded = await createSettingsStore({ dir, clock }).load();
    expect(reloaded.settings.polling.visibleSeconds).toBe(8);
  });
});

describe('salvageSettings', () => {
  it('resets an invalid break reason list as a whole', () => {
    const r = salvageSettings({
      breakReasons: [{ id: 'a', label: 'A', limitMinutes: 5 }, { id: '' }],
    });
    expect(r.complete).toBe(true);
    expect(r.resetPaths).toEqual(['breakReasons']);
    expect(r.settings.breakReasons).toEqual(defaultSettings().breakReasons);
  });

  it('resets a section that is not an object', () => {
    const r = salvageSettings({ notifications: 'yes', shortcut: 'Alt+B' });
    expect(r.resetPaths).toEqual(['notifications']);
    expect(r.settings.shortcut).toBe('Alt+B');
    expect(r.settings.notifications.drift).toBe(true);
  });
});
