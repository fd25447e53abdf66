import { describe, expect, it } from 'vitest';
import type { SimTelCall } from '../../../electron/simulator/tel-calls';
import { SimWorld } from '../../../electron/simulator/world';
import type { SimStatusChange } from '../../../electron/simulator/world-types';
import { FakeClock } from '../../helpers/fake-clock';
import { MORNING, must } from './sim-client';

const S = 1000;
const H = 3_600_000;
// Local midnight (UTC+8) of 2025-03-10.
const MIDNIGHT = Date.UTC(2025, 2, 9, 16, 0, 0);

/** The agent's status at `ms` (the last change at or before it). */
function statusAt(history: readonly SimStatusChange[], ms: number): SimStatusChange | undefined {
  let found: SimStatusChange | undefined;
  for (const c of history) if (c.atMs <= ms) found = c;
  return found;
}

function world(opts: { autopilot?: boolean; seed?: number; staffCount?: number } = {}) {
  const clock = new FakeClock(MORNING);
  const w = new SimWorld({ clock, autopilot: false, cdrDelaySeconds: { min: 0, max: 0 }, ...opts });
  const [a, b, c] = w.staff().map((s) => s.userId);
  return { clock, w, a: a!, b: b!, c: c! };
}

const only = (w: SimWorld): SimTelCall => {
  const calls = w.telCalls();
  expect(calls).toHaveLength(1);
  return calls[0]!;
};

