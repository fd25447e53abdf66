import { afterEach, expect } from 'vitest';
import {
  StatusEngine,
  type EngineEvent,
  type StatusEngineOptions,
} from '../../../../electron/core/status/engine';
import type { StaffStatusMetrics } from '../../../../electron/core/api/ccc-types';
import {
  changeOutcomeSchema,
  driftEventSchema,
  statusSnapshotSchema,
  type ChangeOutcome,
  type DriftEvent,
  type StatusSnapshot,
} from '../../../../shared/snapshot';
import { FakeClock } from '../../../helpers/fake-clock';
import { FakeCccApi } from '../../../helpers/fake-ccc-api';
import { seededRandom } from './seeded-random';

/** Shared set-up of the engine unit tests: a FakeClock, a FakeCccApi and recorded events. Every
 * engine made here is checked after each test: its events keep the IPC schemas, and stop() leaves
 * no timer. */

export const AGENT = 'agent@example.com';
export const T0 = Date.UTC(2025, 0, 6, 1, 0, 0);

/** One engine under test with its fakes and what it emitted. */
export interface T {
  clock: FakeClock;
  api: FakeCccApi;
  engine: StatusEngine;
  events: EngineEvent[];
  snapshots(): StatusSnapshot[];
  drifts(): DriftEvent[];
  outcomes(): ChangeOutcome[];
}

export function setup(
  agent: Partial<StaffStatusMetrics> = {},
  opts: Partial<StatusEngineOptions> = {},
): T {
  const clock = new FakeClock(T0);
  const api = new FakeCccApi(clock, {
    email: AGENT,
    lastStatusTimestamp: Math.floor(T0 / 1000) - 600,
    ...agent,
  });
  const engine = new StatusEngine({
    clock,
    timers: clock,
    client: api,
    random: seededRandom(3),
    sdkAppId: 1_400_000_000,
    agentId: AGENT,
    // The team estimate (an extra unfiltered call) has its own tests (engine-estimate.test.ts);
    // the others count and script the agent's own polls only.
    estimateTeamSize: false,
    ...opts,
  });
  const events: EngineEvent[] = [];
  engine.subscribe((e) => events.push(e));
  const snapshots = (): StatusSnapshot[] =>
    events.flatMap((e) => (e.type === 'snapshot' ? [e.snapshot] : []));
  const drifts = (): DriftEvent[] => events.flatMap((e) => (e.type === 'drift' ? [e.drift] : []));
  const outcomes = (): ChangeOutcome[] =>
    events.flatMap((e) => (e.type === 'outcome' ? [e.outcome] : []));
  const t: T = { clock, api, engine, events, snapshots, drifts, outcomes };
  live.push(t);
  return t;
}
const live: T[] = [];

/** Started and synced once. */
export async function synced(
  agent: Partial<StaffStatusMetrics> = {},
  opts: Partial<StatusEngineOptions> = {},
) {
  const t = setup(agent, opts);
  t.engine.start();
  await t.clock.advanceAsync(1_000);
  expect(t.api.callsOf('describe')).toHaveLength(1);
  return t;
}

export function checkEnginesAfterEach(): void {
  afterEach(() => {
    // Every event any test produced keeps the IPC contract; stop() leaves no timer behind.
    for (const t of live.splice(0)) {
      for (const e of t.events) {
        if (e.type === 'snapshot') statusSnapshotSchema.parse(e.snapshot);
        if (e.type === 'drift') driftEventSchema.parse(e.drift);
        if (e.type === 'outcome') changeOutcomeSchema.parse(e.outcome);
      }
      statusSnapshotSchema.parse(t.engine.snapshot());
      t.engine.stop();
      expect(t.clock.pendingTimers()).toBe(0);
    }
  });
}

/** Gaps between the starts of consecutive polls. */
export function gaps(t: T): number[] {
  const starts = t.api.callsOf('describe').map((c) => c.atMs);
  return starts.slice(1).map((s, i) => s - (starts[i] as number));
}
