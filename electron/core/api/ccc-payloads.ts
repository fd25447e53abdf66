import type { z } from 'zod';
import { err, ok, type Result } from '../../../shared/result';
import {
  TIMED_STATUSES,
  isAgentStatus,
  isSettableStatus,
  settableStatusList,
  type StatusDurations,
  type TimedStatus,
} from '../../../shared/vocabulary';
import { badInput, badResponse } from './ccc-errors';
import {
  METRICS_DURATION_FIELDS,
  durationKey,
  type CccResponse,
  type DescribeStaffStatusHistoryInput,
  type DescribeStaffStatusMetricsInput,
  type MetricsDurationKey,
  type SetStaffStatusItem,
  type SetStaffStatusResultItem,
  type StaffStatusExtra,
  type StaffStatusHistoryItem,
  type StaffStatusMetrics,
  type describeStaffStatusHistoryResponseSchema,
  type describeStaffStatusMetricsResponseSchema,
  type setStaffStatusResponseSchema,
} from './ccc-types';

/**
 * The CCC client's payloads: input checks done BEFORE anything is sent (bad input becomes
 * `bad_input`, nothing goes out) and the mapping of validated API responses (PascalCase, nulls,
 * case variants) to the app's types. Pure apart from `collectHistory`, which only sequences the
 * page fetches the client hands it.
 *
 * DescribeStaffStatusHistory (not in our seeds) was looked up in Tencent's own sources:
 * - docs: cloud.tencent.com/document/api/679/123051 (intl: tencentcloud.com/document/api/1229/73139)
 * - SDK models: TencentCloud/tencentcloud-sdk-cpp ccc/include/tencentcloud/ccc/v20200210/model/
 *   DescribeStaffStatusHistoryRequest.h, DescribeStaffStatusHistoryResponse.h, StaffStatus.h
 * Request: SdkAppId (Integer), StaffUserId (String, agent account), StartTimestamp (Integer, Unix
 * seconds, at most ~180 days back), EndTimestamp (Integer, Unix seconds, range "less than 7
 * days"), Cursor (String, optional), PageSize (Integer, optional; example value 1000).
 * Response: Data (Array of StaffStatus), RequestId. StaffStatus: Cursor (String, "the cursor used
 * for paging"), Timestamp (Integer, Unix seconds), Status (String: free|busy|rest|notReady|
 * afterCallWork|offline), SessionId (String, the session the status relates to); the newer SDK
 * models (tencentcloud-sdk-php / -java StaffStatus) add Reason (break reason), StaffEmail and
 * StaffNo, so Reason is read when present.
 * UNCERTAIN (not documented): PageSize's default and maximum; whether the page after `Cursor`
 * includes the row that carried it; how the last page is signalled (there is no TotalCount or
 * NextCursor). So we ask for `historyPageSize` rows (default 100), continue from the last row's
 * Cursor while a page comes back full, drop rows whose Cursor we already have, and stop on a short
 * page, an empty page or a page that adds nothing new. The example's Cursor decodes to a
 * millisecond time and the account, and its Timestamp is cut off in the docs, so a Timestamp
 * above 1e11 is read as milliseconds. The API gives no StatusExtra or duration per row:
 * `duration` is derived from the next row's start.
 */

/** SetStaffStatus accepts at most 10 items (API docs). */
export const MAX_SET_ITEMS = 10;
/** Break reasons are short admin-configured labels; the API states no limit, we allow 100. */
export const MAX_REASON_LENGTH = 100;
/** DescribeStaffStatusHistory: "end minus start less than 7 days". */
export const MAX_HISTORY_RANGE_S = 7 * 24 * 3600;

