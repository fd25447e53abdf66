import { translate, type Locale } from '../../../shared/i18n';
import type { StatusSnapshot } from '../../../shared/snapshot';
import { takesReason, type DisplayStatus } from '../../../shared/vocabulary';

/**
 * Small formatting shared by the tray model and the notification policy, so a status reads the
 * same in the menu, the tooltip and a notification.
 */

/** Local wall-clock time `HH:MM` (24 h) of an epoch-ms instant, in the machine's time zone. */
export function formatClockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** The localized name of a status (`Break`, `小休`). */
export function statusLabel(locale: Locale, status: DisplayStatus): string {
  return translate(locale, `status.${status}`);
}

/** `Phone inbound` / `Chat` while busy; null when there is nothing to say. */
export function channelLabel(locale: Locale, snapshot: StatusSnapshot): string | null {
  if (snapshot.status !== 'busy' || !snapshot.statusExtra) return null;
  const channel = translate(locale, `channel.${snapshot.statusExtra.type}`);
  const direction = translate(locale, `direction.${snapshot.statusExtra.direction}`);
  return direction ? `${channel} ${direction}` : channel;
}

/** What qualifies the status: the break / not-ready reason, or the call's channel while busy. */
export function statusDetail(locale: Locale, snapshot: StatusSnapshot): string | null {
  if (takesReason(snapshot.status) && snapshot.reason.trim()) {
    return snapshot.reason.trim();
  }
  return channelLabel(locale, snapshot);
}
