import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { silentLogger, type Logger } from '../ports';
import { err, ok, type AppError, type Result } from '../../../shared/result';
import { agentStatisticsRowSchema, imCdrRecordSchema } from '../api/desk-types';
import type { DayInputs } from './day-model';
import { agentCallSchema } from './voice-day';

/**
 * A small on-disk cache of PAST days' inputs (a past day never changes): one JSON file under the
 * app's data folder, validated with zod on load, written atomically (temp file + rename). A
 * corrupt or unreadable file is set aside and the days are fetched again; it never crashes.
 * Entries are keyed by scope (account) + agent + day + time zone.
 */

const statusChangeSchema = z.object({
  status: z.string(),
  reason: z.string(),
  timestamp: z.number().int(),
  duration: z.number().nullable(),
  /** The session a busy / wrap-up row belongs to (matches wrap-ups to calls). */
  sessionId: z.string().nullable().optional(),
});

const cachedDaySchema = z.object({
  scope: z.string(),
  agentId: z.string(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  tzOffsetMinutes: z.number().int(),
  fetchedAtMs: z.number(),
  history: z.array(statusChangeSchema),
  /** null: the desk was not configured when the day was fetched. */
  desk: z.object({ row: agentStatisticsRowSchema.nullable() }).nullable(),
  records: z.array(imCdrRecordSchema).nullable(),
  /** The agent's calls (numbers masked); null or absent: voice stats were off. */
  voice: z.array(agentCallSchema).nullable().optional(),
});
/** One cached past day: everything fetched for it. */
export type CachedDay = z.infer<typeof cachedDaySchema>;

const fileSchema = z.object({ version: z.literal(1), days: z.array(cachedDaySchema) });

/** What identifies a cached day. */
export interface CacheKey {
  scope: string;
  agentId: string;
  day: string;
  tzOffsetMinutes: number;
}

/** The cache the stats service uses. Never throws. */
export interface StatsCache {
  get(key: CacheKey): Promise<CachedDay | null>;
  put(entry: CachedDay): Promise<Result<void>>;
  /** Where the file lives (tests, diagnostics). */
  readonly filePath: string;
}

export interface StatsCacheOptions {
  dataDir: string;
  fileName?: string;
  /** Keep at most this many days (the most recent). Default 90. */
  maxEntries?: number;
  logger?: Logger;
  /** Used for the name of a set-aside corrupt file. */
  now?: () => number;
}

const keyOf = (k: CacheKey): string =>
  JSON.stringify([k.scope, k.agentId, k.day, k.tzOffsetMinutes]);

const cacheError = (message: string): AppError => ({
  source: 'app',
  code: 'stats_cache_write',
  kind: 'unknown',
  message,
  retryable: true,
});

/** The cached inputs as the day model takes them. */
export function cachedDayInputs(c: CachedDay): DayInputs {
  return {
    day: c.day,
    tzOffsetMinutes: c.tzOffsetMinutes,
    metrics: null,
    history: c.history,
    desk: c.desk,
    records: c.records,
    voice: c.voice ?? null,
  };
}

/** Opens (lazily) the cache file under `dataDir`. */
export function createStatsCache(opts: StatsCacheOptions): StatsCache {
  const filePath = join(opts.dataDir, opts.fileName ?? 'stats-cache.json');
  const logger = opts.logger ?? silentLogger;
  const maxEntries = opts.maxEntries ?? 90;
  const now = opts.now ?? Date.now;
  let entries: Map<string, CachedDay> | null = null;
  let loading: Promise<Map<string, CachedDay>> | null = null;
  let writeChain: Promise<unknown> = Promise.resolve();

  async function setAside(reason: string): Promise<void> {
    const aside = `${filePath}.corrupt-${now()}`;
    logger.log('warn', 'stats cache unreadable; setting it aside and refetching', { reason });
    try {
      await rename(filePath, aside);
    } catch {
      // Could not move it: the next successful write replaces it anyway.
    }
  }

  async function load(): Promise<Map<string, CachedDay>> {
    const map = new Map<string, CachedDay>();
    let text: string;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        logger.log('warn', 'stats cache could not be read', {
          code: (e as NodeJS.ErrnoException).code,
        });
      }
      return map;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      await setAside('not JSON');
      return map;
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) {
      await setAside('schema mismatch');
      return map;
    }
    for (const d of parsed.data.days) map.set(keyOf(d), d);
    return map;
  }

  async function ensure(): Promise<Map<string, CachedDay>> {
    if (entries) return entries;
    loading ??= load().then((m) => (entries = m));
    return loading;
  }

  async function persist(map: Map<string, CachedDay>): Promise<Result<void>> {
    const days = [...map.values()]
      .sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0))
      .slice(0, maxEntries);
    if (days.length < map.size) {
      map.clear();
      for (const d of days) map.set(keyOf(d), d);
    }
    const tmp = `${filePath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(opts.dataDir, { recursive: true });
      await writeFile(tmp, JSON.stringify({ version: 1, days }), 'utf8');
      await rename(tmp, filePath);
      return ok(undefined);
    } catch (e) {
      await unlink(tmp).catch(() => {});
      const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
      logger.log('warn', 'stats cache could not be written', { code });
      return err(
        cacheError(
          `The stats cache could not be saved (${code}); past days will be fetched again.`,
        ),
      );
    }
  }

  return {
    filePath,
    async get(key) {
      const map = await ensure();
      return map.get(keyOf(key)) ?? null;
    },
    async put(entry) {
      const checked = cachedDaySchema.safeParse(entry);
      if (!checked.success)
        return err(
          cacheError('A day could not be cached (invalid data); it will be fetched again.'),
        );
      const map = await ensure();
      map.set(keyOf(checked.data), checked.data);
      const result = writeChain.then(() => persist(map));
      writeChain = result.catch(() => undefined);
      return result;
    },
  };
}
