import { FAULT_DRIVERS } from './fault-drivers';
import { CellHarness } from './harness';
import { FAULTS, type Expected, type FaultId, type OperationId } from './matrix';
import { OPERATION_RUNNERS, type Observation } from './operations';

/**
 * Runs one cell of the matrix in a world of its own (fresh simulator, fresh core, fresh data
 * folder): set up, inject the row's fault, run the operation, clear the fault, check recovery,
 * and compare with the expected outcome. Never throws: a crash is a failed cell with its reason.
 */

export interface CellResult {
  fault: FaultId;
  op: OperationId;
  expected: Expected;
  observed: Observation['outcome'] | 'n/a' | 'crash';
  /** Empty when the cell passes. */
  problems: string[];
  /** What the agent was told while the fault was active. */
  messages: string[];
  detail: string;
  recovery: string;
  /** Real ms the cell took. */
  ms: number;
}

/** The expected outcome of a cell. */
export function expectedOf(fault: FaultId, op: OperationId): Expected {
  const row = FAULTS.find((f) => f.id === fault);
  if (!row) throw new Error(`no row ${fault}`);
  return row.cells[op];
}

function judge(expected: Expected, obs: Observation, secrets: string[]): string[] {
  const problems: string[] = [];
  if (obs.outcome !== expected.outcome) {
    const said = obs.messages.length > 0 ? `: ${obs.messages.join(' | ')}` : '';
    problems.push(`expected ${expected.outcome}, got ${obs.outcome}${said}`);
  } else if (expected.outcome === 'error') {
    if (obs.messages.length === 0) problems.push('failed without a message');
    for (const m of obs.messages)
      if (!expected.pattern.test(m))
        problems.push(`the message does not name the fix (${expected.fix}): "${m}"`);
  }
  for (const m of obs.messages)
    if (secrets.some((s) => m.includes(s))) problems.push(`a message carries a secret: "${m}"`);
  return problems;
}

/** Runs one cell; see the module comment. */
export async function runCell(fault: FaultId, op: OperationId): Promise<CellResult> {
  const expected = expectedOf(fault, op);
  const started = Date.now();
  const base = { fault, op, expected, messages: [], detail: '', recovery: '' };
  if (expected.outcome === 'n/a')
    return { ...base, observed: 'n/a', problems: [], detail: expected.reason, ms: 0 };
  const driver = FAULT_DRIVERS[fault];
  const operation = OPERATION_RUNNERS[op];
  let h: CellHarness | null = null;
  try {
    h = await CellHarness.start(driver.setup);
    await driver.inject(h, op);
    const faultAt = h.clock.now();
    const obs = await operation.run(h);
    const took = h.clock.now() - faultAt;
    const duringFault = (await driver.check?.(h, op, 'fault')) ?? [];
    await driver.clear(h, op);
    const rec = await operation.recover(h);
    const afterRecovery = (await driver.check?.(h, op, 'recovered')) ?? [];
    const secrets = [h.sim.credentials.secretKey, h.sim.desk.imKey];
    // Nobody but the agent changes the status in any cell: a drift event would be a false alarm.
    const drift = h.events.includes('status:drift') ? ['a status:drift event (false alarm)'] : [];
    return {
      ...base,
      observed: obs.outcome,
      problems: [
        ...judge(expected, obs, secrets),
        ...obs.problems,
        ...duringFault,
        ...rec.problems,
        ...afterRecovery,
        ...drift,
      ],
      messages: obs.messages,
      // Fake time the operation took (hang deadlines, retry sleeps), when any.
      detail: took > 0 ? `${obs.detail} (${(took / 1000).toFixed(1)} s)` : obs.detail,
      recovery: rec.detail,
      ms: Date.now() - started,
    };
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    return { ...base, observed: 'crash', problems: [message], ms: Date.now() - started };
  } finally {
    await h?.dispose().catch(() => undefined);
  }
}
