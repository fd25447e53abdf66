import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensureElectronBinary } from './electron-binary';
import { tooOldMessage } from './toolchain';

/**
 * `npm start` (electron-vite preview: build, then run in Electron) and `npm run dev` (hot reload).
 * First makes sure Electron's binary is downloaded (electron-binary.ts), then hands its path to
 * electron-vite through ELECTRON_EXEC_PATH. Extra arguments go to electron-vite.
 */

const ROOT = join(import.meta.dirname, '..');
const MODES = ['preview', 'dev'] as const;

export interface StartOptions {
  mode: (typeof MODES)[number];
  args: string[];
  /** Default: this project's node_modules/electron. */
  electronPackageDir?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs electron-vite in `mode` with a downloaded Electron; resolves to the exit code. */
export async function startApp(options: StartOptions): Promise<number> {
  const env = options.env ?? process.env;
  const tooOld = tooOldMessage(process.version);
  if (tooOld) {
    console.error(tooOld);
    return 1;
  }
  const packageDir =
    options.electronPackageDir ??
    dirname(createRequire(join(ROOT, 'package.json')).resolve('electron/package.json'));
  const electron = await ensureElectronBinary({ packageDir, env });
  if (!electron.ok) {
    console.error(electron.message);
    return 1;
  }
  const cli = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, options.mode, ...options.args], {
      cwd: ROOT,
      env: { ...env, ELECTRON_EXEC_PATH: electron.path },
      stdio: 'inherit',
    });
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const [first, ...rest] = process.argv.slice(2);
  const mode = MODES.find((m) => m === first);
  process.exitCode = await startApp({
    mode: mode ?? 'preview',
    args: mode ? rest : process.argv.slice(2),
  });
}
