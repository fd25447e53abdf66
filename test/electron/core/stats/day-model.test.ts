import { describe, expect, it } from 'vitest';
import { dayBounds } from '../../../../shared/day-key';
import {
  buildDayStats,
  buildKpis,
  buildSessions,
  buildTimeline,
  endStatusDistribution,
  statusTimeFromTimeline,
} from '../../../../electron/core/stats/day-model';
import {
  KPI_DEFINITIONS,
  KPI_IDS,
  safeRatio,
} from '../../../../electron/core/stats/kpi-definitions';
import { buildWeekTrend } from '../../../../electron/core/stats/week-trend';
import { toDayStatsDto, toWeekTrendDto } from '../../../../electron/core/stats/stats-dto-map';
import { dayStatsSchema, weekTrendSchema } from '../../../../shared/stats-dto';
import {
  agentStatisticsRowSchema,
  type ImCdrRecord,
} from '../../../../electron/core/api/desk-types';
import type { StaffStatusMetrics } from '../../../../electron/core/api/ccc-types';

// The seed page's statistics example (its JSON is malformed; the values are these).
const seedRow = agentStatisticsRowSchema.parse({
  AgentId: '1289316652@qq.com',
  AgentNickName: 'Meimei',
  FirstLoginTimestamp: 1738923814,
  LastLogoutTimestamp: 1738934235,
  FreeTime: 3600,
  BusyTime: 300,
  RestTime: 600,
  TotalSessionCnt: 12,
  TransferSessionCnt: 0,
  EffectiveSessionCnt: 8,
  AgentEndCnt: 10,
  ServeUserCnt: 10,
  TotalAcceptTime: 1527,
  TotalMsgCnt: 450,
  AgentMsgCnt: 200,
  UserMsgCnt: 150,
  NotRespSessionCnt: 2,
  AvgFirstRespTime: 10,
  FirstRespUnder30sCnt: 9,
  AvgRespTime: 25,
  AvgRespUnder30sCnt: 8,
  AvgAcceptTime: 300,
  SatisfactionSelectedCnt: 8,
  SatisfiedCnt: 6,
});

const kpiMap = (row: Parameters<typeof buildKpis>[0]) =>
  Object.fromEntries(buildKpis(row).map((k) => [k.id, k]));

describe('KPIs', () => {
  it('computes the seed example with its definitions', () => {
    const k = kpiMap(seedRow);
    expect(k.sessionsTotal?.value).toBe(12);
    expect(k.sessionsEndedByAgent?.value).toBe(10);
    expect(k.messagesAgent?.value).toBe(200);
    expect(k.messagesUser?.value).toBe(150);
    expect(k.avgFirstResponse?.value).toBe(10);
    // 9 of the 10 sessions replied to (12 - 2 unreplied).
    expect(k.firstResponseUnder30sRate).toMatchObject({
      value: 0.9,
      numerator: 9,
      denominator: 10,
    });
    expect(k.responseUnder30sRate?.value).toBe(0.8);
    expect(k.avgSessionLength?.value).toBe(300);
    expect(k.satisfactionRate).toMatchObject({ value: 0.75, numerator: 6, denominator: 8 });
    expect(buildKpis(seedRow).map((x) => x.id)).toEqual([...KPI_IDS]);
    for (const x of buildKpis(seedRow)) {
      expect(x.definition).toBe(KPI_DEFINITIONS[x.id].definition);
      expect(x.definition.length).toBeGreaterThan(10);
    }
  });

  it('guards every ratio and average against zero denominators', () => {
    const zero = agentStatisticsRowSchema.parse({ AgentId: 'a@x' });
    for (const row of [null, zero]) {
      const k = kpiMap(row);
      expect(k.sessionsTotal?.value).toBe(0);
      for (const id of [
        'avgFirstResponse',
        'firstResponseUnder30sRate',
        'avgResponse',
        'responseUnder30sRate',
        'avgSessionLength',
        'satisfactionRate',
      ]) {
        expect(k[id]?.value, id).toBeNull();
      }
    }
    // All sessions unreplied: response figures undefined, satisfaction still defined.
    const unreplied = agentStatisticsRowSchema.parse({
      AgentId: 'a',
      TotalSessionCnt: 3,
      NotRespSessionCnt: 3,
      SatisfactionSelectedCnt: 2,
      SatisfiedCnt: 1,
      TotalAcceptTime: 100,
    });
    const k = kpiMap(unreplied);
    expect(k.avgFirstResponse?.value).toBeNull();
    expect(k.firstResponseUnder30sRate?.value).toBeNull();
    expect(k.satisfactionRate?.value).toBe(0.5);
    expect(k.avgSessionLength?.value).toBe(33);
  });

  it('safeRatio never returns NaN or more than 1', () => {
    expect(safeRatio(1, 0)).toBeNull();
    expect(safeRatio(0, 0)).toBeNull();
    expect(safeRatio(5, -1)).toBeNull();
    expect(safeRatio(Number.NaN, 2)).toBeNull();
    expect(safeRatio(3, 2)).toBe(1);
    expect(safeRatio(0, 4)).toBe(0);
  });
});

