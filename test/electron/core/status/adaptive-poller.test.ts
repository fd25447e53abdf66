import { describe, expect, it } from 'vitest';
import {
  AdaptivePoller,
  DEFAULT_POLL_TUNING,
  jitterMs,
  teamFloorMs,
  transientBackoffMs,
  type PollOutcome,
  type PollSettings,
  type PollTuning,
} from '../../../../electron/core/status/adaptive-poller';
import { FakeClock, flushPromises } from '../../../helpers/fake-clock';
import { seededRandom } from './seeded-random';

const SETTINGS: PollSettings = {
  visibleIntervalMs: 5_000,
  hiddenIntervalMs: 30_000,
  teamSize: null,
};

function setup(
  script: PollOutcome[] = [],
  settings: Partial<PollSettings> = {},
  random = seededRandom(7),
  tuning: Partial<PollTuning> = {},
) {
  const clock = new FakeClock(0);
  const starts: number[] = [];
  const outcomes = [...script];
  let gate: Promise<void> | null = null;
  const poller = new AdaptivePoller({
    clock,
    timers: clock,
    random,
    settings: { ...SETTINGS, ...settings },
    tuning,
    poll: async () => {
      starts.push(clock.now());
      if (gate) await gate;
      return outcomes.shift() ?? 'ok';
    },
  });
  const hold = () => {
    let release = () => {};
    gate = new Promise<void>((r) => (release = r));
    return () => {
      gate = null;
      release();
    };
  };
  /** Gaps between consecutive poll starts. */
  const gaps = () => starts.slice(1).map((s, i) => s - (starts[i] as number));
  return { clock, poller, starts, gaps, hold };
}

const within = (value: number, nominal: number, ratio = DEFAULT_POLL_TUNING.jitterRatio) =>
  value >= Math.floor(nominal * (1 - ratio)) && value <= Math.ceil(nominal * (1 + ratio));

describe('poll policy (pure)', () => {
  it('team floor keeps a team at 65% of the shared 20 req/s limit', () => {
    expect(teamFloorMs(null)).toBe(0);
    expect(teamFloorMs(0)).toBe(0);
    expect(teamFloorMs(13)).toBe(1_000);
    expect(teamFloorMs(1_000)).toBe(76_924); // 1,000 agents / 76.9 s = 13 req/s
    expect(teamFloorMs(1_000, { ...DEFAULT_POLL_TUNING, teamShareOfLimit: 0.5 })).toBe(100_000);
  });

  it('transient backoff doubles from the base interval up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => transientBackoffMs(n, 5_000, 60_000))).toEqual([
      0, 5_000, 10_000, 20_000, 40_000, 60_000, 60_000,
    ]);
    expect(transientBackoffMs(3, 90_000, 60_000)).toBe(90_000); // never below the base interval
    expect(transientBackoffMs(1_000, 5_000, 60_000)).toBe(60_000); // no overflow
  });

  it('jitter stays within +-ratio and survives a bad random source', () => {
    expect(jitterMs(10_000, 0.2, () => 0)).toBe(8_000);
    expect(jitterMs(10_000, 0.2, () => 0.5)).toBe(10_000);
    expect(jitterMs(10_000, 0.2, () => 1)).toBeLessThanOrEqual(12_000);
    expect(jitterMs(10_000, 0.2, () => Number.NaN)).toBe(8_000);
    expect(jitterMs(10_000, 0.2, () => -3)).toBe(8_000);
  });
});

