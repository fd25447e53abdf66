import { describe, expect, it } from 'vitest';
import { flushPromises } from '../../../helpers/fake-clock';
import { cccError, errors } from '../../../helpers/fake-ccc-api';
import { AGENT, checkEnginesAfterEach, setup, synced } from './engine-harness';

checkEnginesAfterEach();

const refused = {
  staffUserId: AGENT,
  status: '',
  reason: '',
  previousStatus: 'free',
  previousReason: '',
  errorCode: 'FailedOperation.SeatStatusBusy',
  errorMessage: 'seat is busy',
};

describe('StatusEngine: own changes', () => {
  it('optimistic: the snapshot shows the new status as pending before the request leaves, then confirms', async () => {
    const t = await synced({ status: 'free' });
    const gate = t.api.gate('set');
    const done = t.engine.setStatus('rest', ' Lunch ');
    // The request left synchronously: never behind anything else.
    expect(t.api.callsOf('set')).toHaveLength(1);
    expect(t.api.callsOf('set')[0]?.input).toEqual([
      { staffUserId: AGENT, status: 'rest', reason: 'Lunch' },
    ]);
    expect(t.engine.snapshot()).toMatchObject({
      status: 'rest',
      reason: 'Lunch',
      statusSinceMs: t.clock.now(),
      pending: { status: 'rest', reason: 'Lunch', requestedAtMs: t.clock.now() },
    });
    expect(t.snapshots().at(-1)?.pending?.status).toBe('rest');
    await t.clock.advanceAsync(300);
    gate.release();
    const outcome = await done;
    expect(outcome).toMatchObject({
      outcome: 'applied',
      error: null,
      requested: { status: 'rest', reason: 'Lunch' },
    });
    expect(t.engine.snapshot()).toMatchObject({ status: 'rest', reason: 'Lunch', pending: null });
    expect(t.outcomes()).toEqual([outcome]);
    // The snapshot without the pending marker comes before the outcome.
    const types = t.events.slice(-2).map((e) => e.type);
    expect(types).toEqual(['snapshot', 'outcome']);
  });

  it('names who asked in each outcome event: the app by default, or a transport caller', async () => {
    const t = await synced({ status: 'free' });
    await t.engine.setStatus('notReady');
    await t.engine.setStatus('rest', 'Lunch', 'caller');
    await t.engine.cancelPending('caller'); // nothing reserved: failed, answered only
    await t.engine.undo('caller');
    const outcomes = t.events.flatMap((e) =>
      e.type === 'outcome' ? [[e.requester, e.outcome.requested.status, e.outcome.outcome]] : [],
    );
    expect(outcomes).toEqual([
      ['app', 'notReady', 'applied'],
      ['caller', 'rest', 'applied'],
      ['caller', 'notReady', 'applied'],
    ]);
  });

  it('refreshes right after the change, and the confirmed status is not drift', async () => {
    const t = await synced({ status: 'free' });
    const before = t.api.callsOf('describe').length;
    await t.engine.setStatus('notReady');
    await flushPromises();
    expect(t.api.callsOf('describe')).toHaveLength(before + 1);
    expect(t.engine.snapshot()).toMatchObject({ status: 'notReady', connection: 'ok' });
    expect(t.drifts()).toHaveLength(0);
  });

  it('a per-item ErrorCode rolls back and fails with a ccc "refused" AppError carrying the RequestId', async () => {
    const t = await synced({ status: 'free' });
    t.api.queueSet([refused]);
    const o = await t.engine.setStatus('rest', 'Lunch');
    expect(o).toMatchObject({
      outcome: 'failed',
      error: {
        source: 'ccc',
        code: 'FailedOperation.SeatStatusBusy',
        kind: 'refused',
        retryable: false,
      },
    });
    expect(o.error?.requestId).toMatch(/^req-/);
    expect(o.error?.message).toContain('seat is busy');
    expect(t.engine.snapshot()).toMatchObject({ status: 'free', pending: null, undo: null });
    // Optimistic rest, then rolled back to free.
    expect(
      t
        .snapshots()
        .map((s) => s.status)
        .slice(-2),
    ).toEqual(['rest', 'free']);
  });

  it('per-item codes map to kinds (invalid parameter, rate limit)', async () => {
    const t = await synced();
    t.api.queueSet([
      { ...refused, errorCode: 'InvalidParameterValue.AccountNotExist', errorMessage: '' },
    ]);
    expect((await t.engine.setStatus('rest')).error).toMatchObject({ kind: 'invalid_parameter' });
    t.api.queueSet([{ ...refused, errorCode: 'RequestLimitExceeded', errorMessage: '' }]);
    expect((await t.engine.setStatus('rest')).error).toMatchObject({
      kind: 'rate_limit',
      retryable: true,
    });
  });

  it('a whole-call failure rolls back and fails with the call error', async () => {
    const t = await synced({ status: 'notReady' });
    t.api.queueSet(errors.transient());
    const o = await t.engine.setStatus('free');
    expect(o).toMatchObject({
      outcome: 'failed',
      error: { code: 'InternalError', kind: 'transient' },
    });
    expect(t.engine.snapshot()).toMatchObject({ status: 'notReady', pending: null });
  });

  it('SetStaffStatus may use client retries (no maxAttempts: 1), unlike polls', async () => {
    const t = await synced();
    await t.engine.setStatus('rest');
    expect(t.api.callsOf('set')[0]?.opts?.maxAttempts).toBeUndefined();
  });

  it('a burst of clicks: in order, intermediates superseded (never dropped), ends in the last state asked', async () => {
    const t = await synced({ status: 'free' });
    const gate = t.api.gate('set');
    const results = [
      t.engine.setStatus('rest', 'Lunch'),
      t.engine.setStatus('free'),
      t.engine.setStatus('notReady'),
      t.engine.setStatus('rest', 'Meeting'),
    ];
    expect(t.api.callsOf('set')).toHaveLength(1);
    // The snapshot shows the last request as pending.
    expect(t.engine.snapshot()).toMatchObject({
      status: 'rest',
      reason: 'Meeting',
      pending: { reason: 'Meeting' },
    });
    gate.release();
    const outcomes = await Promise.all(results);
    expect(outcomes.map((o) => o.outcome)).toEqual([
      'applied',
      'superseded',
      'superseded',
      'applied',
    ]);
    expect(outcomes.map((o) => o.id)).toEqual([...outcomes.map((o) => o.id)].sort((a, b) => a - b));
    expect(t.api.callsOf('set').map((c) => c.input)).toEqual([
      [{ staffUserId: AGENT, status: 'rest', reason: 'Lunch' }],
      [{ staffUserId: AGENT, status: 'rest', reason: 'Meeting' }],
    ]);
    expect(t.api.agent).toMatchObject({ status: 'rest', reason: 'Meeting' });
    await flushPromises();
    expect(t.engine.snapshot()).toMatchObject({ status: 'rest', reason: 'Meeting', pending: null });
    expect(
      t
        .outcomes()
        .map((o) => o.outcome)
        .sort(),
    ).toEqual(['applied', 'applied', 'superseded', 'superseded']);
    expect(t.drifts()).toHaveLength(0);
  });

  it('a failure inside a burst rolls back only that change; the last one still goes out', async () => {
    const t = await synced({ status: 'free' });
    t.api.queueSet([refused]);
    const a = t.engine.setStatus('rest', 'Lunch');
    const b = t.engine.setStatus('notReady');
    expect((await a).outcome).toBe('failed');
    expect((await b).outcome).toBe('applied');
    expect(t.engine.snapshot().status).toBe('notReady');
  });

  it('own changes are never delayed by the poller backing off on rate limits', async () => {
    const t = await synced();
    t.api.queueDescribe(...Array.from({ length: 4 }, () => errors.rateLimit()));
    for (let i = 0; i < 4; i++) await t.clock.runNextAsync();
    expect(t.engine.stats().currentIntervalMs).toBeGreaterThanOrEqual(300_000);
    expect(t.engine.snapshot().connection).toBe('degraded');
    const at = t.clock.now();
    const done = t.engine.setStatus('rest', 'Lunch');
    expect(t.api.callsOf('set')[0]?.atMs).toBe(at);
    expect((await done).outcome).toBe('applied');
  });

  it('rejects a status that cannot be set without sending anything', async () => {
    const t = await synced();
    const n = t.events.length;
    const o = await t.engine.setStatus('busy' as never);
    expect(o).toMatchObject({
      outcome: 'failed',
      error: { code: 'InvalidStatus', kind: 'bad_input' },
    });
    expect(t.api.callsOf('set')).toHaveLength(0);
    expect(t.events).toHaveLength(n); // a programming error: not an outcome of the contract
  });

  it('an auth failure on SetStaffStatus also stops polling (credentials rejected)', async () => {
    const t = await synced();
    t.api.queueSet(errors.auth());
    expect((await t.engine.setStatus('rest')).outcome).toBe('failed');
    expect(t.engine.snapshot().connection).toBe('credentials_rejected');
    await flushPromises();
    expect(t.clock.pendingTimers()).toBe(0);
  });
});

