import { createRequire } from 'node:module';
import { deflateSync, inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkPastedUserSig,
  decodeUserSig,
  genUserSig,
  keyUserSigProvider,
  pastedUserSigProvider,
  userSigSignedWith,
  userSigState,
} from '../../../../electron/core/api/usersig';

// Reference vector (shared/reference/tencent-api.md section 3), made with tls-sig-api-v2.
const VECTOR = {
  sdkAppId: 1400000000,
  key: '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e',
  identifier: 'administrator',
  lifetimeSeconds: 86400,
  nowSeconds: 1551113065,
  sig: 'Qmwj8e4JmOyTwpJpN3wU7IfWH2F6hz80AjBGQ8RaREs=',
};

const require = createRequire(import.meta.url);
const { Api } = require('tls-sig-api-v2') as {
  Api: new (sdkappid: number, key: string) => { genUserSig(id: string, expire: number): string };
};

const inflateDoc = (s: string): Record<string, unknown> =>
  JSON.parse(
    inflateSync(
      Buffer.from(s.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64'),
    ).toString(),
  ) as Record<string, unknown>;

const encodeDoc = (doc: unknown, level = 6): string =>
  deflateSync(Buffer.from(JSON.stringify(doc)), { level })
    .toString('base64')
    .replace(/\+/g, '*')
    .replace(/\//g, '-')
    .replace(/=/g, '_');

const clockAt = (sec: number) => {
  let now = sec * 1000;
  return { now: () => now, set: (s: number) => (now = s * 1000) };
};

afterEach(() => {
  vi.useRealTimers();
});

describe('genUserSig', () => {
  it('reproduces the reference vector', () => {
    const sig = genUserSig(VECTOR);
    const doc = inflateDoc(sig);
    expect(doc).toEqual({
      'TLS.ver': '2.0',
      'TLS.identifier': 'administrator',
      'TLS.sdkappid': 1400000000,
      'TLS.time': 1551113065,
      'TLS.expire': 86400,
      'TLS.sig': VECTOR.sig,
    });
  });

  it('matches the official tls-sig-api-v2 package (same doc, same bytes)', () => {
    vi.useFakeTimers();
    for (const [id, appId, expire, t] of [
      ['administrator', 1400000000, 86400, 1551113065],
      ['admin', 1600012345, 180 * 86400, 1736697600],
      ['客服-管理员', 20000001, 3600, 1700000000],
    ] as const) {
      vi.setSystemTime(t * 1000);
      const official: string = new Api(appId, VECTOR.key).genUserSig(id, expire);
      const ours = genUserSig({
        sdkAppId: appId,
        key: VECTOR.key,
        identifier: id,
        lifetimeSeconds: expire,
        nowSeconds: t,
      });
      expect(inflateDoc(ours)).toEqual(inflateDoc(official));
      expect(ours).toBe(official);
    }
  });
});

describe('decodeUserSig', () => {
  it('reads identifier, SDKAppID, issue time and expiry', () => {
    const r = decodeUserSig(genUserSig(VECTOR));
    expect(r.ok && r.value).toMatchObject({
      identifier: 'administrator',
      sdkAppId: 1400000000,
      issuedAt: 1551113065,
      lifetimeSeconds: 86400,
      expiresAt: 1551113065 + 86400,
      sig: VECTOR.sig,
    });
  });

  it('parses any key order and compression level, and checks the HMAC', () => {
    const doc = {
      'TLS.sig': VECTOR.sig,
      'TLS.expire': 86400,
      'TLS.time': 1551113065,
      'TLS.sdkappid': 1400000000,
      'TLS.identifier': 'administrator',
      'TLS.ver': '2.0',
    };
    for (const level of [0, 1, 9]) {
      const r = decodeUserSig(encodeDoc(doc, level));
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(userSigSignedWith(r.value, VECTOR.key)).toBe(true);
        expect(userSigSignedWith(r.value, VECTOR.key.replace('5', '6'))).toBe(false);
      }
    }
  });

  it.each([
    ['', 'usersig_empty'],
    ['abc def', 'usersig_malformed'],
    ['"eJyrVkrOzy9KSS1SslIqLU4tUqoFAEC1Bp4_"', 'usersig_malformed'],
    ['AAAAAAAAAAAA', 'usersig_malformed'],
    [encodeDoc({ hello: 'world' }), 'usersig_malformed'],
    [
      encodeDoc({
        'TLS.identifier': 'a',
        'TLS.sdkappid': -1,
        'TLS.time': 1,
        'TLS.expire': 1,
        'TLS.sig': 'x',
      }),
      'usersig_malformed',
    ],
    [
      deflateSync(Buffer.from('not json')).toString('base64').replace(/=/g, '_'),
      'usersig_malformed',
    ],
  ])('rejects %j with %s and a readable message', (input, code) => {
    const r = decodeUserSig(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ source: 'desk', code, kind: 'usersig', retryable: false });
      expect(r.error.message.length).toBeGreaterThan(20);
    }
  });

  it('names the bad fields', () => {
    const r = decodeUserSig(encodeDoc({ 'TLS.identifier': 'a', 'TLS.sdkappid': 1, 'TLS.time': 1 }));
    expect(!r.ok && r.error.message).toMatch(/TLS\.expire.*TLS\.sig/);
  });
});

