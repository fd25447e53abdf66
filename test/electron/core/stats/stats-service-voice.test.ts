// Voice stats in direct mode: the real CCC client against the simulator over loopback, the
// stats service reading the centre's call records only when voice stats are on.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCccClient } from '../../../../electron/core/api/ccc-client';
import type { CccClient } from '../../../../electron/core/api/ccc-types';
import { createHttpPool, type HttpPool } from '../../../../electron/core/api/http-pool';
import { createLogger, createMemorySink } from '../../../../electron/core/logger';
import { dayBounds, dayKeyAt } from '../../../../shared/day-key';
import { createStatsService } from '../../../../electron/core/stats/stats-service';
import { startSimulator, type RunningSimulator } from '../../../../electron/simulator/index';
import { FakeClock } from '../../../helpers/fake-clock';
import { must } from '../../simulator/sim-client';

const S = 1000;
const DAY = '2025-03-10';
const { from } = dayBounds(DAY, 480);

/** An HttpPool counting requests per X-TC-Action (and keeping the DescribeTelCdr bodies). */
function countingPool(): HttpPool & { count: Record<string, number>; telCdr: unknown[] } {
  const inner = createHttpPool();
  const count: Record<string, number> = {};
  const telCdr: unknown[] = [];
  return {
    count,
    telCdr,
    post: (req) => {
      const action = req.headers['X-TC-Action'] ?? '?';
      count[action] = (count[action] ?? 0) + 1;
      if (action === 'DescribeTelCdr') telCdr.push(JSON.parse(req.body.toString()));
      return inner.post(req);
    },
    close: () => inner.close(),
  };
}

