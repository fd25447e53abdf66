import { translate, type Locale } from '../../shared/i18n';
import type { Settings } from '../../shared/settings';
import type { Logger } from '../core/ports';
import { applyLaunchAtLogin } from './login-item';
import type { NativeNotice } from './notifications';
import type { GlobalShortcutController } from './shortcut';

/**
 * Applies the settings that live in the OS rather than in the core: the global break shortcut
 * (re-registered when it changes; a failed registration is logged and shown once as a
 * notification) and launch at login (set when it changes).
 */
export function createSettingsEffects(deps: {
  shortcut: GlobalShortcutController;
  platform: NodeJS.Platform;
  locale(): Locale;
  notify(notice: NativeNotice): void;
  logger: Logger;
}): { apply(settings: Settings): void } {
  let reportedFailure: string | null = null;
  let launchAtLogin: boolean | null = null;

  return {
    apply(settings) {
      const result = deps.shortcut.apply(settings.shortcut);
      if (result.ok) {
        reportedFailure = null;
      } else {
        const key = `${result.accelerator}:${result.reason}`;
        if (key !== reportedFailure) {
          reportedFailure = key;
          deps.logger.log('warn', 'shortcut: registration failed', {
            accelerator: result.accelerator,
            reason: result.reason,
          });
          const locale = deps.locale();
          deps.notify({
            id: `shortcutFailed:${key}`,
            kind: 'shortcutFailed',
            title: translate(locale, 'notify.shortcutFailed.title'),
            body: translate(locale, `notify.shortcutFailed.${result.reason}`, {
              shortcut: result.accelerator,
            }),
            actions: [
              {
                id: 'openSettings',
                label: translate(locale, 'notify.action.openSettings'),
                action: { type: 'open', view: 'settings' },
              },
            ],
            click: { type: 'open', view: 'settings' },
          });
        }
      }
      if (settings.launchAtLogin !== launchAtLogin) {
        launchAtLogin = settings.launchAtLogin;
        applyLaunchAtLogin(settings.launchAtLogin, deps.platform);
      }
    },
  };
}
