import type { Clock, TimerHandle, Timers } from '../ports';

/**
 * When to poll DescribeStaffStatusMetrics, with no server to coordinate: the 20 req/s limit is
 * shared by every agent whose app uses the same API key, so 50 agents may poll every few seconds
 * while 1,000 must find a fair, low rate on their own. The policy combines:
 *
 * - a base interval: `visibleIntervalMs` while the window is shown, `hiddenIntervalMs` otherwise.
 *   With the optional team-size hint the base is the team's fair share instead, shown or not:
 *   `teamSize / (0.65 * 20 req/s)` (never faster than the window-open interval), and the rate never
 *   goes above it. 65% because polls from independent clients arrive like a Poisson stream and
 *   the limit is a sliding one-second window: at 13 req/s about 1-2% are rejected, at 15 about 4.5%.
 * - AIMD on the poll RATE, kept as a fraction of the base rate: a RequestLimitExceeded divides it
 *   by `rateLimitFactor` (1.25), each further one in a row twice, then four times as hard (/2.5,
 *   /5), so a storm clears within a minute or two; never below one poll per `maxIntervalMs`. Each
 *   successful poll adds back `recoverStep` (0.2%) of the base rate. Additive increase is what
 *   makes agents converge to similar rates, and its size sets the steady rejected share (about
 *   step / cut): 0.2% keeps 1,000 agents without a hint under 5% rejected.
 * - a knee: the rate the gentle cuts alone would have left (one /1.25 per rejection in a row).
 *   Below it a success multiplies the rate by `fastRecoveryFactor`, so the deep cuts of a storm
 *   are undone in a few polls instead of hours; a lone rejection's cut is undone only additively.
 * - probing, in the background without a hint: after `probeAfterPolls` successes in a row the rate
 *   grows by `probeStep` per success, up to the window-open interval, until a rejection. A small
 *   team on a key thus polls every few seconds in the tray too; a large one never gets there.
 * - chance collisions under a hint: the hint already spreads the team, so a lone rejection while
 *   this agent's recent rejected share is under `noiseMaxShare` is a collision in a busy second,
 *   not overload: no cut, and the next poll comes within a quarter of the interval, in another
 *   second. Frequent rejections (a hint too small for the team) are cut as usual.
 * - a transient-failure backoff: base * 2^(n-1) after n consecutive failures, capped;
 * - an offline probe floor while the OS reports no network.
 * Every scheduled delay is jittered by +-`jitterRatio` so clients never march in step, and the
 * first poll (and the one after resume) waits a random time in [0, soonMaxMs).
 *
 * Measured with the real engines and clients over HTTP against the simulator (scripts/bench/
 * org-sim.ts, 1,000 agents, one key, 30 min warm-up, one hour measured): with the hint 13 req/s,
 * about 1% rejected, a change made elsewhere shown within 77 s at p95; without it about 16 req/s,
 * 4% rejected, p95 about 130 s: each agent learns the team's size only from rare rejections, so
 * rates spread out (the slowest 5% poll at 2.5 times the median interval). Hence the engine,
 * without a hint, estimates the team itself (team-estimate.ts) and passes the estimate here as
 * `teamSize`: about 1% rejected, p95 80 s.
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
  /** Below the knee (the rate a single cut would have left) each success multiplies the rate by
   * this: a storm's deep cuts are undone in a few polls, a lone rejection's cut only additively. */
  fastRecoveryFactor: number;
  /** In the background without a team hint: after this many successful polls in a row, probe
   * above the background interval towards the window-open one (Infinity: never). */
  probeAfterPolls: number;
  /** While probing, each successful poll multiplies the rate by (1 + probeStep). */
  probeStep: number;
  /** With a team hint, a lone rejection while this agent's recent rejected share (an average
   * over about `noiseWindowPolls` polls) is below this is taken for a chance collision. */
  noiseMaxShare: number;
  /** The weight of each poll in that average is 1 / noiseWindowPolls. */
  noiseWindowPolls: number;
  /** After such a collision the next poll comes within [0, noiseRetryRatio * interval). */
  noiseRetryRatio: number;
  /** Rate-limit backoff never makes the interval longer than this. */
  maxIntervalMs: number;
  /** Upper bound of the transient-failure backoff (or the base interval if larger). */
  transientCapMs: number;
  /** Poll interval floor while the OS reports the network down. */
  offlineProbeMs: number;
}

