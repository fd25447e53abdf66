import { describe, expect, it } from 'vitest';
import { AdaptivePoller, type PollOutcome } from '../../../../electron/core/status/adaptive-poller';
import { FakeClock } from '../../../helpers/fake-clock';
import { seededRandom } from './seeded-random';

/**
 * Issue 6 section 1: 1,000 tray apps share one API key, i.e. one 20 req/s limit for
 * DescribeStaffStatusMetrics, with no server to coordinate them. Simulated with real pollers on a
 * fake clock against a per-second window limiter.
 */

interface FleetResult {
  /** Requests per second (accepted + rejected) over the measured window. */
  offeredPerSecond: number;
  /** Fraction of requests rejected with RequestLimitExceeded over the measured window. */
  rejectedFraction: number;
  /** Longest time any agent went without a successful poll in the measured window, ms. */
  worstGapMs: number;
  /** Median of the agents' final nominal interval, ms. */
  medianIntervalMs: number;
}

async function runFleet(
  agents: number,
  minutes: number,
  teamSize: number | null,
): Promise<FleetResult> {
  const clock = new FakeClock(0);
  const limit = 20;
  const counts = new Map<number, number>();
  const measureFrom = (minutes / 2) * 60_000;
  let offered = 0;
  let rejected = 0;
  const lastOk: number[] = new Array<number>(agents).fill(measureFrom);
  let worstGapMs = 0;
  const pollers: AdaptivePoller[] = [];
  for (let i = 0; i < agents; i++) {
    const poller = new AdaptivePoller({
      clock,
      timers: clock,
      random: seededRandom(1_000 + i),
      settings: { visibleIntervalMs: 5_000, hiddenIntervalMs: 30_000, teamSize },
      poll: async (): Promise<PollOutcome> => {
        const now = clock.now();
        const second = Math.floor(now / 1_000);
        const used = counts.get(second) ?? 0;
        const accepted = used < limit;
        if (accepted) counts.set(second, used + 1);
        if (now >= measureFrom) {
          offered++;
          if (!accepted) rejected++;
          if (accepted) {
            worstGapMs = Math.max(worstGapMs, now - (lastOk[i] as number));
            lastOk[i] = now;
          }
        }
        return accepted ? 'ok' : 'rate_limited';
      },
    });
    // A tenth of the agents keep their window open.
    poller.setVisible(i % 10 === 0);
    pollers.push(poller);
  }
  // Everyone starts within the same minute (the 9 o'clock log-in).
  const startRandom = seededRandom(42);
  for (const p of pollers) clock.setTimeout(() => p.start(), Math.floor(startRandom() * 60_000));
  // Advance in one-second steps so the per-second counter map can be pruned.
  for (let s = 0; s < minutes * 60; s++) {
    await clock.advanceAsync(1_000);
    counts.delete(s - 2);
  }
  const end = clock.now();
  for (const t of lastOk) worstGapMs = Math.max(worstGapMs, end - t);
  for (const p of pollers) p.stop();
  expect(clock.pendingTimers()).toBe(0);
  const intervals = pollers.map((p) => p.stats().currentIntervalMs).sort((a, b) => a - b);
  return {
    offeredPerSecond: offered / ((end - measureFrom) / 1_000),
    rejectedFraction: offered === 0 ? 0 : rejected / offered,
    worstGapMs,
    medianIntervalMs: intervals[Math.floor(intervals.length / 2)] as number,
  };
}

describe('fleet of 1,000 agents on one API key', () => {
  it('without a hint: AIMD settles near the shared limit, few polls rejected, nobody starved', async () => {
    // Without adaptation the offered load is 1000 * (0.1/5 + 0.9/30) = 50 req/s: 60% rejected.
    const r = await runFleet(1_000, 120, null);
    expect(r.offeredPerSecond).toBeLessThan(21);
    expect(r.offeredPerSecond).toBeGreaterThan(15); // uses the capacity, does not collapse
    expect(r.rejectedFraction).toBeLessThan(0.08);
    // Nobody starves: at worst a couple of rejected polls at the 300 s ceiling in a row.
    expect(r.worstGapMs).toBeLessThan(18 * 60_000);
    // The fair share is 1,000 / 20 req/s = 50 s: most agents are near it.
    expect(r.medianIntervalMs).toBeGreaterThanOrEqual(40_000);
    expect(r.medianIntervalMs).toBeLessThanOrEqual(120_000);
  }, 60_000);

  it('with the team-size hint: 65% of the limit, few rejected, nobody far behind', async () => {
    const r = await runFleet(1_000, 30, 1_000);
    expect(r.offeredPerSecond).toBeLessThan(13.5);
    expect(r.offeredPerSecond).toBeGreaterThan(12);
    expect(r.rejectedFraction).toBeLessThan(0.02);
    // A few agents cut hard in the log-in rush are still climbing back (fast, up to their knee).
    expect(r.worstGapMs).toBeLessThan(6 * 60_000);
    expect(r.medianIntervalMs).toBe(76_924);
  }, 60_000);
});
