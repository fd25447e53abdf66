import type { TelEndStatusName } from '../../shared/tel-cdr-vocabulary';
import type { SimSkillGroup } from './roster';

/**
 * The simulated phone calls and their records (DescribeTelCdr). A call has one leg per agent it
 * reached, in order: rung (ring time), answered or not (accept time), ended (end time), transferred
 * from / to. Times are epoch ms on whole seconds. A finished call becomes visible in the records
 * `delay` after it ends, as real records arrive late. Kept in `Time` order for range queries.
 */

/** One agent's part in a call (a ServeParticipant). */
export interface SimTelLeg {
  agentId: string;
  nickName: string;
  staffNo: string;
  ringMs: number;
  /** null: the agent never answered (missed while ringing). */
  acceptMs: number | null;
  /** null while the leg is ringing or talking. */
  endMs: number | null;
  /** The agent who transferred the call here ('' when routed by the system). */
  transferFrom: string;
  /** The agent the call was transferred to ('' when it did not leave this way). */
  transferTo: string;
  /** EndStatusString of the participant (undocumented values: ok, notAnswer, ringingGiveUp). */
  endStatus: string;
}

/** One phone call of the contact centre. */
export interface SimTelCall {
  sessionId: string;
  direction: 'in' | 'out';
  /** The customer's number (Caller inbound, Callee outbound). */
  customer: string;
  /** The centre's number (Callee inbound, Caller outbound). */
  line: string;
  /** Call initiation (`Time`, `StartTimestamp`). */
  startMs: number;
  ivrSeconds: number;
  /** Inbound: when the call entered the queue (null: it never left the IVR). */
  queuedMs: number | null;
  /** Outbound: when the customer answered (null: never). */
  customerAcceptMs: number | null;
  legs: SimTelLeg[];
  /** null while the call is going on. */
  endMs: number | null;
  endStatus: TelEndStatusName;
  hungUpSide: 'seat' | 'user' | 'system';
  skillGroup: SimSkillGroup;
  /** When the record can be read (end + delay); null while going on. */
  visibleAtMs: number | null;
}

/** Talk time of a finished call in seconds: first answer (or the customer's, outbound) to end. */
export function callDurationSeconds(c: SimTelCall): number {
  const answered =
    c.direction === 'out'
      ? c.customerAcceptMs
      : (c.legs.find((l) => l.acceptMs !== null)?.acceptMs ?? null);
  if (answered === null || c.endMs === null) return 0;
  return Math.max(0, Math.round((c.endMs - answered) / 1000));
}

/** The calls of the simulated centre: ongoing by session id, finished ones in `Time` order. */
export class TelCallBook {
  private readonly ongoing = new Map<string, SimTelCall>();
  private readonly finished: SimTelCall[] = [];

  /** Registers a new call (it has at least its first leg). */
  open(call: SimTelCall): SimTelCall {
    this.ongoing.set(call.sessionId, call);
    return call;
  }

  get(sessionId: string): SimTelCall | undefined {
    return this.ongoing.get(sessionId);
  }

  /** Ends a call: its record becomes visible at `endMs + delayMs`. */
  finish(
    call: SimTelCall,
    endMs: number,
    endStatus: TelEndStatusName,
    side: SimTelCall['hungUpSide'],
    delayMs: number,
  ): void {
    if (call.endMs !== null) return;
    call.endMs = endMs;
    call.endStatus = endStatus;
    call.hungUpSide = side;
    call.visibleAtMs = endMs + Math.max(0, delayMs);
    for (const leg of call.legs) leg.endMs ??= endMs;
    this.ongoing.delete(call.sessionId);
    this.insertByTime(call);
  }

  /** Adds a call that was over before it reached anyone (IVR / queue give-ups). */
  addFinished(call: SimTelCall): void {
    this.insertByTime(call);
  }

  /** Finished calls in `Time` order (ties: session id), visible or not. */
  all(): readonly SimTelCall[] {
    return this.finished;
  }

  /** Finished calls whose `Time` falls in [fromMs, toMs] and that are visible at `nowMs`. */
  visibleIn(fromMs: number, toMs: number, nowMs: number): SimTelCall[] {
    const out: SimTelCall[] = [];
    for (let i = this.lowerBound(fromMs); i < this.finished.length; i++) {
      const c = this.finished[i]!;
      if (c.startMs > toMs) break;
      if (c.visibleAtMs !== null && c.visibleAtMs <= nowMs) out.push(c);
    }
    return out;
  }

  private less(a: SimTelCall, b: SimTelCall): boolean {
    return a.startMs < b.startMs || (a.startMs === b.startMs && a.sessionId < b.sessionId);
  }

  private lowerBound(ms: number): number {
    let lo = 0;
    let hi = this.finished.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.finished[mid]!.startMs < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insertByTime(call: SimTelCall): void {
    // Calls end roughly in start order: search from the end.
    let i = this.finished.length;
    while (i > 0 && this.less(call, this.finished[i - 1]!)) i--;
    this.finished.splice(i, 0, call);
  }
}