describe('timeline and status time', () => {
  const day = dayBounds('2025-01-13', 480);
  const at = (h: number, m = 0) => day.from + h * 3600 + m * 60;

  it('carries the status in from before midnight and clips to the day', () => {
    const tl = buildTimeline(
      [
        { status: 'free', reason: '', timestamp: at(9), duration: null },
        { status: 'rest', reason: '', timestamp: day.from - 3600, duration: null },
        { status: 'busy', reason: '', timestamp: at(9, 30), duration: 600 },
        { status: 'offline', reason: '', timestamp: at(18), duration: null },
      ],
      day.from,
      day.to + 1,
    );
    expect(tl).toEqual([
      { status: 'rest', reason: '', from: day.from, to: at(9) },
      { status: 'free', reason: '', from: at(9), to: at(9, 30) },
      { status: 'busy', reason: '', from: at(9, 30), to: at(18) },
      { status: 'offline', reason: '', from: at(18), to: day.to + 1 },
    ]);
    const st = statusTimeFromTimeline(tl);
    expect(st.onlineSeconds).toBe(18 * 3600);
    expect(st.seconds).toEqual({
      free: 1800,
      busy: 8.5 * 3600,
      rest: 9 * 3600,
      notReady: 0,
      afterCallWork: 0,
    });
    expect(st.restByReason).toEqual([{ reason: '', seconds: 9 * 3600 }]);
  });

  it('merges repeats, leaves unknown time out, and stops at now for today', () => {
    const tl = buildTimeline(
      [
        { status: 'rest', reason: 'Lunch', timestamp: at(12), duration: null },
        { status: 'rest', reason: 'Lunch', timestamp: at(12, 10), duration: null },
        { status: 'mystery', reason: '', timestamp: at(13), duration: null },
        { status: 'rest', reason: 'Break', timestamp: at(14), duration: null },
      ],
      day.from,
      at(14, 15),
    );
    expect(tl).toEqual([
      { status: 'rest', reason: 'Lunch', from: at(12), to: at(13) },
      { status: 'mystery', reason: '', from: at(13), to: at(14) },
      { status: 'rest', reason: 'Break', from: at(14), to: at(14, 15) },
    ]);
    const st = statusTimeFromTimeline(tl);
    expect(st.otherSeconds).toBe(3600);
    expect(st.restByReason).toEqual([
      { reason: 'Lunch', seconds: 3600 },
      { reason: 'Break', seconds: 900 },
    ]);
  });

  it("uses today's metrics for totals and names the current break from them", () => {
    const metrics = {
      email: 'a@x',
      status: 'rest',
      reason: 'Lunch',
      statusExtra: null,
      onlineDuration: 5000,
      freeDuration: 3000,
      busyDuration: 1000,
      notReadyDuration: 0,
      restDuration: 600,
      afterCallWorkDuration: 100,
      reserveRest: false,
      reserveNotReady: false,
      useMobileAccept: 0,
      useMobileCallOut: false,
      lastOnlineTimestamp: null,
      lastStatusTimestamp: null,
    } satisfies StaffStatusMetrics;
    const d = buildDayStats(
      {
        day: '2025-01-13',
        tzOffsetMinutes: 480,
        metrics,
        history: [{ status: 'rest', reason: '', timestamp: at(12), duration: null }],
        desk: null,
        records: null,
      },
      { nowMs: at(12, 10) * 1000, fetchedAtMs: 1, final: false },
    );
    expect(d.isToday).toBe(true);
    expect(d.statusTime).toMatchObject({
      source: 'metrics',
      onlineSeconds: 5000,
      otherSeconds: 300,
    });
    expect(d.statusTime?.seconds.free).toBe(3000);
    expect(d.statusTime?.restByReason).toEqual([{ reason: 'Lunch', seconds: 600 }]);
    expect(d.kpis).toBeNull();
  });
});

