import { z } from 'zod';
import {
  CONNECTION_STATES,
  DISPLAY_STATUSES,
  SETTABLE_STATUSES,
  TIMED_STATUSES,
  type DisplayStatus,
  type StatusDurations,
  type TimedStatus,
} from './vocabulary';

/**
 * The agent's status as the app knows it: what the tray, the window and notifications render.
 * Produced by the status engine (electron/core/status), sent over IPC, validated on both sides.
 * All times are LOCAL-clock epoch ms, already corrected by the learned server clock offset, so a
 * timer shows `Date.now() - statusSinceMs`. The statuses and connection states are the
 * vocabulary's (shared/vocabulary.ts).
 */

export const appErrorSchema = z.object({
  source: z.enum(['ccc', 'desk', 'app']),
  code: z.string(),
  kind: z.enum([
    'auth',
    'permission',
    'rate_limit',
    'transient',
    'network',
    'timeout',
    'clock_skew',
    'invalid_parameter',
    'refused',
    'bad_response',
    'usersig',
    'config',
    'bad_input',
    'unknown',
  ]),
  message: z.string(),
  requestId: z.string().optional(),
  retryable: z.boolean(),
  httpStatus: z.number().optional(),
});

const displayStatusSchema = z.enum(DISPLAY_STATUSES) satisfies z.ZodType<DisplayStatus>;
const settableStatusSchema = z.enum(SETTABLE_STATUSES);

/** Today's seconds per status, as DescribeStaffStatusMetrics reports them. */
export const statusDurationsSchema = z.object({
  online: z.number(),
  ...(Object.fromEntries(TIMED_STATUSES.map((s) => [s, z.number()])) as Record<
    TimedStatus,
    z.ZodNumber
  >),
}) satisfies z.ZodType<StatusDurations>;

export const pendingChangeSchema = z.object({
  /** Engine-assigned id, increasing. */
  id: z.number(),
  status: settableStatusSchema,
  reason: z.string(),
  requestedAtMs: z.number(),
});
export type PendingChange = z.infer<typeof pendingChangeSchema>;

export const statusSnapshotSchema = z.object({
  agentId: z.string(),
  /** The status shown: the optimistic one while a change is pending. */
  status: displayStatusSchema,
  /** Status exactly as last received from the API (may be a value this app doesn't know). */
  rawStatus: z.string(),
  reason: z.string(),
  /** When the current status began, local epoch ms; null when unknown. */
  statusSinceMs: z.number().nullable(),
  /** A break / not-ready is reserved and applies when the current call and wrap-up end. */
  reserveRest: z.boolean(),
  reserveNotReady: z.boolean(),
  /** Channel and direction while busy. */
  statusExtra: z
    .object({
      type: z.enum(['im', 'tel', 'all', 'unknown']),
      direction: z.enum(['in', 'out', 'unknown']),
    })
    .nullable(),
  today: statusDurationsSchema,
  /** 0 off, 1 only when offline, 2 always: calls may ring the agent's mobile. */
  useMobileAccept: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  useMobileCallOut: z.boolean(),
  /** Local epoch ms of the last successful sync. */
  lastSyncMs: z.number().nullable(),
  connection: z.enum(CONNECTION_STATES),
  lastError: appErrorSchema.nullable(),
  /** An own change in flight (optimistic): the UI shows it as pending. */
  pending: pendingChangeSchema.nullable(),
  /** Whether an undo is available, and what it would restore. */
  undo: z
    .object({ status: settableStatusSchema, reason: z.string(), untilMs: z.number() })
    .nullable(),
  /** Server time minus local time, ms. */
  clockOffsetMs: z.number(),
});
export type StatusSnapshot = z.infer<typeof statusSnapshotSchema>;

/** Emitted when the status changed for a reason other than the agent's own request. */
export const driftEventSchema = z.object({
  before: z.object({ status: displayStatusSchema, reason: z.string() }),
  after: z.object({ status: displayStatusSchema, reason: z.string() }),
  atMs: z.number(),
});
export type DriftEvent = z.infer<typeof driftEventSchema>;

/** Outcome of one own status change, for the undo toast and error notices. */
export const changeOutcomeSchema = z.object({
  id: z.number(),
  requested: z.object({ status: settableStatusSchema, reason: z.string() }),
  /** applied: now in effect; reserved: pending until the call ends; failed: did not take effect. */
  outcome: z.enum(['applied', 'reserved', 'failed', 'superseded']),
  error: appErrorSchema.nullable(),
  atMs: z.number(),
});
export type ChangeOutcome = z.infer<typeof changeOutcomeSchema>;
