import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCccClient } from '../../electron/core/api/ccc-client';
import type { CccClient } from '../../electron/core/api/ccc-types';
import { createDeskClient, type DeskClient } from '../../electron/core/api/desk-client';
import { keyUserSigProvider } from '../../electron/core/api/usersig';
import { appErrorSchema } from '../../shared/snapshot';
import { AGENT, clientCalls, DAY, type Call } from './client-calls';
import type { Result } from '../../shared/result';
import { FakeClock } from '../helpers/fake-clock';
import {
  describe as describeValue,
  mutationsOf,
  POLLUTERS,
  prototypeFingerprint,
  assertNoPollution,
} from './hostile-values';

/**
 * Issue 6 section 3: the response handling of both API clients fed hostile bodies, through undici
 * MockAgent (and a loopback server for bodies cut off on the wire): valid envelopes of every call
 * cut at every byte, valid envelopes mutated by fast-check (a field replaced by any JSON value,
 * dropped, a key added, own `__proto__` keys), random JSON, random bytes, edge-case JSON texts
 * (1e400, duplicate keys, BOM, NUL, escaped lone surrogates, 100,000-deep nesting, bodies over
 * the 4 MiB cap), random HTTP statuses and Date headers. Every call resolves to a Result: ok with
 * a value of the documented app type, or an AppError of the shared schema (a cut or unreadable
 * 200 body is always `bad_response`). Never a throw, a hang, or a polluted prototype.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261121;
const NOW = Date.UTC(2026, 10, 19, 3, 0, 0);

// ---- what a reply is now (the interceptor answers every request with it) ---------------------

interface Reply {
  status: number;
  body: string | Buffer;
  headers?: Record<string, string>;
}
let current: Reply = { status: 200, body: '{}' };
let requests = 0;

const agent = new MockAgent();
agent.disableNetConnect();
for (const origin of ['https://ccc.tencentcloudapi.com', 'https://console.tim.qq.com']) {
  agent
    .get(origin)
    .intercept({ path: () => true, method: 'POST' })
    .reply(() => {
      requests += 1;
      return {
        statusCode: current.status,
        data: current.body,
        responseOptions: { headers: current.headers ?? {} },
      };
    })
    .persist();
}

const clock = new FakeClock(NOW);
const ccc: CccClient = createCccClient({
  endpoint: 'mainland',
  sdkAppId: 1400800001,
  credentials: async () => ({
    secretId: 'AKIDparserfuzz0001',
    secretKey: 'parser-fuzz-secret-key',
  }),
  clock,
  timers: clock,
  random: () => 0.5,
  dispatcher: agent,
  historyPageSize: 2,
});
const desk: DeskClient = createDeskClient({
  endpoint: { dataCentre: 'china' },
  imSdkAppId: 1600012345,
  adminIdentifier: 'administrator',
  agentId: AGENT,
  userSig: keyUserSigProvider({
    sdkAppId: 1600012345,
    identifier: 'administrator',
    key: () => 'k'.repeat(64),
    clock,
  }),
  clock,
  timers: clock,
  random: () => 0.5,
  dispatcher: agent,
  pageSize: 2,
  maxPages: 5,
});

const CALLS = clientCalls(ccc, desk);

// ---- checks -------------------------------------------------------------------------------------

const counts = new Map<string, number>();
let fingerprint = '';

/** Runs a call with `reply` as every answer; throws a short Error if the outcome is not typed. */
async function check(call: Call, reply: Reply, expectKind?: string): Promise<void> {
  current = reply;
  clock.advance(1_000); // a fresh signing time; no timer of the clients may be left pending
  let r: Result<unknown>;
  try {
    r = await call.run();
  } catch (e) {
    throw new Error(`${call.name} threw ${e instanceof Error ? e.name : typeof e}`);
  }
  assertNoPollution(fingerprint);
  counts.set(call.name, (counts.get(call.name) ?? 0) + 1);
  if (r === null || typeof r !== 'object' || typeof r.ok !== 'boolean')
    throw new Error(`${call.name}: not a Result`);
  if (r.ok) {
    const v = call.value.safeParse(r.value);
    if (!v.success)
      throw new Error(
        `${call.name}: ok value not of the app type: ${v.error.message.slice(0, 300)}`,
      );
    if (expectKind) throw new Error(`${call.name}: expected a ${expectKind} error, got ok`);
  } else {
    const e = appErrorSchema.safeParse(r.error);
    if (!e.success)
      throw new Error(`${call.name}: error not an AppError: ${e.error.message.slice(0, 300)}`);
    if (e.data.message.trim() === '' || e.data.code.trim() === '')
      throw new Error(`${call.name}: empty code or message`);
    if (expectKind && e.data.kind !== expectKind) {
      throw new Error(
        `${call.name}: expected ${expectKind}, got ${e.data.kind} (${e.data.code}: ${e.data.message.slice(0, 200)})`,
      );
    }
  }
  if (clock.pendingTimers() !== 0)
    throw new Error(`${call.name}: left ${clock.pendingTimers()} timer(s)`);
}

