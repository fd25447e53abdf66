import type { Clock, Logger } from '../ports';
import { silentLogger } from '../ports';
import type { SecretRedactor } from '../logger';
import { err, ok, type AppError, type Result } from '../../../shared/result';
import type { CccApi } from '../api/ccc-types';
import type { DeskApi } from '../api/desk-types';
import type { TelCdrApi } from '../api/tel-cdr-types';
import {
  DEFAULT_TZ_OFFSET_MINUTES,
  addDays,
  dayBounds,
  dayKeyAt,
  daysInRange,
  isDayKey,
} from '../../../shared/day-key';
import {
  buildDayStats,
  type DayInputs,
  type DayProblem,
  type DayStats,
  type StatusChange,
} from './day-model';
import { cachedDayInputs, createStatsCache, type CachedDay, type StatsCache } from './stats-cache';
import { extractAgentCalls } from './voice-day';
import { buildWeekTrend, type WeekTrend } from './week-trend';

/**
 * Composes the agent's daily stats: CCC metrics (today) and status history, the desk statistics
 * and session records, the agent's calls from the centre's call records (only when voice stats
 * are on: DescribeTelCdr has no agent filter, so the whole centre's records of the day are read,
 * PageSize 100 until TotalCount, and reduced at once to the agent's calls), and the on-disk cache
 * of past days. Today is always fetched fresh; a past day is fetched once, cached when every
 * configured part loaded, and read from disk after that. Nothing throws: a part that fails is
 * null in the DayStats with its error listed.
 */

export interface StatsServiceOptions {
  ccc: CccApi;
  /** null when the desk (IM) side is not configured: desk parts are then absent. */
  desk: DeskApi | null;
  /** The call records; null or absent when voice stats are off (voice parts are then absent). */
  voice?: TelCdrApi | null;
  /** Masks the customer numbers of the agent's calls in every log line from now on. */
  redactor?: Pick<SecretRedactor, 'addSecret'>;
  clock: Clock;
  /** The app's data folder; the cache file lives here (ignored when `cache` is given). */
  dataDir: string;
  cache?: StatsCache;
  /** The agent's account (their email in CCC, their AgentId in the desk). */
  agentId: string;
  /** Account time zone, minutes east of UTC. Default +480. */
  tzOffsetMinutes?: number;
  /** Separates accounts in the cache (e.g. the SDKAppIDs). */
  scope?: string;
  /**
   * A day counts as final (cacheable) this long after it ended. Default 15 minutes; with voice
   * stats on at least 2 hours, since a call's record can arrive that long after the call.
   */
  finalAfterMs?: number;
  /** How far before a day's start the history query reaches, to know the status carried in. */
  historyLookbackSeconds?: number;
  /**
   * Rows per DescribeStaffStatusHistory page of the CCC client (its default is 100). Only used to
   * count the requests a history call cost: the client pages while a page comes back full.
   */
  historyPageSize?: number;
  /** Days fetched at the same time when filling a week. Default 3. */
  concurrency?: number;
  logger?: Logger;
}

/** The daily-stats operations the UI layer calls. */
export interface StatsService {
  /** One day (`YYYY-MM-DD` in the account's zone); an invalid or future day is an error. */
  getDay(day: string): Promise<Result<DayStats>>;
  /** Today, always fetched fresh. */
  getToday(): Promise<DayStats>;
  /**
   * `days` days (default 7, at most 31) ending with `endDay` (default today), oldest first.
   * Past days come from the cache after their first load: a second open costs only today.
   */
  getWeek(opts?: { endDay?: string; days?: number }): Promise<Result<WeekTrend>>;
}

/** With voice stats on, the history reaches this far past the day's end (a call's wrap-up). */
const WRAP_UP_LOOKAHEAD_S = 3600;
/** With voice stats on, a past day is final only this long after it ended (late records). */
const VOICE_FINAL_AFTER_MS = 2 * 3600_000;

const appError = (code: string, kind: AppError['kind'], message: string): AppError => ({
  source: 'app',
  code,
  kind,
  message,
  retryable: false,
});

