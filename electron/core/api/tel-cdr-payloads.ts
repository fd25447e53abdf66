import type { z } from 'zod';
import { err, ok, type Result } from '../../../shared/result';
import { telEndStatusCode, telEndStatusName } from '../../../shared/tel-cdr-vocabulary';
import { badInput, badResponse } from './ccc-errors';
import { isCleanString, toSeconds } from './ccc-payloads';
import type { CallOptions, CccResponse } from './ccc-types';
import {
  describeTelCdrResponseSchema,
  seatUserSchema,
  serveParticipantSchema,
  telCdrInfoSchema,
  type DescribeTelCdrInput,
  type TelCdrRecord,
  type TelCdrCallOptions,
  type TelCdrResult,
  type TelParticipant,
} from './tel-cdr-types';

/**
 * DescribeTelCdr payloads (fields and sources in tel-cdr-types.ts): the input check done before
 * anything is sent, the request of one page, the lenient mapping of a page (a record or a
 * participant that does not parse is skipped and counted, never fatal), and the paging loop:
 * PageSize 100 from PageNumber 0 until the rows received reach `TotalCount` (or a short page).
 */

/** "The range between EndTimeStamp and StartTimeStamp is less than 90 days." */
export const MAX_TEL_CDR_RANGE_S = 90 * 86_400;
/** The documented maximum PageSize. */
export const TEL_CDR_PAGE_SIZE = 100;
/** Stops a service whose TotalCount keeps growing from keeping us paging forever (200k rows). */
export const MAX_TEL_CDR_PAGES = 2_000;
/** Longest `Phones` / `SessionIds` filter we send (the API states no limit). */
export const MAX_TEL_CDR_FILTER = 100;

const isStamp = (v: unknown): v is number =>
  Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 1e11;

function checkFilter(name: string, v: unknown): Result<string[] | undefined> {
  if (v === undefined) return ok(undefined);
  if (!Array.isArray(v) || v.length > MAX_TEL_CDR_FILTER || !v.every(isCleanString))
    return err(badInput(`${name} must be a list of at most ${MAX_TEL_CDR_FILTER} strings.`));
  return ok(v);
}

/** A whole-second range shorter than 90 days, and well-formed filters. */
export function validateTelCdrInput(input: DescribeTelCdrInput): Result<DescribeTelCdrInput> {
  const i = (input ?? {}) as Partial<Record<keyof DescribeTelCdrInput, unknown>>;
  if (!isStamp(i.startTimestamp) || !isStamp(i.endTimestamp))
    return err(badInput('Start and end must be whole Unix timestamps in seconds.'));
  if (i.endTimestamp < i.startTimestamp)
    return err(badInput('The end of the range must not be before its start.'));
  if (i.endTimestamp - i.startTimestamp >= MAX_TEL_CDR_RANGE_S)
    return err(badInput('DescribeTelCdr covers less than 90 days per query.'));
  const phones = checkFilter('phones', i.phones);
  if (!phones.ok) return phones;
  const sessionIds = checkFilter('sessionIds', i.sessionIds);
  if (!sessionIds.ok) return sessionIds;
  return ok({
    startTimestamp: i.startTimestamp,
    endTimestamp: i.endTimestamp,
    ...(phones.value ? { phones: phones.value } : {}),
    ...(sessionIds.value ? { sessionIds: sessionIds.value } : {}),
  });
}

/** The request body of page `pageNumber` (SdkAppId is added by the client). */
export function telCdrPayload(input: DescribeTelCdrInput, pageNumber: number) {
  return {
    StartTimeStamp: input.startTimestamp,
    EndTimeStamp: input.endTimestamp,
    PageSize: TEL_CDR_PAGE_SIZE,
    PageNumber: pageNumber,
    ...(input.phones ? { Phones: input.phones } : {}),
    ...(input.sessionIds ? { SessionIds: input.sessionIds } : {}),
  };
}

const str = (v: string | null | undefined): string => v ?? '';
const at = (v: number | null | undefined): number | null => (v ? toSeconds(v) : null);

function toParticipant(raw: unknown): TelParticipant | null {
  const p = serveParticipantSchema.safeParse(raw);
  if (!p.success) return null;
  const d = p.data;
  return {
    mail: str(d.Mail),
    type: str(d.Type),
    startAt: at(d.StartTimestamp),
    ringAt: at(d.RingTimestamp),
    acceptAt: at(d.AcceptTimestamp),
    endedAt: at(d.EndedTimestamp),
    transferFrom: str(d.TransferFrom),
    transferFromType: str(d.TransferFromType),
    transferTo: str(d.TransferTo),
    transferToType: str(d.TransferToType),
    skillGroupId: d.SkillGroupId ?? null,
    skillGroupName: str(d.SkillGroupName),
    endStatusString: str(d.EndStatusString),
    sequence: d.Sequence ?? null,
  };
}