describe('the simulated phone calls and their records', () => {
  it('an answered inbound call: one leg, answered when the agent went busy, ended at the wrap-up', () => {
    const { clock, w, a } = world();
    const t0 = clock.now();
    must(w.startCall(a, { type: 'tel', direct: 'in' }));
    clock.advance(125 * S);
    must(w.endCall(a));
    const call = only(w);
    const [busy, acw] = w.statusHistory(a).slice(-2);
    expect(busy).toMatchObject({ status: 'busy', atMs: t0, sessionId: call.sessionId });
    expect(acw).toMatchObject({
      status: 'afterCallWork',
      atMs: t0 + 125 * S,
      sessionId: call.sessionId,
    });
    expect(call).toMatchObject({
      direction: 'in',
      startMs: t0,
      endMs: t0 + 125 * S,
      endStatus: 'ok',
    });
    expect(call.legs).toEqual([
      expect.objectContaining({
        agentId: a,
        ringMs: t0,
        acceptMs: t0,
        endMs: t0 + 125 * S,
        endStatus: 'ok',
      }),
    ]);
  });

  it('a call missed while ringing goes on to the next agent; the first stayed free throughout', () => {
    const { clock, w, a, b } = world();
    const t0 = clock.now();
    const before = w.statusHistory(a).length;
    must(w.missCall(a, { ringSeconds: 20, nextStaff: b }));
    clock.advance(19 * S);
    expect(w.metrics(b)!.status).toBe('free');
    clock.advance(1 * S);
    expect(w.metrics(b)!.status).toBe('busy');
    clock.advance(60 * S);
    must(w.endCall(b));
    const call = only(w);
    expect(call.legs.map((l) => [l.agentId, l.ringMs, l.acceptMs, l.endMs, l.endStatus])).toEqual([
      [a, t0, null, t0 + 20 * S, 'notAnswer'],
      [b, t0 + 20 * S, t0 + 20 * S, t0 + 80 * S, 'ok'],
    ]);
    expect(w.statusHistory(a)).toHaveLength(before); // never busy: it only rang
    expect(w.statusHistory(b).find((c) => c.status === 'busy')?.sessionId).toBe(call.sessionId);
  });

  it('a call nobody answers ends as ringingGiveUp with the unanswered leg', () => {
    const { clock, w, a } = world();
    must(w.missCall(a, { ringSeconds: 15 }));
    expect(w.telCalls()).toHaveLength(0); // still ringing: no record yet
    clock.advance(15 * S);
    const call = only(w);
    expect(call).toMatchObject({ endStatus: 'ringingGiveUp', hungUpSide: 'user' });
    expect(call.legs).toEqual([expect.objectContaining({ agentId: a, acceptMs: null })]);
  });

  it('a transfer: the first leg ends with TransferTo, the next starts with TransferFrom, one record', () => {
    const { clock, w, a, b } = world();
    const t0 = clock.now();
    must(w.startCall(a, { type: 'tel', direct: 'in' }));
    clock.advance(40 * S);
    must(w.transferCall(a, b));
    expect(w.metrics(a)!.status).toBe('afterCallWork');
    expect(w.telCalls()).toHaveLength(0); // the call goes on with b
    clock.advance(100 * S);
    must(w.endCall(b));
    const call = only(w);
    expect(
      call.legs.map((l) => [l.agentId, l.acceptMs, l.endMs, l.transferFrom, l.transferTo]),
    ).toEqual([
      [a, t0, t0 + 40 * S, '', b],
      [b, t0 + 40 * S, t0 + 140 * S, a, ''],
    ]);
    expect(call.endMs).toBe(t0 + 140 * S);
    for (const id of [a, b])
      expect(
        w
          .statusHistory(id)
          .filter((c) => c.status === 'busy')
          .map((c) => c.sessionId),
      ).toEqual([call.sessionId]);
  });

  it('outbound: answered by the customer, or never (notAnswer, no accept, no talk)', () => {
    const { clock, w, a } = world();
    must(w.startCall(a, { type: 'tel', direct: 'out' }));
    clock.advance(30 * S);
    must(w.endCall(a));
    must(w.finishWrapUp(a));
    must(w.startCall(a, { type: 'tel', direct: 'out' }, { answered: false }));
    clock.advance(25 * S);
    must(w.endCall(a));
    const [answered, unanswered] = w.telCalls();
    expect(answered).toMatchObject({ direction: 'out', endStatus: 'ok' });
    expect(answered!.customerAcceptMs).toBe(answered!.startMs);
    expect(unanswered).toMatchObject({
      direction: 'out',
      endStatus: 'notAnswer',
      customerAcceptMs: null,
    });
  });

  it('a day on autopilot: every call matches the status history of every agent it reached', () => {
    const clock = new FakeClock(MIDNIGHT + 8 * H);
    const w = new SimWorld({ clock, seed: 17, staffCount: 12, historyDays: 1 });
    for (let t = 0; t < 14 * H; t += 10 * 60_000) clock.advance(10 * 60_000);
    const calls = w.telCalls();
    const histories = new Map(w.staff().map((s) => [s.userId, w.statusHistory(s.userId)]));
    const kinds = new Set<string>();
    for (const call of calls) {
      expect(call.endMs).not.toBeNull();
      expect(call.visibleAtMs!).toBeGreaterThanOrEqual(call.endMs!);
      for (const [i, leg] of call.legs.entries()) {
        const h = histories.get(leg.agentId)!;
        expect(leg.ringMs).toBeGreaterThanOrEqual(call.startMs);
        if (leg.acceptMs === null) {
          // Rang, never answered: the agent was not on this call at any time.
          expect(h.some((c) => c.sessionId === call.sessionId && c.status === 'busy')).toBe(false);
          expect(statusAt(h, leg.ringMs)?.status).toBe('free');
          kinds.add('missed');
          continue;
        }
        const busy = h.find(
          (c) => c.status === 'busy' && c.sessionId === call.sessionId && c.atMs === leg.acceptMs,
        );
        expect(busy, `${call.sessionId} leg ${i}`).toBeDefined();
        expect(busy!.extra).toEqual({ type: 'tel', direct: call.direction });
        const next = h[h.indexOf(busy!) + 1];
        expect(next?.atMs, `${call.sessionId} leg ${i} end`).toBe(leg.endMs);
        if (leg.transferTo) {
          kinds.add('transferred');
          expect(call.legs[i + 1]).toMatchObject({
            agentId: leg.transferTo,
            transferFrom: leg.agentId,
          });
        }
        if (call.direction === 'out')
          kinds.add(call.customerAcceptMs === null ? 'outUnanswered' : 'outAnswered');
      }
      if (call.legs.length === 0) kinds.add('unserved');
    }
    // Every busy phone status of every agent belongs to a record (or to a call still going on).
    for (const [agent, h] of histories) {
      for (const c of h.filter((x) => x.status === 'busy' && x.extra?.type === 'tel')) {
        const call = calls.find((k) => k.sessionId === c.sessionId);
        const ongoing = w.phone.book.get(c.sessionId!);
        expect(call ?? ongoing, `${agent} ${c.sessionId}`).toBeDefined();
      }
    }
    expect([...kinds].sort()).toEqual([
      'missed',
      'outAnswered',
      'outUnanswered',
      'transferred',
      'unserved',
    ]);
    // The past day has records too (demo mode's simulated week).
    const dayBefore = calls.filter((c) => c.startMs < MIDNIGHT);
    expect(dayBefore.length).toBeGreaterThan(20);
  });
});
