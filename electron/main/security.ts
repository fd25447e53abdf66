import { ALL_HELP_URLS } from '../core/app/help-links';
import type { Logger } from '../core/ports';

/**
 * Pure URL predicates for the main process's security checks. Every decision parses the URL with
 * the WHATWG URL parser and compares parsed parts exactly (never prefixes or substrings), so
 * look-alikes such as `http://localhost.evil.com` or `http://localhost:5173@evil.com` fail.
 */

/**
 * The packaged renderer is served from this privileged custom scheme (see app-protocol.ts), not
 * from file://: the `grantFileProtocolExtraPrivileges` fuse is off, and a custom scheme limits what
 * the page can read to the renderer bundle.
 */
export const BUNDLE_SCHEME = 'app';
export const BUNDLE_HOST = 'renderer';

/** Where the app's own page lives: the dev server (loopback only) or the packaged bundle scheme. */
export type AppOrigin =
  | { kind: 'dev'; protocol: 'http:' | 'https:'; hostname: string; port: string }
  | { kind: 'bundle' };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url === '') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Resolves the app's origin. The dev server URL (electron-vite's ELECTRON_RENDERER_URL) is honoured
 * only when not packaged and only on a loopback host; otherwise the bundle scheme.
 */
export function resolveAppOrigin(opts: {
  isPackaged: boolean;
  devServerUrl: string | undefined;
}): AppOrigin {
  const dev = opts.isPackaged ? null : parse(opts.devServerUrl);
  if (
    dev &&
    (dev.protocol === 'http:' || dev.protocol === 'https:') &&
    LOOPBACK_HOSTS.has(dev.hostname) &&
    dev.username === '' &&
    dev.password === ''
  ) {
    return { kind: 'dev', protocol: dev.protocol, hostname: dev.hostname, port: dev.port };
  }
  return { kind: 'bundle' };
}

/** The URL the window loads for an origin (the dev server root, or the bundle's index.html). */
export function appEntryUrl(origin: AppOrigin): string {
  if (origin.kind === 'dev') {
    const port = origin.port === '' ? '' : `:${origin.port}`;
    return `${origin.protocol}//${origin.hostname}${port}/`;
  }
  return `${BUNDLE_SCHEME}://${BUNDLE_HOST}/index.html`;
}

/** True when `url` is on the app's own origin (the dev server, or the bundle scheme's one host). */
export function isAppUrl(url: string | null | undefined, origin: AppOrigin): boolean {
  const u = parse(url);
  if (!u || u.username !== '' || u.password !== '') return false;
  if (origin.kind === 'dev') {
    return (
      u.protocol === origin.protocol && u.hostname === origin.hostname && u.port === origin.port
    );
  }
  return u.protocol === `${BUNDLE_SCHEME}:` && u.host === BUNDLE_HOST;
}

/** Minimal view of Electron's WebFrameMain the sender check needs (null when the frame is gone). */
export type SenderFrameLike = { url: string; parent: unknown } | null | undefined;

/** IPC sender check: the top-level frame showing the app's own page; subframes and unknown frames are refused. */
export function isTrustedSender(frame: SenderFrameLike, origin: AppOrigin): boolean {
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, origin);
}

/** In-window navigation is allowed only to the app's own page (e.g. a dev reload); everything else is blocked. */
export function isAllowedNavigation(url: string, origin: AppOrigin): boolean {
  return isAppUrl(url, origin);
}

/** Hosts of the help pages the core links to (derived from its fixed table of help URLs). */
export const EXTERNAL_HOSTS: readonly string[] = [
  ...new Set(ALL_HELP_URLS.map((url) => new URL(url).hostname)),
];

/** Links handed to the OS browser: https only, default port, no credentials, host on the allowlist. */
export function isSafeExternalUrl(
  url: string | null | undefined,
  allowedHosts: readonly string[] = EXTERNAL_HOSTS,
): boolean {
  const u = parse(url);
  if (!u) return false;
  return (
    u.protocol === 'https:' &&
    u.username === '' &&
    u.password === '' &&
    u.port === '' &&
    allowedHosts.includes(u.hostname)
  );
}

/**
 * Wraps the OS "open in browser" call: only the exact help URLs the core builds, and only when
 * they pass `isSafeExternalUrl`. Anything else is refused (logged by scheme and host only).
 */
export function guardExternalOpen(
  open: (url: string) => Promise<void>,
  logger: Logger,
): (url: string) => Promise<void> {
  return async (url) => {
    if (!isSafeExternalUrl(url) || !ALL_HELP_URLS.includes(url)) {
      let where = 'unparseable';
      try {
        const u = new URL(url);
        where = `${u.protocol}//${u.hostname}`;
      } catch {
        // keep 'unparseable'
      }
      logger.log('warn', 'links: refused to open an unexpected URL', { where });
      throw new Error('Refused to open an unexpected link.');
    }
    await open(url);
  };
}
