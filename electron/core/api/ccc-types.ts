import { z } from 'zod';
import type { AgentStatus, SettableStatus, TimedStatus } from '../../../shared/vocabulary';
import type { Result } from '../../../shared/result';
import type { TelCdrApi } from './tel-cdr-types';

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

/**
 * The API's duration field of each timed status (shared/vocabulary.ts), in the data type's order:
 * the schema, the app's field names (`FreeDuration` -> `freeDuration`) and the simulator's answer
 * derive from it, so a new timed status fails to compile until its field is named here.
 */
export const METRICS_DURATION_FIELDS = {
  free: 'FreeDuration',
  busy: 'BusyDuration',
  notReady: 'NotReadyDuration',
  rest: 'RestDuration',
  afterCallWork: 'AfterCallWorkDuration',
} as const satisfies Record<TimedStatus, `${string}Duration`>;
/** A duration field as the API names it (`FreeDuration`). */
export type MetricsDurationField = (typeof METRICS_DURATION_FIELDS)[TimedStatus];
/** A duration field as the app names it (`freeDuration`). */
export type MetricsDurationKey = Uncapitalize<MetricsDurationField>;

/** The app's name of an API duration field. */
export const durationKey = (field: MetricsDurationField): MetricsDurationKey =>
  `${field.charAt(0).toLowerCase()}${field.slice(1)}` as MetricsDurationKey;

/**
 * One `StaffStatusMetrics` item with every field of the data type, nulls made explicit: today's
 * `onlineDuration` and one `<status>Duration` per timed status (METRICS_DURATION_FIELDS).
 */
export type StaffStatusMetrics = {
  email: string;
  /** Known statuses are typed; an unknown one from a future API version is kept as received. */
  status: AgentStatus | (string & {});
  statusExtra: StaffStatusExtra | null;
  onlineDuration: number;
} & { [K in MetricsDurationKey]: number } & {
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
};

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

/**
 * One row of DescribeStaffStatusHistory: a status the agent entered at `timestamp`.
 * The API item (`StaffStatus`) has `Cursor`, `Timestamp`, `Status`, `SessionId` and, in the newer
 * SDK models, `Reason`; the other fields are derived by the client (see ccc-payloads.ts).
 */
