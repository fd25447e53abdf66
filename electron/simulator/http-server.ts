import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Clock } from '../core/ports';
import { headerValue } from './auth';
import { cccReply, type CccRequest, type SimReply } from './ccc-handler';
import type { FaultSource } from './fault-source';
import type { TransportFault, TransportPlan } from './faults';

/** Path prefix of the IM desk REST commands. */
export const DESK_PREFIX = '/v4/desk_http_svc/';
/** Path prefix of the simulator's control interface. */
export const CONTROL_PREFIX = '/__sim/';
const BODY_LIMIT = 1024 * 1024;

/** What the server routes to. */
export interface SimHttpHandlers {
  ccc(req: CccRequest): SimReply;
  /** The control interface; absent (the app's demo mode): its paths are not found. */
  control?(command: string, token: string, body: string): Promise<SimReply>;
  desk(
    command: string,
    query: URLSearchParams,
    body: string,
  ): Promise<{ status: number; body: string; headers?: Record<string, string> }>;
}

/** Removes one comma between members, the way the seeds' example JSON is broken. */
export function dropOneComma(json: string): string {
  const i = json.indexOf('","');
  if (i >= 0) return json.slice(0, i + 1) + ' ' + json.slice(i + 2);
  const j = json.indexOf(',"');
  return j >= 0 ? json.slice(0, j) + ' ' + json.slice(j + 1) : json.slice(0, -1);
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > BODY_LIMIT) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const gatewayPage = (status: number): string =>
  `<html>\r\n<head><title>${status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>${status} Bad Gateway</h1></center>\r\n<hr><center>stgw</center>\r\n</body>\r\n</html>\r\n`;

/** The answer of an http5xx or nonJson fault (the CCC and the desk endpoints alike); else null. */
function cannedReply(fault: TransportFault | null): SimReply | null {
  if (fault?.kind === 'http5xx') {
    const headers = { 'Content-Type': 'text/html' };
    return { status: fault.status, body: gatewayPage(fault.status), headers };
  }
  if (fault?.kind === 'nonJson') {
    const page =
      '<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>';
    return { status: 200, body: page, headers: { 'Content-Type': 'text/html; charset=utf-8' } };
  }
  return null;
}

/**
 * The simulator's node:http server on 127.0.0.1: CCC API at POST /, desk commands under
 * /v4/desk_http_svc/, control under /__sim/. Always sends a Date header from the simulator
 * clock (plus any injected skew). Applies transport faults, and can stop listening
 * (`refused`) and listen again on the same port.
 */
export class SimHttpServer {
  private servers = new Set<Server>();
  private current: Server | null = null;
  private portNumber = 0;
  private refusing = false;
  private closed = false;
  private reopenTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly timers = new Set<{
    timer: ReturnType<typeof setTimeout>;
    resolve: () => void;
  }>();
  private readonly hung = new Set<ServerResponse>();

  constructor(
    private readonly deps: {
      clock: Clock;
      faults: FaultSource;
      handlers: SimHttpHandlers;
      /** Serve HTTPS with this key and certificate (PEM), like the real service. */
      tls?: { key: string; cert: string };
    },
  ) {}

  get port(): number {
    return this.portNumber;
  }

  /** Starts listening on 127.0.0.1 (`port` 0 picks a free one). */
  async listen(port: number): Promise<void> {
    const onRequest = (req: IncomingMessage, res: ServerResponse) => void this.onRequest(req, res);
    const tls = this.deps.tls;
    const server: Server = tls
      ? createTlsServer({ key: tls.key, cert: tls.cert }, onRequest)
      : createServer(onRequest);
    server.keepAliveTimeout = 5_000;
    this.servers.add(server);
    server.on('close', () => this.servers.delete(server));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address();
    this.portNumber = typeof addr === 'object' && addr ? addr.port : port;
    this.current = server;
  }

  /** Stops accepting connections (clients get ECONNREFUSED) until reopen(), or for `forMs`. */
  refuse(forMs?: number): void {
    if (this.closed) return;
    this.refusing = true;
    const server = this.current;
    this.current = null;
    // Stop listening now; requests already in flight finish with Connection: close.
    server?.close();
    server?.closeIdleConnections();
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    // A failed re-listen (port taken meanwhile) leaves the simulator refusing; never an unhandled rejection.
    this.reopenTimer = forMs ? setTimeout(() => this.reopen().catch(() => undefined), forMs) : null;
  }

