import type { AppError } from '../../../shared/result';
import type { ConnectionState } from '../../../shared/vocabulary';
import type { PollOutcome } from './adaptive-poller';
import { ENGINE_ERRORS } from './status-errors';

/** Whether the engine can poll: a positive integer SdkAppId and a non-blank agent account. */
export function isConfigured(sdkAppId: number, agentId: string): boolean {
  return Number.isInteger(sdkAppId) && sdkAppId > 0 && agentId.trim() !== '';
}

/** Consecutive failed polls after which a synced engine shows degraded / offline. */
export const DEGRADED_AFTER_FAILURES = 2;

/**
 * The connection part of the snapshot and how poll results move it:
 * - a successful poll: `ok`, lastError cleared, lastSyncMs set;
 * - auth / permission errors: `credentials_rejected` at once (polling halts until new credentials);
 * - rate limit, transient, timeout, bad answers: `degraded` after DEGRADED_AFTER_FAILURES in a
 *   row (one stray RequestLimitExceeded in a busy organisation does not flicker the tray), at once
 *   before the first sync; network errors the same but `offline`; the last known status stays;
 * - the OS reporting no network: `offline` at once.
 */
export class ConnectionTracker {
  state: ConnectionState;
  lastError: AppError | null = null;
  lastSyncMs: number | null = null;
  credentialsRejected = false;
  private failures = 0;
  private online = true;

  constructor(configured: boolean) {
    this.state = configured ? 'connecting' : 'unconfigured';
  }

  /** A poll answered. */
  synced(nowMs: number): void {
    this.failures = 0;
    this.lastSyncMs = nowMs;
    this.credentialsRejected = false;
    this.state = 'ok';
    this.lastError = null;
  }

  /** A poll failed; returns what the poller should make of it. */
  pollFailed(e: AppError): PollOutcome {
    if (e.kind === 'auth' || e.kind === 'permission') {
      this.rejected(e);
      return 'halt';
    }
    this.failures++;
    const threshold = this.lastSyncMs === null ? 1 : DEGRADED_AFTER_FAILURES;
    if (this.failures >= threshold || !this.online) {
      this.state = e.kind === 'network' || !this.online ? 'offline' : 'degraded';
      this.lastError = e;
    }
    return e.kind === 'rate_limit' ? 'rate_limited' : 'failed';
  }

  /** Credentials (or the key's permissions) were rejected. */
  rejected(e: AppError): void {
    this.credentialsRejected = true;
    this.state = 'credentials_rejected';
    this.lastError = e;
  }

  /** New credentials: back to connecting until the next poll says more. */
  credentialsChanged(configured: boolean): void {
    if (!this.credentialsRejected) return;
    this.credentialsRejected = false;
    this.state = configured ? 'connecting' : 'unconfigured';
    this.lastError = null;
  }

  /** The OS network state. */
  setOnline(online: boolean, configured: boolean): void {
    this.online = online;
    if (!online && !this.credentialsRejected && configured) {
      this.state = 'offline';
      this.lastError = ENGINE_ERRORS.offline();
    }
  }

  /** A new agent identity: nothing synced yet (a credentials rejection stays: same key). */
  reset(configured: boolean): void {
    this.failures = 0;
    this.lastSyncMs = null;
    if (!this.credentialsRejected) {
      this.state = configured ? 'connecting' : 'unconfigured';
      this.lastError = null;
    }
  }
}