describe('StatusEngine: reserve (pending break while on a call)', () => {
  it('rest while busy: reserved; busy stays with reserveRest; applied at call end without drift', async () => {
    const t = await synced({
      status: 'busy',
      statusExtra: { type: 'tel', direction: 'in', rawType: 'tel', rawDirect: 'callin' },
    });
    const gate = t.api.gate('set');
    const done = t.engine.setStatus('rest', 'Lunch');
    expect(t.engine.snapshot()).toMatchObject({
      status: 'busy',
      reserveRest: true,
      reserveNotReady: false,
      statusExtra: { type: 'tel', direction: 'in' },
      pending: { status: 'rest', reason: 'Lunch' },
    });
    gate.release();
    expect(await done).toMatchObject({ outcome: 'reserved', error: null });
    await flushPromises();
    expect(t.engine.snapshot()).toMatchObject({
      status: 'busy',
      reserveRest: true,
      pending: null,
      undo: null,
    });

    // The call ends: wrap-up (a system change: drift), then the reserved break (the agent's own).
    Object.assign(t.api.agent, { status: 'afterCallWork', statusExtra: null });
    await t.engine.refresh();
    expect(t.drifts().map((d) => [d.before.status, d.after.status])).toEqual([
      ['busy', 'afterCallWork'],
    ]);
    Object.assign(t.api.agent, { status: 'rest', reason: 'Lunch', reserveRest: false });
    await t.engine.refresh();
    expect(t.engine.snapshot()).toMatchObject({
      status: 'rest',
      reason: 'Lunch',
      reserveRest: false,
    });
    expect(t.drifts()).toHaveLength(1);
  });

  it('notReady while in wrap-up reserves not-ready', async () => {
    const t = await synced({ status: 'afterCallWork' });
    expect(await t.engine.setStatus('notReady')).toMatchObject({ outcome: 'reserved' });
    expect(t.engine.snapshot()).toMatchObject({
      status: 'afterCallWork',
      reserveNotReady: true,
      reserveRest: false,
    });
  });

  it('free while reserved cancels the reservation; cancelPending() does the same', async () => {
    const t = await synced({ status: 'busy' });
    await t.engine.setStatus('rest', 'Lunch');
    expect(await t.engine.setStatus('free')).toMatchObject({ outcome: 'applied' });
    expect(t.engine.snapshot()).toMatchObject({ status: 'busy', reserveRest: false });
    await t.engine.setStatus('notReady');
    expect(t.engine.snapshot().reserveNotReady).toBe(true);
    const o = await t.engine.cancelPending();
    expect(o).toMatchObject({ outcome: 'applied', requested: { status: 'free' } });
    expect(t.engine.snapshot()).toMatchObject({ status: 'busy', reserveNotReady: false });
    expect(t.api.agent.reserveNotReady).toBe(false);
  });

  it('cancelPending() with nothing pending sends nothing', async () => {
    const t = await synced({ status: 'busy' });
    const o = await t.engine.cancelPending();
    expect(o).toMatchObject({ outcome: 'failed', error: { code: 'NothingPending' } });
    expect(t.api.callsOf('set')).toHaveLength(0);
  });

  it('follows the server when it answers that the agent was already on a call (stale free)', async () => {
    const t = await synced({ status: 'free' });
    t.api.agent.status = 'busy'; // a call arrived between two polls
    expect(await t.engine.setStatus('rest', 'Lunch')).toMatchObject({ outcome: 'reserved' });
    expect(t.engine.snapshot()).toMatchObject({ status: 'busy', reserveRest: true });
  });
});

