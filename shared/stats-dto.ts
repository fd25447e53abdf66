import { z } from 'zod';
import { DAY_KEY_PATTERN } from './day-key';

/**
 * The daily stats view's data as it crosses IPC: one day (time per status, timeline, desk KPIs,
 * own sessions) and a 7-day trend. Produced by electron/core/stats, rendered by renderer/features/stats.
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
  /** Parts that could not be loaded, each with a message (the rest is still shown). */
  problems: z.array(
    z.object({ part: z.enum(['status', 'desk', 'sessions']), message: z.string() }),
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
