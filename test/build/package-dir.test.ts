import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A real electron-builder packaging run (`--linux dir`) of this repository, with a stand-in
 * Electron distribution (a file carrying Electron's fuse wire, no download) and no native
 * rebuild, then a look inside: the app archive holds the built app and exactly the runtime
 * dependencies (no prebuild-install and what only it uses, no Node toolchain), keytar's binary is
 * unpacked, the fuses are flipped, the feed is in app-update.yml and only the app's languages stay.
 */

const ROOT = join(__dirname, '../..');
const require = createRequire(join(ROOT, 'package.json'));
const asar = require('@electron/asar') as { listPackage(path: string): string[] };
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses') as {
  getCurrentFuseWire(path: string): Promise<Record<string, number>>;
  FuseV1Options: Record<string, number>;
};
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const [DISABLED, ENABLED] = [48, 49];

const work = mkdtempSync(join(tmpdir(), 'ccc-pack-'));
const dist = join(work, 'dist');
const app = join(dist, 'linux-unpacked');
let files: string[] = [];

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Every package reachable from `roots` through dependencies, never entering `skip`. */
function closure(roots: string[], skip: Set<string>): Set<string> {
  const seen = new Set<string>();
  const todo = [...roots];
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (seen.has(name) || skip.has(name)) continue;
    const file = join(ROOT, 'node_modules', name, 'package.json');
    if (!existsSync(file)) continue; // an optional dependency not installed here
    seen.add(name);
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
    todo.push(...Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }));
  }
  return seen;
}

beforeAll(async () => {
  // A stand-in Electron: an executable with the fuse wire (8 fuses, all on) and some locales.
  const electron = join(work, 'electron');
  mkdirSync(join(electron, 'locales'), { recursive: true });
  writeFileSync(
    join(electron, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\n'),
      Buffer.from(SENTINEL),
      Buffer.from([1, 8]),
      Buffer.from('11111111'),
    ]),
    { mode: 0o755 },
  );
  for (const l of ['en-US', 'zh-CN', 'de', 'fr', 'ja'])
    writeFileSync(join(electron, 'locales', `${l}.pak`), l);
  writeFileSync(join(electron, 'LICENSE'), 'MIT');
  writeFileSync(join(electron, 'version'), '45.4.1');

  const built = await run([join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
  expect(built.code, built.output).toBe(0);
  const packed = await run([
    join(ROOT, 'node_modules/electron-builder/cli.js'),
    '--linux',
    'dir',
    '--x64',
    `-c.electronDist=${electron}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${dist}`,
    '--publish',
    'never',
  ]);
  expect(packed.code, packed.output.slice(-2000)).toBe(0);
  files = asar.listPackage(join(app, 'resources', 'app.asar')).map((f) => f.replace(/\\/g, '/'));
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packaged app (electron-builder --linux dir)', () => {
  it('carries the built main, preload and renderer', () => {
    for (const f of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
    ]) {
      expect(files).toContain(f);
    }
  });

  it('carries exactly the runtime dependencies: no prebuild-install or its helpers, no Node toolchain', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    // React and zustand are bundled into the renderer by Vite.
    const bundled = new Set(['react', 'react-dom', 'scheduler', 'zustand']);
    const runtime = closure(
      Object.keys(pkg.dependencies).filter((d) => !bundled.has(d)),
      new Set(['prebuild-install', ...bundled]),
    );
    const packed = new Set(
      files
        .map((f) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(f)?.[1])
        .filter((m): m is string => !!m),
    );
    expect([...packed].sort()).toEqual([...runtime].sort());
    expect(packed.has('prebuild-install')).toBe(false);
    expect(packed.has('node')).toBe(false);
    expect(files.some((f) => f.startsWith('/node_modules/node/'))).toBe(false);
  });

  it("unpacks keytar's native module next to the archive", () => {
    const release = join(app, 'resources/app.asar.unpacked/node_modules/keytar/build/Release');
    expect(readdirSync(release).filter((f) => f.endsWith('.node'))).toEqual(['keytar.node']);
  });

  it('flips the security fuses in the executable', async () => {
    const wire = await getCurrentFuseWire(join(app, 'ccc-agent-status'));
    expect(wire[FuseV1Options.RunAsNode!]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable!]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments!]).toBe(DISABLED);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges!]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation!]).toBe(ENABLED);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar!]).toBe(ENABLED);
  });

  it('points electron-updater at the generic feed folder of its OS and architecture', () => {
    const yml = readFileSync(join(app, 'resources/app-update.yml'), 'utf8');
    expect(yml).toContain('provider: generic');
    expect(yml).toMatch(/^url: https:\/\/.+\/linux\/x64$/m);
  });

  it("keeps only the app's languages and ships the tray icons", () => {
    expect(readdirSync(join(app, 'locales')).sort()).toEqual(['en-US.pak', 'zh-CN.pak']);
    expect(readdirSync(join(app, 'resources/icons'))).toContain('free.png');
  });
});
