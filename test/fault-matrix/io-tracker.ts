import { subscribe } from 'node:diagnostics_channel';

/**
 * Counts undici requests in flight in this process, from undici's own diagnostics channels
 * (`undici:request:create` / `:trailers` / `:error`). The matrix driver moves the fake clock only
 * while no request is on the wire, so a real loopback round trip always completes "instantly" in
 * fake time and no request deadline (which runs on the fake clock) fires by accident.
 */

interface Tracked {
  request: object;
}

const inFlight = new Set<object>();
let errored = 0;
let installed = false;

/** Subscribes once per process; later calls are no-ops. */
export function installIoTracker(): void {
  if (installed) return;
  installed = true;
  subscribe('undici:request:create', (m) => {
    inFlight.add((m as Tracked).request);
  });
  subscribe('undici:request:trailers', (m) => {
    inFlight.delete((m as Tracked).request);
  });
  subscribe('undici:request:error', (m) => {
    if (inFlight.delete((m as Tracked).request)) errored += 1;
  });
}

/** Requests sent and not yet answered completely (nor failed). */
export function requestsInFlight(): number {
  return inFlight.size;
}

/** Requests that ended in an error (aborted by a deadline, reset, refused) since the process began. */
export function requestsErrored(): number {
  return errored;
}
