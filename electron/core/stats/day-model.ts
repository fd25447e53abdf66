import type { AppError } from '../../../shared/result';
import { TIMED_STATUSES, zeroTimed, type TimedStatus } from '../../../shared/vocabulary';
import { metricsDurations } from '../api/ccc-payloads';
import type { StaffStatusHistoryItem, StaffStatusMetrics } from '../api/ccc-types';
import type { AgentStatisticsRow, ImCdrRecord } from '../api/desk-types';
import { dayBounds } from '../../../shared/day-key';
import {
  END_STATUS_LABELS,
  KPI_DEFINITIONS,
  KPI_IDS,
  safeRatio,
  type KpiId,
  type KpiUnit,
} from './kpi-definitions';
import { buildVoiceDay, type AgentCall, type VoiceDay } from './voice-day';

/**
 * The agent's day as plain data: time per status, a status timeline, desk KPIs with their
 * definitions, the day's own sessions and the spread of how they ended. Pure functions of the
 * fetched inputs; every ratio and average is guarded against a zero denominator (null, not NaN).
 */

/**
 * A status change as the model needs it (a subset of a DescribeStaffStatusHistory row). The
 * session it belongs to lets the voice day match a wrap-up to its call.
 */
export type StatusChange = Pick<
  StaffStatusHistoryItem,
  'status' | 'reason' | 'timestamp' | 'duration'
> & { sessionId?: string | null };

/** Seconds per status over the day. */
export interface StatusTime {
  /** Today's CCC metrics (authoritative totals) or the day's status history. */
  source: 'metrics' | 'history';
  onlineSeconds: number;
  seconds: Record<TimedStatus, number>;
  /** Online time in statuses this app does not know (a future API value). */
  otherSeconds: number;
  /** Break time per reason, longest first. From the history (empty when it is unavailable). */
  restByReason: { reason: string; seconds: number }[];
}

/** One stretch of the day in one status, epoch seconds, clipped to the day (and to now). */
export interface TimelineSegment {
  status: string;
  reason: string;
  from: number;
  to: number;
}

/** One KPI's value with its definition. `value` is null when undefined (zero denominator). */
export interface KpiValue<Id extends string = KpiId> {
  id: Id;
  unit: KpiUnit;
  label: string;
  definition: string;
  value: number | null;
  /** For ratios: the counts behind the value. */
  numerator?: number;
  denominator?: number;
}

/** One of the agent's sessions that day. */
export interface SessionRow {
  sessionId: string;
  /** Session start, epoch seconds. */
  startedAt: number;
  customerId: string;
  customerNickname: string;
  channelType: string;
  groupName: string;
  durationSeconds: number;
  endStatus: string;
  endStatusLabel: string;
  /** 1-5 stars, null when not rated. */
  rating: number | null;
}

/** How many of the day's sessions ended which way. `share` is of the day's sessions. */
export interface EndStatusShare {
  endStatus: string;
  label: string;
  count: number;
  share: number;
}

/** Which part of the day a problem concerns (matches the IPC DTO's `problems[].part`). */
export type DayPart = 'status' | 'desk' | 'sessions' | 'voice';

/** Why a part of the day is missing or incomplete. */
export interface DayProblem {
  part: DayPart;
  error: AppError;
}

/** Everything fetched for one day. A null part was not available (failed or not configured). */
export interface DayInputs {
  day: string;
  tzOffsetMinutes: number;
  /** Today only: the agent's CCC metrics (durations are today's totals, in seconds). */
  metrics: StaffStatusMetrics | null;
  /** Status changes from a little before the day's start to its end, any order. */
  history: StatusChange[] | null;
  /** The desk statistics: `{ row: null }` means the service had no row (no activity). */
  desk: { row: AgentStatisticsRow | null } | null;
  /** The agent's own session records of the day. */
  records: ImCdrRecord[] | null;
  /** The agent's phone calls of the day; null or absent when voice stats are off or failed. */
  voice?: AgentCall[] | null;
  problems?: DayProblem[];
}

/** The agent's day, ready for the UI. Times are epoch seconds unless named `*Ms`. */
export interface DayStats {
  day: string;
  tzOffsetMinutes: number;
  from: number;
  to: number;
  isToday: boolean;
  /** A past day whose figures can no longer change (it is cached). */
  final: boolean;
  /** When the inputs were fetched, epoch ms. */
  fetchedAtMs: number;
  fromCache: boolean;
  /** API requests spent producing this value (0 from the cache; CCC calls count 1 each). */
  requests: number;
  statusTime: StatusTime | null;
  timeline: TimelineSegment[] | null;
  kpis: KpiValue[] | null;
  sessions: SessionRow[] | null;
  endStatuses: EndStatusShare[] | null;
  /** Voice KPIs and calls (wrap-up from the history); null when voice stats are off or failed. */
  voice: VoiceDay | null;
  /** Why a part is missing. Empty when everything loaded. */
  problems: DayProblem[];
}

