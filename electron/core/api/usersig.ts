import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { z } from 'zod';
import type { Clock } from '../ports';
import { err, ok, type AppError, type Result } from '../../../shared/result';

/**
 * TLSSigAPIv2 UserSig: generation from an IM key (byte-compatible with Tencent's
 * `tls-sig-api-v2`), decoding and checking of a pasted one, and providers the desk client asks
 * for a valid UserSig before every request. Regeneration happens well before expiry, so the
 * service's 70001 (expired) is never the trigger.
 */

/** What a UserSig says about itself (the decoded JSON). Times in epoch seconds. */
export interface UserSigInfo {
  identifier: string;
  sdkAppId: number;
  /** `TLS.time`: when it was issued. */
  issuedAt: number;
  /** `TLS.expire`: lifetime in seconds. */
  lifetimeSeconds: number;
  /** `issuedAt + lifetimeSeconds`: the last second it is valid. */
  expiresAt: number;
  /** `TLS.sig`: base64 HMAC-SHA256. */
  sig: string;
  version: string;
  /** `TLS.userbuf` when present (TRTC privilege keys; never for the desk). */
  userBuf: string | null;
}

export interface GenUserSigInput {
  sdkAppId: number;
  /** The IM application key (the console's "key"), used as the HMAC key as-is. */
  key: string;
  identifier: string;
  /** Lifetime in seconds (`TLS.expire`). */
  lifetimeSeconds: number;
  /** Issue time in integer epoch seconds (`TLS.time`). */
  nowSeconds: number;
}

/** The exact text TLSSigAPIv2 signs. */
export function userSigContent(
  identifier: string,
  sdkAppId: number,
  time: number,
  expire: number,
  userBuf: string | null = null,
): string {
  let s = `TLS.identifier:${identifier}\nTLS.sdkappid:${sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\n`;
  if (userBuf !== null) s += `TLS.userbuf:${userBuf}\n`;
  return s;
}

/** `TLS.sig`: standard base64 of HMAC-SHA256(key, content). */
export function userSigHmac(
  key: string,
  identifier: string,
  sdkAppId: number,
  time: number,
  expire: number,
  userBuf: string | null = null,
): string {
  return createHmac('sha256', key)
    .update(userSigContent(identifier, sdkAppId, time, expire, userBuf), 'utf8')
    .digest('base64');
}

const escapeB64 = (s: string): string =>
  s.replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
const unescapeB64 = (s: string): string =>
  s.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');

/** Generates an administrator UserSig exactly as `tls-sig-api-v2`'s `genUserSig` does. */
export function genUserSig(input: GenUserSigInput): string {
  const time = Math.floor(input.nowSeconds);
  const doc = {
    'TLS.ver': '2.0',
    'TLS.identifier': String(input.identifier),
    'TLS.sdkappid': Number(input.sdkAppId),
    'TLS.time': time,
    'TLS.expire': Number(input.lifetimeSeconds),
    'TLS.sig': userSigHmac(
      input.key,
      input.identifier,
      input.sdkAppId,
      time,
      input.lifetimeSeconds,
    ),
  };
  return escapeB64(deflateSync(Buffer.from(JSON.stringify(doc), 'utf8')).toString('base64'));
}

const sigDocSchema = z.object({
  'TLS.ver': z.string().optional(),
  'TLS.identifier': z.string().min(1),
  'TLS.sdkappid': z.union([
    z.number().int().positive(),
    z.string().regex(/^\d+$/).transform(Number),
  ]),
  'TLS.time': z.union([
    z.number().int().nonnegative(),
    z.string().regex(/^\d+$/).transform(Number),
  ]),
  'TLS.expire': z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]),
  'TLS.sig': z.string().min(1),
  'TLS.userbuf': z.string().optional(),
});

const usersigError = (code: string, message: string): AppError => ({
  source: 'desk',
  code,
  kind: 'usersig',
  message,
  retryable: false,
});

/**
 * Decodes a UserSig into what it says about itself. Accepts any key order and any zlib
 * compression level (it parses, never compares bytes). Never throws; a malformed string gets an
 * error naming what is wrong. Does NOT verify the HMAC (that needs the key).
 */
