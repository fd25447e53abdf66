import { describe, expect, it } from 'vitest';
import {
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
