import { err, ok, type Result } from '../../../shared/result';
import type { TelCdrApi, TelCdrCallOptions, TelCdrRecord } from '../api/tel-cdr-types';
import type { Clock } from '../ports';

/**
 * Keeps the centre's call records of the last hours up to date for many readers at once (the
 * team gateway reads them once for everyone, then reduces them per agent with voice-day.ts). A
 * record arrives only after its call ended, sometimes late, and DescribeTelCdr filters on the
 * call's start (`Time`), so there is no "new since" query: each tick re-reads a sliding window of
 * recent starts and merges by SessionId. Two tiers by default: every minute the last 30 minutes
 * (most calls end and arrive within that), every 15 minutes the last 4 hours (long calls and late
 * arrivals). A tick runs the widest window that is due, as one paged read (paced by
 * `callOptions.pageIntervalMs`). Pure over the injected API and clock: the caller owns the timer.
 */

/** One re-read: every `everySeconds`, the calls that began in the last `lookbackSeconds`. */
export interface SyncTier {
  everySeconds: number;
  lookbackSeconds: number;
}

/** The default tiers (see above). */
export const DEFAULT_SYNC_TIERS: readonly SyncTier[] = [
  { everySeconds: 60, lookbackSeconds: 30 * 60 },
  { everySeconds: 15 * 60, lookbackSeconds: 4 * 3600 },
];

/** DescribeTelCdr takes less than 90 days per query. */
const MAX_LOOKBACK_S = 90 * 86_400 - 1;

export interface TelCdrSyncOptions {
  api: TelCdrApi;
  clock: Clock;
  tiers?: readonly SyncTier[];
  /** The first tick reads from here (epoch s; e.g. the start of the day). Default: the widest tier. */
  startAt?: number;
  /** Records whose call began longer ago than this are dropped. Default 2 days. */
  retainSeconds?: number;
  /**
   * Passed to each read: `pageIntervalMs` paces a long read within the shared 20 req/s (e.g. 100
   * for at most 10/s), `maxAttempts` leaves rate-limit backoff to the caller.
   */
  callOptions?: TelCdrCallOptions;
}

/** What one tick did. */
export interface SyncTick {
  /** The window read, epoch s (null when no tier was due). */
  window: { from: number; to: number } | null;
  /** Requests sent (pages). */
  requests: number;
  /** Rows read, records new to the store, records that changed. */
  read: number;
  added: number;
  updated: number;
  skipped: number;
}

/** The sliding-window store. */
export interface TelCdrSync {
  /** Reads the widest due window and merges it. An error leaves the store and the schedule as they were. */
  tick(): Promise<Result<SyncTick>>;
  /** Seconds until the next tier is due (0: now). */
  dueInSeconds(): number;
  /** Known records whose call began in [from, to], oldest first. */
  records(from: number, to: number): TelCdrRecord[];
  /**
   * A TelCdrApi answered from the store (no request) for ranges it covers (synced, not yet
   * dropped), else by `fallback`: hand it to createStatsService as `voice` and every agent's
   * stats read the centre's records once for all.
   */
  asApi(fallback: TelCdrApi): TelCdrApi;
  /** Totals since creation. */
  totals(): { ticks: number; requests: number; records: number };
}

const keyOf = (r: TelCdrRecord): string =>
  r.sessionId || JSON.stringify([r.time, r.direction, r.caller, r.callee]);

/** Creates the store; nothing is read until the first `tick()`. */
export function createTelCdrSync(opts: TelCdrSyncOptions): TelCdrSync {
  const tiers = (opts.tiers ?? DEFAULT_SYNC_TIERS).map((t) => ({
    everySeconds: Math.max(1, Math.floor(t.everySeconds)),
    lookbackSeconds: Math.min(MAX_LOOKBACK_S, Math.max(1, Math.floor(t.lookbackSeconds))),
  }));
  const retain = opts.retainSeconds ?? 2 * 86_400;
  const lastRun = tiers.map(() => Number.NEGATIVE_INFINITY);
  const store = new Map<string, TelCdrRecord>();
  let first = true;
  /** The oldest call start the store holds every record of (null before the first read). */
  let coveredFrom: number | null = null;
  let ticks = 0;
  let requests = 0;
  const nowS = (): number => Math.floor(opts.clock.now() / 1000);
  const records = (from: number, to: number): TelCdrRecord[] =>
    [...store.values()]
      .filter((r) => r.time >= from && r.time <= to)
      .sort((a, b) => a.time - b.time || (a.sessionId < b.sessionId ? -1 : 1));

  return {
    dueInSeconds() {
      const now = nowS();
      return Math.max(0, Math.min(...tiers.map((t, i) => lastRun[i]! + t.everySeconds - now)));
    },
    async tick() {
      const now = nowS();
      const due = tiers.map((t, i) => now - lastRun[i]! >= t.everySeconds);
      if (!due.some(Boolean)) {
        return ok({ window: null, requests: 0, read: 0, added: 0, updated: 0, skipped: 0 });
      }
      const lookback = Math.max(...tiers.filter((_, i) => due[i]).map((t) => t.lookbackSeconds));
      let from = now - lookback;
      if (first && opts.startAt !== undefined)
        from = Math.max(now - MAX_LOOKBACK_S, Math.min(from, opts.startAt));
      const r = await opts.api.describeTelCdr(
        { startTimestamp: from, endTimestamp: now },
        opts.callOptions,
      );
      ticks += 1;
      if (!r.ok) return err(r.error);
      const { records, pages, skipped } = r.value.value;
      requests += pages;
      first = false;
      coveredFrom = Math.max(Math.min(coveredFrom ?? from, from), now - retain);
      // A wider window covers the narrower ones: they are done too.
      tiers.forEach((t, i) => {
        if (due[i] || t.lookbackSeconds <= lookback) lastRun[i] = now;
      });
      let added = 0;
      let updated = 0;
      for (const rec of records) {
        const key = keyOf(rec);
        const old = store.get(key);
        if (!old) added += 1;
        else if (old !== rec && JSON.stringify(old) !== JSON.stringify(rec)) updated += 1;
        store.set(key, rec);
      }
      for (const [key, rec] of store) if (rec.time < now - retain) store.delete(key);
      return ok({
        window: { from, to: now },
        requests: pages,
        read: records.length,
        added,
        updated,
        skipped,
      });
    },
    records,
    asApi: (fallback) => ({
      async describeTelCdr(input, callOpts) {
        if (
          coveredFrom === null ||
          input.startTimestamp < coveredFrom ||
          input.phones ||
          input.sessionIds
        )
          return fallback.describeTelCdr(input, callOpts);
        const found = records(input.startTimestamp, input.endTimestamp);
        return ok({
          value: { records: found, totalCount: found.length, pages: 0, skipped: 0 },
          requestId: '',
          serverDate: null,
        });
      },
    }),
    totals: () => ({ ticks, requests, records: store.size }),
  };
}
