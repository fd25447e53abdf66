// The CCC client against a tiny local HTTP server (real loopback sockets) and, for the two real
// hosts, undici's MockAgent. Every request the server sees is checked against the official SDK's
// signer, so "signed the exact bytes that were sent, for the host without port" is verified
// independently of our own signer.
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCccClient, type CccClientOptions } from '../../../../electron/core/api/ccc-client';
import type { CccClient, CccCredentials } from '../../../../electron/core/api/ccc-types';
import type { TimerHandle, Timers } from '../../../../electron/core/ports';
import type SignType from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign';

const require = createRequire(import.meta.url);
const Sign = (
  require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign') as { default: typeof SignType }
).default;

const CT = 'application/json; charset=utf-8';
const SECRET_KEY = 'test-SECRET-key-never-shown-0123456789';
const TOKEN = 'sts-TOKEN-never-shown-abcdefghijklmnop';
const CREDS: CccCredentials = { secretId: 'AKIDtestSecretId', secretKey: SECRET_KEY };
const START = Date.UTC(2025, 8, 2, 3, 4, 5); // whole seconds: 2025-09-02T03:04:05Z

// --- seeds (../shared/seeds/ccc-*.txt) ---------------------------------------------------------
const SEED_METRICS_REQUEST = {
  SdkAppId: 0,
  StaffList: ['aaa@abc.com'],
  GroupIdList: [0],
  StatusList: ['free'],
};
const SEED_METRICS_RESPONSE = {
  Response: {
    Metrics: [
      {
        Email: 'aaa@abc.com',
        Status: 'free',
        StatusExtra: { Type: 'tel', Direct: 'callin' },
        OnlineDuration: 0,
        FreeDuration: 0,
        BusyDuration: 0,
        NotReadyDuration: 0,
        RestDuration: 0,
        AfterCallWorkDuration: 0,
        Reason: '会议',
        ReserveRest: true,
        ReserveNotReady: true,
        UseMobileAccept: 0,
        UseMobileCallOut: true,
        LastOnlineTimestamp: 0,
        LastStatusTimestamp: 0,
      },
    ],
    RequestId: 'abc',
  },
};
const SEED_SET_REQUEST = {
  SdkAppId: 1400692008,
  StaffStatusList: [{ StaffUserId: 'weijuny***nt.com', Status: 'free', Reason: 'huiyi' }],
};
const SEED_SET_RESPONSE = {
  Response: {
    StaffStatusList: [
      {
        ErrorCode: '',
        ErrorMessage: '',
        PreviousReason: '',
        PreviousStatus: 'rest',
        Reason: 'huiyi',
        StaffUserId: 'weijuny***nt.com',
        Status: 'free',
      },
    ],
    RequestId: '6980f29d-c779-4a49-bf65-736bfc3b76a0',
  },
};
const metric = (over: Record<string, unknown> = {}) => ({
  ...SEED_METRICS_RESPONSE.Response.Metrics[0],
  ...over,
});

// --- a scriptable CCC-ish server ----------------------------------------------------------------
interface Seen {
  headers: IncomingHttpHeaders;
  body: Buffer;
  json: Record<string, unknown>;
  socket: Socket;
  /** Authorization equals what the official SDK computes for these exact bytes. */
  signatureOk: boolean;
}
type Reply =
  | { status?: number; headers?: Record<string, string>; body: unknown; noDate?: boolean }
  | { hang: true }
  | { destroy: true };
type Script = (seen: Seen, index: number) => Reply;

interface TestServer {
  url: string;
  seen: Seen[];
  connections: number;
  close(): Promise<void>;
}

async function startServer(
  script: Script,
  secrets: () => CccCredentials = () => CREDS,
): Promise<TestServer> {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  let port = 0;
  const server: Server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const { secretId, secretKey } = secrets();
      const expected = Sign.sign3({
        method: 'POST',
        url: `http://127.0.0.1:${port}/`,
        payload: body,
        timestamp: Number(req.headers['x-tc-timestamp']),
        service: 'ccc',
        secretId,
        secretKey,
        multipart: false,
        boundary: '',
        headers: { 'Content-Type': String(req.headers['content-type']) },
      });
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      } catch {
        /* recorded as {} */
      }
      const entry: Seen = {
        headers: req.headers,
        body,
        json,
        socket: req.socket,
        signatureOk: req.headers.authorization === expected,
      };
      seen.push(entry);
      const reply = script(entry, seen.length - 1);
      if ('hang' in reply) return;
      if ('destroy' in reply) return void req.socket.destroy();
      if (reply.noDate) res.sendDate = false;
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...reply.headers });
      res.end(text);
    });
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    get connections() {
      return sockets.size;
    },
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const apiError = (code: string, message = 'details', requestId = `req-${code}`) => ({
  body: { Response: { Error: { Code: code, Message: message }, RequestId: requestId } },
});

