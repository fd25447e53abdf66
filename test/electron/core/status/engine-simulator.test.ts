import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCccClient } from '../../../../electron/core/api/ccc-client';
import type { CccClient } from '../../../../electron/core/api/ccc-types';
import { StatusEngine, type EngineEvent } from '../../../../electron/core/status/engine';
import { startSimulator, type RunningSimulator } from '../../../../electron/simulator';
import { statusSnapshotSchema, type DriftEvent } from '../../../../shared/snapshot';
import { FakeClock, flushPromises } from '../../../helpers/fake-clock';
import { seededRandom } from './seeded-random';

/**
 * The engine with the real CCC client against the real simulator over loopback: TC3 signatures,
 * JSON envelopes, per-item results and the simulator's own reserve rules. One FakeClock drives the
 * simulator's day, the client's signing time and the engine's timers; polls are triggered with
 * refresh() (real I/O is awaited, never timed).
 */

let clock: FakeClock;
let sim: RunningSimulator;
let client: CccClient;
let engine: StatusEngine;
let events: EngineEvent[];
let agent: string;

const drifts = (): DriftEvent[] => events.flatMap((e) => (e.type === 'drift' ? [e.drift] : []));
const transitions = () => drifts().map((d) => `${d.before.status}>${d.after.status}`);

/** Moves simulated time on (firing any engine timer, which may start a real poll) and refreshes. */
async function step(ms = 1_000) {
  clock.advance(ms);
  return engine.refresh();
}

beforeEach(async () => {
  clock = new FakeClock(Date.UTC(2025, 0, 6, 2, 0, 0));
  sim = await startSimulator({ clock, autopilot: false, wrapUpSeconds: 30, staffCount: 3 });
  agent = sim.staff[0] as string;
  client = createCccClient({
    endpoint: { baseUrl: sim.url },
    sdkAppId: sim.sdkAppId,
    credentials: async () => sim.credentials,
    clock,
    timers: clock,
    random: seededRandom(5),
  });
  engine = new StatusEngine({
    clock,
    timers: clock,
    client,
    random: seededRandom(9),
    sdkAppId: sim.sdkAppId,
    agentId: agent,
  });
  events = [];
  engine.subscribe((e) => events.push(e));
  engine.start();
  const first = await step();
  expect(first).toMatchObject({ status: 'free', connection: 'ok', agentId: agent });
});

afterEach(async () => {
  for (const e of events) if (e.type === 'snapshot') statusSnapshotSchema.parse(e.snapshot);
  engine.stop();
  await client.close();
  await sim.close();
  // The engine's timers and the client's request deadlines (both on this clock) are all gone.
  await flushPromises();
  expect(clock.pendingTimers()).toBe(0);
});

