/**
 * `npm run fault-matrix`: runs every cell of the fault matrix (test/fault-matrix/matrix.ts: every
 * fault the simulator can inject against every operation, on the real app core and simulator)
 * and prints it as a table: rows = faults, columns = operations, each cell the observed outcome
 * with a pass/fail mark. Exits non-zero when any cell fails. `--only <faultId,...>` runs a
 * subset; `--verbose` adds each cell's notes (what happened, what the agent read, the recovery).
 */
import { FAULTS, OPERATIONS } from '../test/fault-matrix/matrix';
import { formatMatrix } from '../test/fault-matrix/print-table';
import { runCell, type CellResult } from '../test/fault-matrix/run-cell';

const i = process.argv.indexOf('--only');
const only = i >= 0 ? (process.argv[i + 1] ?? '').split(',').filter(Boolean) : [];

const started = Date.now();
const results: CellResult[] = [];
// One cell at a time: the driver watches the process's HTTP requests to know when time may move.
for (const fault of FAULTS) {
  if (only.length > 0 && !only.includes(fault.id)) continue;
  for (const op of OPERATIONS) results.push(await runCell(fault.id, op.id));
}
console.log(formatMatrix(results, Date.now() - started, process.argv.includes('--verbose')));
const failed = results.some((r) => r.problems.length > 0);
process.exitCode = failed ? 1 : 0;
