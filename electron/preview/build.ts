import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, type Rolldown } from 'vite';

/**
 * Builds what the browser preview serves: the production renderer (the same sources and plugin as
 * electron.vite.config.ts's renderer section) and the bridge client as one classic script.
 */

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** One emitted file with its size and gzipped size, bytes. */
export interface BuiltFile {
  path: string;
  bytes: number;
  gzipBytes: number;
}

/** Builds the renderer for production into `outDir` (emptied first); lists what it wrote. */
export async function buildRenderer(outDir: string): Promise<BuiltFile[]> {
  await build({
    configFile: false,
    root: join(ROOT, 'renderer'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, reportCompressedSize: false, sourcemap: false },
  });
  return listFiles(outDir);
}

/** Bundles electron/preview/bridge-client.ts into one minified classic script (IIFE). */
export async function buildBridgeClient(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: join(ROOT, 'electron/preview/bridge-client.ts'),
        formats: ['iife'],
        name: 'cccBridge',
        fileName: 'bridge',
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('bridge client: no output');
  return chunk.code;
}

/** Every file under `dir` with its size and gzip size. */
export async function listFiles(dir: string): Promise<BuiltFile[]> {
  const out: BuiltFile[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) await walk(p);
      else {
        const body = await readFile(p);
        out.push({
          path: relative(dir, p),
          bytes: (await stat(p)).size,
          gzipBytes: gzipSync(body, { level: 9 }).length,
        });
      }
    }
  };
  await walk(dir);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
