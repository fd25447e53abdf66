import { createHash, createHmac } from 'node:crypto';

/** Inputs to one TC3-HMAC-SHA256 signature. The body must be the exact bytes that are sent. */
export interface Tc3SignInput {
  secretId: string;
  secretKey: string;
  /** Signing service: the first label of the API host (`ccc` for both CCC hosts). */
  service: string;
  /** Host as signed, without a port. */
  host: string;
  /** Request time in integer seconds since the epoch (the `X-TC-Timestamp` header). */
  timestamp: number;
  /** Exact request body bytes (a string is encoded as UTF-8). */
  body: string | Uint8Array;
  /** Exact Content-Type header value that is sent. */
  contentType: string;
  method?: string;
}

/** Every intermediate value, so tests can compare against the official worked example. */
export interface Tc3Signature {
  authorization: string;
  signature: string;
  payloadHash: string;
  canonicalRequest: string;
  canonicalRequestHash: string;
  stringToSign: string;
  /** UTC date of the timestamp, `YYYY-MM-DD`. */
  date: string;
  credentialScope: string;
}

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
const SIGNED_HEADERS = 'content-type;host';

const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Uint8Array, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();

/** UTC calendar date of an epoch-seconds timestamp (never local time). */
export function utcDate(timestampSeconds: number): string {
  return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

/**
 * Signs a request with TC3-HMAC-SHA256 as Tencent Cloud API 3.0 specifies. Pure: same input,
 * same output. Signed headers are `content-type;host`.
 */
export function signTc3(input: Tc3SignInput): Tc3Signature {
  if (!Number.isInteger(input.timestamp) || input.timestamp < 0) {
    throw new RangeError('timestamp must be a non-negative integer number of seconds');
  }
  const method = (input.method ?? 'POST').toUpperCase();
  const payloadHash = sha256Hex(input.body);
  const canonicalHeaders = `content-type:${input.contentType.toLowerCase()}\nhost:${input.host.toLowerCase()}\n`;
  const canonicalRequest = [method, '/', '', canonicalHeaders, SIGNED_HEADERS, payloadHash].join(
    '\n',
  );
  const canonicalRequestHash = sha256Hex(canonicalRequest);
  const date = utcDate(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [
    TC3_ALGORITHM,
    String(input.timestamp),
    credentialScope,
    canonicalRequestHash,
  ].join('\n');
  const kDate = hmac(`TC3${input.secretKey}`, date);
  const kService = hmac(kDate, input.service);
  const kSigning = hmac(kService, 'tc3_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  const authorization =
    `${TC3_ALGORITHM} Credential=${input.secretId}/${credentialScope}, ` +
    `SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`;
  return {
    authorization,
    signature,
    payloadHash,
    canonicalRequest,
    canonicalRequestHash,
    stringToSign,
    date,
    credentialScope,
  };
}

/** The parts of an `Authorization` header, for a verifier (the simulator). */
export interface ParsedTc3Authorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string;
  signature: string;
}

/** Parses a TC3 `Authorization` header; returns null when it is not one. */
export function parseTc3Authorization(header: string): ParsedTc3Authorization | null {
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9-]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      header,
    );
  if (!m) return null;
  return {
    secretId: m[1]!,
    date: m[2]!,
    service: m[3]!,
    signedHeaders: m[4]!,
    signature: m[5]!,
  };
}
