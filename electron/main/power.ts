import { powerMonitor } from 'electron';

/**
 * Maps the OS power and session events to the core: sleep/wake (polling pauses and resyncs) and
 * screen lock/unlock (the optional lock-screen break). Returns a function removing the listeners.
 */

/** The power events the core understands. */
export const POWER_EVENTS = ['suspend', 'resume', 'lock-screen', 'unlock-screen'] as const;
export type PowerEventKind = (typeof POWER_EVENTS)[number];

/** Subscribes `onEvent` to every power event. */
export function watchPower(onEvent: (kind: PowerEventKind) => void): () => void {
  const listeners = POWER_EVENTS.map((kind) => {
    const listener = () => onEvent(kind);
    // Electron's overloads are per event name; every one of these has no arguments we need.
    powerMonitor.on(kind as 'suspend', listener);
    return [kind, listener] as const;
  });
  return () => {
    for (const [kind, listener] of listeners)
      powerMonitor.removeListener(kind as 'suspend', listener);
  };
}
