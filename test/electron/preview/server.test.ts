import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PREVIEW_CSP,
  startPreviewServer,
  type PreviewServer,
} from '../../../electron/preview/server';
import type { EventName, IpcHandlers } from '../../../shared/ipc-contract';
import { guardHandlers } from '../../../electron/core/app/operation-guard';
import { createLogger } from '../../../electron/core/logger';

/** Raw HTTP so the Host and Origin headers are exactly what a test says (fetch would fix them). */
function http(
  port: number,
  path: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    firstChunk?: boolean;
  } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
          if (opts.firstChunk && body.includes('\n\n')) {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
            res.destroy();
          }
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const TOKEN = 'test-token-123';
let dir = '';
let server: PreviewServer;
let emit: (name: EventName, payload: unknown) => void = () => {};
const received: unknown[] = [];

const operations = new Proxy({} as IpcHandlers, {
  get: (_t, channel: string) => async (input: unknown) => {
    received.push({ channel, input });
    if (channel === 'app:info')
      return { ok: true, value: { version: '1', platform: 'linux', locale: 'en', demo: false } };
    if (channel === 'status:refresh') throw new Error('boom');
    return { ok: true, value: null };
  },
});
/** The core's guard over them, as the preview serves it. */
const handlers = guardHandlers(operations, {
  logger: createLogger({ sink: () => {} }),
  isDisposed: () => false,
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'preview-server-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html><head><title>x</title></head><body></body></html>',
  );
  await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(tmpdir(), 'preview-secret.txt'), 'secret');
  server = await startPreviewServer({
    rendererDir: dir,
    bridgeJs: 'window.bridge=1',
    token: TOKEN,
    handlers,
    subscribe: (l) => {
      emit = l;
      return () => {
        emit = () => {};
      };
    },
  });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const host = () => ({ host: `127.0.0.1:${server.port}` });
const bridge = () => ({
  ...host(),
  origin: `http://127.0.0.1:${server.port}`,
  'x-ccc-token': TOKEN,
  'content-type': 'application/json',
});

describe('preview server', () => {
  it('serves the page with the bridge script first and the CSP as a header', async () => {
    const r = await http(server.port, '/', { headers: host() });
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/<head>\s*<script src="\/__bridge.js"><\/script>/);
    expect(r.headers['content-security-policy']).toBe(PREVIEW_CSP);
    expect((await http(server.port, '/__bridge.js', { headers: host() })).body).toBe(
      'window.bridge=1',
    );
    const asset = await http(server.port, '/assets/app.js', { headers: host() });
    expect(asset.headers['content-type']).toContain('text/javascript');
  });

  it('refuses other hosts, even for the page (DNS rebinding)', async () => {
    expect(
      (await http(server.port, '/', { headers: { host: `evil.example:${server.port}` } })).status,
    ).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await http(server.port, '/..%2Fpreview-secret.txt', { headers: host() });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('secret');
  });

  it('answers an IPC call with the handler result, validated against the contract', async () => {
    const r = await http(server.port, '/__ipc/app:info', {
      method: 'POST',
      headers: bridge(),
      body: 'null',
    });
    expect(JSON.parse(r.body)).toEqual({
      ok: true,
      value: { version: '1', platform: 'linux', locale: 'en', demo: false },
    });
    const bad = await http(server.port, '/__ipc/status:set', {
      method: 'POST',
      headers: bridge(),
      body: '{"status":"busy"}',
    });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, code: 'bad_input' });
    expect(received).not.toContainEqual({ channel: 'status:set', input: { status: 'busy' } });
    const thrown = await http(server.port, '/__ipc/status:refresh', {
      method: 'POST',
      headers: bridge(),
      body: 'null',
    });
    expect(JSON.parse(thrown.body)).toMatchObject({ ok: false, code: 'internal' });
    expect(
      (
        await http(server.port, '/__ipc/constructor', {
          method: 'POST',
          headers: bridge(),
          body: 'null',
        })
      ).status,
    ).toBe(404);
  });

  it('refuses bridge calls without the token, from another origin, or not as JSON', async () => {
    const { 'x-ccc-token': _t, ...noToken } = bridge();
    expect(
      (
        await http(server.port, '/__ipc/app:info', {
          method: 'POST',
          headers: noToken,
          body: 'null',
        })
      ).status,
    ).toBe(403);
    const otherOrigin = { ...bridge(), origin: 'http://127.0.0.1:9' };
    expect(
      (
        await http(server.port, '/__ipc/app:info', {
          method: 'POST',
          headers: otherOrigin,
          body: 'null',
        })
      ).status,
    ).toBe(403);
    const form = { ...bridge(), 'content-type': 'text/plain' };
    expect(
      (await http(server.port, '/__ipc/app:info', { method: 'POST', headers: form, body: 'null' }))
        .status,
    ).toBe(415);
    expect((await http(server.port, '/__events', { headers: noToken })).status).toBe(403);
  });

  it('streams events to a client holding the token', async () => {
    const first = http(server.port, '/__events', { headers: bridge(), firstChunk: true });
    const r = await first;
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/event-stream');

    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/__events', headers: bridge() },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            text += c;
            if (text.includes(': connected')) emit('app:navigate', { view: 'stats' });
            if (text.includes('event: app:navigate')) {
              res.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(body).toContain('event: app:navigate\ndata: {"view":"stats"}\n\n');
  });
});
