import { describe, expect, it } from 'vitest';
import type {
  DescribeTelCdrInput,
  TelCdrApi,
  TelCdrRecord,
} from '../../../../electron/core/api/tel-cdr-types';
import { createTelCdrSync } from '../../../../electron/core/stats/tel-cdr-sync';
import { err, ok, type AppError } from '../../../../shared/result';
import { FakeClock } from '../../../helpers/fake-clock';

const T0 = 1_741_600_000; // epoch s
const rec = (id: string, time: number): TelCdrRecord => ({
  sessionId: id,
  time,
  direction: 'in',
  caller: '',
  callee: '',
  duration: 0,
  endStatus: 1,
  endStatusString: 'ok',
  startAt: time,
  queuedAt: null,
  ringAt: null,
  acceptAt: null,
  endedAt: null,
  hungUpSide: '',
  skillGroupId: null,
  skillGroup: '',
  seatUser: null,
  participants: [],
});

/** A call-record service: each record is readable from `arrivesAt` (its call's end + a delay). */
function fakeApi(clock: FakeClock) {
  const rows: { record: TelCdrRecord; arrivesAt: number }[] = [];
  const asked: DescribeTelCdrInput[] = [];
  let failNext: AppError | null = null;
  const api: TelCdrApi = {
    async describeTelCdr(input) {
      asked.push(input);
      if (failNext) {
        const e = failNext;
        failNext = null;
        return err(e);
      }
      const now = clock.now() / 1000;
      const records = rows
        .filter(
          (r) =>
            r.arrivesAt <= now &&
            r.record.time >= input.startTimestamp &&
            r.record.time <= input.endTimestamp,
        )
        .map((r) => r.record);
      return ok({
        value: {
          records,
          totalCount: records.length,
          pages: Math.max(1, Math.ceil(records.length / 100)),
          skipped: 0,
        },
        requestId: 'r',
        serverDate: null,
      });
    },
  };
  return {
    api,
    asked,
    add: (id: string, startS: number, arrivesAfterS: number) =>
      rows.push({ record: rec(id, startS), arrivesAt: startS + arrivesAfterS }),
    fail: (e: AppError) => (failNext = e),
  };
}

