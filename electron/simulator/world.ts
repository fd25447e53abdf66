import type { Clock } from '../core/ports';
import { DEFAULT_TZ_OFFSET_MINUTES } from '../../shared/day-key';
import {
  TIMED_STATUSES,
  type AgentStatus,
  type SettableStatus,
  type TimedStatus,
} from '../../shared/vocabulary';
import { err, ok, type Result } from '../../shared/result';
import {
  durationsFromHistory,
  type AgentState,
  type SetStatusOutcome,
  type SimAgentMetrics,
  type SimChannel,
  type SimControlError,
  type SimDurations,
  type WorldOps,
} from './agent-state';
import { Autopilot } from './autopilot';
import { EventQueue } from './event-queue';
import { generateAgentImSession, simSessionId } from './im-sessions';
import { createPrng, deriveSeed } from './prng';
import { buildRoster, SIM_SKILL_GROUPS, type SimSkillGroup, type SimStaffMember } from './roster';
import type { SimChangeSource, SimImSession, SimStatusChange } from './world-types';

export type {
  SetStatusOutcome,
  SimAgentMetrics,
  SimChannel,
  SimControlError,
  SimDurations,
} from './agent-state';
export type { SimStaffMember, SimSkillGroup } from './roster';

export interface SimWorldOptions {
  clock: Clock;
  seed?: number;
  staffCount?: number;
  autopilot?: boolean;
  /** Agents the autopilot leaves alone from the day the simulator starts (past days are lived). */
  autopilotExclude?: readonly string[];
  /**
   * With autopilot: whole days simulated before today (from local midnight `historyDays` days
   * ago), every agent working normal shifts, the demo agent and excluded ones included, so past
   * days have status history and IM sessions. Default 0 (the world starts at today's midnight).
   */
  historyDays?: number;
  /** Wrap-up (afterCallWork) countdown, simulated seconds. Default 30. */
  wrapUpSeconds?: number;
  /** Account time zone that bounds "today" for the duration totals. Default UTC+8 (480). */
  tzOffsetMinutes?: number;
}

const DAY_MS = 86_400_000;
/** Longest history a world simulates (DescribeStaffStatusHistory reaches 180 days back). */
export const MAX_HISTORY_DAYS = 180;

/**
 * The simulated contact-center day. Deterministic for a seed, driven only by the injected clock:
 * every public method first advances lazily to `clock.now()`, running due events in time order,
 * so a fake clock can skip hours instantly. Every status change is recorded (statusHistory) and
 * the duration totals are computed from those records, so metrics and history always agree.
 */
export class SimWorld {
  /** When the simulator started (epoch ms). With autopilot the day is simulated from midnight. */
  readonly startMs: number;
  /**
   * The first simulated moment: local midnight `historyDays` days before today with autopilot,
   * else `startMs`. Records start here.
   */
  readonly simulatedFromMs: number;
  private readonly clock: Clock;
  private readonly tzOffsetMs: number;
  private readonly queue = new EventQueue();
  private readonly list: AgentState[];
  private readonly byId = new Map<string, AgentState>();
  private readonly order = new Map<AgentState, number>();
  private readonly sessions: SimImSession[] = [];
  private readonly autopilot: Autopilot | null = null;
  private nowMs: number;
  private wrapUpMs: number;

  constructor(opts: SimWorldOptions) {
    this.clock = opts.clock;
    this.startMs = opts.clock.now();
    this.tzOffsetMs = (opts.tzOffsetMinutes ?? DEFAULT_TZ_OFFSET_MINUTES) * 60_000;
    this.wrapUpMs = (opts.wrapUpSeconds ?? 30) * 1000;
    const seed = opts.seed ?? 1;
    const autopilot = opts.autopilot ?? true;
    const exclude = new Set(opts.autopilotExclude ?? []);
    this.list = buildRoster(Math.max(1, opts.staffCount ?? 8)).map((member, index) => ({
      member,
      index,
      mode: !autopilot || exclude.has(member.userId) ? 'manual' : index === 0 ? 'demo' : 'auto',
      rng: createPrng(deriveSeed(seed, index + 1)),
      status: 'offline',
      reason: '',
      extra: null,
      sessionId: '',
      sinceMs: this.startMs,
      reserve: null,
      version: 0,
      lastOnlineMs: null,
      session: null,
      wrapUpEndsAtMs: null,
      offlineWhenDone: false,
      history: [],
    }));
    this.list.forEach((a, i) => {
      this.byId.set(a.member.userId, a);
      this.order.set(a, i);
    });
    const askedDays = opts.historyDays ?? 0;
    const historyDays = Number.isFinite(askedDays)
      ? Math.min(MAX_HISTORY_DAYS, Math.max(0, Math.floor(askedDays)))
      : 0;
    this.simulatedFromMs = autopilot
      ? this.dayStartMs(this.startMs) - historyDays * DAY_MS
      : this.startMs;
    this.nowMs = this.simulatedFromMs;
    if (autopilot) {
      this.autopilot = new Autopilot(this.ops(), { startMs: this.startMs, seed });
      this.autopilot.begin();
    }
    // Agents nobody simulates are logged in and free when the simulator starts.
    for (const a of this.list) {
      if (a.mode === 'manual') this.queue.push(this.startMs, () => this.goOnline(a, 'system'));
    }
    this.advanceTo(this.startMs);
  }

