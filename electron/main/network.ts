import { net } from 'electron';
import { systemTimers, type Timers } from '../core/ports';

/**
 * Tells the core when the OS says the network went away or came back, so the engine slows to an
 * offline probe and refreshes at once when back online. The main process has no online/offline
 * event, so this asks `net.isOnline()` every few seconds (a cheap local check, no traffic) and
 * reports changes only. Returns a function that stops it.
 */
export function watchNetwork(
  onChange: (online: boolean) => void,
  opts: { intervalMs?: number; timers?: Timers } = {},
): () => void {
  const timers = opts.timers ?? systemTimers;
  const intervalMs = opts.intervalMs ?? 5_000;
  let last = net.isOnline();
  let stopped = false;
  let handle = timers.setTimeout(function check() {
    if (stopped) return;
    const now = net.isOnline();
    if (now !== last) {
      last = now;
      onChange(now);
    }
    handle = timers.setTimeout(check, intervalMs);
  }, intervalMs);
  return () => {
    stopped = true;
    timers.clearTimeout(handle);
  };
}
