import { Notification } from 'electron';
import type { NotificationIntent } from '../core/notify/notification-policy';
import type { Logger } from '../core/ports';
import type { TrayAction } from '../core/tray/tray-model';

/**
 * Shows the core's notification intents as native notifications. A click runs the intent's click
 * action (normally: open the window); on macOS the intent's buttons (e.g. "Back to Available")
 * become notification actions. Windows and Linux notifications get no buttons from Electron's
 * plain API, so there the click is the way in. Live notifications are kept referenced so their
 * handlers survive garbage collection; one with the same id replaces the previous one.
 */

/** What the notifier shows: the core's intents, or a notice main raises itself (same shape). */
export type NativeNotice = Omit<NotificationIntent, 'kind' | 'atMs'> & { kind: string };

export interface Notifier {
  show(intent: NativeNotice): void;
  /** Closes every notification still on screen. */
  dispose(): void;
}

/** Keep at most this many notifications referenced. */
const MAX_LIVE = 20;

/** Creates the notifier for a platform. */
export function createNotifier(deps: {
  platform: NodeJS.Platform;
  onAction(action: TrayAction): void;
  logger: Logger;
}): Notifier {
  const live = new Map<string, Notification>();

  const forget = (id: string, n: Notification) => {
    if (live.get(id) === n) live.delete(id);
  };

  return {
    show(intent) {
      if (!Notification.isSupported()) {
        deps.logger.log('info', 'notifications: not supported here', { kind: intent.kind });
        return;
      }
      live.get(intent.id)?.close();
      const buttons = deps.platform === 'darwin' ? intent.actions : [];
      const n = new Notification({
        title: intent.title,
        body: intent.body,
        actions: buttons.map((a) => ({ type: 'button' as const, text: a.label })),
      });
      n.on('click', () => {
        forget(intent.id, n);
        deps.onAction(intent.click);
      });
      n.on('action', (_event, index: number) => {
        forget(intent.id, n);
        const chosen = buttons[index];
        if (chosen) deps.onAction(chosen.action);
      });
      n.on('close', () => forget(intent.id, n));
      n.on('failed', (_event, error: string) => {
        forget(intent.id, n);
        deps.logger.log('warn', 'notifications: failed to show', { kind: intent.kind, error });
      });
      live.set(intent.id, n);
      while (live.size > MAX_LIVE) {
        const oldest = live.keys().next().value as string;
        live.delete(oldest);
      }
      n.show();
    },
    dispose() {
      for (const n of live.values()) n.close();
      live.clear();
    },
  };
}