describe('StatusEngine: polls racing own changes, and drift', () => {
  it('a poll answered while a change is in flight neither overwrites the optimistic state nor counts as drift', async () => {
    const t = await synced({ status: 'free' });
    const gate = t.api.gate('set');
    const done = t.engine.setStatus('rest', 'Lunch');
    const snap = await t.engine.refresh(); // the server still says free
    expect(snap).toMatchObject({ status: 'rest', pending: { status: 'rest' }, connection: 'ok' });
    expect(t.drifts()).toHaveLength(0);
    gate.release();
    await done;
    await flushPromises();
    expect(t.engine.snapshot()).toMatchObject({ status: 'rest', reason: 'Lunch' });
    expect(t.drifts()).toHaveLength(0);
  });

  it('a poll sent before a change but answered after it is stale: ignored, and a fresh poll follows', async () => {
    const t = await synced({ status: 'free' });
    const gate = t.api.gate('describe');
    const stale = t.engine.refresh();
    await flushPromises();
    expect(gate.entered).toBe(true);
    const old = { ...t.api.agent };
    t.api.queueDescribe([old]); // what the server said when the poll was processed
    await t.engine.setStatus('rest', 'Lunch');
    gate.release();
    await stale;
    await flushPromises();
    expect(t.engine.snapshot()).toMatchObject({ status: 'rest', reason: 'Lunch' });
    expect(t.drifts()).toHaveLength(0);
    // The follow-up poll started after the change and saw the truth.
    const polls = t.api.callsOf('describe');
    expect(polls).toHaveLength(3);
    expect(t.api.callsOf('set')[0]?.atMs).toBeLessThanOrEqual(polls[2]?.atMs as number);
  });

  it('a supervisor change is drift: before and after, emitted before the snapshot that shows it; undo is withdrawn', async () => {
    const t = await synced({ status: 'free' });
    await t.engine.setStatus('notReady');
    await flushPromises();
    expect(t.engine.snapshot().undo).not.toBeNull();
    Object.assign(t.api.agent, { status: 'rest', reason: 'Supervisor' });
    await t.engine.refresh();
    expect(t.drifts()).toEqual([
      {
        before: { status: 'notReady', reason: '' },
        after: { status: 'rest', reason: 'Supervisor' },
        atMs: t.clock.now(),
      },
    ]);
    const i = t.events.findIndex((e) => e.type === 'drift');
    expect(t.events[i + 1]).toMatchObject({
      type: 'snapshot',
      snapshot: { status: 'rest', undo: null },
    });
    // A reason change alone while on a break is drift too; the same status is not.
    t.api.agent.reason = 'Training';
    await t.engine.refresh();
    await t.engine.refresh();
    expect(t.drifts()).toHaveLength(2);
  });

  it('the system setting the agent offline, and a call starting, are drift', async () => {
    const t = await synced({ status: 'free' });
    t.api.agent.status = 'busy';
    await t.clock.runNextAsync();
    t.api.agent.status = 'offline';
    await t.clock.runNextAsync();
    expect(t.drifts().map((d) => `${d.before.status}>${d.after.status}`)).toEqual([
      'free>busy',
      'busy>offline',
    ]);
  });

  it('a change whose call timed out but reached CCC is not reported as drift when the poll shows it', async () => {
    const t = await synced({ status: 'free' });
    t.api.queueSet(() => {
      // CCC applied it, but the answer never came back.
      Object.assign(t.api.agent, { status: 'rest', reason: 'Lunch' });
      return errors.timeout();
    });
    const o = await t.engine.setStatus('rest', 'Lunch');
    expect(o.outcome).toBe('failed');
    await flushPromises();
    expect(t.engine.snapshot()).toMatchObject({ status: 'rest', reason: 'Lunch' });
    expect(t.drifts()).toHaveLength(0);
  });
});

