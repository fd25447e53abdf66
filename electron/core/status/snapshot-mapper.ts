import type { StaffStatusMetrics } from '../api/ccc-types';
import { metricsDurations } from '../api/ccc-payloads';
import type { StatusSnapshot } from '../../../shared/snapshot';
import {
  isAgentStatus,
  isOnCall,
  takesReason,
  zeroDurations,
  type DisplayStatus,
} from '../../../shared/vocabulary';

/**
 * DescribeStaffStatusMetrics item -> the status part of a snapshot. Pure.
 * - Unknown statuses (a future API value) display as 'unknown'; the raw value is kept.
 * - `statusSinceMs` = LastStatusTimestamp (server epoch SECONDS) * 1000 - clockOffsetMs, i.e. the
 *   same instant on the LOCAL clock (clockOffsetMs = server - local). 0 / null -> null (unknown).
 * - StatusExtra (channel, direction) is kept only while on a call or in wrap-up: the API's own
 *   example sends it with `free`, where it means nothing.
 * - `*Duration` fields are today's totals in seconds (the docs state no unit).
 */

/** The part of a snapshot that describes the agent's status (what polls and changes update). */
export type StatusView = Pick<
  StatusSnapshot,
  | 'status'
  | 'rawStatus'
  | 'reason'
  | 'statusSinceMs'
  | 'reserveRest'
  | 'reserveNotReady'
  | 'statusExtra'
  | 'today'
  | 'useMobileAccept'
  | 'useMobileCallOut'
>;

/** The view before the first sync: status unknown, everything zero. */
export function emptyView(): StatusView {
  return {
    status: 'unknown',
    rawStatus: '',
    reason: '',
    statusSinceMs: null,
    reserveRest: false,
    reserveNotReady: false,
    statusExtra: null,
    today: zeroDurations(),
    useMobileAccept: 0,
    useMobileCallOut: false,
  };
}

/** A raw API status as displayed: known values as they are, anything else 'unknown'. */
export function toDisplayStatus(raw: string): DisplayStatus {
  return isAgentStatus(raw) ? raw : 'unknown';
}

/** Maps one metrics item; `clockOffsetMs` is server minus local time. */
export function viewFromMetrics(m: StaffStatusMetrics, clockOffsetMs: number): StatusView {
  const status = toDisplayStatus(m.status);
  const onCall = isOnCall(status);
  const ts = m.lastStatusTimestamp;
  const offset = Number.isFinite(clockOffsetMs) ? clockOffsetMs : 0;
  return {
    status,
    rawStatus: m.status,
    reason: m.reason ?? '',
    statusSinceMs: ts !== null && Number.isFinite(ts) && ts > 0 ? ts * 1000 - offset : null,
    reserveRest: m.reserveRest === true,
    reserveNotReady: m.reserveNotReady === true,
    statusExtra:
      onCall && m.statusExtra
        ? { type: m.statusExtra.type, direction: m.statusExtra.direction }
        : null,
    today: metricsDurations(m),
    useMobileAccept: m.useMobileAccept === 1 || m.useMobileAccept === 2 ? m.useMobileAccept : 0,
    useMobileCallOut: m.useMobileCallOut === true,
  };
}

/** The agent's own item in a metrics answer (accounts compared case-insensitively), or null. */
export function findAgentMetrics(
  list: readonly StaffStatusMetrics[],
  agentId: string,
): StaffStatusMetrics | null {
  const id = agentId.trim().toLowerCase();
  return list.find((m) => m.email.trim().toLowerCase() === id) ?? null;
}

/**
 * Whether two snapshots differ in anything but `lastSyncMs`. The engine emits a snapshot event only
 * when this is true, so identical polls cost nothing downstream; `lastSyncMs` in an event is the
 * value at emission time (read `snapshot()` for the latest).
 */
export function sameSnapshot(a: StatusSnapshot, b: StatusSnapshot): boolean {
  return JSON.stringify({ ...a, lastSyncMs: 0 }) === JSON.stringify({ ...b, lastSyncMs: 0 });
}

/** Whether the status (or, for one that carries a reason, the reason) differs: what drift is about. */
export function statusChanged(before: StatusView, after: StatusView): boolean {
  if (before.rawStatus !== after.rawStatus) return true;
  return takesReason(after.status) && before.reason !== after.reason;
}
