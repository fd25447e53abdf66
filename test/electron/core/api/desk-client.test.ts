import { createServer } from 'node:net';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDeskClient,
  type DeskClientOptions,
} from '../../../../electron/core/api/desk-client';
import { DESK_RETRYABLE_CODES } from '../../../../electron/core/api/desk-errors';
import {
  decodeUserSig,
  genUserSig,
  keyUserSigProvider,
  pastedUserSigProvider,
} from '../../../../electron/core/api/usersig';
import { createDeskHandler, type DeskHandler } from '../../../../electron/simulator/desk-handler';
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
import type { SimImSession } from '../../../../electron/simulator/world-types';

const NOW_MS = (DAY_FROM + 2 * 86_400 + 3600) * 1000; // 2025-01-15 01:00 UTC+8
const clock = { now: () => NOW_MS };
const DAY = '2025-01-13';

const servers: DeskTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(sessions: SimImSession[], over: Partial<DeskClientOptions> = {}) {
  const handler: DeskHandler = createDeskHandler({
    world: fakeWorld(sessions),
    imSdkAppId: IM_APP,
    adminIdentifier: ADMIN,
    imKey: IM_KEY,
    clock,
  });
  const server = await startDeskServer(handler);
  servers.push(server);
  const sleeps: number[] = [];
  const client = createDeskClient({
    endpoint: { baseUrl: server.baseUrl },
    imSdkAppId: IM_APP,
    adminIdentifier: ADMIN,
    agentId: AGENT,
    userSig: keyUserSigProvider({ sdkAppId: IM_APP, identifier: ADMIN, key: () => IM_KEY, clock }),
    clock,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...over,
  });
  return { handler, server, client, sleeps };
}

const daySessions = (n: number, day = 0): SimImSession[] =>
  Array.from({ length: n }, (_, i) =>
    session(day * 10_000 + i, i % 3 === 0 ? OTHER : AGENT, day * 86_400 + 60 + i * 20),
  );

