import type { EventName, EventPayload } from '../../../shared/ipc-contract';
import type { NotificationIntent } from '../notify/notification-policy';
import type { Logger } from '../ports';

/**
 * The app core's three outgoing streams: IPC events (for the window), "the tray model changed"
 * (for the tray glue) and notification intents (for the notifier). A listener that throws is
 * logged and never stops the others. Notifications raised before anyone listens (a settings file
 * reset at start-up) are kept (at most 10) and handed to the first subscriber.
 */

export type AppEventListener = (name: EventName, payload: EventPayload<EventName>) => void;

export interface EventHub {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: AppEventListener): () => void;
  trayChanged(): void;
  onTrayChanged(listener: () => void): () => void;
  notify(intents: readonly NotificationIntent[]): void;
  onNotification(listener: (n: NotificationIntent) => void): () => void;
  clear(): void;
}

/** Creates the hub. */
export function createEventHub(logger: Logger): EventHub {
  const events = new Set<AppEventListener>();
  const tray = new Set<() => void>();
  const notifications = new Set<(n: NotificationIntent) => void>();
  const early: NotificationIntent[] = [];

  const call = (what: string, fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      logger.log('error', `app: ${what} listener threw`, { error: String(e) });
    }
  };
  const add = <T>(set: Set<T>, l: T): (() => void) => {
    set.add(l);
    return () => set.delete(l);
  };

  return {
    emit(name, payload) {
      for (const l of [...events]) call(name, () => l(name, payload));
    },
    subscribe: (l) => add(events, l),
    trayChanged() {
      for (const l of [...tray]) call('tray', l);
    },
    onTrayChanged: (l) => add(tray, l),
    notify(intents) {
      for (const n of intents) {
        if (notifications.size === 0) {
          early.push(n);
          if (early.length > 10) early.shift();
        }
        for (const l of [...notifications]) call('notification', () => l(n));
      }
    },
    onNotification(l) {
      const off = add(notifications, l);
      for (const n of early.splice(0)) call('notification', () => l(n));
      return off;
    },
    clear() {
      events.clear();
      tray.clear();
      notifications.clear();
      early.length = 0;
    },
  };
}