export function decodeUserSig(userSig: string): Result<UserSigInfo> {
  const text = userSig.trim();
  if (text === '')
    return err(
      usersigError('usersig_empty', 'The UserSig is empty. Paste the administrator UserSig.'),
    );
  if (!/^[A-Za-z0-9*\-_]+$/.test(text)) {
    return err(
      usersigError(
        'usersig_malformed',
        'The UserSig contains characters a UserSig never has (only letters, digits, "*", "-" and "_"). Copy it again without spaces or quotes.',
      ),
    );
  }
  let json: string;
  try {
    json = inflateSync(Buffer.from(unescapeB64(text), 'base64')).toString('utf8');
  } catch {
    return err(
      usersigError(
        'usersig_malformed',
        'The UserSig could not be decoded (it is not a compressed TLSSigAPIv2 signature). It may be cut off: copy the whole value again.',
      ),
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return err(
      usersigError(
        'usersig_malformed',
        'The UserSig decodes, but not to the expected JSON document. Generate a new one.',
      ),
    );
  }
  const parsed = sigDocSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = [
      ...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? 'document'))),
    ].join(', ');
    return err(
      usersigError(
        'usersig_malformed',
        `The UserSig is missing or has invalid fields (${fields}). Generate a new one.`,
      ),
    );
  }
  const d = parsed.data;
  return ok({
    identifier: d['TLS.identifier'],
    sdkAppId: d['TLS.sdkappid'],
    issuedAt: d['TLS.time'],
    lifetimeSeconds: d['TLS.expire'],
    expiresAt: d['TLS.time'] + d['TLS.expire'],
    sig: d['TLS.sig'],
    version: d['TLS.ver'] ?? '',
    userBuf: d['TLS.userbuf'] ?? null,
  });
}

