import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../../electron/core/app/app-core';
import { DEMO_HISTORY_DAYS, type DemoSimulatorOptions } from '../../../../electron/core/app/demo';
import { createLogger, createMemorySink } from '../../../../electron/core/logger';
import { addDays } from '../../../../shared/day-key';
import { startSimulator } from '../../../../electron/simulator/index';
import type { IpcResult } from '../../../../shared/ipc-contract';
import type { DayStatsDto } from '../../../../shared/stats-dto';
import { FakeClock } from '../../../helpers/fake-clock';
import { InMemorySecretStore } from '../../../helpers/in-memory-secret-store';

/**
 * Demo mode's past: the demo simulator lives a week before today, so the daily stats of a past
 * day (through the real core, stats service, clients and simulator) are not empty.
 */

// Thursday 2026-11-19 11:00 at UTC+8.
const START = Date.UTC(2026, 10, 19, 3, 0, 0);
const TODAY = '2026-11-19';

const cores: AppCore[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** The core in demo mode; `historyDays` overrides what the core asks the simulator for. */
async function demoCore(historyDays?: number) {
  const dataDir = await mkdtemp(join(tmpdir(), 'demo-history-'));
  dirs.push(dataDir);
  const clock = new FakeClock(START);
  const asked: DemoSimulatorOptions[] = [];
  const core = await createAppCore({
    dataDir,
    secretStore: new InMemorySecretStore(),
    clock,
    timers: clock,
    logger: createLogger({ sink: createMemorySink().sink, level: 'debug', clock }),
    systemLocale: 'en-US',
    platform: 'linux',
    version: '9.9.9',
    openExternal: () => undefined,
    simulatorFactory: async (opts) => {
      asked.push(opts);
      // The fake clock stands still while the week loads: lift the 20 req/s limit, whose
      // retries would wait on timers nobody advances.
      return startSimulator({
        ...opts,
        rateLimitPerSecond: 1000,
        ...(historyDays === undefined ? {} : { historyDays }),
      });
    },
    random: () => 0.5,
  });
  cores.push(core);
  const started = await core.handlers['demo:start'](undefined);
  expect(started.ok).toBe(true);
  return { core, asked };
}

const value = <T>(r: IpcResult<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
};

/** What the stats view needs to show a day instead of its empty state. */
function expectFilled(d: DayStatsDto): void {
  expect(d.problems, d.day).toEqual([]);
  expect(d.statusSeconds.online, d.day).toBeGreaterThan(6 * 3600);
  expect(d.statusSeconds.busy, d.day).toBeGreaterThan(0);
  expect(d.statusSeconds.afterCallWork, d.day).toBeGreaterThan(0);
  expect(Object.keys(d.restByReason).length, d.day).toBeGreaterThan(0);
  expect(Object.values(d.restByReason).every((s) => s > 0)).toBe(true);
  expect(d.timeline.length, d.day).toBeGreaterThan(20);
  expect(d.timeline.some((s) => s.status === 'rest' && s.reason !== '')).toBe(true);
  expect(d.sessions.length, d.day).toBeGreaterThan(0);
  const kpi = (id: string) => d.kpis.find((k) => k.id === id)?.value;
  expect(kpi('sessionsTotal'), d.day).toBe(d.sessions.length);
  expect(kpi('messagesTotal'), d.day).toBeGreaterThan(0);
  expect(kpi('avgSessionLength'), d.day).toBeGreaterThan(0);
  expect(Object.values(d.endStatusCounts).reduce((a, b) => a + b, 0)).toBe(d.sessions.length);
}

describe('demo mode: past days', () => {
  it('starts the simulator with a simulated past week', async () => {
    const { asked } = await demoCore();
    expect(DEMO_HISTORY_DAYS).toBe(7);
    expect(asked).toMatchObject([{ autopilot: true, historyDays: 7, tzOffsetMinutes: 480 }]);
  });

  it('a past day has time per status, breaks by reason, a timeline, sessions and KPIs', async () => {
    const { core } = await demoCore();
    const yesterday = value(await core.handlers['stats:day']({ day: addDays(TODAY, -1) }));
    expectFilled(yesterday);
    // The oldest simulated day is whole too (the status carried in is simply unknown).
    expectFilled(value(await core.handlers['stats:day']({ day: addDays(TODAY, -7) })));
    const week = value(await core.handlers['stats:week']({}));
    expect(week.days.map((d) => d.day)).toEqual(
      Array.from({ length: 7 }, (_, i) => addDays(TODAY, i - 6)),
    );
    for (const d of week.days.slice(0, 6)) expectFilled(d);
    expect(week.days[6]!.statusSeconds.online).toBeGreaterThan(0);
  });

  it('without history (historyDays 0) a past day is empty: the state this feature fills', async () => {
    const { core } = await demoCore(0);
    const yesterday = value(await core.handlers['stats:day']({ day: addDays(TODAY, -1) }));
    expect(yesterday.timeline).toEqual([]);
    expect(yesterday.sessions).toEqual([]);
  });
});

describe('demo mode: the simulator is the composition root’s choice', () => {
  it('without a simulator factory, demo:start says demo mode is unavailable and nothing runs', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'demo-none-'));
    dirs.push(dataDir);
    const clock = new FakeClock(START);
    const core = await createAppCore({
      dataDir,
      secretStore: new InMemorySecretStore(),
      clock,
      timers: clock,
      logger: createLogger({ sink: createMemorySink().sink, clock }),
      systemLocale: 'en-US',
      platform: 'linux',
      version: '9.9.9',
    });
    cores.push(core);
    expect(await core.handlers['demo:start'](undefined)).toMatchObject({
      ok: false,
      code: 'demo_unavailable',
      message: expect.stringMatching(/not available/),
    });
    expect(value(await core.handlers['app:info'](undefined)).demo).toBe(false);
    expect(value(await core.handlers['status:get'](undefined)).connection).toBe('unconfigured');
    expect(clock.pendingTimers()).toBe(0);
  });
});
