import type { AppError } from '../../../shared/result';
import type { StatusSnapshot } from '../../../shared/snapshot';

/**
 * The snapshot shown while no status engine runs (first start, signed out, account incomplete):
 * connection 'unconfigured', status unknown, and in `lastError` the sentence naming what is missing.
 */
export function idleSnapshot(agentId: string, missing: AppError | null): StatusSnapshot {
  return {
    agentId,
    status: 'unknown',
    rawStatus: '',
    reason: '',
    statusSinceMs: null,
    reserveRest: false,
    reserveNotReady: false,
    statusExtra: null,
    today: { online: 0, free: 0, busy: 0, rest: 0, notReady: 0, afterCallWork: 0 },
    useMobileAccept: 0,
    useMobileCallOut: false,
    lastSyncMs: null,
    connection: 'unconfigured',
    lastError: missing,
    pending: null,
    undo: null,
    clockOffsetMs: 0,
  };
}
