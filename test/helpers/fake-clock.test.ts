import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock';

describe('FakeClock', () => {
  it('runs due timers in order, each at its due time, including timers scheduled meanwhile', () => {
    const clock = new FakeClock(1_000);
    const seen: Array<[string, number]> = [];
    clock.setTimeout(() => seen.push(['b', clock.now()]), 20);
    clock.setTimeout(() => {
      seen.push(['a', clock.now()]);
      clock.setTimeout(() => seen.push(['c', clock.now()]), 5);
    }, 10);
    clock.setTimeout(() => seen.push(['tie', clock.now()]), 20);
    clock.advance(30);
    expect(seen).toEqual([
      ['a', 1_010],
      ['c', 1_015],
      ['b', 1_020],
      ['tie', 1_020],
    ]);
    expect(clock.now()).toBe(1_030);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('leaves timers beyond the window pending and forgets cleared ones', () => {
    const clock = new FakeClock(0);
    let fired = 0;
    const h = clock.setTimeout(() => fired++, 10);
    clock.setTimeout(() => fired++, 100);
    clock.clearTimeout(h);
    clock.advance(50);
    expect(fired).toBe(0);
    expect(clock.pendingTimers()).toBe(1);
    expect(clock.pendingDelays()).toEqual([50]);
  });

  it('advanceAsync lets promise work started by a timer schedule further timers in the window', async () => {
    const clock = new FakeClock(0);
    const seen: number[] = [];
    clock.setTimeout(() => {
      void Promise.resolve().then(() => {
        seen.push(clock.now());
        clock.setTimeout(() => seen.push(clock.now()), 10);
      });
    }, 10);
    await clock.advanceAsync(25);
    expect(seen).toEqual([10, 20]);
  });
});
