import { commonEn, commonZh } from './common';
import { trayEn, trayZh } from './tray';
import { uiEn, uiZh } from './ui';
import { voiceEn, voiceZh } from './voice';

/**
 * The one string catalogue for tray, menus, notifications and the renderer (English and
 * Simplified Chinese). Add strings to a namespace file and register it in both maps below.
 */

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

const en = { ...commonEn, ...uiEn, ...voiceEn, ...trayEn };
export type MessageKey = keyof typeof en;
const zh: Record<MessageKey, string> = { ...commonZh, ...uiZh, ...voiceZh, ...trayZh };

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zh };

/** Picks a supported locale from a system locale tag (`zh-Hans-CN` -> `zh-CN`, else `en`). */
export function resolveLocale(setting: 'system' | Locale, systemLocale: string): Locale {
  if (setting !== 'system') return setting;
  return /^zh\b/i.test(systemLocale) ? 'zh-CN' : 'en';
}

/** Translates a key, replacing `{name}` placeholders. Unknown placeholders stay visible. */
export function translate(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = catalogues[locale][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

/** Every key of the catalogue (tests check both languages cover all of them). */
export const MESSAGE_KEYS = Object.keys(en) as MessageKey[];
