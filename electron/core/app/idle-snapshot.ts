import type { AppError } from '../../../shared/result';
import type { StatusSnapshot } from '../../../shared/snapshot';
import { emptyView } from '../status/snapshot-mapper';

/**
 * The snapshot shown while no status engine runs (first start, signed out, account incomplete):
 * connection 'unconfigured', status unknown, and in `lastError` the sentence naming what is missing.
 */
export function idleSnapshot(agentId: string, missing: AppError | null): StatusSnapshot {
  return {
    agentId,
    ...emptyView(),
    lastSyncMs: null,
    connection: 'unconfigured',
    lastError: missing,
    pending: null,
    undo: null,
    clockOffsetMs: 0,
  };
}
