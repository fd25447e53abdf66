import { describe, expect, it } from 'vitest';
import { deskFaultSchema } from '../../electron/simulator/desk-handler';
import { simFaultSchema } from '../../electron/simulator/faults';
import type { SimControl } from '../../electron/simulator/index';
import { FAULTS, OPERATIONS, SIMULATOR_COVERAGE, type FaultId } from './matrix';
import { runCell } from './run-cell';

/**
 * Issue 6 section 2: every operation against every fault the simulator can inject, on the real
 * app core and the real simulator over loopback (one fresh world per cell). Each cell asserts its
 * expected outcome, that every message names the fix, that the app recovers by itself once the
 * fault clears and, for set status, that the requested status is applied or reported as failed.
 * `npm run fault-matrix` prints the same matrix as a table.
 */

describe('the fault matrix covers the simulator', () => {
  const rows = new Set<FaultId>(FAULTS.map((f) => f.id));
  const kinds = (schema: { options: readonly { shape: { kind: { value: string } } }[] }) =>
    schema.options.map((o) => o.shape.kind.value).sort();

  it('every CCC and desk fault kind the simulator injects is used by a row', () => {
    expect(Object.keys(SIMULATOR_COVERAGE.ccc).sort()).toEqual(kinds(simFaultSchema));
    expect(Object.keys(SIMULATOR_COVERAGE.desk).sort()).toEqual(kinds(deskFaultSchema));
    const used = Object.values(SIMULATOR_COVERAGE).flatMap((group) => Object.values(group).flat());
    for (const id of used) expect(rows.has(id), id).toBe(true);
    for (const group of Object.values(SIMULATOR_COVERAGE))
      for (const [kind, ids] of Object.entries(group)) expect(ids.length, kind).toBeGreaterThan(0);
  });

  it('names the control commands it uses, and every n/a cell says why', () => {
    const commands: (keyof SimControl)[] = ['revokeKey', 'addTemporaryCredentials'];
    expect(Object.keys(SIMULATOR_COVERAGE.control).sort()).toEqual(commands.sort());
    for (const f of FAULTS)
      for (const o of OPERATIONS) {
        const cell = f.cells[o.id];
        if (cell.outcome === 'n/a')
          expect(cell.reason.length, `${f.id} x ${o.id}`).toBeGreaterThan(10);
      }
  });
});

for (const fault of FAULTS) {
  const runnable = OPERATIONS.filter((o) => fault.cells[o.id].outcome !== 'n/a');
  describe(`fault: ${fault.label}`, () => {
    it.each(runnable.map((o) => [o.label, o.id] as const))('%s', async (_label, op) => {
      const r = await runCell(fault.id, op);
      const said =
        r.messages.length > 0 ? ` (the agent read: ${[...new Set(r.messages)].join(' | ')})` : '';
      expect(r.problems, `${fault.id} x ${op}${said}`).toEqual([]);
      expect(r.observed).toBe(fault.cells[op].outcome);
    });
  });
}