  /** Runs every event due up to `ms` (never goes back in time). */
  advanceTo(ms: number): void {
    if (ms < this.nowMs) return;
    for (let ev = this.queue.popDue(ms); ev; ev = this.queue.popDue(ms)) {
      this.nowMs = Math.max(this.nowMs, ev.atMs);
      ev.run();
    }
    this.nowMs = ms;
  }

  /** The world's current time (epoch ms), after catching up with the clock. */
  now(): number {
    this.sync();
    return this.nowMs;
  }

  /** Local midnight (account time zone) of the day containing `ms`. */
  dayStartMs(ms: number): number {
    return Math.floor((ms + this.tzOffsetMs) / DAY_MS) * DAY_MS - this.tzOffsetMs;
  }

  staff(): SimStaffMember[] {
    return this.list.map((a) => ({ ...a.member, groupIds: [...a.member.groupIds] }));
  }

  /** The members named in `userIds` (unknown ones skipped, each once), in staff order: a copy of
   * those only, not of the whole roster (an agent polling itself costs one member). */
  staffByIds(userIds: readonly string[]): SimStaffMember[] {
    const found = new Set<AgentState>();
    for (const id of userIds) {
      const a = this.byId.get(id);
      if (a) found.add(a);
    }
    return [...found]
      .sort((x, y) => (this.order.get(x) ?? 0) - (this.order.get(y) ?? 0))
      .map((a) => ({ ...a.member, groupIds: [...a.member.groupIds] }));
  }

  skillGroups(): readonly SimSkillGroup[] {
    return SIM_SKILL_GROUPS;
  }

  /** Every IM session recorded so far, in the order they ended. */
  imSessions(): readonly SimImSession[] {
    this.sync();
    return this.sessions;
  }

  /** One agent's status changes in time order ([] for an unknown agent). */
  statusHistory(staffUserId: string): readonly SimStatusChange[] {
    this.sync();
    return this.byId.get(staffUserId)?.history ?? [];
  }

  /** Time per status within [fromMs, toMs) (clipped to now), computed from the history. */
  statusDurations(staffUserId: string, fromMs: number, toMs: number): SimDurations {
    this.sync();
    return durationsFromHistory(
      this.byId.get(staffUserId)?.history ?? [],
      fromMs,
      Math.min(toMs, this.nowMs),
    );
  }

  /** Real-time metrics of one agent, or null when unknown. */
  metrics(staffUserId: string): SimAgentMetrics | null {
    this.sync();
    const a = this.byId.get(staffUserId);
    return a ? this.metricsOf(a) : null;
  }

  /** Real-time metrics of every agent, in staff order. */
  allMetrics(): SimAgentMetrics[] {
    this.sync();
    return this.list.map((a) => this.metricsOf(a));
  }

  /** Current wrap-up length in seconds. */
  wrapUpSeconds(): number {
    return this.wrapUpMs / 1000;
  }

  setWrapUpSeconds(seconds: number): void {
    this.wrapUpMs = Math.max(0, seconds) * 1000;
  }

  /**
   * Asks for a status on an agent's behalf, with the service's rules: rest / notReady during
   * busy or afterCallWork are reserved until the call and wrap-up end, free cancels a
   * reservation. `source` records who asked (the app via the API, or a supervisor).
   */
  setStaffStatus(
    staffUserId: string,
    status: SettableStatus,
    reason: string,
    source: SimChangeSource,
  ): SetStatusOutcome {
    this.sync();
    const a = this.byId.get(staffUserId);
    if (!a) {
      return {
        staffUserId,
        status,
        reason,
        previousStatus: '',
        previousReason: '',
        errorCode: 'InvalidParameterValue.AccountNotExist',
        errorMessage: `The account ${staffUserId} does not exist.`,
        effect: 'none',
      };
    }
    return this.requestStatus(a, status, reason, source);
  }

