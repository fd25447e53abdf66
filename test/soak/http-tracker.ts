import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/**
 * Counts the undici requests in flight (through undici's diagnostics channels, so no client
 * needs a hook) and waits for real I/O to finish: tests on a fake clock use it to know when
 * loopback answers are all in before moving time on.
 */

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Starts counting; `dispose()` stops. `counts` splits CCC (POST /) from desk (/v4/...) requests. */
export function httpTracker() {
  let inflight = 0;
  let wake: (() => void) | null = null;
  const counts = { ccc: 0, desk: 0 };
  const onCreate = (m: unknown): void => {
    inflight += 1;
    const path = (m as { request: { path: string } }).request.path;
    if (path.startsWith('/v4/')) counts.desk += 1;
    else counts.ccc += 1;
  };
  const onDone = (): void => {
    inflight -= 1;
    if (inflight === 0) wake?.();
  };
  subscribe('undici:request:create', onCreate);
  subscribe('undici:request:trailers', onDone);
  subscribe('undici:request:error', onDone);
  return {
    counts,
    /** Resolves once no request is in flight and a few event-loop turns stayed quiet. */
    async settle(): Promise<void> {
      const started = Date.now();
      for (let quiet = 0; quiet < 3;) {
        if (inflight > 0) {
          quiet = 0;
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 50).unref(); // re-check, never hang on a lost event
          });
          wake = null;
          if (Date.now() - started > 30_000) throw new Error('settle: a request never finished');
          continue;
        }
        await turn();
        quiet = inflight === 0 ? quiet + 1 : 0;
      }
    },
    /**
     * Awaits `call`, moving `clock` on to its next timer whenever no request is in flight and
     * the call still waits (a retry back-off, a deadline): real I/O first, then simulated time.
     */
    async drive<T>(call: Promise<T>, clock: { runNextAsync(): Promise<boolean> }): Promise<T> {
      let done = false;
      call.then(
        () => (done = true),
        () => (done = true),
      );
      const started = Date.now();
      for (;;) {
        await this.settle();
        if (done) return call;
        if (!(await clock.runNextAsync())) await new Promise((r) => setTimeout(r, 5));
        if (Date.now() - started > 30_000) throw new Error('drive: the call never finished');
      }
    },
    /** Requests in flight right now. */
    inflight: () => inflight,
    dispose() {
      unsubscribe('undici:request:create', onCreate);
      unsubscribe('undici:request:trailers', onDone);
      unsubscribe('undici:request:error', onDone);
    },
  };
}
