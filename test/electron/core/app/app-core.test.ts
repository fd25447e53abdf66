import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAppCore,
  type AppCore,
  type AppCoreDeps,
} from '../../../../electron/core/app/app-core';
import type { DemoSimulatorFactory } from '../../../../electron/core/app/demo';
import { createLogger, createMemorySink } from '../../../../electron/core/logger';
import { startSimulator, type RunningSimulator } from '../../../../electron/simulator/index';
import {
  ipcContract,
  ipcEvents,
  type Channel,
  type EventName,
  type IpcResult,
} from '../../../../shared/ipc-contract';
import { defaultSettings } from '../../../../shared/settings';
import { FakeClock } from '../../../helpers/fake-clock';
import { InMemorySecretStore } from '../../../helpers/in-memory-secret-store';

// Thursday 2026-11-19 11:00 at UTC+8: inside the simulated working day.
const START = Date.UTC(2026, 10, 19, 3, 0, 0);
const TODAY = '2026-11-19';

interface Harness {
  core: AppCore;
  clock: FakeClock;
  store: InMemorySecretStore;
  logs: ReturnType<typeof createMemorySink>;
  events: Array<{ name: EventName; payload: unknown }>;
  notifications: Array<{ kind: string; actions: Array<{ action: unknown }> }>;
  sims: RunningSimulator[];
  opened: string[];
  dataDir: string;
}

const harnesses: Harness[] = [];
const dirs: string[] = [];

async function makeCore(
  over: Partial<AppCoreDeps> & { dataDir?: string; autopilot?: boolean } = {},
): Promise<Harness> {
  const dataDir = over.dataDir ?? (await mkdtemp(join(tmpdir(), 'app-core-')));
  dirs.push(dataDir);
  const clock = (over.clock as FakeClock | undefined) ?? new FakeClock(START);
  const store = (over.secretStore as InMemorySecretStore | undefined) ?? new InMemorySecretStore();
  const logs = createMemorySink();
  const sims: RunningSimulator[] = [];
  const opened: string[] = [];
  const factory: DemoSimulatorFactory = async (opts) => {
    // The fake clock stands still while a (history-filled) week loads: lift the 20 req/s limit,
    // whose retries would wait on timers nobody advances.
    const sim = await startSimulator({ ...opts, rateLimitPerSecond: 1000 });
    sims.push(sim);
    return sim;
  };
  const core = await createAppCore({
    dataDir,
    secretStore: store,
    clock,
    timers: clock,
    logger: createLogger({ sink: logs.sink, level: 'debug', clock }),
    systemLocale: 'en-US',
    platform: 'linux',
    version: '9.9.9',
    openExternal: (url) => {
      opened.push(url);
    },
    simulatorFactory: factory,
    demo: { autopilot: over.autopilot ?? false },
    random: () => 0.5,
    ...over,
  });
  const h: Harness = {
    core,
    clock,
    store,
    logs,
    events: [],
    notifications: [],
    sims,
    opened,
    dataDir,
  };
  core.events.subscribe((name, payload) => h.events.push({ name, payload }));
  core.notifications.subscribe((n) => h.notifications.push(n));
  harnesses.push(h);
  return h;
}

const value = <T>(r: IpcResult<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
};

