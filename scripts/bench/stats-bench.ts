/**
 * Daily stats figures (issue 3): loading the 7-day view cold (empty cache) and warm (second
 * open, a new service over the same data folder), in HTTP requests and wall time, against the
 * real simulator over loopback with the real CCC and desk clients; the desk paging of a
 * 1,000-session day; and the day model's cost for a day of 1,000 sessions. Medians of several
 * runs. Figures, never assertions. Run alone: `npx tsx scripts/bench/stats-bench.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createCccClient } from '../../electron/core/api/ccc-client';
import { createDeskClient } from '../../electron/core/api/desk-client';
import { agentStatisticsRowSchema, type ImCdrRecord } from '../../electron/core/api/desk-types';
import { createHttpPool, type HttpPool } from '../../electron/core/api/http-pool';
import { keyUserSigProvider } from '../../electron/core/api/usersig';
import { dayBounds } from '../../shared/day-key';
import { buildDayStats, type StatusChange } from '../../electron/core/stats/day-model';
import { toDayStatsDto } from '../../electron/core/stats/stats-dto-map';
import { createStatsService } from '../../electron/core/stats/stats-service';
import { createDeskHandler } from '../../electron/simulator/desk-handler';
import { startSimulator } from '../../electron/simulator/index';
import type { SimImSession } from '../../electron/simulator/world-types';

const DAY_FROM = 1736697600; // 2025-01-13 00:00 UTC+8
const READ_MS = (DAY_FROM + 6 * 86_400 + 15 * 3600) * 1000; // 2025-01-19 15:00

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

/** An HttpPool that counts the HTTP requests actually sent (pages, retries, both APIs). */
function countingPool(): HttpPool & { count: number } {
  const inner = createHttpPool();
  const pool = {
    count: 0,
    post: (req: Parameters<HttpPool['post']>[0]) => {
      pool.count++;
      return inner.post(req);
    },
    close: () => inner.close(),
  };
  return pool;
}

async function weekFigures(runs: number): Promise<string[]> {
  let now = (DAY_FROM + 60) * 1000;
  const clock = { now: () => now };
  // The fake clock stands still, so the 20/s limit would count every run in one second.
  const sim = await startSimulator({ clock, seed: 7, staffCount: 6, rateLimitPerSecond: 100_000 });
  now = READ_MS;
  sim.world.advanceTo(now);
  const agent = sim.staff[1]!;
  const http = countingPool();
  const ccc = createCccClient({
    endpoint: { baseUrl: sim.url },
    sdkAppId: sim.sdkAppId,
    credentials: async () => sim.credentials,
    clock,
    http,
  });
  const desk = createDeskClient({
    endpoint: { baseUrl: sim.desk.baseUrl },
    imSdkAppId: sim.desk.imSdkAppId,
    adminIdentifier: sim.desk.adminIdentifier,
    agentId: agent,
    clock,
    http,
    userSig: keyUserSigProvider({
      sdkAppId: sim.desk.imSdkAppId,
      identifier: sim.desk.adminIdentifier,
      key: () => sim.desk.imKey,
      clock,
    }),
  });
  const dirs: string[] = [];
  const cold: { ms: number; http: number; counted: number }[] = [];
  const warm: { ms: number; http: number; counted: number }[] = [];
  let sessions = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const dataDir = await mkdtemp(join(tmpdir(), 'stats-bench-'));
      dirs.push(dataDir);
      const make = () =>
        createStatsService({ ccc, desk, clock, dataDir, agentId: agent, scope: 'bench' });
      for (const [list, label] of [
        [cold, 'cold'],
        [warm, 'warm'],
      ] as const) {
        const before = http.count;
        const t0 = performance.now();
        const r = await make().getWeek();
        const t = performance.now() - t0;
        if (!r.ok || r.value.problems.length > 0)
          throw new Error(`${label} week failed: ${JSON.stringify(r)}`);
        list.push({ ms: t, http: http.count - before, counted: r.value.requests });
        sessions = r.value.sessionRecords.reduce<number>((n, x) => n + (x ?? 0), 0);
      }
    }
  } finally {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    await sim.close();
    await http.close();
  }
  const line = (name: string, xs: typeof cold) =>
    `  7-day view ${name}: ${median(xs.map((x) => x.http))} HTTP requests (service counts ${median(xs.map((x) => x.counted))}), median ${ms(median(xs.map((x) => x.ms)))} (min ${ms(Math.min(...xs.map((x) => x.ms)))}, ${runs} runs)`;
  return [
    `  simulator over loopback, agent with ${sessions} sessions in the week, CCC + desk clients, fresh data folder per cold run`,
    line('cold', cold),
    line('warm', warm),
    `  warm/cold time ratio: ${(median(warm.map((x) => x.ms)) / median(cold.map((x) => x.ms))).toFixed(2)}`,
  ];
}

const AGENT = 'bench.agent@example.com';
const END_STATUSES = [
  'AgentEndedSession',
  'UserEndedSession',
  'UserTimeout',
  'ManualTransfer',
] as const;

