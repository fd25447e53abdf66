import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppCore, type AppCore } from '../../electron/core/app/app-core';
import type { DemoSimulatorFactory } from '../../electron/core/app/demo';
import { createLogger, createMemorySink } from '../../electron/core/logger';
import { forwardEvents, registerIpc } from '../../electron/main/ipc';
import type { RunningSimulator } from '../../electron/simulator/index';
import type { Channel, IpcResult } from '../../shared/ipc-contract';
import { defaultSettings, type Settings } from '../../shared/settings';
import { fake, resetFakeElectron } from '../helpers/fake-electron';
import type { FakeClock } from '../helpers/fake-clock';
import { InMemorySecretStore } from '../helpers/in-memory-secret-store';
import { httpTracker } from '../soak/http-tracker';
import { findSecrets, type SecretList } from './secret-forms';

/**
 * The secret-leak sessions' harness: an app core (fake clock) behind the real main-process IPC
 * guard on the fake electron (the test file mocks 'electron'), with every log line, IPC reply,
 * window event, notification and tray model captured, every UserSig sent on the wire recorded
 * (undici's diagnostics channel), and a scan of all of it (and the data folder) for secrets.
 */

/** Thursday 2026-11-19 11:00 at UTC+8, and that day. */
export const START = Date.UTC(2026, 10, 19, 3, 0, 0);
export const TODAY = '2026-11-19';
const APP_FRAME = { url: 'app://renderer/index.html', parent: null };

/** A running app core with everything that leaves it captured. */
export interface Session {
  core: AppCore;
  clock: FakeClock;
  call(channel: Channel, input?: unknown): Promise<IpcResult<unknown>>;
  /** Awaits anything the core started, moving fake time on when only timers remain. */
  drive<T>(p: Promise<T>): Promise<T>;
  advance(ms: number): Promise<void>;
  /** Every UserSig sent on the wire so far. */
  userSigs: Set<string>;
  /** Named items that left the app: `[where, text]`. */
  outputs(): Array<[string, string]>;
  /** Every AppError-shaped object found in replies, events and notifications. */
  appErrors(): Array<{ code: string; message: string }>;
  dataDir: string;
  /** Disposes the core and stops capturing (the data folder stays until the test ends). */
  close(): Promise<void>;
}