beforeEach(() => {
  harnesses.length = 0;
});
afterEach(async () => {
  for (const h of harnesses) await h.core.dispose();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('app core: unconfigured', () => {
  it('starts without an engine and says what is missing', async () => {
    const { core, clock } = await makeCore();
    const snap = value(await core.handlers['status:get'](undefined));
    expect(snap.connection).toBe('unconfigured');
    expect(snap.lastError?.message).toMatch(/SdkAppId/);
    expect(core.trayModel().iconKey).toBe('unknown');
    const set = await core.handlers['status:set']({ status: 'rest', reason: 'Lunch' });
    expect(set).toMatchObject({ ok: false, code: 'not_configured' });
    expect(await core.toggleBreak()).toMatchObject({ ok: false, code: 'not_configured' });
    const stats = await core.handlers['stats:day']({ day: TODAY });
    expect(stats.ok).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('reports a corrupt settings file as a notification and keeps running', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'app-core-'));
    await writeFile(join(dataDir, 'settings.json'), '{nope');
    const h = await makeCore({ dataDir });
    expect(h.core.startupProblems().settings?.code).toBe('settings_corrupt');
    expect(h.notifications.map((n) => n.kind)).toEqual(['settingsReset']);
    expect((await readdir(dataDir)).some((f) => f.startsWith('settings.corrupt-'))).toBe(true);
  });
});

describe('app core: every channel against the demo simulator', () => {
  it('returns a contract-valid IpcResult for every channel and never a secret', async () => {
    const h = await makeCore({ autopilot: true });
    value(await h.core.handlers['demo:start'](undefined));
    const sim = h.sims[0]!;
    const secrets = [sim.credentials.secretKey, sim.desk.imKey];
    const current = value(await h.core.handlers['settings:get'](undefined));
    const inputs: { [C in Channel]: unknown } = {
      'status:get': undefined,
      'status:refresh': undefined,
      'status:set': { status: 'rest', reason: 'Lunch' },
      'status:undo': undefined,
      'status:cancelPending': undefined,
      'app:visibility': { visible: true },
      'app:shell': undefined,
      'app:restartToUpdate': undefined,
      'app:info': undefined,
      'app:openHelp': { topic: 'cam-policy' },
      'stats:day': { day: TODAY },
      'stats:week': {},
      'settings:get': undefined,
      'settings:update': { ...current, polling: { ...current.polling, visibleSeconds: 7 } },
      'credentials:status': undefined,
      'credentials:saveCcc': {
        secretId: 'AKIDexample12345678',
        secretKey: 'example-secret-key-0001',
      },
      'credentials:saveDesk': { mode: 'key', imKey: '0123456789abcdef0123456789abcdef' },
      'credentials:test': undefined,
      'credentials:signOut': undefined,
      'demo:stop': undefined,
      'demo:start': undefined,
    };
    // Every channel of the contract has an input here (and nothing else does).
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(ipcContract).sort());
    const okChannels = new Set<Channel>();
    for (const channel of Object.keys(ipcContract) as Channel[]) {
      const input = ipcContract[channel].input.parse(inputs[channel]);
      const handler = h.core.handlers[channel] as (i: unknown) => Promise<IpcResult<unknown>>;
      const result = await handler(input);
      expect(typeof result.ok, channel).toBe('boolean');
      if (result.ok) {
        okChannels.add(channel);
        const parsed = ipcContract[channel].output.safeParse(result.value);
        expect(parsed.success, `${channel}: ${parsed.success ? '' : parsed.error.message}`).toBe(
          true,
        );
      } else {
        expect(result.code, channel).toEqual(expect.any(String));
        expect(result.message.length, channel).toBeGreaterThan(0);
      }
      const text = JSON.stringify(result);
      for (const s of secrets) expect(text.includes(s), `${channel} leaked a secret`).toBe(false);
    }
    // In demo mode everything works (the contract test above covers the shapes), except
    // installing an update, since none was downloaded.
    expect([...okChannels].sort()).toEqual(
      Object.keys(ipcContract)
        .filter((c) => c !== 'app:restartToUpdate')
        .sort(),
    );
    // Nor did any event, log line or keychain entry carry the demo's secrets.
    const everything = [JSON.stringify(h.events), h.logs.lines.join('\n'), h.store.allText()].join(
      '\n',
    );
    for (const s of secrets) expect(everything.includes(s)).toBe(false);
    for (const e of h.events) {
      expect(ipcEvents[e.name].safeParse(e.payload).success, e.name).toBe(true);
    }
  });

  it('tests the demo connection with one CCC call and one desk call', async () => {
    const h = await makeCore();
    value(await h.core.handlers['demo:start'](undefined));
    const result = value(await h.core.handlers['credentials:test'](undefined));
    expect(result.ccc).toMatchObject({ ok: true, requestId: expect.any(String) });
    expect(result.ccc.message).toContain('demo.agent@example.com');
    expect(result.desk).toMatchObject({ ok: true });
  });
});

