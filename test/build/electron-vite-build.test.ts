import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_EVENTS, API_METHODS, RENDERER_API_GLOBAL } from '../../shared/ipc-channels';

/**
 * Builds main, preload and renderer with electron-vite into a temporary folder (the real `out/`
 * is left alone) and checks what Electron will load: an ESM main, a preload that a sandboxed
 * renderer can run (it may require nothing but 'electron'), and a renderer page with the CSP.
 */
const ROOT = join(__dirname, '../..');
let out: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'evbuild-'));
  await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', out],
    { cwd: ROOT, timeout: 120_000 },
  );
}, 150_000);

describe('electron-vite build', () => {
  it('emits the three entry points where main expects them', () => {
    for (const rel of ['main/index.js', 'preload/index.cjs', 'renderer/index.html']) {
      expect(existsSync(join(out, rel)), rel).toBe(true);
    }
  });

  it('builds a preload that runs with only electron available, exposing exactly the API', () => {
    const code = readFileSync(join(out, 'preload/index.cjs'), 'utf8');
    const required: string[] = [];
    const exposed = new Map<string, Record<string, unknown>>();
    const electron = {
      contextBridge: {
        exposeInMainWorld: (k: string, v: Record<string, unknown>) => exposed.set(k, v),
      },
      ipcRenderer: { invoke: () => Promise.resolve(), on: () => {}, removeListener: () => {} },
    };
    const module = { exports: {} };
    runInNewContext(code, {
      module,
      exports: module.exports,
      require: (id: string) => {
        required.push(id);
        if (id !== 'electron') throw new Error(`a sandboxed preload cannot require '${id}'`);
        return electron;
      },
    });
    expect([...new Set(required)]).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual([RENDERER_API_GLOBAL]);
    expect(Object.keys(exposed.get(RENDERER_API_GLOBAL)!).sort()).toEqual(
      [...Object.keys(API_METHODS), ...Object.keys(API_EVENTS)].sort(),
    );
  });

  it('keeps zod out of the preload and the renderer (main validates every call)', () => {
    const preload = readFileSync(join(out, 'preload/index.cjs'), 'utf8');
    const renderer = readdirSync(join(out, 'renderer/assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(out, 'renderer/assets', f), 'utf8'))
      .join('\n');
    expect(renderer.length).toBeGreaterThan(10_000);
    for (const code of [preload, renderer]) expect(code).not.toMatch(/ZodError|\$ZodType/);
    // ipcRenderer plus the builder's names: a few KB (196 KB when it bundled zod).
    expect(preload.length).toBeLessThan(20_000);
  });

  it('ships the demo simulator without fault injection or a control interface, loaded lazily', () => {
    const main = readFileSync(join(out, 'main/index.js'), 'utf8');
    const chunks = readdirSync(join(out, 'main/chunks')).map((f) => ({
      name: f,
      code: readFileSync(join(out, 'main/chunks', f), 'utf8'),
    }));
    const demo = chunks.filter((c) => c.code.includes('openSimulatedService'));
    expect(demo.map((c) => c.name)).toEqual([expect.stringMatching(/^demo-.*\.js$/)]);
    expect(main).toMatch(/import\("\.\/chunks\/demo-[^"]+\.js"\)/);
    for (const code of [main, ...chunks.map((c) => c.code)]) {
      for (const part of [
        'class FaultRegistry',
        'simFaultSchema',
        'createSimControl',
        'createControlHttp',
      ])
        expect(code).not.toContain(part);
    }
  });

  it('keeps keytar out of the main bundle (loaded lazily from node_modules)', () => {
    const main = readFileSync(join(out, 'main/index.js'), 'utf8');
    expect(main).toMatch(/import\("keytar"\)/);
    expect(main).not.toMatch(/from "keytar"/);
    expect(main).toMatch(/registerSchemesAsPrivileged/);
  });

  it('ships a renderer page with the strict CSP and no inline script', () => {
    const html = readFileSync(join(out, 'renderer/index.html'), 'utf8');
    expect(html).toContain(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
