import { DEFAULT_TZ_OFFSET_MINUTES } from '../../shared/day-key';
import { resolveLocale, type Locale } from '../../shared/i18n';
import type { AppState } from './types';

/** Selectors shared by several components. Each returns a primitive, so components re-render only on change. */

/** The UI language: the explicit setting, else the one main resolved from the system. */
export function selectLocale(s: AppState): Locale {
  const setting = s.settings?.language ?? 'system';
  if (setting !== 'system') return setting;
  return s.appInfo?.locale ?? resolveLocale('system', navigator.language);
}

/** The theme setting ('system' follows prefers-color-scheme). */
export const selectTheme = (s: AppState): 'system' | 'light' | 'dark' =>
  s.settings?.theme ?? 'system';

/** Whether the app runs against the local simulator. */
export const selectDemo = (s: AppState): boolean =>
  s.appInfo?.demo === true || s.settings?.demoMode === true;

/** True while no account is connected and demo mode is off: the first-run screen shows. */
export const selectFirstRun = (s: AppState): boolean =>
  s.snapshot?.connection === 'unconfigured' && !selectDemo(s);

/** The account's time zone (minutes east of UTC): day boundaries of the stats. */
export const selectZoneOffset = (s: AppState): number =>
  s.settings?.desk.timeZoneOffsetMinutes ?? DEFAULT_TZ_OFFSET_MINUTES;
