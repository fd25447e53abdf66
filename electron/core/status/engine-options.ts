import type { CccApi } from '../api/ccc-types';
import type { Clock, Logger, Timers } from '../ports';
import type { PollTuning } from './adaptive-poller';
import type { TeamEstimateTuning } from './team-estimate';

/** Construction options. Intervals default to 5 s (window visible) and 30 s (tray only). */
export interface StatusEngineOptions {
  clock: Clock;
  timers: Timers;
  client: CccApi;
  logger?: Logger;
  random?: () => number;
  sdkAppId: number;
  agentId: string;
  visibleIntervalMs?: number;
  hiddenIntervalMs?: number;
  /** The user's team-size hint; authoritative when set (no estimate is made). */
  teamSize?: number | null;
  /** Without a hint, estimate the team from an unfiltered metrics call now and then (see
   * team-estimate.ts). Default true. */
  estimateTeamSize?: boolean;
  /** What the estimate counts: 'roster' every agent of the SdkAppId (an upper bound of the
   * apps on the key: default), 'online' those not offline (apps of offline agents are missed). */
  estimateCounts?: 'roster' | 'online';
  /** Estimate schedule tunables; default DEFAULT_TEAM_ESTIMATE_TUNING. */
  estimateTuning?: Partial<TeamEstimateTuning>;
  undoWindowMs?: number; // default 10_000
  /** Poll policy tunables (benchmarks compare policies); default DEFAULT_POLL_TUNING. */
  pollTuning?: Partial<PollTuning>;
}

/** Counters for benchmarks and the organisation simulation. */
export interface EngineStats {
  polls: number;
  rateLimited: number;
  currentIntervalMs: number;
  /** The team size the poller uses: the hint when set, else the estimate, else null. */
  teamSize: number | null;
  /** The last team-size estimate (null: none yet, or a hint is set and none was made). */
  teamEstimate: number | null;
  /** Estimate requests sent so far. */
  estimateRequests: number;
}
