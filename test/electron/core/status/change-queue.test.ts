import { describe, expect, it } from 'vitest';
import {
  ChangeQueue,
  pendingChange,
  type QueuedChange,
} from '../../../../electron/core/status/change-queue';
import type { ChangeOutcome } from '../../../../shared/snapshot';
import { flushPromises } from '../../../helpers/fake-clock';

function harness() {
  const sent: QueuedChange[] = [];
  const settled: Array<{ id: number; idle: boolean }> = [];
  const releases: Array<(o: ChangeOutcome['outcome']) => void> = [];
  const outcome = (c: QueuedChange, kind: ChangeOutcome['outcome']): ChangeOutcome => ({
    id: c.id,
    requested: { status: c.status, reason: c.reason },
    outcome: kind,
    error: null,
    atMs: 0,
  });
  const queue = new ChangeQueue({
    send: (c) => {
      sent.push(c);
      return new Promise((resolve) => releases.push((kind) => resolve(outcome(c, kind))));
    },
    superseded: (c) => outcome(c, 'superseded'),
    settled: (c, _o, idle) => settled.push({ id: c.id, idle }),
  });
  let id = 0;
  const change = (status: QueuedChange['status'], reason = ''): QueuedChange => ({
    id: ++id,
    status,
    reason,
    requestedAtMs: 0,
    fromUndo: false,
    requester: 'app',
  });
  return { queue, sent, settled, releases, change };
}

describe('ChangeQueue', () => {
  it('sends the first change synchronously', () => {
    const h = harness();
    void h.queue.enqueue(h.change('rest', 'Lunch'));
    expect(h.sent.map((c) => c.id)).toEqual([1]);
    expect(h.queue.inFlight?.id).toBe(1);
    expect(h.queue.isIdle).toBe(false);
  });

  it('a burst: first sent at once, intermediates superseded, the last sent after, every promise resolved', async () => {
    const h = harness();
    const results = [
      h.queue.enqueue(h.change('rest', 'Lunch')),
      h.queue.enqueue(h.change('free')),
      h.queue.enqueue(h.change('notReady')),
      h.queue.enqueue(h.change('rest', 'Meeting')),
    ];
    expect(h.sent.map((c) => c.id)).toEqual([1]);
    expect(h.queue.waiting?.id).toBe(4);
    h.releases[0]?.('applied');
    await flushPromises();
    expect(h.sent.map((c) => c.id)).toEqual([1, 4]); // in order, only the last asked
    h.releases[1]?.('applied');
    const outcomes = await Promise.all(results);
    expect(outcomes.map((o) => [o.id, o.outcome])).toEqual([
      [1, 'applied'],
      [2, 'superseded'],
      [3, 'superseded'],
      [4, 'applied'],
    ]);
    expect(h.settled).toEqual([
      { id: 1, idle: false },
      { id: 4, idle: true },
    ]);
    expect(h.queue.isIdle).toBe(true);
  });

  it('a failed change does not stop the next one', async () => {
    const h = harness();
    const a = h.queue.enqueue(h.change('rest'));
    const b = h.queue.enqueue(h.change('free'));
    h.releases[0]?.('failed');
    await flushPromises();
    h.releases[1]?.('applied');
    expect((await a).outcome).toBe('failed');
    expect((await b).outcome).toBe('applied');
  });

  it('dropWaiting resolves the waiting change without sending it', async () => {
    const h = harness();
    void h.queue.enqueue(h.change('rest'));
    const b = h.queue.enqueue(h.change('free'));
    h.queue.dropWaiting((c) => ({
      id: c.id,
      requested: { status: c.status, reason: c.reason },
      outcome: 'failed',
      error: null,
      atMs: 1,
    }));
    expect((await b).outcome).toBe('failed');
    h.releases[0]?.('applied');
    await flushPromises();
    expect(h.sent).toHaveLength(1);
    expect(h.settled).toEqual([{ id: 1, idle: true }]);
  });
});

describe('pendingChange', () => {
  it('shows a queued change without its undo flag; none when nothing is queued', () => {
    expect(pendingChange(null)).toBeNull();
    const c = {
      id: 3,
      status: 'rest' as const,
      reason: 'Lunch',
      requestedAtMs: 9,
      fromUndo: true,
      requester: 'app' as const,
    };
    expect(pendingChange(c)).toEqual({ id: 3, status: 'rest', reason: 'Lunch', requestedAtMs: 9 });
  });
});
