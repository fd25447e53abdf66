import { describe, expect, it } from 'vitest';
import { newHandles, runSoakDay, type SoakReport } from './soak-day';

/**
 * Issue 6 section 4, the bounded version for `npm test`: six simulated hours of the real app core
 * in demo mode (status engine polling at its own intervals, stats every 5 minutes and the week
 * every hour, the tray model rebuilt on every change and every minute, breaks toggled and undone
 * with the shortcut). The full 24-hour day with its figures: `npx tsx scripts/bench/soak-bench.ts`.
 */

const MiB = 2 ** 20;
const HOURS = 6;

let report: SoakReport | null = null;
const run = async (): Promise<SoakReport> => (report ??= await runSoakDay({ hours: HOURS }));

describe(`soak: ${HOURS} simulated hours of the app core in demo mode`, () => {
  it('really ran the day: polls, stats refreshes, tray rebuilds, no failed stats, no secret logged', async () => {
    const r = await run();
    expect(r.samples).toHaveLength(HOURS);
    // Polling at the hidden interval alone is 120 requests an hour.
    expect(r.requests.ccc).toBeGreaterThan(HOURS * 120);
    expect(r.requests.desk).toBeGreaterThan(HOURS * 12 * 2);
    expect(r.statsRefreshes).toBe(HOURS * 12);
    expect(r.statsFailures).toBe(0);
    expect(r.snapshots).toBeGreaterThan(HOURS * 10);
    expect(r.trayBuilds).toBeGreaterThan(HOURS * 60);
    expect(r.logLinesWithSecret).toBe(0);
  }, 180_000);

  it('keeps the heap flat after the first hour (gc before each figure)', async () => {
    const r = await run();
    // The objects the app holds (heap minus V8's compiled code and bytecode, which grow while
    // functions warm up and level off): under 1 MiB.
    expect(r.growthAfterFirstHour.objects).toBeLessThan(1 * MiB);
    // Everything, compiled code included: a loose bound that still catches a real leak.
    expect(r.growthAfterFirstHour.heapUsed).toBeLessThan(3 * MiB);
  }, 180_000);

  it('leaves no timer behind, and never piles them up during the day', async () => {
    const r = await run();
    // Poll, notification policy, undo window, a request deadline or two.
    expect(r.maxPendingTimers).toBeLessThanOrEqual(6);
    for (const s of r.samples) expect(s.pendingTimers).toBeLessThanOrEqual(6);
    expect(r.pendingTimersAfterDispose).toBe(0);
    expect(newHandles(r.handlesBefore, r.handlesAfterDispose)).toEqual([]);
  }, 180_000);

  it('leaves no listener behind: none grows during the day, none survives dispose', async () => {
    const r = await run();
    // During the day only the pooled keep-alive connections hold listeners (their number varies
    // a little as idle sockets close and reopen); nothing per request or per poll stays.
    expect(
      Object.keys(r.listenersAtEnd.byKind).filter((k) => !/^(Socket|Client|Pool):/.test(k)),
    ).toEqual([]);
    expect(r.listenersAtEnd.total).toBeLessThanOrEqual(r.listenersAfterFirstHour.total + 20);
    expect(r.listenersAfterDispose).toEqual({ total: 0, byKind: {} });
  }, 180_000);
});