/** Builds the stats service. */
export function createStatsService(opts: StatsServiceOptions): StatsService {
  const tz = opts.tzOffsetMinutes ?? DEFAULT_TZ_OFFSET_MINUTES;
  const scope = opts.scope ?? '';
  const finalAfterMs = Math.max(
    opts.finalAfterMs ?? 15 * 60_000,
    opts.voice ? VOICE_FINAL_AFTER_MS : 0,
  );
  const lookback = opts.historyLookbackSeconds ?? 86_400;
  const concurrency = Math.max(1, opts.concurrency ?? 3);
  const historyPageSize = Math.max(1, opts.historyPageSize ?? 100);
  const logger = opts.logger ?? silentLogger;
  const cache =
    opts.cache ?? createStatsCache({ dataDir: opts.dataDir, logger, now: () => opts.clock.now() });
  const inflight = new Map<string, Promise<DayStats>>();

  async function fetchInputs(
    day: string,
    isToday: boolean,
    nowSec: number,
  ): Promise<{ inputs: DayInputs; requests: number }> {
    const { from, to } = dayBounds(day, tz);
    const problems: DayProblem[] = [];
    let requests = 0;
    const historyP = opts.ccc.describeStaffStatusHistory({
      staffUserId: opts.agentId,
      startTimestamp: from - lookback,
      endTimestamp: Math.min(opts.voice ? to + WRAP_UP_LOOKAHEAD_S : to, nowSec),
    });
    const voiceP =
      opts.voice?.describeTelCdr({ startTimestamp: from, endTimestamp: Math.min(to, nowSec) }) ??
      null;
    const metricsP = isToday
      ? opts.ccc.describeStaffStatusMetrics({ staffList: [opts.agentId] })
      : null;
    const statsP = opts.desk?.describeAgentStatistics({ fromDay: day, toDay: day }) ?? null;
    const cdrP = opts.desk?.describeImCdrList(day) ?? null;
    const [historyR, metricsR, statsR, cdrR, voiceR] = await Promise.all([
      historyP,
      metricsP,
      statsP,
      cdrP,
      voiceP,
    ]);

    let history: StatusChange[] | null = null;
    // The CCC client pages while a page is full: n rows took floor(n / size) + 1 requests.
    requests += historyR.ok ? Math.floor(historyR.value.value.length / historyPageSize) + 1 : 1;
    if (historyR.ok) {
      history = historyR.value.value.map((h) => ({
        status: h.status,
        reason: h.reason,
        timestamp: h.timestamp,
        duration: h.duration,
        sessionId: h.sessionId,
      }));
    } else problems.push({ part: 'status', error: historyR.error });

    let metrics: DayInputs['metrics'] = null;
    if (metricsR) {
      requests += 1;
      if (!metricsR.ok) problems.push({ part: 'status', error: metricsR.error });
      else {
        metrics = metricsR.value.value.find((m) => m.email === opts.agentId) ?? null;
        if (!metrics) {
          const message = `CCC returned no status for "${opts.agentId}". Check that the agent account in the settings is your CCC login.`;
          problems.push({
            part: 'status',
            error: appError('agent_not_in_metrics', 'config', message),
          });
        }
      }
    }

    let desk: DayInputs['desk'] = null;
    let records: DayInputs['records'] = null;
    if (statsR) {
      if (statsR.ok) {
        requests += statsR.value.reduce((n, d) => n + d.pages, 0);
        desk = { row: statsR.value[0]?.row ?? null };
      } else {
        requests += 1;
        problems.push({ part: 'desk', error: statsR.error });
      }
    }
    if (cdrR) {
      if (cdrR.ok) {
        requests += cdrR.value.pages;
        records = cdrR.value.records;
      } else {
        requests += 1;
        problems.push({ part: 'sessions', error: cdrR.error });
      }
    }
    let voice: DayInputs['voice'] = null;
    if (voiceR) {
      if (voiceR.ok) {
        const { records: calls, pages, skipped } = voiceR.value.value;
        requests += pages;
        voice = extractAgentCalls(calls, opts.agentId, { from, to }, (n) =>
          opts.redactor?.addSecret(n),
        );
        if (skipped > 0) {
          const message = `${skipped} call record(s) of the day did not have the documented fields and are left out of your calls.`;
          problems.push({
            part: 'voice',
            error: appError('tel_cdr_skipped', 'bad_response', message),
          });
        }
      } else {
        requests += 1;
        problems.push({ part: 'voice', error: voiceR.error });
      }
    }
    return {
      inputs: { day, tzOffsetMinutes: tz, metrics, history, desk, records, voice, problems },
      requests,
    };
  }

  /** A cached day is usable when it has every part that is configured now. */
  const usable = (c: CachedDay): boolean =>
    (!opts.desk || (c.desk !== null && c.records !== null)) && (!opts.voice || c.voice != null);

  async function loadDay(day: string): Promise<DayStats> {
    const now = opts.clock.now();
    const nowSec = Math.floor(now / 1000);
    const { from, to } = dayBounds(day, tz);
    const isToday = nowSec >= from && nowSec <= to;
    const final = !isToday && (to + 1) * 1000 + finalAfterMs <= now;
    const key = { scope, agentId: opts.agentId, day, tzOffsetMinutes: tz };
    if (final) {
      const hit = await cache.get(key);
      if (hit && usable(hit)) {
        return buildDayStats(cachedDayInputs(hit), {
          nowMs: now,
          fetchedAtMs: hit.fetchedAtMs,
          final: true,
          fromCache: true,
        });
      }
    }
    const { inputs, requests } = await fetchInputs(day, isToday, nowSec);
    const complete =
      inputs.history !== null &&
      (!opts.desk || (inputs.desk !== null && inputs.records !== null)) &&
      (!opts.voice || (inputs.voice != null && !inputs.problems?.some((p) => p.part === 'voice')));
    if (final && complete && inputs.history) {
      const put = await cache.put({
        ...key,
        fetchedAtMs: now,
        history: inputs.history,
        desk: inputs.desk,
        records: inputs.records,
        voice: inputs.voice ?? null,
      });
      if (!put.ok) logger.log('warn', 'stats day not cached', { day, code: put.error.code });
    }
    return buildDayStats(inputs, {
      nowMs: now,
      fetchedAtMs: now,
      final: final && complete,
      requests,
    });
  }

  function day(dayKey: string): Promise<DayStats> {
    const running = inflight.get(dayKey);
    if (running) return running;
    const p = loadDay(dayKey).finally(() => inflight.delete(dayKey));
    inflight.set(dayKey, p);
    return p;
  }

  /** A valid day key that is not in the future, or the error to return. */
  function checkDay(dayKey: string): AppError | null {
    if (!isDayKey(dayKey))
      return appError('bad_day', 'bad_input', `"${dayKey}" is not a date (YYYY-MM-DD).`);
    if (dayKey > dayKeyAt(opts.clock.now(), tz)) {
      return appError('future_day', 'bad_input', `${dayKey} has not happened yet.`);
    }
    return null;
  }

  return {
    async getDay(dayKey) {
      const bad = checkDay(dayKey);
      return bad ? err(bad) : ok(await day(dayKey));
    },
    getToday: () => day(dayKeyAt(opts.clock.now(), tz)),
    async getWeek(o = {}) {
      const endDay = o.endDay ?? dayKeyAt(opts.clock.now(), tz);
      const bad = checkDay(endDay);
      if (bad) return err(bad);
      const n = Math.max(1, Math.min(31, Math.floor(o.days ?? 7)));
      const keys = daysInRange(addDays(endDay, -(n - 1)), endDay);
      const results: DayStats[] = new Array<DayStats>(keys.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < keys.length) {
          const i = next++;
          results[i] = await day(keys[i]!);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
      return ok(buildWeekTrend(results, tz));
    },
  };
}
