import type { Clock, TimerHandle, Timers } from '../ports';
import type { StatusSnapshot } from '../../../shared/snapshot';
import type { RequestedChange } from './reserve-rules';

/** The undo a snapshot offers: what it restores and until when (local epoch ms). */
export type UndoOffer = NonNullable<StatusSnapshot['undo']>;

/**
 * The undo offer after an applied change: lives `windowMs`, then expires through ONE timer (so
 * the UI hears about it) which `clear()` always removes. `current()` never returns an expired
 * offer, even if the timer has not fired yet.
 */
export class UndoSlot {
  private live: UndoOffer | null = null;
  private timer: TimerHandle | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly onExpire: () => void,
  ) {}

  /** Offers `target` for `windowMs` from now (replacing any earlier offer). */
  offer(target: RequestedChange, windowMs: number): void {
    this.clear();
    this.live = {
      status: target.status,
      reason: target.reason,
      untilMs: this.clock.now() + windowMs,
    };
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.live = null;
      this.onExpire();
    }, windowMs);
  }

  /** The live offer, or null. */
  current(): UndoOffer | null {
    const o = this.live;
    return o && o.untilMs > this.clock.now() ? { ...o } : null;
  }

  /** Withdraws the offer and its timer. */
  clear(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.live = null;
  }
}
