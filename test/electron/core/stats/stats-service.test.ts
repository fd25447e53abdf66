import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CccApi,
  StaffStatusHistoryItem,
  StaffStatusMetrics,
} from '../../../../electron/core/api/ccc-types';
import { createDeskClient } from '../../../../electron/core/api/desk-client';
import { keyUserSigProvider } from '../../../../electron/core/api/usersig';
import {
  createStatsService,
  type StatsServiceOptions,
} from '../../../../electron/core/stats/stats-service';
import { createDeskHandler, type DeskHandler } from '../../../../electron/simulator/desk-handler';
import type { SimImSession } from '../../../../electron/simulator/world-types';
import { err, ok, type AppError } from '../../../../shared/result';
import {
  ADMIN,
  AGENT,
  DAY_FROM,
  IM_APP,
  IM_KEY,
  OTHER,
  fakeWorld,
  session,
  startDeskServer,
  type DeskTestServer,
} from '../../simulator/desk-fixtures';

// "Today" is 2025-01-19 (UTC+8), 10:00; the week runs 2025-01-13 .. 2025-01-19.
const TODAY_FROM = DAY_FROM + 6 * 86_400;
let nowMs = (TODAY_FROM + 10 * 3600) * 1000;
const clock = { now: () => nowMs };

function fakeCcc(history: StaffStatusHistoryItem[], metrics: StaffStatusMetrics[]) {
  const calls: string[] = [];
  let historyError: AppError | null = null;
  const api: CccApi = {
    async describeStaffStatusMetrics() {
      calls.push('metrics');
      return ok({ value: metrics, requestId: 'r', serverDate: null });
    },
    async setStaffStatus() {
      throw new Error('not used');
    },
    async describeStaffStatusHistory(input) {
      calls.push(`history:${input.startTimestamp}-${input.endTimestamp}`);
      if (input.endTimestamp - input.startTimestamp >= 7 * 86_400)
        throw new Error('range too long');
      if (historyError) return err(historyError);
      return ok({
        value: history.filter(
          (h) => h.timestamp >= input.startTimestamp && h.timestamp <= input.endTimestamp,
        ),
        requestId: 'r',
        serverDate: null,
      });
    },
    clockOffsetMs: () => 0,
  };
  return { api, calls, failHistory: (e: AppError | null) => (historyError = e) };
}

const change = (status: string, atSec: number): StaffStatusHistoryItem => ({
  staffUserId: AGENT,
  status,
  reason: '',
  timestamp: atSec,
  duration: null,
  statusExtra: null,
  sessionId: null,
  cursor: String(atSec),
});

const metrics: StaffStatusMetrics = {
  email: AGENT,
  status: 'free',
  reason: '',
  statusExtra: null,
  onlineDuration: 7200,
  freeDuration: 5000,
  busyDuration: 1800,
  notReadyDuration: 0,
  restDuration: 400,
  afterCallWorkDuration: 0,
  reserveRest: false,
  reserveNotReady: false,
  useMobileAccept: 0,
  useMobileCallOut: false,
  lastOnlineTimestamp: null,
  lastStatusTimestamp: null,
};

// Each day d: 3 + d sessions of the agent and 2 of another agent, from 09:00; 150 on the 15th.
function weekSessions(): SimImSession[] {
  const out: SimImSession[] = [];
  let i = 0;
  for (let d = 0; d < 7; d++) {
    const n = d === 2 ? 150 : 3 + d;
    for (let k = 0; k < n; k++) out.push(session(i++, AGENT, d * 86_400 + 9 * 3600 + k * 60));
    for (let k = 0; k < 2; k++) out.push(session(i++, OTHER, d * 86_400 + 9 * 3600 + k * 90));
  }
  return out;
}

function weekHistory(): StaffStatusHistoryItem[] {
  const out: StaffStatusHistoryItem[] = [];
  for (let d = 0; d < 7; d++) {
    const base = DAY_FROM + d * 86_400;
    out.push(
      change('free', base + 9 * 3600),
      change('rest', base + 12 * 3600),
      change('free', base + 13 * 3600),
    );
    if (d < 6) out.push(change('offline', base + 18 * 3600));
  }
  return out;
}

