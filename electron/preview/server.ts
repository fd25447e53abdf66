import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ipcContract, type Channel, type EventName } from '../../shared/ipc-contract';
import type { GuardedHandlers } from '../core/app/operation-guard';
import { bridgeAllowed, hostAllowed, originFor } from './request-guard';

/**
 * The preview's HTTP server on 127.0.0.1: the built renderer (with /__bridge.js put before the app
 * script), POST /__ipc/<channel> (JSON body -> the core's guarded handler, which parses it with
 * the contract -> IpcResult JSON) and GET /__events (Server-Sent Events, one per ipcEvents event).
 * The server's own check: bridge routes need the token, this Host and this Origin
 * (request-guard.ts); every route needs this Host.
 */

/** The page's CSP, sent as a header too (frame-ancestors only works from a header). */
export const PREVIEW_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const MAX_BODY = 1_000_000;

export interface PreviewServerOptions {
  /** Folder of the built renderer (index.html and assets/). */
  rendererDir: string;
  /** The bundled bridge client. */
  bridgeJs: string;
  token: string;
  /** The core's guarded handlers (core/app/operation-guard.ts). */
  handlers: GuardedHandlers;
  /** Subscribes to every core event; returns an unsubscribe function. */
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void;
  /** 0 = a random free port. */
  port?: number;
}

export interface PreviewServer {
  /** http://127.0.0.1:PORT/ (without the token fragment). */
  origin: string;
  port: number;
  close(): Promise<void>;
}

const isChannel = (name: string): name is Channel =>
  Object.prototype.hasOwnProperty.call(ipcContract, name);

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    ...(type.startsWith('text/html')
      ? { 'content-security-policy': PREVIEW_CSP, 'x-frame-options': 'DENY' }
      : {}),
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the server; resolves once it listens. */
export async function startPreviewServer(opts: PreviewServerOptions): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>();
  let port = 0;

  const indexHtml = async (): Promise<string> => {
    const html = await readFile(join(opts.rendererDir, 'index.html'), 'utf8');
    // A classic script runs before the deferred module script: window.ccc exists when the app starts.
    return html.replace('<head>', '<head>\n    <script src="/__bridge.js"></script>');
  };

  const callIpc = async (
    req: IncomingMessage,
    res: ServerResponse,
    channel: string,
  ): Promise<void> => {
    if (req.method !== 'POST') return send(res, 405, 'POST only');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      return send(res, 415, 'JSON only');
    if (!isChannel(channel)) return send(res, 404, 'no such channel');
    const body = await readBody(req);
    if (body === null) return send(res, 413, 'too large');
    let raw: unknown;
    try {
      raw = body.trim() === '' ? null : JSON.parse(body);
    } catch {
      return send(res, 400, 'bad JSON');
    }
    // JSON has no undefined: a channel without input is sent `null`.
    const result = await opts.handlers[channel](raw === null ? undefined : raw);
    send(res, 200, JSON.stringify(result), 'application/json');
  };

  const openStream = (res: ServerResponse): void => {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  };

  const unsubscribe = opts.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const s of streams) s.write(frame);
  });

  const server = createServer((req, res) => {
    void (async () => {
      if (!hostAllowed(req.headers, port)) return send(res, 403, 'forbidden host');
      const path = new URL(req.url ?? '/', originFor(port)).pathname;
      if (path.startsWith('/__ipc/') || path === '/__events') {
        if (!bridgeAllowed(req.headers, port, opts.token)) return send(res, 403, 'forbidden');
        if (path === '/__events')
          return req.method === 'GET' ? openStream(res) : send(res, 405, 'GET only');
        return callIpc(req, res, decodeURIComponent(path.slice('/__ipc/'.length)));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only');
      if (path === '/__bridge.js') return send(res, 200, opts.bridgeJs, TYPES['.js']);
      if (path === '/' || path === '/index.html')
        return send(res, 200, await indexHtml(), TYPES['.html']);
      const file = normalize(join(opts.rendererDir, decodeURIComponent(path)));
      if (!file.startsWith(opts.rendererDir + sep)) return send(res, 404, 'not found');
      try {
        send(res, 200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
      } catch {
        send(res, 404, 'not found');
      }
    })().catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.end();
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  return {
    origin: `${originFor(port)}/`,
    port,
    close: async () => {
      unsubscribe();
      for (const s of streams) s.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
