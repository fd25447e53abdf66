import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCccClient } from '../../../electron/core/api/ccc-client';
import type { CccClient } from '../../../electron/core/api/ccc-types';
import { createDeskClient, type DeskClient } from '../../../electron/core/api/desk-client';
import { keyUserSigProvider } from '../../../electron/core/api/usersig';
import { addDays, dayBounds } from '../../../shared/day-key';
import { SIM_BREAK_REASONS } from '../../../electron/simulator/autopilot';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';
import { SimWorld } from '../../../electron/simulator/world';
import { FakeClock } from '../../helpers/fake-clock';

/**
 * historyDays: the simulator lives whole past days before today (the demo agent included), so
 * the CCC history and both desk commands have real data for them; today stays as it was.
 */

const H = 3_600_000;
const DAY = 24 * H;
// Local midnight (UTC+8) of 2025-03-10, the simulated "today".
const MIDNIGHT = Date.UTC(2025, 2, 9, 16, 0, 0);
const TODAY = '2025-03-10';
const START = MIDNIGHT + 10.5 * H;
const PAST_DAYS = Array.from({ length: 7 }, (_, i) => addDays(TODAY, i - 7));

/** Allowed next statuses (as in world.test.ts). */
const NEXT: Record<string, string[]> = {
  offline: ['free'],
  free: ['busy', 'rest', 'notReady', 'offline'],
  busy: ['afterCallWork', 'offline'],
  afterCallWork: ['free', 'rest', 'notReady', 'offline'],
  rest: ['free', 'notReady', 'offline'],
  notReady: ['free', 'rest', 'offline'],
};

const inDay = (day: string, ms: number): boolean => {
  const { from, to } = dayBounds(day, 480);
  return ms >= from * 1000 && ms <= to * 1000 + 999;
};

describe('SimWorld historyDays', () => {
  it('the demo agent worked a normal shift on every past day: calls, IM, wrap-up, breaks with reasons', () => {
    const clock = new FakeClock(START);
    const w = new SimWorld({ clock, seed: 5, historyDays: 7 });
    const demo = w.staff()[0]!.userId;
    expect(w.simulatedFromMs).toBe(MIDNIGHT - 7 * DAY);
    const history = w.statusHistory(demo);
    for (let i = 1; i < history.length; i++) {
      expect(NEXT[history[i - 1]!.status]).toContain(history[i]!.status);
    }
    expect(history[0]!.atMs).toBeGreaterThanOrEqual(w.simulatedFromMs);
    for (const day of PAST_DAYS) {
      const changes = history.filter((c) => inDay(day, c.atMs));
      expect(changes.length, day).toBeGreaterThan(40);
      // Logged in around 09:00 by the agent, logged off before the day ended.
      expect(changes[0], day).toMatchObject({ status: 'free', source: 'agent' });
      const loginHour = (changes[0]!.atMs - dayBounds(day, 480).from * 1000) / H;
      expect(loginHour).toBeGreaterThan(8.5);
      expect(loginHour).toBeLessThan(9.5);
      expect(changes.at(-1)!.status, day).toBe('offline');
      const busy = changes.filter((c) => c.status === 'busy');
      expect(
        busy.some((c) => c.extra?.type === 'tel'),
        day,
      ).toBe(true);
      expect(
        busy.some((c) => c.extra?.type === 'im'),
        day,
      ).toBe(true);
      expect(
        changes.some((c) => c.status === 'afterCallWork'),
        day,
      ).toBe(true);
      const reasons = changes.filter((c) => c.status === 'rest').map((c) => c.reason);
      expect(reasons.length, day).toBeGreaterThan(0);
      expect(
        reasons.every((r) => [...SIM_BREAK_REASONS, 'Lunch'].includes(r)),
        day,
      ).toBe(true);
      const { from, to } = dayBounds(day, 480);
      const d = w.statusDurations(demo, from * 1000, (to + 1) * 1000);
      expect(d.online / H, day).toBeGreaterThan(7.5);
      expect(d.busy, day).toBeGreaterThan(0);
      expect(d.rest, day).toBeGreaterThan(0);
    }
    // Today is as without history: logged in 1.5-3 h before the start, and from the start on
    // nothing of its own (the person using the app decides its breaks).
    const today = history.filter((c) => c.atMs >= MIDNIGHT);
    expect(today[0]).toMatchObject({ status: 'free', source: 'agent' });
    expect(START - today[0]!.atMs).toBeGreaterThanOrEqual(1.5 * H);
    expect(START - today[0]!.atMs).toBeLessThanOrEqual(3 * H);
    clock.advance(5 * H);
    const after = w.statusHistory(demo).filter((c) => c.atMs > START);
    expect(after.some((c) => c.status === 'busy')).toBe(true);
    expect(after.filter((c) => c.source === 'agent')).toEqual([]);
    // Today's metrics count today only.
    expect(w.metrics(demo)!.durations.online).toBeLessThanOrEqual((clock.now() - MIDNIGHT) / 1000);
  });

  it("is deterministic for a seed, and historyDays 0 starts the world at today's midnight", () => {
    const run = (historyDays: number) => {
      const clock = new FakeClock(START);
      const w = new SimWorld({ clock, seed: 9, historyDays });
      clock.advance(2 * H);
      return {
        w,
        history: w.staff().map((s) => w.statusHistory(s.userId)),
        sessions: w.imSessions(),
      };
    };
    const a = run(3);
    const b = run(3);
    expect(a.history).toEqual(b.history);
    expect(a.sessions).toEqual(b.sessions);
    expect(a.w.simulatedFromMs).toBe(MIDNIGHT - 3 * DAY);
    const none = run(0);
    expect(none.w.simulatedFromMs).toBe(MIDNIGHT);
    expect(none.history.flat().every((c) => c.atMs >= MIDNIGHT)).toBe(true);
    expect(none.sessions.every((s) => s.startMs >= MIDNIGHT)).toBe(true);
    // Without autopilot nothing is simulated, history or not.
    const still = new SimWorld({ clock: new FakeClock(START), autopilot: false, historyDays: 7 });
    expect(still.simulatedFromMs).toBe(START);
  });

  it('excluded agents lived the past days too, and are left alone from today on', () => {
    const clock = new FakeClock(START);
    const excluded = 'demo.agent@example.com';
    const w = new SimWorld({ clock, seed: 5, historyDays: 2, autopilotExclude: [excluded] });
    clock.advance(6 * H);
    const history = w.statusHistory(excluded);
    for (const day of PAST_DAYS.slice(-2)) {
      expect(history.filter((c) => inDay(day, c.atMs)).length, day).toBeGreaterThan(40);
      expect(w.imSessions().some((s) => s.agentId === excluded && inDay(day, s.startMs))).toBe(
        true,
      );
    }
    expect(history.filter((c) => c.atMs >= MIDNIGHT).map((c) => [c.status, c.atMs])).toEqual([
      ['free', START],
    ]);
    expect(w.imSessions().some((s) => s.agentId === excluded && s.startMs >= MIDNIGHT)).toBe(false);
  });
});

