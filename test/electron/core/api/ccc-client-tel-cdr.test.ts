// The CCC client's DescribeTelCdr against the simulator over real loopback sockets: paging,
// retries and errors as values; and against a local server that sends odd pages.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCccClient } from '../../../../electron/core/api/ccc-client';
import type { CccClient } from '../../../../electron/core/api/ccc-types';
import { startSimulator, type RunningSimulator } from '../../../../electron/simulator/index';
import { FakeClock } from '../../../helpers/fake-clock';
import { MORNING, must } from '../../simulator/sim-client';

const S = 1000;

describe('CccClient.describeTelCdr', () => {
  let sim: RunningSimulator | null = null;
  let server: Server | null = null;
  let client: CccClient | null = null;
  afterEach(async () => {
    await client?.close();
    await sim?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    sim = null;
    server = null;
    client = null;
  });

  let slept: number[] = [];
  const clientFor = (baseUrl: string, clock: FakeClock, credentials = sim!.credentials) =>
    createCccClient({
      endpoint: { baseUrl },
      sdkAppId: sim?.sdkAppId ?? 1400800001,
      credentials: async () => credentials,
      clock,
      sleep: async (ms) => {
        slept.push(ms);
      },
      random: () => 0,
    });

  it('reads every record of a range in pages of 100 until TotalCount', async () => {
    const clock = new FakeClock(MORNING);
    sim = await startSimulator({ clock, autopilot: false, rateLimitPerSecond: 10_000 });
    must(await sim.control.setCdrDelay({ minSeconds: 0, maxSeconds: 0 }));
    const agent = sim.staff[1]!;
    const start = Math.floor(clock.now() / 1000);
    for (let i = 0; i < 230; i++) {
      must(await sim.control.startCall(agent, { type: 'tel', direct: i % 3 ? 'in' : 'out' }));
      clock.advance(20 * S);
      must(await sim.control.endCall(agent));
      must(await sim.control.finishWrapUp(agent));
    }
    client = clientFor(sim.url, clock);
    slept = [];
    const r = await client.describeTelCdr(
      { startTimestamp: start, endTimestamp: Math.floor(clock.now() / 1000) },
      { pageIntervalMs: 50 },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.value).toMatchObject({ totalCount: 230, pages: 3, skipped: 0 });
    expect(slept).toEqual([50, 50]); // paced: before page 1 and page 2, not before page 0
    const recs = r.value.value.records;
    expect(new Set(recs.map((x) => x.sessionId)).size).toBe(230);
    expect(recs.filter((x) => x.direction === 'out')).toHaveLength(77);
    expect(recs[0]!.participants[0]).toMatchObject({ mail: agent, acceptAt: start });
    expect(r.value.requestId).toBeTruthy();
  });

  it('names the missing CAM action, and sends nothing for a range of 90 days or more', async () => {
    const clock = new FakeClock(MORNING);
    sim = await startSimulator({ clock, autopilot: false });
    must(
      await sim.control.injectFault({
        kind: 'apiError',
        code: 'UnauthorizedOperation',
        action: 'DescribeTelCdr',
      }),
    );
    client = clientFor(sim.url, clock);
    const now = Math.floor(clock.now() / 1000);
    const denied = await client.describeTelCdr({ startTimestamp: now - 60, endTimestamp: now });
    expect(denied).toMatchObject({
      ok: false,
      error: { kind: 'permission', message: expect.stringContaining('ccc:DescribeTelCdr') },
    });
    const long = await client.describeTelCdr({
      startTimestamp: now - 90 * 86_400,
      endTimestamp: now,
    });
    expect(long).toMatchObject({ ok: false, error: { kind: 'bad_input' } });
  });

  it('retries a rate-limited page and keeps the pages before it', async () => {
    const clock = new FakeClock(MORNING);
    sim = await startSimulator({ clock, autopilot: false, rateLimitPerSecond: 10_000 });
    must(await sim.control.setCdrDelay({ minSeconds: 0, maxSeconds: 0 }));
    const agent = sim.staff[1]!;
    const start = Math.floor(clock.now() / 1000);
    for (let i = 0; i < 150; i++) {
      must(await sim.control.startCall(agent, { type: 'tel', direct: 'in' }));
      clock.advance(10 * S);
      must(await sim.control.endCall(agent));
      must(await sim.control.finishWrapUp(agent));
    }
    client = clientFor(sim.url, clock);
    // The first page answers, the second is refused once by the shared limit.
    must(
      await sim.control.injectFault({ kind: 'latency', ms: 0, action: 'DescribeTelCdr', times: 1 }),
    );
    must(
      await sim.control.injectFault({ kind: 'rateLimitStorm', action: 'DescribeTelCdr', times: 1 }),
    );
    const r = await client.describeTelCdr({
      startTimestamp: start,
      endTimestamp: Math.floor(clock.now() / 1000),
    });
    expect(r.ok && r.value.value.records.length).toBe(150);
    expect(must(await sim.control.state()).faults).toEqual([]); // both faults were met
  });

  it('an odd record does not fail its page; a page without the envelope is a bad_response', async () => {
    let mode: 'odd' | 'broken' = 'odd';
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const body =
          mode === 'odd'
            ? {
                Response: {
                  TotalCount: 3,
                  TelCdrList: [
                    { SessionId: 'a', Time: 1, Direction: 0 },
                    { SessionId: 'b', Time: 'noon' },
                    { SessionId: 'c', Time: 3, Direction: 1, ServeParticipants: 'x' },
                  ],
                  RequestId: 'req-1',
                },
              }
            : { Response: { TotalCount: 1, TelCdrList: 'nope', RequestId: 'req-2' } };
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = clientFor(base, new FakeClock(MORNING), {
      secretId: 'AKIDtest',
      secretKey: 'k'.repeat(32),
    });
    const odd = await client.describeTelCdr({ startTimestamp: 0, endTimestamp: 10 });
    expect(odd.ok && odd.value.value).toMatchObject({ skipped: 2, totalCount: 3, pages: 1 });
    expect(odd.ok && odd.value.value.records.map((r) => r.sessionId)).toEqual(['a']);
    mode = 'broken';
    const broken = await client.describeTelCdr({ startTimestamp: 0, endTimestamp: 10 });
    expect(broken).toMatchObject({
      ok: false,
      error: { kind: 'bad_response', requestId: 'req-2' },
    });
  });
});
