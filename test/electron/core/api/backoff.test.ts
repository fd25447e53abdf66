import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../helpers/fake-clock';
import {
  abortableSleep,
  backoffCeilingMs,
  DEFAULT_RETRY_POLICY,
  fullJitterDelayMs,
  normalizeRetryPolicy,
  RETRY_LIMITS,
} from '../../../../electron/core/api/backoff';

const policy = { baseMs: 100, capMs: 1_000 };

describe('backoffCeilingMs', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffCeilingMs(n, 100, 1_000))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('never overflows or returns NaN', () => {
    expect(backoffCeilingMs(10_000, 100, 1_000)).toBe(1_000);
    expect(backoffCeilingMs(Number.POSITIVE_INFINITY, 100, 1_000)).toBe(100);
    expect(backoffCeilingMs(-3, 100, 1_000)).toBe(100);
    expect(backoffCeilingMs(5, 0, 1_000)).toBe(0);
    expect(backoffCeilingMs(5, Number.NaN, 1_000)).toBe(0);
  });
});

describe('fullJitterDelayMs', () => {
  it('is exactly random() * min(cap, base * 2^attempt), floored', () => {
    const half = () => 0.5;
    expect([0, 1, 2, 3, 4, 9].map((n) => fullJitterDelayMs(n, policy, half))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    expect(fullJitterDelayMs(2, policy, () => 0.123)).toBe(49); // floor(0.123 * 400)
    expect(fullJitterDelayMs(0, policy, () => 0)).toBe(0);
  });

  it('stays in [0, ceiling) for any random value, including out-of-range ones', () => {
    for (const r of [0, 1e-9, 0.25, 0.999999, 1, 1.5, -0.2, Number.NaN]) {
      for (let attempt = 0; attempt < 12; attempt += 1) {
        const d = fullJitterDelayMs(attempt, policy, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(backoffCeilingMs(attempt, 100, 1_000));
        expect(Number.isInteger(d)).toBe(true);
      }
    }
  });

  it('spreads delays: a thousand seeded draws cover the whole window', () => {
    let seed = 42;
    const lcg = () => (seed = (seed * 1_664_525 + 1_013_904_223) % 2 ** 32) / 2 ** 32;
    const draws = Array.from({ length: 1_000 }, () => fullJitterDelayMs(3, policy, lcg));
    expect(Math.min(...draws)).toBeLessThan(80);
    expect(Math.max(...draws)).toBeGreaterThan(720);
  });
});

describe('normalizeRetryPolicy', () => {
  it('fills defaults', () => {
    expect(normalizeRetryPolicy()).toEqual(DEFAULT_RETRY_POLICY);
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(3);
  });

  it('lets a per-call maxAttempts win (1 = no retry)', () => {
    expect(normalizeRetryPolicy({ maxAttempts: 5 }, 1).maxAttempts).toBe(1);
    expect(normalizeRetryPolicy({ maxAttempts: 5 }).maxAttempts).toBe(5);
  });

  it('keeps every value bounded', () => {
    expect(normalizeRetryPolicy({ maxAttempts: 0 }).maxAttempts).toBe(1);
    expect(normalizeRetryPolicy({ maxAttempts: 2.7 }).maxAttempts).toBe(2);
    expect(normalizeRetryPolicy({ maxAttempts: 1e9 }).maxAttempts).toBe(RETRY_LIMITS.maxAttempts);
    expect(normalizeRetryPolicy({}, Number.NaN).maxAttempts).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(normalizeRetryPolicy({ baseMs: -5, capMs: -1 })).toMatchObject({ baseMs: 0, capMs: 0 });
    expect(normalizeRetryPolicy({ baseMs: 300, capMs: 100 })).toMatchObject({
      baseMs: 300,
      capMs: 300,
    });
    expect(normalizeRetryPolicy({ capMs: 1e12 }).capMs).toBe(RETRY_LIMITS.capMs);
  });
});

describe('abortableSleep', () => {
  it('resolves after the delay and leaves no timer or listener behind', async () => {
    const clock = new FakeClock(0);
    const controller = new AbortController();
    let done = false;
    const wait = abortableSleep(clock)(500, controller.signal).then(() => (done = true));
    await clock.advanceAsync(499);
    expect(done).toBe(false);
    await clock.advanceAsync(1);
    await wait;
    expect(done).toBe(true);
    expect(clock.pendingTimers()).toBe(0);
    // The listener is gone: aborting now must not call into a finished wait.
    controller.abort();
  });

  it('resolves at once when aborted, and clears its timer', async () => {
    const clock = new FakeClock(0);
    const controller = new AbortController();
    const wait = abortableSleep(clock)(10_000, controller.signal);
    controller.abort();
    await wait;
    expect(clock.pendingTimers()).toBe(0);
  });

  it('does not wait at all on an already aborted signal', async () => {
    const clock = new FakeClock(0);
    await abortableSleep(clock)(10_000, AbortSignal.abort());
    expect(clock.pendingTimers()).toBe(0);
  });
});
