import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/core/ports';
import { cccCall } from './sim-client';

const ROOT = new URL('../../../', import.meta.url).pathname;

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  firstLine: Promise<string>;
  /** Resolves once stdout contains `text`. */
  until(text: string): Promise<void>;
  /** Resolves when the process has exited and its output pipes are closed (all output read). */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(cmd: string, args: string[], detached: boolean): Run {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached });
  let out = '';
  let err = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.on('exit', () => reject(new Error(`exited before printing: ${err}`)));
  });
  firstLine.catch(() => {}); // a test that expects an early exit never awaits it
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  // 'close', not 'exit': it fires once every process holding the output pipes has ended and all
  // their output is read. Under npx the direct child (sh/npm) may exit before the simulator it
  // started has written its last line, which made waiting for 'exit' flaky on a loaded machine.
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const until = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () =>
        out.includes(text) ? (child.stdout!.off('data', check), resolve()) : undefined;
      child.stdout!.on('data', check);
      check();
    });
  return { child, stdout: () => out, stderr: () => err, firstLine, until, exit };
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('connect', () => (s.destroy(), resolve(false)));
    s.on('error', () => resolve(true));
  });

describe('simulator CLI', () => {
  it('--json prints one parseable line with everything a program needs, serves, and stops on SIGTERM', async () => {
    // Own process group: npx runs tsx through `sh -c`, which does not pass signals on.
    const r = run(
      'npx',
      ['tsx', 'electron/simulator/cli.ts', '--json', '--no-autopilot', '--seed', '3'],
      true,
    );
    try {
      const info = JSON.parse(await r.firstLine) as Record<string, unknown>;
      expect(Object.keys(info).sort()).toEqual(
        [
          'controlToken',
          'deskBaseUrl',
          'imAdminIdentifier',
          'imKey',
          'imSdkAppId',
          'sdkAppId',
          'secretId',
          'secretKey',
          'staff',
          'url',
        ].sort(),
      );
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.deskBaseUrl).toBe(info.url);
      expect(info.staff).toContain('demo.agent@example.com');
      const sim = {
        url: info.url as string,
        credentials: { secretId: info.secretId as string, secretKey: info.secretKey as string },
      };
      const res = await cccCall(sim, systemClock, 'DescribeStaffStatusMetrics', {
        SdkAppId: info.sdkAppId,
      });
      expect(res.response.Metrics.length).toBe((info.staff as string[]).length);

      process.kill(-r.child.pid!, 'SIGTERM');
      await r.exit;
      expect(r.stderr()).toContain('simulator: stopped');
      expect(r.stdout().trim().split('\n')).toHaveLength(1);
      expect(await refused(Number(new URL(info.url as string).port))).toBe(true);
    } finally {
      try {
        process.kill(-r.child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }, 60_000);

  it('prints a human summary and exits with code 0 on SIGINT', async () => {
    const r = run(
      `${ROOT}node_modules/.bin/tsx`,
      ['electron/simulator/cli.ts', '--no-autopilot'],
      false,
    );
    try {
      expect(await r.firstLine).toMatch(/^CCC simulator running at http:\/\/127\.0\.0\.1:\d+$/);
      await r.until('Press Ctrl+C to stop.');
      expect(r.stdout()).toMatch(/SecretKey +\S{32}/);
      r.child.kill('SIGINT');
      expect(await r.exit).toEqual({ code: 0, signal: null });
    } finally {
      r.child.kill('SIGKILL');
    }
  }, 60_000);

  it('--history-days simulates past days (the demo agent worked yesterday); a bad count exits with code 2', async () => {
    const r = run(
      `${ROOT}node_modules/.bin/tsx`,
      ['electron/simulator/cli.ts', '--json', '--seed', '4', '--history-days=2'],
      false,
    );
    try {
      const info = JSON.parse(await r.firstLine) as {
        url: string;
        secretId: string;
        secretKey: string;
        sdkAppId: number;
        staff: string[];
      };
      const sim = {
        url: info.url,
        credentials: { secretId: info.secretId, secretKey: info.secretKey },
      };
      // Yesterday in the simulator's default zone (UTC+8): the demo agent worked a shift.
      const today = Math.floor((Date.now() / 1000 + 8 * 3600) / 86_400) * 86_400 - 8 * 3600;
      const res = await cccCall(sim, systemClock, 'DescribeStaffStatusHistory', {
        SdkAppId: info.sdkAppId,
        StaffUserId: info.staff[0],
        StartTimestamp: today - 86_400,
        EndTimestamp: today - 1,
      });
      expect(res.response.Data?.length).toBeGreaterThan(20);
      r.child.kill('SIGTERM');
      expect(await r.exit).toEqual({ code: 0, signal: null });
    } finally {
      r.child.kill('SIGKILL');
    }
    for (const bad of ['--history-days=-1', '--history-days=abc', '--history-days=181']) {
      const b = run(`${ROOT}node_modules/.bin/tsx`, ['electron/simulator/cli.ts', bad], false);
      expect((await b.exit).code, bad).toBe(2);
      expect(b.stderr(), bad).toContain('--history-days');
    }
  }, 60_000);

  it('rejects unknown options with exit code 2', async () => {
    const r = run(`${ROOT}node_modules/.bin/tsx`, ['electron/simulator/cli.ts', '--bogus'], false);
    expect((await r.exit).code).toBe(2);
    expect(r.stderr()).toContain('unknown option --bogus');
  }, 60_000);
});