describe('the call-record sliding window', () => {
  it('reads the widest due window each tick, and catches a record that arrives hours late', async () => {
    const clock = new FakeClock(T0 * 1000);
    const f = fakeApi(clock);
    const sync = createTelCdrSync({ api: f.api, clock });
    f.add('short', T0 + 10, 5 * 60); // a 5-minute call: the 30-minute window sees it
    f.add('long', T0 + 20, 50 * 60); // arrives after 50 minutes: only the 4-hour window does
    const windows: (number | null)[] = [];
    for (let m = 0; m < 61; m++) {
      const t = await sync.tick();
      expect(t.ok).toBe(true);
      windows.push(t.ok && t.value.window ? t.value.window.to - t.value.window.from : null);
      if (m === 10) expect(sync.records(T0, T0 + 3600).map((r) => r.sessionId)).toEqual(['short']);
      clock.advance(60_000);
    }
    // Minute 0 and 15, 30, 45, 60: the 4-hour window; every other minute the 30-minute one.
    expect(windows.filter((w) => w === 4 * 3600)).toHaveLength(5);
    expect(windows.filter((w) => w === 30 * 60)).toHaveLength(56);
    expect(sync.records(T0, T0 + 3600).map((r) => r.sessionId)).toEqual(['short', 'long']);
    expect(sync.totals()).toMatchObject({ ticks: 61, records: 2 });
  });

  it('does nothing when no tier is due, and says when the next one is', async () => {
    const clock = new FakeClock(T0 * 1000);
    const f = fakeApi(clock);
    const sync = createTelCdrSync({ api: f.api, clock });
    await sync.tick();
    clock.advance(20_000);
    const idle = await sync.tick();
    expect(idle.ok && idle.value).toMatchObject({ window: null, requests: 0 });
    expect(f.asked).toHaveLength(1);
    expect(sync.dueInSeconds()).toBe(40);
  });

  it('the first tick reads from startAt (the day so far), then the tiers take over', async () => {
    const clock = new FakeClock((T0 + 10 * 3600) * 1000);
    const f = fakeApi(clock);
    const sync = createTelCdrSync({ api: f.api, clock, startAt: T0 });
    await sync.tick();
    expect(f.asked[0]).toEqual({ startTimestamp: T0, endTimestamp: T0 + 10 * 3600 });
    clock.advance(60_000);
    await sync.tick();
    expect(f.asked[1]!.endTimestamp - f.asked[1]!.startTimestamp).toBe(30 * 60);
  });

  it('a failed read changes nothing and is tried again at the next tick', async () => {
    const clock = new FakeClock(T0 * 1000);
    const f = fakeApi(clock);
    const sync = createTelCdrSync({ api: f.api, clock });
    f.add('a', T0 - 60, 0);
    f.fail({
      source: 'ccc',
      code: 'RequestLimitExceeded',
      kind: 'rate_limit',
      message: 'busy',
      retryable: true,
    });
    const failed = await sync.tick();
    expect(failed).toMatchObject({ ok: false, error: { code: 'RequestLimitExceeded' } });
    expect(sync.records(0, T0 * 2)).toEqual([]);
    expect(sync.dueInSeconds()).toBe(0);
    const again = await sync.tick();
    expect(again.ok && again.value).toMatchObject({ added: 1, window: { to: T0 } });
  });

  it('counts a record read again as updated only when it changed, and drops old ones', async () => {
    const clock = new FakeClock(T0 * 1000);
    const f = fakeApi(clock);
    const sync = createTelCdrSync({
      api: f.api,
      clock,
      retainSeconds: 3600,
      tiers: [{ everySeconds: 60, lookbackSeconds: 7200 }],
    });
    f.add('a', T0 - 100, 0);
    expect((await sync.tick()).ok).toBe(true);
    clock.advance(60_000);
    const same = await sync.tick();
    expect(same.ok && same.value).toMatchObject({ added: 0, updated: 0, read: 1 });
    clock.advance(3600_000);
    await sync.tick();
    expect(sync.records(0, T0 * 2)).toEqual([]); // began more than an hour ago
  });

  it('answers reads it covers from the store, without a request; others go to the fallback', async () => {
    const clock = new FakeClock((T0 + 5 * 3600) * 1000);
    const f = fakeApi(clock);
    f.add('a', T0 + 60, 0);
    f.add('b', T0 + 3600, 0);
    const sync = createTelCdrSync({ api: f.api, clock, startAt: T0 });
    const fallback = fakeApi(clock);
    fallback.add('old', T0 - 86_400, 0);
    const api = sync.asApi(fallback.api);
    // Before the first tick nothing is covered.
    await api.describeTelCdr({ startTimestamp: T0, endTimestamp: T0 + 7200 });
    expect(fallback.asked).toHaveLength(1);
    await sync.tick();
    const asked = f.asked.length;
    const r = await api.describeTelCdr({ startTimestamp: T0, endTimestamp: T0 + 7200 });
    expect(r.ok && r.value.value.records.map((x) => x.sessionId)).toEqual(['a', 'b']);
    expect(r.ok && r.value.value.pages).toBe(0);
    expect(f.asked).toHaveLength(asked);
    // A range that starts before what was synced, or a filtered read, is the fallback's.
    const older = await api.describeTelCdr({ startTimestamp: T0 - 86_400, endTimestamp: T0 });
    expect(older.ok && older.value.value.records.map((x) => x.sessionId)).toEqual(['old']);
    await api.describeTelCdr({ startTimestamp: T0, endTimestamp: T0 + 60, sessionIds: ['a'] });
    expect(fallback.asked).toHaveLength(3);
  });
});
