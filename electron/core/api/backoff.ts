import type { Timers } from '../ports';
/**
 * Exponential backoff with FULL jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
 * the delay before retry number `attempt` (0-based) is uniformly drawn from
 * `[0, min(cap, base * 2^attempt))`. Full jitter spreads a burst of clients that were all rate
 * limited at once (every agent of one account shares the CCC limit) instead of having them retry
 * in lock-step. Pure: randomness is injected.
 */

/** How often and how patiently to retry. Always bounded: see `normalizeRetryPolicy`. */
export interface RetryPolicy {
  /** Total attempts including the first one. 1 = no retry. */
  maxAttempts: number;
  /** Ceiling of the first retry's delay, in ms. */
  baseMs: number;
  /** Upper bound of any single delay, in ms. */
  capMs: number;
}

/**
 * Three attempts; the two retries wait a random time below 500 ms and below 1 s. CCC's limit is
 * counted per second, so the second retry is spread over a whole one-second window.
 */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 3,
  baseMs: 500,
  capMs: 8_000,
});

/** Hard bounds so a bad setting can never make a client retry forever or sleep for hours. */
export const RETRY_LIMITS = Object.freeze({ maxAttempts: 10, capMs: 60_000 });

const finiteOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/**
 * Completes a partial policy with defaults and clamps it: `maxAttempts` an integer in
 * 1..RETRY_LIMITS.maxAttempts, `baseMs` >= 0, `capMs` in [baseMs, RETRY_LIMITS.capMs].
 * `maxAttemptsOverride` (a per-call option) wins over the policy's own value.
 */
export function normalizeRetryPolicy(
  partial: Partial<RetryPolicy> = {},
  maxAttemptsOverride?: number,
): RetryPolicy {
  const rawAttempts = finiteOr(
    maxAttemptsOverride,
    finiteOr(partial.maxAttempts, DEFAULT_RETRY_POLICY.maxAttempts),
  );
  const maxAttempts = Math.min(RETRY_LIMITS.maxAttempts, Math.max(1, Math.floor(rawAttempts)));
  const baseMs = Math.min(
    RETRY_LIMITS.capMs,
    Math.max(0, finiteOr(partial.baseMs, DEFAULT_RETRY_POLICY.baseMs)),
  );
  const capMs = Math.min(
    RETRY_LIMITS.capMs,
    Math.max(baseMs, finiteOr(partial.capMs, DEFAULT_RETRY_POLICY.capMs)),
  );
  return { maxAttempts, baseMs, capMs };
}

/** The ceiling `min(cap, base * 2^attempt)` for 0-based retry number `attempt`. Never NaN. */
export function backoffCeilingMs(attempt: number, baseMs: number, capMs: number): number {
  const n = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt)) : 0;
  const base = Math.max(0, finiteOr(baseMs, 0));
  const cap = Math.max(0, finiteOr(capMs, 0));
  if (base === 0 || cap === 0) return 0;
  // 2^n overflows to Infinity for large n; min() then yields the cap, as intended.
  return Math.min(cap, base * 2 ** n);
}

/**
 * Full-jitter delay in whole ms: `floor(random() * min(cap, base * 2^attempt))`.
 * `random` must return a number in [0, 1); anything else is clamped into that range.
 */
export function fullJitterDelayMs(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseMs' | 'capMs'>,
  random: () => number,
): number {
  const ceiling = backoffCeilingMs(attempt, policy.baseMs, policy.capMs);
  const r = finiteOr(random(), 0);
  const unit = Math.min(Math.max(r, 0), 1 - Number.EPSILON);
  return Math.floor(unit * ceiling);
}

/**
 * A wait between retries on the injected timers that ends early (resolving, never rejecting)
 * when `signal` aborts. A wait that ends normally takes its listener off the caller's signal,
 * which usually lives longer than one wait.
 */
export function abortableSleep(
  timers: Timers,
): (ms: number, signal?: AbortSignal) => Promise<void> {
  return (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = (): void => {
        timers.clearTimeout(handle);
        resolve();
      };
      const handle = timers.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
}
