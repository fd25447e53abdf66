import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayBounds,
  dayKeyAt,
  dayStartMs,
  daysInRange,
  isDayKey,
  lastDays,
} from '../../shared/day-key';
import { dayKeySchema } from '../../shared/stats-dto';

describe('account day (time zone of the account, not the machine)', () => {
  it('matches the desk docs example: 2025-01-13 00:00 UTC+8 is 1736697600', () => {
    expect(dayBounds('2025-01-13', 480)).toEqual({ from: 1736697600, to: 1736783999 });
    expect(dayBounds('2025-01-14', 480).to).toBe(1736870399);
  });

  it('puts instants on the account day at the boundaries', () => {
    const from = 1736697600;
    expect(dayKeyAt(from * 1000, 480)).toBe('2025-01-13');
    expect(dayKeyAt(from * 1000 - 1, 480)).toBe('2025-01-12');
    expect(dayKeyAt((from + 86_399) * 1000 + 999, 480)).toBe('2025-01-13');
    // The same instant is a different day in UTC and in UTC-5.
    expect(dayKeyAt(from * 1000, 0)).toBe('2025-01-12');
    expect(dayKeyAt(from * 1000, -300)).toBe('2025-01-12');
    expect(dayBounds('2025-01-13', -300).from).toBe(Date.UTC(2025, 0, 13, 5) / 1000);
    expect(dayBounds('2025-01-13', 345).from).toBe(Date.UTC(2025, 0, 12, 18, 15) / 1000);
  });

  it('walks days across month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysInRange('2024-12-30', '2025-01-02')).toEqual([
      '2024-12-30',
      '2024-12-31',
      '2025-01-01',
      '2025-01-02',
    ]);
    expect(lastDays(Date.UTC(2025, 0, 1, 16, 30), 3, 480)).toEqual([
      '2024-12-31',
      '2025-01-01',
      '2025-01-02',
    ]);
    expect(isDayKey('2025-02-29')).toBe(false);
    expect(isDayKey('2025-1-01')).toBe(false);
    expect(isDayKey('2024-02-29')).toBe(true);
  });
});

describe('day keys shared by the core and the window', () => {
  it('starts a day at the same instant the core bounds it, in ms', () => {
    expect(dayStartMs('2025-01-13', 480)).toBe(1736697600 * 1000);
    expect(dayStartMs('2025-01-13', -300)).toBe(Date.UTC(2025, 0, 13, 5));
    expect(dayKeyAt(dayStartMs('2025-03-30', 60), 60)).toBe('2025-03-30');
    expect(dayKeyAt(dayStartMs('2025-03-30', 60) - 1, 60)).toBe('2025-03-29');
  });

  it('refuses what is not a day key, the schema by shape and the maths by throwing', () => {
    expect(() => addDays('yesterday', 1)).toThrow(RangeError);
    expect(() => dayBounds('2025-1-1', 480)).toThrow(RangeError);
    expect(dayKeySchema.safeParse('2025-01-13').success).toBe(true);
    expect(dayKeySchema.safeParse('2025-1-13').success).toBe(false);
    expect(dayKeySchema.safeParse('2025-01-13T00:00').success).toBe(false);
  });
});
