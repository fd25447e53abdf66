import type { Clock, TimerHandle, Timers } from '../ports';

/**
 * When to poll DescribeStaffStatusMetrics, with no server to coordinate: the 20 req/s limit is
 * shared by every agent whose app uses the same API key, so 1,000 agents must find a fair, low
 * rate on their own. The policy (pure functions below) combines:
 *
 * - a base interval: `visibleIntervalMs` while the window is shown, `hiddenIntervalMs` otherwise;
 * - a team floor from the optional team-size hint: `teamSize / (0.5 * 20 req/s)`, i.e. the whole
 *   team together uses at most half the shared limit;
 * - AIMD on the poll RATE (a fraction of the base rate, in (0, 1]): a RequestLimitExceeded divides
 *   it by `rateLimitFactor` (1.25), and each further one in a row cuts twice, then four times as
 *   hard (/2.5, /5), so a storm clears within a minute or two while the lone rejection of a busy
 *   steady state costs little; never below one poll per `maxIntervalMs`. Each successful poll adds
 *   back `recoverStep` (0.5%) of the base rate: recovery is deliberately slow (a lone rejection
 *   takes 40 polls to undo). Additive increase per poll is stable per agent (polling faster than
 *   the others means more rejections), so agents converge to similar rates. Simulated (see
 *   test/electron/core/status/fleet-simulation.test.ts): 1,000 agents on one key settle near
 *   18 req/s with ~5% of polls rejected; with the team-size hint, ~10 req/s and none rejected.
 *   Without the hint, 2,000 agents still stay under ~10% rejected; beyond that set the hint;
 * - a transient-failure backoff: base * 2^(n-1) after n consecutive failures, capped;
 * - an offline probe floor while the OS reports no network.
 * Every scheduled delay is jittered by +-`jitterRatio` so clients never march in step, and the
 * first poll (and the one after resume) waits a random time in [0, soonMaxMs).
 */

/** Tunables of the policy; all in ms unless said otherwise. */
export interface PollTuning {
  /** The per-account limit of DescribeStaffStatusMetrics, requests per second. */
  sharedLimitPerSecond: number;
  /** Fraction of that limit a whole team (teamSize agents) may use. */
  teamShareOfLimit: number;
  /** Scheduled delays are drawn uniformly from nominal * [1 - r, 1 + r). */
  jitterRatio: number;
  /** First poll, resume, back online, new credentials: uniformly within [0, soonMaxMs). */
  soonMaxMs: number;
  /** The poll rate is divided by this on each rate-limited poll. */
  rateLimitFactor: number;
  /** Consecutive rate-limited polls double the cut up to this many times (0: every cut equal). */
  maxStreakDoublings: number;
  /** Fraction of the base rate each successful poll adds back (additive increase). */
  recoverStep: number;
  /** Rate-limit backoff never makes the interval longer than this (nor shorter than the base). */
  maxIntervalMs: number;
  /** Upper bound of the transient-failure backoff (or the base interval if larger). */
  transientCapMs: number;
  /** Poll interval floor while the OS reports the network down. */
  offlineProbeMs: number;
}

/** Defaults: see the module comment for the reasoning. */
export const DEFAULT_POLL_TUNING: Readonly<PollTuning> = Object.freeze({
  sharedLimitPerSecond: 20,
  teamShareOfLimit: 0.5,
  jitterRatio: 0.2,
  soonMaxMs: 1_000,
  rateLimitFactor: 1.25,
  maxStreakDoublings: 2,
  recoverStep: 0.005,
  maxIntervalMs: 300_000,
  transientCapMs: 60_000,
  offlineProbeMs: 60_000,
});

/** Interval settings that may change at run time. */
export interface PollSettings {
  visibleIntervalMs: number;
  hiddenIntervalMs: number;
  teamSize: number | null;
}

/** What one poll came to, as far as scheduling cares. */
export type PollOutcome =
  | 'ok' // an answer arrived
  | 'rate_limited' // RequestLimitExceeded: multiplicative backoff
  | 'failed' // transient / network / timeout / bad answer: exponential backoff
  | 'halt' // credentials rejected: no automatic poll until unhalt()
  | 'discarded'; // nothing learned (stopped, agent changed): schedule as before