/** True when a string holds an ASCII control character (would corrupt a header or a log line). */
export function hasControlChars(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** A non-empty string without control characters. */
export const isCleanString = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && !hasControlChars(v);

/** `StatusExtra` case-insensitively: docs say IM|TEL|ALL + IN|OUT, the example tel + callin. */
export function normaliseExtra(
  extra: { Type?: string | null; Direct?: string | null } | null | undefined,
): StaffStatusExtra | null {
  if (!extra) return null;
  const rawType = extra.Type ?? null;
  const rawDirect = extra.Direct ?? null;
  if (!rawType && !rawDirect) return null;
  const t = (rawType ?? '').trim().toLowerCase();
  const d = (rawDirect ?? '').trim().toLowerCase();
  const type = t === 'im' || t === 'tel' || t === 'all' ? t : 'unknown';
  // Docs: IN | OUT. The example says "callin"; accept the obvious spellings of both.
  const direction = ['in', 'callin', 'inbound'].includes(d)
    ? 'in'
    : ['out', 'callout', 'outbound'].includes(d)
      ? 'out'
      : 'unknown';
  return { type, direction, rawType, rawDirect };
}

/** Unix seconds; a value that can only be milliseconds (> 1e11) is converted. */
export const toSeconds = (v: number): number => (v > 1e11 ? Math.floor(v / 1000) : v);
/** 0 and null both mean "no value" (the docs' example sends 0). */
const timestampOrNull = (v: number | null | undefined): number | null => (v ? toSeconds(v) : null);

/** Validated `Metrics` items as app values. Durations stay in (presumed) seconds. */
export function toMetrics(
  item: NonNullable<z.infer<typeof describeStaffStatusMetricsResponseSchema>['Metrics']>,
): StaffStatusMetrics[] {
  return item.map((m) => ({
    email: m.Email,
    status: m.Status,
    statusExtra: normaliseExtra(m.StatusExtra),
    onlineDuration: m.OnlineDuration,
    ...(Object.fromEntries(
      Object.values(METRICS_DURATION_FIELDS).map((field) => [durationKey(field), m[field]]),
    ) as Record<MetricsDurationKey, number>),
    reason: m.Reason ?? '',
    reserveRest: m.ReserveRest,
    reserveNotReady: m.ReserveNotReady,
    useMobileAccept: m.UseMobileAccept,
    useMobileCallOut: m.UseMobileCallOut,
    lastOnlineTimestamp: timestampOrNull(m.LastOnlineTimestamp),
    lastStatusTimestamp: timestampOrNull(m.LastStatusTimestamp),
  }));
}

/**
 * Today's seconds per status from a metrics item, each timed status from its own duration field;
 * a negative or non-finite value reads as 0.
 */
export function metricsDurations(m: StaffStatusMetrics): StatusDurations {
  const seconds = (n: number): number => (Number.isFinite(n) && n > 0 ? n : 0);
  const timed = Object.fromEntries(
    TIMED_STATUSES.map((s) => [s, seconds(m[durationKey(METRICS_DURATION_FIELDS[s])])]),
  ) as Record<TimedStatus, number>;
  return { online: seconds(m.onlineDuration), ...timed };
}

/** 1..10 items, settable statuses, non-empty distinct agents, short single-line reasons. */
export function validateSetItems(items: unknown): Result<SetStaffStatusItem[]> {
  if (!Array.isArray(items) || items.length < 1 || items.length > MAX_SET_ITEMS) {
    return err(badInput(`SetStaffStatus takes 1 to ${MAX_SET_ITEMS} agents per call.`));
  }
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    const it = (item ?? {}) as Partial<Record<keyof SetStaffStatusItem, unknown>>;
    if (
      !isCleanString(it.staffUserId) ||
      it.staffUserId.trim() === '' ||
      it.staffUserId.length > 256
    ) {
      return err(
        badInput(`Item ${i + 1}: the agent account (staffUserId) must be a non-empty string.`),
      );
    }
    if (!isSettableStatus(it.status)) {
      return err(badInput(`Item ${i + 1}: status must be ${settableStatusList('or')}.`));
    }
    if (
      it.reason !== undefined &&
      (typeof it.reason !== 'string' ||
        it.reason.length > MAX_REASON_LENGTH ||
        hasControlChars(it.reason))
    ) {
      return err(
        badInput(
          `Item ${i + 1}: the reason must be text of at most ${MAX_REASON_LENGTH} characters.`,
        ),
      );
    }
    if (seen.has(it.staffUserId))
      return err(badInput(`Item ${i + 1}: the same agent appears twice.`));
    seen.add(it.staffUserId);
  }
  return ok(items as SetStaffStatusItem[]);
}

/** Filters as the API payload (`StaffList`, `GroupIdList`, `StatusList`), checked. */
export function validateMetricsInput(
  input: DescribeStaffStatusMetricsInput,
): Result<Record<string, unknown>> {
  const payload: Record<string, unknown> = {};
  const i = (input ?? {}) as Record<string, unknown>;
  if (i.staffList !== undefined) {
    if (!Array.isArray(i.staffList) || !i.staffList.every(isCleanString))
      return err(badInput('staffList must be a list of agent accounts.'));
    payload.StaffList = i.staffList;
  }
  if (i.groupIdList !== undefined) {
    if (
      !Array.isArray(i.groupIdList) ||
      !i.groupIdList.every((g) => Number.isSafeInteger(g) && (g as number) >= 0)
    ) {
      return err(badInput('groupIdList must be a list of skill group ids (integers).'));
    }
    payload.GroupIdList = i.groupIdList;
  }
  if (i.statusList !== undefined) {
    if (!Array.isArray(i.statusList) || !i.statusList.every(isAgentStatus))
      return err(badInput('statusList must hold known agent statuses.'));
    payload.StatusList = i.statusList;
  }
  return ok(payload);
}

