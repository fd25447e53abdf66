import type { Logger } from '../ports';
import type { ChangeOutcome, DriftEvent, StatusSnapshot } from '../../../shared/snapshot';
import type { ChangeRequester } from './change-queue';
import { sameSnapshot } from './snapshot-mapper';

/** What subscribers receive. Drift comes before the snapshot that shows it; a change's snapshot
 * comes before its outcome, which says who asked for the change. */
export type EngineEvent =
  | { type: 'snapshot'; snapshot: StatusSnapshot }
  | { type: 'drift'; drift: DriftEvent }
  | { type: 'outcome'; outcome: ChangeOutcome; requester: ChangeRequester };

/**
 * The engine's listeners and what they hear: a snapshot only when it differs from the last one
 * sent in something other than `lastSyncMs` (see sameSnapshot), nothing at all while `stopped()`.
 * A listener that throws is logged; the others still hear the event. Never throws.
 */
export class EngineEvents {
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private lastEmitted: StatusSnapshot | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly stopped: () => boolean,
  ) {}

  /** Adds a listener; returns its unsubscribe function. */
  subscribe(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends `snap` unless it equals the last snapshot sent (lastSyncMs aside). */
  snapshot(snap: StatusSnapshot): void {
    if (this.lastEmitted && sameSnapshot(this.lastEmitted, snap)) return;
    this.lastEmitted = snap;
    this.emit({ type: 'snapshot', snapshot: snap });
  }

  /** Sends a drift event. */
  drift(drift: DriftEvent): void {
    this.emit({ type: 'drift', drift });
  }

  /** Sends a change's outcome (with who asked for it) and returns it. */
  outcome(outcome: ChangeOutcome, requester: ChangeRequester): ChangeOutcome {
    this.emit({ type: 'outcome', outcome, requester });
    return outcome;
  }

  private emit(e: EngineEvent): void {
    if (this.stopped()) return;
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (error) {
        this.logger.log('error', 'status listener threw', { event: e.type, error: String(error) });
      }
    }
  }
}
