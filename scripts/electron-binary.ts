import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes sure Electron's own binary is there before electron-vite needs it. The `electron` npm
 * package (45+) has no postinstall: it downloads the binary the first time its index.js runs, but
 * electron-vite reads `path.txt` directly and stops with "Electron uninstall" when it is missing.
 * So `npm start` runs the package's own installer once (honouring ELECTRON_MIRROR, proxies and the
 * cache as it always does) and, when that fails, says in one line what to do instead.
 */

export type ElectronBinary =
  { ok: true; path: string; downloaded: boolean } | { ok: false; message: string };

export interface EnsureOptions {
  /** The `electron` package folder (node_modules/electron). */
  packageDir: string;
  env?: NodeJS.ProcessEnv;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

/** The executable path.txt points at, when it exists. */
function installedPath(packageDir: string): string | null {
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

/** A short reason from the installer's error output (its first error line). */
export function reasonOf(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim());
  const line = lines.find((l) => /\b\w*Error\b/.test(l)) ?? lines.find((l) => l !== '') ?? '';
  if (line === '') return 'the installer failed';
  // Node's fetch says only "fetch failed" when no connection could be made.
  if (/fetch failed|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN/.test(line)) {
    return 'no connection to the download server';
  }
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/** The one line printed when the binary cannot be fetched. */
export function downloadFailedMessage(version: string, reason: string): string {
  return (
    `Electron ${version} could not be downloaded (${reason}). \`npm start\` needs it once, from ` +
    `the internet or a mirror (ELECTRON_MIRROR); without it, \`npm run preview\` shows the same app ` +
    `in your browser.`
  );
}

/** Returns the Electron executable, downloading it first when this install has none yet. */
export async function ensureElectronBinary(options: EnsureOptions): Promise<ElectronBinary> {
  const { packageDir } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const existing = installedPath(packageDir);
  if (existing) return { ok: true, path: existing, downloaded: false };

  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  log(`Electron ${version} is not downloaded yet: fetching it once (about 100 MB)...`);
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(packageDir, 'install.js')], {
      cwd: packageDir,
      env: options.env ?? process.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', (e) => resolve({ code: 1, stderr: String(e) }));
    child.on('close', (c) => resolve({ code: c ?? 1, stderr: err }));
  });
  const path = installedPath(packageDir);
  if (code === 0 && path) return { ok: true, path, downloaded: true };
  return { ok: false, message: downloadFailedMessage(version, reasonOf(stderr)) };
}