/** An agent and a whole-second range shorter than 7 days. */
export function validateHistoryInput(
  input: DescribeStaffStatusHistoryInput,
): Result<DescribeStaffStatusHistoryInput> {
  const {
    staffUserId,
    startTimestamp: start,
    endTimestamp: end,
  } = (input ?? {}) as DescribeStaffStatusHistoryInput;
  if (!isCleanString(staffUserId) || staffUserId.trim() === '')
    return err(badInput('The agent account (staffUserId) must be a non-empty string.'));
  if (
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(end) ||
    start < 0 ||
    end < 0 ||
    start > 1e11 ||
    end > 1e11
  ) {
    return err(badInput('Start and end must be whole Unix timestamps in seconds.'));
  }
  if (end <= start) return err(badInput('The end of the range must be after its start.'));
  if (end - start >= MAX_HISTORY_RANGE_S)
    return err(badInput('DescribeStaffStatusHistory covers less than 7 days per query.'));
  return ok({ staffUserId, startTimestamp: start, endTimestamp: end });
}

type SetRows = z.infer<typeof setStaffStatusResponseSchema>['StaffStatusList'];

/**
 * Every item of a SetStaffStatus answer, plus a `MissingResult` item for each agent that was
 * asked about but is absent from the answer (that agent's change did not take effect).
 */
export function toSetResults(
  rows: SetRows,
  asked: readonly SetStaffStatusItem[],
): SetStaffStatusResultItem[] {
  const out: SetStaffStatusResultItem[] = rows.map((r) => ({
    staffUserId: r.StaffUserId,
    status: r.Status ?? '',
    reason: r.Reason ?? '',
    previousStatus: r.PreviousStatus ?? '',
    previousReason: r.PreviousReason ?? '',
    errorCode: r.ErrorCode ?? '',
    errorMessage: r.ErrorMessage ?? '',
  }));
  for (const a of asked) {
    if (!out.some((r) => r.staffUserId === a.staffUserId)) {
      out.push({
        staffUserId: a.staffUserId,
        status: '',
        reason: '',
        previousStatus: '',
        previousReason: '',
        errorCode: 'MissingResult',
        errorMessage: 'CCC returned no result for this agent.',
      });
    }
  }
  return out;
}

type HistoryRows = NonNullable<z.infer<typeof describeStaffStatusHistoryResponseSchema>['Data']>;

/** One page of history rows as app items (`duration` is filled in by `finishHistory`). */
export function toHistoryItems(rows: HistoryRows, staffUserId: string): StaffStatusHistoryItem[] {
  return rows.map((row) => ({
    staffUserId,
    status: row.Status,
    reason: row.Reason ?? '',
    timestamp: toSeconds(row.Timestamp),
    duration: null,
    statusExtra: null,
    sessionId: row.SessionId || null,
    cursor: row.Cursor ?? '',
  }));
}

/** Sorts by start time and derives each row's duration from the next row's start. */
function finishHistory(items: StaffStatusHistoryItem[]): StaffStatusHistoryItem[] {
  const sorted = [...items].sort((a, b) => a.timestamp - b.timestamp);
  return sorted.map((item, i) => {
    const next = sorted[i + 1];
    return { ...item, duration: next ? next.timestamp - item.timestamp : null };
  });
}

/** Stops a server whose cursor never ends from keeping us paging forever. */
export const MAX_HISTORY_PAGES = 200;

/**
 * Pages through DescribeStaffStatusHistory with `fetchPage(cursor)` (each call has its own
 * retries) following the rules above: continue from the last row's Cursor while pages come back
 * full and add new rows. Returns the rows sorted with durations, and the last page's RequestId.
 */
export async function collectHistory(
  pageSize: number,
  fetchPage: (cursor: string | undefined) => Promise<Result<CccResponse<StaffStatusHistoryItem[]>>>,
): Promise<Result<CccResponse<StaffStatusHistoryItem[]>>> {
  const rows: StaffStatusHistoryItem[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  let last: CccResponse<unknown> | null = null;
  for (let pages = 0; ; pages += 1) {
    if (pages >= MAX_HISTORY_PAGES) {
      const detail = `status history paging did not finish after ${MAX_HISTORY_PAGES} pages`;
      return err(
        badResponse(detail, { action: 'DescribeStaffStatusHistory', requestId: last?.requestId }),
      );
    }
    const res = await fetchPage(cursor);
    if (!res.ok) return res;
    last = res.value;
    const page = res.value.value;
    // Drop rows we already have, in case a page repeats the row whose cursor we passed.
    const fresh = page.filter((row) => !row.cursor || !seen.has(row.cursor));
    fresh.forEach((row) => row.cursor && seen.add(row.cursor));
    rows.push(...fresh);
    const nextCursor = page.at(-1)?.cursor ?? '';
    if (page.length < pageSize || fresh.length === 0 || !nextCursor || nextCursor === cursor) break;
    cursor = nextCursor;
  }
  return ok({
    value: finishHistory(rows),
    requestId: last?.requestId ?? '',
    serverDate: last?.serverDate ?? null,
  });
}
