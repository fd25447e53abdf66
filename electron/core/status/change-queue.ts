import type { ChangeOutcome, PendingChange } from '../../../shared/snapshot';
import type { SettableStatus } from '../../../shared/vocabulary';

/**
 * Serialises the agent's own status changes: at most one SetStaffStatus in flight and at most one
 * waiting. A new request replaces the waiting one, which resolves as `superseded` (never silently
 * dropped), so a burst of clicks sends the first at once and then only the last, in order, and
 * ends in the state the agent asked for last. Every `enqueue` promise resolves exactly once.
 * Sending happens synchronously inside `enqueue` when nothing is in flight: an own change is
 * never delayed by anything else.
 */

/**
 * Who asked for a change: `caller`, a transport's caller (the window through IPC, the preview,
 * later the gateway), who receives the outcome as the answer to its request; `app`, the app itself
 * (tray, notification button, shortcut, screen lock), whose outcome only observers hear of.
 */
export type ChangeRequester = 'caller' | 'app';

/** One own change, as the engine tracks it. */
export interface QueuedChange {
  id: number;
  status: SettableStatus;
  reason: string;
  requestedAtMs: number;
  /** Made by undo(): its own result offers no further undo. */
  fromUndo: boolean;
  requester: ChangeRequester;
}

/** What is asked for; the engine adds the id and the time. */
export type ChangeRequest = Omit<QueuedChange, 'id' | 'requestedAtMs'>;

/** What a snapshot shows of change `c` while it is pending (null: none). Pure. */
export function pendingChange(c: QueuedChange | null): PendingChange | null {
  return c
    ? {
        id: c.id,
        status: c.status,
        reason: c.reason,
        requestedAtMs: c.requestedAtMs,
      }
    : null;
}

/** What the queue needs from its owner. */
export interface ChangeQueueHooks {
  /** Sends one change and works out its outcome; must not reject. */
  send(change: QueuedChange): Promise<ChangeOutcome>;
  /** The outcome of a waiting change replaced by a newer one. */
  superseded(change: QueuedChange): ChangeOutcome;
  /** After a change settled (no longer in flight; the next one, if any, already sent).
   * `idle`: nothing is in flight or waiting any more. */
  settled(change: QueuedChange, outcome: ChangeOutcome, idle: boolean): void;
}

interface Entry {
  change: QueuedChange;
  resolve: (o: ChangeOutcome) => void;
}

/** See the module comment. */
export class ChangeQueue {
  private inFlightEntry: Entry | null = null;
  private waitingEntry: Entry | null = null;

  constructor(private readonly hooks: ChangeQueueHooks) {}

  /** The change being sent, if any. */
  get inFlight(): QueuedChange | null {
    return this.inFlightEntry?.change ?? null;
  }

  /** The change waiting for the one in flight, if any. */
  get waiting(): QueuedChange | null {
    return this.waitingEntry?.change ?? null;
  }

  /** Whether nothing is in flight or waiting. */
  get isIdle(): boolean {
    return this.inFlightEntry === null && this.waitingEntry === null;
  }

  /** Queues `change`; resolves with its outcome (applied / reserved / failed / superseded). */
  enqueue(change: QueuedChange): Promise<ChangeOutcome> {
    return new Promise<ChangeOutcome>((resolve) => {
      const replaced = this.waitingEntry;
      this.waitingEntry = { change, resolve };
      if (replaced) replaced.resolve(this.hooks.superseded(replaced.change));
      if (!this.inFlightEntry) this.pump();
    });
  }

  /** Resolves the waiting change (if any) with `outcome(change)` without sending it. */
  dropWaiting(outcome: (change: QueuedChange) => ChangeOutcome): void {
    const w = this.waitingEntry;
    this.waitingEntry = null;
    if (w) w.resolve(outcome(w.change));
  }

  private pump(): void {
    const entry = this.waitingEntry;
    if (!entry) return;
    this.waitingEntry = null;
    this.inFlightEntry = entry;
    void this.hooks.send(entry.change).then(
      (outcome) => this.settle(entry, outcome),
      // send() must not reject; if it does, the caller still gets an answer.
      (e: unknown) =>
        this.settle(entry, {
          id: entry.change.id,
          requested: { status: entry.change.status, reason: entry.change.reason },
          outcome: 'failed',
          error: {
            source: 'app',
            code: 'InternalError',
            kind: 'unknown',
            message: e instanceof Error ? e.message : 'status change failed',
            retryable: false,
          },
          atMs: entry.change.requestedAtMs,
        }),
    );
  }

  private settle(entry: Entry, outcome: ChangeOutcome): void {
    this.inFlightEntry = null;
    this.pump();
    this.hooks.settled(entry.change, outcome, this.isIdle);
    entry.resolve(outcome);
  }
}
