import type { CccApi } from '../api/ccc-types';
import type { Clock, Logger, Timers } from '../ports';
import { err, ok, type Result } from '../../../shared/result';
import { ENGINE_ERRORS } from './status-errors';
import { TeamEstimator, type TeamEstimateTuning } from './team-estimate';

/** Options of `TeamSize`. */
export interface TeamSizeOptions {
  clock: Clock;
  timers: Timers;
  random: () => number;
  client: CccApi;
  logger: Logger;
  /** The user's team-size hint; authoritative when set (no estimate is made). */
  hint: number | null;
  /** Estimate without a hint (default true). */
  estimateTeamSize?: boolean;
  /** What the estimate counts: 'roster' (default) or 'online' (agents not offline). */
  estimateCounts?: 'roster' | 'online';
  tuning?: Partial<TeamEstimateTuning>;
  /** Whether an estimate request may go now (online, credentials accepted, configured). */
  ready: () => boolean;
  /** The engine's identity generation: an estimate answered for an older one is dropped. */
  generation: () => number;
  /** A new estimate was made (the team size may have changed). */
  onEstimate: () => void;
}

/**
 * The team size the poller uses: the user's hint when set (authoritative), else the estimate of
 * a TeamEstimator fed by unfiltered metrics calls (team-estimate.ts), else null (AIMD alone).
 * The estimate begins only after the first poll of the current identity, so it never delays it.
 * Never throws.
 */
export class TeamSize {
  private readonly estimator: TeamEstimator;
  private hint: number | null;
  /** A poll of the current identity has completed: the estimate may begin. */
  private polledOnce = false;

  constructor(private readonly opts: TeamSizeOptions) {
    this.hint = opts.hint;
    this.estimator = new TeamEstimator({
      clock: opts.clock,
      timers: opts.timers,
      random: opts.random,
      fetch: (signal) => this.fetchEstimate(signal),
      ready: opts.ready,
      onEstimate: () => opts.onEstimate(),
      tuning: opts.tuning,
    });
  }

  /** The hint when set (authoritative), else the estimate, else null (AIMD alone). */
  current(): number | null {
    return this.hint !== null ? this.hint : this.estimator.current();
  }

  /** The team-size figures of the engine's stats. */
  stats(): { teamSize: number | null; teamEstimate: number | null; estimateRequests: number } {
    return {
      teamSize: this.current(),
      teamEstimate: this.estimator.current(),
      estimateRequests: this.estimator.counts().requests,
    };
  }

  /** A new hint from the user (null: none, estimate instead). */
  setHint(hint: number | null): void {
    this.hint = hint;
  }

  /** Notes a completed poll; true for the first one of the current identity. */
  notePoll(): boolean {
    if (this.polledOnce) return false;
    this.polledOnce = true;
    return true;
  }

  /** Runs the estimate schedule when wanted (no hint, engine `running`, first poll done), else
   * stops it. */
  startIfWanted(running: boolean): void {
    const wanted =
      this.opts.estimateTeamSize !== false && this.hint === null && running && this.polledOnce;
    if (wanted) this.estimator.start();
    else this.estimator.stop();
  }

  /** Stops the schedule; the estimate is kept. */
  halt(): void {
    this.estimator.stop();
  }

  /** Stops the schedule; a restart estimates again after its first poll. */
  stop(): void {
    this.estimator.stop();
    this.polledOnce = false;
  }

  /** Another SdkAppId is another team: forget the estimate and make a new one after its first
   * poll. */
  newTeam(): void {
    this.estimator.stop();
    this.estimator.reset();
    this.polledOnce = false;
  }

  /** One unfiltered metrics call (every agent of the SdkAppId), no retry: the rows counted.
   * Its rows never touch the agent's own status (a poll or a change does that). */
  private async fetchEstimate(signal: AbortSignal): Promise<Result<number>> {
    const gen = this.opts.generation();
    const r = await this.opts.client.describeStaffStatusMetrics({}, { maxAttempts: 1, signal });
    if (!r.ok) {
      this.opts.logger.log('debug', 'team estimate failed', {
        code: r.error.code,
        kind: r.error.kind,
      });
      return r;
    }
    if (gen !== this.opts.generation()) return err(ENGINE_ERRORS.configChanged());
    const rows = r.value.value;
    const counted =
      this.opts.estimateCounts === 'online'
        ? rows.filter((m) => m.status !== 'offline').length
        : rows.length;
    // This app runs, so at least one: the own agent may be offline in CCC with the app open.
    return ok(Math.max(1, counted));
  }
}
