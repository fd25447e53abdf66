import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../shared/settings';
import { statusDurationsSchema } from '../../shared/snapshot';
import {
  AGENT_STATUSES,
  CONNECTION_STATES,
  DATA_CENTRES,
  DATA_CENTRE_DOMAINS,
  DISPLAY_STATUSES,
  LIMITS,
  ON_CALL_STATUSES,
  RESERVE_FLAGS,
  SETTABLE_STATUSES,
  TIMED_STATUSES,
  canChangeStatus,
  isAgentStatus,
  isOnCall,
  isSettableStatus,
  requestableOnCall,
  reservedStatus,
  settableStatusList,
  takesBreakReason,
  takesReason,
  zeroDurations,
} from '../../shared/vocabulary';
import { checkInt } from '../../renderer/features/settings/validate';

describe('vocabulary: statuses', () => {
  it('derives every list from the one table, in display order', () => {
    expect(AGENT_STATUSES).toEqual([
      'free',
      'busy',
      'afterCallWork',
      'rest',
      'notReady',
      'offline',
    ]);
    expect(SETTABLE_STATUSES).toEqual(['free', 'rest', 'notReady']);
    expect(TIMED_STATUSES).toEqual(['free', 'busy', 'afterCallWork', 'rest', 'notReady']);
    expect(ON_CALL_STATUSES).toEqual(['busy', 'afterCallWork']);
    expect(DISPLAY_STATUSES).toEqual([...AGENT_STATUSES, 'unknown']);
    expect(RESERVE_FLAGS).toEqual({ rest: 'reserveRest', notReady: 'reserveNotReady' });
  });

  it('guards values from the network: prototype names and near misses are not statuses', () => {
    for (const s of AGENT_STATUSES) expect(isAgentStatus(s)).toBe(true);
    for (const v of ['constructor', '__proto__', 'toString', 'Free', 'unknown', '', null, 3]) {
      expect(isAgentStatus(v), String(v)).toBe(false);
      expect(isSettableStatus(v), String(v)).toBe(false);
    }
    expect(['busy', 'afterCallWork', 'offline'].filter(isSettableStatus)).toEqual([]);
    expect(isOnCall('busy')).toBe(true);
    expect(isOnCall('rest')).toBe(false);
    expect(isOnCall('hasOwnProperty')).toBe(false);
  });

  it('says which statuses carry a reason and which take a break reason', () => {
    expect(AGENT_STATUSES.filter(takesReason)).toEqual(['rest', 'notReady']);
    expect(SETTABLE_STATUSES.filter(takesBreakReason)).toEqual(['rest']);
    expect(takesReason('lunch')).toBe(false);
  });

  it('names the reserved status from the snapshot flags, rest first', () => {
    expect(reservedStatus({ reserveRest: false, reserveNotReady: false })).toBeNull();
    expect(reservedStatus({ reserveRest: false, reserveNotReady: true })).toBe('notReady');
    expect(reservedStatus({ reserveRest: true, reserveNotReady: true })).toBe('rest');
    expect(SETTABLE_STATUSES.filter(requestableOnCall)).toEqual(['free', 'rest', 'notReady']);
  });

  it('lists the settable statuses for messages', () => {
    expect(settableStatusList('and')).toBe('free, rest and notReady');
    expect(settableStatusList('or')).toBe('free, rest or notReady');
  });

  it('makes zero durations the snapshot schema accepts, and the schema wants every timed status', () => {
    expect(zeroDurations()).toEqual({
      online: 0,
      free: 0,
      busy: 0,
      afterCallWork: 0,
      rest: 0,
      notReady: 0,
    });
    expect(statusDurationsSchema.safeParse(zeroDurations()).success).toBe(true);
    const { rest: _rest, ...missing } = zeroDurations();
    expect(statusDurationsSchema.safeParse(missing).success).toBe(false);
  });
});

describe('vocabulary: connection, data centres', () => {
  it('allows status changes only with a working account and a known first status', () => {
    expect(CONNECTION_STATES.filter(canChangeStatus)).toEqual(['ok', 'degraded', 'offline']);
  });

  it('has a domain for every data centre the settings accept', () => {
    expect(DATA_CENTRES).toEqual(Object.keys(DATA_CENTRE_DOMAINS));
    const desk = (dataCentre: string) => settingsSchema.safeParse({ desk: { dataCentre } }).success;
    for (const dc of DATA_CENTRES) expect(desk(dc), dc).toBe(true);
    expect(desk('atlantis')).toBe(false);
  });
});

describe('vocabulary: limits are the same for the forms and the schema', () => {
  const numeric: Array<[keyof typeof LIMITS, (n: number) => unknown]> = [
    ['visibleSeconds', (n) => ({ polling: { visibleSeconds: n } })],
    ['hiddenSeconds', (n) => ({ polling: { hiddenSeconds: n } })],
    ['teamSize', (n) => ({ polling: { teamSize: n } })],
    ['timeZoneOffsetMinutes', (n) => ({ desk: { timeZoneOffsetMinutes: n } })],
    ['appId', (n) => ({ account: { sdkAppId: n }, desk: { imSdkAppId: n } })],
    [
      'breakLimitMinutes',
      (n) => ({
        breakReasons: [{ id: 'x', label: 'X', limitMinutes: n }],
        defaultBreakReasonId: 'x',
      }),
    ],
  ];
  it.each(numeric)(
    '%s: a value the form accepts the schema accepts, and the same beyond',
    (key, at) => {
      const { min, max } = LIMITS[key] as { min: number; max: number };
      for (const n of [min, max]) {
        expect(checkInt(String(n), min, max).ok).toBe(true);
        expect(settingsSchema.safeParse(at(n)).success, `${key}=${n}`).toBe(true);
      }
      for (const n of [min - 1, max + 1]) {
        expect(checkInt(String(n), min, max).ok).toBe(false);
        expect(settingsSchema.safeParse(at(n)).success, `${key}=${n}`).toBe(false);
      }
    },
  );
});
