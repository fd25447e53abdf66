import { describe, expect, it } from 'vitest';
import { flushPromises } from '../../../helpers/fake-clock';
import { errors, metricsItem, type FakeCall } from '../../../helpers/fake-ccc-api';
import { checkEnginesAfterEach, setup, T0 } from './engine-harness';

checkEnginesAfterEach();

const MIN = 60_000;
/** Unfiltered metrics calls: the team estimates (polls always name the agent). */
const estimates = (calls: FakeCall[]): FakeCall[] =>
  calls.filter((c) => c.method === 'describe' && !(c.input as { staffList?: string[] }).staffList);
const polls = (calls: FakeCall[]): FakeCall[] =>
  calls.filter((c) => c.method === 'describe' && (c.input as { staffList?: string[] }).staffList);

/** An engine with the estimate on and a team of `online` + `offline` other agents. */
function team(online: number, offline: number, opts: Parameters<typeof setup>[1] = {}) {
  const t = setup({}, { estimateTeamSize: true, ...opts });
  for (let i = 0; i < online + offline; i++) {
    t.api.others.push(
      metricsItem({ email: `a${i}@example.com`, status: i < online ? 'free' : 'offline' }),
    );
  }
  return t;
}

describe('StatusEngine: team-size estimate without a hint', () => {
  it('after the first poll: one unfiltered call with maxAttempts 1; the roster becomes the team floor', async () => {
    const t = team(599, 400); // 1,000 agents on the SdkAppId with this one
    t.engine.start();
    await t.clock.advanceAsync(1_000);
    expect(polls(t.api.calls)).toHaveLength(1);
    expect(estimates(t.api.calls)).toHaveLength(0); // the own poll goes first
    expect(t.engine.stats()).toMatchObject({ teamEstimate: null, currentIntervalMs: 30_000 });
    await t.clock.advanceAsync(90_000);
    const [first] = estimates(t.api.calls);
    expect(first?.input).toEqual({});
    expect(first?.opts?.maxAttempts).toBe(1);
    expect(first?.atMs).toBeGreaterThanOrEqual(T0 + 30_000);
    // 1,000 agents at 65% of 20 req/s: one poll per 76.9 s, whether the window is shown or not.
    expect(t.engine.stats()).toMatchObject({
      teamEstimate: 1_000,
      teamSize: 1_000,
      estimateRequests: 1,
      currentIntervalMs: 76_924,
    });
  });

  it('hourly (jittered) afterwards, following the team as it changes', async () => {
    const t = team(49, 0);
    t.engine.start();
    await t.clock.advanceAsync(2 * MIN);
    expect(t.engine.stats().teamEstimate).toBe(50);
    for (let i = 0; i < 150; i++) t.api.others.push(metricsItem({ email: `b${i}@example.com` }));
    await t.clock.advanceAsync(45 * MIN);
    expect(estimates(t.api.calls)).toHaveLength(1);
    await t.clock.advanceAsync(30 * MIN);
    const made = estimates(t.api.calls).map((c) => c.atMs);
    expect(made).toHaveLength(2);
    const gap = (made[1] as number) - (made[0] as number);
    expect(gap).toBeGreaterThanOrEqual(48 * MIN);
    expect(gap).toBeLessThan(72 * MIN);
    expect(t.engine.stats()).toMatchObject({ teamEstimate: 200, currentIntervalMs: 15_385 });
  });

  it("estimateCounts 'online' counts only the agents not offline (at least this app)", async () => {
    const t = team(299, 700, { estimateCounts: 'online' });
    t.engine.start();
    await t.clock.advanceAsync(2 * MIN);
    expect(t.engine.stats().teamEstimate).toBe(300);
    const u = team(0, 10, { estimateCounts: 'online' });
    u.api.agent.status = 'offline';
    u.engine.start();
    await u.clock.advanceAsync(2 * MIN);
    expect(u.engine.stats().teamEstimate).toBe(1);
  });

  it('a hint is authoritative: no estimate while it is set; cleared, the estimate begins', async () => {
    const t = team(999, 0, { teamSize: 20 });
    t.engine.start();
    await t.clock.advanceAsync(3 * 60 * MIN);
    expect(estimates(t.api.calls)).toHaveLength(0);
    expect(t.engine.stats()).toMatchObject({ teamSize: 20, teamEstimate: null });
    t.engine.updateOptions({ teamSize: null });
    await t.clock.advanceAsync(2 * MIN);
    expect(estimates(t.api.calls)).toHaveLength(1);
    expect(t.engine.stats()).toMatchObject({ teamSize: 1_000, teamEstimate: 1_000 });
    // A hint set again wins over the estimate at once, and stops the schedule.
    t.engine.updateOptions({ teamSize: 500 });
    expect(t.engine.stats()).toMatchObject({ teamSize: 500, currentIntervalMs: 38_462 });
    await t.clock.advanceAsync(3 * 60 * MIN);
    expect(estimates(t.api.calls)).toHaveLength(1);
  });

  it('estimateTeamSize false: never an unfiltered call', async () => {
    const t = setup({}, { estimateTeamSize: false });
    t.engine.start();
    await t.clock.advanceAsync(3 * 60 * MIN);
    expect(estimates(t.api.calls)).toHaveLength(0);
    expect(t.engine.stats().teamEstimate).toBeNull();
  });

  it('a failed or rate-limited estimate keeps the previous one and retries in minutes', async () => {
    const t = team(199, 0);
    t.engine.start();
    await t.clock.advanceAsync(2 * MIN);
    expect(t.engine.stats().teamEstimate).toBe(200);
    const limitedBefore = t.engine.stats().rateLimited;
    // The next two unfiltered calls fail (rate-limited, then a server error); polls are answered.
    const failures = [errors.rateLimit(), errors.transient()];
    const answer = (input: { staffList?: string[] }) => {
      if (input.staffList) return [{ ...t.api.agent }];
      return failures.shift() ?? [{ ...t.api.agent }, ...t.api.others.map((m) => ({ ...m }))];
    };
    for (let i = 0; i < 2_000; i++) t.api.queueDescribe(answer);
    t.api.others.push(metricsItem({ email: 'late@example.com' }));
    // Until the hourly estimate and its first retry have both failed.
    for (let i = 0; i < 1_000 && estimates(t.api.calls).length < 3; i++)
      await t.clock.advanceAsync(10_000);
    const made = estimates(t.api.calls).map((c) => c.atMs);
    expect(made).toHaveLength(3);
    const retryGap = (made[2] as number) - (made[1] as number);
    expect(retryGap).toBeGreaterThanOrEqual(96_000); // 2 min +-20%
    expect(retryGap).toBeLessThan(144_000 + 10_000);
    expect(t.engine.stats().teamEstimate).toBe(200); // kept
    // A rate-limited estimate is not a rate-limited poll: AIMD is untouched.
    expect(t.engine.stats().rateLimited).toBe(limitedBefore);
    await t.clock.advanceAsync(5 * MIN); // the next retry, ~4 min after the second failure
    expect(t.engine.stats().teamEstimate).toBe(201);
  });

  it("the agent's own status never waits for an estimate in flight", async () => {
    // Background polls 10 min apart: the next metrics call after the first poll is the estimate.
    const t = team(999, 0, { hiddenIntervalMs: 10 * MIN });
    t.engine.start();
    await t.clock.advanceAsync(1_000);
    const gate = t.api.gate('describe');
    for (let i = 0; i < 200 && !gate.entered; i++) await t.clock.advanceAsync(500);
    expect(gate.entered).toBe(true);
    const held = t.api.calls.at(-1);
    const change = t.engine.setStatus('rest', 'Lunch');
    await flushPromises();
    expect(t.api.callsOf('set')).toHaveLength(1);
    expect(t.api.callsOf('set')[0]?.atMs).toBe(t.clock.now());
    await expect(change).resolves.toMatchObject({ outcome: 'applied' });
    expect(t.engine.snapshot()).toMatchObject({ status: 'rest', reason: 'Lunch', pending: null });
    expect(held?.input).toEqual({}); // the estimate was held all along
    gate.release();
    await t.clock.advanceAsync(1_000);
    expect(t.engine.snapshot().status).toBe('rest');
  });

  it('stop() abandons an estimate in flight and leaves no timer; a new SdkAppId estimates afresh', async () => {
    const t = team(9, 0);
    t.engine.start();
    await t.clock.advanceAsync(2 * MIN);
    expect(t.engine.stats().teamEstimate).toBe(10);
    t.engine.updateOptions({ sdkAppId: 1_400_000_001 });
    expect(t.engine.stats().teamEstimate).toBeNull();
    await t.clock.advanceAsync(2 * MIN);
    expect(t.engine.stats().teamEstimate).toBe(10);
    const u = team(9, 0, { hiddenIntervalMs: 10 * MIN });
    u.engine.start();
    await u.clock.advanceAsync(1_000);
    const gate = u.api.gate('describe');
    for (let i = 0; i < 200 && !gate.entered; i++) await u.clock.advanceAsync(500);
    expect(u.api.calls.at(-1)?.input).toEqual({});
    u.engine.stop();
    gate.release();
    await flushPromises();
    expect(u.clock.pendingTimers()).toBe(0);
  });
});