/**
 * The status timeline of a day: each change lasts until the next one; the last lasts until its
 * known duration or `endSec`. Clipped to `[from, endSec]`; the status carried in from before the
 * day starts the day. Time before the first known status is absent (unknown), not guessed.
 */
export function buildTimeline(
  history: readonly StatusChange[],
  from: number,
  endSec: number,
): TimelineSegment[] {
  const items = [...history].sort((a, b) => a.timestamp - b.timestamp);
  const out: TimelineSegment[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const next = items[i + 1];
    let end: number;
    if (next) end = next.timestamp;
    else if (it.duration !== null && it.duration >= 0 && it.timestamp + it.duration < endSec)
      end = it.timestamp + it.duration;
    else end = endSec;
    const a = Math.max(it.timestamp, from);
    const b = Math.min(end, endSec);
    if (b <= a) continue;
    const last = out[out.length - 1];
    if (last && last.to === a && last.status === it.status && last.reason === it.reason)
      last.to = b;
    else out.push({ status: it.status, reason: it.reason, from: a, to: b });
  }
  return out;
}

function restByReason(timeline: readonly TimelineSegment[]): { reason: string; seconds: number }[] {
  const m = new Map<string, number>();
  for (const s of timeline)
    if (s.status === 'rest') m.set(s.reason, (m.get(s.reason) ?? 0) + (s.to - s.from));
  return [...m]
    .map(([reason, seconds]) => ({ reason, seconds }))
    .sort((a, b) => b.seconds - a.seconds || a.reason.localeCompare(b.reason));
}

/** Seconds per status summed from a timeline. */
export function statusTimeFromTimeline(timeline: readonly TimelineSegment[]): StatusTime {
  const seconds = zeroTimed();
  let online = 0;
  let other = 0;
  for (const s of timeline) {
    const d = s.to - s.from;
    if (s.status === 'offline') continue;
    online += d;
    if ((TIMED_STATUSES as readonly string[]).includes(s.status))
      seconds[s.status as TimedStatus] += d;
    else other += d;
  }
  return {
    source: 'history',
    onlineSeconds: online,
    seconds,
    otherSeconds: other,
    restByReason: restByReason(timeline),
  };
}

/** Today's seconds per status from the CCC metrics; break reasons from the timeline if known. */
export function statusTimeFromMetrics(
  m: StaffStatusMetrics,
  timeline: readonly TimelineSegment[] | null,
): StatusTime {
  const { online, ...seconds } = metricsDurations(m);
  const known = Object.values(seconds).reduce((a, b) => a + b, 0);
  return {
    source: 'metrics',
    onlineSeconds: online,
    seconds,
    otherSeconds: Math.max(0, online - known),
    restByReason: timeline ? restByReason(timeline) : [],
  };
}

function kpi(id: KpiId, value: number | null, ratio?: { num: number; den: number }): KpiValue {
  const d = KPI_DEFINITIONS[id];
  const v: KpiValue = { id, unit: d.unit, label: d.label, definition: d.definition, value };
  if (ratio) {
    v.numerator = ratio.num;
    v.denominator = ratio.den;
  }
  return v;
}

