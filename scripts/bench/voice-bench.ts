/**
 * Voice stats figures (issue 16), against the real simulator over loopback with the real CCC
 * client; figures, never assertions. Run alone: `npx tsx scripts/bench/voice-bench.ts`.
 * 1. A day of 50,000 centre-wide call records fetched (DescribeTelCdr, PageSize 100 until
 *    TotalCount) and reduced to one agent's voice day: requests, bytes, wall time, the reduction
 *    alone; reference in the same run: the official SDK's CommonClient paging the same day (no
 *    validation, no reduction), and the floor the shared 20 req/s limit puts under it.
 * 2. The sliding window (core/stats/tel-cdr-sync.ts) for a 1,000-agent centre: requests per hour
 *    and how many records it catches and how late, with records arriving late (4% tens of minutes
 *    after their call); reference: one 30-minute window alone (which misses the late ones) and
 *    re-reading the whole day so far every minute.
 */
import http from 'node:http';
import net from 'node:net';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createCccClient } from '../../electron/core/api/ccc-client';
import { createHttpPool, type HttpPool } from '../../electron/core/api/http-pool';
import type { DescribeTelCdrInput, TelCdrRecord } from '../../electron/core/api/tel-cdr-types';
import { addDays, dayBounds, dayKeyAt } from '../../shared/day-key';
import type { StatusChange } from '../../electron/core/stats/day-model';
import {
  createTelCdrSync,
  DEFAULT_SYNC_TIERS,
  type SyncTier,
} from '../../electron/core/stats/tel-cdr-sync';
import { reduceVoiceDay } from '../../electron/core/stats/voice-day';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/index';
import { createPrng } from '../../electron/simulator/prng';
import { SIM_SKILL_GROUPS } from '../../electron/simulator/roster';
import { ok } from '../../shared/result';
import type { SimTelCall } from '../../electron/simulator/tel-calls';
import { fmt, median, quantile } from './stats';

const require = createRequire(import.meta.url);
const { CommonClient } = require('tencentcloud-sdk-nodejs-common') as {
  CommonClient: new (
    endpoint: string,
    version: string,
    opts: Record<string, unknown>,
  ) => { request(action: string, params: unknown): Promise<unknown> };
};

const S = 1000;
// Yesterday (UTC+8): the official SDK signs with the real clock, so the simulator runs on it too.
const DAY = addDays(dayKeyAt(Date.now(), 480), -1);
const { from: DAY_FROM, to: DAY_TO } = dayBounds(DAY, 480);
const AGENT = 'bench.agent@example.com';
const HOTLINE = SIM_SKILL_GROUPS[0]!;
const LIMIT_PER_S = 20;
const ms = (x: number): string =>
  x >= 1000 ? fmt(x / 1000, 2, 's') : fmt(x, x < 10 ? 2 : 0, 'ms');

/** A finished call: `agent` answered after `ring` s, talked `talk` s; readable `delay` s after. */
function call(
  i: number,
  agent: string,
  startMs: number,
  t: { ring: number; talk: number; delay: number; missed?: boolean; out?: boolean },
): SimTelCall {
  const ringMs = startMs + 10 * S;
  const acceptMs = t.missed ? null : ringMs + t.ring * S;
  const endMs = (acceptMs ?? ringMs + t.ring * S) + (t.missed ? 0 : t.talk * S);
  return {
    sessionId: `bench-${i}`,
    direction: t.out ? 'out' : 'in',
    customer: `00861380${String(i).padStart(7, '0')}`,
    line: '008675586001234',
    startMs,
    ivrSeconds: 10,
    queuedMs: startMs + 10 * S,
    customerAcceptMs: t.out && !t.missed ? ringMs + t.ring * S : null,
    legs: [
      {
        agentId: agent,
        nickName: 'Bench',
        staffNo: '1',
        ringMs,
        acceptMs: t.out ? ringMs : acceptMs,
        endMs,
        transferFrom: '',
        transferTo: '',
        endStatus: t.missed ? 'ringingGiveUp' : 'ok',
      },
    ],
    endMs,
    endStatus: t.missed ? (t.out ? 'notAnswer' : 'ringingGiveUp') : 'ok',
    hungUpSide: 'user',
    skillGroup: HOTLINE,
    visibleAtMs: endMs + t.delay * S,
  };
}

