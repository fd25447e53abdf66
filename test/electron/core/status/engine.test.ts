import { describe, expect, it } from 'vitest';
import { flushPromises } from '../../../helpers/fake-clock';
import { errors, metricsItem } from '../../../helpers/fake-ccc-api';
import { AGENT, T0, checkEnginesAfterEach, gaps, setup, synced } from './engine-harness';

checkEnginesAfterEach();

describe('StatusEngine: polling and the snapshot', () => {
  it('polls the agent only, soon after start, with maxAttempts 1, and maps the answer', async () => {
    const t = setup({
      status: 'rest',
      reason: 'Lunch',
      restDuration: 120,
      useMobileAccept: 1,
      lastStatusTimestamp: Math.floor(T0 / 1000) - 60,
    });
    t.api.offsetMs = 3_000; // the server clock is 3 s ahead
    expect(t.engine.snapshot()).toMatchObject({
      connection: 'connecting',
      status: 'unknown',
      lastSyncMs: null,
    });
    t.engine.start();
    expect(t.clock.pendingDelays()[0]).toBeLessThan(1_000);
    await t.clock.advanceAsync(1_000);
    const [call] = t.api.callsOf('describe');
    expect(call?.input).toEqual({ staffList: [AGENT] });
    expect(call?.opts?.maxAttempts).toBe(1);
    expect(t.engine.snapshot()).toMatchObject({
      agentId: AGENT,
      status: 'rest',
      rawStatus: 'rest',
      reason: 'Lunch',
      statusSinceMs: (Math.floor(T0 / 1000) - 60) * 1000 - 3_000,
      today: { rest: 120 },
      useMobileAccept: 1,
      connection: 'ok',
      lastError: null,
      pending: null,
      undo: null,
      clockOffsetMs: 3_000,
    });
    expect(t.engine.snapshot().lastSyncMs).toBe(call?.atMs);
  });

  it('emits a snapshot only when something other than lastSyncMs changed', async () => {
    const t = await synced();
    const after = t.snapshots().length;
    await t.clock.advanceAsync(5 * 60_000); // ~10 identical polls
    expect(t.api.callsOf('describe').length).toBeGreaterThan(8);
    expect(t.snapshots()).toHaveLength(after);
    expect(t.engine.snapshot().lastSyncMs).toBeGreaterThan(T0 + 4 * 60_000);
    t.api.agent.onlineDuration = 999;
    await t.clock.advanceAsync(40_000);
    expect(t.snapshots()).toHaveLength(after + 1);
    expect(t.snapshots().at(-1)?.today.online).toBe(999);
  });

  it('shows an unknown API status as unknown, keeping the raw value', async () => {
    const t = await synced({ status: 'onHoldV2' });
    expect(t.engine.snapshot()).toMatchObject({ status: 'unknown', rawStatus: 'onHoldV2' });
  });

  it('an answer without the agent is a config error shown as degraded', async () => {
    const t = setup();
    t.api.queueDescribe([metricsItem({ email: 'someone@else.com' })]);
    t.engine.start();
    await t.clock.advanceAsync(1_000);
    expect(t.engine.snapshot()).toMatchObject({
      connection: 'degraded',
      lastError: { source: 'app', code: 'AgentNotFound', kind: 'config' },
    });
  });

  it('refresh() polls now and shares a poll already in flight', async () => {
    const t = await synced();
    const gate = t.api.gate('describe');
    const a = t.engine.refresh();
    const b = t.engine.refresh();
    await flushPromises();
    expect(gate.entered).toBe(true);
    t.api.agent.status = 'notReady';
    gate.release();
    const [sa, sb] = await Promise.all([a, b]);
    expect(t.api.callsOf('describe')).toHaveLength(2);
    expect(sa.status).toBe('notReady');
    expect(sb).toEqual(sa);
  });

  it('visible: 5 s interval; becoming visible when stale polls at once; hidden: 30 s', async () => {
    // Background probing (faster while every poll succeeds) off: tested in adaptive-poller.test.ts.
    const t = await synced({}, { pollTuning: { probeAfterPolls: Number.POSITIVE_INFINITY } });
    await t.clock.advanceAsync(20_000);
    const before = t.api.callsOf('describe').length;
    t.engine.setVisible(true);
    await flushPromises();
    expect(t.api.callsOf('describe')).toHaveLength(before + 1);
    await t.clock.advanceAsync(60_000);
    const visibleGaps = gaps(t);
    expect(visibleGaps.slice(-8).every((g) => g >= 4_000 && g <= 6_000)).toBe(true);
    t.engine.setVisible(false);
    await t.clock.advanceAsync(10 * 60_000);
    expect(
      gaps(t)
        .slice(-8)
        .every((g) => g >= 24_000 && g <= 36_000),
    ).toBe(true);
    expect(t.engine.stats().currentIntervalMs).toBe(30_000);
  });

  it('intervals and team size are settings that apply at once', async () => {
    const t = await synced({}, { hiddenIntervalMs: 60_000 });
    expect(t.engine.stats().currentIntervalMs).toBe(60_000);
    t.engine.updateOptions({ hiddenIntervalMs: 10_000 });
    expect(t.engine.stats().currentIntervalMs).toBe(10_000);
    expect(t.clock.pendingDelays()[0]).toBeLessThanOrEqual(12_000);
    t.engine.updateOptions({ teamSize: 500 });
    expect(t.engine.stats().currentIntervalMs).toBe(38_462); // 500 agents at 65% of 20 req/s
  });

  it('resume() polls within a second', async () => {
    const t = await synced();
    await t.clock.advanceAsync(3_000);
    t.engine.resume();
    expect(t.clock.pendingDelays()[0]).toBeLessThan(1_000);
  });

  it('a throwing listener does not stop the others', async () => {
    const t = setup();
    t.engine.subscribe(() => {
      throw new Error('boom');
    });
    const seen: string[] = [];
    t.engine.subscribe((e) => seen.push(e.type));
    t.engine.start();
    await t.clock.advanceAsync(1_000);
    expect(seen).toContain('snapshot');
  });
});

