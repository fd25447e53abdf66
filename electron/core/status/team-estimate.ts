import type { Result } from '../../../shared/result';
import type { Clock, TimerHandle, Timers } from '../ports';
import { jitterMs, unitRandom } from './adaptive-poller';

/**
 * How many apps may share the API key, estimated by the app itself when the user set no team
 * size: now and then one unfiltered DescribeStaffStatusMetrics (no StaffList: every agent of the
 * SdkAppId) counting the agents not offline. An upper bound of the apps polling the shared
 * 20 req/s budget when every online agent runs the app, a lower one when offline agents leave
 * theirs running. The poller uses it exactly like the hint (its team floor).
 *
 * Cost: one request per agent per `everyMs` (hourly: 1,000 agents add about 0.28 req/s to the
 * shared budget) and an answer of one row per agent of the SdkAppId (about 450 bytes each).
 * A failed or rate-limited estimate changes nothing (the previous estimate, or AIMD alone, stays)
 * and is retried after `retryMs`, doubling per failure in a row up to `everyMs`.
 */

/** Tunables of the estimate schedule (ms). */
export interface TeamEstimateTuning {
  /** Nominal time between two successful estimates. */
  everyMs: number;
  /** Scheduled delays are drawn uniformly from nominal * [1 - r, 1 + r). */
  jitterRatio: number;
  /** The first estimate comes within [firstMinMs, firstMaxMs) of `start()`. */
  firstMinMs: number;
  firstMaxMs: number;
  /** After a failed estimate: retryMs * 2^(n-1) for n failures in a row, at most everyMs. */
  retryMs: number;
}

/** Defaults: hourly, +-20%, the first 30-90 s after the first poll (the start's own polls go
 * first), retry after 2 min. */
export const DEFAULT_TEAM_ESTIMATE_TUNING: Readonly<TeamEstimateTuning> = Object.freeze({
  everyMs: 3_600_000,
  jitterRatio: 0.2,
  firstMinMs: 30_000,
  firstMaxMs: 90_000,
  retryMs: 120_000,
});

/** What an estimate request came to: the number of agents not offline, or an error. */
export type EstimateFetch = (signal: AbortSignal) => Promise<Result<number>>;

/** Options of `TeamEstimator`. */
export interface TeamEstimatorOptions {
  clock: Clock;
  timers: Timers;
  random: () => number;
  fetch: EstimateFetch;
  /** Whether a request may go now (not halted, online); if not, the estimate waits `retryMs`. */
  ready: () => boolean;
  /** Called with each new estimate (never for a failed one). */
  onEstimate: (teamSize: number) => void;
  tuning?: Partial<TeamEstimateTuning>;
}

/**
 * Runs the estimate schedule with at most one timer and one request at a time. `stop()` clears
 * the timer and aborts a request in flight (its answer is ignored); the estimate is kept until
 * `reset()`. Never throws.
 */
export class TeamEstimator {
  private readonly tuning: TeamEstimateTuning;
  private value: number | null = null;
  private running = false;
  private timer: TimerHandle | null = null;
  private abort: AbortController | null = null;
  private failures = 0;
  private made = 0;
  private lastAtMs: number | null = null;

  constructor(private readonly opts: TeamEstimatorOptions) {
    this.tuning = { ...DEFAULT_TEAM_ESTIMATE_TUNING, ...opts.tuning };
  }

  /** The last successful estimate, or null when none was made (or after `reset()`). */
  current(): number | null {
    return this.value;
  }

  /** Estimate requests sent (successful or not) and when the last successful one ended. */
  counts(): { requests: number; lastAtMs: number | null } {
    return { requests: this.made, lastAtMs: this.lastAtMs };
  }

  /** Starts the schedule: the first estimate within [firstMinMs, firstMaxMs). Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const { firstMinMs: lo, firstMaxMs: hi } = this.tuning;
    this.scheduleIn(lo + Math.floor(unitRandom(this.opts.random) * Math.max(0, hi - lo)));
  }

  /** Clears the timer and abandons a request in flight; the estimate is kept. Idempotent. */
  stop(): void {
    this.running = false;
    this.clearTimer();
    this.abort?.abort();
    this.abort = null;
  }

  /** Forgets the estimate (another SdkAppId: another team). */
  reset(): void {
    this.value = null;
    this.failures = 0;
    this.lastAtMs = null;
  }

  private async run(): Promise<void> {
    if (!this.opts.ready()) {
      this.scheduleIn(jitterMs(this.tuning.retryMs, this.tuning.jitterRatio, this.opts.random));
      return;
    }
    const abort = new AbortController();
    this.abort = abort;
    this.made++;
    let count: number | null = null;
    try {
      const r = await this.opts.fetch(abort.signal);
      if (r.ok && Number.isFinite(r.value) && r.value > 0) count = Math.round(r.value);
    } catch {
      count = null; // the fetch keeps the never-throw contract; this is only a guard
    }
    if (this.abort !== abort) return; // stopped (or restarted) meanwhile: ignore the answer
    this.abort = null;
    let next: number;
    if (count !== null) {
      this.failures = 0;
      this.value = count;
      this.lastAtMs = this.opts.clock.now();
      next = this.tuning.everyMs;
      this.opts.onEstimate(this.value);
    } else {
      this.failures++;
      const backoff = this.tuning.retryMs * 2 ** Math.min(this.failures - 1, 20);
      next = Math.min(this.tuning.everyMs, backoff);
    }
    if (this.running) this.scheduleIn(jitterMs(next, this.tuning.jitterRatio, this.opts.random));
  }

  private scheduleIn(ms: number): void {
    this.clearTimer();
    this.timer = this.opts.timers.setTimeout(() => {
      this.timer = null;
      void this.run();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.opts.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
