import { describe, expect, it } from 'vitest';
import { IM_END_STATUSES } from '../../../electron/simulator/world-types';
import { SimWorld } from '../../../electron/simulator/world';
import { FakeClock } from '../../helpers/fake-clock';
import { MORNING } from './sim-client';

const H = 3_600_000;
// Local midnight (UTC+8) of 2025-03-10.
const MIDNIGHT = Date.UTC(2025, 2, 9, 16, 0, 0);

/** Allowed next statuses: busy ends in wrap-up (or a forced logout), wrap-up never goes busy. */
const NEXT: Record<string, string[]> = {
  offline: ['free'],
  free: ['busy', 'rest', 'notReady', 'offline'],
  busy: ['afterCallWork', 'offline'],
  afterCallWork: ['free', 'rest', 'notReady', 'offline'],
  rest: ['free', 'notReady', 'offline'],
  notReady: ['free', 'rest', 'offline'],
};

describe('SimWorld', () => {
  it('staffByIds copies only the members named, in staff order, each once, unknown ones skipped', () => {
    const w = new SimWorld({ clock: new FakeClock(MORNING), autopilot: false });
    const all = w.staff();
    const [a, b] = [all[3]!, all[1]!];
    const some = w.staffByIds([a.userId, 'nobody@example.com', b.userId, a.userId]);
    expect(some).toEqual([b, a]);
    some[0]!.groupIds.push(999); // a copy: the roster is untouched
    expect(w.staffByIds([b.userId])[0]!.groupIds).toEqual(b.groupIds);
    expect(w.staffByIds([])).toEqual([]);
  });

  it("accrues today's durations per status as the clock moves, and resets them at local midnight", () => {
    const clock = new FakeClock(MORNING);
    const w = new SimWorld({ clock, autopilot: false });
    const id = w.staff()[1]!.userId;
    clock.advance(90_000);
    expect(w.metrics(id)!.durations).toEqual({
      online: 90,
      free: 90,
      busy: 0,
      rest: 0,
      notReady: 0,
      afterCallWork: 0,
    });
    w.setStaffStatus(id, 'rest', 'Coffee break', 'api');
    clock.advance(60_500);
    expect(w.metrics(id)!.durations).toMatchObject({ online: 150, free: 90, rest: 60 });
    w.setOffline(id);
    clock.advance(H);
    expect(w.metrics(id)!.durations).toMatchObject({ online: 150, rest: 60 });
    expect(w.statusDurations(id, MORNING, MORNING + 2 * H).offline).toBe(H);
    // Next local day: totals start again from zero.
    clock.advance(MIDNIGHT + 24 * H - clock.now() + 5_000);
    w.setOnline(id);
    clock.advance(10_000);
    expect(w.metrics(id)!.durations).toEqual({
      online: 10,
      free: 10,
      busy: 0,
      rest: 0,
      notReady: 0,
      afterCallWork: 0,
    });
  });

  it('a simulated day in fast-forward produces sensible history and IM sessions', () => {
    const clock = new FakeClock(MIDNIGHT + 9 * H);
    const w = new SimWorld({ clock, seed: 11, staffCount: 10 });
    for (let t = 0; t < 15 * H; t += 7 * 60_000) clock.advance(7 * 60_000);
    const staff = w.staff();
    let changes = 0;
    for (const s of staff) {
      const h = w.statusHistory(s.userId);
      changes += h.length;
      for (let i = 1; i < h.length; i++) {
        expect(h[i]!.atMs).toBeGreaterThanOrEqual(h[i - 1]!.atMs);
        expect(
          NEXT[h[i - 1]!.status],
          `${s.userId}: ${h[i - 1]!.status} -> ${h[i]!.status}`,
        ).toContain(h[i]!.status);
      }
      for (const c of h) {
        if (c.status === 'busy') expect(c.extra).not.toBeNull();
        else expect(c.extra).toBeNull();
      }
    }
    expect(changes).toBeGreaterThan(300);
    const all = staff.flatMap((s) => w.statusHistory(s.userId));
    expect(new Set(all.map((c) => c.source))).toEqual(new Set(['agent', 'system', 'supervisor']));
    expect(all.some((c) => c.status === 'rest' && c.reason === 'Lunch')).toBe(true);
    // Breaks asked for during calls were reserved and applied by the system after wrap-up.
    expect(all.some((c, i) => c.status === 'rest' && c.source === 'system' && i > 0)).toBe(true);

    const sessions = w.imSessions();
    expect(sessions.length).toBeGreaterThan(60);
    for (const s of sessions) {
      expect(IM_END_STATUSES).toContain(s.endStatus);
      expect(s.endMs).toBeGreaterThan(s.startMs);
      expect(s.satisfaction).toBeGreaterThanOrEqual(0);
      expect(s.satisfaction).toBeLessThanOrEqual(5);
      if (s.firstResponseSeconds !== null) {
        expect(s.firstResponseSeconds).toBeLessThanOrEqual((s.endMs - s.startMs) / 1000);
        expect(s.agentMsgCount).toBeGreaterThan(0);
      }
      if (s.effective) expect(s.agentMsgCount).toBeGreaterThan(0);
      if (s.agentId === '')
        expect(['ChatbotReception', 'NoAgentsOnline', 'UserAbandonedDuringQueueing']).toContain(
          s.endStatus,
        );
    }
    expect(sessions.some((s) => s.agentId !== '' && s.firstResponseSeconds === null)).toBe(true);
    expect(sessions.some((s) => s.agentId === '')).toBe(true);
    expect(sessions.some((s) => s.satisfaction === 5)).toBe(true);
    expect(sessions.some((s) => s.effective) && sessions.some((s) => !s.effective)).toBe(true);
    // Every agent-handled IM session matches a busy period with the same session id.
    const busyIds = new Set(
      all.filter((c) => c.status === 'busy' && c.extra?.type === 'im').map((c) => c.sessionId),
    );
    for (const s of sessions.filter((x) => x.agentId)) expect(busyIds.has(s.sessionId)).toBe(true);

    // Durations come from the same records: parts add up to online time.
    for (const m of w.allMetrics()) {
      const d = m.durations;
      const parts = d.free + d.busy + d.rest + d.notReady + d.afterCallWork;
      expect(Math.abs(parts - d.online)).toBeLessThanOrEqual(5);
    }
  });

  it('is deterministic: same seed, same day, however often the clock is sampled', () => {
    const run = (stepMs: number) => {
      const clock = new FakeClock(MIDNIGHT + 10 * H);
      const w = new SimWorld({ clock, seed: 99 });
      for (let t = 0; t < 8 * H; t += stepMs) {
        clock.advance(stepMs);
        w.now();
      }
      return { history: w.staff().map((s) => w.statusHistory(s.userId)), sessions: w.imSessions() };
    };
    const coarse = run(8 * H);
    const fine = run(60_000);
    expect(fine.history).toEqual(coarse.history);
    expect(fine.sessions).toEqual(coarse.sessions);
    const clock = new FakeClock(MIDNIGHT + 10 * H);
    const other = new SimWorld({ clock, seed: 100 });
    clock.advance(8 * H);
    expect(other.staff().map((s) => other.statusHistory(s.userId))).not.toEqual(coarse.history);
  });

  it('backfills the day so far when it starts, with the demo agent online', () => {
    const clock = new FakeClock(MIDNIGHT + 14 * H);
    const w = new SimWorld({ clock, seed: 4 });
    const demo = w.metrics(w.staff()[0]!.userId)!;
    expect(demo.status).not.toBe('offline');
    expect(demo.durations.online).toBeGreaterThanOrEqual(1.5 * 3600);
    expect(w.allMetrics().filter((m) => m.status !== 'offline').length).toBeGreaterThan(3);
    expect(w.imSessions().length).toBeGreaterThan(10);
  });

  it('the autopilot never touches excluded agents', () => {
    const clock = new FakeClock(MIDNIGHT + 9 * H);
    const excluded = 'wei.zhang@example.com';
    const w = new SimWorld({ clock, seed: 8, autopilotExclude: [excluded] });
    clock.advance(12 * H);
    const h = w.statusHistory(excluded);
    expect(h.map((c) => [c.status, c.atMs])).toEqual([['free', MIDNIGHT + 9 * H]]);
    expect(w.imSessions().some((s) => s.agentId === excluded)).toBe(false);
    // The other agents did live their day.
    expect(
      w.statusHistory('meimei.li@example.com').length +
        w.statusHistory('anna.schmidt@example.com').length,
    ).toBeGreaterThan(20);
  });

  it('the live demo agent gets calls but its breaks are left to the person using the app', () => {
    const clock = new FakeClock(MIDNIGHT + 11 * H);
    const w = new SimWorld({ clock, seed: 21 });
    const demo = w.staff()[0]!.userId;
    const start = clock.now();
    clock.advance(6 * H);
    const after = w.statusHistory(demo).filter((c) => c.atMs > start);
    expect(after.some((c) => c.status === 'busy')).toBe(true);
    expect(after.filter((c) => c.source === 'agent')).toEqual([]);
    // A break asked for through the API lasts until the app ends it.
    while (w.metrics(demo)!.status !== 'free') clock.advance(10_000);
    expect(w.setStaffStatus(demo, 'rest', 'Coffee break', 'api').effect).toBe('now');
    const asked = w.statusHistory(demo).length;
    clock.advance(3 * H);
    // Only a supervisor (a change made elsewhere) may end it; the autopilot never does.
    const next = w.statusHistory(demo)[asked];
    if (next) expect(next.source).toBe('supervisor');
    else expect(w.metrics(demo)!.status).toBe('rest');
  });
});
