import type { StaffStatusMetrics } from '../api/ccc-types';
import { silentLogger, type Logger } from '../ports';
import type { AppError } from '../../../shared/result';
import type { ChangeOutcome, StatusSnapshot } from '../../../shared/snapshot';
import {
  isSettableStatus,
  reservedStatus,
  takesReason,
  type SettableStatus,
} from '../../../shared/vocabulary';
import { AdaptivePoller, type PollOutcome } from './adaptive-poller';
import { ChangeQueue, pendingChange } from './change-queue';
import type { ChangeRequest, ChangeRequester, QueuedChange } from './change-queue';
import { changeOutcome, readSetStatusResult, setStatusItem } from './change-result';
import { ConnectionTracker, isConfigured } from './connection';
import { DriftJudge } from './drift';
import { EngineEvents, type EngineEvent } from './engine-events';
import type { EngineStats, StatusEngineOptions } from './engine-options';
import { applyChange, undoTarget, withPendingChanges } from './reserve-rules';
import { emptyView, findAgentMetrics, viewFromMetrics, type StatusView } from './snapshot-mapper';
import { ENGINE_ERRORS, errorLogFields } from './status-errors';
import { TeamSize } from './team-size';
import { UndoSlot } from './undo-offer';

export type { EngineEvent } from './engine-events';
export type { EngineStats, StatusEngineOptions } from './engine-options';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The agent's status, kept current: polls DescribeStaffStatusMetrics for the agent only (adaptive
 * schedule, see adaptive-poller.ts), applies own changes optimistically through a serialised
 * queue (change-queue.ts; reserve rules in reserve-rules.ts), reports drift (status changes the
 * agent did not ask for) and tracks the connection. Without a team-size hint it estimates the
 * team (team-estimate.ts: an unfiltered call after the first poll, then hourly) and gives the
 * poller that as its team size; a hint set by the user always wins. Plain TypeScript: clock, timers and client are
 * injected. Snapshot events fire only when something other than `lastSyncMs` changed. Never
 * throws; every promise resolves. After `stop()`: no timer, no request, no event.
 */
export class StatusEngine {
  private readonly opts: Mutable<StatusEngineOptions>;
  private readonly logger: Logger;
  private readonly poller: AdaptivePoller;
  private readonly queue: ChangeQueue;
  private readonly events: EngineEvents;
  private readonly conn: ConnectionTracker;
  private readonly drift = new DriftJudge();
  private base: StatusView | null = null;
  private readonly undoSlot: UndoSlot;
  private started = false;
  private stopped = false;
  private online = true;
  private generation = 0;
  private changeEpoch = 0;
  private nextId = 1;
  private pollAbort: AbortController | null = null;
  private readonly team: TeamSize;

  constructor(opts: StatusEngineOptions) {
    this.opts = { ...opts };
    this.logger = opts.logger ?? silentLogger;
    this.events = new EngineEvents(this.logger, () => this.stopped);
    this.conn = new ConnectionTracker(this.configured());
    this.undoSlot = new UndoSlot(opts.clock, opts.timers, () => this.commit());
    this.poller = new AdaptivePoller({
      clock: opts.clock,
      timers: opts.timers,
      random: opts.random ?? Math.random,
      poll: () => this.pollOnce(),
      settings: {
        visibleIntervalMs: opts.visibleIntervalMs ?? 5_000,
        hiddenIntervalMs: opts.hiddenIntervalMs ?? 30_000,
        teamSize: opts.teamSize ?? null,
      },
      tuning: opts.pollTuning,
    });
    this.team = new TeamSize({
      clock: opts.clock,
      timers: opts.timers,
      random: opts.random ?? Math.random,
      client: opts.client,
      logger: this.logger,
      hint: opts.teamSize ?? null,
      estimateTeamSize: opts.estimateTeamSize,
      estimateCounts: opts.estimateCounts,
      tuning: opts.estimateTuning,
      ready: () => this.online && !this.conn.credentialsRejected && this.configured(),
      generation: () => this.generation,
      onEstimate: () => this.applyTeamSize(),
    });
    this.queue = new ChangeQueue({
      send: (c) => this.sendChange(c),
      superseded: (c) => this.events.outcome(this.outcome(c, 'superseded', null), c.requester),
      settled: (c, outcome, idle) => this.afterChange(c, outcome, idle),
    });
  }

