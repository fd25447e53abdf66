import { describe, expect, it } from 'vitest';
import { MESSAGE_KEYS, resolveLocale, translate } from '../../shared/i18n';
import { TEL_END_STATUSES, CALL_OUTCOMES } from '../../shared/tel-cdr-vocabulary';
import { VOICE_KPI_DEFINITIONS } from '../../electron/core/stats/voice-kpi-definitions';

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

  it('names every call end status and outcome, and says the voice KPIs as the core defines them', () => {
    const keys = new Set<string>(MESSAGE_KEYS);
    for (const s of TEL_END_STATUSES) expect(keys.has(`telEnd.${s.name}`), s.name).toBe(true);
    for (const o of CALL_OUTCOMES) expect(keys.has(`callOutcome.${o}`), o).toBe(true);
    for (const d of Object.values(VOICE_KPI_DEFINITIONS)) {
      expect(translate('en', `kpi.${d.id}` as never)).toBe(d.label);
      expect(translate('en', `kpi.${d.id}.def` as never)).toBe(d.definition);
    }
  });
});