  /** Routes a call / IM session to an online agent who is not already busy. */
  startCall(staffUserId: string, channel: SimChannel): Result<SimAgentMetrics, SimControlError> {
    return this.withAgent(staffUserId, (a) => {
      if (a.status === 'offline') return err(invalid(`${staffUserId} is offline.`));
      if (a.status === 'busy') return err(invalid(`${staffUserId} is already busy.`));
      this.startSession(a, channel, 'system');
      return ok(this.metricsOf(a));
    });
  }

  /** Ends the agent's call / IM session: afterCallWork with the wrap-up countdown. */
  endCall(staffUserId: string, wrapUpSeconds?: number): Result<SimAgentMetrics, SimControlError> {
    return this.withAgent(staffUserId, (a) => {
      if (a.status !== 'busy') return err(invalid(`${staffUserId} is not busy.`));
      this.endSession(a, wrapUpSeconds === undefined ? undefined : wrapUpSeconds * 1000);
      return ok(this.metricsOf(a));
    });
  }

  /** Ends the wrap-up countdown now (free, or the reserved break). */
  finishWrapUp(staffUserId: string): Result<SimAgentMetrics, SimControlError> {
    return this.withAgent(staffUserId, (a) => {
      if (a.status !== 'afterCallWork')
        return err(invalid(`${staffUserId} is not in afterCallWork.`));
      this.finishWork(a);
      return ok(this.metricsOf(a));
    });
  }

  setOnline(staffUserId: string): Result<SimAgentMetrics, SimControlError> {
    return this.withAgent(staffUserId, (a) => {
      this.goOnline(a, 'system');
      return ok(this.metricsOf(a));
    });
  }

  setOffline(staffUserId: string): Result<SimAgentMetrics, SimControlError> {
    return this.withAgent(staffUserId, (a) => {
      this.goOffline(a, 'system');
      return ok(this.metricsOf(a));
    });
  }

  // ---- internals -------------------------------------------------------------------------

  private sync(): void {
    this.advanceTo(this.clock.now());
  }

  private withAgent<T>(
    staffUserId: string,
    fn: (a: AgentState) => Result<T, SimControlError>,
  ): Result<T, SimControlError> {
    this.sync();
    const a = this.byId.get(staffUserId);
    if (!a) return err({ code: 'UnknownStaff', message: `No agent ${staffUserId}.` });
    return fn(a);
  }

  private metricsOf(a: AgentState): SimAgentMetrics {
    const d = this.statusDurations(a.member.userId, this.dayStartMs(this.nowMs), this.nowMs);
    const s = (ms: number): number => Math.floor(ms / 1000);
    return {
      userId: a.member.userId,
      status: a.status,
      reason: a.reason,
      extra: a.extra ? { ...a.extra } : null,
      sessionId: a.sessionId,
      reserveRest: a.reserve?.status === 'rest',
      reserveNotReady: a.reserve?.status === 'notReady',
      reservedReason: a.reserve?.reason ?? '',
      useMobileAccept: a.member.useMobileAccept,
      useMobileCallOut: a.member.useMobileCallOut,
      lastOnlineMs: a.lastOnlineMs,
      lastStatusMs: a.history.length > 0 ? a.sinceMs : null,
      wrapUpEndsAtMs: a.wrapUpEndsAtMs,
      durations: {
        online: s(d.online),
        ...(Object.fromEntries(TIMED_STATUSES.map((st) => [st, s(d[st])])) as Record<
          TimedStatus,
          number
        >),
      },
    };
  }

  private transition(
    a: AgentState,
    status: AgentStatus,
    reason: string,
    extra: SimChannel | null,
    sessionId: string,
    source: SimChangeSource,
  ): void {
    if (a.status === status && a.reason === reason && a.sessionId === sessionId) return;
    const wasOffline = a.status === 'offline';
    a.status = status;
    a.reason = reason;
    a.extra = extra;
    a.sessionId = sessionId;
    a.sinceMs = this.nowMs;
    a.version++;
    if (wasOffline && status !== 'offline') a.lastOnlineMs = this.nowMs;
    const change: SimStatusChange = {
      staffUserId: a.member.userId,
      status,
      reason,
      atMs: this.nowMs,
      extra: extra ? { ...extra } : null,
      source,
    };
    if (sessionId) change.sessionId = sessionId;
    a.history.push(change);
    this.autopilot?.onStatusChanged(a);
  }