export interface StaffStatusHistoryItem {
  /** The agent asked about (the API does not repeat it per row). */
  staffUserId: string;
  status: string;
  /** Break reason when the API sends one (newer API versions), else ''. */
  reason: string;
  /** Epoch seconds the status began. */
  timestamp: number;
  /** Seconds until the next row began (derived); null for the last row in the range. */
  duration: number | null;
  /** Always null today: the history API returns no StatusExtra. */
  statusExtra: StaffStatusExtra | null;
  /** The call/IM session the status belongs to (e.g. `busy`), when the API names one. */
  sessionId: string | null;
  /** The row's paging cursor as received (opaque). */
  cursor: string;
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

/**
 * Which CCC API host to call. A custom base URL serves the simulator, tests and proxies; the
 * signed host is the URL's hostname (no port) unless `signedHost` names the host the signature
 * must be made for (a reverse proxy that forwards to a Tencent host under its own name).
 */
export type CccEndpoint = 'mainland' | 'international' | { baseUrl: string; signedHost?: string };

/** Credentials read from the OS keychain. `token` is set for temporary (STS) credentials. */
export interface CccCredentials {
  secretId: string;
  secretKey: string;
  token?: string;
}

/** Reads the current credentials (async: keychain); null when none are configured. */
export type CccCredentialsProvider = () => Promise<CccCredentials | null>;

/** A client the app owns: the API, the call records, and closing its keep-alive sockets. */
export type CccClient = CccApi & TelCdrApi & { close(): Promise<void> };

/** Envelope every API 3.0 answer has. */
export const cccEnvelopeSchema = z.object({
  Response: z
    .object({
      RequestId: z.string().optional(),
      Error: z.object({ Code: z.string(), Message: z.string() }).optional(),
    })
    .passthrough(),
});

// ---------------------------------------------------------------------------------------------
// Response schemas. Field lists follow the data types in ../shared/seeds/ccc-data-types.txt and,
// for DescribeStaffStatusHistory, the official SDK models (see ccc-client.ts). Fields the docs
// mark "may return null" are nullish; everything else the app relies on is required.

/** `StaffStatusExtra`: both values free text in practice (`TEL` in the docs, `tel` in examples). */
export const staffStatusExtraSchema = z.object({
  Type: z.string().nullish(),
  Direct: z.string().nullish(),
});

const durationSchema = z.number().int().nonnegative();
/** Epoch seconds; documented as possibly null; missing is treated like null. */
const nullableTimestampSchema = z.number().int().nonnegative().nullish();

/** One `StaffStatusMetrics` item as sent by the API. */
export const staffStatusMetricsSchema = z.object({
  Email: z.string(),
  Status: z.string().min(1),
  StatusExtra: staffStatusExtraSchema.nullish(),
  OnlineDuration: durationSchema,
  ...(Object.fromEntries(
    Object.values(METRICS_DURATION_FIELDS).map((field) => [field, durationSchema]),
  ) as Record<MetricsDurationField, typeof durationSchema>),
  /** Empty unless on a break; tolerated missing/null (read as ''). */
  Reason: z.string().nullish(),
  ReserveRest: z.boolean(),
  ReserveNotReady: z.boolean(),
  UseMobileAccept: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  UseMobileCallOut: z.boolean(),
  LastOnlineTimestamp: nullableTimestampSchema,
  LastStatusTimestamp: nullableTimestampSchema,
});

/** `Response` of DescribeStaffStatusMetrics. A null `Metrics` is read as an empty list. */
export const describeStaffStatusMetricsResponseSchema = z.object({
  Metrics: z.array(staffStatusMetricsSchema).nullable(),
  RequestId: z.string().min(1),
});

/** One `SetStaffStatusRspItem`. Empty strings may be dropped by the service: read as ''. */
export const setStaffStatusRspItemSchema = z.object({
  StaffUserId: z.string(),
  Status: z.string().nullish(),
  Reason: z.string().nullish(),
  PreviousStatus: z.string().nullish(),
  PreviousReason: z.string().nullish(),
  ErrorCode: z.string().nullish(),
  ErrorMessage: z.string().nullish(),
});

/** `Response` of SetStaffStatus. */
export const setStaffStatusResponseSchema = z.object({
  StaffStatusList: z.array(setStaffStatusRspItemSchema),
  RequestId: z.string().min(1),
});

/** One `StaffStatus` row of DescribeStaffStatusHistory. */
export const staffStatusHistoryRowSchema = z.object({
  /** Opaque paging cursor of this row (base64 in the example). */
  Cursor: z.string().nullish(),
  /** Unix seconds per the SDK docs (see ccc-client.ts for the millisecond guard). */
  Timestamp: z.number().int().nonnegative(),
  Status: z.string().min(1),
  SessionId: z.string().nullish(),
  /** Break reason: in the newer SDK models (PHP/Java StaffStatus), absent from older ones. */
  Reason: z.string().nullish(),
  /** Agent email and number: newer SDK models only; not used. */
  StaffEmail: z.string().nullish(),
  StaffNo: z.string().nullish(),
});

/** `Response` of DescribeStaffStatusHistory. A null `Data` is read as an empty page. */
export const describeStaffStatusHistoryResponseSchema = z.object({
  Data: z.array(staffStatusHistoryRowSchema).nullable(),
  RequestId: z.string().min(1),
});

/** The error part of a failure envelope. `Message` is tolerated missing. */
export const cccErrorSchema = z.object({ Code: z.string().min(1), Message: z.string().nullish() });