/** Starts a core (demo simulators from `simulatorFactory`) wired to the real IPC guard. */
export async function session(
  clock: FakeClock,
  simulatorFactory?: DemoSimulatorFactory,
): Promise<Session> {
  resetFakeElectron();
  const dataDir = await mkdtemp(join(tmpdir(), 'ccc-secret-leak-'));
  const logs = createMemorySink(1_000_000);
  const logger = createLogger({ sink: logs.sink, level: 'debug', clock });
  const core = await createAppCore({
    dataDir,
    secretStore: new InMemorySecretStore(),
    clock,
    timers: clock,
    logger,
    systemLocale: 'en-US',
    platform: 'linux',
    version: '9.9.9',
    openExternal: () => undefined,
    simulatorFactory,
    demo: { autopilot: false },
    random: () => 0.5,
  });
  const http = httpTracker();
  const replies: Array<[string, unknown]> = [];
  const notifications: unknown[] = [];
  const trays: string[] = [];
  const sent: Array<{ channel: string; payload: unknown }> = [];
  const userSigs = new Set<string>();
  const onRequest = (m: unknown): void => {
    const path = (m as { request: { path: string } }).request.path;
    const sig = new URL(path, 'http://x').searchParams.get('usersig');
    if (sig) userSigs.add(sig);
  };
  subscribe('undici:request:create', onRequest);
  const window = {
    isDestroyed: () => false,
    webContents: { send: (channel: string, payload: unknown) => sent.push({ channel, payload }) },
  };
  const stopEvents = forwardEvents(core.events.subscribe, () => window);
  const stopNotes = core.notifications.subscribe((n) => notifications.push(n));
  const stopTray = core.onTrayModelChanged(() => trays.push(JSON.stringify(core.trayModel())));
  const disposeIpc = registerIpc({ handlers: core.handlers, origin: { kind: 'bundle' }, logger });
  const drive = <T>(p: Promise<T>): Promise<T> => http.drive(p, clock);
  let closed = false;
  const s: Session = {
    core,
    clock,
    userSigs,
    dataDir,
    drive,
    async call(channel, input) {
      const handler = fake.ipcHandlers.get(channel);
      if (!handler) throw new Error(`no IPC handler for ${channel}`);
      const reply = await drive(
        handler({ senderFrame: APP_FRAME }, input) as Promise<IpcResult<unknown>>,
      );
      replies.push([channel, reply]);
      trays.push(JSON.stringify(core.trayModel()));
      return reply;
    },
    async advance(ms) {
      await http.settle();
      await clock.advanceAsync(ms);
      await http.settle();
    },
    outputs: () => [
      ...logs.lines.map((l, i): [string, string] => [`log line ${i}`, l]),
      ...replies.map(([c, r], i): [string, string] => [`reply ${i} (${c})`, JSON.stringify(r)]),
      ...sent.map((e, i): [string, string] => [
        `event ${i} (${e.channel})`,
        JSON.stringify(e.payload),
      ]),
      ...notifications.map((n, i): [string, string] => [`notification ${i}`, JSON.stringify(n)]),
      ...trays.map((t, i): [string, string] => [`tray model ${i}`, t]),
    ],
    appErrors: () => {
      const found: Array<{ code: string; message: string }> = [];
      const walk = (v: unknown, depth: number): void => {
        if (depth > 12 || v === null || typeof v !== 'object') return;
        const o = v as Record<string, unknown>;
        if (typeof o.message === 'string' && typeof o.code === 'string')
          found.push({ code: o.code, message: o.message });
        for (const x of Object.values(o)) walk(x, depth + 1);
      };
      for (const [, r] of replies) walk(r, 0);
      for (const e of sent) walk(e.payload, 0);
      for (const n of notifications) walk(n, 0);
      return found;
    },
    async close() {
      if (closed) return;
      closed = true;
      stopEvents();
      stopNotes();
      stopTray();
      disposeIpc();
      await core.dispose();
      await http.settle();
      http.dispose();
      unsubscribe('undici:request:create', onRequest);
    },
  };
  return s;
}

/** The value of an ok reply (throws otherwise). */
export const value = <T>(r: IpcResult<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
};

/** Every place a secret was found: `"<where>: <secret> (<form>)"`. */
export async function leaks(s: Session, secrets: SecretList): Promise<string[]> {
  const out: string[] = [];
  for (const [where, text] of s.outputs()) {
    for (const hit of findSecrets(text, secrets)) out.push(`${where}: ${hit}`);
  }
  for (const e of s.appErrors()) {
    for (const hit of findSecrets(e.message, secrets)) out.push(`AppError ${e.code}: ${hit}`);
  }
  for (const file of await readdir(s.dataDir, { recursive: true })) {
    const text = await readFile(join(s.dataDir, file), 'utf8').catch(() => '');
    for (const hit of findSecrets(text, secrets)) out.push(`file ${file}: ${hit}`);
  }
  return out;
}

/** Settings for the simulator as a custom endpoint, desk enabled with a generated UserSig. */
export function accountSettings(sim: RunningSimulator, agentId: string): Settings {
  const s = defaultSettings();
  return {
    ...s,
    account: {
      ...s.account,
      sdkAppId: sim.sdkAppId,
      agentId,
      endpoint: 'custom',
      customBaseUrl: sim.url,
    },
    desk: {
      ...s.desk,
      enabled: true,
      imSdkAppId: sim.desk.imSdkAppId,
      adminIdentifier: sim.desk.adminIdentifier,
      customBaseUrl: sim.desk.baseUrl,
      userSigMode: 'key',
    },
  };
}
