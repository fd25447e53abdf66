import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { BUNDLE_HOST, BUNDLE_SCHEME, type AppOrigin } from './security';

/**
 * Serves the packaged renderer from `app://renderer/…`: only files inside the renderer output
 * folder, with the right MIME type and the app's Content-Security-Policy header. Pure (no Electron
 * import) so tests can call it; main/index.ts registers it with `protocol.handle`.
 */

/** The renderer's policy (the page's meta tag carries the same one). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy for an origin. In dev, Vite's client needs its websocket, injects styles as <style>
 * elements and React Refresh's preamble as an inline module script; only the loopback dev server
 * ever gets these relaxations (a packaged app always uses the bundle scheme).
 */
export function contentSecurityPolicy(origin: AppOrigin): string {
  if (origin.kind !== 'dev') return CONTENT_SECURITY_POLICY;
  const host = origin.port === '' ? origin.hostname : `${origin.hostname}:${origin.port}`;
  const ws = origin.protocol === 'https:' ? 'wss:' : 'ws:';
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${ws}//${host}`);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** Maps a bundle URL to a file inside `rootDir`, or null (other host, traversal, odd characters). */
export function resolveBundlePath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${BUNDLE_SCHEME}:` || url.host !== BUNDLE_HOST) return null;
  if (url.username !== '' || url.password !== '') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const rel = pathname.replace(/^\/+/, '') || 'index.html';
  const full = join(rootDir, rel);
  const inside = relative(rootDir, full);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside))
    return null;
  return full;
}

/** Answers one bundle request: the file with its MIME type and the CSP header, or a 404. */
export async function serveBundleRequest(rootDir: string, requestUrl: string): Promise<Response> {
  const path = resolveBundlePath(rootDir, requestUrl);
  const mime = path ? MIME[extname(path).toLowerCase()] : undefined;
  if (!path || !mime) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(path);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': mime,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
