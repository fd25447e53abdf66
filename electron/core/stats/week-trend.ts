import type { AppError } from '../../../shared/result';
import { TIMED_STATUSES, type TimedStatus } from '../../../shared/vocabulary';
import type { DayPart, DayStats } from './day-model';
import { KPI_IDS, type KpiId } from './kpi-definitions';
import { VOICE_KPI_IDS, type VoiceKpiId } from './voice-kpi-definitions';

/**
 * Several days side by side for a trend: each KPI and each status time as one series with one
 * value per day (oldest first). A day whose part failed has null there, never a made-up 0.
 */

export type StatusSeriesId = 'online' | TimedStatus;

/** A run of days and their figures per day. */
export interface WeekTrend {
  /** Day keys, oldest first (the last one is today). */
  days: string[];
  tzOffsetMinutes: number;
  /** The full DayStats of each day, same order as `days`. */
  dayStats: DayStats[];
  /** One value per day for every KPI. */
  kpis: Record<KpiId, (number | null)[]>;
  /** One value per day for every voice KPI (null on days without voice stats). */
  voiceKpis: Record<VoiceKpiId, (number | null)[]>;
  /** Seconds per status per day. */
  statusSeconds: Record<StatusSeriesId, (number | null)[]>;
  /** Sessions per day from the session records (null when they failed). */
  sessionRecords: (number | null)[];
  /** Every day's problems, tagged with the day. */
  problems: { day: string; part: DayPart; error: AppError }[];
  /** API requests loading this view cost (0 when every day came from the cache). */
  requests: number;
}

/** Lines up DayStats values into per-day series. */
export function buildWeekTrend(dayStats: DayStats[], tzOffsetMinutes: number): WeekTrend {
  const kpis = Object.fromEntries(
    KPI_IDS.map((id) => [id, dayStats.map((d) => d.kpis?.find((k) => k.id === id)?.value ?? null)]),
  ) as Record<KpiId, (number | null)[]>;
  const voiceKpis = Object.fromEntries(
    VOICE_KPI_IDS.map((id) => [
      id,
      dayStats.map((d) => d.voice?.kpis.find((k) => k.id === id)?.value ?? null),
    ]),
  ) as Record<VoiceKpiId, (number | null)[]>;
  const ids: StatusSeriesId[] = ['online', ...TIMED_STATUSES];
  const statusSeconds = Object.fromEntries(
    ids.map((id) => [
      id,
      dayStats.map((d) =>
        d.statusTime
          ? id === 'online'
            ? d.statusTime.onlineSeconds
            : d.statusTime.seconds[id]
          : null,
      ),
    ]),
  ) as Record<StatusSeriesId, (number | null)[]>;
  return {
    days: dayStats.map((d) => d.day),
    tzOffsetMinutes,
    dayStats,
    kpis,
    voiceKpis,
    statusSeconds,
    sessionRecords: dayStats.map((d) => (d.sessions ? d.sessions.length : null)),
    problems: dayStats.flatMap((d) => d.problems.map((p) => ({ day: d.day, ...p }))),
    requests: dayStats.reduce((n, d) => n + d.requests, 0),
  };
}