describe('StatusEngine: connection state', () => {
  it('one rate-limited poll keeps ok (no event); two in a row show degraded with the error; success clears', async () => {
    const t = await synced({ status: 'free' });
    const n = t.snapshots().length;
    t.api.queueDescribe(errors.rateLimit());
    await t.clock.runNextAsync();
    expect(t.engine.snapshot().connection).toBe('ok');
    expect(t.snapshots()).toHaveLength(n);
    t.api.queueDescribe(errors.rateLimit());
    await t.clock.runNextAsync();
    expect(t.engine.snapshot()).toMatchObject({
      connection: 'degraded',
      status: 'free', // last known status kept
      lastError: { code: 'RequestLimitExceeded', kind: 'rate_limit' },
    });
    await t.clock.runNextAsync();
    expect(t.engine.snapshot()).toMatchObject({ connection: 'ok', lastError: null });
    expect(t.engine.stats().rateLimited).toBe(2);
  });

  it('network errors show offline; transient errors degraded; the very first failure shows at once', async () => {
    const t = setup();
    t.api.queueDescribe(errors.transient(), errors.network(), errors.network());
    t.engine.start();
    await t.clock.advanceAsync(1_000);
    expect(t.engine.snapshot()).toMatchObject({ connection: 'degraded', status: 'unknown' });
    await t.clock.runNextAsync();
    await t.clock.runNextAsync();
    expect(t.engine.snapshot()).toMatchObject({
      connection: 'offline',
      lastError: { kind: 'network' },
    });
    await t.clock.runNextAsync();
    expect(t.engine.snapshot().connection).toBe('ok');
  });

  it('transient failures back off exponentially (bounded)', async () => {
    const t = await synced();
    t.api.queueDescribe(...Array.from({ length: 8 }, () => errors.transient()));
    const nominals: number[] = [];
    for (let i = 0; i < 8; i++) {
      await t.clock.runNextAsync();
      nominals.push(t.engine.stats().currentIntervalMs);
    }
    expect(nominals).toEqual([30_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000]);
    t.engine.setVisible(true);
    expect(t.engine.stats().currentIntervalMs).toBe(60_000);
    await t.clock.runNextAsync();
    expect(t.engine.stats().currentIntervalMs).toBe(5_000);
  });

  it('OS offline shows at once and slows polling to the probe; back online polls soon', async () => {
    const t = await synced();
    t.engine.setVisible(true);
    t.engine.setOnline(false);
    expect(t.engine.snapshot()).toMatchObject({
      connection: 'offline',
      lastError: { code: 'NetworkOffline' },
    });
    const before = t.api.callsOf('describe').length;
    await t.clock.advanceAsync(45_000);
    expect(t.api.callsOf('describe').length - before).toBeLessThanOrEqual(1);
    t.engine.setOnline(true);
    expect(t.clock.pendingDelays()[0]).toBeLessThan(1_000);
    await t.clock.advanceAsync(1_000);
    expect(t.engine.snapshot()).toMatchObject({ connection: 'ok', lastError: null });
  });

  it('rejected credentials stop polling entirely until credentialsChanged(); refresh() may still try', async () => {
    const t = await synced();
    t.api.queueDescribe(errors.auth());
    await t.clock.runNextAsync();
    expect(t.engine.snapshot()).toMatchObject({
      connection: 'credentials_rejected',
      lastError: { code: 'AuthFailure.SignatureFailure', kind: 'auth' },
    });
    expect(t.clock.pendingTimers()).toBe(0);
    const calls = t.api.callsOf('describe').length;
    await t.clock.advanceAsync(30 * 60_000);
    expect(t.api.callsOf('describe')).toHaveLength(calls);
    // An explicit refresh tries once (still rejected).
    t.api.queueDescribe(errors.permission());
    await t.engine.refresh();
    expect(t.api.callsOf('describe')).toHaveLength(calls + 1);
    expect(t.engine.snapshot().connection).toBe('credentials_rejected');
    expect(t.clock.pendingTimers()).toBe(0);
    t.engine.credentialsChanged();
    expect(t.engine.snapshot()).toMatchObject({ connection: 'connecting', lastError: null });
    await t.clock.advanceAsync(1_000);
    expect(t.engine.snapshot().connection).toBe('ok');
    expect(t.clock.pendingTimers()).toBe(1);
  });

  it('unconfigured: no polling, changes refused without a request', async () => {
    const t = setup({}, { agentId: '' });
    t.engine.start();
    await t.clock.advanceAsync(60_000);
    expect(t.api.calls).toHaveLength(0);
    expect(t.engine.snapshot().connection).toBe('unconfigured');
    const o = await t.engine.setStatus('rest', 'Lunch');
    expect(o).toMatchObject({
      outcome: 'failed',
      error: { code: 'NotConfigured', kind: 'config' },
    });
    expect(t.api.calls).toHaveLength(0);
    t.engine.updateOptions({ agentId: AGENT });
    expect(t.engine.snapshot().connection).toBe('connecting');
    await t.clock.advanceAsync(1_000);
    expect(t.engine.snapshot()).toMatchObject({ connection: 'ok', agentId: AGENT });
  });

  it('a new agent identity starts from scratch and polls for the new agent', async () => {
    const t = await synced({ status: 'rest', reason: 'Lunch' });
    t.engine.updateOptions({ agentId: 'new@example.com' });
    expect(t.engine.snapshot()).toMatchObject({
      agentId: 'new@example.com',
      status: 'unknown',
      connection: 'connecting',
    });
    t.api.agent = metricsItem({ email: 'new@example.com', status: 'notReady' });
    await t.clock.advanceAsync(1_000);
    expect(t.api.callsOf('describe').at(-1)?.input).toEqual({ staffList: ['new@example.com'] });
    expect(t.engine.snapshot()).toMatchObject({ status: 'notReady', connection: 'ok' });
    expect(t.drifts()).toHaveLength(0);
  });
});