describe('StatusEngine: undo', () => {
  it('offers PreviousStatus/PreviousReason for the undo window, restores it, and offers no undo of the undo', async () => {
    const t = await synced({ status: 'rest', reason: 'Lunch' }, { undoWindowMs: 8_000 });
    const at = t.clock.now();
    await t.engine.setStatus('free');
    expect(t.engine.snapshot().undo).toEqual({
      status: 'rest',
      reason: 'Lunch',
      untilMs: at + 8_000,
    });
    await t.clock.advanceAsync(3_000);
    const o = await t.engine.undo();
    expect(o).toMatchObject({ outcome: 'applied', requested: { status: 'rest', reason: 'Lunch' } });
    expect(t.api.callsOf('set').at(-1)?.input).toEqual([
      { staffUserId: AGENT, status: 'rest', reason: 'Lunch' },
    ]);
    expect(t.engine.snapshot()).toMatchObject({ status: 'rest', reason: 'Lunch', undo: null });
    expect(await t.engine.undo()).toBeNull();
  });

  it('expires after the window with a snapshot event', async () => {
    const t = await synced({ status: 'free' });
    await t.engine.setStatus('rest', 'Lunch');
    expect(t.engine.snapshot().undo).not.toBeNull();
    const n = t.snapshots().length;
    await t.clock.advanceAsync(10_000);
    expect(t.engine.snapshot().undo).toBeNull();
    expect(
      t
        .snapshots()
        .slice(n)
        .some((s) => s.undo === null),
    ).toBe(true);
    expect(await t.engine.undo()).toBeNull();
    expect(t.api.callsOf('set')).toHaveLength(1);
  });

  it('no undo when the previous status cannot be set (busy, wrap-up, offline)', async () => {
    for (const status of ['busy', 'afterCallWork', 'offline']) {
      const t = await synced({ status });
      // The server answers with that previous status but applies the change (e.g. free after offline).
      t.api.queueSet([
        { ...refused, errorCode: '', errorMessage: '', previousStatus: status, status: 'free' },
      ]);
      await t.engine.setStatus('free');
      expect(t.engine.snapshot().undo).toBeNull();
    }
  });

  it('a new request withdraws the undo offer', async () => {
    const t = await synced({ status: 'free' });
    await t.engine.setStatus('rest', 'Lunch');
    const gate = t.api.gate('set');
    const next = t.engine.setStatus('notReady');
    expect(t.engine.snapshot().undo).toBeNull();
    gate.release();
    await next;
  });
});