describe('describe_agent_statistics', () => {
  it('sends one whole-day request with the agent, and returns its row', async () => {
    const { client, server } = await setup(daySessions(30));
    const r = await client.describeAgentStatistics({ fromDay: DAY, toDay: DAY });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(1);
    expect(r.value[0]).toMatchObject({ day: DAY, from: DAY_FROM, to: DAY_FROM + 86_399, pages: 1 });
    expect(r.value[0]?.row?.TotalSessionCnt).toBe(20);
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.command).toBe('describe_agent_statistics');
    expect(req.body).toEqual({
      From: DAY_FROM,
      To: DAY_FROM + 86_399,
      AgentIds: [AGENT],
      Limit: 100,
      Offset: 0,
    });
    expect(req.query.get('contenttype')).toBe('json');
    expect(req.query.get('identifier')).toBe(ADMIN);
    expect(req.query.get('sdkappid')).toBe(String(IM_APP));
    const sig = decodeUserSig(req.query.get('usersig') ?? '');
    expect(sig.ok && sig.value.identifier).toBe(ADMIN);
  });

  it('makes one request per day of a range, oldest first', async () => {
    const { client, server } = await setup([...daySessions(5, 0), ...daySessions(7, 1)]);
    const r = await client.describeAgentStatistics({ fromDay: '2025-01-13', toDay: '2025-01-15' });
    expect(r.ok && r.value.map((d) => [d.day, d.row?.TotalSessionCnt ?? 0])).toEqual([
      ['2025-01-13', 3],
      ['2025-01-14', 4],
      ['2025-01-15', 0],
    ]);
    expect(server.requests.map((q) => (q.body as { From: number }).From)).toEqual([
      DAY_FROM,
      DAY_FROM + 86_400,
      DAY_FROM + 2 * 86_400,
    ]);
  });

  it('uses the account time zone setting for the day boundaries', async () => {
    const handler = createDeskHandler({
      world: fakeWorld([]),
      imSdkAppId: IM_APP,
      adminIdentifier: ADMIN,
      imKey: IM_KEY,
      clock,
      tzOffsetMinutes: -300,
    });
    const server = await startDeskServer(handler);
    servers.push(server);
    const client = createDeskClient({
      endpoint: { baseUrl: `${server.baseUrl}/v4/desk_http_svc` },
      imSdkAppId: IM_APP,
      adminIdentifier: ADMIN,
      agentId: AGENT,
      tzOffsetMinutes: -300,
      userSig: keyUserSigProvider({
        sdkAppId: IM_APP,
        identifier: ADMIN,
        key: () => IM_KEY,
        clock,
      }),
    });
    const r = await client.describeAgentStatistics({ fromDay: DAY, toDay: DAY });
    expect(r.ok && r.value[0]?.from).toBe(Date.UTC(2025, 0, 13, 5) / 1000);
    expect(r.ok && r.value[0]?.row).toBeNull();
  });

  it('rejects bad ranges before sending anything', async () => {
    const { client, server } = await setup([]);
    for (const range of [
      { fromDay: '2025-01-14', toDay: '2025-01-13' },
      { fromDay: '13/01/2025', toDay: '2025-01-13' },
      { fromDay: '2024-01-01', toDay: '2025-01-13' },
    ]) {
      const r = await client.describeAgentStatistics(range);
      expect(!r.ok && r.error.kind).toBe('bad_input');
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('describe_im_cdr_list', () => {
  it("pages with Limit 100 past 100 records and keeps only the agent's own", async () => {
    const sessions = daySessions(250);
    const { client, server } = await setup(sessions);
    const r = await client.describeImCdrList(DAY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const own = sessions.filter((s) => s.agentId === AGENT);
    expect(r.value.records).toHaveLength(own.length);
    expect(r.value.records.every((c) => c.AgentId === AGENT)).toBe(true);
    expect(r.value.totalCount).toBe(250);
    expect(r.value.pages).toBe(3);
    expect(server.requests.map((q) => q.body)).toEqual(
      [0, 100, 200].map((Offset) => ({
        StartTimestamp: DAY_FROM,
        EndTimestamp: DAY_FROM + 86_399,
        Limit: 100,
        Offset,
      })),
    );
    // A fresh `random` for every request, a 32-bit unsigned integer.
    const randoms = server.requests.map((q) => Number(q.query.get('random')));
    expect(randoms.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff)).toBe(true);
  });

  it('makes one request for an empty day and returns no records (not an error)', async () => {
    const { client, server } = await setup([]);
    const r = await client.describeImCdrList(DAY);
    expect(r.ok && r.value).toMatchObject({ records: [], totalCount: 0, pages: 1 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('errors and retries', () => {
  it.each(DESK_RETRYABLE_CODES.map((c) => [c]))(
    'retries %i with backoff, then succeeds',
    async (code) => {
      const { client, handler, server, sleeps } = await setup(daySessions(3));
      handler.faults.inject({ kind: 'error', code });
      const r = await client.describeImCdrList(DAY);
      expect(r.ok).toBe(true);
      expect(server.requests).toHaveLength(2);
      expect(sleeps).toEqual([250]); // full jitter: 0.5 * 500 ms
    },
  );

  it('gives up after the attempts are used, with the mapped error', async () => {
    const { client, handler, server, sleeps } = await setup([]);
    handler.faults.inject({ kind: 'error', code: 141009, times: 10 });
    const r = await client.describeAgentStatistics({ fromDay: DAY, toDay: DAY });
    expect(!r.ok && r.error).toMatchObject({
      source: 'desk',
      code: '141009',
      kind: 'rate_limit',
      retryable: true,
    });
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it.each([
    [70001, 'usersig', /expired/i],
    [70003, 'usersig', /malformed/i],
    [70009, 'usersig', /different key|IM key/i],
    [70013, 'usersig', /administrator identifier/i],
    [70014, 'usersig', /SDKAppID/],
    [70016, 'config', /data centre/],
    [70020, 'config', /data centre/],
    [70050, 'usersig', /minute/],
    [141000, 'config', /not a desk/],
    [141004, 'invalid_parameter', /parameters/],
    [60010, 'permission', /administrator/],
  ] as const)('never retries %i and says what to fix', async (code, kind, message) => {
    const { client, handler, server, sleeps } = await setup([]);
    handler.faults.inject({ kind: 'error', code, times: 3 });
    const r = await client.describeImCdrList(DAY);
    expect(!r.ok && r.error).toMatchObject({
      source: 'desk',
      code: String(code),
      kind,
      retryable: false,
      httpStatus: 200,
    });
    expect(!r.ok && r.error.message).toMatch(message);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('maps the real service checks too: a UserSig for the wrong key is 70009', async () => {
    const { client, server } = await setup([], {
      userSig: keyUserSigProvider({
        sdkAppId: IM_APP,
        identifier: ADMIN,
        key: () => 'not-the-key',
        clock,
      }),
    });
    const r = await client.describeAgentStatistics({ fromDay: DAY, toDay: DAY });
    expect(!r.ok && r.error.code).toBe('70009');
    expect(server.requests).toHaveLength(1);
  });

  it('a malformed body (like the seed pages) is a clear error, not an empty day, and not retried', async () => {
    for (const command of ['describe_agent_statistics', 'describe_im_cdr_list'] as const) {
      const { client, handler, server } = await setup(daySessions(4));
      handler.faults.inject({ kind: 'malformed', command });
      const r =
        command === 'describe_im_cdr_list'
          ? await client.describeImCdrList(DAY)
          : await client.describeAgentStatistics({ fromDay: DAY, toDay: DAY });
      expect(!r.ok && r.error).toMatchObject({
        source: 'desk',
        kind: 'bad_response',
        retryable: false,
      });
      expect(!r.ok && r.error.message).toMatch(/not valid JSON/);
      expect(server.requests).toHaveLength(1);
    }
  });

  it('retries HTTP 5xx and reports a non-envelope 4xx as a configuration problem', async () => {
    const { client, handler, server } = await setup([]);
    handler.faults.inject({ kind: 'http', status: 503 });
    expect((await client.describeImCdrList(DAY)).ok).toBe(true);
    expect(server.requests).toHaveLength(2);
    handler.faults.inject({ kind: 'http', status: 404 });
    const r = await client.describeImCdrList(DAY);
    expect(!r.ok && r.error).toMatchObject({ code: 'http_404', retryable: false });
  });

  it('retries network faults, then reports them', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const sleeps: number[] = [];
    const client = createDeskClient({
      endpoint: { baseUrl: `http://127.0.0.1:${port}` },
      imSdkAppId: IM_APP,
      adminIdentifier: ADMIN,
      agentId: AGENT,
      userSig: keyUserSigProvider({
        sdkAppId: IM_APP,
        identifier: ADMIN,
        key: () => IM_KEY,
        clock,
      }),
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0,
    });
    const r = await client.describeImCdrList(DAY);
    expect(!r.ok && r.error).toMatchObject({
      source: 'desk',
      kind: 'network',
      retryable: true,
      code: 'ECONNREFUSED',
    });
    expect(!r.ok && r.error.message).not.toMatch(/usersig/i);
    expect(sleeps).toHaveLength(2);
    await client.close();
  });

  it('an expired pasted UserSig stops the call before it is sent', async () => {
    const { client, server } = await setup([], {
      userSig: pastedUserSigProvider(
        genUserSig({
          sdkAppId: IM_APP,
          key: IM_KEY,
          identifier: ADMIN,
          lifetimeSeconds: 3600,
          nowSeconds: NOW_MS / 1000 - 7200,
        }),
        { clock },
      ),
    });
    const r = await client.describeImCdrList(DAY);
    expect(!r.ok && r.error).toMatchObject({ kind: 'usersig', code: 'usersig_expired' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('data centre', () => {
  it("calls the data centre's domain over https with the documented query", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const seen: string[] = [];
    agent
      .get('https://adminapisgp.im.qcloud.com')
      .intercept({
        path: (p) => (seen.push(p), p.startsWith('/v4/desk_http_svc/describe_im_cdr_list?')),
        method: 'POST',
      })
      .reply(200, {
        ActionStatus: 'OK',
        ErrorCode: 0,
        ErrorInfo: '',
        TotalCount: 0,
        IMCdrList: [],
      });
    const client = createDeskClient({
      endpoint: { dataCentre: 'singapore' },
      imSdkAppId: IM_APP,
      adminIdentifier: ADMIN,
      agentId: AGENT,
      userSig: keyUserSigProvider({
        sdkAppId: IM_APP,
        identifier: ADMIN,
        key: () => IM_KEY,
        clock,
      }),
      dispatcher: agent,
    });
    const r = await client.describeImCdrList(DAY);
    expect(r.ok).toBe(true);
    const q = new URL(seen[0] ?? '', 'https://x').searchParams;
    // (MockAgent sorts the query.)
    expect([...q.keys()].sort()).toEqual([
      'contenttype',
      'identifier',
      'random',
      'sdkappid',
      'usersig',
    ]);
    expect(q.get('contenttype')).toBe('json');
    await agent.close();
  });

  it('treats HTTP 200 with ActionStatus FAIL as an error, and a FAIL without a code as a bad answer', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get('https://console.tim.qq.com');
    pool
      .intercept({ path: () => true, method: 'POST' })
      .reply(200, { ActionStatus: 'FAIL', ErrorCode: 70016, ErrorInfo: 'key not found' });
    pool.intercept({ path: () => true, method: 'POST' }).reply(200, { ActionStatus: 'FAIL' });
    pool
      .intercept({ path: () => true, method: 'POST' })
      .reply(200, { ActionStatus: 'OK', ErrorCode: 0, TotalCount: 3 });
    const client = createDeskClient({
      endpoint: { dataCentre: 'china' },
      imSdkAppId: IM_APP,
      adminIdentifier: ADMIN,
      agentId: AGENT,
      userSig: keyUserSigProvider({
        sdkAppId: IM_APP,
        identifier: ADMIN,
        key: () => IM_KEY,
        clock,
      }),
      dispatcher: agent,
    });
    const a = await client.describeImCdrList(DAY);
    expect(!a.ok && a.error.code).toBe('70016');
    expect(!a.ok && a.error.message).toContain('key not found');
    const b = await client.describeImCdrList(DAY);
    expect(!b.ok && b.error.kind).toBe('bad_response');
    // TotalCount 3 but no records: an error, never a silently empty day.
    const c = await client.describeImCdrList(DAY);
    expect(!c.ok && c.error.kind).toBe('bad_response');
    await agent.close();
  });
});