describe('past days over the wire (CCC history and both desk commands)', () => {
  let now = START;
  const clock = { now: () => now };
  let sim: RunningSimulator;
  let desk: DeskClient;
  let ccc: CccClient;
  let agent: string;

  beforeAll(async () => {
    sim = await startSimulator({ clock, seed: 3, historyDays: 7, rateLimitPerSecond: 1000 });
    agent = sim.staff[0]!;
    now = START + H;
    desk = createDeskClient({
      endpoint: { baseUrl: sim.desk.baseUrl },
      imSdkAppId: sim.desk.imSdkAppId,
      adminIdentifier: sim.desk.adminIdentifier,
      agentId: agent,
      clock,
      userSig: keyUserSigProvider({
        sdkAppId: sim.desk.imSdkAppId,
        identifier: sim.desk.adminIdentifier,
        key: () => sim.desk.imKey,
        clock,
      }),
    });
    ccc = createCccClient({
      endpoint: { baseUrl: sim.url },
      sdkAppId: sim.sdkAppId,
      credentials: async () => sim.credentials,
      clock,
    });
  });

  afterAll(async () => {
    await desk.close();
    await ccc.close();
    await sim.close();
  });

  it("every past day has the demo agent's status history and IM sessions the two desk commands agree on", async () => {
    const stats = await desk.describeAgentStatistics({
      fromDay: PAST_DAYS[0]!,
      toDay: PAST_DAYS[6]!,
    });
    expect(stats.ok).toBe(true);
    if (!stats.ok) return;
    expect(stats.value.map((d) => d.day)).toEqual(PAST_DAYS);
    for (const { day, row } of stats.value) {
      const { from, to } = dayBounds(day, 480);
      const history = await ccc.describeStaffStatusHistory({
        staffUserId: agent,
        startTimestamp: from,
        endTimestamp: to,
      });
      expect(history.ok, day).toBe(true);
      if (!history.ok) continue;
      const rows = history.value.value;
      expect(rows.length, day).toBeGreaterThan(40);
      expect(
        rows.some((r) => r.status === 'rest' && r.reason !== ''),
        day,
      ).toBe(true);

      const cdr = await desk.describeImCdrList(day);
      expect(cdr.ok, day).toBe(true);
      if (!cdr.ok) continue;
      const mine = cdr.value.records;
      expect(mine.length, day).toBeGreaterThan(0);
      expect(
        mine.every((c) => c.AgentId === agent && c.Timestamp >= from && c.Timestamp <= to),
      ).toBe(true);
      // Each IM session the desk lists was a busy stretch in the CCC history.
      const busyIds = new Set(rows.filter((r) => r.status === 'busy').map((r) => r.sessionId));
      for (const c of mine) expect(busyIds.has(c.SessionId), `${day} ${c.SessionId}`).toBe(true);

      expect(row, day).not.toBeNull();
      if (!row) continue;
      expect(row.TotalSessionCnt).toBe(mine.length);
      expect(row.TotalAcceptTime).toBe(mine.reduce((n, c) => n + c.Duration, 0));
      expect(row.AgentEndCnt).toBe(mine.filter((c) => c.EndStatus === 'AgentEndedSession').length);
      expect(row.SatisfactionSelectedCnt).toBe(
        mine.filter((c) => c.SatisfactionSelected > 0).length,
      );
      expect(row.ServeUserCnt).toBe(new Set(mine.map((c) => c.ClientUserId)).size);
      expect(row.FirstLoginTimestamp).toBe(rows.find((r) => r.status !== 'offline')!.timestamp);
      expect(row.LastLogoutTimestamp).toBe(
        rows.filter((r) => r.status === 'offline').at(-1)!.timestamp,
      );
      expect(row.FreeTime).toBeGreaterThan(0);
      expect(row.BusyTime).toBeGreaterThan(0);
      expect(row.RestTime).toBeGreaterThan(0);
    }
  });
});
