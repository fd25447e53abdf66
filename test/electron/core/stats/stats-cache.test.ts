import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStatsCache, type CachedDay } from '../../../../electron/core/stats/stats-cache';
import { agentStatisticsRowSchema } from '../../../../electron/core/api/desk-types';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stats-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (day: string, over: Partial<CachedDay> = {}): CachedDay => ({
  scope: '1400000000',
  agentId: 'a@x',
  day,
  tzOffsetMinutes: 480,
  fetchedAtMs: 1,
  history: [{ status: 'free', reason: '', timestamp: 100, duration: null }],
  desk: { row: agentStatisticsRowSchema.parse({ AgentId: 'a@x', TotalSessionCnt: 3 }) },
  records: [],
  ...over,
});
const key = (day: string, tz = 480, agentId = 'a@x') => ({
  scope: '1400000000',
  agentId,
  day,
  tzOffsetMinutes: tz,
});

describe('stats cache', () => {
  it('round-trips through the file, keyed by agent, day and time zone', async () => {
    const a = createStatsCache({ dataDir: join(dir, 'nested') });
    expect((await a.put(entry('2025-01-13'))).ok).toBe(true);
    const b = createStatsCache({ dataDir: join(dir, 'nested') });
    expect((await b.get(key('2025-01-13')))?.desk?.row?.TotalSessionCnt).toBe(3);
    expect(await b.get(key('2025-01-13', 0))).toBeNull();
    expect(await b.get(key('2025-01-13', 480, 'b@x'))).toBeNull();
    expect(await b.get(key('2025-01-12'))).toBeNull();
    // Written atomically: no temp file left behind.
    expect((await readdir(join(dir, 'nested'))).sort()).toEqual(['stats-cache.json']);
  });

  it.each([
    ['not JSON', '{"version":1,"days":[{"scope"'],
    ['wrong schema', JSON.stringify({ version: 1, days: [{ day: 'yesterday' }] })],
    ['other version', JSON.stringify({ version: 2, days: [] })],
    ['empty file', ''],
  ])('sets a corrupt file aside (%s) and carries on empty', async (_name, text) => {
    await writeFile(join(dir, 'stats-cache.json'), text);
    const c = createStatsCache({ dataDir: dir, now: () => 42 });
    expect(await c.get(key('2025-01-13'))).toBeNull();
    const files = await readdir(dir);
    expect(files).toContain('stats-cache.json.corrupt-42');
    expect((await c.put(entry('2025-01-13'))).ok).toBe(true);
    const saved = JSON.parse(await readFile(join(dir, 'stats-cache.json'), 'utf8')) as {
      days: unknown[];
    };
    expect(saved.days).toHaveLength(1);
  });

  it('keeps only the most recent days', async () => {
    const c = createStatsCache({ dataDir: dir, maxEntries: 2 });
    for (const d of ['2025-01-10', '2025-01-12', '2025-01-11']) await c.put(entry(d));
    const again = createStatsCache({ dataDir: dir });
    expect(await again.get(key('2025-01-10'))).toBeNull();
    expect(await again.get(key('2025-01-11'))).not.toBeNull();
    expect(await again.get(key('2025-01-12'))).not.toBeNull();
  });

  it('serialises concurrent writes so none is lost', async () => {
    const c = createStatsCache({ dataDir: dir });
    const days = Array.from({ length: 7 }, (_, i) => `2025-01-0${i + 1}`);
    const results = await Promise.all(days.map((d) => c.put(entry(d))));
    expect(results.every((r) => r.ok)).toBe(true);
    const again = createStatsCache({ dataDir: dir });
    for (const d of days) expect(await again.get(key(d))).not.toBeNull();
  });

  it('reports a write failure as a value, not a throw', async () => {
    const blocker = join(dir, 'file');
    await writeFile(blocker, 'x');
    const c = createStatsCache({ dataDir: join(blocker, 'sub') });
    const r = await c.put(entry('2025-01-13'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/could not be saved/);
    expect(await c.get(key('2025-01-13'))).not.toBeNull(); // still served from memory
  });

  it('refuses an invalid entry', async () => {
    const c = createStatsCache({ dataDir: dir });
    await mkdir(dir, { recursive: true });
    const r = await c.put(entry('13/01/2025'));
    expect(r.ok).toBe(false);
  });
});