/** The desk KPIs of a day, in `KPI_IDS` order. A null row (no activity) gives zero counts and null averages. */
export function buildKpis(row: AgentStatisticsRow | null): KpiValue[] {
  const r = row ?? null;
  const total = r?.TotalSessionCnt ?? 0;
  const replied = Math.max(0, total - (r?.NotRespSessionCnt ?? 0));
  const rated = r?.SatisfactionSelectedCnt ?? 0;
  const ratio = (id: KpiId, num: number, den: number): KpiValue =>
    kpi(id, safeRatio(num, den), { num, den });
  const values: Record<KpiId, KpiValue> = {
    sessionsTotal: kpi('sessionsTotal', total),
    sessionsEffective: kpi('sessionsEffective', r?.EffectiveSessionCnt ?? 0),
    sessionsTransferred: kpi('sessionsTransferred', r?.TransferSessionCnt ?? 0),
    sessionsEndedByAgent: kpi('sessionsEndedByAgent', r?.AgentEndCnt ?? 0),
    sessionsUnreplied: kpi('sessionsUnreplied', r?.NotRespSessionCnt ?? 0),
    usersServed: kpi('usersServed', r?.ServeUserCnt ?? 0),
    messagesTotal: kpi('messagesTotal', r?.TotalMsgCnt ?? 0),
    messagesAgent: kpi('messagesAgent', r?.AgentMsgCnt ?? 0),
    messagesUser: kpi('messagesUser', r?.UserMsgCnt ?? 0),
    avgFirstResponse: kpi('avgFirstResponse', replied > 0 ? (r?.AvgFirstRespTime ?? null) : null),
    firstResponseUnder30sRate: ratio(
      'firstResponseUnder30sRate',
      r?.FirstRespUnder30sCnt ?? 0,
      replied,
    ),
    avgResponse: kpi('avgResponse', replied > 0 ? (r?.AvgRespTime ?? null) : null),
    responseUnder30sRate: ratio('responseUnder30sRate', r?.AvgRespUnder30sCnt ?? 0, replied),
    avgSessionLength: kpi(
      'avgSessionLength',
      total > 0
        ? r && r.AvgAcceptTime > 0
          ? r.AvgAcceptTime
          : Math.round((r?.TotalAcceptTime ?? 0) / total)
        : null,
    ),
    ratedSessions: kpi('ratedSessions', rated),
    satisfactionRate: ratio('satisfactionRate', r?.SatisfiedCnt ?? 0, rated),
  };
  return KPI_IDS.map((id) => values[id]);
}

/** The day's own sessions, oldest first. */
export function buildSessions(records: readonly ImCdrRecord[]): SessionRow[] {
  return records
    .map((c) => ({
      sessionId: c.SessionId,
      startedAt: c.Timestamp,
      customerId: c.ClientUserId,
      customerNickname: c.ClientUserNickName,
      channelType: c.ChannelType,
      groupName: c.AgentGroupName,
      durationSeconds: c.Duration,
      endStatus: c.EndStatus,
      endStatusLabel: END_STATUS_LABELS[c.EndStatus] ?? c.EndStatus,
      rating:
        c.SatisfactionSelected >= 1 && c.SatisfactionSelected <= 5 ? c.SatisfactionSelected : null,
    }))
    .sort((a, b) => a.startedAt - b.startedAt || a.sessionId.localeCompare(b.sessionId));
}

/** How the day's sessions ended, most frequent first. Empty for a day without sessions. */
export function endStatusDistribution(sessions: readonly SessionRow[]): EndStatusShare[] {
  const m = new Map<string, number>();
  for (const s of sessions) m.set(s.endStatus, (m.get(s.endStatus) ?? 0) + 1);
  return [...m]
    .map(([endStatus, count]) => ({
      endStatus,
      label: END_STATUS_LABELS[endStatus] ?? endStatus,
      count,
      share: safeRatio(count, sessions.length) ?? 0,
    }))
    .sort((a, b) => b.count - a.count || a.endStatus.localeCompare(b.endStatus));
}

/** Builds the day from its inputs. `nowMs` decides how far today's timeline runs. */
export function buildDayStats(
  input: DayInputs,
  ctx: {
    nowMs: number;
    fetchedAtMs: number;
    final: boolean;
    fromCache?: boolean;
    requests?: number;
  },
): DayStats {
  const { from, to } = dayBounds(input.day, input.tzOffsetMinutes);
  const nowSec = Math.floor(ctx.nowMs / 1000);
  const isToday = nowSec >= from && nowSec <= to;
  const endSec = Math.min(to + 1, Math.max(from, nowSec));
  const timeline = input.history ? buildTimeline(input.history, from, endSec) : null;
  // The history API carries no break reason; today's metrics name the current one.
  const current = timeline?.[timeline.length - 1];
  if (
    isToday &&
    current &&
    input.metrics?.status === 'rest' &&
    current.status === 'rest' &&
    current.reason === ''
  ) {
    current.reason = input.metrics.reason;
  }
  let statusTime: StatusTime | null = null;
  if (isToday && input.metrics) statusTime = statusTimeFromMetrics(input.metrics, timeline);
  else if (timeline) statusTime = statusTimeFromTimeline(timeline);
  const sessions = input.records ? buildSessions(input.records) : null;
  return {
    day: input.day,
    tzOffsetMinutes: input.tzOffsetMinutes,
    from,
    to,
    isToday,
    final: ctx.final,
    fetchedAtMs: ctx.fetchedAtMs,
    fromCache: ctx.fromCache ?? false,
    requests: ctx.requests ?? 0,
    statusTime,
    timeline,
    kpis: input.desk ? buildKpis(input.desk.row) : null,
    sessions,
    endStatuses: sessions ? endStatusDistribution(sessions) : null,
    voice: input.voice ? buildVoiceDay(input.voice, input.history) : null,
    problems: input.problems ?? [],
  };
}