/** `n` calls of `agents` agents spread over [fromMs, toMs); every 1,000th is the bench agent's. */
function centreCalls(n: number, agents: number, fromMs: number, toMs: number, seed: number) {
  const rng = createPrng(seed);
  const out: SimTelCall[] = [];
  for (let i = 0; i < n; i++) {
    const agent =
      i % 1000 === 7 ? AGENT : `agent${String(i % agents).padStart(4, '0')}@example.com`;
    const startMs = Math.round((fromMs + ((toMs - fromMs) * i) / n) / S) * S;
    // Most records arrive within a minute; 4% take 10-60 minutes (the sliding window's case).
    const late = rng.chance(0.04);
    out.push(
      call(i, agent, startMs, {
        ring: rng.int(2, 15),
        talk: Math.round(rng.logNormal(240, 0.6, 20, 2400)),
        delay: late ? rng.int(600, 3600) : rng.int(1, 60),
        missed: rng.chance(0.08),
        out: rng.chance(0.15),
      }),
    );
  }
  return out;
}

/** An HttpPool counting requests and response bytes. */
function countingPool(): HttpPool & { requests: number; bytes: number } {
  const inner = createHttpPool();
  const pool = {
    requests: 0,
    bytes: 0,
    post: async (req: Parameters<HttpPool['post']>[0]) => {
      pool.requests++;
      const r = await inner.post(req);
      if (r.ok) pool.bytes += Buffer.byteLength(r.value.bodyText);
      return r;
    },
    close: () => inner.close(),
  };
  return pool;
}

/** The simulator (over loopback, real signatures) holding `calls` as its finished calls. */
async function simWith(calls: SimTelCall[]): Promise<RunningSimulator> {
  const sim = await startSimulator({ autopilot: false, rateLimitPerSecond: 1_000_000 });
  for (const c of calls) sim.world.phone.book.addFinished(c);
  return sim;
}