describe('the stats service with voice stats', () => {
  let clock: FakeClock;
  let sim: RunningSimulator;
  let http: ReturnType<typeof countingPool>;
  let ccc: CccClient;
  let dataDir: string;
  let agent: string;
  let other: string;
  const mem = createMemorySink();
  const logger = createLogger({ sink: mem.sink, level: 'debug' });

  /** A call of `seconds` for `staff`, with a 20 s wrap-up. */
  const talk = async (staff: string, direct: 'in' | 'out', seconds: number) => {
    must(await sim.control.startCall(staff, { type: 'tel', direct }));
    clock.advance(seconds * S);
    must(await sim.control.endCall(staff, { wrapUpSeconds: 20 }));
    clock.advance(20 * S);
  };

  beforeEach(async () => {
    clock = new FakeClock((from + 9 * 3600) * S);
    sim = await startSimulator({ clock, autopilot: false, rateLimitPerSecond: 10_000 });
    must(await sim.control.setCdrDelay({ minSeconds: 0, maxSeconds: 0 }));
    [, agent, other] = sim.staff as [string, string, string];
    http = countingPool();
    ccc = createCccClient({
      endpoint: { baseUrl: sim.url },
      sdkAppId: sim.sdkAppId,
      credentials: async () => sim.credentials,
      clock,
      http,
      logger,
    });
    dataDir = await mkdtemp(join(tmpdir(), 'voice-stats-'));
    // The agent's day: an inbound call, a missed ring, an outbound call; and 250 calls of
    // another agent (the centre's records are read whole: 3 pages).
    await talk(agent, 'in', 120);
    must(await sim.control.missCall(agent, { ringSeconds: 15 }));
    clock.advance(20 * S);
    await talk(agent, 'out', 45);
    for (let i = 0; i < 250; i++) await talk(other, 'in', 30);
    clock.advance(60 * S);
  });
  afterEach(async () => {
    await ccc.close();
    await http.close();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const service = (voice: boolean) =>
    createStatsService({
      ccc,
      desk: null,
      voice: voice ? ccc : null,
      redactor: logger,
      logger,
      clock,
      dataDir,
      agentId: agent,
      scope: 'test',
    });

  it('off: never reads the call records', async () => {
    const day = await service(false).getToday();
    expect(day.voice).toBeNull();
    expect(http.count.DescribeTelCdr).toBeUndefined();
  });

  it('on: reads only the day, in pages of 100 up to TotalCount, and keeps only the agent’s calls', async () => {
    const day = await service(true).getToday();
    expect(day.problems).toEqual([]);
    expect(http.count.DescribeTelCdr).toBe(3); // 253 records
    const values = Object.fromEntries(day.voice!.kpis.map((k) => [k.id, k.value]));
    expect(values).toEqual({
      callsHandled: 2,
      callsAnsweredIn: 1,
      callsOutbound: 1,
      outboundConnectedRate: 1,
      talkTime: 120 + 45,
      avgHandleTime: 103, // (165 s talk + 2 x 20 s wrap-up) / 2 = 102.5
      avgTimeToAnswer: 0, // answered as it rang
      ringsNotAnswered: 1,
      transfersIn: 0,
      transfersOut: 0,
    });
    expect(day.voice!.calls.map((c) => [c.direction, c.outcome])).toEqual([
      ['in', 'completed'],
      ['in', 'missed'],
      ['out', 'completed'],
    ]);
    // Only the day so far, page after page.
    const nowS = Math.floor(clock.now() / 1000);
    expect(http.telCdr).toEqual(
      [0, 1, 2].map((PageNumber) => ({
        SdkAppId: sim.sdkAppId,
        StartTimeStamp: from,
        EndTimeStamp: nowS,
        PageSize: 100,
        PageNumber,
      })),
    );
  });

  it('caches a past day: the second look costs no request at all', async () => {
    clock.advance(24 * 3600 * S); // the next day: DAY is now final
    expect(dayKeyAt(clock.now(), 480)).not.toBe(DAY);
    const first = await service(true).getDay(DAY);
    expect(first.ok && first.value.final).toBe(true);
    const before = { ...http.count };
    const again = await service(true).getDay(DAY);
    expect(again.ok && again.value).toMatchObject({ fromCache: true, requests: 0 });
    expect(http.count).toEqual(before);
    expect(again.ok && again.value.voice!.calls).toEqual(first.ok && first.value.voice!.calls);
    const file = await readFile(join(dataDir, 'stats-cache.json'), 'utf8');
    expect(file).toContain('"voice":[');
  });

  it('with voice on a past day is final only 2 hours after it ended (records arrive late)', async () => {
    const { to } = dayBounds(DAY, 480);
    clock.advance((to + 1) * S + 3600 * S - clock.now()); // 01:00 the next day
    const early = await service(true).getDay(DAY);
    expect(early.ok && early.value.final).toBe(false);
    // Without voice the desk's 15 minutes apply.
    const desk = await service(false).getDay(DAY);
    expect(desk.ok && desk.value.final).toBe(true);
    clock.advance(3600 * S + S); // 02:00
    const late = await service(true).getDay(DAY);
    expect(late.ok && late.value.final).toBe(true);
  });

  it('a day cached with voice off is fetched again once voice is on', async () => {
    clock.advance(24 * 3600 * S);
    const off = await service(false).getDay(DAY);
    expect(off.ok && off.value.final).toBe(true);
    expect(http.count.DescribeTelCdr).toBeUndefined();
    const on = await service(true).getDay(DAY);
    expect(on.ok && on.value).toMatchObject({ fromCache: false, voice: expect.anything() });
    expect(http.count.DescribeTelCdr).toBe(3);
  });

  it('never writes a customer number to the log or the cache, and masks it once seen', async () => {
    clock.advance(24 * 3600 * S);
    const r = await service(true).getDay(DAY);
    expect(r.ok).toBe(true);
    const records = must(await sim.control.callRecords(agent));
    const numbers = records.map((c) => (c.Direction === 0 ? c.Caller : c.Callee) as string);
    expect(numbers).toHaveLength(3);
    const cache = await readFile(join(dataDir, 'stats-cache.json'), 'utf8');
    for (const n of numbers) {
      expect(mem.lines.join('\n')).not.toContain(n);
      expect(cache).not.toContain(n);
    }
    // Registered with the redactor: a line that quotes one is masked.
    logger.log('warn', `customer ${numbers[0]} called back`);
    expect(mem.lines.at(-1)).not.toContain(numbers[0]);
    expect(mem.lines.at(-1)).toContain('[redacted]');
  });

  it('a failed read is a voice problem; the rest of the day still loads', async () => {
    must(
      await sim.control.injectFault({
        kind: 'apiError',
        code: 'UnauthorizedOperation',
        action: 'DescribeTelCdr',
      }),
    );
    const day = await service(true).getToday();
    expect(day.voice).toBeNull();
    expect(day.statusTime).not.toBeNull();
    expect(day.problems).toEqual([
      {
        part: 'voice',
        error: expect.objectContaining({ message: expect.stringContaining('ccc:DescribeTelCdr') }),
      },
    ]);
  });
});
