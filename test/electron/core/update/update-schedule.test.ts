import { describe, expect, it } from 'vitest';
import { createUpdateSchedule } from '../../../../electron/core/update/update-schedule';
import { UPDATE_CHECK_INTERVAL_MS, UPDATE_FIRST_CHECK_MS } from '../../../../shared/update';
import { FakeClock } from '../../../helpers/fake-clock';

describe('update schedule', () => {
  it('checks shortly after start, then every few hours with jitter, and survives a failing check', async () => {
    const clock = new FakeClock();
    const at: number[] = [];
    const errors: unknown[] = [];
    const schedule = createUpdateSchedule({
      timers: clock,
      random: () => 1, // the latest jitter: +10%
      check: async () => {
        at.push(clock.now());
        throw new Error('feed down');
      },
      onError: (e) => errors.push(e),
    });
    const t0 = clock.now();
    clock.advance(UPDATE_FIRST_CHECK_MS - 1);
    expect(at).toEqual([]);
    clock.advance(1);
    clock.advance(UPDATE_CHECK_INTERVAL_MS * 1.1);
    await Promise.resolve();
    expect(at).toEqual([
      t0 + UPDATE_FIRST_CHECK_MS,
      t0 + UPDATE_FIRST_CHECK_MS + UPDATE_CHECK_INTERVAL_MS * 1.1,
    ]);
    expect(errors).toHaveLength(2);
    schedule.checkNow();
    expect(at).toHaveLength(3);
    schedule.dispose();
    expect(clock.pendingTimers()).toBe(0);
  });
});
