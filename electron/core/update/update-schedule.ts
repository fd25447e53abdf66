import { UPDATE_CHECK_INTERVAL_MS, UPDATE_FIRST_CHECK_MS } from '../../../shared/update';
import type { TimerHandle, Timers } from '../ports';

/**
 * When to look for an update: once shortly after start, then every few hours with ±10% jitter so
 * 500 desktops started at 9:00 do not all ask the feed at the same second. A check that throws
 * never stops the schedule.
 */
export interface UpdateSchedule {
  /** Checks now and restarts the interval (e.g. after the channel changed). */
  checkNow(): void;
  dispose(): void;
}

/** Starts the schedule; `check` is called on each due time. */
export function createUpdateSchedule(deps: {
  timers: Timers;
  random: () => number;
  check: () => Promise<unknown>;
  onError: (error: unknown) => void;
}): UpdateSchedule {
  let timer: TimerHandle | null = null;
  let disposed = false;
  const arm = (ms: number) => {
    if (timer !== null) deps.timers.clearTimeout(timer);
    timer = disposed ? null : deps.timers.setTimeout(run, ms);
  };
  const run = () => {
    arm(UPDATE_CHECK_INTERVAL_MS * (0.9 + 0.2 * deps.random()));
    deps.check().catch(deps.onError);
  };
  arm(UPDATE_FIRST_CHECK_MS);
  return {
    checkNow: run,
    dispose() {
      disposed = true;
      if (timer !== null) deps.timers.clearTimeout(timer);
      timer = null;
    },
  };
}
