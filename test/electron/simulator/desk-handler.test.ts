import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { genUserSig, userSigHmac } from '../../../electron/core/api/usersig';
import { createDeskHandler } from '../../../electron/simulator/desk-handler';
import { ADMIN, AGENT, DAY_FROM, IM_APP, IM_KEY, OTHER, fakeWorld, session } from './desk-fixtures';

const NOW = DAY_FROM + 86_400 + 3600; // the next day, 01:00 UTC+8
const clock = { now: () => NOW * 1000 };

const sig = (
  over: Partial<{ key: string; id: string; app: number; t: number; life: number }> = {},
) =>
  genUserSig({
    key: over.key ?? IM_KEY,
    identifier: over.id ?? ADMIN,
    sdkAppId: over.app ?? IM_APP,
    nowSeconds: over.t ?? NOW - 100,
    lifetimeSeconds: over.life ?? 86_400,
  });

const query = (over: Record<string, string | null> = {}) => {
  const q = new URLSearchParams({
    sdkappid: String(IM_APP),
    identifier: ADMIN,
    usersig: sig(),
    random: '12345',
    contenttype: 'json',
  });
  for (const [k, v] of Object.entries(over)) {
    if (v === null) q.delete(k);
    else q.set(k, v);
  }
  return q;
};

const world = fakeWorld(
  [
    session(1, AGENT, 600, {
      endStatus: 'AgentEndedSession',
      satisfaction: 5,
      firstResponseSeconds: 12,
    }),
    session(2, AGENT, 1200, {
      endStatus: 'UserEndedSession',
      satisfaction: 3,
      firstResponseSeconds: 45,
      avgResponseSeconds: 40,
    }),
    session(3, AGENT, 1800, {
      endStatus: 'ManualTransfer',
      satisfaction: 0,
      firstResponseSeconds: null,
      avgResponseSeconds: null,
      agentMsgCount: 0,
      effective: false,
    }),
    session(4, OTHER, 2400),
    session(5, '', 3000),
    session(6, AGENT, 86_400 + 10), // next day
  ],
  {
    [AGENT]: [
      {
        staffUserId: AGENT,
        status: 'free',
        reason: '',
        atMs: (DAY_FROM + 500) * 1000,
        extra: null,
      },
      {
        staffUserId: AGENT,
        status: 'rest',
        reason: 'Lunch',
        atMs: (DAY_FROM + 4100) * 1000,
        extra: null,
      },
      {
        staffUserId: AGENT,
        status: 'offline',
        reason: '',
        atMs: (DAY_FROM + 5000) * 1000,
        extra: null,
      },
    ],
  },
);

const handler = () =>
  createDeskHandler({ world, imSdkAppId: IM_APP, adminIdentifier: ADMIN, imKey: IM_KEY, clock });
const statsBody = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    From: DAY_FROM,
    To: DAY_FROM + 86_399,
    AgentIds: [AGENT],
    Limit: 100,
    Offset: 0,
    ...over,
  });
const cdrBody = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    StartTimestamp: DAY_FROM,
    EndTimestamp: DAY_FROM + 86_399,
    Limit: 100,
    Offset: 0,
    ...over,
  });
const parse = <T = Record<string, unknown>>(body: string) =>
  JSON.parse(body) as T & { ErrorCode: number };