async function dayFigures(runs: number): Promise<string[]> {
  const calls = centreCalls(50_000, 1000, DAY_FROM * S, (DAY_TO + 1) * S - 3600 * S, 16);
  const sim = await simWith(calls);
  const history: StatusChange[] = calls
    .filter((c) => c.legs[0]!.agentId === AGENT && c.legs[0]!.acceptMs !== null)
    .flatMap((c) => [
      {
        status: 'afterCallWork',
        reason: '',
        timestamp: c.endMs! / S,
        duration: null,
        sessionId: c.sessionId,
      },
      { status: 'free', reason: '', timestamp: c.endMs! / S + 30, duration: null, sessionId: null },
    ]);
  const pool = countingPool();
  const client = createCccClient({
    endpoint: { baseUrl: sim.url },
    sdkAppId: sim.sdkAppId,
    credentials: async () => sim.credentials,
    http: pool,
  });
  const agentFor = () => {
    const a = new http.Agent({ keepAlive: true });
    (a as unknown as { createConnection: () => net.Socket }).createConnection = () =>
      net.connect(sim.port, '127.0.0.1');
    return a;
  };
  const sdk = new CommonClient('ccc.tencentcloudapi.com', '2020-02-10', {
    credential: sim.credentials,
    profile: { httpProfile: { protocol: 'http://', reqTimeout: 30, agent: agentFor() } },
  });
  const fetchT: number[] = [];
  const reduceT: number[] = [];
  const sdkT: number[] = [];
  let requests = 0;
  let bytes = 0;
  let own = 0;
  let handled: number | null = 0;
  try {
    for (let r = 0; r < runs; r++) {
      const before = { requests: pool.requests, bytes: pool.bytes };
      let t = performance.now();
      const res = await client.describeTelCdr({ startTimestamp: DAY_FROM, endTimestamp: DAY_TO });
      fetchT.push(performance.now() - t);
      if (!res.ok) throw new Error(res.error.message);
      requests = pool.requests - before.requests;
      bytes = pool.bytes - before.bytes;
      t = performance.now();
      const day = reduceVoiceDay(
        res.value.value.records,
        AGENT,
        { from: DAY_FROM, to: DAY_TO },
        history,
      );
      reduceT.push(performance.now() - t);
      own = day.calls.length;
      handled = day.kpis.find((k) => k.id === 'callsHandled')!.value;
      // Reference: the official SDK paging the same day, nothing checked or reduced.
      t = performance.now();
      let total = Infinity;
      for (let page = 0; page * 100 < total; page++) {
        const p = (await sdk.request('DescribeTelCdr', {
          SdkAppId: sim.sdkAppId,
          StartTimeStamp: DAY_FROM,
          EndTimeStamp: DAY_TO,
          PageSize: 100,
          PageNumber: page,
        })) as { TotalCount: number };
        total = p.TotalCount;
      }
      sdkT.push(performance.now() - t);
    }
  } finally {
    await client.close();
    await pool.close();
    await sim.close();
  }
  const fetchMs = median(fetchT);
  const floorMs = (requests / LIMIT_PER_S) * 1000;
  return [
    `  a day of ${calls.length.toLocaleString('en')} centre-wide records (1,000 agents), ${own} of them the agent's (${handled} handled)`,
    `  fetch: ${requests} requests (PageSize 100), ${fmt(bytes / 1e6, 1, 'MB')} of JSON, median ${ms(fetchMs)} over loopback (${runs} runs)`,
    `  reduce to the agent's voice day: median ${ms(median(reduceT))}, max ${ms(Math.max(...reduceT))}`,
    `  reference, official SDK CommonClient paging the same day (no validation): median ${ms(median(sdkT))}; ours/SDK ${fmt(fetchMs / median(sdkT), 2)}`,
    `  at the shared ${LIMIT_PER_S} req/s DescribeTelCdr limit the same ${requests} requests take at least ${ms(floorMs)} (loopback time / floor ${fmt(fetchMs / floorMs, 3)}): read once for everyone (the gateway), not per agent`,
  ];
}

/** A TelCdrRecord carrying what the sliding window keys on (one object per call, reused). */
function asRecord(c: SimTelCall, cache: Map<string, TelCdrRecord>): TelCdrRecord {
  let r = cache.get(c.sessionId);
  if (!r) {
    r = {
      sessionId: c.sessionId,
      time: Math.floor(c.startMs / S),
      direction: c.direction,
      caller: '',
      callee: '',
      duration: 0,
      endStatus: 1,
      endStatusString: c.endStatus,
      startAt: null,
      queuedAt: null,
      ringAt: null,
      acceptAt: null,
      endedAt: Math.floor(c.endMs! / S),
      hungUpSide: '',
      skillGroupId: null,
      skillGroup: '',
      seatUser: null,
      participants: [],
    };
    cache.set(c.sessionId, r);
  }
  return r;
}

/**
 * The centre's call records in memory, answered the way the CCC client pages them (PageSize 100
 * until TotalCount: max(1, ceil(rows / 100)) requests per read), noting when each record was
 * first read.
 */
function memoryApi(calls: readonly SimTelCall[], clock: { now(): number }) {
  const cache = new Map<string, TelCdrRecord>();
  const firstRead = new Map<string, number>();
  const api = {
    requests: 0,
    firstRead,
    async describeTelCdr(input: DescribeTelCdrInput) {
      const now = clock.now();
      const rows = calls.filter(
        (c) =>
          c.visibleAtMs! <= now &&
          c.startMs >= input.startTimestamp * S &&
          c.startMs <= input.endTimestamp * S + 999,
      );
      const pages = Math.max(1, Math.ceil(rows.length / 100));
      api.requests += pages;
      for (const c of rows) if (!firstRead.has(c.sessionId)) firstRead.set(c.sessionId, now);
      const records = rows.map((c) => asRecord(c, cache));
      return ok({
        value: { records, totalCount: rows.length, pages, skipped: 0 },
        requestId: 'm',
        serverDate: null,
      });
    },
  };
  return api;
}