/** Defaults: see the module comment for the reasoning. */
export const DEFAULT_POLL_TUNING: Readonly<PollTuning> = Object.freeze({
  sharedLimitPerSecond: 20,
  teamShareOfLimit: 0.65,
  jitterRatio: 0.2,
  soonMaxMs: 1_000,
  rateLimitFactor: 1.25,
  maxStreakDoublings: 2,
  recoverStep: 0.002,
  fastRecoveryFactor: 1.25,
  probeAfterPolls: 20,
  probeStep: 0.03,
  noiseMaxShare: 0.05,
  noiseWindowPolls: 30,
  noiseRetryRatio: 0.25,
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
  /** AIMD state: the base rate times this is the poll rate; above 1 only while probing. */
  private rateFactor = 1;
  /** Consecutive rate-limited polls: each one in a row cuts harder (storms clear fast). */
  private limitStreak = 0;
  /** The rate factor gentle cuts alone would have left: fast recovery up to here. */
  private knee = 1;
  /** Successful polls since the last rate-limited one. */
  private cleanPolls = 0;
  /** The last poll met a chance collision: the next one comes soon, in another slot. */
  private collided = false;
  /** Recent share of this agent's polls that were rate-limited (exponential average). */
  private recentLimited = 0;
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

  /** Changes intervals / team size; the next poll is re-planned from the last one. A new team
   * size starts AIMD afresh at the team's fair share: cuts made against another base (e.g. the
   * background interval before the engine's estimate came) would otherwise take hours of
   * additive steps to undo. */
  setSettings(p: Partial<PollSettings>): void {
    const teamChanged = p.teamSize !== undefined && p.teamSize !== this.settings.teamSize;
    this.settings = { ...this.settings, ...p };
    if (teamChanged && teamFloorMs(this.settings.teamSize, this.tuning) > 0) {
      this.rateFactor = 1;
      this.knee = 1;
      this.limitStreak = 0;
      this.collided = false;
    }
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
    const factor = Math.min(this.rateFactor, this.maxFactor());
    const aimd = Math.min(Math.max(this.tuning.maxIntervalMs, base), base / factor);
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

  /** The interval AIMD scales: the visible / hidden one, or with a team hint the team's fair
   * share (never faster than the window-open interval) whether shown or not. */
  private effectiveBaseMs(): number {
    const team = teamFloorMs(this.settings.teamSize, this.tuning);
    if (team > 0) return Math.max(this.settings.visibleIntervalMs, team);
    return this.visible ? this.settings.visibleIntervalMs : this.settings.hiddenIntervalMs;
  }

  /** How far above the base rate probing may go: up to the window-open interval, and never
   * beyond the team's fair share when a team hint is set. */
  private maxFactor(): number {
    if (teamFloorMs(this.settings.teamSize, this.tuning) > 0) return 1;
    return Math.max(1, this.effectiveBaseMs() / Math.max(1, this.settings.visibleIntervalMs));
  }

  private backedOff(): boolean {
    return this.rateFactor < 1 || this.failures > 0 || !this.online;
  }

  private soonDelay(): number {
    return Math.floor(unitRandom(this.opts.random) * this.tuning.soonMaxMs);
  }

  private jittered(): number {
    const nominal = this.nominalIntervalMs();
    if (this.collided && this.failures === 0 && this.online)
      return Math.floor(unitRandom(this.opts.random) * nominal * this.tuning.noiseRetryRatio);
    return jitterMs(nominal, this.tuning.jitterRatio, this.opts.random);
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
    if (outcome !== 'discarded') this.collided = false;
    switch (outcome) {
      case 'ok':
        this.failures = 0;
        this.halted = false;
        this.lastOkMs = now;
        this.limitStreak = 0;
        this.cleanPolls++;
        this.noteLimited(0);
        this.rateFactor = this.increased(this.rateFactor);
        break;
      case 'rate_limited': {
        this.rateLimited++;
        const t = this.tuning;
        const floor = Math.min(1, this.effectiveBaseMs() / t.maxIntervalMs);
        const f = Math.min(this.rateFactor, this.maxFactor());
        const divisor = t.rateLimitFactor * 2 ** Math.min(this.limitStreak, t.maxStreakDoublings);
        // The knee follows the gentle path (one /rateLimitFactor per rejection in a row), except
        // for a chance collision under a team hint, which leaves it where the rate was.
        const noise =
          this.limitStreak === 0 &&
          this.recentLimited < t.noiseMaxShare &&
          teamFloorMs(this.settings.teamSize, t) > 0;
        this.noteLimited(1);
        this.cleanPolls = 0;
        if (noise) {
          // No cut: the hint already keeps the team under the limit. Retry soon, in another
          // second; a rejection of that retry is a streak, cut as overload.
          this.collided = true;
          this.knee = f;
        } else {
          this.knee = Math.max(floor, (this.limitStreak === 0 ? f : this.knee) / t.rateLimitFactor);
          this.rateFactor = Math.max(floor, f / divisor);
        }
        this.limitStreak++;
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

  private noteLimited(x: 0 | 1): void {
    const w = 1 / Math.max(1, this.tuning.noiseWindowPolls);
    this.recentLimited += w * (x - this.recentLimited);
  }

  /** The rate factor after a successful poll: fast back to the knee, additive up to the base;
   * above it only by probing (after a long enough clean run), never beyond the cap. */
  private increased(f: number): number {
    const t = this.tuning;
    const cap = Math.max(f, this.maxFactor());
    if (f < this.knee) return Math.min(this.knee, f * t.fastRecoveryFactor);
    if (f < 1) return Math.min(1, f + t.recoverStep);
    if (this.cleanPolls >= t.probeAfterPolls) return Math.min(cap, f * (1 + t.probeStep));
    return f;
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
