import type { Clock } from '../core/ports';
import { DEFAULT_TZ_OFFSET_MINUTES } from '../../shared/day-key';
import type { SettableStatus } from '../../shared/vocabulary';
import { err, ok, type Result } from '../../shared/result';
import {
  durationsFromHistory,
  newAgentState,
  toAgentMetrics,
  type AgentState,
  type SetStatusOutcome,
  type SimAgentMetrics,
  type SimChannel,
  type SimControlError,
  type SimDurations,
  type WorldOps,
} from './agent-state';
import { AgentLifecycle } from './agent-lifecycle';
import { Autopilot } from './autopilot';
import { EventQueue } from './event-queue';
import { PhoneDesk } from './phone-desk';
import { createPrng, deriveSeed } from './prng';
import { buildRoster, SIM_SKILL_GROUPS, type SimSkillGroup, type SimStaffMember } from './roster';
import type { SimTelCall } from './tel-calls';
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
  /** How late a finished call's record becomes readable, simulated seconds. Default 1-20. */
  cdrDelaySeconds?: { min: number; max: number };
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
  private readonly life: AgentLifecycle;
  /** Phone calls and their records (DescribeTelCdr). */
  readonly phone: PhoneDesk;
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
    this.list = buildRoster(Math.max(1, opts.staffCount ?? 8)).map((member, index) =>
      newAgentState(
        member,
        index,
        !autopilot || exclude.has(member.userId) ? 'manual' : index === 0 ? 'demo' : 'auto',
        createPrng(deriveSeed(seed, index + 1)),
        this.startMs,
      ),
    );
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
    this.life = new AgentLifecycle({
      now: () => this.nowMs,
      push: (atMs, run) => this.queue.push(atMs, run),
      wrapUpMs: () => this.wrapUpMs,
      onStatusChanged: (a) => this.autopilot?.onStatusChanged(a),
      recordImSession: (session) => this.sessions.push(session),
      phone: () => this.phone,
    });
    this.phone = new PhoneDesk(
      {
        now: () => this.nowMs,
        schedule: (atMs, run) => this.ops().schedule(atMs, run),
        agents: () => this.list,
        dayStartMs: (ms) => this.dayStartMs(ms),
        startBusy: (a, channel, sessionId) =>
          this.life.startSession(a, channel, 'system', sessionId),
        endBusy: (a) => this.life.endSession(a),
        idle: (a) => this.autopilot?.onStatusChanged(a),
        routable: (a) => this.autopilot?.routable(a) ?? false,
      },
      createPrng(deriveSeed(seed, 30_001)),
      { cdrDelaySeconds: opts.cdrDelaySeconds },
    );
    if (autopilot) {
      this.autopilot = new Autopilot(this.ops(), { startMs: this.startMs, seed });
      this.autopilot.begin();
    }
    // Agents nobody simulates are logged in and free when the simulator starts.
    for (const a of this.list) {
      if (a.mode === 'manual') this.queue.push(this.startMs, () => this.life.goOnline(a, 'system'));
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

  /** Every finished phone call (readable or not yet), in `Time` order. */
  telCalls(): readonly SimTelCall[] {
    this.sync();
    return this.phone.book.all();
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
    return this.life.requestStatus(a, status, reason, source);
  }

  /**
   * Routes a call / IM session to an online agent who is not already busy. A phone call leaves a
   * record: inbound answered at once; outbound answered by the customer at once unless
   * `answered` is false (then it ends as notAnswer).
   */
  startCall(
    staffUserId: string,
    channel: SimChannel,
    opts: { answered?: boolean } = {},
  ): Result<SimAgentMetrics, SimControlError> {
    return this.withAgent(staffUserId, (a) => {
      if (a.status === 'offline') return err(invalid(`${staffUserId} is offline.`));
      if (a.status === 'busy') return err(invalid(`${staffUserId} is already busy.`));
      if (channel.type === 'im') this.life.startSession(a, channel, 'system');
      else if (channel.direct === 'in') this.phone.inbound(a, { ringSeconds: 0, answers: true });
      else this.phone.outbound(a, { answerAfterSeconds: opts.answered === false ? null : 0 });
      return ok(this.metricsOf(a));
    });
  }

  /**
   * An inbound call rings a free agent for `ringSeconds` and is not answered; then it goes to
   * `nextStaff` (answered at once) if named and free, else the customer gives up.
   */
  missCall(
    staffUserId: string,
    opts: { ringSeconds: number; nextStaff?: string },
  ): Result<SimAgentMetrics, SimControlError> {
    return this.withAgent(staffUserId, (a) => {
      if (a.status !== 'free' || a.ringingSessionId)
        return err(invalid(`${staffUserId} is not free to ring.`));
      const next = opts.nextStaff ? this.byId.get(opts.nextStaff) : undefined;
      if (opts.nextStaff && !next)
        return err({ code: 'UnknownStaff', message: `No agent ${opts.nextStaff}.` });
      this.phone.inbound(a, { ringSeconds: Math.max(1, opts.ringSeconds), answers: false, next });
      return ok(this.metricsOf(a));
    });
  }

  /** The agent's phone call goes to `toStaff` (free), who answers at once; the agent wraps up. */
  transferCall(staffUserId: string, toStaff: string): Result<SimAgentMetrics, SimControlError> {
    return this.withAgent(staffUserId, (a) => {
      const b = this.byId.get(toStaff);
      if (!b) return err({ code: 'UnknownStaff', message: `No agent ${toStaff}.` });
      if (a.session?.type !== 'tel') return err(invalid(`${staffUserId} is not on a phone call.`));
      if (!this.phone.transfer(a, b, 0))
        return err(invalid(`${toStaff} cannot take the call now.`));
      return ok(this.metricsOf(a));
    });
  }

  /** Ends the agent's call / IM session: afterCallWork with the wrap-up countdown. */
  endCall(staffUserId: string, wrapUpSeconds?: number): Result<SimAgentMetrics, SimControlError> {
    return this.withAgent(staffUserId, (a) => {
      if (a.status !== 'busy') return err(invalid(`${staffUserId} is not busy.`));
      this.life.endSession(a, wrapUpSeconds === undefined ? undefined : wrapUpSeconds * 1000);
      return ok(this.metricsOf(a));
    });
  }

  /** Ends the wrap-up countdown now (free, or the reserved break). */
  finishWrapUp(staffUserId: string): Result<SimAgentMetrics, SimControlError> {
    return this.withAgent(staffUserId, (a) => {
      if (a.status !== 'afterCallWork')
        return err(invalid(`${staffUserId} is not in afterCallWork.`));
      this.life.finishWork(a);
      return ok(this.metricsOf(a));
    });
  }

  setOnline(staffUserId: string): Result<SimAgentMetrics, SimControlError> {
    return this.withAgent(staffUserId, (a) => {
      this.life.goOnline(a, 'system');
      return ok(this.metricsOf(a));
    });
  }

  setOffline(staffUserId: string): Result<SimAgentMetrics, SimControlError> {
    return this.withAgent(staffUserId, (a) => {
      this.life.goOffline(a, 'system');
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
    return toAgentMetrics(
      a,
      this.statusDurations(a.member.userId, this.dayStartMs(this.nowMs), this.nowMs),
    );
  }

  private ops(): WorldOps {
    return {
      now: () => this.nowMs,
      // Autopilot events fall on whole seconds, like the timestamps the API reports.
      schedule: (atMs, run) =>
        this.queue.push(Math.max(Math.round(atMs / 1000) * 1000, this.nowMs), run),
      agents: () => this.list,
      dayStartMs: (ms) => this.dayStartMs(ms),
      goOnline: (a, source) => this.life.goOnline(a, source),
      goOffline: (a, source) => this.life.goOffline(a, source),
      logOffWhenDone: (a) => this.life.logOffWhenDone(a),
      requestStatus: (a, status, reason, source) =>
        void this.life.requestStatus(a, status, reason, source),
      startSession: (a, channel, source) => this.life.startSession(a, channel, source),
      endSession: (a) => this.life.endSession(a),
      recordImSession: (s) => this.sessions.push(s),
      phone: () => this.phone,
    };
  }
}

function invalid(message: string): SimControlError {
  return { code: 'InvalidState', message };
}