// --- client factory with a fake clock and a recording sleep --------------------------------------
interface Harness {
  client: CccClient;
  server: TestServer;
  clock: { now: () => number; set(ms: number): void };
  sleeps: number[];
  offsets: number[];
}
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function harness(
  script: Script,
  over: Partial<CccClientOptions> = {},
  creds: CccCredentials = CREDS,
): Promise<Harness> {
  const server = await startServer(script, () => creds);
  let now = START;
  const clock = { now: () => now, set: (ms: number) => void (now = ms) };
  const sleeps: number[] = [];
  const offsets: number[] = [];
  const client = createCccClient({
    endpoint: { baseUrl: server.url },
    sdkAppId: 1400692008,
    credentials: async () => creds,
    clock,
    random: () => 0.5,
    retry: { baseMs: 4_000, capMs: 30_000 },
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    onClockOffset: (o) => offsets.push(o),
    ...over,
  });
  cleanups.push(async () => {
    await client.close();
    await server.close();
  });
  return { client, server, clock, sleeps, offsets };
}

const ok200 = (body: unknown): Reply => ({ body });

// ================================================================================================
describe('happy paths with the seed bodies', () => {
  it('DescribeStaffStatusMetrics: headers, signed bytes, body and the normalised answer', async () => {
    const h = await harness(() => ok200(SEED_METRICS_RESPONSE), { sdkAppId: 1 });
    const res = await h.client.describeStaffStatusMetrics({
      staffList: ['aaa@abc.com'],
      groupIdList: [0],
      statusList: ['free'],
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const [req] = h.server.seen;
    expect(req!.signatureOk).toBe(true);
    expect(req!.headers).toMatchObject({
      'x-tc-action': 'DescribeStaffStatusMetrics',
      'x-tc-version': '2020-02-10',
      'x-tc-timestamp': String(START / 1000),
      'content-type': CT,
    });
    expect(req!.headers['x-tc-token']).toBeUndefined();
    expect(req!.headers['x-tc-region']).toBeUndefined();
    expect(req!.headers['x-tc-language']).toBeUndefined();
    expect(req!.json).toEqual({ ...SEED_METRICS_REQUEST, SdkAppId: 1 });
    expect(res.value.requestId).toBe('abc');
    expect(typeof res.value.serverDate).toBe('number');
    expect(res.value.value).toEqual([
      {
        email: 'aaa@abc.com',
        status: 'free',
        statusExtra: { type: 'tel', direction: 'in', rawType: 'tel', rawDirect: 'callin' },
        onlineDuration: 0,
        freeDuration: 0,
        busyDuration: 0,
        notReadyDuration: 0,
        restDuration: 0,
        afterCallWorkDuration: 0,
        reason: '会议',
        reserveRest: true,
        reserveNotReady: true,
        useMobileAccept: 0,
        useMobileCallOut: true,
        lastOnlineTimestamp: null, // 0 = no value
        lastStatusTimestamp: null,
      },
    ]);
  });

  it('DescribeStaffStatusMetrics: nulls, missing StatusExtra and documented upper-case values', async () => {
    const rows = [
      metric({
        Email: 'a',
        StatusExtra: null,
        LastOnlineTimestamp: null,
        LastStatusTimestamp: 1_756_782_245,
      }),
      metric({ Email: 'b', StatusExtra: undefined, LastOnlineTimestamp: undefined }),
      metric({ Email: 'c', StatusExtra: { Type: 'TEL', Direct: 'OUT' }, Status: 'busy' }),
      metric({ Email: 'd', StatusExtra: { Type: 'IM', Direct: 'IN' } }),
      metric({
        Email: 'e',
        StatusExtra: { Type: 'fax', Direct: null },
        Reason: null,
        Status: 'someFutureStatus',
      }),
      metric({ Email: 'f', StatusExtra: {} }),
    ];
    const h = await harness(() => ok200({ Response: { Metrics: rows, RequestId: 'r' } }));
    const res = await h.client.describeStaffStatusMetrics({});
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(h.server.seen[0]!.json).toEqual({ SdkAppId: 1400692008 });
    const byEmail = Object.fromEntries(res.value.value.map((m) => [m.email, m]));
    expect(byEmail.a).toMatchObject({
      statusExtra: null,
      lastOnlineTimestamp: null,
      lastStatusTimestamp: 1_756_782_245,
    });
    expect(byEmail.b).toMatchObject({ statusExtra: null, lastOnlineTimestamp: null });
    expect(byEmail.c!.statusExtra).toEqual({
      type: 'tel',
      direction: 'out',
      rawType: 'TEL',
      rawDirect: 'OUT',
    });
    expect(byEmail.d!.statusExtra).toMatchObject({ type: 'im', direction: 'in' });
    expect(byEmail.e).toMatchObject({
      status: 'someFutureStatus',
      reason: '',
      statusExtra: { type: 'unknown', direction: 'unknown', rawType: 'fax', rawDirect: null },
    });
    expect(byEmail.f!.statusExtra).toBeNull();
  });

  it('DescribeStaffStatusMetrics: a null Metrics list is an empty list', async () => {
    const h = await harness(() => ok200({ Response: { Metrics: null, RequestId: 'r' } }));
    expect(await h.client.describeStaffStatusMetrics({})).toMatchObject({
      ok: true,
      value: { value: [] },
    });
  });

  it('SetStaffStatus: sends the seed request and returns every item', async () => {
    const h = await harness(() => ok200(SEED_SET_RESPONSE));
    const res = await h.client.setStaffStatus([
      { staffUserId: 'weijuny***nt.com', status: 'free', reason: 'huiyi' },
    ]);
    expect(h.server.seen[0]!.json).toEqual(SEED_SET_REQUEST);
    expect(h.server.seen[0]!.signatureOk).toBe(true);
    expect(h.server.seen[0]!.headers['x-tc-action']).toBe('SetStaffStatus');
    expect(res).toEqual({
      ok: true,
      value: {
        requestId: '6980f29d-c779-4a49-bf65-736bfc3b76a0',
        serverDate: expect.any(Number),
        value: [
          {
            staffUserId: 'weijuny***nt.com',
            status: 'free',
            reason: 'huiyi',
            previousStatus: 'rest',
            previousReason: '',
            errorCode: '',
            errorMessage: '',
          },
        ],
      },
    });
  });

  it('SetStaffStatus: an item can fail inside a call that succeeded; a missing item is reported', async () => {
    const h = await harness(() =>
      ok200({
        Response: {
          StaffStatusList: [
            {
              StaffUserId: 'a@x.com',
              Status: 'rest',
              Reason: '午饭',
              PreviousStatus: 'free',
              PreviousReason: '',
              ErrorCode: '',
              ErrorMessage: '',
            },
            {
              StaffUserId: 'b@x.com',
              Status: 'busy',
              Reason: '',
              PreviousStatus: 'busy',
              PreviousReason: '',
              ErrorCode: 'FailedOperation.SeatStatusBusy',
              ErrorMessage: 'seat busy',
            },
          ],
          RequestId: 'r-items',
        },
      }),
    );
    const res = await h.client.setStaffStatus([
      { staffUserId: 'a@x.com', status: 'rest', reason: '午饭' },
      { staffUserId: 'b@x.com', status: 'rest', reason: '午饭' },
      { staffUserId: 'c@x.com', status: 'rest' },
    ]);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(h.server.seen[0]!.json.StaffStatusList).toEqual([
      { StaffUserId: 'a@x.com', Status: 'rest', Reason: '午饭' },
      { StaffUserId: 'b@x.com', Status: 'rest', Reason: '午饭' },
      { StaffUserId: 'c@x.com', Status: 'rest' },
    ]);
    expect(res.value.value.map((i) => [i.staffUserId, i.errorCode])).toEqual([
      ['a@x.com', ''],
      ['b@x.com', 'FailedOperation.SeatStatusBusy'],
      ['c@x.com', 'MissingResult'],
    ]);
    expect(res.value.value[1]!.errorMessage).toBe('seat busy');
  });

  it('DescribeStaffStatusHistory: the doc example, one short page', async () => {
    const h = await harness(() =>
      ok200({
        Response: {
          Data: [
            {
              Cursor: 'MTc1NjgwMDU0ODI3NSx3ZWlqdW55aUB0ZW5jZW50LmNvbSww',
              SessionId: '75d7fb65-878c-4db2-8b3a-4484f9e3b931',
              Status: 'busy',
              Timestamp: 1_756_800_548,
            },
          ],
          RequestId: 'h1',
        },
      }),
    );
    const res = await h.client.describeStaffStatusHistory({
      staffUserId: 'foo@tencent.com',
      startTimestamp: 1_756_297_161,
      endTimestamp: 1_756_815_561,
    });
    expect(h.server.seen).toHaveLength(1);
    expect(h.server.seen[0]!.json).toEqual({
      SdkAppId: 1400692008,
      StaffUserId: 'foo@tencent.com',
      StartTimestamp: 1_756_297_161,
      EndTimestamp: 1_756_815_561,
      PageSize: 100,
    });
    expect(res).toMatchObject({
      ok: true,
      value: {
        requestId: 'h1',
        value: [
          {
            staffUserId: 'foo@tencent.com',
            status: 'busy',
            reason: '',
            timestamp: 1_756_800_548,
            duration: null,
            statusExtra: null,
            sessionId: '75d7fb65-878c-4db2-8b3a-4484f9e3b931',
            cursor: 'MTc1NjgwMDU0ODI3NSx3ZWlqdW55aUB0ZW5jZW50LmNvbSww',
          },
        ],
      },
    });
  });

  it('DescribeStaffStatusHistory: pages by cursor until a short page, de-duplicates, sorts, derives durations', async () => {
    const row = (c: string, t: number, s: string) => ({
      Cursor: c,
      Timestamp: t,
      Status: s,
      SessionId: '',
    });
    const T = 1_756_800_000;
    const pages = [
      [row('c1', T, 'free'), row('c2', T + 100, 'busy')],
      [row('c2', T + 100, 'busy'), row('c3', (T + 250) * 1000 + 123, 'afterCallWork')], // repeats c2; ms
      [row('c4', T + 300, 'rest')],
    ];
    const h = await harness(
      (_s, i) => ok200({ Response: { Data: pages[i] ?? [], RequestId: `p${i}` } }),
      { historyPageSize: 2 },
    );
    const res = await h.client.describeStaffStatusHistory({
      staffUserId: 'a@x.com',
      startTimestamp: T - 10,
      endTimestamp: T + 1000,
    });
    expect(h.server.seen.map((s) => [s.json.Cursor, s.json.PageSize])).toEqual([
      [undefined, 2],
      ['c2', 2],
      ['c3', 2],
    ]);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.requestId).toBe('p2');
    expect(res.value.value.map((r) => [r.cursor, r.timestamp, r.duration, r.sessionId])).toEqual([
      ['c1', T, 100, null],
      ['c2', T + 100, 150, null],
      ['c3', T + 250, 50, null],
      ['c4', T + 300, null, null],
    ]);
  });

  it('DescribeStaffStatusHistory: stops when a full page adds nothing new', async () => {
    const same = {
      Response: { Data: [{ Cursor: 'x', Timestamp: 1000, Status: 'free' }], RequestId: 'r' },
    };
    const h = await harness(() => ok200(same), { historyPageSize: 1 });
    const res = await h.client.describeStaffStatusHistory({
      staffUserId: 'a',
      startTimestamp: 1,
      endTimestamp: 2000,
    });
    expect(res.ok && res.value.value.length).toBe(1);
    expect(h.server.seen).toHaveLength(2);
  });
});

// ================================================================================================
describe('errors', () => {
  it.each([
    ['AuthFailure.SecretIdNotFound', 'auth', /SecretId\/SecretKey was rejected/],
    ['AuthFailure.SignatureFailure', 'auth', /check them in Settings/],
    ['AuthFailure.TokenFailure', 'auth', /temporary credentials/],
    ['UnauthorizedOperation', 'permission', /ccc:SetStaffStatus/],
    ['AuthFailure.UnauthorizedOperation', 'permission', /ccc:SetStaffStatus/],
    ['FailedOperation.PermissionDenied', 'permission', /ccc:SetStaffStatus/],
    ['InvalidParameterValue.InstanceNotExist', 'invalid_parameter', /SdkAppId/],
    ['InvalidParameter', 'invalid_parameter', /parameter/],
    ['MissingParameter', 'invalid_parameter', /missing/],
    ['FailedOperation.SeatStatusBusy', 'refused', /busy/],
    ['RequestLimitExceeded', 'rate_limit', /rate limiting/],
    ['RequestLimitExceeded.UinLimitExceeded', 'rate_limit', /rate limiting/],
    ['InternalError.DBError', 'transient', /internal error/],
    ['ServiceUnavailable', 'transient', /unavailable/],
    ['NewCodeFromTheFuture', 'unknown', /NewCodeFromTheFuture/],
  ] as const)('%s -> %s, with the RequestId', async (code, kind, text) => {
    const h = await harness(() => apiError(code));
    const res = await h.client.setStaffStatus([{ staffUserId: 'a@x.com', status: 'rest' }], {
      maxAttempts: 1,
    });
    expect(res).toMatchObject({
      ok: false,
      error: { source: 'ccc', code, kind, requestId: `req-${code}`, httpStatus: 200 },
    });
    if (!res.ok) {
      expect(res.error.message).toMatch(text);
      expect(res.error.message).toContain(`RequestId req-${code}`);
    }
    expect(h.server.seen).toHaveLength(1);
  });

  it('names the metrics permission for DescribeStaffStatusMetrics', async () => {
    const h = await harness(() => apiError('UnauthorizedOperation'));
    const res = await h.client.describeStaffStatusMetrics({});
    expect(!res.ok && res.error.message).toContain('ccc:DescribeStaffStatusMetrics');
  });

  it('HTTP 502 with an HTML page is transient (retried), HTTP 404 is an endpoint problem (not retried)', async () => {
    const h502 = await harness(() => ({ status: 502, body: '<html>Bad Gateway</html>' }));
    expect(await h502.client.describeStaffStatusMetrics({})).toMatchObject({
      ok: false,
      error: { kind: 'transient', code: 'HTTP_502', httpStatus: 502, retryable: true },
    });
    expect(h502.server.seen).toHaveLength(3);
    const h404 = await harness(() => ({ status: 404, body: 'not found' }));
    expect(await h404.client.describeStaffStatusMetrics({})).toMatchObject({
      ok: false,
      error: { kind: 'bad_response', code: 'HTTP_404' },
    });
    expect(h404.server.seen).toHaveLength(1);
  });

  it('an API error inside an HTTP 5xx keeps its API code and RequestId', async () => {
    const h = await harness(() => ({ status: 503, ...apiError('InternalError', 'x', 'r5') }), {
      retry: { maxAttempts: 1 },
    });
    expect(await h.client.describeStaffStatusMetrics({})).toMatchObject({
      ok: false,
      error: { code: 'InternalError', requestId: 'r5', httpStatus: 503 },
    });
  });

  it('a refused connection is a network error', async () => {
    const h = await harness(() => ok200(SEED_METRICS_RESPONSE));
    await h.server.close();
    const res = await h.client.describeStaffStatusMetrics({}, { maxAttempts: 1 });
    expect(res).toMatchObject({
      ok: false,
      error: { kind: 'network', code: 'ECONNREFUSED', retryable: true },
    });
  });

  it('a reset connection is a network error, retried, then succeeds', async () => {
    const h = await harness((_s, i) =>
      i === 0 ? { destroy: true } : ok200(SEED_METRICS_RESPONSE),
    );
    const res = await h.client.describeStaffStatusMetrics({});
    expect(res.ok).toBe(true);
    expect(h.server.seen).toHaveLength(2);
    expect(h.sleeps).toEqual([2_000]);
  });

  it('a server that hangs times out (short timeoutMs)', async () => {
    const h = await harness(() => ({ hang: true }), { timeoutMs: 50, retry: { maxAttempts: 1 } });
    const res = await h.client.describeStaffStatusMetrics({});
    expect(res).toMatchObject({ ok: false, error: { kind: 'timeout', retryable: true } });
  });

  it('an abort ends the call as cancelled without retrying', async () => {
    const controller = new AbortController();
    const h = await harness(() => apiError('InternalError'), {
      sleep: async () => controller.abort(),
    });
    const res = await h.client.describeStaffStatusMetrics({}, { signal: controller.signal });
    expect(res).toMatchObject({ ok: false, error: { code: 'ABORTED', retryable: false } });
    expect(h.server.seen).toHaveLength(1);
  });
});

// ================================================================================================
describe('bodies that are not what the docs promise', () => {
  const valid = SEED_METRICS_RESPONSE.Response;
  it.each([
    ['HTML', '<html>hello</html>', undefined],
    ['truncated JSON', '{"Response": {"Metrics": [{"Email": "a', undefined],
    ['an empty body', '', undefined],
    ['JSON that is not the envelope', { foo: 1 }, undefined],
    ['a Response that is not an object', { Response: 'x' }, undefined],
    ['a success without RequestId', { Response: { Metrics: [] } }, undefined],
    ['Metrics of the wrong type', { Response: { Metrics: 'x', RequestId: 'rid' } }, 'rid'],
    [
      'a metric without Status',
      { Response: { Metrics: [{ ...valid.Metrics[0], Status: undefined }], RequestId: 'rid' } },
      'rid',
    ],
    [
      'a duration as a string',
      { Response: { Metrics: [metric({ OnlineDuration: '12' })], RequestId: 'rid' } },
      'rid',
    ],
    [
      'UseMobileAccept out of range',
      { Response: { Metrics: [metric({ UseMobileAccept: 7 })], RequestId: 'rid' } },
      'rid',
    ],
    ['an Error without Code', { Response: { Error: { Message: 'x' }, RequestId: 'rid' } }, 'rid'],
  ])('%s -> bad_response, no crash, no retry', async (_label, body, requestId) => {
    const h = await harness(() => ok200(body));
    const res = await h.client.describeStaffStatusMetrics({});
    expect(res).toMatchObject({ ok: false, error: { kind: 'bad_response', retryable: false } });
    if (!res.ok) expect(res.error.requestId).toBe(requestId);
    if (!res.ok && requestId) expect(res.error.message).toContain(`RequestId ${requestId}`);
    expect(h.server.seen).toHaveLength(1);
  });

  it('a SetStaffStatus answer without its list and a history row without Timestamp are bad responses', async () => {
    const h = await harness((_s, i) =>
      ok200(
        i === 0
          ? { Response: { RequestId: 'r1' } }
          : { Response: { Data: [{ Cursor: 'c', Status: 'free' }], RequestId: 'r2' } },
      ),
    );
    expect(await h.client.setStaffStatus([{ staffUserId: 'a', status: 'free' }])).toMatchObject({
      ok: false,
      error: { kind: 'bad_response', requestId: 'r1' },
    });
    expect(
      await h.client.describeStaffStatusHistory({
        staffUserId: 'a',
        startTimestamp: 1,
        endTimestamp: 2,
      }),
    ).toMatchObject({ ok: false, error: { kind: 'bad_response', requestId: 'r2' } });
  });
});

// ================================================================================================
describe('retries', () => {
  it('retries rate limits with full-jitter backoff, re-signing each attempt with a fresh timestamp', async () => {
    const h = await harness((_s, i) =>
      i < 2 ? apiError('RequestLimitExceeded') : ok200(SEED_METRICS_RESPONSE),
    );
    const res = await h.client.describeStaffStatusMetrics({});
    expect(res.ok).toBe(true);
    // random() = 0.5: 0.5 * min(30 000, 4 000 * 2^0) and 0.5 * (4 000 * 2^1).
    expect(h.sleeps).toEqual([2_000, 4_000]);
    const stamps = h.server.seen.map((s) => Number(s.headers['x-tc-timestamp']));
    expect(stamps).toEqual([START / 1000, START / 1000 + 2, START / 1000 + 6]);
    expect(h.server.seen.every((s) => s.signatureOk)).toBe(true);
    expect(new Set(h.server.seen.map((s) => s.headers.authorization)).size).toBe(3);
    expect(new Set(h.server.seen.map((s) => s.body.toString('hex'))).size).toBe(1); // same bytes every time
  });

  it('is bounded: three attempts by default, then the last error', async () => {
    const h = await harness(() => apiError('InternalError'));
    expect(await h.client.describeStaffStatusMetrics({})).toMatchObject({
      ok: false,
      error: { kind: 'transient' },
    });
    expect(h.server.seen).toHaveLength(3);
    expect(h.sleeps).toHaveLength(2);
  });

  it('maxAttempts: 1 per call disables retries; the client option changes the default', async () => {
    const h = await harness(() => apiError('RequestLimitExceeded'), {
      retry: { maxAttempts: 5, baseMs: 10 },
    });
    await h.client.describeStaffStatusMetrics({}, { maxAttempts: 1 });
    expect(h.server.seen).toHaveLength(1);
    await h.client.describeStaffStatusMetrics({});
    expect(h.server.seen).toHaveLength(6);
  });

  it('by default waits through the injected timers (no real sleeping)', async () => {
    const queue = new Map<number, { fn: () => void; ms: number }>();
    let id = 0;
    const timers: Timers = {
      setTimeout: (fn, ms) => (queue.set(++id, { fn, ms }), id as TimerHandle),
      clearTimeout: (h) => void queue.delete(h as number),
    };
    const h = await harness(
      (_s, i) => (i === 0 ? apiError('InternalError') : ok200(SEED_METRICS_RESPONSE)),
      {
        sleep: undefined,
        timers,
      },
    );
    const pending = h.client.describeStaffStatusMetrics({});
    // After the first answer only the backoff timer is left (the request deadline was cleared).
    await vi.waitFor(() => expect([h.server.seen.length, queue.size]).toEqual([1, 1]));
    const [[key, backoff]] = [...queue.entries()] as [[number, { fn: () => void; ms: number }]];
    expect(backoff.ms).toBe(2_000);
    queue.delete(key);
    backoff.fn();
    expect((await pending).ok).toBe(true);
    expect(h.server.seen).toHaveLength(2);
  });

  it('never retries what the reference says not to', async () => {
    for (const code of [
      'AuthFailure.SecretIdNotFound',
      'UnauthorizedOperation',
      'InvalidParameterValue',
      'FailedOperation',
    ]) {
      const h = await harness(() => apiError(code));
      await h.client.describeStaffStatusMetrics({});
      expect(h.server.seen).toHaveLength(1);
      expect(h.sleeps).toEqual([]);
    }
  });
});

// ================================================================================================
describe('clock skew', () => {
  const TEN_MIN = 10 * 60_000;
  /** A server whose clock is `skewMs` ahead and that enforces Tencent's 5-minute window. */
  const skewedServer =
    (h: () => Harness, skewMs: number, alwaysExpire = false): Script =>
    (seen) => {
      const serverNow = h().clock.now() + skewMs;
      const date = new Date(serverNow).toUTCString();
      const off = Math.abs(Number(seen.headers['x-tc-timestamp']) - serverNow / 1000) > 300;
      if (off || alwaysExpire)
        return {
          ...apiError('AuthFailure.SignatureExpire', 'expired', 'r-skew'),
          headers: { Date: date },
        };
      return { body: SEED_METRICS_RESPONSE, headers: { Date: date } };
    };

  it('learns the offset from Date, re-signs once, and applies it to later requests', async () => {
    const ref: { h?: Harness } = {};
    const h = (ref.h = await harness(
      skewedServer(() => ref.h!, TEN_MIN),
      {
        retry: { maxAttempts: 1 },
      },
    ));
    expect(h.client.clockOffsetMs()).toBe(0);
    const first = await h.client.describeStaffStatusMetrics({});
    expect(first.ok).toBe(true);
    expect(h.server.seen.map((s) => Number(s.headers['x-tc-timestamp']))).toEqual([
      START / 1000,
      START / 1000 + 600,
    ]);
    expect(h.server.seen.every((s) => s.signatureOk)).toBe(true);
    expect(h.client.clockOffsetMs()).toBe(TEN_MIN);
    expect(h.offsets).toEqual([TEN_MIN]);

    h.clock.set(START + 60_000);
    const second = await h.client.describeStaffStatusMetrics({});
    expect(second.ok).toBe(true);
    expect(h.server.seen).toHaveLength(3);
    expect(Number(h.server.seen[2]!.headers['x-tc-timestamp'])).toBe(START / 1000 + 60 + 600);
    expect(h.offsets).toEqual([TEN_MIN]); // nothing new learned
  });

  it('works for a clock that is ahead too', async () => {
    const ref: { h?: Harness } = {};
    const h = (ref.h = await harness(skewedServer(() => ref.h!, -TEN_MIN)));
    expect((await h.client.describeStaffStatusMetrics({})).ok).toBe(true);
    expect(h.client.clockOffsetMs()).toBe(-TEN_MIN);
    expect(Number(h.server.seen[1]!.headers['x-tc-timestamp'])).toBe(START / 1000 - 600);
  });

  it('when the corrected retry still expires: clock_skew saying how far off the clock is', async () => {
    const ref: { h?: Harness } = {};
    const h = (ref.h = await harness(skewedServer(() => ref.h!, TEN_MIN, true)));
    const res = await h.client.describeStaffStatusMetrics({});
    expect(res).toMatchObject({
      ok: false,
      error: {
        kind: 'clock_skew',
        code: 'AuthFailure.SignatureExpire',
        requestId: 'r-skew',
        retryable: false,
      },
    });
    if (!res.ok) expect(res.error.message).toContain('off by 10 minutes');
    expect(h.server.seen).toHaveLength(2);
  });

  it('without a Date header there is nothing to learn: clock_skew at once', async () => {
    const h = await harness(() => ({ ...apiError('AuthFailure.SignatureExpire'), noDate: true }));
    const res = await h.client.describeStaffStatusMetrics({});
    expect(res).toMatchObject({ ok: false, error: { kind: 'clock_skew' } });
    expect(h.server.seen).toHaveLength(1);
    expect(h.client.clockOffsetMs()).toBe(0);
  });
});

// ================================================================================================
describe('headers, credentials and the connection', () => {
  it('temporary credentials send X-TC-Token; language and region headers when set', async () => {
    const creds = { ...CREDS, token: TOKEN };
    const h = await harness(
      () => ok200(SEED_METRICS_RESPONSE),
      { language: 'en-US', region: 'ap-singapore' },
      creds,
    );
    await h.client.describeStaffStatusMetrics({});
    expect(h.server.seen[0]!.headers).toMatchObject({
      'x-tc-token': TOKEN,
      'x-tc-language': 'en-US',
      'x-tc-region': 'ap-singapore',
    });
    expect(h.server.seen[0]!.signatureOk).toBe(true);
  });

  it('reuses the keep-alive connection across calls', async () => {
    const h = await harness(() => ok200(SEED_METRICS_RESPONSE));
    await h.client.describeStaffStatusMetrics({});
    await new Promise((r) => setImmediate(r)); // calls are at least a turn apart in the app
    await h.client.setStaffStatus([{ staffUserId: 'a', status: 'free' }]);
    expect(h.server.seen).toHaveLength(2);
    expect(h.server.seen[0]!.socket).toBe(h.server.seen[1]!.socket);
    expect(h.server.connections).toBe(1);
  });

  it('no credentials, an unreadable keychain or a bad SdkAppId: config errors, nothing sent', async () => {
    const h1 = await harness(() => ok200(SEED_METRICS_RESPONSE), { credentials: async () => null });
    expect(await h1.client.describeStaffStatusMetrics({})).toMatchObject({
      ok: false,
      error: { kind: 'config', code: 'NoCredentials' },
    });
    const h2 = await harness(() => ok200(SEED_METRICS_RESPONSE), {
      credentials: () => Promise.reject(new Error(`keychain said ${SECRET_KEY}`)),
    });
    const r2 = await h2.client.describeStaffStatusMetrics({});
    expect(r2).toMatchObject({
      ok: false,
      error: { kind: 'config', code: 'CredentialsUnavailable' },
    });
    expect(JSON.stringify(r2)).not.toContain(SECRET_KEY);
    const h3 = await harness(() => ok200(SEED_METRICS_RESPONSE), { sdkAppId: -1 });
    expect(await h3.client.describeStaffStatusMetrics({})).toMatchObject({
      ok: false,
      error: { kind: 'config' },
    });
    const h4 = await harness(() => ok200(SEED_METRICS_RESPONSE), {
      endpoint: { baseUrl: 'ftp://x' },
    });
    expect(await h4.client.describeStaffStatusMetrics({})).toMatchObject({
      ok: false,
      error: { kind: 'config', code: 'InvalidEndpoint' },
    });
    for (const h of [h1, h2, h3, h4]) expect(h.server.seen).toHaveLength(0);
  });

  it('never puts a secret in an error, even when the service echoes one', async () => {
    const creds = { ...CREDS, token: TOKEN };
    const h = await harness(
      () => apiError('InvalidParameter', `bad token ${TOKEN} key ${SECRET_KEY}`),
      {},
      creds,
    );
    const res = await h.client.describeStaffStatusMetrics({});
    expect(res.ok).toBe(false);
    expect(JSON.stringify(res)).not.toContain(TOKEN);
    expect(JSON.stringify(res)).not.toContain(SECRET_KEY);
  });
});

// ================================================================================================
describe('bad input is rejected before sending', () => {
  const long = 'x'.repeat(101);
  it.each([
    ['no items', []],
    [
      'eleven items',
      Array.from({ length: 11 }, (_, i) => ({ staffUserId: `a${i}`, status: 'free' })),
    ],
    ['a system status', [{ staffUserId: 'a', status: 'busy' }]],
    ['an unknown status', [{ staffUserId: 'a', status: 'lunch' }]],
    ['an empty agent', [{ staffUserId: '', status: 'free' }]],
    ['a blank agent', [{ staffUserId: '   ', status: 'free' }]],
    ['a reason that is not text', [{ staffUserId: 'a', status: 'rest', reason: 5 }]],
    ['a reason that is too long', [{ staffUserId: 'a', status: 'rest', reason: long }]],
    ['a reason with a newline', [{ staffUserId: 'a', status: 'rest', reason: 'a\nb' }]],
    [
      'the same agent twice',
      [
        { staffUserId: 'a', status: 'rest' },
        { staffUserId: 'a', status: 'free' },
      ],
    ],
    ['not a list', 'free'],
  ])('SetStaffStatus with %s', async (_label, items) => {
    const h = await harness(() => ok200(SEED_SET_RESPONSE));
    const res = await h.client.setStaffStatus(items as never);
    expect(res).toMatchObject({
      ok: false,
      error: { kind: 'bad_input', source: 'app', retryable: false },
    });
    expect(h.server.seen).toHaveLength(0);
  });

  it.each([
    ['a range of 7 days', { staffUserId: 'a', startTimestamp: 0, endTimestamp: 7 * 86_400 }],
    ['an end before the start', { staffUserId: 'a', startTimestamp: 100, endTimestamp: 50 }],
    [
      'milliseconds',
      { staffUserId: 'a', startTimestamp: 1_756_000_000_000, endTimestamp: 1_756_000_100_000 },
    ],
    ['fractions', { staffUserId: 'a', startTimestamp: 1.5, endTimestamp: 100 }],
    ['no agent', { staffUserId: '', startTimestamp: 1, endTimestamp: 100 }],
  ])('DescribeStaffStatusHistory with %s', async (_label, input) => {
    const h = await harness(() => ok200({ Response: { Data: [], RequestId: 'r' } }));
    expect(await h.client.describeStaffStatusHistory(input)).toMatchObject({
      ok: false,
      error: { kind: 'bad_input' },
    });
    expect(h.server.seen).toHaveLength(0);
  });

  it('DescribeStaffStatusMetrics with unknown statuses or non-integer groups', async () => {
    const h = await harness(() => ok200(SEED_METRICS_RESPONSE));
    expect(
      await h.client.describeStaffStatusMetrics({ statusList: ['lunch' as never] }),
    ).toMatchObject({ ok: false, error: { kind: 'bad_input' } });
    expect(await h.client.describeStaffStatusMetrics({ groupIdList: [1.5] })).toMatchObject({
      ok: false,
      error: { kind: 'bad_input' },
    });
    expect(h.server.seen).toHaveLength(0);
  });
});

// ================================================================================================
describe('the real hosts (undici MockAgent)', () => {
  it.each([
    ['mainland', 'https://ccc.tencentcloudapi.com', 'ccc.tencentcloudapi.com'],
    ['international', 'https://ccc.intl.tencentcloudapi.com', 'ccc.intl.tencentcloudapi.com'],
  ] as const)('%s posts to %s and signs for %s', async (endpoint, origin, host) => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    let captured: { headers: Record<string, string>; body: Buffer } | null = null;
    agent
      .get(origin)
      .intercept({ path: '/', method: 'POST' })
      .reply((opts) => {
        captured = {
          headers: opts.headers as Record<string, string>,
          body: Buffer.from(opts.body as Uint8Array),
        };
        return { statusCode: 200, data: JSON.stringify(SEED_METRICS_RESPONSE) };
      });
    const client = createCccClient({
      endpoint,
      sdkAppId: 1400000000,
      credentials: async () => CREDS,
      dispatcher: agent,
      clock: { now: () => START },
    });
    const res = await client.describeStaffStatusMetrics({ staffList: ['小明@example.com'] });
    expect(res.ok).toBe(true);
    expect(captured).not.toBeNull();
    const { headers, body } = captured!;
    expect(body.toString('utf8')).toBe('{"SdkAppId":1400000000,"StaffList":["小明@example.com"]}');
    const expected = Sign.sign3({
      method: 'POST',
      url: `${origin}/`,
      payload: body,
      timestamp: START / 1000,
      service: 'ccc',
      secretId: CREDS.secretId,
      secretKey: SECRET_KEY,
      multipart: false,
      boundary: '',
      headers: { 'Content-Type': CT },
    });
    expect(headers.Authorization).toBe(expected);
    expect(headers['X-TC-Action']).toBe('DescribeStaffStatusMetrics');
    // The signed host is the API host: signing for any other host gives another signature.
    const forOtherHost = Sign.sign3({
      method: 'POST',
      url: `https://${host === 'ccc.tencentcloudapi.com' ? 'ccc.intl.tencentcloudapi.com' : 'ccc.tencentcloudapi.com'}/`,
      payload: body,
      timestamp: START / 1000,
      service: 'ccc',
      secretId: CREDS.secretId,
      secretKey: SECRET_KEY,
      multipart: false,
      boundary: '',
      headers: { 'Content-Type': CT },
    });
    expect(headers.Authorization).not.toBe(forOtherHost);
    await client.close();
    await agent.close();
  });
});
