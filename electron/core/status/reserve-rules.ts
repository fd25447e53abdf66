import type { SetStaffStatusResultItem } from '../api/ccc-types';
import {
  RESERVE_FLAGS,
  isOnCall,
  isSettableStatus,
  takesReason,
  type ReserveFlag,
  type SettableStatus,
} from '../../../shared/vocabulary';
import type { StatusView } from './snapshot-mapper';

/**
 * The reserve rules, in one place (reference section 1, "best understanding"; which statuses are
 * on a call and which are reservable is the vocabulary's, shared/vocabulary.ts):
 * - asking for `rest` / `notReady` while `busy` or in `afterCallWork` RESERVES it: the status
 *   stays, ReserveRest / ReserveNotReady is set, and the break starts when the call and wrap-up end;
 * - asking for `free` while on a call cancels any reservation (the agent returns to free after);
 * - otherwise the requested status applies at once;
 * - a reserved break that begins at the end of a call is the agent's own doing, never drift;
 * - undo restores PreviousStatus / PreviousReason only when that was a settable status.
 */

/** What a requested change does to the current status. */
export type ChangeEffect = 'apply' | 'reserve' | 'cancel-reserve';

/** A status change the agent asked for. */
export interface RequestedChange {
  status: SettableStatus;
  reason: string;
}

/** The effect of asking for `requested` while in `current`. */
export function changeEffect(current: string, requested: SettableStatus): ChangeEffect {
  if (!isOnCall(current)) return 'apply';
  return requested === 'free' ? 'cancel-reserve' : 'reserve';
}

/**
 * The effect the server applied, judged from its answer: on a call if PreviousStatus (or the
 * answered Status) is busy / afterCallWork; falls back to what we knew (`known`) when the answer
 * carries neither.
 */
export function effectFromResult(
  requested: SettableStatus,
  item: Pick<SetStaffStatusResultItem, 'status' | 'previousStatus'>,
  known: string,
): ChangeEffect {
  const answered = item.previousStatus !== '' || item.status !== '';
  const onCall = answered
    ? isOnCall(item.previousStatus) || isOnCall(item.status)
    : isOnCall(known);
  return changeEffect(onCall ? 'busy' : 'free', requested);
}

/** The snapshot's reservation flags with (at most) `status` reserved. */
function reserveFlags(status: SettableStatus | null): Record<ReserveFlag, boolean> {
  const flags = {} as Record<ReserveFlag, boolean>;
  for (const [s, flag] of Object.entries(RESERVE_FLAGS)) flags[flag] = s === status;
  return flags;
}

/** `view` after `change` took `effect` at local time `nowMs` (optimistic or confirmed). */
export function applyChange(
  view: StatusView,
  change: RequestedChange,
  effect: ChangeEffect,
  nowMs: number,
  onCallStatus?: string,
): StatusView {
  switch (effect) {
    case 'apply':
      return {
        ...view,
        status: change.status,
        rawStatus: change.status,
        reason: change.reason,
        statusSinceMs: nowMs,
        ...reserveFlags(null),
        statusExtra: null,
      };
    case 'reserve':
    case 'cancel-reserve': {
      // The server said the agent is on a call while we still showed something else: follow it.
      const status = isOnCall(view.status)
        ? view.status
        : onCallStatus && isOnCall(onCallStatus)
          ? onCallStatus
          : 'busy';
      const moved = status !== view.status;
      return {
        ...view,
        status: status as StatusView['status'],
        rawStatus: moved ? status : view.rawStatus,
        statusSinceMs: moved ? nowMs : view.statusSinceMs,
        ...reserveFlags(effect === 'reserve' ? change.status : null),
      };
    }
  }
}

/** `view` as the agent sees it with `changes` (in order, nulls skipped) applied optimistically,
 * each at the time it was requested. Pure. */
export function withPendingChanges(
  view: StatusView,
  changes: readonly ((RequestedChange & { requestedAtMs: number }) | null)[],
): StatusView {
  let v = view;
  for (const c of changes) {
    if (c) v = applyChange(v, c, changeEffect(v.status, c.status), c.requestedAtMs);
  }
  return v;
}

/** Whether before -> after is a reserved break / not-ready taking effect (the agent's own request). */
export function isReservedTakingEffect(before: StatusView, after: StatusView): boolean {
  return Object.entries(RESERVE_FLAGS).some(([s, flag]) => before[flag] && after.status === s);
}

/** What undo would restore after a change answered with `previous`, or null when nothing sensible:
 * busy / afterCallWork / offline cannot be set, and restoring the same state is no undo. */
export function undoTarget(
  previousStatus: string,
  previousReason: string,
  applied: RequestedChange,
): RequestedChange | null {
  if (!isSettableStatus(previousStatus)) return null;
  const reason = takesReason(previousStatus) ? previousReason : '';
  if (previousStatus === applied.status && reason === applied.reason) return null;
  return { status: previousStatus, reason };
}
