import { describe, expect, it } from 'vitest';
import { MESSAGE_KEYS, resolveLocale, translate } from '../../shared/i18n';

describe('i18n catalogue', () => {
  it('has a non-empty Chinese string for every key that has English text', () => {
    for (const key of MESSAGE_KEYS) {
      if (translate('en', key) !== '') expect(translate('zh-CN', key), key).not.toBe('');
    }
  });

  it('translates statuses in both languages', () => {
    expect(translate('en', 'status.rest')).toBe('Break');
    expect(translate('zh-CN', 'status.rest')).toBe('小休');
  });

  it('resolves the system locale', () => {
    expect(resolveLocale('system', 'zh-Hans-CN')).toBe('zh-CN');
    expect(resolveLocale('system', 'zh-TW')).toBe('zh-CN');
    expect(resolveLocale('system', 'en-GB')).toBe('en');
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
  });
});
