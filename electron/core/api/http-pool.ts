import { rootCertificates } from 'node:tls';
import { Pool, type Dispatcher } from 'undici';
import { err, ok, type Result } from '../../../shared/result';
import { systemTimers, type TimerHandle, type Timers } from '../ports';

/**
 * A small generic HTTP client over undici for the app's API clients (CCC API 3.0, IM desk REST):
 * POST bytes, get status, headers and body text back. One keep-alive undici `Pool` per origin,
 * reused across calls, so a poll every few seconds does not pay a TCP+TLS handshake each time.
 *
 * Every request has ONE total deadline (connect + headers + body, default 10 s: far below the
 * official SDK's 60 s), enforced with the injected `Timers` so tests can drive it, and backed by
 * undici's own connect/headers/body timeouts set to the same budget. Failures are values
 * (`HttpFailure`) with a stable code; messages are ours, never a header value or a URL query
 * (the desk API carries its UserSig in the query string).
 *
 * Note: undici marks a socket idle one event-loop turn after a response body ends, so two calls
 * made back-to-back in the same turn may use two sockets; calls a turn or more apart (every real
 * poll) share one.
 */

/** What went wrong below HTTP. `kind` decides retry; `code` is stable for programs. */
export interface HttpFailure {
  kind: 'network' | 'tls' | 'timeout' | 'aborted' | 'too_large' | 'invalid_request';
  /** e.g. ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET, UND_ERR_HEADERS_TIMEOUT, DEADLINE, ABORTED. */
  code: string;
  /** A sentence for a person; contains the origin but never a path, query or header value. */
  message: string;
}

/** A complete HTTP response. Any status (including 4xx/5xx) is a response, not a failure. */
export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Body decoded as UTF-8 (invalid sequences become U+FFFD). */
  bodyText: string;
}

/** One POST. `body` is sent exactly as given. */
export interface HttpPostRequest {
  url: string | URL;
  headers: Record<string, string>;
  body: Uint8Array;
  signal?: AbortSignal;
  /** Overrides the pool's total deadline for this request. */
  timeoutMs?: number;
}

export interface HttpPoolOptions {
  /** Total deadline per request (connect + headers + body). Default 10 000 ms. */
  timeoutMs?: number;
  /** TCP/TLS connect timeout; never more than the total deadline. Default 5 000 ms. */
  connectTimeoutMs?: number;
  /** How long an idle keep-alive socket is kept. Default 30 000 ms. */
  keepAliveTimeoutMs?: number;
  /** Sockets per origin. Default 4. */
  connections?: number;
  /** Responses larger than this fail with kind `too_large`. Default 4 MiB. */
  maxBodyBytes?: number;
  /** Drives the total deadline. Default: the real timers. */
  timers?: Timers;
  /**
   * Extra trusted CA certificates (PEM), added to the system roots: for a custom endpoint behind a
   * TLS-inspecting proxy with a corporate CA, or the simulator served over TLS.
   */
  extraCa?: string[];
  /**
   * Use this dispatcher instead of the pool's own per-origin Pools (undici MockAgent in tests, a
   * proxy agent). It is not closed by `close()`: whoever made it owns it.
   */
  dispatcher?: Dispatcher;
}

/** The generic HTTP port. Never throws. */
export interface HttpPool {
  post(request: HttpPostRequest): Promise<Result<HttpResponse, HttpFailure>>;
  /** Closes every pooled socket. Later calls fail with code `CLOSED`. */
  close(): Promise<void>;
}

const DEFAULTS = {
  timeoutMs: 10_000,
  connectTimeoutMs: 5_000,
  keepAliveTimeoutMs: 30_000,
  connections: 4,
  maxBodyBytes: 4 * 1024 * 1024,
};

