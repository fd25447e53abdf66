import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parseTc3Authorization, signTc3, utcDate } from '../core/api/tc3-signer';

/** A key the simulated account knows. Temporary keys carry a token and an expiry. */
interface StoredKey {
  secretKey: string;
  token: string | null;
  expiresAtMs: number | null;
}

/** Temporary (STS-like) credentials, shaped like Tencent's TmpSecretId / TmpSecretKey / Token. */
export interface SimTemporaryCredentials {
  secretId: string;
  secretKey: string;
  token: string;
  /** Expiry, epoch seconds (STS ExpiredTime). */
  expiredTime: number;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(n: number): string {
  const bytes = randomBytes(n);
  let s = '';
  for (const b of bytes) s += ALNUM[b % ALNUM.length];
  return s;
}

/** The keys of the simulated account. Revoked keys are forgotten (AuthFailure.SecretIdNotFound). */
export class CredentialStore {
  private readonly keys = new Map<string, StoredKey>();

  /** A permanent key pair (SecretId `AKID` + 32 characters, like real ones). */
  addPermanent(): { secretId: string; secretKey: string } {
    const secretId = `AKID${randomString(32)}`;
    const secretKey = randomString(32);
    this.keys.set(secretId, { secretKey, token: null, expiresAtMs: null });
    return { secretId, secretKey };
  }

  /** Temporary credentials valid for `ttlSeconds` from `nowMs`; requests must send X-TC-Token. */
  addTemporary(ttlSeconds: number, nowMs: number): SimTemporaryCredentials {
    const secretId = `AKID${randomString(32)}`;
    const secretKey = randomString(32);
    const token = randomString(96);
    const expiresAtMs = nowMs + ttlSeconds * 1000;
    this.keys.set(secretId, { secretKey, token, expiresAtMs });
    return { secretId, secretKey, token, expiredTime: Math.floor(expiresAtMs / 1000) };
  }

  /** Deletes a key; returns whether it existed. */
  revoke(secretId: string): boolean {
    return this.keys.delete(secretId);
  }

  get(secretId: string): StoredKey | undefined {
    return this.keys.get(secretId);
  }
}

/** The outcome of verifying one request: the SecretId it was signed with, or an API error. */
export type AuthOutcome =
  { ok: true; secretId: string } | { ok: false; code: string; message: string };

const fail = (code: string, message: string): AuthOutcome => ({ ok: false, code, message });

/** Header value as one string ('' when absent). */
export function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/** The Host header as signed: lowercase, without a port (IPv6 brackets kept). */
export function signedHost(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

export interface VerifyInput {
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** X-TC-Timestamp, already checked to be an integer. */
  timestamp: number;
  /** The server's clock (including any injected skew), epoch ms. */
  serverNowMs: number;
  /** The signing service this endpoint expects (`ccc`). */
  service: string;
  store: CredentialStore;
}

/**
 * Verifies a TC3-HMAC-SHA256 request as the service does: Authorization well formed; the
 * timestamp within 300 s of the server's clock; the credential scope naming this service and
 * the UTC date of X-TC-Timestamp; the SecretId known and not revoked; a temporary key's token
 * present, matching and unexpired; and the signature recomputed over the exact body bytes,
 * the Content-Type as sent and the Host without its port.
 */
export function verifyTc3(input: VerifyInput): AuthOutcome {
  const header = headerValue(input.headers, 'authorization');
  if (!header)
    return fail('AuthFailure.InvalidAuthorization', 'The Authorization header is missing.');
  const auth = parseTc3Authorization(header.trim());
  if (!auth) {
    return fail(
      'AuthFailure.InvalidAuthorization',
      'The Authorization header is not a valid TC3-HMAC-SHA256 authorization.',
    );
  }
  const signedHeaders = auth.signedHeaders.split(';');
  if (!signedHeaders.includes('content-type') || !signedHeaders.includes('host')) {
    return fail(
      'AuthFailure.InvalidAuthorization',
      'SignedHeaders must include content-type and host.',
    );
  }
  const skewSeconds = Math.abs(input.timestamp - input.serverNowMs / 1000);
  if (skewSeconds > 300) {
    return fail(
      'AuthFailure.SignatureExpire',
      `Signature expired: X-TC-Timestamp ${input.timestamp} differs from the server time ` +
        `${Math.floor(input.serverNowMs / 1000)} by more than 300 seconds.`,
    );
  }
  const key = input.store.get(auth.secretId);
  if (!key) {
    return fail(
      'AuthFailure.SecretIdNotFound',
      'The SecretId is not found; check that it exists and is enabled.',
    );
  }
  if (key.token !== null) {
    const token = headerValue(input.headers, 'x-tc-token');
    if (!token)
      return fail(
        'AuthFailure.TokenFailure',
        'Temporary credentials require the X-TC-Token header.',
      );
    if (!safeEqual(token, key.token))
      return fail('AuthFailure.TokenFailure', 'The token is invalid.');
    if (key.expiresAtMs !== null && input.serverNowMs >= key.expiresAtMs) {
      return fail('AuthFailure.TokenFailure', 'The token has expired.');
    }
  }
  if (auth.service !== input.service) {
    return fail(
      'AuthFailure.SignatureFailure',
      `The credential scope service \`${auth.service}\` does not match the requested service \`${input.service}\`.`,
    );
  }
  if (auth.date !== utcDate(input.timestamp)) {
    return fail(
      'AuthFailure.SignatureFailure',
      `The credential scope date ${auth.date} is not the UTC date of X-TC-Timestamp (${utcDate(input.timestamp)}).`,
    );
  }
  const host = signedHost(headerValue(input.headers, 'host'));
  const contentType = headerValue(input.headers, 'content-type');
  let expected: string;
  if (auth.signedHeaders === 'content-type;host') {
    expected = signTc3({
      secretId: auth.secretId,
      secretKey: key.secretKey,
      service: auth.service,
      host,
      timestamp: input.timestamp,
      body: input.body,
      contentType,
    }).signature;
  } else {
    expected = signWithHeaders(input, key.secretKey, auth.service, signedHeaders, host);
  }
  if (!safeEqual(expected, auth.signature)) {
    return fail(
      'AuthFailure.SignatureFailure',
      'The provided credentials could not be validated. Please check your signature is correct.',
    );
  }
  return { ok: true, secretId: auth.secretId };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The same algorithm for clients that sign more headers than `content-type;host` (allowed by
 * the specification); the signer in core only produces the two-header form.
 */
function signWithHeaders(
  input: VerifyInput,
  secretKey: string,
  service: string,
  names: string[],
  host: string,
): string {
  const canonicalHeaders = names
    .map(
      (n) => `${n}:${(n === 'host' ? host : headerValue(input.headers, n)).trim().toLowerCase()}\n`,
    )
    .join('');
  const sha = (d: string | Buffer): string => createHash('sha256').update(d).digest('hex');
  const canonicalRequest = [
    'POST',
    '/',
    '',
    canonicalHeaders,
    names.join(';'),
    sha(input.body),
  ].join('\n');
  const date = utcDate(input.timestamp);
  const stringToSign = [
    'TC3-HMAC-SHA256',
    String(input.timestamp),
    `${date}/${service}/tc3_request`,
    sha(canonicalRequest),
  ].join('\n');
  const hmac = (k: string | Buffer, d: string): Buffer =>
    createHmac('sha256', k).update(d, 'utf8').digest();
  const kSigning = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  return createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
}