function simSession(i: number): SimImSession {
  const startMs = (DAY_FROM + 60 + i * 80) * 1000;
  return {
    sessionId: `bench-${i}`,
    agentId: i % 10 === 9 ? 'other@example.com' : AGENT,
    agentNickName: 'Bench',
    agentGroupId: '1',
    agentGroupName: 'G',
    channelType: i % 2 ? 'SDK' : 'Web',
    clientUserId: `u${i % 400}`,
    clientUserNickName: `User ${i}`,
    startMs,
    endMs: startMs + 60_000 + (i % 17) * 7000,
    firstResponseSeconds: i % 13 === 0 ? null : 5 + (i % 50),
    avgResponseSeconds: i % 13 === 0 ? null : 10 + (i % 40),
    agentMsgCount: 4,
    userMsgCount: 3,
    endStatus: END_STATUSES[i % END_STATUSES.length]!,
    satisfaction: (i % 6) as SimImSession['satisfaction'],
    effective: i % 13 !== 0,
  };
}

async function pagingFigures(runs: number): Promise<string[]> {
  const sessions = Array.from({ length: 1111 }, (_, i) => simSession(i));
  const clock = { now: () => (DAY_FROM + 86_400 + 3600) * 1000 };
  const key = 'bench-key-0123456789abcdef';
  const handler = createDeskHandler({
    world: { imSessions: () => sessions, statusHistory: () => [] },
    imSdkAppId: 1,
    adminIdentifier: 'admin',
    imKey: key,
    clock,
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      void handler
        .handle(
          url.pathname.split('/').pop() ?? '',
          url.searchParams,
          Buffer.concat(chunks).toString(),
        )
        .then((r) => res.writeHead(r.status, r.headers).end(r.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const desk = createDeskClient({
    endpoint: { baseUrl: base },
    imSdkAppId: 1,
    adminIdentifier: 'admin',
    agentId: AGENT,
    clock,
    userSig: keyUserSigProvider({ sdkAppId: 1, identifier: 'admin', key: () => key, clock }),
  });
  const times: number[] = [];
  let pages = 0;
  let own = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await desk.describeImCdrList('2025-01-13');
      times.push(performance.now() - t0);
      if (!r.ok) throw new Error(r.error.message);
      pages = r.value.pages;
      own = r.value.records.length;
    }
  } finally {
    await desk.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
  return [
    `  describe_im_cdr_list, a day of ${sessions.length} records (${own} the agent's): ${pages} pages, median ${ms(median(times))} (${runs} runs)`,
  ];
}

function modelFigures(runs: number): string[] {
  const records: ImCdrRecord[] = Array.from({ length: 1000 }, (_, i) => {
    const s = simSession(i);
    return {
      SessionId: s.sessionId,
      AgentGroupId: '1',
      AgentGroupName: 'G',
      AgentId: AGENT,
      ChannelType: s.channelType,
      ClientUserId: s.clientUserId,
      ClientUserNickName: s.clientUserNickName,
      Duration: Math.round((s.endMs - s.startMs) / 1000),
      EndStatus: s.endStatus,
      SatisfactionSelected: s.satisfaction,
      Timestamp: Math.floor(s.startMs / 1000),
    };
  });
  const { from } = dayBounds('2025-01-13', 480);
  const statuses = ['free', 'busy', 'afterCallWork', 'free', 'rest', 'notReady'];
  const history: StatusChange[] = Array.from({ length: 2000 }, (_, i) => ({
    status: statuses[i % statuses.length]!,
    reason: i % 6 === 4 ? 'Lunch' : '',
    timestamp: from + 60 + i * 40,
    duration: null,
  }));
  const row = agentStatisticsRowSchema.parse({
    AgentId: AGENT,
    TotalSessionCnt: 1000,
    NotRespSessionCnt: 77,
    FirstRespUnder30sCnt: 600,
    SatisfactionSelectedCnt: 800,
    SatisfiedCnt: 500,
    AvgAcceptTime: 120,
  });
  const input = {
    day: '2025-01-13',
    tzOffsetMinutes: 480,
    metrics: null,
    history,
    desk: { row },
    records,
  };
  const ctx = { nowMs: (from + 2 * 86_400) * 1000, fetchedAtMs: 0, final: true };
  for (let i = 0; i < 20; i++) toDayStatsDto(buildDayStats(input, ctx)); // warm up the JIT
  const model: number[] = [];
  const withDto: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const d = buildDayStats(input, ctx);
    const t1 = performance.now();
    toDayStatsDto(d);
    const t2 = performance.now();
    model.push(t1 - t0);
    withDto.push(t2 - t0);
  }
  return [
    `  day model, 1,000 sessions + 2,000 status changes: median ${ms(median(model))}, with the IPC DTO ${ms(median(withDto))} (max ${ms(Math.max(...withDto))}, ${runs} runs)`,
  ];
}

/** Every daily-stats figure as printable lines. */
export async function runStatsBench(): Promise<string[]> {
  return [...(await weekFigures(5)), ...(await pagingFigures(5)), ...modelFigures(200)];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runStatsBench()) console.log(line);
}
