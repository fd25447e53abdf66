import { z } from 'zod';
import type { Result } from '../../../shared/result';
import type { CallDirection } from '../../../shared/tel-cdr-vocabulary';
import type { CallOptions, CccResponse } from './ccc-types';

/**
 * DescribeTelCdr (API 3.0, version 2020-02-10): the call records of the WHOLE contact centre in
 * a time range (there is no agent filter). Field names as in the seed page
 * (`../shared/seeds/ccc-data-types.txt`: TelCdrInfo, SeatUserInfo, ServeParticipant) and the
 * official SDK models (TencentCloud/tencentcloud-sdk-nodejs src/services/ccc/v20200210/
 * ccc_models.ts, DescribeTelCdrRequest / DescribeTelCdrResponse):
 * - request: `SdkAppId`, `StartTimeStamp`, `EndTimeStamp` (capital S; Unix seconds; "the range is
 *   less than 90 days", the start at most ~180 days back), `PageSize` (at most 100), `PageNumber`
 *   (from 0), optional `Phones` and `SessionIds` filters; `InstanceId`, `Limit`, `Offset` are
 *   deprecated and never sent;
 * - response: `TotalCount`, `TelCdrList` (the deprecated `TelCdrs` is read when `TelCdrList` is
 *   absent), `RequestId`. Every field of every record may be missing or null.
 * UNCERTAIN (not documented): which timestamp the range filters on (we assume `Time`, the call's
 * start) and the order of the rows (we sort by `Time`). Records appear once a call has ended and
 * may appear late; see stats/tel-cdr-sync.ts for catching them.
 */

/** One of the people who served a call (a `ServeParticipant`), normalised; '' / null when absent. */
export interface TelParticipant {
  /** The agent's email (their CCC account). */
  mail: string;
  /** "staffSeat", "outboundSeat" or "staffPhoneSeat". */
  type: string;
  startAt: number | null;
  ringAt: number | null;
  acceptAt: number | null;
  endedAt: number | null;
  /** The agent (or number) that transferred the call to this participant. */
  transferFrom: string;
  transferFromType: string;
  /** Where this participant transferred the call. */
  transferTo: string;
  transferToType: string;
  skillGroupId: number | null;
  skillGroupName: string;
  endStatusString: string;
  /** Order among the participants, from 0. */
  sequence: number | null;
}

/**
 * One `TelCdrInfo`, normalised: epoch SECONDS (a value that can only be milliseconds is
 * converted), `endStatusString` filled from the code when only one of the pair came, and only
 * the fields the app uses (recording URLs, IVR keys and the agents' own phone numbers are not
 * kept). `caller` / `callee` are phone numbers: never log them (see stats/voice-day.ts).
 */
export interface TelCdrRecord {
  /** '' when the service sent none. */
  sessionId: string;
  /** Call initiation (`Time`). */
  time: number;
  /** null when `Direction` is missing or not 0 / 1. */
  direction: CallDirection | null;
  caller: string;
  callee: string;
  /** `Duration`, seconds. */
  duration: number;
  endStatus: number | null;
  endStatusString: string;
  startAt: number | null;
  queuedAt: number | null;
  ringAt: number | null;
  acceptAt: number | null;
  endedAt: number | null;
  /** "seat", "user", "system" or ''. */
  hungUpSide: string;
  skillGroupId: number | null;
  skillGroup: string;
  /** The agent the record names (`SeatUser`): for a transferred call, the last one. */
  seatUser: { mail: string; name: string; staffNumber: string } | null;
  /** `ServeParticipants` in `Sequence` order ([] when null). */
  participants: TelParticipant[];
}

/** What to read: a range in epoch seconds (under 90 days) and the optional filters. */
export interface DescribeTelCdrInput {
  startTimestamp: number;
  endTimestamp: number;
  phones?: string[];
  sessionIds?: string[];
}

/** Every record of the range, and what reading it took. */
export interface TelCdrResult {
  /** Distinct records (by SessionId), oldest `time` first. */
  records: TelCdrRecord[];
  /** The service's `TotalCount` on the last page (null when it sent none). */
  totalCount: number | null;
  /** Requests sent (pages; retries inside a page not counted). */
  pages: number;
  /** Rows that did not have the documented shape and were left out (the rest still counts). */
  skipped: number;
}

/** Options of a paged read: the call's, plus a pause between pages. */
export interface TelCdrCallOptions extends CallOptions {
  /**
   * Waits this long before each page after the first (default 0), so a long read stays within a
   * share of the 20 requests/second DescribeTelCdr allows the whole account (50 = at most 20/s).
   */
  pageIntervalMs?: number;
}

/** The call-record read the voice stats (and the team gateway) depend on. Never throws. */
export interface TelCdrApi {
  describeTelCdr(
    input: DescribeTelCdrInput,
    opts?: TelCdrCallOptions,
  ): Promise<Result<CccResponse<TelCdrResult>>>;
}

// ---------------------------------------------------------------------------------------------
// Schemas. Lenient by design: the page envelope is checked, then each record on its own, so one
// odd record is skipped (and counted) instead of failing the page.

const int = z.number().int();
const nonNegInt = int.nonnegative();
/** Epoch seconds (or milliseconds, converted later); 0 and null both mean "no value". */
const stamp = nonNegInt.nullish();
const text = z.string().nullish();

/** `Response` of DescribeTelCdr: records stay unknown here and are parsed one by one. */
export const describeTelCdrResponseSchema = z.object({
  TotalCount: nonNegInt.nullish(),
  TelCdrList: z.array(z.unknown()).nullish(),
  /** Deprecated name of `TelCdrList` in the SDK models. */
  TelCdrs: z.array(z.unknown()).nullish(),
  RequestId: z.string().min(1),
});

/** `SeatUserInfo` (the agents' phone numbers are not read). */
export const seatUserSchema = z.object({
  Name: text,
  Mail: text,
  StaffNumber: text,
});

/** `ServeParticipant` (its `Phone`, recording fields and `CustomRecordURL` are not read). */
export const serveParticipantSchema = z.object({
  Mail: text,
  Type: text,
  StartTimestamp: stamp,
  RingTimestamp: stamp,
  AcceptTimestamp: stamp,
  EndedTimestamp: stamp,
  TransferFrom: text,
  TransferFromType: text,
  TransferTo: text,
  TransferToType: text,
  SkillGroupId: int.nullish(),
  SkillGroupName: text,
  EndStatusString: text,
  Sequence: int.nullish(),
});

/** `TelCdrInfo`: only `Time` is required; `ServeParticipants` items are parsed one by one. */
export const telCdrInfoSchema = z.object({
  SessionId: text,
  Caller: text,
  Callee: text,
  Time: nonNegInt,
  Direction: int.nullish(),
  Duration: nonNegInt.nullish(),
  EndStatus: int.nullish(),
  EndStatusString: text,
  StartTimestamp: stamp,
  QueuedTimestamp: stamp,
  RingTimestamp: stamp,
  AcceptTimestamp: stamp,
  EndedTimestamp: stamp,
  HungUpSide: text,
  SkillGroupId: int.nullish(),
  SkillGroup: text,
  SeatUser: z.unknown().optional(),
  ServeParticipants: z.array(z.unknown()).nullish(),
});