const positive = (value: number | undefined, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;

const TLS_UNTRUSTED =
  "the server's TLS certificate is not trusted: if your network uses a proxy with its own certificate authority, ask IT to install it; otherwise check the endpoint in Settings";

/** Error codes below HTTP and how we describe them. Unlisted codes become generic network errors. */
const FAILURES: Record<string, { kind: HttpFailure['kind']; text: string }> = {
  ECONNREFUSED: { kind: 'network', text: 'the connection was refused (is the service reachable?)' },
  ECONNRESET: { kind: 'network', text: 'the connection was reset' },
  EPIPE: { kind: 'network', text: 'the connection was closed while sending' },
  ENOTFOUND: {
    kind: 'network',
    text: 'the host name could not be resolved (check the network or DNS)',
  },
  EAI_AGAIN: { kind: 'network', text: 'the host name could not be resolved right now (DNS)' },
  ENETUNREACH: { kind: 'network', text: 'the network is unreachable' },
  EHOSTUNREACH: { kind: 'network', text: 'the host is unreachable' },
  ETIMEDOUT: { kind: 'timeout', text: 'the connection timed out' },
  UND_ERR_SOCKET: { kind: 'network', text: 'the connection closed unexpectedly (socket hang up)' },
  UND_ERR_CLOSED: { kind: 'network', text: 'the connection was closed' },
  UND_ERR_DESTROYED: { kind: 'network', text: 'the connection was closed' },
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: { kind: 'network', text: 'the response was cut short' },
  UND_ERR_CONNECT_TIMEOUT: { kind: 'timeout', text: 'connecting timed out' },
  UND_ERR_HEADERS_TIMEOUT: { kind: 'timeout', text: 'the server did not answer in time' },
  UND_ERR_BODY_TIMEOUT: { kind: 'timeout', text: 'the response body did not arrive in time' },
  UND_ERR_INVALID_ARG: {
    kind: 'invalid_request',
    text: 'the request could not be built (invalid header or URL)',
  },
  UND_ERR_HEADERS_OVERFLOW: { kind: 'network', text: 'the response headers were too large' },
  DEPTH_ZERO_SELF_SIGNED_CERT: { kind: 'tls', text: TLS_UNTRUSTED },
  SELF_SIGNED_CERT_IN_CHAIN: { kind: 'tls', text: TLS_UNTRUSTED },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { kind: 'tls', text: TLS_UNTRUSTED },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: { kind: 'tls', text: TLS_UNTRUSTED },
  CERT_UNTRUSTED: { kind: 'tls', text: TLS_UNTRUSTED },
  ERR_TLS_CERT_ALTNAME_INVALID: { kind: 'tls', text: TLS_UNTRUSTED },
  CERT_HAS_EXPIRED: {
    kind: 'tls',
    text: "the server's TLS certificate has expired (or this computer's date is wrong)",
  },
};

/** Marker reasons so we can tell our deadline from the caller's abort. */
class DeadlineReason extends Error {
  override name = 'TimeoutError';
}

/** Finds a known error code on an error, its `cause` chain, or an AggregateError's members. */
function findCode(error: unknown, depth = 0): string | null {
  if (depth > 5 || error === null || typeof error !== 'object') return null;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && e.code in FAILURES) return e.code;
  if (typeof e.message === 'string' && /socket hang up/i.test(e.message)) return 'UND_ERR_SOCKET';
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = findCode(inner, depth + 1);
      if (code) return code;
    }
  }
  const fromCause = findCode(e.cause, depth + 1);
  if (fromCause) return fromCause;
  return typeof e.code === 'string' && /^[A-Z0-9_]+$/.test(e.code) ? e.code : null;
}

/**
 * Maps anything thrown by undici or Node's sockets to an `HttpFailure`. Exported for the IM desk
 * client and for tests; `origin` is the only request detail it puts in the message.
 */
export function toHttpFailure(error: unknown, origin: string): HttpFailure {
  const code = findCode(error);
  const known = code ? FAILURES[code] : undefined;
  if (code && known) return { kind: known.kind, code, message: `${origin}: ${known.text}` };
  return {
    kind: 'network',
    code: code ?? 'NETWORK',
    message: `${origin}: the request failed below HTTP${code ? ` (${code})` : ''}`,
  };
}

