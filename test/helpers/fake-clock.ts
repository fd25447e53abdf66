import type { Clock, TimerHandle, Timers } from '../../electron/core/ports';

interface FakeTimer {
  id: number;
  dueMs: number;
  fn: () => void;
}

/** Lets every pending promise callback run (one real macrotask turn drains the microtask queue). */
export function flushPromises(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A manual clock that is also the `Timers` port: time moves only through `advance`/`advanceAsync`.
 * Timers fire in due order (ties in scheduling order), including timers scheduled while advancing;
 * each fired timer sees `now()` equal to its due time. `pendingTimers()` counts live timers so
 * tests can prove that `stop()` leaves nothing behind.
 */
export class FakeClock implements Clock, Timers {
  private nowMs: number;
  private seq = 0;
  private timers: FakeTimer[] = [];

  constructor(startMs = Date.UTC(2025, 0, 6, 1, 0, 0)) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const delay = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    const timer: FakeTimer = { id: ++this.seq, dueMs: this.nowMs + delay, fn };
    // Keep sorted by (dueMs, id): insert after every timer due at or before this one.
    let i = this.timers.length;
    while (i > 0 && (this.timers[i - 1] as FakeTimer).dueMs > timer.dueMs) i--;
    this.timers.splice(i, 0, timer);
    return { fakeTimerId: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const id = (handle as { fakeTimerId?: number } | null)?.fakeTimerId;
    if (id === undefined) return;
    const i = this.timers.findIndex((t) => t.id === id);
    if (i >= 0) this.timers.splice(i, 1);
  }

  /** Number of timers scheduled and not yet fired or cleared. */
  pendingTimers(): number {
    return this.timers.length;
  }

  /** Delays (from now) of the pending timers, soonest first. */
  pendingDelays(): number[] {
    return this.timers.map((t) => t.dueMs - this.nowMs);
  }

  /** Moves time forward by `ms`, running due timers synchronously in order. */
  advance(ms: number): void {
    const target = this.nowMs + Math.max(0, ms);
    for (;;) {
      const next = this.timers[0];
      if (!next || next.dueMs > target) break;
      this.timers.shift();
      this.nowMs = Math.max(this.nowMs, next.dueMs);
      next.fn();
    }
    this.nowMs = target;
  }

  /**
   * Like `advance`, but lets promise callbacks run before and after each timer, so async work a
   * timer starts (and the timers that work schedules) happens inside the advanced window.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.nowMs + Math.max(0, ms);
    await flushPromises();
    for (;;) {
      const next = this.timers[0];
      if (!next || next.dueMs > target) break;
      this.timers.shift();
      this.nowMs = Math.max(this.nowMs, next.dueMs);
      next.fn();
      await flushPromises();
    }
    this.nowMs = target;
    await flushPromises();
  }

  /** Runs the next pending timer (advancing time to it) and flushes promises; false when none. */
  async runNextAsync(): Promise<boolean> {
    const next = this.timers[0];
    if (!next) return false;
    await this.advanceAsync(next.dueMs - this.nowMs);
    return true;
  }
}
