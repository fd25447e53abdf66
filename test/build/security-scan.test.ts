import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ALLOWLIST, main, scan, triage, type Finding } from '../../scripts/security-scan';

const ROOT = join(__dirname, '../..');
const f = (over: Partial<Finding>): Finding => ({
  check: 'X_CHECK',
  severity: 'HIGH',
  confidence: 'FIRM',
  file: 'electron/main/x.ts',
  line: 1,
  sample: '',
  ...over,
});

describe('triage', () => {
  it('blocks HIGH and MEDIUM findings that are not allowlisted, and only those', () => {
    const r = triage(
      [
        f({ severity: 'HIGH' }),
        f({ severity: 'MEDIUM', check: 'Y_CHECK' }),
        f({ severity: 'LOW', check: 'Z_CHECK' }),
        f({ severity: 'INFORMATIONAL', check: 'W_CHECK' }),
        f({ severity: 'MEDIUM', check: 'OK_CHECK', file: 'a.ts' }),
      ],
      [
        { check: 'OK_CHECK', file: 'a.ts', reason: 'because' },
        { check: 'GONE_CHECK', file: 'b.ts', reason: 'stale' },
      ],
    );
    expect(r.blocking.map((x) => x.check)).toEqual(['X_CHECK', 'Y_CHECK']);
    expect(r.informational.map((x) => x.check)).toEqual(['Z_CHECK', 'W_CHECK']);
    expect(r.accepted).toEqual([expect.objectContaining({ check: 'OK_CHECK', reason: 'because' })]);
    expect(r.unused.map((a) => a.check)).toEqual(['GONE_CHECK']);
  });

  it('matches the allowlist by check AND file, never by check alone', () => {
    const r = triage([
      f({ check: 'OPEN_EXTERNAL_JS_CHECK', severity: 'MEDIUM', file: 'electron/main/other.ts' }),
    ]);
    expect(r.blocking).toHaveLength(1);
  });

  it('gives every allowlist entry a written reason', () => {
    for (const a of ALLOWLIST) expect(a.reason.length, `${a.check} ${a.file}`).toBeGreaterThan(30);
  });
});

describe('Electronegativity runs', () => {
  it('fails on an insecure window (the real tool, parsed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'insecure-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src', 'main.js'),
      `const { BrowserWindow } = require('electron');
new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false } });
`,
    );
    const { findings } = await scan(dir, '45.4.1');
    const checks = findings.filter((x) => x.severity === 'HIGH').map((x) => x.check);
    expect(checks).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']),
    );
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main([dir])).toBe(1);
    expect(error.mock.calls.join('\n')).toMatch(/BLOCKING/);
    log.mockRestore();
    error.mockRestore();
  });

  it('finds nothing blocking in electron/', async () => {
    const { findings } = await scan(join(ROOT, 'electron'), '45.4.1');
    const { blocking } = triage(findings);
    expect(blocking).toEqual([]);
  });
});
