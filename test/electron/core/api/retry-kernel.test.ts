import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createLogger, createMemorySink } from '../../../../electron/core/logger';
import type { HttpPool } from '../../../../electron/core/api/http-pool';
import {
  createApiTransport,
  describeSchemaIssue,
  parseBaseUrl,
  scrubSecrets,
  withRetries,
  type AttemptResult,
} from '../../../../electron/core/api/retry-kernel';
import type { AppError } from '../../../../shared/result';

const error = (code: string, retryable: boolean, message = `failed: ${code}`): AppError => ({
  source: 'ccc',
  code,
  kind: retryable ? 'transient' : 'invalid_parameter',
  message,
  retryable,
});
const ABORTED = error('ABORTED', false, 'cancelled');

/** A transport with recorded sleeps (no real waiting), a fixed random and a memory log. */
function transport(opts: { maxAttempts?: number; random?: number; onSleep?: () => void } = {}) {
  const sleeps: number[] = [];
  const sink = createMemorySink();
  const noPool = {
    post: () => Promise.reject(new Error('the kernel never sends by itself')),
    close: () => Promise.resolve(),
  } as unknown as HttpPool;
  const t = createApiTransport({
    http: noPool,
    retry: { maxAttempts: opts.maxAttempts ?? 3, baseMs: 500, capMs: 8_000 },
    random: () => opts.random ?? 0.5,
    clock: { now: () => 0 },
    logger: createLogger({ sink: sink.sink, level: 'debug' }),
    sleep: async (ms) => {
      sleeps.push(ms);
      opts.onSleep?.();
    },
  });
  return { t, sleeps, sink };
}

/** An attempt function answering from a script, one entry per call. */
function scripted<T>(answers: AttemptResult<T>[]) {
  let calls = 0;
  const attempt = () => Promise.resolve(answers[Math.min(calls++, answers.length - 1)]!);
  return { attempt, calls: () => calls };
}

const call = (over: Partial<Parameters<typeof withRetries>[1]> = {}) => ({
  service: 'ccc',
  name: { action: 'DescribeStaffStatusMetrics' },
  aborted: () => ABORTED,
  ...over,
});

