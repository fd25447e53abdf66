import { describe, expect, it } from 'vitest';
import {
  applyChange,
  changeEffect,
  effectFromResult,
  isReservedTakingEffect,
  undoTarget,
  withPendingChanges,
} from '../../../../electron/core/status/reserve-rules';
import { emptyView, type StatusView } from '../../../../electron/core/status/snapshot-mapper';
import { isOnCall } from '../../../../shared/vocabulary';

const view = (p: Partial<StatusView>): StatusView => ({ ...emptyView(), ...p });

describe('reserve rules', () => {
  it('rest / notReady while busy or in wrap-up reserve; free cancels; otherwise apply', () => {
    expect(isOnCall('busy')).toBe(true);
    expect(isOnCall('afterCallWork')).toBe(true);
    expect(isOnCall('rest')).toBe(false);
    const table: Array<[string, 'free' | 'rest' | 'notReady', string]> = [
      ['busy', 'rest', 'reserve'],
      ['busy', 'notReady', 'reserve'],
      ['afterCallWork', 'rest', 'reserve'],
      ['busy', 'free', 'cancel-reserve'],
      ['afterCallWork', 'free', 'cancel-reserve'],
      ['free', 'rest', 'apply'],
      ['rest', 'free', 'apply'],
      ['notReady', 'notReady', 'apply'],
      ['offline', 'free', 'apply'],
      ['unknown', 'rest', 'apply'],
    ];
    for (const [current, requested, effect] of table)
      expect(changeEffect(current, requested)).toBe(effect);
  });

  it('judges the applied effect from PreviousStatus first, then the answered status, then what we knew', () => {
    expect(effectFromResult('rest', { previousStatus: 'busy', status: 'rest' }, 'free')).toBe(
      'reserve',
    );
    expect(effectFromResult('rest', { previousStatus: 'free', status: 'rest' }, 'busy')).toBe(
      'apply',
    );
    expect(effectFromResult('rest', { previousStatus: '', status: 'afterCallWork' }, 'free')).toBe(
      'reserve',
    );
    expect(effectFromResult('rest', { previousStatus: '', status: '' }, 'busy')).toBe('reserve');
    expect(
      effectFromResult('free', { previousStatus: 'afterCallWork', status: 'free' }, 'free'),
    ).toBe('cancel-reserve');
  });

  it('apply sets status, reason and since, and clears reserve flags and the call channel', () => {
    const v = view({
      status: 'free',
      rawStatus: 'free',
      statusSinceMs: 1,
      reserveRest: true,
      statusExtra: { type: 'tel', direction: 'in' },
    });
    expect(applyChange(v, { status: 'rest', reason: 'Lunch' }, 'apply', 50)).toMatchObject({
      status: 'rest',
      rawStatus: 'rest',
      reason: 'Lunch',
      statusSinceMs: 50,
      reserveRest: false,
      reserveNotReady: false,
      statusExtra: null,
    });
  });

  it('reserve keeps the call and sets the matching flag; cancel clears both', () => {
    const busy = view({ status: 'busy', rawStatus: 'busy', statusSinceMs: 7 });
    const r = applyChange(busy, { status: 'notReady', reason: '' }, 'reserve', 50);
    expect(r).toMatchObject({
      status: 'busy',
      statusSinceMs: 7,
      reserveRest: false,
      reserveNotReady: true,
    });
    const c = applyChange(r, { status: 'free', reason: '' }, 'cancel-reserve', 60);
    expect(c).toMatchObject({ status: 'busy', reserveRest: false, reserveNotReady: false });
    // The server said we were on a call while we still showed free: follow the server.
    const stale = view({ status: 'free', rawStatus: 'free' });
    expect(
      applyChange(stale, { status: 'rest', reason: 'x' }, 'reserve', 70, 'afterCallWork'),
    ).toMatchObject({
      status: 'afterCallWork',
      rawStatus: 'afterCallWork',
      statusSinceMs: 70,
      reserveRest: true,
    });
  });

  it('a reserved break beginning at the end of a call is recognised', () => {
    const reserved = view({ status: 'afterCallWork', reserveRest: true });
    expect(isReservedTakingEffect(reserved, view({ status: 'rest' }))).toBe(true);
    expect(isReservedTakingEffect(reserved, view({ status: 'notReady' }))).toBe(false);
    expect(isReservedTakingEffect(view({ status: 'busy' }), view({ status: 'rest' }))).toBe(false);
  });

  it('undo restores only settable previous statuses, and never a no-op', () => {
    const applied = { status: 'rest' as const, reason: 'Lunch' };
    expect(undoTarget('free', 'stale reason', applied)).toEqual({ status: 'free', reason: '' });
    expect(undoTarget('notReady', 'Admin', applied)).toEqual({
      status: 'notReady',
      reason: 'Admin',
    });
    expect(undoTarget('rest', 'Meeting', applied)).toEqual({ status: 'rest', reason: 'Meeting' });
    expect(undoTarget('rest', 'Lunch', applied)).toBeNull();
    for (const s of ['busy', 'afterCallWork', 'offline', '', 'weird'])
      expect(undoTarget(s, '', applied)).toBeNull();
  });
});

describe('withPendingChanges', () => {
  it('applies the changes in order, each against the view the previous one left, skipping nulls', () => {
    const busy = view({ status: 'busy', rawStatus: 'busy', statusSinceMs: 5 });
    const rest = { status: 'rest' as const, reason: 'Lunch', requestedAtMs: 10 };
    const free = { status: 'free' as const, reason: '', requestedAtMs: 20 };
    expect(withPendingChanges(busy, [null, null])).toEqual(busy);
    expect(withPendingChanges(busy, [rest, null])).toMatchObject({
      status: 'busy',
      reserveRest: true,
    });
    expect(withPendingChanges(busy, [rest, free])).toMatchObject({
      status: 'busy',
      reserveRest: false,
      statusSinceMs: 5,
    });
    expect(withPendingChanges(view({ status: 'free' }), [rest, free])).toMatchObject({
      status: 'free',
      statusSinceMs: 20,
    });
  });
});
