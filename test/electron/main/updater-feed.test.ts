import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { Module, createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronModule, fake, resetFakeElectron } from '../../helpers/fake-electron';
import { FakeClock } from '../../helpers/fake-clock';
import { createShellState } from '../../../electron/core/app/shell-state';
import { idleSnapshot } from '../../../electron/core/app/idle-snapshot';
import { createLogger, createMemorySink } from '../../../electron/core/logger';
import {
  loadElectronUpdater,
  startUpdates,
  type UpdaterPort,
  type Updates,
} from '../../../electron/main/updater';
import { defaultSettings } from '../../../shared/settings';
import type { UpdateState } from '../../../shared/shell';
import { UPDATE_FIRST_CHECK_MS } from '../../../shared/update';

vi.mock('electron', () => import('../../helpers/fake-electron').then((m) => m.electronModule));

/**
 * The real electron-updater (NsisUpdater: the Windows updater, whose download and checks run
 * under Node) against a generic feed served on loopback, through this app's glue. electron-updater
 * is CommonJS and requires 'electron' itself, so the fake module is put in Node's require cache.
 * Proven: a matching sha512 and the right publisher give "ready"; a wrong sha512 or a signature by
 * someone else give an error and never "ready"; a staged rollout at 0% offers nothing.
 */

const PUBLISHER = 'CCC Agent Status contributors';
const installer = randomBytes(64 * 1024);
const sha512 = createHash('sha512').update(installer).digest('base64');
const dir = mkdtempSync(join(tmpdir(), 'ccc-updater-'));
let server: Server;
let base: string;
const requests: string[] = [];

const latestYml = (over: { sha512?: string; staging?: number } = {}) =>
  [
    'version: 0.2.0',
    'files:',
    '  - url: CCC-Agent-Status-0.2.0-x64.exe',
    `    sha512: ${over.sha512 ?? sha512}`,
    `    size: ${installer.length}`,
    'path: CCC-Agent-Status-0.2.0-x64.exe',
    `sha512: ${over.sha512 ?? sha512}`,
    "releaseDate: '2026-11-20T08:00:00.000Z'",
    ...(over.staging === undefined ? [] : [`stagingPercentage: ${over.staging}`]),
  ].join('\n');

const feeds: Record<string, string> = {
  good: latestYml(),
  damaged: latestYml({ sha512: createHash('sha512').update('something else').digest('base64') }),
  staged: latestYml({ staging: 0 }),
};

const originalResources = (process as { resourcesPath?: string }).resourcesPath;
const originalCache = process.env.XDG_CACHE_HOME;

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const id = require.resolve('electron');
  const m = new Module(id);
  m.filename = id;
  m.loaded = true;
  m.exports = electronModule;
  require.cache[id] = m;
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const [, feed, file] = path.split('/');
    // electron-updater names the channel file after the OS it runs on: latest-linux.yml here,
    // latest.yml on Windows. The same description is served for both.
    if ((file === 'latest.yml' || file === 'latest-linux.yml') && feed && feeds[feed]) {
      return res.end(feeds[feed]);
    }
    if (file === 'CCC-Agent-Status-0.2.0-x64.exe') return res.end(installer);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete require.cache[createRequire(import.meta.url).resolve('electron')];
  (process as { resourcesPath?: string }).resourcesPath = originalResources;
  if (originalCache === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = originalCache;
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => resetFakeElectron());

/** A packaged install whose app-update.yml points at one feed; runs one scheduled check. */
async function checkFeed(
  feed: string,
  verify: (names: string[], file: string) => Promise<string | null>,
) {
  const root = mkdtempSync(join(dir, `${feed}-`));
  // What electron-builder writes from electron-builder.yml publish + win.signtoolOptions.
  writeFileSync(
    join(root, 'app-update.yml'),
    `provider: generic\nurl: ${base}/${feed}\nupdaterCacheDirName: ccc-agent-status-updater\npublisherName:\n  - ${PUBLISHER}\n`,
  );
  (process as { resourcesPath?: string }).resourcesPath = root;
  process.env.XDG_CACHE_HOME = join(root, 'cache');
  fake.isPackaged = true;
  fake.paths.userData = root;

  const { NsisUpdater } = await import('electron-updater');
  const updater = new NsisUpdater();
  const verified: Array<{ names: string[]; file: string }> = [];
  // Stands in for PowerShell's Get-AuthenticodeSignature, which needs Windows.
  updater.verifyUpdateCodeSignature = async (names, file) => {
    verified.push({ names, file });
    return verify(names, file);
  };
  const clock = new FakeClock();
  const states: UpdateState[] = [];
  const shell = createShellState({
    channel: () => 'stable',
    snapshot: () => idleSnapshot('a@example.com', null),
    hooks: {},
    changed: (s) => states.push(s.update),
  });
  const sink = createMemorySink();
  const updates: Updates = await startUpdates({
    core: { settings: defaultSettings, shell, events: { subscribe: () => () => {} } },
    policy: { enabled: true, channel: null },
    loadUpdater: async () => updater as unknown as UpdaterPort,
    timers: clock,
    random: () => 0.5,
    logger: createLogger({ sink: sink.sink }),
  });
  const settled = new Promise<void>((resolve) => {
    for (const e of ['update-downloaded', 'error', 'update-not-available'] as const) {
      updater.once(e, () => resolve());
    }
  });
  clock.advance(UPDATE_FIRST_CHECK_MS);
  await settled;
  updates.dispose();
  return { states, verified, final: shell.get().update, log: sink.lines.join('\n') };
}

describe('updates against a generic feed on loopback', () => {
  it("loads this OS's updater from electron-updater as the packaged app does", async () => {
    fake.isPackaged = true;
    const updater = await loadElectronUpdater();
    expect(typeof updater.checkForUpdates).toBe('function');
    expect(typeof updater.quitAndInstall).toBe('function');
  });

  it('downloads a build whose sha512 and publisher match, then offers the restart', async () => {
    const r = await checkFeed('good', async () => null);
    expect(r.final).toMatchObject({ phase: 'ready', version: '0.2.0', error: null });
    expect(r.states.map((s) => s.phase)).toContain('downloading');
    expect(r.verified).toHaveLength(1);
    expect(r.verified[0]!.names).toEqual([PUBLISHER]);
    expect(requests.some((u) => /^\/good\/latest(-linux)?\.yml/.test(u))).toBe(true);
  });

  it('refuses a build signed by someone else', async () => {
    const r = await checkFeed('good', async () => 'publisher: "Mallory Ltd"');
    expect(r.final.phase).toBe('error');
    expect(r.final.error).toMatch(/not signed by the app’s publisher/);
    expect(r.states.some((s) => s.phase === 'ready')).toBe(false);
  });

  it('refuses a download whose sha512 does not match the feed, before any signature check', async () => {
    const r = await checkFeed('damaged', async () => null);
    expect(r.final.phase).toBe('error');
    expect(r.final.error).toMatch(/checksum mismatch/);
    expect(r.verified).toHaveLength(0);
  });

  it('offers nothing to an install outside a staged rollout (stagingPercentage: 0)', async () => {
    const r = await checkFeed('staged', async () => null);
    expect(r.final).toMatchObject({ phase: 'idle', version: null });
    expect(requests.filter((u) => u.startsWith('/staged/') && u.endsWith('.exe'))).toEqual([]);
  });
});