describe('sessions', () => {
  const rec = (i: number, endStatus: string, rating = 0): ImCdrRecord => ({
    SessionId: `s${i}`,
    AgentGroupId: '1',
    AgentGroupName: 'G',
    AgentId: 'a@x',
    ChannelType: 'SDK',
    ClientUserId: `u${i}`,
    ClientUserNickName: `User ${i}`,
    Duration: 60 + i,
    EndStatus: endStatus,
    SatisfactionSelected: rating,
    Timestamp: 1736700000 - i,
  });

  it("lists the day's own sessions oldest first with their end and rating", () => {
    const rows = buildSessions([
      rec(1, 'AgentEndedSession', 5),
      rec(2, 'UserTimeout'),
      rec(3, 'SomethingNew', 2),
    ]);
    expect(rows.map((r) => r.sessionId)).toEqual(['s3', 's2', 's1']);
    expect(rows[2]).toMatchObject({
      customerNickname: 'User 1',
      durationSeconds: 61,
      endStatusLabel: 'Ended by you',
      rating: 5,
    });
    expect(rows[1]?.rating).toBeNull();
    expect(rows[0]?.endStatusLabel).toBe('SomethingNew');
  });

  it('distributes end statuses, and is empty (not NaN) for a day without sessions', () => {
    const rows = buildSessions([
      rec(1, 'AgentEndedSession'),
      rec(2, 'AgentEndedSession'),
      rec(3, 'UserEndedSession'),
      rec(4, 'ManualTransfer'),
    ]);
    expect(endStatusDistribution(rows)).toEqual([
      { endStatus: 'AgentEndedSession', label: 'Ended by you', count: 2, share: 0.5 },
      { endStatus: 'ManualTransfer', label: 'Transferred', count: 1, share: 0.25 },
      { endStatus: 'UserEndedSession', label: 'Ended by the customer', count: 1, share: 0.25 },
    ]);
    expect(endStatusDistribution([])).toEqual([]);
  });
});

describe('DTOs and the week', () => {
  it('maps a day and a week to the IPC schemas', () => {
    const { from } = dayBounds('2025-01-13', 480);
    const d = buildDayStats(
      {
        day: '2025-01-13',
        tzOffsetMinutes: 480,
        metrics: null,
        history: [{ status: 'free', reason: '', timestamp: from + 100, duration: null }],
        desk: { row: seedRow },
        records: [],
        problems: [
          {
            part: 'sessions',
            error: {
              source: 'desk',
              code: 'bad_response',
              kind: 'bad_response',
              message: 'm',
              retryable: false,
            },
          },
        ],
      },
      { nowMs: (from + 200_000) * 1000, fetchedAtMs: 5, final: true, requests: 3 },
    );
    const dto = dayStatsSchema.parse(toDayStatsDto(d));
    expect(dto.timeline[0]).toEqual({
      status: 'free',
      reason: '',
      startMs: (from + 100) * 1000,
      endMs: (from + 86_400) * 1000,
    });
    expect(dto.statusSeconds.online).toBe(86_300);
    expect(dto.problems).toEqual([{ part: 'sessions', message: 'm' }]);
    const empty = buildDayStats(
      {
        day: '2025-01-14',
        tzOffsetMinutes: 480,
        metrics: null,
        history: null,
        desk: null,
        records: null,
      },
      { nowMs: (from + 200_000) * 1000, fetchedAtMs: 5, final: false },
    );
    const week = buildWeekTrend([d, empty], 480);
    expect(week.kpis.sessionsTotal).toEqual([12, null]);
    expect(week.statusSeconds.online).toEqual([86_300, null]);
    expect(week.requests).toBe(3);
    expect(weekTrendSchema.parse(toWeekTrendDto(week)).days).toHaveLength(2);
  });
});
