import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHttpPool,
  toHttpFailure,
  type HttpPool,
} from '../../../../electron/core/api/http-pool';
import type { TimerHandle, Timers } from '../../../../electron/core/ports';

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

async function startServer(
  handler: Handler,
): Promise<{ url: string; server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, server, sockets };
}

/** Timers whose callbacks run only when the test says so. */
function manualTimers(): Timers & { fireAll(): void; pending(): number } {
  const queue = new Map<number, () => void>();
  let next = 1;
  return {
    setTimeout: (fn) => {
      const id = next++;
      queue.set(id, fn);
      return id as TimerHandle;
    },
    clearTimeout: (h) => void queue.delete(h as number),
    fireAll: () => {
      const fns = [...queue.values()];
      queue.clear();
      fns.forEach((fn) => fn());
    },
    pending: () => queue.size,
  };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
function track(pool: HttpPool, server?: { server: Server; sockets: Set<Socket> }): void {
  cleanups.push(async () => {
    server?.sockets.forEach((s) => s.destroy());
    await pool.close();
    if (server) await new Promise<void>((r) => server.server.close(() => r()));
  });
}

describe('createHttpPool', () => {
  it('posts the exact bytes and returns status, lower-cased headers and text', async () => {
    let received: Buffer | null = null;
    const srv = await startServer((req, body, res) => {
      received = body;
      res.setHeader('X-Thing', 'a');
      res
        .writeHead(503, { 'Content-Type': 'text/plain' })
        .end(`got ${req.headers['x-tc-action']}: 会议`);
    });
    const pool = createHttpPool();
    track(pool, srv);
    const body = Buffer.from('{"Reason":"会议"}', 'utf8');
    const res = await pool.post({ url: srv.url, headers: { 'X-TC-Action': 'Ping' }, body });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(received).toEqual(body);
    expect(res.value.status).toBe(503);
    expect(res.value.headers['x-thing']).toBe('a');
    expect(res.value.bodyText).toBe('got Ping: 会议');
  });

  // undici marks a socket idle one event-loop turn after its response body ends, so calls made in
  // the very same turn may open a second socket; calls a turn apart (every real poll) reuse one.
  it('reuses one keep-alive connection across calls', async () => {
    const seen: Socket[] = [];
    const srv = await startServer((req, _b, res) => {
      seen.push(req.socket);
      res.end('ok');
    });
    const pool = createHttpPool();
    track(pool, srv);
    for (let i = 0; i < 3; i += 1) {
      const r = await pool.post({ url: srv.url, headers: {}, body: Buffer.from('x') });
      expect(r.ok).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(srv.sockets.size).toBe(1);
    expect(new Set(seen).size).toBe(1);
  });

  it('maps a refused connection', async () => {
    const srv = await startServer((_q, _b, res) => res.end());
    const url = srv.url;
    await new Promise<void>((r) => srv.server.close(() => r()));
    const pool = createHttpPool();
    track(pool);
    const res = await pool.post({ url, headers: {}, body: Buffer.from('x') });
    expect(res).toMatchObject({ ok: false, error: { kind: 'network', code: 'ECONNREFUSED' } });
  });

  it('maps a connection closed without an answer (socket hang up)', async () => {
    const srv = await startServer((req) => req.socket.destroy());
    const pool = createHttpPool();
    track(pool, srv);
    const res = await pool.post({ url: srv.url, headers: {}, body: Buffer.from('x') });
    expect(res).toMatchObject({ ok: false, error: { kind: 'network' } });
    if (!res.ok) expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain(res.error.code);
  });

  it('maps a body cut short', async () => {
    const srv = await startServer((_q, _b, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"Response":');
      setImmediate(() => res.socket?.destroy());
    });
    const pool = createHttpPool();
    track(pool, srv);
    const res = await pool.post({ url: srv.url, headers: {}, body: Buffer.from('x') });
    expect(res).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('enforces the total deadline with the injected timers (server hangs)', async () => {
    let arrived!: () => void;
    const arrival = new Promise<void>((r) => (arrived = r));
    const srv = await startServer(() => arrived()); // never answers
    const timers = manualTimers();
    const pool = createHttpPool({ timers, timeoutMs: 60_000 });
    track(pool, srv);
    const pending = pool.post({ url: srv.url, headers: {}, body: Buffer.from('x') });
    await arrival;
    expect(timers.pending()).toBe(1);
    timers.fireAll();
    expect(await pending).toMatchObject({
      ok: false,
      error: { kind: 'timeout', code: 'DEADLINE' },
    });
  });

  it("times out for real on undici's headers timeout too (short timeoutMs)", async () => {
    const srv = await startServer(() => {}); // never answers
    const pool = createHttpPool({ timeoutMs: 40 });
    track(pool, srv);
    const res = await pool.post({ url: srv.url, headers: {}, body: Buffer.from('x') });
    expect(res).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('maps a body that stops arriving to a timeout', async () => {
    const srv = await startServer((_q, _b, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"Res'); // then silence
    });
    const pool = createHttpPool({ timeoutMs: 40 });
    track(pool, srv);
    const res = await pool.post({ url: srv.url, headers: {}, body: Buffer.from('x') });
    expect(res).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it("reports the caller's abort as aborted, not as a timeout", async () => {
    let arrived!: () => void;
    const arrival = new Promise<void>((r) => (arrived = r));
    const srv = await startServer(() => arrived());
    const pool = createHttpPool();
    track(pool, srv);
    const controller = new AbortController();
    const pending = pool.post({
      url: srv.url,
      headers: {},
      body: Buffer.from('x'),
      signal: controller.signal,
    });
    await arrival;
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'aborted', code: 'ABORTED' } });
    const already = await pool.post({
      url: srv.url,
      headers: {},
      body: Buffer.from('x'),
      signal: controller.signal,
    });
    expect(already).toMatchObject({ ok: false, error: { kind: 'aborted' } });
  });

  it('refuses oversized bodies', async () => {
    const srv = await startServer((_q, _b, res) => res.end('x'.repeat(5_000)));
    const pool = createHttpPool({ maxBodyBytes: 1_000 });
    track(pool, srv);
    const res = await pool.post({ url: srv.url, headers: {}, body: Buffer.from('x') });
    expect(res).toMatchObject({ ok: false, error: { kind: 'too_large' } });
  });

  it('never puts a header value or query into a failure message', async () => {
    const pool = createHttpPool();
    track(pool);
    const res = await pool.post({
      url: 'http://127.0.0.1:1/v4/x?usersig=SECRET-SIG',
      headers: { Authorization: 'bad\nSECRET-HEADER' },
      body: Buffer.from('x'),
    });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.message).not.toContain('SECRET');
      expect(res.error.kind).toBe('invalid_request');
    }
  });

  it('works over an injected dispatcher (undici MockAgent) and after close() refuses', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://ccc.tencentcloudapi.com')
      .intercept({ path: '/', method: 'POST' })
      .reply(200, '{"ok":1}', {
        headers: { date: 'Mon, 01 Sep 2025 00:00:00 GMT' },
      });
    const pool = createHttpPool({ dispatcher: agent });
    const res = await pool.post({
      url: 'https://ccc.tencentcloudapi.com/',
      headers: {},
      body: Buffer.from('{}'),
    });
    expect(res).toMatchObject({ ok: true, value: { status: 200, bodyText: '{"ok":1}' } });
    if (res.ok) expect(res.value.headers.date).toBe('Mon, 01 Sep 2025 00:00:00 GMT');
    await pool.close();
    expect(
      await pool.post({
        url: 'https://ccc.tencentcloudapi.com/',
        headers: {},
        body: Buffer.from('{}'),
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CLOSED' },
    });
    await agent.close();
  });
});

describe('toHttpFailure', () => {
  it.each([
    [
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'network',
      'ECONNREFUSED',
    ],
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'network', 'ECONNRESET'],
    [new Error('socket hang up'), 'network', 'UND_ERR_SOCKET'],
    [
      Object.assign(new Error('x'), { code: 'UND_ERR_CONNECT_TIMEOUT' }),
      'timeout',
      'UND_ERR_CONNECT_TIMEOUT',
    ],
    [
      Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' }),
      'timeout',
      'UND_ERR_HEADERS_TIMEOUT',
    ],
    [
      Object.assign(new Error('x'), { code: 'UND_ERR_BODY_TIMEOUT' }),
      'timeout',
      'UND_ERR_BODY_TIMEOUT',
    ],
    [
      Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      'network',
      'UND_ERR_SOCKET',
    ],
    [
      new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], 'all failed'),
      'network',
      'ECONNREFUSED',
    ],
    [
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }),
      }),
      'network',
      'ENOTFOUND',
    ],
    ['a string', 'network', 'NETWORK'],
  ] as const)('%s', (error, kind, code) => {
    const f = toHttpFailure(error, 'https://ccc.tencentcloudapi.com');
    expect(f).toMatchObject({ kind, code });
    expect(f.message.startsWith('https://ccc.tencentcloudapi.com: ')).toBe(true);
  });
});