describe('desk handler: account and UserSig checks', () => {
  it.each([
    ['valid', {}, 0],
    ['wrong key', { usersig: sig({ key: 'another-key' }) }, 70009],
    ['expired', { usersig: sig({ t: NOW - 86_401 }) }, 70001],
    ['identifier mismatch', { usersig: sig({ id: 'someone' }) }, 70013],
    ['SDKAppID inside the UserSig differs', { usersig: sig({ app: IM_APP + 1 }) }, 70014],
    ['unknown SDKAppID (wrong data centre)', { sdkappid: String(IM_APP + 1) }, 70020],
    ['not the administrator', { identifier: 'someone', usersig: sig({ id: 'someone' }) }, 60010],
    ['malformed UserSig', { usersig: 'not-a-usersig' }, 70003],
    ['missing UserSig', { usersig: null }, 70003],
    ['missing random', { random: null }, 60002],
    ['random above 32 bits', { random: '4294967296' }, 60002],
    ['contenttype not json', { contenttype: 'xml' }, 60002],
  ] as const)('%s -> %i', async (_name, over, code) => {
    const r = await handler().handle('describe_agent_statistics', query(over), statsBody());
    expect(r.status).toBe(200);
    const b = parse(r.body);
    expect(b.ErrorCode).toBe(code);
    expect(b.ActionStatus).toBe(code === 0 ? 'OK' : 'FAIL');
  });

  it('accepts any key order and compression level (it parses, never compares bytes)', async () => {
    const t = NOW - 50;
    const doc = {
      'TLS.sig': userSigHmac(IM_KEY, ADMIN, IM_APP, t, 3600),
      'TLS.expire': 3600,
      'TLS.identifier': ADMIN,
      'TLS.time': t,
      'TLS.sdkappid': IM_APP,
      'TLS.ver': '2.0',
    };
    for (const level of [1, 9]) {
      const us = deflateSync(Buffer.from(JSON.stringify(doc)), { level })
        .toString('base64')
        .replace(/\+/g, '*')
        .replace(/\//g, '-')
        .replace(/=/g, '_');
      const r = await handler().handle('describe_im_cdr_list', query({ usersig: us }), cdrBody());
      expect(parse(r.body).ErrorCode).toBe(0);
    }
  });
});

describe('desk handler: validation', () => {
  it.each([
    ['From not at midnight', statsBody({ From: DAY_FROM + 1 }), 141004],
    ['To not at 23:59:59', statsBody({ To: DAY_FROM + 86_400 }), 141004],
    ['To before From', statsBody({ From: DAY_FROM + 86_400, To: DAY_FROM - 1 }), 141004],
    ['Limit over 100', statsBody({ Limit: 101 }), 141004],
    ['negative Offset', statsBody({ Offset: -1 }), 141004],
    ['From missing', JSON.stringify({ To: DAY_FROM + 86_399 }), 141004],
    ['body not JSON', '{"From": 1', 60003],
  ])('%s', async (_n, body, code) => {
    const r = await handler().handle('describe_agent_statistics', query(), body);
    expect(parse(r.body).ErrorCode).toBe(code);
  });

  it('accepts a whole multi-day range like the docs example, and an AgentIds string', async () => {
    const r = await handler().handle(
      'describe_agent_statistics',
      query(),
      statsBody({ To: DAY_FROM + 2 * 86_400 - 1, AgentIds: AGENT }),
    );
    const b = parse<{ Data: { TotalSessionCnt: number }[] }>(r.body);
    expect(b.Data[0]?.TotalSessionCnt).toBe(4);
  });

  it('checks alignment in the configured time zone', async () => {
    const utc = createDeskHandler({
      world,
      imSdkAppId: IM_APP,
      adminIdentifier: ADMIN,
      imKey: IM_KEY,
      clock,
      tzOffsetMinutes: 0,
    });
    expect(
      parse((await utc.handle('describe_agent_statistics', query(), statsBody())).body).ErrorCode,
    ).toBe(141004);
    const from = DAY_FROM + 8 * 3600;
    const ok = await utc.handle(
      'describe_agent_statistics',
      query(),
      statsBody({ From: from, To: from + 86_399 }),
    );
    expect(parse(ok.body).ErrorCode).toBe(0);
  });

  it('rejects an unknown command', async () => {
    expect(
      parse((await handler().handle('describe_everything', query(), '{}')).body).ErrorCode,
    ).toBe(60002);
  });
});

describe('desk handler: answers consistent with the world', () => {
  it("aggregates the agent's day like the session records list it", async () => {
    const h = handler();
    const stats = parse<{
      TotalCount: number;
      Data: Record<string, number | string>[];
    }>((await h.handle('describe_agent_statistics', query(), statsBody())).body);
    const cdr = parse<{
      TotalCount: number;
      IMCdrList: Record<string, number | string>[];
    }>((await h.handle('describe_im_cdr_list', query(), cdrBody())).body);
    expect(stats.TotalCount).toBe(1);
    const row = stats.Data[0]!;
    const mine = cdr.IMCdrList.filter((c) => c.AgentId === AGENT);
    expect(cdr.TotalCount).toBe(5); // every session of the day, the other agent's and the chatbot's too
    expect(row.TotalSessionCnt).toBe(mine.length);
    expect(row).toMatchObject({
      AgentId: AGENT,
      TotalSessionCnt: 3,
      EffectiveSessionCnt: 2,
      TransferSessionCnt: 1,
      AgentEndCnt: 1,
      NotRespSessionCnt: 1,
      FirstRespUnder30sCnt: 1,
      AvgFirstRespTime: Math.round((12 + 45) / 2),
      SatisfactionSelectedCnt: 2,
      SatisfiedCnt: 1,
      TotalAcceptTime: mine.reduce((n, c) => n + (c.Duration as number), 0),
      AvgAcceptTime: 120,
      FreeTime: 3600,
      RestTime: 900,
      FirstLoginTimestamp: DAY_FROM + 500,
      LastLogoutTimestamp: DAY_FROM + 5000,
    });
    expect(mine.map((c) => c.EndStatus)).toEqual([
      'AgentEndedSession',
      'UserEndedSession',
      'ManualTransfer',
    ]);
  });

  it('pages with Limit/Offset and keeps TotalCount', async () => {
    const many = fakeWorld(
      Array.from({ length: 250 }, (_, i) => session(i, i % 2 ? AGENT : OTHER, 60 + i * 10)),
    );
    const h = createDeskHandler({
      world: many,
      imSdkAppId: IM_APP,
      adminIdentifier: ADMIN,
      imKey: IM_KEY,
      clock,
    });
    const ids: string[] = [];
    for (const offset of [0, 100, 200]) {
      const b = parse<{
        TotalCount: number;
        IMCdrList: { SessionId: string }[];
      }>((await h.handle('describe_im_cdr_list', query(), cdrBody({ Offset: offset }))).body);
      expect(b.TotalCount).toBe(250);
      ids.push(...b.IMCdrList.map((c) => c.SessionId));
    }
    expect(new Set(ids).size).toBe(250);
    const def = parse<{ IMCdrList: unknown[] }>(
      (
        await h.handle(
          'describe_im_cdr_list',
          query(),
          JSON.stringify({ StartTimestamp: DAY_FROM, EndTimestamp: DAY_FROM + 86_399 }),
        )
      ).body,
    );
    expect(def.IMCdrList).toHaveLength(20); // the documented default Limit
  });

  it('omits sessions that have not ended yet', async () => {
    const early = createDeskHandler({
      world,
      imSdkAppId: IM_APP,
      adminIdentifier: ADMIN,
      imKey: IM_KEY,
      clock: { now: () => (DAY_FROM + 1300) * 1000 },
    });
    const q = query({ usersig: sig({ t: DAY_FROM }) });
    const b = parse<{
      TotalCount: number;
    }>((await early.handle('describe_im_cdr_list', q, cdrBody())).body);
    expect(b.TotalCount).toBe(1);
  });
});

describe('desk handler: faults', () => {
  it('answers an injected error code once, then normally', async () => {
    const h = handler();
    expect(h.faults.inject({ kind: 'error', code: 141009 }).ok).toBe(true);
    expect(parse((await h.handle('describe_im_cdr_list', query(), cdrBody())).body)).toMatchObject({
      ActionStatus: 'FAIL',
      ErrorCode: 141009,
    });
    expect(parse((await h.handle('describe_im_cdr_list', query(), cdrBody())).body).ErrorCode).toBe(
      0,
    );
  });

  it('targets a command, repeats `times`, and clears', async () => {
    const h = handler();
    h.faults.inject({ kind: 'error', code: 70001, command: 'describe_agent_statistics', times: 5 });
    expect(parse((await h.handle('describe_im_cdr_list', query(), cdrBody())).body).ErrorCode).toBe(
      0,
    );
    expect(
      parse((await h.handle('describe_agent_statistics', query(), statsBody())).body).ErrorCode,
    ).toBe(70001);
    expect(
      parse((await h.handle('describe_agent_statistics', query(), statsBody())).body).ErrorCode,
    ).toBe(70001);
    h.faults.clear();
    expect(
      parse((await h.handle('describe_agent_statistics', query(), statsBody())).body).ErrorCode,
    ).toBe(0);
  });

  it('sends a malformed body like the seed pages (missing comma after the nickname)', async () => {
    const h = handler();
    h.faults.inject({ kind: 'malformed', times: 2 });
    const a = await h.handle('describe_agent_statistics', query(), statsBody());
    expect(() => JSON.parse(a.body)).toThrow();
    expect(a.body).toMatch(/"AgentNickName":"agent1""FirstLoginTimestamp"/);
    const c = await h.handle('describe_im_cdr_list', query(), cdrBody());
    expect(() => JSON.parse(c.body)).toThrow();
    expect(c.body).toMatch(/"ClientUserNickName":"User 1""Duration"/);
  });

  it('answers an HTTP error status on demand', async () => {
    const h = handler();
    h.faults.inject({ kind: 'http', status: 503 });
    expect((await h.handle('describe_im_cdr_list', query(), cdrBody())).status).toBe(503);
  });

  it('rejects invalid fault input as a value, without throwing', () => {
    const h = handler();
    for (const bad of [
      null,
      {},
      { kind: 'error' },
      { kind: 'error', code: 'x' },
      { kind: 'http', status: 200 },
      { kind: 'nope' },
    ]) {
      const r = h.faults.inject(bad);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(/invalid desk fault/);
    }
  });
});