describe('StatusEngine: stop and timer hygiene', () => {
  it('stop() clears every timer (poll and undo), sends nothing more, emits nothing more; idempotent', async () => {
    const t = await synced({ status: 'free' });
    await t.engine.setStatus('rest', 'Lunch');
    await flushPromises();
    expect(t.clock.pendingTimers()).toBe(2); // next poll + undo expiry
    t.engine.stop();
    expect(t.clock.pendingTimers()).toBe(0);
    const calls = t.api.calls.length;
    const events = t.events.length;
    await t.clock.advanceAsync(60 * 60_000);
    t.engine.setVisible(true);
    t.engine.resume();
    t.engine.setOnline(false);
    t.engine.credentialsChanged();
    expect(await t.engine.setStatus('free')).toMatchObject({
      outcome: 'failed',
      error: { code: 'EngineStopped' },
    });
    await t.engine.refresh();
    expect(t.api.calls).toHaveLength(calls);
    expect(t.events).toHaveLength(events);
    expect(t.clock.pendingTimers()).toBe(0);
    t.engine.stop();
  });

  it('stop() with a change in flight: it completes and resolves; the waiting one resolves failed; no poll follows', async () => {
    const t = await synced({ status: 'free' });
    const gate = t.api.gate('set');
    const a = t.engine.setStatus('rest', 'Lunch');
    const b = t.engine.setStatus('notReady');
    t.engine.stop();
    expect(await b).toMatchObject({ outcome: 'failed', error: { code: 'EngineStopped' } });
    gate.release();
    expect(await a).toMatchObject({ outcome: 'applied' });
    await flushPromises();
    expect(t.api.callsOf('set')).toHaveLength(1);
    expect(t.api.callsOf('describe')).toHaveLength(1);
    expect(t.clock.pendingTimers()).toBe(0);
  });

  it('stop() aborts a poll in flight', async () => {
    const t = await synced();
    t.api.gate('describe');
    const p = t.engine.refresh();
    await flushPromises();
    t.engine.stop();
    await p;
    expect(t.api.callsOf('describe').at(-1)?.opts?.signal?.aborted).toBe(true);
    expect(t.clock.pendingTimers()).toBe(0);
  });

  it('a long day leaves exactly one poll timer pending', async () => {
    const t = await synced();
    t.engine.setVisible(true);
    for (let i = 0; i < 20; i++) {
      if (i % 3 === 0) t.api.queueDescribe(errors.rateLimit());
      if (i % 5 === 0) t.api.queueDescribe(cccError('InternalError', 'transient'));
      if (i % 7 === 0) void t.engine.setStatus(i % 2 ? 'rest' : 'free');
      if (i % 4 === 0) void t.engine.refresh();
      await t.clock.advanceAsync(20_000);
    }
    await t.clock.advanceAsync(20_000);
    expect(t.clock.pendingTimers()).toBe(1);
  });

  it('start() after stop() polls again', async () => {
    const t = setup();
    t.engine.start();
    t.engine.stop();
    t.engine.start();
    await t.clock.advanceAsync(1_000);
    expect(t.api.callsOf('describe')).toHaveLength(1);
  });
});
