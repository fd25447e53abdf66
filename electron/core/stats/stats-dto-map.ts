import type { DayStatsDto, WeekTrendDto } from '../../../shared/stats-dto';
import type { DayStats } from './day-model';
import type { WeekTrend } from './week-trend';

/**
 * Turns the core's DayStats / WeekTrend into the IPC DTOs of shared/stats-dto.ts (epoch ms,
 * records keyed by status). Only non-secret data crosses: problem messages are AppError
 * messages, which never contain a secret.
 */

/** The IPC shape of one day. A missing part is empty, and named in `problems`. */
export function toDayStatsDto(d: DayStats): DayStatsDto {
  const statusSeconds: Record<string, number> = {};
  const restByReason: Record<string, number> = {};
  if (d.statusTime) {
    statusSeconds.online = d.statusTime.onlineSeconds;
    for (const [k, v] of Object.entries(d.statusTime.seconds)) statusSeconds[k] = v;
    for (const r of d.statusTime.restByReason) restByReason[r.reason] = r.seconds;
  }
  const endStatusCounts: Record<string, number> = {};
  for (const e of d.endStatuses ?? []) endStatusCounts[e.endStatus] = e.count;
  return {
    day: d.day,
    statusSeconds,
    restByReason,
    timeline: (d.timeline ?? []).map((s) => ({
      status: s.status,
      reason: s.reason,
      startMs: s.from * 1000,
      endMs: s.to * 1000,
    })),
    kpis: (d.kpis ?? []).map((k) => ({
      id: k.id,
      value: k.value,
      unit: k.unit,
      definition: k.definition,
    })),
    sessions: (d.sessions ?? []).map((s) => ({
      sessionId: s.sessionId,
      startMs: s.startedAt * 1000,
      clientNickName: s.customerNickname,
      durationSeconds: s.durationSeconds,
      endStatus: s.endStatus,
      rating: s.rating,
    })),
    endStatusCounts,
    voice: d.voice
      ? {
          kpis: d.voice.kpis.map((k) => ({
            id: k.id,
            value: k.value,
            unit: k.unit,
            definition: k.definition,
          })),
          calls: d.voice.calls.map((c) => ({
            sessionId: c.sessionId,
            startMs: c.startedAt * 1000,
            direction: c.direction,
            customer: c.customer,
            talkSeconds: c.talkSeconds,
            outcome: c.outcome,
            endStatus: c.endStatus,
          })),
        }
      : null,
    problems: d.problems.map((p) => ({ part: p.part, message: p.error.message })),
    fetchedAtMs: d.fetchedAtMs,
  };
}

/** The IPC shape of a trend: its days and what loading them cost. */
export function toWeekTrendDto(w: WeekTrend): WeekTrendDto {
  return { days: w.dayStats.map(toDayStatsDto), requests: w.requests };
}
