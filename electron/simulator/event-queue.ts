/** One scheduled happening of the simulated day. */
interface QueuedEvent {
  atMs: number;
  seq: number;
  run: () => void;
}

/**
 * Min-heap of events ordered by time, then by insertion order, so two events at the same
 * millisecond always run in the same order (the day stays deterministic).
 */
export class EventQueue {
  private readonly heap: QueuedEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(atMs: number, run: () => void): void {
    this.heap.push({ atMs, seq: this.seq++, run });
    this.up(this.heap.length - 1);
  }

  /** Time of the earliest event, or null when empty. */
  peekTime(): number | null {
    return this.heap[0]?.atMs ?? null;
  }

  /** Removes and returns the earliest event if it is due at or before `ms`. */
  popDue(ms: number): QueuedEvent | undefined {
    const top = this.heap[0];
    if (!top || top.atMs > ms) return undefined;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private less(a: QueuedEvent, b: QueuedEvent): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
