import type { EventName, EventPayload } from '../../../shared/ipc-contract';
import { isRedactingLogger, type SecretRedactor } from '../logger';
import type { NotificationIntent } from '../notify/notification-policy';
import type { Logger } from '../ports';

/**
 * The app core's three outgoing streams: IPC events (for the window), "the tray model changed"
 * (for the tray glue) and notification intents (for the notifier). A listener that throws is
 * logged and never stops the others. Notifications raised before anyone listens (a settings file
 * reset at start-up) are kept (at most 10) and handed to the first subscriber.
 * Like IPC replies (ipc-handlers.ts), events and notifications leave the core only after a check
 * against every registered secret (when the logger is a redacting one): an API error text that
 * echoes a token or a UserSig is redacted before it reaches the window or the OS.
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
  const redactor: SecretRedactor | null = isRedactingLogger(logger) ? logger : null;
  /** The value itself, or (when it holds a registered secret) a copy with every string redacted. */
  const scrub = <T>(what: string, value: T): T => {
    if (!redactor) return value;
    let text: string;
    try {
      text = JSON.stringify(value) ?? '';
    } catch {
      return value;
    }
    if (!redactor.containsSecret(text)) return value;
    logger.log('error', 'app: an outgoing event carried a secret: redacted', { event: what });
    const walk = (v: unknown, depth: number): unknown => {
      if (typeof v === 'string') return redactor.redact(v);
      if (depth > 20 || v === null || typeof v !== 'object') return v;
      if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, depth + 1)]));
    };
    return walk(value, 0) as T;
  };
  const add = <T>(set: Set<T>, l: T): (() => void) => {
    set.add(l);
    return () => set.delete(l);
  };

  return {
    emit(name, payload) {
      const safe = scrub(name, payload);
      for (const l of [...events]) call(name, () => l(name, safe));
    },
    subscribe: (l) => add(events, l),
    trayChanged() {
      for (const l of [...tray]) call('tray', l);
    },
    onTrayChanged: (l) => add(tray, l),
    notify(intents) {
      for (const intent of intents) {
        const n = scrub(`notification ${intent.kind}`, intent);
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
