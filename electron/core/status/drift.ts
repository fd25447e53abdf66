import type { DriftEvent } from '../../../shared/snapshot';
import type { SettableStatus } from '../../../shared/vocabulary';
import { isReservedTakingEffect, type RequestedChange } from './reserve-rules';
import { statusChanged, type StatusView } from './snapshot-mapper';

/** How long a change whose call failed ambiguously (timeout, network) may still show up as
 * applied without being reported as drift. */
export const MAYBE_APPLIED_MS = 60_000;

/**
 * Decides whether a status change seen by polling is drift: a change of status (or of the reason
 * while on rest / notReady) that the agent did not ask for: a call starting or ending, a
 * supervisor, the web workbench, the system setting offline. Not drift: a reserved break taking
 * effect at the end of a call, and a change whose request failed ambiguously (it may have reached
 * CCC) showing up shortly after. Own changes confirmed by SetStaffStatus never get here: the
 * engine updates its known state with them.
 */
export class DriftJudge {
  private maybeApplied: { status: SettableStatus; reason: string; untilMs: number } | null = null;

  /** A change whose call failed in a way that may still have applied it. */
  noteMaybeApplied(change: RequestedChange, nowMs: number): void {
    this.maybeApplied = { ...change, untilMs: nowMs + MAYBE_APPLIED_MS };
  }

  /** Forget everything (new agent). */
  reset(): void {
    this.maybeApplied = null;
  }

  /** The drift event for prev -> next, or null when nothing changed or the agent asked for it. */
  judge(prev: StatusView | null, next: StatusView, nowMs: number): DriftEvent | null {
    if (!prev || !statusChanged(prev, next) || this.ownDoing(prev, next, nowMs)) return null;
    return {
      before: { status: prev.status, reason: prev.reason },
      after: { status: next.status, reason: next.reason },
      atMs: nowMs,
    };
  }

  private ownDoing(prev: StatusView, next: StatusView, nowMs: number): boolean {
    if (isReservedTakingEffect(prev, next)) return true;
    const m = this.maybeApplied;
    if (m && m.untilMs > nowMs && next.status === m.status) {
      this.maybeApplied = null;
      return m.status === 'free' || next.reason === m.reason;
    }
    return false;
  }
}