describe('withRetries', () => {
  it('retries a retryable failure with full-jitter waits, attempting afresh each time', async () => {
    const { t, sleeps, sink } = transport();
    const s = scripted<string>([
      { ok: false, error: error('InternalError', true) },
      { ok: false, error: error('InternalError', true) },
      { ok: true, value: 'done', requestId: 'r-3' },
    ]);
    await expect(withRetries(t, call(), s.attempt)).resolves.toEqual({ ok: true, value: 'done' });
    expect(s.calls()).toBe(3);
    // random 0.5 of the ceilings 500 and 1000 ms.
    expect(sleeps).toEqual([250, 500]);
    const messages = sink.records().map((r) => r.msg);
    expect(messages).toEqual([
      'ccc: attempt failed',
      'ccc: retrying',
      'ccc: attempt failed',
      'ccc: retrying',
      'ccc: ok',
    ]);
  });

  it('stops at the attempt limit, and a per-call limit of 1 means no retry', async () => {
    const { t, sleeps } = transport();
    const failing = scripted<string>([{ ok: false, error: error('RequestLimitExceeded', true) }]);
    const r = await withRetries(t, call(), failing.attempt);
    expect(r).toMatchObject({ ok: false, error: { code: 'RequestLimitExceeded' } });
    expect(failing.calls()).toBe(3);
    const once = scripted<string>([{ ok: false, error: error('RequestLimitExceeded', true) }]);
    await withRetries(t, call({ maxAttempts: 1 }), once.attempt);
    expect(once.calls()).toBe(1);
    expect(sleeps).toHaveLength(2);
  });

  it('never retries a failure that is not retryable', async () => {
    const { t, sleeps } = transport();
    const s = scripted<string>([{ ok: false, error: error('InvalidParameter', false) }]);
    expect((await withRetries(t, call(), s.attempt)).ok).toBe(false);
    expect(s.calls()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('tries again at once, without using up an attempt, when asked to (only once)', async () => {
    const { t, sleeps } = transport({ maxAttempts: 1 });
    const s = scripted<string>([
      { ok: false, error: error('AuthFailure.SignatureExpire', false), again: true },
      { ok: true, value: 're-signed' },
    ]);
    await expect(withRetries(t, call(), s.attempt)).resolves.toEqual({
      ok: true,
      value: 're-signed',
    });
    expect(sleeps).toEqual([]);
    const twice = scripted<string>([
      { ok: false, error: error('AuthFailure.SignatureExpire', false), again: true },
    ]);
    expect((await withRetries(t, call(), twice.attempt)).ok).toBe(false);
    expect(twice.calls()).toBe(2);
  });

  it('ends with the abort error before the next attempt once the signal aborts', async () => {
    const controller = new AbortController();
    const { t } = transport({ onSleep: () => controller.abort() });
    const s = scripted<string>([{ ok: false, error: error('InternalError', true) }]);
    const r = await withRetries(t, call({ signal: controller.signal }), s.attempt);
    expect(r).toEqual({ ok: false, error: ABORTED });
    expect(s.calls()).toBe(1);
    const before = scripted<string>([{ ok: true, value: 'never' }]);
    expect(await withRetries(t, call({ signal: controller.signal }), before.attempt)).toEqual({
      ok: false,
      error: ABORTED,
    });
    expect(before.calls()).toBe(0);
  });

  it('scrubs what the attempt sent from the error it returns and from the log', async () => {
    const secret = 'sk/+secret=value-123';
    const { t, sink } = transport();
    const s = scripted<string>([
      {
        ok: false,
        error: error('Odd', false, `echoed ${secret} and ${encodeURIComponent(secret)}`),
        secrets: [secret, undefined, 'ab'],
      },
    ]);
    const r = await withRetries(t, call(), s.attempt);
    expect(!r.ok && r.error.message).toBe('echoed *** and ***');
    expect(sink.lines.join('\n')).not.toContain(secret);
  });
});

describe('scrubSecrets', () => {
  it('masks every raw and URL-encoded occurrence, leaves short secrets and survives lone surrogates', () => {
    expect(scrubSecrets('a=xx%2Byy&b=xx+yy', ['xx+yy'])).toBe('a=***&b=***');
    expect(scrubSecrets('abc', ['abc'])).toBe('abc'); // too short to be told from chance
    expect(scrubSecrets('key \ud800bad key', ['\ud800bad'])).toBe('key *** key');
    expect(scrubSecrets('nothing here', [])).toBe('nothing here');
  });
});

describe('parseBaseUrl', () => {
  it.each([
    ['https://ccc.tencentcloudapi.com', true],
    ['http://127.0.0.1:8080/base/', true],
    ['ftp://host/', 'not_plain'],
    ['https://user@host/', 'not_plain'],
    ['https://:pw@host/', 'not_plain'],
    ['https://host/?usersig=x', 'not_plain'],
    ['javascript:alert(1)', 'not_plain'],
    ['not a url', 'invalid'],
    [undefined, 'invalid'],
  ])('%s -> %s', (raw, expected) => {
    const r = parseBaseUrl(raw);
    expect(r.ok ? true : r.error).toBe(expected);
  });
});

describe('describeSchemaIssue', () => {
  it('names the first issue by its path under the root', () => {
    const schema = z.object({ Data: z.array(z.object({ AgentId: z.string() })) });
    const r = schema.safeParse({ Data: [{ AgentId: 'a' }, { AgentId: 7 }] });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(describeSchemaIssue(r.error, 'Response')).toMatch(/^Response\.Data\[1\]\.AgentId: /);
    const top = z.string().safeParse(1);
    expect(!top.success && describeSchemaIssue(top.error, 'body')).toMatch(/^body: /);
  });
});

describe('createApiTransport', () => {
  it('closes its own pool but never a shared one', async () => {
    let closed = 0;
    const shared = { post: () => Promise.reject(), close: async () => void closed++ };
    await createApiTransport({ http: shared as unknown as HttpPool }).close();
    expect(closed).toBe(0);
    const own = createApiTransport({});
    await own.close();
    const after = await own.http.post({
      url: 'http://127.0.0.1:9/',
      headers: {},
      body: new Uint8Array(),
    });
    expect(after).toMatchObject({ ok: false, error: { code: 'CLOSED' } });
  });
});