  private requestStatus(
    a: AgentState,
    status: SettableStatus,
    reason: string,
    source: SimChangeSource,
  ): SetStatusOutcome {
    const base = {
      staffUserId: a.member.userId,
      status,
      reason,
      previousStatus: a.status as string,
      previousReason: a.reason,
      errorCode: '',
      errorMessage: '',
    };
    if (a.status === 'offline') {
      return {
        ...base,
        errorCode: 'FailedOperation',
        errorMessage: 'The staff member is offline.',
        effect: 'none',
      };
    }
    if (a.status === 'busy' || a.status === 'afterCallWork') {
      a.reserve = status === 'free' ? null : { status, reason };
      return { ...base, effect: status === 'free' ? 'cancelled' : 'reserved' };
    }
    a.reserve = null;
    this.transition(a, status, status === 'free' ? '' : reason, null, '', source);
    return { ...base, effect: 'now' };
  }

  private goOnline(a: AgentState, source: SimChangeSource): void {
    if (a.status === 'offline') this.transition(a, 'free', '', null, '', source);
  }

  private goOffline(a: AgentState, source: SimChangeSource): void {
    if (a.session) this.closeSession(a);
    a.reserve = null;
    a.offlineWhenDone = false;
    a.wrapUpEndsAtMs = null;
    this.transition(a, 'offline', '', null, '', source);
  }

  private startSession(a: AgentState, channel: SimChannel, source: SimChangeSource): void {
    const session = { ...channel, id: simSessionId(a.rng), startMs: this.nowMs };
    a.session = session;
    a.wrapUpEndsAtMs = null;
    this.transition(a, 'busy', '', { ...channel }, session.id, source);
  }

  /** Records the finished session (IM sessions become SimImSession records). */
  private closeSession(a: AgentState): string {
    const s = a.session!;
    a.session = null;
    if (s.type === 'im') {
      this.sessions.push(generateAgentImSession(a.rng, a.member, s.id, s.startMs, this.nowMs));
    }
    return s.id;
  }

  private endSession(a: AgentState, wrapUpMs = this.wrapUpMs): void {
    const id = this.closeSession(a);
    this.transition(a, 'afterCallWork', '', null, id, 'system');
    const version = a.version;
    a.wrapUpEndsAtMs = this.nowMs + wrapUpMs;
    this.queue.push(a.wrapUpEndsAtMs, () => {
      if (a.version === version && a.status === 'afterCallWork') this.finishWork(a);
    });
  }

  /** End of wrap-up: offline if the shift ended, else the reserved break, else free. */
  private finishWork(a: AgentState): void {
    a.wrapUpEndsAtMs = null;
    if (a.offlineWhenDone) {
      this.goOffline(a, 'system');
      return;
    }
    const r = a.reserve;
    a.reserve = null;
    if (r) this.transition(a, r.status, r.reason, null, '', 'system');
    else this.transition(a, 'free', '', null, '', 'system');
  }

  private ops(): WorldOps {
    return {
      now: () => this.nowMs,
      // Autopilot events fall on whole seconds, like the timestamps the API reports.
      schedule: (atMs, run) =>
        this.queue.push(Math.max(Math.round(atMs / 1000) * 1000, this.nowMs), run),
      agents: () => this.list,
      dayStartMs: (ms) => this.dayStartMs(ms),
      goOnline: (a, source) => this.goOnline(a, source),
      goOffline: (a, source) => this.goOffline(a, source),
      logOffWhenDone: (a) => {
        if (a.status === 'offline') return;
        if (a.status === 'busy' || a.status === 'afterCallWork') a.offlineWhenDone = true;
        else this.goOffline(a, 'agent');
      },
      requestStatus: (a, status, reason, source) =>
        void this.requestStatus(a, status, reason, source),
      startSession: (a, channel, source) => this.startSession(a, channel, source),
      endSession: (a) => this.endSession(a),
      recordImSession: (s) => this.sessions.push(s),
    };
  }
}

function invalid(message: string): SimControlError {
  return { code: 'InvalidState', message };
}