let dir: string;
let server: DeskTestServer;
let handler: DeskHandler;
beforeEach(async () => {
  nowMs = (TODAY_FROM + 10 * 3600) * 1000;
  dir = await mkdtemp(join(tmpdir(), 'stats-service-'));
  handler = createDeskHandler({
    world: fakeWorld(weekSessions()),
    imSdkAppId: IM_APP,
    adminIdentifier: ADMIN,
    imKey: IM_KEY,
    clock,
  });
  server = await startDeskServer(handler);
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

function build(over: Partial<StatsServiceOptions> = {}) {
  const ccc = fakeCcc(weekHistory(), [metrics]);
  const desk = createDeskClient({
    endpoint: { baseUrl: server.baseUrl },
    imSdkAppId: IM_APP,
    adminIdentifier: ADMIN,
    agentId: AGENT,
    clock,
    userSig: keyUserSigProvider({ sdkAppId: IM_APP, identifier: ADMIN, key: () => IM_KEY, clock }),
    sleep: async () => {},
  });
  const service = createStatsService({
    ccc: ccc.api,
    desk,
    clock,
    dataDir: dir,
    agentId: AGENT,
    scope: String(IM_APP),
    ...over,
  });
  return { service, ccc, desk };
}

describe('stats service', () => {
  it('builds today from metrics, history, desk statistics and session records', async () => {
    const { service, ccc } = build();
    const d = await service.getToday();
    expect(d).toMatchObject({ day: '2025-01-19', isToday: true, final: false, fromCache: false });
    expect(d.statusTime).toMatchObject({ source: 'metrics', onlineSeconds: 7200 });
    expect(d.timeline?.at(-1)).toMatchObject({ status: 'free', to: TODAY_FROM + 10 * 3600 });
    expect(d.kpis?.find((k) => k.id === 'sessionsTotal')?.value).toBe(9);
    expect(d.sessions).toHaveLength(9);
    expect(d.endStatuses?.[0]).toMatchObject({
      endStatus: 'AgentEndedSession',
      count: 9,
      share: 1,
    });
    expect(d.problems).toEqual([]);
    expect(ccc.calls.sort()).toEqual([
      'history:' + (TODAY_FROM - 86_400) + '-' + (TODAY_FROM + 10 * 3600),
      'metrics',
    ]);
    expect(d.requests).toBe(4); // history, metrics, statistics, one page of records
  });

  it("loads the week once; the second open costs only today's requests", async () => {
    const first = build();
    const cold = await first.service.getWeek();
    expect(cold.ok).toBe(true);
    if (!cold.ok) return;
    expect(cold.value.days).toEqual([
      '2025-01-13',
      '2025-01-14',
      '2025-01-15',
      '2025-01-16',
      '2025-01-17',
      '2025-01-18',
      '2025-01-19',
    ]);
    expect(cold.value.kpis.sessionsTotal).toEqual([3, 4, 150, 6, 7, 8, 9]);
    expect(cold.value.sessionRecords).toEqual([3, 4, 150, 6, 7, 8, 9]);
    expect(cold.value.statusSeconds.rest).toEqual([3600, 3600, 3600, 3600, 3600, 3600, 400]);
    // 7 history + 1 metrics + 7 statistics + 8 record pages (the 15th has 154 records: 2 pages).
    expect(cold.value.requests).toBe(23);
    expect(server.requests).toHaveLength(15);
    expect(cold.value.dayStats.slice(0, 6).every((d) => d.final)).toBe(true);

    // A new service over the same data folder: the app was restarted.
    server.requests.length = 0;
    const second = build();
    const warm = await second.service.getWeek();
    expect(warm.ok && warm.value.requests).toBe(4);
    expect(server.requests.map((r) => r.command)).toEqual([
      'describe_agent_statistics',
      'describe_im_cdr_list',
    ]);
    expect(second.ccc.calls).toHaveLength(2);
    expect(warm.ok && warm.value.dayStats.map((d) => d.fromCache)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(warm.ok && warm.value.kpis.sessionsTotal).toEqual([3, 4, 150, 6, 7, 8, 9]);
  });

  it('does not cache a day with a failed part, and names the part', async () => {
    const { service } = build();
    handler.faults.inject({ kind: 'malformed', command: 'describe_im_cdr_list' });
    const r = await service.getDay('2025-01-14');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.sessions).toBeNull();
    expect(r.value.kpis).not.toBeNull();
    expect(r.value.problems.map((p) => [p.part, p.error.kind])).toEqual([
      ['sessions', 'bad_response'],
    ]);
    expect(r.value.final).toBe(false);
    const again = await service.getDay('2025-01-14');
    expect(again.ok && again.value.fromCache).toBe(false);
    expect(again.ok && again.value.sessions).toHaveLength(4);
    const third = await service.getDay('2025-01-14');
    expect(third.ok && third.value.fromCache).toBe(true);
  });

  it('reports a CCC history failure as a status problem and keeps the desk parts', async () => {
    const { service, ccc } = build();
    ccc.failHistory({
      source: 'ccc',
      code: 'InternalError',
      kind: 'transient',
      message: 'x',
      retryable: true,
    });
    const r = await service.getDay('2025-01-14');
    expect(r.ok && r.value.statusTime).toBeNull();
    expect(r.ok && r.value.problems.map((p) => p.part)).toEqual(['status']);
    expect(r.ok && r.value.kpis?.[0]?.value).toBe(4);
  });

  it('refetches when the cache file is corrupt, without crashing', async () => {
    await build().service.getDay('2025-01-14');
    await writeFile(join(dir, 'stats-cache.json'), '{"version":1,"days":[{"broken');
    server.requests.length = 0;
    const r = await build().service.getDay('2025-01-14');
    expect(r.ok && r.value).toMatchObject({ fromCache: false, final: true });
    expect(server.requests).toHaveLength(2);
    const saved = JSON.parse(await readFile(join(dir, 'stats-cache.json'), 'utf8')) as {
      days: unknown[];
    };
    expect(saved.days).toHaveLength(1);
  });

  it('does not treat a day that ended minutes ago as final', async () => {
    nowMs = (TODAY_FROM + 5 * 60) * 1000; // 00:05 on the 19th
    const { service } = build();
    const y = await service.getDay('2025-01-18');
    expect(y.ok && y.value).toMatchObject({ isToday: false, final: false });
    nowMs = (TODAY_FROM + 20 * 60) * 1000;
    const later = await service.getDay('2025-01-18');
    expect(later.ok && later.value.final).toBe(true);
  });

  it('rejects invalid and future days', async () => {
    const { service } = build();
    const bad = await service.getDay('2025-13-01');
    expect(!bad.ok && bad.error.code).toBe('bad_day');
    const future = await service.getDay('2025-01-20');
    expect(!future.ok && future.error.code).toBe('future_day');
    const week = await service.getWeek({ endDay: '2025-02-01' });
    expect(!week.ok && week.error.code).toBe('future_day');
  });

  it('works without the desk, and refetches desk parts once the desk is configured', async () => {
    const noDesk = build({ desk: null });
    const a = await noDesk.service.getDay('2025-01-14');
    expect(a.ok && a.value).toMatchObject({
      kpis: null,
      sessions: null,
      final: true,
      problems: [],
    });
    expect(server.requests).toHaveLength(0);
    const withDesk = build();
    const b = await withDesk.service.getDay('2025-01-14');
    expect(b.ok && b.value.fromCache).toBe(false);
    expect(b.ok && b.value.kpis?.[0]?.value).toBe(4);
  });

  it('names a wrong agent account when CCC has no metrics for it', async () => {
    const { service } = build({ agentId: 'nobody@example.com' });
    const d = await service.getToday();
    expect(d.problems.map((p) => p.error.code)).toContain('agent_not_in_metrics');
  });

  it('separates days by the account time zone', async () => {
    // Jan 13 07:30 UTC+8 is Jan 12 in UTC; Jan 14 07:00 UTC+8 is still Jan 13 in UTC.
    const sessions = [
      session(1, AGENT, 7.5 * 3600),
      session(2, AGENT, 9 * 3600),
      session(3, AGENT, 86_400 + 7 * 3600),
    ];
    const ids = async (tz: number) => {
      const h = createDeskHandler({
        world: fakeWorld(sessions),
        imSdkAppId: IM_APP,
        adminIdentifier: ADMIN,
        imKey: IM_KEY,
        clock,
        tzOffsetMinutes: tz,
      });
      const s = await startDeskServer(h);
      try {
        const desk = createDeskClient({
          endpoint: { baseUrl: s.baseUrl },
          imSdkAppId: IM_APP,
          adminIdentifier: ADMIN,
          agentId: AGENT,
          tzOffsetMinutes: tz,
          userSig: keyUserSigProvider({
            sdkAppId: IM_APP,
            identifier: ADMIN,
            key: () => IM_KEY,
            clock,
          }),
        });
        const service = createStatsService({
          ccc: fakeCcc([], [metrics]).api,
          desk,
          clock,
          dataDir: dir,
          agentId: AGENT,
          tzOffsetMinutes: tz,
        });
        const r = await service.getDay('2025-01-13');
        if (!r.ok) throw new Error(r.error.message);
        expect(r.value.from).toBe(Date.UTC(2025, 0, 13) / 1000 - tz * 60);
        expect(r.value.kpis?.[0]?.value).toBe(2);
        return r.value.sessions?.map((x) => x.sessionId);
      } finally {
        await s.close();
      }
    };
    expect(await ids(480)).toEqual(['s-00001', 's-00002']);
    expect(await ids(0)).toEqual(['s-00002', 's-00003']);
  });
});