/** Minimum interval so a team of `teamSize` agents uses at most its share of the shared limit. */
export function teamFloorMs(
  teamSize: number | null,
  tuning: PollTuning = DEFAULT_POLL_TUNING,
): number {
  if (teamSize === null || !Number.isFinite(teamSize) || teamSize <= 0) return 0;
  return Math.ceil((teamSize * 1000) / (tuning.teamShareOfLimit * tuning.sharedLimitPerSecond));
}

/** Delay after `failures` consecutive transient failures: base * 2^(n-1), capped; 0 when none. */
export function transientBackoffMs(failures: number, baseMs: number, capMs: number): number {
  if (failures <= 0) return 0;
  const cap = Math.max(capMs, baseMs);
  return Math.min(cap, baseMs * 2 ** Math.min(failures - 1, 30));
}

/** `nominal` jittered uniformly into [nominal * (1 - ratio), nominal * (1 + ratio)). */
export function jitterMs(nominal: number, ratio: number, random: () => number): number {
  return Math.round(nominal * (1 - ratio + 2 * ratio * unitRandom(random)));
}

/** `random()` clamped into [0, 1) (a NaN becomes 0). */
export function unitRandom(random: () => number): number {
  const r = random();
  return Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : 0;
}

/** Options of `AdaptivePoller`. `poll` performs one request and classifies its result. */
export interface AdaptivePollerOptions {
  clock: Clock;
  timers: Timers;
  random: () => number;
  poll: () => Promise<PollOutcome>;
  settings: PollSettings;
  tuning?: Partial<PollTuning>;
}

/**
 * Runs `poll` on the policy's schedule with exactly one timer at a time. `pollNow` bypasses the
 * schedule (explicit refresh, own change) and coalesces with a poll in flight; `fresh` asks for a
 * poll that STARTS after the call (a result sent before an own change completed is stale).
 */
export class AdaptivePoller {
  private readonly tuning: PollTuning;
  private settings: PollSettings;
  private visible = false;
  private online = true;
  private running = false;
  private halted = false;
  private timer: TimerHandle | null = null;
  private current: Promise<void> | null = null;
  private followUp: Promise<void> | null = null;
  /** AIMD state: the fraction of the base rate currently used, in (0, 1]. */
  private rateFactor = 1;
  /** Consecutive rate-limited polls: each one in a row cuts harder (storms clear fast). */
  private limitStreak = 0;
  private failures = 0;
  private lastOkMs: number | null = null;
  private lastEndMs: number | null = null;
  private polls = 0;
  private stopCount = 0;
  private rateLimited = 0;

  constructor(private readonly opts: AdaptivePollerOptions) {
    this.tuning = { ...DEFAULT_POLL_TUNING, ...opts.tuning };
    this.settings = { ...opts.settings };
  }

  /** Starts scheduling: the first poll comes within [0, soonMaxMs). */
  start(): void {
    if (this.running) return;
    this.running = true;
    if (!this.halted) this.scheduleIn(this.soonDelay());
  }

  /** Stops scheduling and clears the timer. A poll in flight completes but schedules nothing. */
  stop(): void {
    this.running = false;
    this.stopCount++;
    this.clearTimer();
  }

  /** No automatic poll until `unhalt()` (credentials rejected). */
  halt(): void {
    this.halted = true;
    this.clearTimer();
  }

  /** Leaves the halted state and polls soon (credentials changed). */
  unhalt(): void {
    this.halted = false;
    this.resume();
  }

  /** Resets the transient backoff and polls soon (resume, back online). The AIMD rate is kept:
   * it describes the shared account limit, not this machine's connection. */
  resume(): void {
    this.failures = 0;
    if (this.running && !this.halted && !this.current) this.scheduleIn(this.soonDelay());
  }

