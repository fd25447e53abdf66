import { useCallback } from 'react';
import { MESSAGE_KEYS, translate, type Locale, type MessageKey } from '../../shared/i18n';
import { useApp } from '../store/store-context';
import { selectLocale } from '../store/selectors';

/** A translate function bound to the current locale. */
export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

const known = new Set<string>(MESSAGE_KEYS);

/** Whether a key built at run time (e.g. `kpi.<id>`) exists in the catalogue. */
export function hasMessage(key: string): key is MessageKey {
  return known.has(key);
}

/** The current UI locale (re-renders only when it changes). */
export function useLocale(): Locale {
  return useApp(selectLocale);
}

/** Translate with the current locale; stable until the locale changes. */
export function useT(): T {
  const locale = useLocale();
  return useCallback<T>((key, params) => translate(locale, key, params), [locale]);
}