async function fuzz(name: string, arb: fc.Arbitrary<[Call, Reply]>, runs: number): Promise<void> {
  const result = await fc.check(
    fc.asyncProperty(arb, ([call, reply]) => check(call, reply)),
    { numRuns: runs, seed: SEED, endOnFailure: true },
  );
  if (result.failed) {
    const [call, reply] = result.counterexample?.[0] ?? [];
    const body = reply
      ? describeValue(
          typeof reply.body === 'string'
            ? reply.body
            : `bytes ${reply.body.toString('hex').slice(0, 80)}`,
        )
      : '?';
    const why =
      result.errorInstance instanceof Error
        ? result.errorInstance.message
        : String(result.errorInstance);
    throw new Error(
      `${name}: seed ${result.seed}, path ${result.counterexamplePath}\n  ${call?.name} HTTP ${reply?.status} ${body}\n  ${why.slice(0, 600)}`,
    );
  }
}

// ---- generated bodies -----------------------------------------------------------------------------

const statusArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant(200) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      201,
      202,
      301,
      400,
      401,
      403,
      404,
      408,
      413,
      429,
      500,
      502,
      503,
      504,
      599,
    ),
  },
);
const dateArb = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    'garbage',
    '',
    'Thu, 01 Jan 1970 00:00:00 GMT',
    'Fri, 31 Dec 9999 23:59:59 GMT',
    new Date(NOW + 600_000).toUTCString(),
  ),
  fc.string({ maxLength: 40 }),
);
const withReply = (bodyArb: fc.Arbitrary<string | Buffer>) =>
  fc.tuple(statusArb, bodyArb, dateArb).map(([status, body, date]): Reply => ({
    status,
    body,
    headers: date === undefined ? {} : { date },
  }));

/** JSON values that break parsers downstream (own `__proto__`, deep, huge, odd numbers). */
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      null,
      '',
      -1,
      0.5,
      2 ** 53 + 2,
      1e308,
      -0,
      true,
      [],
      {},
      'busy',
      '会议',
      '\ud800',
      'x'.repeat(100_000),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...POLLUTERS) },
);