describe('app core: demo mode', () => {
  it('keeps demo credentials in memory, persists the mode, and demo:stop returns to unconfigured', async () => {
    const h = await makeCore();
    value(await h.core.handlers['demo:start'](undefined));
    const snap = value(await h.core.handlers['status:refresh'](undefined));
    expect(snap).toMatchObject({ connection: 'ok', status: 'free', agentId: h.sims[0]!.staff[0] });
    expect(value(await h.core.handlers['app:info'](undefined))).toEqual({
      version: '9.9.9',
      platform: 'linux',
      locale: 'en',
      demo: true,
    });
    expect(h.store.entries.size).toBe(0);
    expect(value(await h.core.handlers['credentials:status'](undefined)).ccc.set).toBe(false);
    expect(JSON.parse(await readFile(join(h.dataDir, 'settings.json'), 'utf8')).demoMode).toBe(
      true,
    );
    // A settings form cannot switch the demo off by accident.
    const s = value(await h.core.handlers['settings:get'](undefined));
    value(await h.core.handlers['settings:update']({ ...s, demoMode: false }));
    expect(h.core.settings().demoMode).toBe(true);

    value(await h.core.handlers['demo:stop'](undefined));
    expect(value(await h.core.handlers['status:get'](undefined)).connection).toBe('unconfigured');
    expect(h.core.settings().demoMode).toBe(false);
    expect(h.events.some((e) => e.name === 'settings:changed')).toBe(true);
  });

  it('keeps the engine on a polling change and tells the tray about status changes', async () => {
    const h = await makeCore();
    let trayChanges = 0;
    h.core.onTrayModelChanged(() => (trayChanges += 1));
    value(await h.core.handlers['demo:start'](undefined));
    value(await h.core.handlers['status:refresh'](undefined));
    expect(trayChanges).toBeGreaterThan(0);
    expect(h.core.trayModel().iconKey).toBe('free');
    const mark = h.events.length;
    const s = h.core.settings();
    value(
      await h.core.handlers['settings:update']({
        ...s,
        polling: { ...s.polling, visibleSeconds: 9 },
      }),
    );
    const statuses = h.events.slice(mark).filter((e) => e.name === 'status:changed');
    expect(statuses.map((e) => (e.payload as { connection: string }).connection)).not.toContain(
      'connecting',
    );
    expect(value(await h.core.handlers['status:get'](undefined)).connection).toBe('ok');
  });

  it('resumes a persisted demo on the next start', async () => {
    const first = await makeCore();
    value(await first.core.handlers['demo:start'](undefined));
    await first.core.dispose();
    const second = await makeCore({ dataDir: first.dataDir });
    expect(second.sims).toHaveLength(1);
    expect(value(await second.core.handlers['status:refresh'](undefined)).connection).toBe('ok');
  });
});

describe('app core: a real account (the simulator as custom endpoint)', () => {
  it('runs once SdkAppId, agent and keys are set; test maps a bad key; sign-out wipes', async () => {
    const clock = new FakeClock(START);
    const sim = await startSimulator({ clock, autopilot: false });
    try {
      const h = await makeCore({ clock });
      const s = defaultSettings();
      value(
        await h.core.handlers['settings:update']({
          ...s,
          account: {
            ...s.account,
            sdkAppId: sim.sdkAppId,
            agentId: sim.staff[1]!,
            endpoint: 'custom',
            customBaseUrl: sim.url,
          },
        }),
      );
      expect(value(await h.core.handlers['status:get'](undefined)).lastError?.message).toMatch(
        /API key/,
      );

      // A wrong SecretKey: the test says which part is wrong, in a sentence, with the RequestId.
      value(
        await h.core.handlers['credentials:saveCcc']({
          secretId: sim.credentials.secretId,
          secretKey: 'wrong-secret-key-123',
        }),
      );
      const bad = value(await h.core.handlers['credentials:test'](undefined));
      expect(bad.ccc.ok).toBe(false);
      expect(bad.ccc.code).toBe('AuthFailure.SignatureFailure');
      expect(bad.ccc.message).toMatch(/SecretKey does not match/);
      expect(bad.ccc.requestId).toEqual(expect.any(String));
      expect(bad.desk).toBeNull();
      const rejected = value(await h.core.handlers['status:refresh'](undefined));
      expect(rejected.connection).toBe('credentials_rejected');
      expect(h.notifications.map((n) => n.kind)).toContain('credentialsRejected');

      const saved = value(await h.core.handlers['credentials:saveCcc']({ ...sim.credentials }));
      expect(saved.ccc.secretIdPrefix).toBe(`${sim.credentials.secretId.slice(0, 8)}…`);
      const good = value(await h.core.handlers['status:refresh'](undefined));
      expect(good).toMatchObject({ connection: 'ok', status: 'free', agentId: sim.staff[1] });
      const set = value(await h.core.handlers['status:set']({ status: 'notReady' }));
      expect(set.outcome).toBe('applied');
      const state = await sim.control.state();
      const agent = state.ok
        ? state.value.agents.find((a) => a.userId === sim.staff[1])
        : undefined;
      expect(agent?.status).toBe('notReady');

      const out = value(await h.core.handlers['credentials:signOut'](undefined));
      expect(out.ccc.set).toBe(false);
      expect(h.store.entries.size).toBe(0);
      expect(value(await h.core.handlers['status:get'](undefined)).connection).toBe('unconfigured');
      // The real key may appear in no log line, event or IPC answer.
      const text = [h.logs.lines.join('\n'), JSON.stringify(h.events)].join('\n');
      expect(text.includes(sim.credentials.secretKey)).toBe(false);
    } finally {
      await sim.close();
    }
  });
});

