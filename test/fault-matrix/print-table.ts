import { FAULTS, OPERATIONS, expectedLabel } from './matrix';
import type { CellResult } from './run-cell';

/**
 * The matrix as a text table: one row per fault, one column per operation, each cell the
 * observed outcome with a pass (✓) or fail (✗) mark, n/a cells marked "–". Below it: what each
 * failing cell got wrong, and why the n/a cells do not apply.
 */

const PASS = '✓';
const FAIL = '✗';

function cellText(r: CellResult): string {
  if (r.observed === 'n/a') return '– n/a';
  const mark = r.problems.length === 0 ? PASS : FAIL;
  const observed =
    r.observed === 'error' && r.expected.outcome === 'error'
      ? expectedLabel(r.expected)
      : r.observed;
  const wanted =
    r.observed === r.expected.outcome ? '' : ` (expected ${expectedLabel(r.expected)})`;
  return `${mark} ${observed}${wanted}`;
}

const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - [...s].length));

/** Formats every result (any order) as the table plus its notes (`verbose`: every cell's too). */
export function formatMatrix(results: CellResult[], totalMs: number, verbose = false): string {
  const find = (fault: string, op: string) => results.find((r) => r.fault === fault && r.op === op);
  const header = ['Fault', ...OPERATIONS.map((o) => o.label)];
  const rows = FAULTS.map((f) => [
    f.label,
    ...OPERATIONS.map((o) => {
      const r = find(f.id, o.id);
      return r ? cellText(r) : '(not run)';
    }),
  ]);
  const widths = header.map((h, i) =>
    Math.max([...h].length, ...rows.map((r) => [...r[i]!].length)),
  );
  const line = (cells: string[]) => `| ${cells.map((c, i) => pad(c, widths[i]!)).join(' | ')} |`;
  const out = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`];
  for (const r of rows) out.push(line(r));

  const run = results.filter((r) => r.observed !== 'n/a');
  const failed = run.filter((r) => r.problems.length > 0);
  out.push(
    '',
    `${run.length - failed.length}/${run.length} cells pass, ${results.length - run.length} n/a, ` +
      `${(totalMs / 1000).toFixed(1)} s.`,
  );
  if (failed.length > 0) {
    out.push('', 'Failing cells:');
    for (const r of failed) {
      out.push(`- ${r.fault} x ${r.op}:`);
      for (const p of r.problems) out.push(`    ${p.split('\n')[0]}`);
    }
  }
  const reasons = new Map<string, string[]>();
  for (const f of FAULTS)
    for (const o of OPERATIONS) {
      const e = f.cells[o.id];
      if (e.outcome === 'n/a')
        reasons.set(e.reason, [...(reasons.get(e.reason) ?? []), `${f.label} x ${o.label}`]);
    }
  if (reasons.size > 0) {
    out.push('', 'n/a:');
    for (const [reason, cells] of reasons) out.push(`- ${cells.join(', ')}: ${reason}.`);
  }
  if (verbose) {
    out.push('', 'Cells (observed; recovery; what the agent read):');
    for (const r of run) {
      out.push(`- ${r.fault} x ${r.op}: ${r.detail}; ${r.recovery || 'no recovery step'}`);
      for (const m of new Set(r.messages)) out.push(`    "${m}"`);
    }
  }
  out.push('', 'Faults (injected; what "clears" means):');
  for (const f of FAULTS) out.push(`- ${f.label}: ${f.injected}; clears: ${f.clears}.`);
  return out.join('\n');
}
