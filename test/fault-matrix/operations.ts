import type { DayStatsDto } from '../../shared/stats-dto';
import type { StatusSnapshot } from '../../shared/snapshot';
import { TODAY, type CellHarness } from './harness';
import type { OperationId } from './matrix';

/**
 * The five operations of the matrix, each driven through the app core's IPC handlers exactly as
 * the window would call them, and each with its check that the app recovered once the fault
 * cleared. `problems` collects every broken promise (a status reported applied that the
 * simulator does not have, a pending change never settled, no recovery, ...).
 */

/** What an operation came to while the fault was active. */
export interface Observation {
  outcome: 'ok' | 'ok-after-retry' | 'error';
  /** Every error message the operation surfaced (what the agent reads). */
  messages: string[];
  /** One line for the table's notes (connection state, set-status outcome, ...). */
  detail: string;
  problems: string[];
}

/** How the app came back after the fault cleared. */
export interface Recovery {
  detail: string;
  problems: string[];
}

export interface Operation {
  run(h: CellHarness): Promise<Observation>;
  recover(h: CellHarness): Promise<Recovery>;
}

/** The longest the app may take to recover by itself (fake time: backoffs run on the clock). */
const RECOVERY_BUDGET_MS = 15 * 60_000;

const settledOk = (h: CellHarness, since: number): Observation['outcome'] =>
  h.failedAttempts() > since ? 'ok-after-retry' : 'ok';

const healthy = (s: StatusSnapshot): boolean => s.connection === 'ok' && s.lastError === null;

/**
 * Lets the app's own timers run until a poll made after the fault cleared has succeeded (no
 * refresh by hand): the app is connected again by itself.
 */
async function connectionRecovers(h: CellHarness): Promise<Recovery> {
  const before = (await h.snapshot()).lastSyncMs;
  const took = await h.waitUntil(async () => {
    const s = await h.snapshot();
    return healthy(s) && s.lastSyncMs !== before;
  }, RECOVERY_BUDGET_MS);
  if (took === null) {
    const s = await h.snapshot();
    return {
      detail: 'no recovery',
      problems: [`still ${s.connection} (${s.lastError?.message ?? 'no error'}) after 15 min`],
    };
  }
  return { detail: `polled again by itself after ${Math.round(took / 1000)} s`, problems: [] };
}

/** The snapshot agrees with the simulator's world and nothing is left pending. */
async function agreesWithWorld(h: CellHarness): Promise<string[]> {
  const s = await h.snapshot();
  const w = await h.world();
  const problems: string[] = [];
  if (s.pending) problems.push(`a change is still pending: ${JSON.stringify(s.pending)}`);
  if (s.status !== w.status || s.reason !== w.reason)
    problems.push(`the app shows ${s.status}/${s.reason}, CCC has ${w.status}/${w.reason}`);
  return problems;
}

const poll: Operation = {
  async run(h) {
    const since = h.failedAttempts();
    // Two polls: one failed poll after a sync is not shown (no flicker), two in a row are.
    h.value(await h.call('status:refresh', undefined));
    const s = h.value(await h.call('status:refresh', undefined));
    const problems = s.status === 'free' ? [] : [`the last known status was lost: ${s.status}`];
    if (healthy(s)) return { outcome: settledOk(h, since), messages: [], detail: 'ok', problems };
    return {
      outcome: 'error',
      messages: s.lastError ? [s.lastError.message] : [],
      detail: `${s.connection}, last known status kept`,
      problems: s.lastError ? problems : [...problems, `${s.connection} without an error`],
    };
  },
  async recover(h) {
    const r = await connectionRecovers(h);
    return { detail: r.detail, problems: [...r.problems, ...(await agreesWithWorld(h))] };
  },
};

