import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCccClient } from '../../../electron/core/api/ccc-client';
import { createDeskClient, type DeskClient } from '../../../electron/core/api/desk-client';
import { createHttpPool, type HttpPool } from '../../../electron/core/api/http-pool';
import { keyUserSigProvider } from '../../../electron/core/api/usersig';
import { dayBounds } from '../../../shared/day-key';
import { createStatsService } from '../../../electron/core/stats/stats-service';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/index';

/**
 * The desk side end to end: the real simulator (world, HTTP server, CCC and desk handlers), the
 * real CCC and desk clients and the stats service, over a simulated week driven by a fake clock.
 */

// Start 2025-01-13 00:01 UTC+8; read the week on 2025-01-19 at 15:00.
const START_MS = (1736697600 + 60) * 1000;
const READ_MS = (1736697600 + 6 * 86_400 + 15 * 3600) * 1000;
let now = START_MS;
const clock = { now: () => now };

let sim: RunningSimulator;
let desk: DeskClient;
let agent: string;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ clock, seed: 7, staffCount: 6, rateLimitPerSecond: 1000 });
  now = READ_MS;
  agent = sim.staff[1]!;
  desk = createDeskClient({
    endpoint: { baseUrl: sim.desk.baseUrl },
    imSdkAppId: sim.desk.imSdkAppId,
    adminIdentifier: sim.desk.adminIdentifier,
    agentId: agent,
    clock,
    userSig: keyUserSigProvider({
      sdkAppId: sim.desk.imSdkAppId,
      identifier: sim.desk.adminIdentifier,
      key: () => sim.desk.imKey,
      clock,
    }),
  });
  dir = await mkdtemp(join(tmpdir(), 'desk-sim-'));
});

afterAll(async () => {
  await desk.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

describe('desk side against the simulator', () => {
  it('statistics and session records agree for every day of the week', async () => {
    const stats = await desk.describeAgentStatistics({
      fromDay: '2025-01-13',
      toDay: '2025-01-19',
    });
    expect(stats.ok).toBe(true);
    if (!stats.ok) return;
    let total = 0;
    for (const day of stats.value) {
      const cdr = await desk.describeImCdrList(day.day);
      expect(cdr.ok).toBe(true);
      if (!cdr.ok || !day.row) continue;
      const mine = cdr.value.records;
      total += mine.length;
      expect(day.row.TotalSessionCnt).toBe(mine.length);
      expect(day.row.TotalAcceptTime).toBe(mine.reduce((n, c) => n + c.Duration, 0));
      expect(day.row.AgentEndCnt).toBe(
        mine.filter((c) => c.EndStatus === 'AgentEndedSession').length,
      );
      expect(day.row.SatisfactionSelectedCnt).toBe(
        mine.filter((c) => c.SatisfactionSelected > 0).length,
      );
      expect(day.row.SatisfiedCnt).toBe(mine.filter((c) => c.SatisfactionSelected >= 4).length);
      expect(day.row.ServeUserCnt).toBe(new Set(mine.map((c) => c.ClientUserId)).size);
      const { from, to } = dayBounds(day.day, 480);
      expect(mine.every((c) => c.Timestamp >= from && c.Timestamp <= to)).toBe(true);
    }
    expect(total).toBeGreaterThan(20);
  });

  it('pages the whole day of every agent past 100 records', async () => {
    const cdr = await desk.describeImCdrList('2025-01-14');
    expect(cdr.ok).toBe(true);
    if (!cdr.ok) return;
    const all = sim.world.imSessions().filter((s) => {
      const { from, to } = dayBounds('2025-01-14', 480);
      return s.startMs >= from * 1000 && s.startMs <= to * 1000 + 999;
    });
    expect(all.length).toBeGreaterThan(100);
    expect(cdr.value.totalCount).toBe(all.length);
    expect(cdr.value.pages).toBe(Math.max(1, Math.ceil(all.length / 100)));
    expect(cdr.value.records.length).toBe(all.filter((s) => s.agentId === agent).length);
  });

  it('builds the week through the stats service; the second open costs only today', async () => {
    // Both clients share one pool that counts the HTTP requests really sent.
    const inner = createHttpPool();
    let sent = 0;
    const http: HttpPool = { post: (r) => (sent++, inner.post(r)), close: () => inner.close() };
    const ccc = createCccClient({
      endpoint: { baseUrl: sim.url },
      sdkAppId: sim.sdkAppId,
      credentials: async () => sim.credentials,
      clock,
      http,
    });
    const deskCounted = createDeskClient({
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
    try {
      const make = () =>
        createStatsService({
          ccc,
          desk: deskCounted,
          clock,
          dataDir: dir,
          agentId: agent,
          scope: 'sim',
        });
      const cold = await make().getWeek();
      expect(cold.ok).toBe(true);
      if (!cold.ok) return;
      expect(cold.value.problems).toEqual([]);
      expect(cold.value.requests).toBe(sent);
      const coldSent = sent;
      expect(cold.value.dayStats.every((d) => d.statusTime && d.kpis && d.sessions)).toBe(true);
      expect(cold.value.kpis.sessionsTotal).toEqual(cold.value.sessionRecords);
      const warm = await make().getWeek();
      expect(warm.ok && warm.value.requests).toBe(sent - coldSent);
      expect(warm.ok && warm.value.requests).toBe(cold.value.dayStats[6]!.requests);
      expect(warm.ok && warm.value.kpis.sessionsTotal.slice(0, 6)).toEqual(
        cold.value.kpis.sessionsTotal.slice(0, 6),
      );
      expect(warm.ok && warm.value.dayStats.filter((d) => d.fromCache)).toHaveLength(6);
    } finally {
      await ccc.close();
      await http.close();
    }
  });

  it('faults injected through the simulator control reach the client', async () => {
    expect((await sim.control.injectDeskFault({ kind: 'error', code: 70001 })).ok).toBe(true);
    const expired = await desk.describeImCdrList('2025-01-14');
    expect(!expired.ok && expired.error).toMatchObject({
      code: '70001',
      kind: 'usersig',
      retryable: false,
    });
    expect((await sim.control.injectDeskFault({ kind: 'malformed' })).ok).toBe(true);
    const malformed = await desk.describeAgentStatistics({
      fromDay: '2025-01-14',
      toDay: '2025-01-14',
    });
    expect(!malformed.ok && malformed.error.kind).toBe('bad_response');
    expect((await sim.control.injectDeskFault({ kind: 'error', code: 'x' })).ok).toBe(false);
    expect((await desk.describeImCdrList('2025-01-14')).ok).toBe(true);
  });
});