async function syncFigures(): Promise<string[]> {
  // A 1,000-agent centre open from 08:00, 8 calls per agent-hour. The hour measured: 14:00-15:00,
  // followed until 17:00 (a record may arrive up to an hour after a call of up to 40 minutes).
  const perHour = 8_000;
  const open = (DAY_FROM + 8 * 3600) * S;
  const measureFrom = (DAY_FROM + 14 * 3600) * S;
  const measureTo = measureFrom + 3600 * S;
  const calls = centreCalls(perHour * 7, 1000, open, measureTo, 23);
  const target = calls.filter((c) => c.startMs >= measureFrom && c.startMs < measureTo);
  // The last of the hour's records arrives within 2 hours (40 min call + 60 min delay at most).
  const followTo = measureTo + 2 * 3600 * S;
  let now = measureFrom - 60 * S;
  const clock = { now: () => now };
  const run = async (tiers: readonly SyncTier[], until: number) => {
    const api = memoryApi(calls, clock);
    const sync = createTelCdrSync({ api, clock, tiers, startAt: DAY_FROM });
    now = measureFrom - 60 * S;
    const first = await sync.tick(); // the day so far, once
    if (!first.ok) throw new Error(first.error.message);
    const warm = api.requests;
    let inHour = 0;
    for (now = measureFrom; now <= until; now += 60 * S) {
      const before = api.requests;
      const r = await sync.tick();
      if (!r.ok) throw new Error(r.error.message);
      if (now <= measureTo) inHour += api.requests - before;
    }
    const lags = target
      .filter((c) => api.firstRead.has(c.sessionId))
      .map((c) => (api.firstRead.get(c.sessionId)! - c.visibleAtMs!) / S);
    return {
      warm,
      inHour,
      caught: lags.length,
      p95: quantile(lags, 0.95),
      max: Math.max(0, ...lags),
    };
  };
  const t0 = performance.now();
  const tiers = await run(DEFAULT_SYNC_TIERS, followTo);
  const modelMs = performance.now() - t0;
  const window30 = await run([{ everySeconds: 60, lookbackSeconds: 1800 }], followTo);
  // Re-reading the whole day every minute: 5 minutes measured, scaled to the hour.
  const whole = await run(
    [{ everySeconds: 60, lookbackSeconds: 86_399 }],
    measureFrom + 4 * 60 * S,
  );
  const wholePerHour = whole.inHour * 12;
  const line = (label: string, o: typeof tiers) =>
    `  ${label}: ${o.inHour.toLocaleString('en')} requests/hour (${fmt(o.inHour / 3600, 2)} req/s, ${fmt((o.inHour / 3600 / LIMIT_PER_S) * 100, 1)}% of the ${LIMIT_PER_S} req/s limit); caught ${o.caught}/${target.length} of the hour's records, p95 ${fmt(o.p95, 0, 's')}, max ${fmt(o.max / 60, 1, 'min')} after they arrived`;
  return [
    `  1,000 agents, ${perHour.toLocaleString('en')} calls/hour, 4% of the records arriving 10-60 min after their call; the hour 14:00-15:00 followed until 17:00`,
    `  (requests counted as the CCC client pages: PageSize 100 until TotalCount; records served in memory; the first read of the day so far costs ${tiers.warm} requests once)`,
    line('sliding window: every 1 min the last 30 min, every 15 min the last 4 h', tiers),
    line('reference: one 30-minute window every minute                          ', window30),
    `  reference: the whole day so far every minute: ${wholePerHour.toLocaleString('en')} requests/hour (${fmt(wholePerHour / 3600, 1)} req/s; 5 minutes measured x 12); sliding window / whole day = ${fmt(tiers.inHour / wholePerHour, 3)}`,
    `  the sliding-window model itself (merging, 3 simulated hours): ${ms(modelMs)}`,
  ];
}

/** Every voice figure as printable lines. */
export async function runVoiceBench(): Promise<string[]> {
  return [...(await dayFigures(3)), ...(await syncFigures())];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runVoiceBench()) console.log(line);
}
