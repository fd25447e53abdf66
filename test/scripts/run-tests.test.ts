import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeNode, nodeTooOld, tooOldMessage } from '../../scripts/toolchain';

/**
 * `npm test`'s runner is a Node script (no bash): run it here on one small suite file and read
 * what it prints. On Linux with D-Bus and gnome-keyring it runs inside its private session.
 */

const ROOT = join(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'ccc-run-tests-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/run-tests.ts', () => {
  it('runs the suites under Node and ends with the summary line', async () => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
        join(ROOT, 'scripts/run-tests.ts'),
        '--project',
        'node',
        'test/shared/time-format.test.ts',
      ],
      { cwd: ROOT, env: { ...process.env, CCC_TEST_REPORT: join(dir, 'report.json') } },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.resume();
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(0);
    expect(out).toContain(describeNode(process.execPath, process.version, ROOT));
    expect(out.trim().split('\n').at(-1)).toMatch(/^Tests: [1-9]\d* passed, 0 failed, 0 skipped$/);
  }, 60_000);
});

describe('toolchain', () => {
  it('refuses a Node older than 22.12 in one line', () => {
    expect(nodeTooOld('v20.19.5')).toBe(true);
    expect(nodeTooOld('v22.11.9')).toBe(true);
    expect(nodeTooOld('v22.12.0')).toBe(false);
    expect(nodeTooOld('v24.21.0')).toBe(false);
    expect(tooOldMessage('v24.21.0')).toBeNull();
    expect(tooOldMessage('v20.19.5')).toMatch(/^Node v20\.19\.5 is too old .*Node 24 LTS/);
  });

  it('says whether Node comes from node_modules or from the PATH', () => {
    expect(describeNode(join('/p', 'node_modules/node/bin/node'), 'v24.1.0', '/p')).toBe(
      'Node v24.1.0 from node_modules (the npm package node@24)',
    );
    expect(describeNode('/usr/bin/node', 'v22.12.0', '/p')).toMatch(/from \/usr\/bin\/node/);
  });
});