describe('app core: shortcut, lock screen, notifications, help, dispose', () => {
  it('toggles Available <-> the default break with the shortcut', async () => {
    const h = await makeCore();
    value(await h.core.handlers['demo:start'](undefined));
    value(await h.core.handlers['status:refresh'](undefined));
    const on = value(await h.core.toggleBreak());
    expect(on).toMatchObject({
      outcome: 'applied',
      requested: { status: 'rest', reason: 'Break' },
    });
    expect(h.core.trayModel().tooltip).toMatch(/^Break - Break - /);
    const off = value(await h.core.toggleBreak());
    expect(off).toMatchObject({ outcome: 'applied', requested: { status: 'free' } });
  });

  it('goes on the chosen break when the screen locks and offers Available on unlock', async () => {
    const h = await makeCore();
    value(await h.core.handlers['demo:start'](undefined));
    value(await h.core.handlers['status:refresh'](undefined));
    const s = h.core.settings();
    value(
      await h.core.handlers['settings:update']({
        ...s,
        lockBreak: { enabled: true, reasonId: 'lunch' },
      }),
    );
    const outcome = new Promise<unknown>((resolve) => {
      const off = h.core.events.subscribe((name, payload) => {
        if (name === 'status:outcome') {
          off();
          resolve(payload);
        }
      });
    });
    h.core.onPowerEvent('lock-screen');
    expect(await outcome).toMatchObject({
      outcome: 'applied',
      requested: { status: 'rest', reason: 'Lunch' },
    });
    h.core.onPowerEvent('unlock-screen');
    const back = h.notifications.find((n) => n.kind === 'lockBreakReturn');
    expect(back?.actions[0]?.action).toEqual({ type: 'setStatus', status: 'free' });
    await h.core.perform(back!.actions[0]!.action as never);
    expect(value(await h.core.handlers['status:get'](undefined)).status).toBe('free');
  });

  it('notifies a break over its limit from its one timer, and dispose leaves no timer', async () => {
    const h = await makeCore();
    value(await h.core.handlers['demo:start'](undefined));
    value(await h.core.handlers['status:refresh'](undefined));
    value(await h.core.handlers['status:set']({ status: 'rest', reason: 'Break' }));
    expect(h.notifications.filter((n) => n.kind === 'breakOverLimit')).toHaveLength(0);
    await h.clock.advanceAsync(15 * 60_000 + 1_000);
    expect(h.notifications.filter((n) => n.kind === 'breakOverLimit')).toHaveLength(1);
    await h.core.dispose();
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('navigates on "open" and opens only https help pages on Tencent hosts', async () => {
    const h = await makeCore();
    await h.core.perform({ type: 'open', view: 'settings' });
    expect(h.events.filter((e) => e.name === 'app:navigate').map((e) => e.payload)).toEqual([
      { view: 'settings' },
    ]);
    for (const topic of [
      'cam-policy',
      'temporary-credentials',
      'usersig',
      'ccc-console',
    ] as const) {
      value(await h.core.handlers['app:openHelp']({ topic }));
    }
    expect(h.opened).toHaveLength(4);
    for (const url of h.opened) {
      const u = new URL(url);
      expect(u.protocol).toBe('https:');
      expect(u.hostname).toMatch(/(^|\.)(tencent\.com|tencentcloud\.com|trtc\.io)$/);
    }
  });
});
