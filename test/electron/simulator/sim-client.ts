import { request, type IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../../../electron/core/ports';
import { signTc3 } from '../../../electron/core/api/tc3-signer';
import type { RunningSimulator } from '../../../electron/simulator/index';

/** An HTTP answer read off a real socket. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Abort (and reject) when no answer comes within this many real ms. */
  timeoutMs?: number;
}

/** One request over a fresh loopback connection (no keep-alive pooling between tests). */
export function rawRequest(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(req.path ?? '/', baseUrl);
  return new Promise((resolve, reject) => {
    const r = request(
      url,
      {
        method: req.method ?? 'POST',
        headers: req.headers ?? {},
        agent: false,
        timeout: req.timeoutMs ?? 5_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    r.on('timeout', () =>
      r.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })),
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

export interface SignOverrides {
  secretId?: string;
  secretKey?: string;
  token?: string;
  /** Epoch seconds; default: the clock's now. */
  timestamp?: number;
  /** Host to sign (default 127.0.0.1). */
  signedHost?: string;
  service?: string;
  contentType?: string;
  /** Extra or replacement headers; a value of null removes the header. */
  headers?: Record<string, string | null>;
  /** Rewrites the Authorization header after signing. */
  mapAuthorization?: (auth: string) => string;
  /** Sends different bytes from those signed. */
  sentBody?: string;
  timeoutMs?: number;
}

/** The parsed `Response` of an API 3.0 answer (any: tests inspect arbitrary fields). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiResponse = Record<string, any>;

/** Calls a CCC action with a correct TC3 signature (each override breaks one rule). */
export async function cccCall(
  sim: Pick<RunningSimulator, 'url' | 'credentials'>,
  clock: Clock,
  action: string,
  params: Record<string, unknown>,
  o: SignOverrides = {},
): Promise<RawResponse & { response: ApiResponse }> {
  const body = JSON.stringify(params);
  const contentType = o.contentType ?? 'application/json; charset=utf-8';
  const timestamp = o.timestamp ?? Math.floor(clock.now() / 1000);
  const signed = signTc3({
    secretId: o.secretId ?? sim.credentials.secretId,
    secretKey: o.secretKey ?? sim.credentials.secretKey,
    service: o.service ?? 'ccc',
    host: o.signedHost ?? '127.0.0.1',
    timestamp,
    body,
    contentType,
  });
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    Authorization: o.mapAuthorization
      ? o.mapAuthorization(signed.authorization)
      : signed.authorization,
    'X-TC-Action': action,
    'X-TC-Version': '2020-02-10',
    'X-TC-Timestamp': String(timestamp),
  };
  if (o.token) headers['X-TC-Token'] = o.token;
  for (const [k, v] of Object.entries(o.headers ?? {})) {
    const existing = Object.keys(headers).find((h) => h.toLowerCase() === k.toLowerCase());
    if (existing) delete headers[existing];
    if (v !== null) headers[k] = v;
  }
  const res = await rawRequest(sim.url, {
    headers,
    body: o.sentBody ?? body,
    timeoutMs: o.timeoutMs,
  });
  let response: ApiResponse = {};
  try {
    response = (JSON.parse(res.body) as { Response: ApiResponse }).Response;
  } catch {
    // Fault tests look at res.body themselves.
  }
  return { ...res, response };
}

/** Sends a control command over HTTP. */
export async function controlCall(
  sim: Pick<RunningSimulator, 'url' | 'controlToken'>,
  command: string,
  args: unknown = {},
  token: string | null = sim.controlToken,
): Promise<{ status: number; json: ApiResponse }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== null) headers['x-sim-token'] = token;
  const res = await rawRequest(sim.url, {
    path: `/__sim/${command}`,
    headers,
    body: JSON.stringify(args),
  });
  return { status: res.status, json: JSON.parse(res.body) as ApiResponse };
}

/** Unwraps a control Result in a test (fails loudly when it is an error). */
export function must<T>(
  r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!r.ok) throw new Error(`control failed: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** 09:30 local time (UTC+8) on a Monday: a working hour in the simulated account's zone. */
export const MORNING = Date.UTC(2025, 2, 10, 1, 30, 0);