/** Whether `info` was signed with `key` (constant-time compare of the HMAC). */
export function userSigSignedWith(info: UserSigInfo, key: string): boolean {
  const expected = Buffer.from(
    userSigHmac(
      key,
      info.identifier,
      info.sdkAppId,
      info.issuedAt,
      info.lifetimeSeconds,
      info.userBuf,
    ),
    'utf8',
  );
  const actual = Buffer.from(info.sig, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Valid, inside the warning window, or expired. Valid while `now <= issuedAt + lifetime`. */
export type UserSigState = 'valid' | 'expiring' | 'expired';

/** Where a UserSig stands at `nowSeconds`. */
export function userSigState(
  info: UserSigInfo,
  nowSeconds: number,
  warnBeforeSeconds: number,
): UserSigState {
  if (nowSeconds > info.expiresAt) return 'expired';
  if (info.expiresAt - nowSeconds <= warnBeforeSeconds) return 'expiring';
  return 'valid';
}

export interface PastedUserSigCheck {
  info: UserSigInfo;
  state: UserSigState;
  /** Seconds until it runs out (0 when expired). */
  secondsLeft: number;
  /** A sentence for the user when it expires soon; null otherwise. */
  warning: string | null;
}

export interface CheckPastedOptions {
  nowSeconds: number;
  /** The configured administrator account; a mismatch is an error (the service answers 70013). */
  expectedIdentifier?: string;
  /** The configured IM SDKAppID; a mismatch is an error (the service answers 70014). */
  expectedSdkAppId?: number;
  /** Warn this long before expiry. Default 3 days. */
  warnBeforeSeconds?: number;
}

const DEFAULT_WARN_SECONDS = 3 * 86_400;

function describeLeft(seconds: number): string {
  if (seconds >= 86_400) return `${Math.floor(seconds / 86_400)} day(s)`;
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)} hour(s)`;
  return `${Math.max(1, Math.floor(seconds / 60))} minute(s)`;
}

/**
 * Checks a pasted UserSig: well-formed, for the configured administrator and SDKAppID, not
 * expired. Warns (but accepts) inside the warning window. Messages name the problem and the fix.
 */
export function checkPastedUserSig(
  userSig: string,
  opts: CheckPastedOptions,
): Result<PastedUserSigCheck> {
  const decoded = decodeUserSig(userSig);
  if (!decoded.ok) return decoded;
  const info = decoded.value;
  if (opts.expectedIdentifier !== undefined && info.identifier !== opts.expectedIdentifier) {
    return err(
      usersigError(
        'usersig_identifier_mismatch',
        `This UserSig was generated for "${info.identifier}", but the administrator account is set to "${opts.expectedIdentifier}". Generate it for the administrator account, or correct the setting.`,
      ),
    );
  }
  if (opts.expectedSdkAppId !== undefined && info.sdkAppId !== opts.expectedSdkAppId) {
    return err(
      usersigError(
        'usersig_sdkappid_mismatch',
        `This UserSig belongs to SDKAppID ${info.sdkAppId}, but the IM SDKAppID is set to ${opts.expectedSdkAppId}. Use a UserSig of this application, or correct the setting.`,
      ),
    );
  }
  const warnBefore = opts.warnBeforeSeconds ?? DEFAULT_WARN_SECONDS;
  const state = userSigState(info, opts.nowSeconds, warnBefore);
  const expiredOn = new Date(info.expiresAt * 1000).toISOString().replace('.000Z', 'Z');
  if (state === 'expired') {
    return err(
      usersigError(
        'usersig_expired',
        `This UserSig expired at ${expiredOn}. Generate a new administrator UserSig and paste it here.`,
      ),
    );
  }
  const secondsLeft = Math.max(0, info.expiresAt - opts.nowSeconds);
  const warning =
    state === 'expiring'
      ? `The UserSig expires in ${describeLeft(secondsLeft)} (${expiredOn}). Paste a new one before then to keep the daily stats.`
      : null;
  return ok({ info, state, secondsLeft, warning });
}

/** Gives the desk client a UserSig that is valid now. Never throws. */
export interface UserSigProvider {
  get(): Result<string>;
  /** What the current UserSig says about itself (for the settings screen); null if none. */
  info(): UserSigInfo | null;
  /** Drops a cached generated UserSig (e.g. after the service rejected it). */
  invalidate(): void;
}

export interface KeyUserSigProviderOptions {
  sdkAppId: number;
  identifier: string;
  /** Returns the IM key (from the keychain). Read on each regeneration, never cached in a log. */
  key: () => string | null;
  clock: Clock;
  /** Lifetime of each generated UserSig. Default 1 day. */
  lifetimeSeconds?: number;
  /** Regenerate once this fraction of the lifetime has passed. Default 0.5: well before expiry. */
  refreshAtFraction?: number;
}

/**
 * Generates the administrator UserSig from the IM key, caches it, and regenerates it once half
 * its lifetime (by default) has passed, so it is always far from expiry when sent.
 */
export function keyUserSigProvider(opts: KeyUserSigProviderOptions): UserSigProvider {
  const lifetime = opts.lifetimeSeconds ?? 86_400;
  const fraction = Math.min(0.9, Math.max(0.1, opts.refreshAtFraction ?? 0.5));
  let cached: { sig: string; info: UserSigInfo; refreshAt: number } | null = null;
  return {
    get() {
      const now = Math.floor(opts.clock.now() / 1000);
      // Regenerate after the refresh point, and also if the clock went backwards past issue time.
      if (cached && now < cached.refreshAt && now >= cached.info.issuedAt) return ok(cached.sig);
      const key = opts.key();
      if (!key) {
        return err({
          source: 'desk',
          code: 'usersig_no_key',
          kind: 'config',
          message:
            'No IM key is stored. Enter the IM application key, or paste an administrator UserSig instead.',
          retryable: false,
        });
      }
      const sig = genUserSig({
        sdkAppId: opts.sdkAppId,
        key,
        identifier: opts.identifier,
        lifetimeSeconds: lifetime,
        nowSeconds: now,
      });
      const info: UserSigInfo = {
        identifier: opts.identifier,
        sdkAppId: opts.sdkAppId,
        issuedAt: now,
        lifetimeSeconds: lifetime,
        expiresAt: now + lifetime,
        sig: userSigHmac(key, opts.identifier, opts.sdkAppId, now, lifetime),
        version: '2.0',
        userBuf: null,
      };
      cached = { sig, info, refreshAt: now + Math.floor(lifetime * fraction) };
      return ok(sig);
    },
    info: () => cached?.info ?? null,
    invalidate() {
      cached = null;
    },
  };
}

/** Serves a pasted UserSig while it is valid; an expired or malformed one is a clear error. */
export function pastedUserSigProvider(
  userSig: string,
  opts: { clock: Clock; expectedIdentifier?: string; expectedSdkAppId?: number },
): UserSigProvider {
  const decoded = decodeUserSig(userSig);
  return {
    get() {
      const check = checkPastedUserSig(userSig, {
        nowSeconds: Math.floor(opts.clock.now() / 1000),
        expectedIdentifier: opts.expectedIdentifier,
        expectedSdkAppId: opts.expectedSdkAppId,
      });
      return check.ok ? ok(userSig.trim()) : check;
    },
    info: () => (decoded.ok ? decoded.value : null),
    invalidate() {},
  };
}