const edgeTexts = (call: Call): string[] => {
  const valid = JSON.stringify(call.valid);
  return [
    '',
    ' ',
    'null',
    '[]',
    '"Response"',
    `\ufeff${valid}`,
    `${valid}\n${valid}`,
    valid.replace(/\d+/, '1e400'),
    valid.replace(/\d+/, '-1e400'),
    valid.replace(/\d+/, '123456789012345678901234567890'),
    valid.replace(/"[^"]*"/, '"\\ud800"'),
    valid.replace(/"[^"]*"/, '"\\u0000"'),
    valid.replace(/:/, ':\u0000'),
    `{"Response":{"Error":{"Code":"InternalError","Message":"x"}},"Response":${valid.startsWith('{"Response":') ? valid.slice(12, -1) : '{}'}}`,
    `{"ActionStatus":"OK","ActionStatus":"FAIL","ErrorCode":70001}`,
    `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    `{"Response":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
    `{"Response":{"Metrics":[${'{},'.repeat(20_000)}{}],"RequestId":"r"}}`,
    `{"Response":{"Error":{"Code":"${'A'.repeat(100_000)}","Message":"${'m'.repeat(1_000_000)}"},"RequestId":"r"}}`,
    `{"ActionStatus":"FAIL","ErrorCode":"70009","ErrorInfo":"${'i'.repeat(1_000_000)}"}`,
    `{"ActionStatus":"OK","ErrorCode":0,"TotalCount":1e400,"Data":[]}`,
    `{"ActionStatus":"OK","ErrorCode":0,"TotalCount":-1,"IMCdrList":[]}`,
    `{"ActionStatus":"OK","ErrorCode":0,"TotalCount":9007199254740993,"IMCdrList":[]}`,
    '<html><body>502 Bad Gateway</body></html>',
  ];
};

/** JSON text of a mutation: BigInt replaced by `j`; nesting too deep to stringify stays deep. */
function toJsonText(m: unknown, j: unknown): string {
  try {
    return JSON.stringify(m, (_k, v: unknown) => (typeof v === 'bigint' ? j : v)) ?? '';
  } catch {
    return `{"Response":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
  }
}

beforeAll(() => {
  fingerprint = prototypeFingerprint();
});
afterAll(async () => {
  await ccc.close();
  await desk.close();
  await agent.close();
  if (process.env.FUZZ_REPORT)
    console.log(
      `parser fuzz calls: ${JSON.stringify(Object.fromEntries(counts))}, ${requests} HTTP answers`,
    );
});

describe('response parsers of the CCC and desk clients, hostile bodies', () => {
  it.each(CALLS.map((c) => [c.name, c] as const))(
    '%s: the valid answer parses to the app type',
    async (_n, call) => {
      await check(call, {
        status: 200,
        body: JSON.stringify(call.valid),
        headers: { date: new Date(NOW).toUTCString() },
      });
      const r = await call.run();
      expect(r.ok).toBe(true);
    },
  );

  it.each(CALLS.map((c) => [c.name, c] as const))(
    '%s: cut at every byte of a valid body: always bad_response',
    async (_n, call) => {
      const bytes = Buffer.from(JSON.stringify(call.valid), 'utf8');
      for (let cut = 0; cut < bytes.length; cut++) {
        await check(call, { status: 200, body: bytes.subarray(0, cut) }, 'bad_response');
      }
    },
    60_000,
  );

  it.each(CALLS.map((c) => [c.name, c] as const))(
    '%s: edge-case JSON texts and over-size bodies',
    async (_n, call) => {
      for (const text of edgeTexts(call)) await check(call, { status: 200, body: text });
      await check(
        call,
        { status: 200, body: Buffer.alloc(4 * 1024 * 1024 + 1, 0x20) },
        'bad_response',
      );
    },
    60_000,
  );

  it('valid envelopes mutated (any JSON value in any place, keys dropped and added)', async () => {
    const arb = fc.constantFrom(...CALLS).chain((call) =>
      withReply(
        // JSON.stringify drops undefined; a BigInt (no JSON form) becomes another hostile value.
        fc.tuple(mutationsOf(call.valid), hostileJson).map(([m, j]) => toJsonText(m, j)),
      ).map((reply) => [call, reply] as [Call, Reply]),
    );
    await fuzz('mutated envelopes', arb, RUNS);
  }, 120_000);

  it('random JSON, random envelopes and random bytes', async () => {
    const body = fc.oneof(
      hostileJson.map((j) => JSON.stringify(j) ?? ''),
      hostileJson.map((j) => JSON.stringify({ Response: j })),
      hostileJson.map((j) => JSON.stringify({ Response: { Error: j, RequestId: 'r' } })),
      hostileJson.map((j) => JSON.stringify({ ActionStatus: j, ErrorCode: j, ErrorInfo: j })),
      fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b)),
      fc.string({ unit: 'binary', maxLength: 500 }),
    );
    const arb = fc
      .tuple(fc.constantFrom(...CALLS), withReply(body))
      .map(([c, r]) => [c, r] as [Call, Reply]);
    await fuzz('random bodies', arb, RUNS);
  }, 120_000);
});

describe('bodies cut off on the wire (a loopback server that closes mid-body)', () => {
  let server: Server;
  let cut = 0;
  let body = Buffer.alloc(0);
  let base = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(body.length),
        });
        res.write(body.subarray(0, cut));
        setImmediate(() => res.socket?.destroy());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('every client answers a typed network or bad_response error, whatever the cut', async () => {
    const wire = [
      createCccClient({
        endpoint: { baseUrl: base },
        sdkAppId: 1400800001,
        credentials: async () => ({
          secretId: 'AKIDparserfuzz0001',
          secretKey: 'parser-fuzz-secret-key',
        }),
        clock,
        timers: clock,
      }),
      createDeskClient({
        endpoint: { baseUrl: base },
        imSdkAppId: 1600012345,
        adminIdentifier: 'administrator',
        agentId: AGENT,
        userSig: keyUserSigProvider({
          sdkAppId: 1600012345,
          identifier: 'administrator',
          key: () => 'k'.repeat(64),
          clock,
        }),
        clock,
        timers: clock,
      }),
    ] as const;
    const calls: Array<[Call, () => Promise<Result<unknown>>]> = [
      [
        CALLS[0]!,
        () => wire[0].describeStaffStatusMetrics({ staffList: [AGENT] }, { maxAttempts: 1 }),
      ],
      [CALLS[4]!, () => wire[1].describeImCdrList(DAY, { maxAttempts: 1 })],
    ];
    try {
      for (const [call, run] of calls) {
        body = Buffer.from(JSON.stringify(call.valid), 'utf8');
        for (cut = 0; cut < body.length; cut += Math.max(1, Math.floor(body.length / 40))) {
          const r = await run();
          expect(r.ok, `${call.name} cut at ${cut}`).toBe(false);
          if (r.ok) continue;
          expect(appErrorSchema.safeParse(r.error).success).toBe(true);
          expect(['network', 'bad_response']).toContain(r.error.kind);
          expect(clock.pendingTimers()).toBe(0);
        }
      }
    } finally {
      await Promise.all(wire.map((c) => c.close()));
    }
  }, 60_000);
});