/** One record as the app's value, or null when it lacks the documented shape. */
export function toTelCdrRecord(raw: unknown): TelCdrRecord | null {
  const r = telCdrInfoSchema.safeParse(raw);
  if (!r.success) return null;
  const d = r.data;
  const seat = d.SeatUser == null ? null : seatUserSchema.safeParse(d.SeatUser);
  const participants = (d.ServeParticipants ?? [])
    .map(toParticipant)
    .filter((p): p is TelParticipant => p !== null)
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.sequence ?? a.i) - (b.p.sequence ?? b.i) || a.i - b.i)
    .map(({ p }) => p);
  const endStatus = d.EndStatus ?? (d.EndStatusString ? telEndStatusCode(d.EndStatusString) : null);
  return {
    sessionId: str(d.SessionId),
    time: toSeconds(d.Time),
    direction: d.Direction === 0 ? 'in' : d.Direction === 1 ? 'out' : null,
    caller: str(d.Caller),
    callee: str(d.Callee),
    duration: d.Duration ?? 0,
    endStatus,
    endStatusString: d.EndStatusString || telEndStatusName(endStatus),
    startAt: at(d.StartTimestamp),
    queuedAt: at(d.QueuedTimestamp),
    ringAt: at(d.RingTimestamp),
    acceptAt: at(d.AcceptTimestamp),
    endedAt: at(d.EndedTimestamp),
    hungUpSide: str(d.HungUpSide),
    skillGroupId: d.SkillGroupId ?? null,
    skillGroup: str(d.SkillGroup),
    seatUser:
      seat && seat.success
        ? {
            mail: str(seat.data.Mail),
            name: str(seat.data.Name),
            staffNumber: str(seat.data.StaffNumber),
          }
        : null,
    participants,
  };
}

/** One page as the paging loop needs it. */
export interface TelCdrPage {
  records: TelCdrRecord[];
  /** Rows on the page, the odd ones included (they count towards TotalCount). */
  rows: number;
  skipped: number;
  totalCount: number | null;
}

/** Maps a validated page envelope; `TelCdrList` wins over the deprecated `TelCdrs`. */
export function toTelCdrPage(data: z.infer<typeof describeTelCdrResponseSchema>): TelCdrPage {
  const rows = data.TelCdrList ?? data.TelCdrs ?? [];
  const records: TelCdrRecord[] = [];
  for (const row of rows) {
    const record = toTelCdrRecord(row);
    if (record) records.push(record);
  }
  return {
    records,
    rows: rows.length,
    skipped: rows.length - records.length,
    totalCount: data.TotalCount ?? null,
  };
}

/** The key a record is de-duplicated by across pages (rows can shift while we page). */
const recordKey = (r: TelCdrRecord): string =>
  r.sessionId || JSON.stringify([r.time, r.direction, r.caller, r.callee]);

/**
 * Pages through a range with `fetchPage(pageNumber)` (each call has its own retries): from page 0
 * until the rows received reach `TotalCount`, a page comes back short or empty. A record seen on
 * two pages (a new record shifted the rows) is kept once, the later copy winning.
 */
export async function collectTelCdr(
  fetchPage: (pageNumber: number) => Promise<Result<CccResponse<TelCdrPage>>>,
  /** Awaited before each page after the first (pacing). */
  beforeNextPage: () => Promise<void> = async () => {},
): Promise<Result<CccResponse<TelCdrResult>>> {
  const byKey = new Map<string, TelCdrRecord>();
  let received = 0;
  let skipped = 0;
  let totalCount: number | null = null;
  let last: CccResponse<unknown> | null = null;
  let pages = 0;
  for (;;) {
    if (pages >= MAX_TEL_CDR_PAGES) {
      const detail = `call record paging did not finish after ${MAX_TEL_CDR_PAGES} pages`;
      return err(badResponse(detail, { action: 'DescribeTelCdr', requestId: last?.requestId }));
    }
    if (pages > 0) await beforeNextPage();
    const res = await fetchPage(pages);
    pages += 1;
    if (!res.ok) return res;
    last = res.value;
    const page = res.value.value;
    for (const r of page.records) byKey.set(recordKey(r), r);
    received += page.rows;
    skipped += page.skipped;
    totalCount = page.totalCount ?? totalCount;
    if (page.rows < TEL_CDR_PAGE_SIZE || (totalCount !== null && received >= totalCount)) break;
  }
  const records = [...byKey.values()].sort(
    (a, b) =>
      a.time - b.time || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0),
  );
  return ok({
    value: { records, totalCount, pages, skipped },
    requestId: last?.requestId ?? '',
    serverDate: last?.serverDate ?? null,
  });
}

/** The CCC client's signed call (ccc-client.ts): one action, validated and mapped, with retries. */
export type CccCall = <S extends z.ZodType, T>(
  action: string,
  payload: Record<string, unknown>,
  schema: S,
  map: (data: z.infer<S>) => T,
  opts?: CallOptions,
) => Promise<Result<CccResponse<T>>>;

/** DescribeTelCdr over the client's `call`: checked input, then every page (paced) of the range. */
export async function readTelCdr(
  call: CccCall,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  input: DescribeTelCdrInput,
  opts: TelCdrCallOptions = {},
): Promise<Result<CccResponse<TelCdrResult>>> {
  const valid = validateTelCdrInput(input);
  if (!valid.ok) return valid;
  const { pageIntervalMs = 0, ...callOpts } = opts;
  return collectTelCdr(
    (page) =>
      call(
        'DescribeTelCdr',
        telCdrPayload(valid.value, page),
        describeTelCdrResponseSchema,
        toTelCdrPage,
        callOpts,
      ),
    () => (pageIntervalMs > 0 ? sleep(pageIntervalMs, opts.signal) : Promise.resolve()),
  );
}
