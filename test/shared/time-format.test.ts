import { describe, expect, it } from 'vitest';
import { elapsedSince, formatDuration, formatTotal } from '../../shared/time-format';

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [1000, '0:01'],
    [12 * 60_000 + 4000, '12:04'],
    [3600_000, '1:00:00'],
    [3600_000 + 65_000, '1:01:05'],
    [-5000, '0:00'],
    [Number.NaN, '0:00'],
  ])('%d ms -> %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('formatTotal', () => {
  it.each([
    [0, '0s'],
    [59, '59s'],
    [60, '1m'],
    [7500, '2h 05m'],
  ])('%d s -> %s', (s, text) => expect(formatTotal(s)).toBe(text));
});

describe('elapsedSince', () => {
  it('is zero when unknown or in the future', () => {
    expect(elapsedSince(null, 10)).toBe(0);
    expect(elapsedSince(20, 10)).toBe(0);
    expect(elapsedSince(10, 25)).toBe(15);
  });
});
