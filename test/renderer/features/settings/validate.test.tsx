import { describe, expect, it } from 'vitest';
import {
  checkExpiry,
  checkInt,
  checkSecretId,
  checkShortcut,
  checkText,
  checkUrl,
} from '../../../../renderer/features/settings/validate';

describe('settings validation', () => {
  it('checks whole numbers and ranges', () => {
    expect(checkInt('12', 1, 20)).toEqual({ ok: true, value: 12 });
    expect(checkInt(' ', 1, 20)).toEqual({ ok: false, error: { key: 'invalid.required' } });
    expect(checkInt('', 1, 20, true)).toEqual({ ok: true, value: null });
    expect(checkInt('1.5', 1, 20)).toEqual({ ok: false, error: { key: 'invalid.integer' } });
    expect(checkInt('abc', 1, 20)).toEqual({ ok: false, error: { key: 'invalid.integer' } });
    expect(checkInt('21', 1, 20)).toEqual({
      ok: false,
      error: { key: 'invalid.range', params: { min: 1, max: 20 } },
    });
    expect(checkInt('-720', -720, 840)).toEqual({ ok: true, value: -720 });
  });

  it('checks text length, URLs and SecretIds', () => {
    expect(checkText('  x  ', 1, 3)).toEqual({ ok: true, value: 'x' });
    expect(checkText('abcd', 1, 3).ok).toBe(false);
    expect(checkUrl('http://127.0.0.1:8080').ok).toBe(true);
    expect(checkUrl('ftp://example.com')).toEqual({ ok: false, error: { key: 'invalid.url' } });
    expect(checkUrl('not a url')).toEqual({ ok: false, error: { key: 'invalid.url' } });
    expect(checkSecretId('AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE').ok).toBe(true);
    expect(checkSecretId('AKID z8kr')).toEqual({ ok: false, error: { key: 'invalid.secretId' } });
    expect(checkSecretId('short')).toEqual({ ok: false, error: { key: 'invalid.secretId' } });
  });

  it('checks the expiry of temporary credentials: a real local date and time, in the future', () => {
    const now = new Date(2026, 10, 20, 10, 0).getTime();
    const dateTime = { ok: false, error: { key: 'invalid.dateTime' } };
    const past = { ok: false, error: { key: 'invalid.expiryPast' } };
    expect(checkExpiry('', now)).toEqual({ ok: true, value: null });
    expect(checkExpiry('2026-11-20T10:30', now)).toEqual({
      ok: true,
      value: new Date(2026, 10, 20, 10, 30).getTime(),
    });
    expect(checkExpiry('2026-11-21T08:05:30', now)).toEqual({
      ok: true,
      value: new Date(2026, 10, 21, 8, 5, 30).getTime(),
    });
    expect(checkExpiry('2026-11-20T10:00', now)).toEqual(past);
    expect(checkExpiry('2026-11-19T23:59', now)).toEqual(past);
    for (const bad of [
      '2026-02-30T10:00',
      '2026-11-20 10:30',
      '2026-11-20T24:00',
      '0050-01-01T00:00',
      'tomorrow',
    ])
      expect(checkExpiry(bad, now), bad).toEqual(dateTime);
    // A half-typed date the browser reports as '' is not "no expiry".
    expect(checkExpiry('', now, true)).toEqual(dateTime);
  });

  it.each([
    ['', true],
    ['CommandOrControl+Alt+B', true],
    ['Ctrl+Shift+F12', true],
    ['F9', true],
    ['Alt+Space', true],
    ['B', false],
    ['Ctrl+', false],
    ['Ctrl+Alt', false],
    ['Hyper+B', false],
    ['Ctrl+Alt+BB', false],
  ])('shortcut %j valid: %s', (raw, valid) => {
    expect(checkShortcut(raw).ok).toBe(valid);
  });
});
