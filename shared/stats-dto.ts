import { z } from 'zod';
import { DAY_KEY_PATTERN } from './day-key';
import { CALL_DIRECTIONS, CALL_OUTCOMES } from './tel-cdr-vocabulary';

/**
 * The daily stats view's data as it crosses IPC: one day (time per status, timeline, desk KPIs,
 * own sessions, voice KPIs and own calls) and a 7-day trend. Produced by electron/core/stats, rendered by renderer/features/stats.
 */

/** `YYYY-MM-DD` in the account's time zone. */
export const dayKeySchema = z.string().regex(DAY_KEY_PATTERN, 'expected YYYY-MM-DD');

export const timelineSegmentSchema = z.object({
  status: z.string(),
  reason: z.string(),
  /** Epoch ms. */
  startMs: z.number(),
  endMs: z.number(),
});
export type TimelineSegment = z.infer<typeof timelineSegmentSchema>;

export const kpiSchema = z.object({
  /** Stable id, e.g. `avgFirstResponse`; the UI translates `kpi.<id>` and `kpi.<id>.def`. */
  id: z.string(),
  /** Null when it cannot be computed (zero denominator, no data). */
  value: z.number().nullable(),
  unit: z.enum(['count', 'seconds', 'ratio']),
  /** English definition, shown when no translation exists. */
  definition: z.string(),
});
export type Kpi = z.infer<typeof kpiSchema>;

export const sessionRowSchema = z.object({
  sessionId: z.string(),
  startMs: z.number(),
  clientNickName: z.string(),
  durationSeconds: z.number(),
  endStatus: z.string(),
  /** 1-5, or null when unrated. */
  rating: z.number().nullable(),
});
export type SessionRow = z.infer<typeof sessionRowSchema>;

/**
 * One of the agent's calls. The customer's number crosses only masked (`•••` and at most its last
 * four digits): the schema refuses anything else, so the IPC guard blocks a raw number.
 */
export const callRowSchema = z.object({
  sessionId: z.string(),
  /** When the call reached the agent, epoch ms. */
  startMs: z.number(),
  direction: z.enum(CALL_DIRECTIONS),
  customer: z.string().regex(/^(•••\d{0,4})?$/, 'a masked number'),
  talkSeconds: z.number(),
  outcome: z.enum(CALL_OUTCOMES),
  /** The record's EndStatusString; the UI translates `telEnd.<value>` when it knows it. */
  endStatus: z.string(),
});
export type CallRow = z.infer<typeof callRowSchema>;

/** The agent's voice day: KPIs (`kpi.<id>` like the desk ones) and calls, oldest first. */
export const voiceDaySchema = z.object({
  kpis: z.array(kpiSchema),
  calls: z.array(callRowSchema),
});
export type VoiceDayDto = z.infer<typeof voiceDaySchema>;

export const dayStatsSchema = z.object({
  day: dayKeySchema,
  /** Seconds per status (online, free, busy, rest, notReady, afterCallWork). */
  statusSeconds: z.record(z.string(), z.number()),
  /** Seconds on break per reason. */
  restByReason: z.record(z.string(), z.number()),
  timeline: z.array(timelineSegmentSchema),
  /** Desk KPIs; empty when the desk is not configured. */
  kpis: z.array(kpiSchema),
  sessions: z.array(sessionRowSchema),
  endStatusCounts: z.record(z.string(), z.number()),
  /** Null when voice stats are off (or could not be loaded: see `problems`). */
  voice: voiceDaySchema.nullable(),
  /** Parts that could not be loaded, each with a message (the rest is still shown). */
  problems: z.array(
    z.object({ part: z.enum(['status', 'desk', 'sessions', 'voice']), message: z.string() }),
  ),
  /** Local epoch ms the data was fetched. */
  fetchedAtMs: z.number(),
});
export type DayStatsDto = z.infer<typeof dayStatsSchema>;

export const weekTrendSchema = z.object({
  days: z.array(dayStatsSchema),
  /** How many API requests loading this view cost (0 for a fully cached past). */
  requests: z.number(),
});
export type WeekTrendDto = z.infer<typeof weekTrendSchema>;