const setStatus: Operation = {
  async run(h) {
    const since = h.failedAttempts();
    const o = h.value(await h.call('status:set', { status: 'rest', reason: 'Lunch' }));
    const w = await h.world();
    const inWorld = w.status === 'rest' && w.reason === 'Lunch';
    if (o.outcome === 'applied' || o.outcome === 'reserved') {
      const problems = inWorld ? [] : [`reported ${o.outcome} but CCC has ${w.status}: lost`];
      return { outcome: settledOk(h, since), messages: [], detail: o.outcome, problems };
    }
    if (o.outcome !== 'failed' || !o.error)
      return { outcome: 'error', messages: [], detail: o.outcome, problems: ['not reported'] };
    // "Failed" while CCC did apply it is only honest when the agent is told it may have.
    const problems =
      inWorld && !/may still have taken effect/i.test(o.error.message)
        ? ['reported failed although CCC applied it, without saying it may have']
        : [];
    return {
      outcome: 'error',
      messages: [o.error.message],
      detail: `reported failed; CCC has ${w.status}${inWorld ? ' (it did apply)' : ''}`,
      problems,
    };
  },
  async recover(h) {
    const conn = await connectionRecovers(h);
    // The app converged on the truth: whatever CCC has is what the agent sees.
    const problems = [...conn.problems, ...(await agreesWithWorld(h))];
    const again = h.value(await h.call('status:set', { status: 'notReady' }));
    const w = await h.world();
    if (again.outcome !== 'applied' || w.status !== 'notReady')
      problems.push(`a new change after recovery: ${again.outcome}, CCC has ${w.status}`);
    return { detail: `${conn.detail}; a new change applies`, problems };
  },
};

const testConnection: Operation = {
  async run(h) {
    const since = h.failedAttempts();
    const r = h.value(await h.call('credentials:test', undefined));
    const failed = [r.ccc, r.desk].filter((c) => c !== null && !c.ok);
    if (failed.length === 0)
      return { outcome: settledOk(h, since), messages: [], detail: 'both work', problems: [] };
    const parts = [!r.ccc.ok ? 'CCC' : '', r.desk && !r.desk.ok ? 'desk' : ''].filter(Boolean);
    return {
      outcome: 'error',
      messages: failed.map((c) => c!.message),
      detail: `${parts.join(' + ')} failed`,
      problems: [],
    };
  },
  async recover(h) {
    const r = h.value(await h.call('credentials:test', undefined));
    const problems = [r.ccc, r.desk]
      .filter((c) => c === null || !c.ok)
      .map((c) => `still failing: ${c?.message ?? 'desk not tested'}`);
    return { detail: 'the next test passes', problems };
  },
};

function statsObservation(h: CellHarness, since: number, days: DayStatsDto[]): Observation {
  const problems = days.flatMap((d) => d.problems.map((p) => `${d.day} ${p.part}: ${p.message}`));
  if (problems.length === 0) {
    const empty = days.filter((d) => d.kpis.length === 0).map((d) => d.day);
    return {
      outcome: settledOk(h, since),
      messages: [],
      detail: `${days.length} day(s) complete`,
      problems: empty.length > 0 ? [`no desk KPIs for ${empty.join(', ')}`] : [],
    };
  }
  const parts = [...new Set(days.flatMap((d) => d.problems.map((p) => p.part)))];
  return {
    outcome: 'error',
    messages: days.flatMap((d) => d.problems.map((p) => p.message)),
    detail: `${problems.length} part(s) missing (${parts.join(', ')}), the rest shown`,
    problems: [],
  };
}

const deskStats: Operation = {
  async run(h) {
    const since = h.failedAttempts();
    const r = await h.call('stats:day', { day: TODAY });
    if (!r.ok) return { outcome: 'error', messages: [r.message], detail: r.code, problems: [] };
    return statsObservation(h, since, [r.value]);
  },
  async recover(h) {
    const r = h.value(await h.call('stats:day', { day: TODAY }));
    const problems = r.problems.map((p) => `still missing ${p.part}: ${p.message}`);
    return { detail: 'the next load is complete', problems };
  },
};

const week: Operation = {
  async run(h) {
    const since = h.failedAttempts();
    const r = await h.call('stats:week', {});
    if (!r.ok) return { outcome: 'error', messages: [r.message], detail: r.code, problems: [] };
    return statsObservation(h, since, r.value.days);
  },
  async recover(h) {
    const r = h.value(await h.call('stats:week', {}));
    const problems = r.days.flatMap((d) =>
      d.problems.map((p) => `still missing ${d.day} ${p.part}`),
    );
    return { detail: `the next load is complete (${r.requests} requests)`, problems };
  },
};

/** Every operation by id. */
export const OPERATION_RUNNERS: Record<OperationId, Operation> = {
  poll,
  setStatus,
  testConnection,
  deskStats,
  week,
};
