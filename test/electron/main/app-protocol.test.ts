import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  resolveBundlePath,
  serveBundleRequest,
} from '../../../electron/main/app-protocol';

let base: string;
let root: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'bundle-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.json'), '{"secretKey":"nope"}');
});

describe('resolveBundlePath', () => {
  it('maps bundle URLs inside the root', () => {
    expect(resolveBundlePath(root, 'app://renderer/index.html')).toBe(join(root, 'index.html'));
    expect(resolveBundlePath(root, 'app://renderer/')).toBe(join(root, 'index.html'));
    expect(resolveBundlePath(root, 'app://renderer/assets/index-abc.js?v=1#x')).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
  });

  it('lets the URL parser collapse encoded dot segments without ever leaving the root', () => {
    expect(resolveBundlePath(root, 'app://renderer/%2e%2e/secret.json')).toBe(
      join(root, 'secret.json'),
    );
  });

  it.each([
    'app://renderer/assets/%2E%2E%2F%2E%2E%2Fsecret.json',
    'app://renderer/..%5csecret.json',
    'app://renderer/index.html%00.png',
    'app://renderer/%E0%A4%A',
    'app://other/index.html',
    'app://renderer.evil/index.html',
    'app://u:p@renderer/index.html',
    'file:///etc/passwd',
    'http://renderer/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveBundlePath(root, url)).toBeNull();
  });
});

describe('serveBundleRequest', () => {
  it('serves files with their MIME type and the CSP header', async () => {
    const res = await serveBundleRequest(root, 'app://renderer/assets/index-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers 404 for traversal, missing files and unknown types', async () => {
    for (const url of [
      'app://renderer/%2e%2e/secret.json',
      'app://renderer/missing.js',
      'app://renderer/assets/',
      'app://renderer/index.exe',
    ]) {
      expect((await serveBundleRequest(root, url)).status, url).toBe(404);
    }
  });
});

describe('contentSecurityPolicy', () => {
  it('is strict for the bundle and adds only the dev server socket and inline dev helpers in dev', () => {
    expect(contentSecurityPolicy({ kind: 'bundle' })).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    const dev = contentSecurityPolicy({
      kind: 'dev',
      protocol: 'http:',
      hostname: 'localhost',
      port: '5173',
    });
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).toContain("default-src 'none'");
    expect(dev).toContain("frame-ancestors 'none'");
  });
});