describe('AdaptivePoller', () => {
  it('polls first within a second, then at the hidden interval, always jittered within bounds', async () => {
    // Probing off: the background interval as configured (probing has its own test).
    const t = setup([], {}, seededRandom(7), { probeAfterPolls: Number.POSITIVE_INFINITY });
    t.poller.start();
    expect(t.clock.pendingDelays()[0]).toBeLessThan(1_000);
    await t.clock.advanceAsync(30 * 60_000);
    expect(t.starts[0]).toBeLessThan(1_000);
    const gaps = t.gaps();
    expect(gaps.length).toBeGreaterThan(50);
    for (const g of gaps) expect(within(g, 30_000)).toBe(true);
    // Jitter really varies (clients do not march in step).
    expect(new Set(gaps).size).toBeGreaterThan(gaps.length / 2);
    expect(t.poller.stats()).toEqual({
      polls: t.starts.length,
      rateLimited: 0,
      currentIntervalMs: 30_000,
    });
  });

  it('switches to the visible interval; showing a stale window polls at once, a fresh one does not', async () => {
    const t = setup();
    t.poller.start();
    await t.clock.advanceAsync(1_000); // first poll done
    expect(t.starts).toHaveLength(1);
    await t.clock.advanceAsync(2_000);
    t.poller.setVisible(true); // last poll 2-3 s ago: not stale for a 5 s interval
    await flushPromises();
    expect(t.starts).toHaveLength(1);
    const next = t.clock.pendingDelays()[0] as number;
    expect(next + 2_000).toBeGreaterThanOrEqual(4_000 - 1_000); // planned from the last poll
    await t.clock.advanceAsync(60_000);
    for (const g of t.gaps().slice(1)) expect(within(g, 5_000)).toBe(true);

    t.poller.setVisible(false);
    const before = t.starts.length;
    await t.clock.advanceAsync(20_000);
    expect(t.starts.length - before).toBeLessThanOrEqual(1);
    await t.clock.advanceAsync(40_000); // now stale
    t.poller.setVisible(true);
    await flushPromises();
    expect(t.starts.at(-1)).toBe(t.clock.now()); // polled immediately
  });

  it('AIMD: cuts the rate on RequestLimitExceeded (harder when in a row), then recovers slowly', async () => {
    const t = setup(['rate_limited', 'rate_limited', 'ok', 'rate_limited']);
    t.poller.start();
    const nominals: number[] = [];
    for (let i = 0; i < 12; i++) {
      await t.clock.runNextAsync();
      nominals.push(t.poller.nominalIntervalMs());
    }
    // Rate /1.25: 30 s becomes 37.5 s; the second in a row cuts /2.5: 93.75 s.
    expect(nominals.slice(0, 2)).toEqual([37_500, 93_750]);
    // Below the knee (0.8^2 = 0.64 of base, where gentle cuts would have left it) a success
    // multiplies the rate by 1.25 (0.32 -> 0.4 of base).
    expect(nominals[2]).toBe(75_000);
    // A lone rejection after a success cuts gently again (/1.25), not /5.
    expect(nominals[3]).toBe(93_750);
    // Its knee is where it left the rate: then strictly decreasing, by small additive steps
    // (0.2% of the base rate each, under 1% of the interval).
    for (let i = 4; i < 12; i++) {
      expect(nominals[i]).toBeLessThan(nominals[i - 1] as number);
      expect(nominals[i]).toBeGreaterThan((nominals[i - 1] as number) * 0.99);
    }
    expect(nominals[4]).toBe(Math.round(30_000 / 0.322));
    // Every actual gap is the nominal interval of its time, jittered within bounds.
    t.gaps().forEach((g, i) => expect(within(g, nominals[i] as number)).toBe(true));
    expect(t.poller.stats()).toMatchObject({ polls: 12, rateLimited: 3 });
  });

  it('AIMD: the deep cuts of a storm are undone in a few polls up to the knee, not over hours', async () => {
    const t = setup(['rate_limited', 'rate_limited', 'rate_limited']);
    t.poller.start();
    for (let i = 0; i < 3; i++) await t.clock.runNextAsync();
    // 1 / 1.25 / 2.5 / 5 = 0.064 of base, floored at 30 s / 300 s = 0.1; knee 0.8^3 = 0.512.
    expect(t.poller.nominalIntervalMs()).toBe(300_000);
    const nominals: number[] = [];
    for (let i = 0; i < 12; i++) {
      await t.clock.runNextAsync();
      nominals.push(t.poller.nominalIntervalMs());
    }
    // x1.25 per success: 0.125, 0.156, 0.195, 0.244, 0.305, 0.381, 0.477, then the knee 0.512.
    expect(nominals.slice(0, 8)).toEqual(
      [
        0.125, 0.15625, 0.1953125, 0.244140625, 0.30517578125, 0.3814697265625, 0.476837158203125,
        0.512,
      ].map((f) => Math.round(30_000 / f)),
    );
    // Then additive again: 0.2% of the base rate per success.
    expect(nominals[8]).toBe(Math.round(30_000 / 0.514));
  });

  it('AIMD: a storm of rejections ends at maxIntervalMs, never beyond', async () => {
    const t = setup(Array<PollOutcome>(10).fill('rate_limited'));
    t.poller.start();
    const nominals: number[] = [];
    for (let i = 0; i < 10; i++) {
      await t.clock.runNextAsync();
      nominals.push(t.poller.nominalIntervalMs());
    }
    expect(nominals).toEqual([
      37_500, 93_750, 300_000, 300_000, 300_000, 300_000, 300_000, 300_000, 300_000, 300_000,
    ]);
    for (const g of t.gaps()) expect(g).toBeLessThanOrEqual(360_000);
  });

  it('AIMD with the window visible: a lone rejection takes 100 successful polls to undo', async () => {
    const t = setup(['rate_limited']);
    t.poller.setVisible(true);
    t.poller.start();
    await t.clock.runNextAsync();
    expect(t.poller.nominalIntervalMs()).toBe(6_250);
    let polls = 0;
    while (t.poller.nominalIntervalMs() > 5_000) {
      await t.clock.runNextAsync();
      polls++;
    }
    expect(polls).toBeGreaterThanOrEqual(99);
    expect(polls).toBeLessThanOrEqual(101);
    // Never below the base interval.
    await t.clock.runNextAsync();
    expect(t.poller.nominalIntervalMs()).toBe(5_000);
  });

  it('backs off exponentially on transient failures and resets on success or resume', async () => {
    const t = setup([
      'failed',
      'failed',
      'failed',
      'failed',
      'failed',
      'failed',
      'ok',
      'failed',
      'failed',
    ]);
    t.poller.setVisible(true);
    t.poller.start();
    const nominals: number[] = [];
    for (let i = 0; i < 9; i++) {
      await t.clock.runNextAsync();
      nominals.push(t.poller.nominalIntervalMs());
    }
    expect(nominals).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 5_000, 5_000, 10_000]);
    t.poller.resume();
    expect(t.poller.nominalIntervalMs()).toBe(5_000);
    expect(t.clock.pendingDelays()[0]).toBeLessThan(1_000);
  });

  it('resume keeps the AIMD rate (it describes the shared account, not this machine)', async () => {
    const t = setup(['rate_limited', 'failed', 'failed', 'failed']);
    t.poller.start();
    for (let i = 0; i < 4; i++) await t.clock.runNextAsync();
    expect(t.poller.nominalIntervalMs()).toBe(60_000); // transient backoff, capped at 60 s
    t.poller.resume();
    expect(t.poller.nominalIntervalMs()).toBe(37_500); // AIMD rate kept, backoff reset
  });

  it('the team-size hint sets the interval to the fair share, shown or hidden, never below the window-open one', () => {
    const t = setup([], { teamSize: 1_000 });
    expect(t.poller.nominalIntervalMs()).toBe(76_924);
    t.poller.setVisible(true);
    expect(t.poller.nominalIntervalMs()).toBe(76_924);
    t.poller.setSettings({ teamSize: 20 });
    expect(t.poller.nominalIntervalMs()).toBe(5_000);
    // A small team's fair share is faster than the 30 s background interval: the tray uses it.
    t.poller.setVisible(false);
    expect(t.poller.nominalIntervalMs()).toBe(5_000);
    t.poller.setSettings({ teamSize: 200 });
    expect(t.poller.nominalIntervalMs()).toBe(15_385);
  });

  it('a new team size (hint or estimate) starts AIMD afresh at the fair share', async () => {
    // Cut by a storm before the team was known: 30 s / (1.25 * 2.5 * 5) = 468.75 s, capped at 300 s.
    const t = setup(['rate_limited', 'rate_limited', 'rate_limited']);
    t.poller.start();
    for (let i = 0; i < 3; i++) await t.clock.runNextAsync();
    expect(t.poller.nominalIntervalMs()).toBe(300_000);
    t.poller.setSettings({ teamSize: 1_000 });
    expect(t.poller.nominalIntervalMs()).toBe(76_924);
    // The same size again changes nothing: a cut made under it stays.
    t.poller.setSettings({ teamSize: 1_000, visibleIntervalMs: 5_000 });
    expect(t.poller.nominalIntervalMs()).toBe(76_924);
  });

  it('in the background without a hint, a long clean run probes up to the window-open interval; a rejection ends it', async () => {
    const script: PollOutcome[] = [...Array<PollOutcome>(80).fill('ok'), 'rate_limited'];
    const t = setup(script);
    t.poller.start();
    const nominals: number[] = [];
    for (let i = 0; i < 84; i++) {
      await t.clock.runNextAsync();
      nominals.push(t.poller.nominalIntervalMs());
    }
    // The first 19 successes keep the background interval (additive steps above the base rate
    // are tiny); from the 20th on, the rate grows 3% per success.
    expect(nominals[18]).toBeGreaterThan(29_000);
    expect(nominals[19]).toBeLessThan(nominals[18] as number);
    expect(nominals[30]).toBeLessThan(22_000);
    // Never faster than the window-open interval.
    expect(Math.min(...nominals.slice(0, 80))).toBe(5_000);
    expect(nominals[79]).toBe(5_000);
    // The rejection cuts /1.25 (6.25 s) and the next growth is additive again.
    expect(nominals[80]).toBe(6_250);
    expect(nominals[81]).toBeGreaterThan(6_200);
    for (const g of t.gaps()) expect(g).toBeGreaterThanOrEqual(4_000);
  });

  it('with a hint, a lone rejection is a chance collision: no cut, the retry comes soon; repeated ones are cut', async () => {
    const t = setup(['ok', 'ok', 'rate_limited', 'ok'], { teamSize: 1_000 });
    t.poller.start();
    for (let i = 0; i < 3; i++) await t.clock.runNextAsync();
    expect(t.poller.nominalIntervalMs()).toBe(76_924);
    // The retry within a quarter of the interval, in another second.
    expect(t.clock.pendingDelays()[0]).toBeLessThan(76_924 / 4);
    await t.clock.runNextAsync();
    expect(t.poller.nominalIntervalMs()).toBe(76_924);
    expect(within(t.clock.pendingDelays()[0] as number, 76_924)).toBe(true);

    // Rejected twice in a row (the retry too): overload, the hint is too small for the team.
    const u = setup(['rate_limited', 'rate_limited'], { teamSize: 1_000 });
    u.poller.start();
    await u.clock.runNextAsync();
    expect(u.poller.nominalIntervalMs()).toBe(76_924);
    await u.clock.runNextAsync();
    expect(u.poller.nominalIntervalMs()).toBe(Math.round(76_924 * 2.5));

    // Rejected often (more than 5% of recent polls): every lone rejection is cut.
    const often: PollOutcome[] = [];
    for (let i = 0; i < 6; i++) often.push('rate_limited', 'ok', 'ok', 'ok', 'ok');
    const v = setup(often, { teamSize: 20 });
    v.poller.start();
    for (let i = 0; i < often.length; i++) await v.clock.runNextAsync();
    expect(v.poller.nominalIntervalMs()).toBeGreaterThan(5_500);
    expect(v.poller.stats().rateLimited).toBe(6);
  });

  it('while the OS is offline polls only at the probe interval; back online polls soon', async () => {
    const t = setup();
    t.poller.setVisible(true);
    t.poller.start();
    await t.clock.advanceAsync(1_000);
    t.poller.setOnline(false);
    expect(t.poller.nominalIntervalMs()).toBe(60_000);
    expect(t.clock.pendingDelays()[0]).toBeGreaterThanOrEqual(48_000 - 1_000);
    t.poller.setOnline(true);
    expect(t.clock.pendingDelays()[0]).toBeLessThan(1_000);
  });

  it('halt stops automatic polls (no timer) until unhalt; pollNow still polls on request', async () => {
    const t = setup(['halt']);
    t.poller.start();
    await t.clock.advanceAsync(1_000);
    expect(t.starts).toHaveLength(1);
    expect(t.clock.pendingTimers()).toBe(0);
    await t.clock.advanceAsync(10 * 60_000);
    expect(t.starts).toHaveLength(1);
    t.poller.unhalt();
    expect(t.clock.pendingDelays()[0]).toBeLessThan(1_000);
    await t.clock.advanceAsync(1_000);
    expect(t.starts).toHaveLength(2);
    expect(t.clock.pendingTimers()).toBe(1);
  });

  it('coalesces pollNow calls with the poll in flight; fresh adds exactly one more after it', async () => {
    const t = setup();
    t.poller.start();
    const release = t.hold();
    await t.clock.advanceAsync(1_000);
    expect(t.starts).toHaveLength(1);
    const a = t.poller.pollNow();
    const b = t.poller.pollNow();
    const c = t.poller.pollNow(true);
    const d = t.poller.pollNow(true);
    expect(c).toBe(d);
    release();
    await Promise.all([a, b, c, d]);
    expect(t.starts).toHaveLength(2);
    expect(t.clock.pendingTimers()).toBe(1);
  });

  it('stop clears the timer; a poll completing after stop schedules nothing', async () => {
    const t = setup();
    t.poller.start();
    const release = t.hold();
    await t.clock.advanceAsync(1_000);
    const fresh = t.poller.pollNow(true);
    t.poller.stop();
    expect(t.clock.pendingTimers()).toBe(0);
    release();
    await fresh;
    await flushPromises();
    expect(t.clock.pendingTimers()).toBe(0);
    expect(t.starts).toHaveLength(1); // the fresh follow-up was cancelled by stop
    t.poller.stop();
    expect(t.clock.pendingTimers()).toBe(0);
  });
});
