import { timingSafeEqual } from 'node:crypto';

/**
 * Who may talk to the preview's bridge: only the page this preview served, on this loopback
 * origin, holding the random token. Pure predicates over request headers, table-tested.
 *
 * - Host must be exactly `127.0.0.1:<port>`: a DNS-rebinding page (attacker.example resolving to
 *   127.0.0.1) sends its own host name and is refused, even for the HTML.
 * - Origin, when the browser sends one, must be this origin; Sec-Fetch-Site, when sent, must be
 *   `same-origin` (another local page, e.g. 127.0.0.1:<other port>, is same-site but not same-origin).
 * - The token travels in a header (`x-ccc-token`) the page reads from its own URL fragment, which
 *   is never sent over the network and which no other origin can read.
 */

/** Header carrying the bridge token. */
export const TOKEN_HEADER = 'x-ccc-token';

/** Request headers as Node gives them (lower-case names). */
export type Headers = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined): string | undefined =>
  Array.isArray(v) ? undefined : v;

/** The preview's own origin for a port. */
export const originFor = (port: number): string => `http://127.0.0.1:${port}`;

/** Host is exactly this loopback address and port. */
export function hostAllowed(headers: Headers, port: number): boolean {
  return one(headers.host) === `127.0.0.1:${port}`;
}

/** Origin (if any) is ours and Sec-Fetch-Site (if any) says same-origin. */
export function sameOrigin(headers: Headers, port: number): boolean {
  const origin = headers.origin;
  if (origin !== undefined && one(origin) !== originFor(port)) return false;
  const site = headers['sec-fetch-site'];
  if (site !== undefined && one(site) !== 'same-origin') return false;
  return true;
}

/** Constant-time comparison of the token header with the expected token. */
export function tokenValid(headers: Headers, token: string): boolean {
  const given = one(headers[TOKEN_HEADER]);
  if (!given || token.length === 0) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Everything a bridge request (IPC call or event stream) must satisfy. */
export function bridgeAllowed(headers: Headers, port: number, token: string): boolean {
  return hostAllowed(headers, port) && sameOrigin(headers, port) && tokenValid(headers, token);
}
