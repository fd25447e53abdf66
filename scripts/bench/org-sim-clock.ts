import type { Clock, TimerHandle, Timers } from '../../electron/core/ports';

interface Entry {
  at: number;
  id: number;
  fn: () => void;
}

const before = (a: Entry, b: Entry): boolean => a.at < b.at || (a.at === b.at && a.id < b.id);

/** Lets the promise callbacks a timer started run on (a few dozen hops of async/await). */
async function drainMicrotasks(hops: number): Promise<void> {
  for (let i = 0; i < hops; i++) await Promise.resolve();
}

/**
 * One simulated clock shared by the simulator and every engine and client of the organisation
 * simulation: it is both the `Clock` and the `Timers` port, and time moves only through
 * `advanceTo`. Timers fire in due order (ties in scheduling order), each seeing `now()` equal to
 * its due time, with the microtasks it starts drained before the next one, so a request a timer
 * triggers is signed and handed to the HTTP pool at that instant. A binary heap with lazy
 * cancellation keeps thousands of timers (1,000 pollers, per-request deadlines) cheap.
 */
export class StepClock implements Clock, Timers {
  private nowMs: number;
  private seq = 0;
  private readonly heap: Entry[] = [];
  private readonly live = new Set<number>();

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const delay = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    const entry: Entry = { at: this.nowMs + delay, id: ++this.seq, fn };
    this.push(entry);
    this.live.add(entry.id);
    return { stepTimerId: entry.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const id = (handle as { stepTimerId?: number } | null)?.stepTimerId;
    if (id !== undefined) this.live.delete(id);
  }

  /** Timers scheduled and neither fired nor cleared. */
  pendingTimers(): number {
    return this.live.size;
  }

  /**
   * Fires every timer due at or before `targetMs`, then sets `now()` to `targetMs`. Only
   * microtasks run meanwhile: sockets are served when the caller awaits I/O afterwards.
   */
  async advanceTo(targetMs: number): Promise<void> {
    for (;;) {
      const top = this.heap[0];
      if (!top || top.at > targetMs) break;
      this.pop();
      if (!this.live.delete(top.id)) continue;
      this.nowMs = Math.max(this.nowMs, top.at);
      top.fn();
      await drainMicrotasks(24);
    }
    this.nowMs = Math.max(this.nowMs, targetMs);
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i] as Entry, h[p] as Entry)) break;
      [h[i], h[p]] = [h[p] as Entry, h[i] as Entry];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop() as Entry;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l] as Entry, h[m] as Entry)) m = l;
      if (r < h.length && before(h[r] as Entry, h[m] as Entry)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m] as Entry, h[i] as Entry];
      i = m;
    }
  }
}