describe('StatusEngine against the simulator', () => {
  it('own change: applied, confirmed by the next poll with the server timestamp, undo restores', async () => {
    const o = await engine.setStatus('rest', 'Lunch');
    expect(o).toMatchObject({ outcome: 'applied', error: null });
    const s = await step();
    expect(s).toMatchObject({ status: 'rest', reason: 'Lunch', pending: null, connection: 'ok' });
    expect(s.statusSinceMs).toBe(clock.now() - 1_000);
    expect(s.undo).toMatchObject({ status: 'free', reason: '' });
    expect((await engine.undo())?.outcome).toBe('applied');
    expect(await step()).toMatchObject({ status: 'free' });
    expect(drifts()).toHaveLength(0);
  });

  it('break while on a call: reserved, shown as pending, applied at the end of wrap-up without drift', async () => {
    expect((await sim.control.startCall(agent, { type: 'tel', direct: 'in' })).ok).toBe(true);
    expect(await step()).toMatchObject({
      status: 'busy',
      statusExtra: { type: 'tel', direction: 'in' },
    });

    const o = await engine.setStatus('rest', 'Lunch');
    expect(o).toMatchObject({ outcome: 'reserved' });
    expect(await step()).toMatchObject({
      status: 'busy',
      reserveRest: true,
      reserveNotReady: false,
    });

    expect((await sim.control.endCall(agent)).ok).toBe(true);
    expect(await step()).toMatchObject({ status: 'afterCallWork', reserveRest: true });
    // Wrap-up (30 s) runs out: the reserved break begins.
    const s = await step(31_000);
    expect(s).toMatchObject({ status: 'rest', reason: 'Lunch', reserveRest: false });
    // The call starting and ending are drift; the reserved break taking effect is not.
    expect(transitions()).toEqual(['free>busy', 'busy>afterCallWork']);
  });

  it('free while the break is reserved cancels it: back to free after wrap-up', async () => {
    await sim.control.startCall(agent, { type: 'im', direct: 'in' });
    await step();
    await engine.setStatus('notReady');
    expect((await engine.cancelPending()).outcome).toBe('applied');
    expect(await step()).toMatchObject({ status: 'busy', reserveNotReady: false });
    await sim.control.endCall(agent, { wrapUpSeconds: 5 });
    expect(await step(6_000)).toMatchObject({ status: 'free' });
  });

  it('a supervisor change is drift, with before and after', async () => {
    await engine.setStatus('notReady');
    await step();
    expect((await sim.control.setStatus(agent, 'rest', 'Coaching')).ok).toBe(true);
    expect(await step()).toMatchObject({ status: 'rest', reason: 'Coaching' });
    expect(drifts()).toEqual([
      {
        before: { status: 'notReady', reason: '' },
        after: { status: 'rest', reason: 'Coaching' },
        atMs: clock.now(),
      },
    ]);
    // The system logging the agent out is drift too.
    await sim.control.setOffline(agent);
    await step();
    expect(transitions()).toEqual(['notReady>rest', 'rest>offline']);
  });

  it('a refused item (offline agent) rolls back with the simulator error', async () => {
    await sim.control.setOffline(agent);
    await step();
    const o = await engine.setStatus('free');
    expect(o).toMatchObject({
      outcome: 'failed',
      error: { source: 'ccc', code: 'FailedOperation', kind: 'refused' },
    });
    expect(o.error?.requestId).toBeTruthy();
    expect(engine.snapshot()).toMatchObject({ status: 'offline', pending: null });
  });

  it('rate-limit storm: one request per poll, degraded, interval backed off, status changes still go; then recovery', async () => {
    await sim.control.injectFault({
      kind: 'rateLimitStorm',
      action: 'DescribeStaffStatusMetrics',
      times: 3,
    });
    const before = engine.stats();
    expect((await step()).connection).toBe('ok'); // one rejection: not yet degraded
    const s = await step();
    expect(s).toMatchObject({
      connection: 'degraded',
      status: 'free',
      lastError: { kind: 'rate_limit' },
    });
    expect(s.lastError?.code).toMatch(/^RequestLimitExceeded/);
    const after = engine.stats();
    expect(after.rateLimited - before.rateLimited).toBe(2);
    expect(after.currentIntervalMs).toBeGreaterThan(before.currentIntervalMs);
    // Own changes go straight out (a separate limit) despite the backed-off poller.
    expect((await engine.setStatus('rest', 'Lunch')).outcome).toBe('applied');
    // The refresh right after that change took the third storm answer; the next poll recovers.
    expect((await step()).connection).toBe('degraded');
    const ok = await step();
    expect(ok).toMatchObject({
      connection: 'ok',
      lastError: null,
      status: 'rest',
      reason: 'Lunch',
    });
    // maxAttempts 1: exactly the three injected rejections were consumed by three polls.
    expect(engine.stats().rateLimited - before.rateLimited).toBe(3);
  });

  it('a revoked key stops polling until the credentials change', async () => {
    await sim.control.revokeKey(sim.credentials.secretId);
    const s = await step();
    expect(s).toMatchObject({ connection: 'credentials_rejected', lastError: { kind: 'auth' } });
    expect(clock.pendingTimers()).toBe(0);
  });
});