describe('expiry', () => {
  const sig = genUserSig(VECTOR);
  const expiresAt = VECTOR.nowSeconds + VECTOR.lifetimeSeconds;

  it('is valid up to and including time + expire, expired one second later', () => {
    const info = decodeUserSig(sig);
    if (!info.ok) throw new Error('decode');
    expect(userSigState(info.value, expiresAt - 7200, 3600)).toBe('valid');
    expect(userSigState(info.value, expiresAt - 3600, 3600)).toBe('expiring');
    expect(userSigState(info.value, expiresAt, 3600)).toBe('expiring');
    expect(userSigState(info.value, expiresAt + 1, 3600)).toBe('expired');
  });

  it('checkPastedUserSig warns before expiry and names the date when expired', () => {
    const early = checkPastedUserSig(sig, {
      nowSeconds: VECTOR.nowSeconds,
      warnBeforeSeconds: 3600,
    });
    expect(early.ok && early.value.warning).toBeNull();
    const late = checkPastedUserSig(sig, { nowSeconds: expiresAt - 1800, warnBeforeSeconds: 3600 });
    expect(late.ok && late.value.state).toBe('expiring');
    expect(late.ok && late.value.warning).toMatch(/expires in 30 minute/);
    const gone = checkPastedUserSig(sig, { nowSeconds: expiresAt + 1 });
    expect(!gone.ok && gone.error.code).toBe('usersig_expired');
    expect(!gone.ok && gone.error.message).toContain('2019-02-26T16:44:25Z');
  });

  it('checkPastedUserSig rejects a UserSig for another identifier or application', () => {
    const id = checkPastedUserSig(sig, {
      nowSeconds: VECTOR.nowSeconds,
      expectedIdentifier: 'admin',
    });
    expect(!id.ok && id.error.code).toBe('usersig_identifier_mismatch');
    expect(!id.ok && id.error.message).toContain('"administrator"');
    const app = checkPastedUserSig(sig, {
      nowSeconds: VECTOR.nowSeconds,
      expectedSdkAppId: 1400000001,
    });
    expect(!app.ok && app.error.code).toBe('usersig_sdkappid_mismatch');
  });
});

describe('providers', () => {
  it('keyUserSigProvider caches and regenerates well before expiry', () => {
    const clock = clockAt(1_700_000_000);
    let keyReads = 0;
    const p = keyUserSigProvider({
      sdkAppId: 1400000000,
      identifier: 'administrator',
      key: () => {
        keyReads++;
        return VECTOR.key;
      },
      clock,
      lifetimeSeconds: 86400,
    });
    const first = p.get();
    expect(first.ok).toBe(true);
    clock.set(1_700_000_000 + 43_199);
    expect(p.get()).toEqual(first);
    expect(keyReads).toBe(1);
    clock.set(1_700_000_000 + 43_200); // half the lifetime: regenerate, 12 h before expiry
    const second = p.get();
    expect(second.ok && first.ok && second.value !== first.value).toBe(true);
    expect(p.info()?.issuedAt).toBe(1_700_000_000 + 43_200);
    expect(keyReads).toBe(2);
    if (second.ok) {
      const d = decodeUserSig(second.value);
      expect(d.ok && userSigSignedWith(d.value, VECTOR.key)).toBe(true);
    }
  });

  it('keyUserSigProvider regenerates when the clock jumps backwards, and reports a missing key', () => {
    const clock = clockAt(1_700_000_000);
    const p = keyUserSigProvider({ sdkAppId: 1, identifier: 'a', key: () => VECTOR.key, clock });
    p.get();
    clock.set(1_699_990_000);
    p.get();
    expect(p.info()?.issuedAt).toBe(1_699_990_000);
    const none = keyUserSigProvider({ sdkAppId: 1, identifier: 'a', key: () => null, clock }).get();
    expect(!none.ok && none.error).toMatchObject({ code: 'usersig_no_key', kind: 'config' });
  });

  it('pastedUserSigProvider serves a valid UserSig and refuses it once expired', () => {
    const clock = clockAt(VECTOR.nowSeconds + 10);
    const sig = genUserSig(VECTOR);
    const p = pastedUserSigProvider(`  ${sig}\n`, { clock, expectedIdentifier: 'administrator' });
    expect(p.get()).toEqual({ ok: true, value: sig });
    expect(p.info()?.expiresAt).toBe(VECTOR.nowSeconds + 86400);
    clock.set(VECTOR.nowSeconds + 86401);
    const r = p.get();
    expect(!r.ok && r.error.code).toBe('usersig_expired');
  });
});
