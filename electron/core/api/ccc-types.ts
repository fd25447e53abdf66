import { z } from 'zod';
import type { AgentStatus, SettableStatus } from '../../../shared/status';
import type { Result } from '../../../shared/result';

/**
 * Typed shapes of the two CCC actions the app uses (seed: ccc-data-types.txt), the response
 * schemas every body is validated against, and the `CccApi` interface the engine depends on.
 * Durations (`*Duration`) are today's totals; the docs state no unit: we treat them as SECONDS.
 */

/** `StaffStatusExtra` normalised: the docs say `IM|TEL|ALL` + `IN|OUT`, the example `tel` + `callin`. */
export interface StaffStatusExtra {
  /** Channel of the current session. */
  type: 'im' | 'tel' | 'all' | 'unknown';
  direction: 'in' | 'out' | 'unknown';
  /** The values exactly as received, for display when unknown. */
  rawType: string | null;
  rawDirect: string | null;
}

/** One `StaffStatusMetrics` item with every field of the data type, nulls made explicit. */
export interface StaffStatusMetrics {
  email: string;
  /** Known statuses are typed; an unknown one from a future API version is kept as received. */
  status: AgentStatus | (string & {});
  statusExtra: StaffStatusExtra | null;
  onlineDuration: number;
  freeDuration: number;
  busyDuration: number;
  notReadyDuration: number;
  restDuration: number;
  afterCallWorkDuration: number;
  reason: string;
  reserveRest: boolean;
  reserveNotReady: boolean;
  /** 0 off, 1 only when offline, 2 always. */
  useMobileAccept: 0 | 1 | 2;
  useMobileCallOut: boolean;
  /** Epoch seconds, or null when the API has no value. */
  lastOnlineTimestamp: number | null;
  /** Epoch seconds, or null when the API has no value. */
  lastStatusTimestamp: number | null;
}

export interface DescribeStaffStatusMetricsInput {
  staffList?: string[];
  groupIdList?: number[];
  statusList?: AgentStatus[];
}

export interface SetStaffStatusItem {
  staffUserId: string;
  status: SettableStatus;
  reason?: string;
}

/** One item of a SetStaffStatus answer. An item can fail inside a call that succeeded. */
export interface SetStaffStatusResultItem {
  staffUserId: string;
  status: string;
  reason: string;
  previousStatus: string;
  previousReason: string;
  /** Empty string when the item succeeded. */
  errorCode: string;
  errorMessage: string;
}

/** One row of DescribeStaffStatusHistory: a status the agent entered at `timestamp`. */
export interface StaffStatusHistoryItem {
  staffUserId: string;
  status: string;
  reason: string;
  /** Epoch seconds the status began. */
  timestamp: number;
  /** Seconds spent in it, when the API knows it. */
  duration: number | null;
  statusExtra: StaffStatusExtra | null;
}

export interface DescribeStaffStatusHistoryInput {
  staffUserId: string;
  /** Epoch seconds; `endTimestamp - startTimestamp` must be under 7 days. */
  startTimestamp: number;
  endTimestamp: number;
}

/** A successful call: the value, the RequestId and the server's `Date` header when sent. */
export interface CccResponse<T> {
  value: T;
  requestId: string;
  /** Epoch ms from the HTTP `Date` header, when present. */
  serverDate: number | null;
}

/** Per-call options. `maxAttempts: 1` disables the client's own retries (the engine's poller
 * does its own org-wide backoff on rate limits). */
export interface CallOptions {
  signal?: AbortSignal;
  maxAttempts?: number;
}

/** The CCC operations the rest of the app depends on. Never throws: failures are values. */
export interface CccApi {
  describeStaffStatusMetrics(
    input: DescribeStaffStatusMetricsInput,
    opts?: CallOptions,
  ): Promise<Result<CccResponse<StaffStatusMetrics[]>>>;
  setStaffStatus(
    items: SetStaffStatusItem[],
    opts?: CallOptions,
  ): Promise<Result<CccResponse<SetStaffStatusResultItem[]>>>;
  describeStaffStatusHistory(
    input: DescribeStaffStatusHistoryInput,
    opts?: CallOptions,
  ): Promise<Result<CccResponse<StaffStatusHistoryItem[]>>>;
  /** Server time minus local time in ms, as learned from SignatureExpire / Date headers. */
  clockOffsetMs(): number;
}

/** Envelope every API 3.0 answer has. */
export const cccEnvelopeSchema = z.object({
  Response: z
    .object({
      RequestId: z.string().optional(),
      Error: z.object({ Code: z.string(), Message: z.string() }).optional(),
    })
    .passthrough(),
});
