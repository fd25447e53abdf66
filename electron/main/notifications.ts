import { Notification, type ActivationArguments } from 'electron';
import type { NotificationIntent } from '../core/notify/notification-policy';
import type { Logger } from '../core/ports';
import type { TrayAction } from '../core/tray/tray-model';

/**
 * Shows the core's notification intents as native notifications. A click runs the intent's click
 * action (normally: open the window); on macOS the intent's buttons (e.g. "Back to Available")
 * become notification actions. Live notifications are kept referenced so their handlers survive
 * garbage collection; one with the same id replaces the previous one.
 * Windows: a toast clicked in Action Center after it timed out has no live object any more, so
 * every activation comes through `Notification.handleActivation`, matched to a recent intent by its
 * id (the toast's tag); an activation that matches none opens the window.
 * A notification that fails to show (macOS refuses them for unsigned builds) is reported through
 * `onFailed`, so the window can say so.
 */

/** What the notifier shows: the core's intents, or a notice main raises itself (same shape). */
export type NativeNotice = Omit<NotificationIntent, 'kind' | 'atMs'> & { kind: string };

export interface Notifier {
  show(intent: NativeNotice): void;
  /** Closes every notification still on screen. */
  dispose(): void;
}

/** Keep at most this many notifications (and, on Windows, activatable intents) referenced. */
const MAX_LIVE = 20;

const remember = <V>(map: Map<string, V>, id: string, value: V): void => {
  map.delete(id);
  map.set(id, value);
  while (map.size > MAX_LIVE) map.delete(map.keys().next().value as string);
};

/** Creates the notifier for a platform. */
export function createNotifier(deps: {
  platform: NodeJS.Platform;
  onAction(action: TrayAction): void;
  logger: Logger;
  /** A notification could not be shown (the OS refused it). */
  onFailed?(): void;
}): Notifier {
  const live = new Map<string, Notification>();
  const windows = deps.platform === 'win32';
  /** Windows: recent intents, kept after their toast closed (Action Center keeps the toast). */
  const recent = new Map<string, NativeNotice>();

  const forget = (id: string, n: Notification) => {
    if (live.get(id) === n) live.delete(id);
  };
  const choose = (intent: NativeNotice, index: number | undefined): TrayAction => {
    const button = index === undefined ? undefined : intent.actions[index];
    return button ? button.action : intent.click;
  };

  if (windows) {
    Notification.handleActivation((details: ActivationArguments) => {
      const intent = [...recent.values()].reverse().find((n) => details.arguments.includes(n.id));
      deps.logger.log('info', 'notifications: activated', {
        type: details.type,
        matched: intent?.kind ?? null,
      });
      if (!intent) return deps.onAction({ type: 'open', view: 'status' });
      deps.onAction(choose(intent, details.type === 'action' ? details.actionIndex : undefined));
    });
  }

  return {
    show(intent) {
      if (!Notification.isSupported()) {
        deps.logger.log('info', 'notifications: not supported here', { kind: intent.kind });
        return;
      }
      live.get(intent.id)?.close();
      const buttons = deps.platform === 'darwin' ? intent.actions : [];
      const n = new Notification({
        id: intent.id,
        title: intent.title,
        body: intent.body,
        actions: buttons.map((a) => ({ type: 'button' as const, text: a.label })),
      });
      // On Windows handleActivation covers clicks, also those on live toasts.
      if (!windows) {
        n.on('click', () => {
          forget(intent.id, n);
          deps.onAction(intent.click);
        });
        n.on('action', (_event, index: number) => {
          forget(intent.id, n);
          deps.onAction(choose(intent, index));
        });
      }
      n.on('close', () => forget(intent.id, n));
      n.on('failed', (_event, error: string) => {
        forget(intent.id, n);
        deps.logger.log('warn', 'notifications: failed to show', { kind: intent.kind, error });
        deps.onFailed?.();
      });
      remember(live, intent.id, n);
      if (windows) remember(recent, intent.id, intent);
      n.show();
    },
    dispose() {
      for (const n of live.values()) n.close();
      live.clear();
      recent.clear();
    },
  };
}
