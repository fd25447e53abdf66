import { isOnCall, type AgentStatus, type SettableStatus } from '../../shared/vocabulary';
import type { AgentState, SetStatusOutcome, SimChannel } from './agent-state';
import { generateAgentImSession, simSessionId } from './im-sessions';
import type { PhoneDesk } from './phone-desk';
import type { SimChangeSource, SimImSession, SimStatusChange } from './world-types';

/** What the lifecycle needs from the world around it (SimWorld provides it). */
export interface LifecycleEnv {
  now(): number;
  /** Runs `run` at exactly `atMs` (the event queue). */
  push(atMs: number, run: () => void): void;
  wrapUpMs(): number;
  onStatusChanged(a: AgentState): void;
  recordImSession(s: SimImSession): void;
  phone(): PhoneDesk;
}

/**
 * The agent state machine of the simulated centre: every status change goes through
 * `transition`, which records it, so the history, the metrics and the records always agree.
 * Busy / wrap-up / free follow the service's rules (breaks asked for during a call are reserved).
 */
export class AgentLifecycle {
  constructor(private readonly env: LifecycleEnv) {}

  /** Enters a status and records it in the agent's history (no-op when nothing changes). */
  transition(
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
    a.sinceMs = this.env.now();
    a.version++;
    if (wasOffline && status !== 'offline') a.lastOnlineMs = this.env.now();
    const change: SimStatusChange = {
      staffUserId: a.member.userId,
      status,
      reason,
      atMs: this.env.now(),
      extra: extra ? { ...extra } : null,
      source,
    };
    if (sessionId) change.sessionId = sessionId;
    a.history.push(change);
    this.env.onStatusChanged(a);
  }

  /** Applies a status request with the service's reserve rules (see SimWorld.setStaffStatus). */
  requestStatus(
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
    if (isOnCall(a.status)) {
      a.reserve = status === 'free' ? null : { status, reason };
      return { ...base, effect: status === 'free' ? 'cancelled' : 'reserved' };
    }
    a.reserve = null;
    this.transition(a, status, status === 'free' ? '' : reason, null, '', source);
    return { ...base, effect: 'now' };
  }

  /** Logs the agent in (free) if offline. */
  goOnline(a: AgentState, source: SimChangeSource): void {
    if (a.status === 'offline') this.transition(a, 'free', '', null, '', source);
  }

  /** Logs the agent out, closing a session in progress. */
  goOffline(a: AgentState, source: SimChangeSource): void {
    if (a.session) this.closeSession(a);
    a.reserve = null;
    a.offlineWhenDone = false;
    a.wrapUpEndsAtMs = null;
    this.transition(a, 'offline', '', null, '', source);
  }

  /** Busy on a new call / IM session (`sessionId` given for a phone call). */
  startSession(
    a: AgentState,
    channel: SimChannel,
    source: SimChangeSource,
    sessionId?: string,
  ): void {
    const session = { ...channel, id: sessionId ?? simSessionId(a.rng), startMs: this.env.now() };
    a.session = session;
    a.wrapUpEndsAtMs = null;
    this.transition(a, 'busy', '', { ...channel }, session.id, source);
  }

  /** Records the finished session (IM sessions become SimImSession records; calls, legs). */
  closeSession(a: AgentState): string {
    const s = a.session!;
    a.session = null;
    if (s.type === 'im') {
      this.env.recordImSession(
        generateAgentImSession(a.rng, a.member, s.id, s.startMs, this.env.now()),
      );
    } else this.env.phone().legEnded(a, s.id);
    return s.id;
  }

  /** Ends the session: afterCallWork with its countdown. */
  endSession(a: AgentState, wrapUpMs = this.env.wrapUpMs()): void {
    const id = this.closeSession(a);
    this.transition(a, 'afterCallWork', '', null, id, 'system');
    const version = a.version;
    a.wrapUpEndsAtMs = this.env.now() + wrapUpMs;
    this.env.push(a.wrapUpEndsAtMs, () => {
      if (a.version === version && a.status === 'afterCallWork') this.finishWork(a);
    });
  }

  /** End of wrap-up: offline if the shift ended, else the reserved break, else free. */
  finishWork(a: AgentState): void {
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

  /** Offline now if idle, else once the current call and wrap-up are over. */
  logOffWhenDone(a: AgentState): void {
    if (a.status === 'offline') return;
    if (isOnCall(a.status)) a.offlineWhenDone = true;
    else this.goOffline(a, 'agent');
  }
}
