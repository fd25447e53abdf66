import type { CccResponse, SetStaffStatusItem, SetStaffStatusResultItem } from '../api/ccc-types';
import type { AppError, Result } from '../../../shared/result';
import type { ChangeOutcome } from '../../../shared/snapshot';
import type { QueuedChange } from './change-queue';
import { effectFromResult, type ChangeEffect, type RequestedChange } from './reserve-rules';
import { ENGINE_ERRORS, itemError } from './status-errors';

/** What a SetStaffStatus answer means for one own change. */
export type SetStatusReading =
  | {
      kind: 'failed';
      error: AppError;
      /** Auth / permission: stop polling until the credentials change. */
      rejectsCredentials: boolean;
      /** The request may have reached CCC (timeout, network, 5xx): a later poll showing the
       * requested status is not drift. */
      mayHaveApplied: boolean;
    }
  | { kind: 'done'; effect: ChangeEffect; previousStatus: string; previousReason: string };

const NOT_SENT_KINDS: readonly string[] = [
  'rate_limit',
  'bad_input',
  'invalid_parameter',
  'config',
];

/** The request reached CCC but its answer was lost or unreadable: the change may have happened. */
const ANSWER_LOST_KINDS: readonly string[] = ['timeout', 'bad_response'];

/** Appended to such an error, so "failed" is never read as "certainly not applied". */
export const MAY_HAVE_APPLIED =
  'The change may still have taken effect: the app checks with CCC and shows the status it reports.';

/**
 * Reads a SetStaffStatus answer for the agent's own item. An item can fail inside a call that
 * succeeded: its ErrorCode decides. The effect (applied / reserved / reservation cancelled) comes
 * from the answer's PreviousStatus (see reserve-rules), `known` being our last known status.
 */
export function readSetStatusResult(
  r: Result<CccResponse<SetStaffStatusResultItem[]>>,
  agentId: string,
  change: RequestedChange,
  known: string,
): SetStatusReading {
  if (!r.ok) {
    const rejectsCredentials = r.error.kind === 'auth' || r.error.kind === 'permission';
    const lost = ANSWER_LOST_KINDS.includes(r.error.kind);
    return {
      kind: 'failed',
      error: lost ? { ...r.error, message: `${r.error.message} ${MAY_HAVE_APPLIED}` } : r.error,
      rejectsCredentials,
      mayHaveApplied: !rejectsCredentials && !NOT_SENT_KINDS.includes(r.error.kind),
    };
  }
  const id = agentId.trim().toLowerCase();
  const items = r.value.value;
  const answer =
    items.find((i) => i.staffUserId.trim().toLowerCase() === id) ??
    (items.length === 1 ? items[0] : undefined);
  const failed = (error: AppError): SetStatusReading => ({
    kind: 'failed',
    error,
    rejectsCredentials: false,
    mayHaveApplied: false,
  });
  if (!answer) return failed(ENGINE_ERRORS.noItem(r.value.requestId));
  if (answer.errorCode !== '') return failed(itemError(answer, r.value.requestId));
  return {
    kind: 'done',
    effect: effectFromResult(change.status, answer, known),
    previousStatus: answer.previousStatus,
    previousReason: answer.previousReason,
  };
}

/** The outcome of own change `c` (`error` set when it failed), stamped `atMs`. Pure. */
export function changeOutcome(
  c: QueuedChange,
  kind: ChangeOutcome['outcome'],
  error: AppError | null,
  atMs: number,
): ChangeOutcome {
  return {
    id: c.id,
    requested: { status: c.status, reason: c.reason },
    outcome: kind,
    error,
    atMs,
  };
}

/** The SetStaffStatus item asking for own change `c` of `agentId` (no Reason when empty). Pure. */
export function setStatusItem(agentId: string, c: RequestedChange): SetStaffStatusItem {
  return {
    staffUserId: agentId,
    status: c.status,
    ...(c.reason !== '' ? { reason: c.reason } : {}),
  };
}
