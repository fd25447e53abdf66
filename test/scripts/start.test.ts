import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZipFile } from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  downloadFailedMessage,
  ensureElectronBinary,
  reasonOf,
} from '../../scripts/electron-binary';
import { startApp } from '../../scripts/start';

/**
 * The start path on an `electron` package exactly as a fresh `npm install` leaves it (no path.txt,
 * no dist/): a copy of the package's own files, whose own installer runs against a mirror served on
 * loopback. Without a network the first start prints one line pointing to `npm run preview`; with
 * one it downloads the binary (here a stand-in shell script) and electron-vite starts it.
 */

const ROOT = join(__dirname, '../..');
const REAL = join(ROOT, 'node_modules/electron');
const VERSION = (
  JSON.parse(readFileSync(join(REAL, 'package.json'), 'utf8')) as { version: string }
).version;
const PLATFORM_PATH =
  process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
const ZIP_NAME = `electron-v${VERSION}-${process.platform}-${process.arch}.zip`;

const work = mkdtempSync(join(tmpdir(), 'ccc-fresh-electron-'));
let zip: Buffer;
let mirror: Server;
let mirrorUrl: string;
const hits: string[] = [];
const made: string[] = [];

/** A copy of the installed package's files, inside the repo so its installer finds @electron/get. */
function freshPackage(): string {
  const dir = mkdtempSync(join(ROOT, 'test-output', 'fresh-electron-'));
  made.push(dir);
  const pkg = join(dir, 'node_modules', 'electron');
  mkdirSync(pkg, { recursive: true });
  for (const f of ['package.json', 'index.js', 'install.js', 'cli.js']) {
    copyFileSync(join(REAL, f), join(pkg, f));
  }
  // The stand-in's checksum in place of the real one (the installer verifies the download).
  const sha = createHash('sha256').update(zip).digest('hex');
  writeFileSync(join(pkg, 'checksums.json'), JSON.stringify({ [ZIP_NAME]: sha }));
  return pkg;
}

/** The environment without any Electron download setting of the developer's, plus ours. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(npm_config_electron_|npm_package_config_electron_|electron_|ELECTRON_)/i.test(k),
    ),
  );
  return { ...clean, electron_config_cache: mkdtempSync(join(work, 'cache-')), ...extra };
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

beforeAll(async () => {
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  const z = new ZipFile();
  const standIn = '#!/bin/sh\nprintf \'%s\\n\' "$@" > "$CCC_STANDIN_MARKER"\n';
  z.addBuffer(Buffer.from(standIn), PLATFORM_PATH, { mode: 0o100755 });
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  zip = Buffer.concat(chunks);
  mirror = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === `/v${VERSION}/${ZIP_NAME}`) res.writeHead(200).end(zip);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => mirror.listen(0, '127.0.0.1', r));
  mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((r) => mirror?.close(r));
  for (const dir of [work, ...made]) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('the first start on a fresh install', () => {
  it('without a network: one line that points to npm run preview, and nothing half-installed', async () => {
    const pkg = freshPackage();
    const lines: string[] = [];
    const r = await ensureElectronBinary({
      packageDir: pkg,
      env: env({ ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/` }),
      log: (l) => lines.push(l),
    });
    expect(r).toEqual({
      ok: false,
      message: downloadFailedMessage(VERSION, 'no connection to the download server'),
    });
    if (!r.ok) {
      expect(r.message).toContain('`npm run preview`');
      expect(r.message).not.toContain('\n');
    }
    expect(lines).toEqual([
      `Electron ${VERSION} is not downloaded yet: fetching it once (about 100 MB)...`,
    ]);
    expect(existsSync(join(pkg, 'path.txt'))).toBe(false);
  });

  it('names an HTTP failure of the mirror instead (e.g. a wrong ELECTRON_MIRROR)', async () => {
    const r = await ensureElectronBinary({
      packageDir: freshPackage(),
      env: env({ ELECTRON_MIRROR: `${mirrorUrl}wrong/` }),
      log: () => {},
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/404/);
  });

  it('with a network: fetches Electron once, then electron-vite starts that binary', async () => {
    const pkg = freshPackage();
    const marker = join(work, 'started.txt');
    hits.length = 0;
    const code = await startApp({
      mode: 'preview',
      args: ['--skipBuild'],
      electronPackageDir: pkg,
      env: env({
        ELECTRON_MIRROR: mirrorUrl,
        ELECTRON_ENTRY: 'the-app-entry',
        CCC_STANDIN_MARKER: marker,
      }),
    });
    expect(code).toBe(0);
    expect(readFileSync(marker, 'utf8').split('\n')[0]).toBe('the-app-entry');
    expect(readFileSync(join(pkg, 'path.txt'), 'utf8')).toBe(PLATFORM_PATH);
    expect(hits).toEqual([`/v${VERSION}/${ZIP_NAME}`]);

    // The next start uses the binary already there: no download.
    const again = await ensureElectronBinary({
      packageDir: pkg,
      env: env({ ELECTRON_MIRROR: mirrorUrl }),
    });
    expect(again).toEqual({ ok: true, path: join(pkg, 'dist', PLATFORM_PATH), downloaded: false });
    expect(hits).toHaveLength(1);
  });
});

describe.skipIf(existsSync(join(REAL, 'path.txt')))(
  'npm start on this install (no Electron binary here)',
  () => {
    it('prints only the one line and exits 1', async () => {
      const port = await closedPort();
      const child = spawn(
        process.execPath,
        [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/start.ts'), 'preview'],
        { cwd: ROOT, env: env({ ELECTRON_MIRROR: `http://127.0.0.1:${port}/` }) },
      );
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
      const code = await new Promise<number | null>((r) => child.on('close', r));
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err.trim().split('\n').at(-1)).toBe(
        downloadFailedMessage(VERSION, 'no connection to the download server'),
      );
    });
  },
);

describe('reasonOf', () => {
  it('keeps the error line, and says "no connection" for network failures', () => {
    expect(reasonOf('TypeError: fetch failed\n')).toBe('no connection to the download server');
    expect(reasonOf('HTTPError: Response code 404 (Not Found)\n    at x')).toBe(
      'HTTPError: Response code 404 (Not Found)',
    );
    expect(reasonOf('')).toBe('the installer failed');
  });
});