  /** OS network state: offline polls only at the probe interval; back online polls soon. */
  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    if (online) this.resume();
    else this.reschedule();
  }

  /** Window shown / hidden. Shown and stale (and not backed off): poll now. */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (!this.running || this.halted) return;
    const now = this.opts.clock.now();
    const stale = this.lastOkMs === null || now - this.lastOkMs >= this.settings.visibleIntervalMs;
    if (visible && stale && !this.backedOff() && !this.current) void this.pollNow();
    else this.reschedule();
  }

  /** Changes intervals / team size; the next poll is re-planned from the last one. */
  setSettings(p: Partial<PollSettings>): void {
    this.settings = { ...this.settings, ...p };
    this.reschedule();
  }

  /** Polls now unless one is in flight (then shares it; with `fresh`, runs one more after it). */
  pollNow(fresh = false): Promise<void> {
    if (!this.current) return this.begin();
    if (!fresh) return this.current;
    if (!this.followUp) {
      const stops = this.stopCount;
      this.followUp = this.current.then(() => {
        this.followUp = null;
        if (stops !== this.stopCount) return undefined;
        return this.current ?? this.begin();
      });
    }
    return this.followUp;
  }

  /** The interval the policy currently aims at, before jitter. */
  nominalIntervalMs(): number {
    const base = this.effectiveBaseMs();
    const aimd = Math.min(Math.max(this.tuning.maxIntervalMs, base), base / this.rateFactor);
    return Math.round(
      Math.max(
        aimd,
        transientBackoffMs(this.failures, base, this.tuning.transientCapMs),
        this.online ? 0 : this.tuning.offlineProbeMs,
      ),
    );
  }

  /** Counters for benchmarks and the organisation simulation. */
  stats(): { polls: number; rateLimited: number; currentIntervalMs: number } {
    return {
      polls: this.polls,
      rateLimited: this.rateLimited,
      currentIntervalMs: this.nominalIntervalMs(),
    };
  }

  /** The visible / hidden interval, raised to the team floor. */
  private effectiveBaseMs(): number {
    const base = this.visible ? this.settings.visibleIntervalMs : this.settings.hiddenIntervalMs;
    return Math.max(base, teamFloorMs(this.settings.teamSize, this.tuning));
  }

  private backedOff(): boolean {
    return this.rateFactor < 1 || this.failures > 0 || !this.online;
  }

  private soonDelay(): number {
    return Math.floor(unitRandom(this.opts.random) * this.tuning.soonMaxMs);
  }

  private jittered(): number {
    return jitterMs(this.nominalIntervalMs(), this.tuning.jitterRatio, this.opts.random);
  }

  private begin(): Promise<void> {
    this.clearTimer();
    this.polls++;
    const run = (async () => {
      let outcome: PollOutcome;
      try {
        outcome = await this.opts.poll();
      } catch {
        outcome = 'failed';
      }
      this.current = null;
      this.record(outcome);
      if (this.running && !this.halted && !this.followUp) this.scheduleIn(this.jittered());
    })();
    this.current = run;
    return run;
  }

  private record(outcome: PollOutcome): void {
    const now = this.opts.clock.now();
    this.lastEndMs = now;
    switch (outcome) {
      case 'ok':
        this.failures = 0;
        this.halted = false;
        this.lastOkMs = now;
        this.rateFactor = Math.min(1, this.rateFactor + this.tuning.recoverStep);
        this.limitStreak = 0;
        break;
      case 'rate_limited': {
        this.rateLimited++;
        const floor = Math.min(1, this.effectiveBaseMs() / this.tuning.maxIntervalMs);
        const divisor =
          this.tuning.rateLimitFactor *
          2 ** Math.min(this.limitStreak, this.tuning.maxStreakDoublings);
        this.limitStreak++;
        this.rateFactor = Math.max(floor, this.rateFactor / divisor);
        break;
      }
      case 'failed':
        this.failures++;
        break;
      case 'halt':
        this.halted = true;
        break;
      case 'discarded':
        break;
    }
  }

  /** Re-plans the pending timer from the end of the last poll with the current policy. */
  private reschedule(): void {
    if (!this.running || this.halted || this.current) return;
    if (this.lastEndMs === null) {
      // Never polled yet: keep the (soon) first poll.
      if (this.timer === null) this.scheduleIn(this.soonDelay());
      return;
    }
    const now = this.opts.clock.now();
    const due = this.lastEndMs + this.jittered();
    this.scheduleIn(Math.max(0, due - now));
  }

  private scheduleIn(ms: number): void {
    this.clearTimer();
    this.timer = this.opts.timers.setTimeout(() => {
      this.timer = null;
      void this.pollNow();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.opts.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