  /** Listens again on the same port after refuse(). */
  async reopen(): Promise<void> {
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
    this.deps.faults.clearKind('refused');
    if (!this.refusing || this.closed) return;
    this.refusing = false;
    await this.listen(this.portNumber);
  }

  /** Closes everything: listeners, open and hung connections, pending delays. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    for (const t of this.timers) {
      clearTimeout(t.timer);
      t.resolve();
    }
    this.timers.clear();
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
    const waits = [...this.servers].map(
      (s) =>
        new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        }),
    );
    await Promise.all(waits);
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.timers.add(entry);
    });
  }

  private send(
    res: ServerResponse,
    reply: { status: number; body: string; headers?: Record<string, string> },
    skewMs: number,
  ): void {
    if (res.destroyed || res.headersSent) return;
    res.statusCode = reply.status;
    for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
    if (!res.hasHeader('content-type')) res.setHeader('Content-Type', 'application/json');
    res.setHeader('Date', new Date(this.deps.clock.now() + skewMs).toUTCString());
    if (this.refusing || this.closed) res.setHeader('Connection', 'close');
    res.end(reply.body);
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.refusing || this.closed) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const path = url.pathname;
    try {
      if (path === '/') {
        await this.onCcc(req, res);
        return;
      }
      const skew = this.deps.faults.peekSkewMs();
      const deskPlan = path.startsWith(DESK_PREFIX)
        ? this.deps.faults.takeDeskTransport(path.slice(DESK_PREFIX.length))
        : null;
      if (deskPlan && !(await this.beforeBody(req, res, deskPlan))) return;
      const body = await readBody(req);
      if (body === null) {
        this.send(res, { status: 413, body: '{"error":"request body too large"}' }, skew);
        return;
      }
      if (path.startsWith(CONTROL_PREFIX) && this.deps.handlers.control) {
        const token = headerValue(req.headers, 'x-sim-token');
        const reply = await this.deps.handlers.control(
          path.slice(CONTROL_PREFIX.length),
          token,
          body.toString('utf8'),
        );
        this.send(res, reply, skew);
        return;
      }
      if (path.startsWith(DESK_PREFIX)) {
        const canned = cannedReply(deskPlan?.fault ?? null);
        if (canned) {
          this.send(res, canned, skew);
          return;
        }
        let reply = await this.deps.handlers.desk(
          path.slice(DESK_PREFIX.length),
          url.searchParams,
          body.toString('utf8'),
        );
        if (deskPlan?.fault?.kind === 'malformedJson')
          reply = { ...reply, body: dropOneComma(reply.body) };
        this.send(res, reply, skew);
        return;
      }
      this.send(res, { status: 404, body: '{"error":"not found"}' }, skew);
    } catch {
      this.send(res, { status: 500, body: '{"error":"simulator internal error"}' }, 0);
    }
  }

  /** Latency, then reset or hang: false when the fault took the request (nothing to answer). */
  private async beforeBody(
    req: IncomingMessage,
    res: ServerResponse,
    plan: Omit<TransportPlan, 'skewMs'>,
  ): Promise<boolean> {
    if (plan.latencyMs > 0) {
      await this.delay(plan.latencyMs);
      if (this.closed) {
        req.socket.destroy();
        return false;
      }
    }
    if (plan.fault?.kind === 'reset') {
      req.socket.destroy();
      return false;
    }
    if (plan.fault?.kind === 'hang') {
      this.hung.add(res);
      res.on('close', () => this.hung.delete(res));
      req.resume();
      return false;
    }
    return true;
  }

  private async onCcc(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const plan = this.deps.faults.takeTransport(headerValue(req.headers, 'x-tc-action'));
    if (!(await this.beforeBody(req, res, plan))) return;
    const fault = plan.fault;
    const body = await readBody(req);
    if (body === null) {
      const reply = cccReply(randomUUID(), {
        ok: false,
        code: 'RequestSizeLimitExceeded',
        message: 'The request body exceeds the size limit.',
      });
      this.send(res, reply, plan.skewMs);
      return;
    }
    const canned = cannedReply(fault);
    if (canned) {
      this.send(res, canned, plan.skewMs);
      return;
    }
    let reply = this.deps.handlers.ccc({
      method: req.method ?? 'GET',
      headers: req.headers,
      body,
      serverNowMs: this.deps.clock.now() + plan.skewMs,
    });
    if (fault?.kind === 'malformedJson') reply = { ...reply, body: dropOneComma(reply.body) };
    this.send(res, reply, plan.skewMs);
  }
}
