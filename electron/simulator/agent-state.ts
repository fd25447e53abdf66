import {
  AGENT_STATUSES,
  TIMED_STATUSES,
  type AgentStatus,
  type SettableStatus,
  type StatusDurations,
  type TimedStatus,
} from '../../shared/vocabulary';
import type { PhoneDesk } from './phone-desk';
import type { Prng } from './prng';
import type { SimStaffMember } from './roster';
import type { SimChangeSource, SimImSession, SimStatusChange } from './world-types';

/** The channel of a call or IM session (StaffStatusExtra). */
export interface SimChannel {
  type: 'im' | 'tel';
  direct: 'in' | 'out';
}

/** A call / IM session in progress. */
export interface ActiveSession extends SimChannel {
  id: string;
  startMs: number;
}

/**
 * How the autopilot treats an agent: `auto` lives a whole day (shifts, calls, breaks);
 * `demo` (staff[0]) lives a day until the simulator starts, then only receives calls and IM
 * sessions (the person using the app decides its breaks); `manual` is never touched.
 */
export type AgentMode = 'auto' | 'demo' | 'manual';

/** One agent's live state. Mutated only by SimWorld; read by the autopilot. */
export interface AgentState {
  readonly member: SimStaffMember;
  readonly index: number;
  readonly mode: AgentMode;
  /** The agent's own random stream, so agents do not disturb each other's draws. */
  readonly rng: Prng;
  status: AgentStatus;
  reason: string;
  /** Channel while busy, else null. */
  extra: SimChannel | null;
  /** Session the current status belongs to (busy, afterCallWork), else ''. */
  sessionId: string;
  /** When the current status began (epoch ms). */
  sinceMs: number;
  /** A break asked for during a call: applied when the call and wrap-up end. */
  reserve: { status: Exclude<SettableStatus, 'free'>; reason: string } | null;
  /** Bumped on every status change; scheduled follow-ups check it to know they are stale. */
  version: number;
  lastOnlineMs: number | null;
  session: ActiveSession | null;
  /** The phone call ringing this agent (who stays free while it rings), else null. */
  ringingSessionId: string | null;
  /** When the wrap-up countdown ends, while in afterCallWork. */
  wrapUpEndsAtMs: number | null;
  /** The shift ended during a call: go offline instead of free when the work is done. */
  offlineWhenDone: boolean;
  readonly history: SimStatusChange[];
}

/** What the autopilot may do to the world. Every mutation follows the same rules as the API. */
export interface WorldOps {
  now(): number;
  schedule(atMs: number, run: () => void): void;
  agents(): readonly AgentState[];
  dayStartMs(ms: number): number;
  goOnline(a: AgentState, source: SimChangeSource): void;
  goOffline(a: AgentState, source: SimChangeSource): void;
  /** Offline now if idle, else once the current call and wrap-up are over. */
  logOffWhenDone(a: AgentState): void;
  requestStatus(
    a: AgentState,
    status: SettableStatus,
    reason: string,
    source: SimChangeSource,
  ): void;
  startSession(a: AgentState, channel: SimChannel, source: SimChangeSource): void;
  endSession(a: AgentState): void;
  recordImSession(session: SimImSession): void;
  /** Phone calls: offer, dial, transfer, and the calls nobody served. */
  phone(): PhoneDesk;
}

/** A failed control operation: a code a test can switch on and a sentence. */
export interface SimControlError {
  code: 'UnknownStaff' | 'InvalidState' | 'InvalidArgument' | 'Unavailable';
  message: string;
}

/** Time spent per status in a window, in ms. `online` is everything but offline. */
export type SimDurations = { online: number } & Record<AgentStatus, number>;

/** One agent's real-time metrics, the source of DescribeStaffStatusMetrics. */
export interface SimAgentMetrics {
  userId: string;
  status: AgentStatus;
  reason: string;
  extra: SimChannel | null;
  sessionId: string;
  reserveRest: boolean;
  reserveNotReady: boolean;
  /** Reason of the reserved break ('' when none). */
  reservedReason: string;
  useMobileAccept: 0 | 1 | 2;
  useMobileCallOut: boolean;
  /** Epoch ms of the last login, null when the agent was never online. */
  lastOnlineMs: number | null;
  /** Epoch ms the current status began, null when the agent has no recorded status. */
  lastStatusMs: number | null;
  wrapUpEndsAtMs: number | null;
  /** Today's totals (account time zone) in whole SECONDS. */
  durations: StatusDurations;
}

/** The answer to one status request (a SetStaffStatus item). `errorCode` '' means success. */
export interface SetStatusOutcome {
  staffUserId: string;
  status: string;
  reason: string;
  previousStatus: string;
  previousReason: string;
  errorCode: string;
  errorMessage: string;
  /** now: the status changed; reserved: kept for the end of the call; cancelled: reservation dropped. */
  effect: 'now' | 'reserved' | 'cancelled' | 'none';
}

/** A new agent, offline since `sinceMs`, with nothing recorded yet. */
export function newAgentState(
  member: SimStaffMember,
  index: number,
  mode: AgentMode,
  rng: Prng,
  sinceMs: number,
): AgentState {
  return {
    member,
    index,
    mode,
    rng,
    status: 'offline',
    reason: '',
    extra: null,
    sessionId: '',
    sinceMs,
    reserve: null,
    version: 0,
    lastOnlineMs: null,
    session: null,
    ringingSessionId: null,
    wrapUpEndsAtMs: null,
    offlineWhenDone: false,
    history: [],
  };
}

/** An agent's real-time metrics, with today's durations (ms) rounded down to whole seconds. */
export function toAgentMetrics(a: AgentState, d: SimDurations): SimAgentMetrics {
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

/**
 * Time per status within [fromMs, endMs) from time-ordered status changes: the last change at or
 * before `fromMs` sets the status the window opens with. Pure; metrics and desk totals share it.
 */
export function durationsFromHistory(
  history: readonly SimStatusChange[],
  fromMs: number,
  endMs: number,
): SimDurations {
  const total = {
    online: 0,
    ...Object.fromEntries(AGENT_STATUSES.map((s) => [s, 0])),
  } as SimDurations;
  let lo = 0;
  let hi = history.length - 1;
  let first = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (history[mid]!.atMs <= fromMs) {
      first = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = first; i < history.length; i++) {
    const c = history[i]!;
    if (c.atMs >= endMs) break;
    const from = Math.max(c.atMs, fromMs);
    const to = Math.min(history[i + 1]?.atMs ?? endMs, endMs);
    if (to <= from) continue;
    const status = c.status as AgentStatus;
    if (status in total) total[status] += to - from;
    if (status !== 'offline') total.online += to - from;
  }
  return total;
}
