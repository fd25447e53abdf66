import { describe, expect, it } from 'vitest';
import { DriftJudge, MAYBE_APPLIED_MS } from '../../../../electron/core/status/drift';
import { emptyView, type StatusView } from '../../../../electron/core/status/snapshot-mapper';

const v = (status: StatusView['status'], reason = '', p: Partial<StatusView> = {}): StatusView => ({
  ...emptyView(),
  status,
  rawStatus: status,
  reason,
  ...p,
});

describe('DriftJudge', () => {
  it('reports status changes nobody asked for, with before and after', () => {
    const j = new DriftJudge();
    expect(j.judge(v('free'), v('busy'), 5)).toEqual({
      before: { status: 'free', reason: '' },
      after: { status: 'busy', reason: '' },
      atMs: 5,
    });
    expect(j.judge(null, v('busy'), 5)).toBeNull(); // first sync
    expect(j.judge(v('busy'), v('busy', '', { reserveRest: true }), 5)).toBeNull();
  });

  it('a reserved break starting at call end is the agent own doing', () => {
    const j = new DriftJudge();
    expect(
      j.judge(v('afterCallWork', '', { reserveRest: true }), v('rest', 'Lunch'), 5),
    ).toBeNull();
    expect(j.judge(v('busy', '', { reserveNotReady: true }), v('notReady'), 5)).toBeNull();
    expect(j.judge(v('busy', '', { reserveNotReady: true }), v('rest', 'x'), 5)).not.toBeNull();
  });

  it('an ambiguously failed change showing up later is not drift, once, within the window', () => {
    const j = new DriftJudge();
    j.noteMaybeApplied({ status: 'rest', reason: 'Lunch' }, 0);
    expect(j.judge(v('free'), v('rest', 'Lunch'), 1_000)).toBeNull();
    // Used up: the next identical transition is drift again.
    expect(j.judge(v('free'), v('rest', 'Lunch'), 2_000)).not.toBeNull();
    j.noteMaybeApplied({ status: 'rest', reason: 'Lunch' }, 0);
    expect(j.judge(v('free'), v('rest', 'Lunch'), MAYBE_APPLIED_MS)).not.toBeNull(); // expired
    j.noteMaybeApplied({ status: 'rest', reason: 'Lunch' }, 0);
    expect(j.judge(v('free'), v('rest', 'Meeting'), 1_000)).not.toBeNull(); // another reason
    j.noteMaybeApplied({ status: 'free', reason: '' }, 0);
    j.reset();
    expect(j.judge(v('rest', 'Lunch'), v('free'), 1_000)).not.toBeNull();
  });
});
