import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describeNode, tooOldMessage } from './toolchain';

/**
 * `npm test`'s suite runner, in Node so it runs on Windows, macOS and Linux alike. On Linux with
 * D-Bus and gnome-keyring installed it re-runs itself inside a private D-Bus session with a fresh,
 * unlocked keyring (its own HOME), so the keychain test talks to a real Secret Service without
 * touching the developer's keyring. Ends with a plain `Tests: N passed, N failed, N skipped` line.
 */

const ROOT = join(import.meta.dirname, '..');
const args = process.argv.slice(2);

/** Resolves when the child is gone and its output read; the exit code (1 for a signal). */
function run(
  cmd: string,
  argv: string[],
  opts: { env?: NodeJS.ProcessEnv; input?: string; quiet?: boolean } = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      cwd: ROOT,
      env: opts.env ?? process.env,
      stdio: [
        opts.input === undefined ? 'inherit' : 'pipe',
        opts.quiet ? 'ignore' : 'inherit',
        opts.quiet ? 'ignore' : 'inherit',
      ],
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
    child.stdin?.end(opts.input);
  });
}

/** Whether an executable is on the PATH (no shell, no `which`). */
function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      return dir !== '' && statSync(join(dir, name)).isFile();
    } catch {
      return false;
    }
  });
}

/** Prints the summary line from vitest's JSON report; a file that broke before its tests counts once. */
function summary(file: string): string {
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests?: number;
    testResults: Array<{ status: string; assertionResults: Array<{ status: string }> }>;
  };
  const broken = r.testResults.filter(
    (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
  ).length;
  const skipped = r.numPendingTests + (r.numTodoTests ?? 0);
  return `Tests: ${r.numPassedTests} passed, ${r.numFailedTests + broken} failed, ${skipped} skipped`;
}

async function main(): Promise<number> {
  const wantsBus =
    process.platform === 'linux' &&
    !process.env.CCC_TEST_DBUS &&
    onPath('dbus-run-session') &&
    onPath('gnome-keyring-daemon');
  if (wantsBus) {
    // Same Node, same loader flags (tsx), same script, inside the private session.
    return run(
      'dbus-run-session',
      ['--', process.execPath, ...process.execArgv, process.argv[1]!, ...args],
      { env: { ...process.env, CCC_TEST_DBUS: '1' } },
    );
  }
  if (process.env.CCC_TEST_DBUS) {
    const home = mkdtempSync(join(tmpdir(), 'ccc-test-home-'));
    process.env.HOME = home;
    // Starts the Secret Service in this session and unlocks a new login keyring.
    await run('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
      input: 'ccc-test',
      quiet: true,
    }).catch(() => 1);
  }

  console.log(describeNode(process.execPath, process.version, ROOT));
  const tooOld = tooOldMessage(process.version);
  if (tooOld) {
    console.error(tooOld);
    return 1;
  }
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  // CCC_TEST_REPORT: where the JSON report goes (the runner's own test keeps it apart).
  const report = process.env.CCC_TEST_REPORT ?? join(ROOT, 'test-output', 'vitest.json');
  const code = await run(process.execPath, [
    join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...args,
  ]);
  try {
    console.log(summary(report));
  } catch {
    console.log('Tests: no report was written (vitest stopped before the end)');
  }
  return code;
}

process.exitCode = await main();