function flattenHeaders(
  raw: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Creates a pool. Sockets are opened lazily, one Pool per origin, and kept alive between calls. */
export function createHttpPool(options: HttpPoolOptions = {}): HttpPool {
  const timeoutMs = positive(options.timeoutMs, DEFAULTS.timeoutMs);
  const connectTimeoutMs = positive(options.connectTimeoutMs, DEFAULTS.connectTimeoutMs);
  const keepAliveTimeoutMs = positive(options.keepAliveTimeoutMs, DEFAULTS.keepAliveTimeoutMs);
  const connections = Math.floor(positive(options.connections, DEFAULTS.connections));
  const maxBodyBytes = positive(options.maxBodyBytes, DEFAULTS.maxBodyBytes);
  const timers = options.timers ?? systemTimers;
  const pools = new Map<string, Pool>();
  let closed = false;

  const dispatcherFor = (origin: string): Dispatcher => {
    if (options.dispatcher) return options.dispatcher;
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections,
        keepAliveTimeout: keepAliveTimeoutMs,
        connect: {
          timeout: Math.min(connectTimeoutMs, timeoutMs),
          ...(options.extraCa?.length ? { ca: [...rootCertificates, ...options.extraCa] } : {}),
        },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      pools.set(origin, pool);
    }
    return pool;
  };

  async function post(request: HttpPostRequest): Promise<Result<HttpResponse, HttpFailure>> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return err({
        kind: 'invalid_request',
        code: 'INVALID_URL',
        message: 'the request URL is not valid',
      });
    }
    const origin = url.origin;
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return err({
        kind: 'invalid_request',
        code: 'INVALID_URL',
        message: `${origin}: only http and https are supported`,
      });
    }
    if (closed)
      return err({
        kind: 'network',
        code: 'CLOSED',
        message: `${origin}: the HTTP pool is closed`,
      });
    if (request.signal?.aborted) {
      return err({
        kind: 'aborted',
        code: 'ABORTED',
        message: `${origin}: the request was cancelled`,
      });
    }

    const deadlineMs = positive(request.timeoutMs, timeoutMs);
    const controller = new AbortController();
    let deadlineHit = false;
    let callerAborted = false;
    const onCallerAbort = (): void => {
      callerAborted = true;
      controller.abort(request.signal?.reason);
    };
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const handle: TimerHandle = timers.setTimeout(() => {
      deadlineHit = true;
      controller.abort(new DeadlineReason(`deadline of ${deadlineMs} ms`));
    }, deadlineMs);

    const fail = (error: unknown): Result<never, HttpFailure> => {
      if (callerAborted)
        return err({
          kind: 'aborted',
          code: 'ABORTED',
          message: `${origin}: the request was cancelled`,
        });
      if (deadlineHit) {
        return err({
          kind: 'timeout',
          code: 'DEADLINE',
          message: `${origin}: no complete answer within ${Math.round(deadlineMs / 100) / 10} s`,
        });
      }
      return err(toHttpFailure(error, origin));
    };

    try {
      const response = await dispatcherFor(origin).request({
        origin,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: request.headers,
        body: Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength),
        signal: controller.signal,
        headersTimeout: Math.min(deadlineMs, timeoutMs),
        bodyTimeout: Math.min(deadlineMs, timeoutMs),
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        size += buf.byteLength;
        if (size > maxBodyBytes) {
          response.body.destroy();
          return err({
            kind: 'too_large',
            code: 'BODY_TOO_LARGE',
            message: `${origin}: the response is larger than ${maxBodyBytes} bytes`,
          });
        }
        chunks.push(buf);
      }
      return ok({
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        bodyText: Buffer.concat(chunks, size).toString('utf8'),
      });
    } catch (error) {
      return fail(error);
    } finally {
      timers.clearTimeout(handle);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  async function close(): Promise<void> {
    closed = true;
    const all = [...pools.values()];
    pools.clear();
    await Promise.allSettled(all.map((pool) => pool.close()));
  }

  return { post, close };
}
