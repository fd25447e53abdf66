import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { err, ok, type AppError, type Result } from '../../../shared/result';
import {
  silentLogger,
  systemClock,
  systemTimers,
  type Clock,
  type Logger,
  type Timers,
} from '../ports';
import {
  abortableSleep,
  fullJitterDelayMs,
  normalizeRetryPolicy,
  type RetryPolicy,
} from './backoff';
import { createHttpPool, type HttpPool } from './http-pool';

/**
 * The skeleton both API clients share (CCC API 3.0, IM desk REST), so each keeps only what its
 * protocol needs (signing, envelope, paging): the HTTP pool with its per-attempt deadline, the
 * endpoint URL check, bounded full-jitter retries with an abort signal, secret scrubbing and the
 * description of a response that does not match its schema. Internal to electron/core/api: the
 * clients' exported names and options stay as they were. Plain TypeScript over the ports, nothing
 * desktop-only, so a server can use the clients as they are.
 */

/** The transport options both clients take (same names, same defaults). */
export interface TransportOptions {
  /** Total deadline per attempt (connect + headers + body). Default 10 000 ms. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** Default 3 attempts, full jitter below 500 ms * 2^n, capped at 8 s. */
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  timers?: Timers;
  /** Waits between retries; resolves early when `signal` aborts. Default: `timers`. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** [0, 1): the retry jitter (and whatever else the client draws). */
  random?: () => number;
  logger?: Logger;
  /** A shared HTTP pool; the client does not close it. Default: its own pool. */
  http?: HttpPool;
  /** Dispatcher for the client's own pool (undici MockAgent in tests). */
  dispatcher?: Dispatcher;
}

/** A client's transport: the options with their defaults, and the pool. */
export interface ApiTransport {
  http: HttpPool;
  clock: Clock;
  random: () => number;
  logger: Logger;
  retry: Partial<RetryPolicy> | undefined;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Closes the pool if the client made it (a shared one is its owner's to close). */
  close(): Promise<void>;
}

/** Fills in the defaults and opens the client's own pool unless one is shared. */
export function createApiTransport(options: TransportOptions): ApiTransport {
  const timers = options.timers ?? systemTimers;
  const own = options.http
    ? null
    : createHttpPool({
        timeoutMs: options.timeoutMs,
        connectTimeoutMs: options.connectTimeoutMs,
        timers,
        dispatcher: options.dispatcher,
      });
  return {
    http: options.http ?? (own as HttpPool),
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    logger: options.logger ?? silentLogger,
    retry: options.retry,
    sleep: options.sleep ?? abortableSleep(timers),
    close: async () => {
      await own?.close();
    },
  };
}

/** Why an endpoint URL cannot be used. */
export type BaseUrlProblem = 'invalid' | 'not_plain';

/** An endpoint as a URL: http(s), no credentials in it, no query. */
export function parseBaseUrl(raw: unknown): Result<URL, BaseUrlProblem> {
  if (typeof raw !== 'string') return err('invalid');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return err('invalid');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password)
    return err('not_plain');
  return url.search ? err('not_plain') : ok(url);
}

/**
 * `text` with every occurrence of each secret (as sent, and URL-encoded) replaced by `***`.
 * Secrets shorter than 4 characters are left alone (they would match by chance). Never throws
 * (a lone surrogate cannot be URL-encoded: its raw form is all there is to look for).
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    let encoded = secret;
    try {
      encoded = encodeURIComponent(secret);
    } catch {
      // keep the raw form only
    }
    for (const form of new Set([secret, encoded])) out = out.split(form).join('***');
  }
  return out;
}

/** The first schema issue of a response, as `<root>.Path[0].Field: message`. */
export function describeSchemaIssue(error: z.ZodError, root: string): string {
  const issue = error.issues[0];
  if (!issue) return 'the fields are not as documented';
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${root}${path}: ${issue.message}`;
}

/** One attempt's answer. `secrets`: what the attempt sent, scrubbed from its error. */
export type AttemptResult<T> =
  | { ok: true; value: T; requestId?: string }
  | {
      ok: false;
      error: AppError;
      secrets?: readonly (string | undefined)[];
      /** Try again at once without using up an attempt (a re-sign with a corrected clock);
       * honoured once per call. */
      again?: boolean;
    };

/** What one call is, for the loop and its log lines. */
export interface RetryCall {
  /** The log prefix: `ccc`, `desk`. */
  service: string;
  /** Log fields naming the call (`{ action }`, `{ command }`). */
  name: Record<string, string>;
  /** A per-call attempt limit over the client's policy (`maxAttempts: 1` = no retry). */
  maxAttempts?: number;
  signal?: AbortSignal;
  /** The error an aborted call ends with. */
  aborted(): AppError;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or the attempts are used
 * up, waiting a full-jitter delay between tries; an abort ends the loop before the next attempt.
 * `attempt` is called afresh each time, so it signs (timestamp, credentials, UserSig) anew.
 * Never throws; every error it returns has the attempt's secrets scrubbed.
 */
export async function withRetries<T>(
  t: ApiTransport,
  call: RetryCall,
  attempt: () => Promise<AttemptResult<T>>,
): Promise<Result<T>> {
  const policy = normalizeRetryPolicy(t.retry, call.maxAttempts);
  const { service, name } = call;
  let used = 0;
  let againUsed = false;
  for (;;) {
    if (call.signal?.aborted) return err(call.aborted());
    const started = t.clock.now();
    const outcome = await attempt();
    if (outcome.ok) {
      const requestId = outcome.requestId ? { requestId: outcome.requestId } : {};
      t.logger.log('debug', `${service}: ok`, {
        ...name,
        ...requestId,
        ms: t.clock.now() - started,
      });
      return ok(outcome.value);
    }
    const message = scrubSecrets(outcome.error.message, outcome.secrets ?? []);
    const error = message === outcome.error.message ? outcome.error : { ...outcome.error, message };
    t.logger.log('info', `${service}: attempt failed`, {
      ...name,
      code: error.code,
      kind: error.kind,
      requestId: error.requestId,
      attempt: used + 1,
    });
    if (outcome.again && !againUsed) {
      againUsed = true;
      continue;
    }
    used += 1;
    if (!error.retryable || used >= policy.maxAttempts) return err(error);
    const delay = fullJitterDelayMs(used - 1, policy, t.random);
    t.logger.log('info', `${service}: retrying`, {
      ...name,
      code: error.code,
      delayMs: delay,
      attempt: used + 1,
    });
    await t.sleep(delay, call.signal);
  }
}