  /** Starts polling: the first poll within a second (jittered), then per interval. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    if (this.configured()) this.poller.start();
  }

  /** Clears every timer; no further request or event. Idempotent. A change already sent
   * completes (its promise resolves); a change still waiting resolves as failed. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.started = false;
    this.poller.stop();
    this.team.stop(); // a restart estimates again after its first poll
    this.pollAbort?.abort();
    this.undoSlot.clear();
    this.queue.dropWaiting((c) => this.outcome(c, 'failed', ENGINE_ERRORS.stopped()));
  }

  /** The current snapshot (optimistic while a change is pending). */
  snapshot(): StatusSnapshot {
    return {
      agentId: this.opts.agentId,
      ...this.displayView(),
      lastSyncMs: this.conn.lastSyncMs,
      connection: this.conn.state,
      lastError: this.conn.lastError,
      pending: pendingChange(this.queue.waiting ?? this.queue.inFlight),
      undo: this.undoSlot.current(),
      clockOffsetMs: this.opts.client.clockOffsetMs(),
    };
  }

  /** Adds a listener; returns its unsubscribe function. */
  subscribe(listener: (e: EngineEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  /**
   * Asks for a status. Resolves with applied / reserved / failed / superseded; never rejects. The
   * outcome event names the `requester` (a transport's caller gets the outcome as its answer).
   */
  setStatus(status: SettableStatus, reason = '', requester: ChangeRequester = 'app') {
    return this.request({ status, reason, fromUndo: false, requester });
  }

  /** Cancels a pending (reserved) break by asking for free while on a call. */
  cancelPending(requester: ChangeRequester = 'app'): Promise<ChangeOutcome> {
    const free = { status: 'free', reason: '', fromUndo: false, requester } as const;
    if (reservedStatus(this.displayView()) !== null) return this.request(free);
    const c = this.newChange(free);
    return Promise.resolve(this.outcome(c, 'failed', ENGINE_ERRORS.nothingPending()));
  }

  /** Restores PreviousStatus / PreviousReason of the last applied change within the undo window;
   * null when no undo is available. */
  undo(requester: ChangeRequester = 'app'): Promise<ChangeOutcome | null> {
    const u = this.undoSlot.current();
    if (!u || this.stopped) return Promise.resolve(null);
    this.undoSlot.clear();
    return this.request({ status: u.status, reason: u.reason, fromUndo: true, requester });
  }

  /** Polls now (shares a poll in flight) and resolves with the snapshot after it. */
  async refresh(): Promise<StatusSnapshot> {
    if (!this.stopped && this.configured()) await this.poller.pollNow();
    return this.snapshot();
  }

  /** Window shown / hidden: switches the interval; shown and stale polls at once. */
  setVisible(visible: boolean): void {
    if (!this.stopped) this.poller.setVisible(visible);
  }

  /** After suspend / unlock / network back: poll soon with the transient backoff reset. */
  resume(): void {
    if (!this.stopped) this.poller.resume();
  }

  /** OS network state. Offline shows at once; back online polls soon. */
  setOnline(online: boolean): void {
    if (this.stopped || online === this.online) return;
    this.online = online;
    this.conn.setOnline(online, this.configured());
    this.commit();
    this.poller.setOnline(online);
  }

  /** New credentials: leave credentials_rejected and poll again. */
  credentialsChanged(): void {
    if (this.stopped) return;
    this.conn.credentialsChanged(this.configured());
    this.commit();
    this.poller.unhalt();
    this.startEstimateIfWanted();
  }

  /** Changes intervals, team size or the agent identity (a new identity starts from scratch). */
  updateOptions(
    p: Partial<
      Pick<
        StatusEngineOptions,
        'visibleIntervalMs' | 'hiddenIntervalMs' | 'teamSize' | 'agentId' | 'sdkAppId'
      >
    >,
  ): void {
    const settings: Parameters<AdaptivePoller['setSettings']>[0] = {};
    if (p.visibleIntervalMs !== undefined) settings.visibleIntervalMs = p.visibleIntervalMs;
    if (p.hiddenIntervalMs !== undefined) settings.hiddenIntervalMs = p.hiddenIntervalMs;
    if (Object.keys(settings).length > 0) this.poller.setSettings(settings);
    if (p.teamSize !== undefined) {
      this.team.setHint(p.teamSize);
      this.applyTeamSize();
      this.startEstimateIfWanted();
    }
    const idChanged =
      (p.agentId !== undefined && p.agentId !== this.opts.agentId) ||
      (p.sdkAppId !== undefined && p.sdkAppId !== this.opts.sdkAppId);
    if (!idChanged) return;
    if (p.agentId !== undefined) this.opts.agentId = p.agentId;
    if (p.sdkAppId !== undefined && p.sdkAppId !== this.opts.sdkAppId) {
      // Another SdkAppId is another team: estimate afresh after its first poll.
      this.opts.sdkAppId = p.sdkAppId;
      this.team.newTeam();
      this.applyTeamSize();
    }
    this.generation++;
    this.pollAbort?.abort();
    this.base = null;
    this.conn.reset(this.configured());
    this.drift.reset();
    this.undoSlot.clear();
    this.queue.dropWaiting((c) =>
      this.events.outcome(this.outcome(c, 'failed', ENGINE_ERRORS.configChanged()), c.requester),
    );
    if (this.started) {
      if (this.configured()) {
        this.poller.start();
        this.poller.resume();
      } else this.poller.stop();
    }
    this.commit();
  }

  /** Counters for benchmarks and the organisation simulation. */
  stats(): EngineStats {
    return { ...this.poller.stats(), ...this.team.stats() };
  }

  // ---- own changes ------------------------------------------------------------------------

  private request(r: ChangeRequest): Promise<ChangeOutcome> {
    const reason = takesReason(r.status) && typeof r.reason === 'string' ? r.reason.trim() : '';
    const change = this.newChange({ ...r, reason });
    if (this.stopped)
      return Promise.resolve(this.outcome(change, 'failed', ENGINE_ERRORS.stopped()));
    // A programming error (IPC validates its input): answered, but not an event of the contract.
    if (!isSettableStatus(r.status))
      return Promise.resolve(this.outcome(change, 'failed', ENGINE_ERRORS.badStatus()));
    if (!this.configured()) {
      const failed = this.outcome(change, 'failed', ENGINE_ERRORS.notConfigured());
      return Promise.resolve(this.events.outcome(failed, r.requester));
    }
    if (!r.fromUndo) this.undoSlot.clear();
    const done = this.queue.enqueue(change); // sends now when nothing is in flight
    this.commit();
    return done;
  }

  private async sendChange(c: QueuedChange): Promise<ChangeOutcome> {
    const gen = this.generation;
    this.changeEpoch++;
    const known = (this.base ?? emptyView()).status;
    const r = await this.opts.client.setStaffStatus([setStatusItem(this.opts.agentId, c)]);
    if (gen !== this.generation) return this.outcome(c, 'failed', ENGINE_ERRORS.configChanged());
    const reading = readSetStatusResult(r, this.opts.agentId, c, known);
    if (reading.kind === 'failed') {
      const e = reading.error;
      this.logger.log('warn', 'SetStaffStatus failed', errorLogFields(e));
      if (reading.rejectsCredentials) this.rejectCredentials(e);
      if (reading.mayHaveApplied) this.drift.noteMaybeApplied(c, this.opts.clock.now());
      return this.outcome(c, 'failed', e);
    }
    const { effect, previousStatus, previousReason } = reading;
    this.base = applyChange(this.base ?? emptyView(), c, effect, c.requestedAtMs, previousStatus);
    // Undo is offered for the last change only: not while a newer one waits to be sent.
    const offerUndo = effect === 'apply' && !c.fromUndo && this.queue.waiting === null;
    const target = offerUndo ? undoTarget(previousStatus, previousReason, c) : null;
    if (target && !this.stopped) this.undoSlot.offer(target, this.opts.undoWindowMs ?? 10_000);
    return this.outcome(c, effect === 'reserve' ? 'reserved' : 'applied', null);
  }

  private afterChange(c: QueuedChange, outcome: ChangeOutcome, idle: boolean): void {
    this.changeEpoch++;
    if (this.stopped) return;
    this.commit();
    this.events.outcome(outcome, c.requester);
    // Confirm with a poll that STARTS after the change (one sent earlier would be stale).
    if (idle && this.started && this.configured() && !this.conn.credentialsRejected)
      void this.poller.pollNow(true);
  }

  private newChange(r: ChangeRequest): QueuedChange {
    return { id: this.nextId++, ...r, requestedAtMs: this.opts.clock.now() };
  }

  private outcome(
    c: QueuedChange,
    kind: ChangeOutcome['outcome'],
    error: AppError | null,
  ): ChangeOutcome {
    return changeOutcome(c, kind, error, this.opts.clock.now());
  }

  // ---- polling ----------------------------------------------------------------------------

  private async pollOnce(): Promise<PollOutcome> {
    if (this.stopped || !this.configured()) return 'discarded';
    const gen = this.generation;
    const epoch = this.changeEpoch;
    const abort = new AbortController();
    this.pollAbort = abort;
    const r = await this.opts.client.describeStaffStatusMetrics(
      { staffList: [this.opts.agentId] },
      { maxAttempts: 1, signal: abort.signal },
    );
    if (this.pollAbort === abort) this.pollAbort = null;
    if (this.stopped || gen !== this.generation) return 'discarded';
    // The estimate begins after the first poll (whatever it came to): it never delays it.
    if (this.team.notePoll()) this.startEstimateIfWanted();
    if (!r.ok) return this.pollFailed(r.error);
    const mine = findAgentMetrics(r.value.value, this.opts.agentId);
    if (!mine) return this.pollFailed(ENGINE_ERRORS.agentNotFound(r.value.requestId));
    // A change sent or settled since this poll left makes its status stale: keep the optimistic /
    // confirmed state; the poll after the change brings the truth.
    this.pollSucceeded(mine, epoch === this.changeEpoch && this.queue.isIdle);
    return 'ok';
  }

  private pollSucceeded(m: StaffStatusMetrics, usable: boolean): void {
    const now = this.opts.clock.now();
    this.conn.synced(now);
    if (usable) {
      const next = viewFromMetrics(m, this.opts.client.clockOffsetMs());
      const drift = this.drift.judge(this.base, next, now);
      this.base = next;
      if (drift) {
        this.undoSlot.clear();
        this.events.drift(drift);
      }
    }
    this.commit();
  }

  private pollFailed(e: AppError): PollOutcome {
    this.logger.log('debug', 'status poll failed', errorLogFields(e));
    const outcome = this.conn.pollFailed(e);
    if (outcome === 'halt') {
      this.poller.halt();
      this.team.halt();
    }
    this.commit();
    return outcome;
  }

  private rejectCredentials(e: AppError): void {
    this.conn.rejected(e);
    this.poller.halt();
    this.team.halt();
    this.commit();
  }

  // ---- team size ---------------------------------------------------------------------------

  private applyTeamSize(): void {
    if (!this.stopped) this.poller.setSettings({ teamSize: this.team.current() });
  }

  /** Runs the estimate schedule when wanted (see TeamSize.startIfWanted), else stops it. */
  private startEstimateIfWanted(): void {
    this.team.startIfWanted(this.started && !this.stopped && !this.conn.credentialsRejected);
  }

  // ---- state & events ---------------------------------------------------------------------

  private configured(): boolean {
    return isConfigured(this.opts.sdkAppId, this.opts.agentId);
  }

  /** base, then the change in flight, then the waiting one: what the agent sees. */
  private displayView(): StatusView {
    return withPendingChanges(this.base ?? emptyView(), [this.queue.inFlight, this.queue.waiting]);
  }

  private commit(): void {
    if (!this.stopped) this.events.snapshot(this.snapshot());
  }
}
