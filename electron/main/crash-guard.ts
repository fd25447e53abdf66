import { app, crashReporter, type WebContents } from 'electron';
import type { Clock, Logger } from '../core/ports';

/**
 * What happens when something breaks in main or in the window. Crash dumps are written locally
 * (app.getPath('crashDumps')) and never uploaded. An uncaught error or unhandled rejection in main
 * is logged and the app keeps running (the tray stays: an agent relies on it); a window whose
 * renderer died is reloaded, at most RELOAD_LIMIT times in RELOAD_WINDOW_MS, then left for the
 * agent to reopen from the tray.
 */

export const RELOAD_LIMIT = 3;
export const RELOAD_WINDOW_MS = 10 * 60_000;

const describe = (e: unknown) =>
  e instanceof Error
    ? {
        name: e.name,
        message: e.message.slice(0, 300),
        at: e.stack?.split('\n')[1]?.trim() ?? null,
      }
    : { name: typeof e, message: String(e).slice(0, 300), at: null };

/** Local crash dumps; call before the app is ready. */
export function startCrashReporter(): void {
  crashReporter.start({ uploadToServer: false });
}

/** Logs uncaught errors, unhandled rejections and dead child processes; returns a stop function. */
export function installProcessGuards(logger: Logger): () => void {
  const onError = (e: unknown) => logger.log('error', 'main: uncaught exception', describe(e));
  const onRejection = (e: unknown) => logger.log('error', 'main: unhandled rejection', describe(e));
  const onChildGone = (
    _event: unknown,
    details: { type: string; reason: string; exitCode: number },
  ) => logger.log('warn', 'main: a child process went away', details);
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onRejection);
  app.on('child-process-gone', onChildGone);
  return () => {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onRejection);
    app.removeListener('child-process-gone', onChildGone);
  };
}

/** Reloads the page when its renderer process dies (not on a clean exit), within the limit. */
export function reloadOnRendererGone(
  contents: WebContents,
  deps: { clock: Clock; logger: Logger },
): void {
  const reloads: number[] = [];
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const now = deps.clock.now();
    while (reloads.length > 0 && now - reloads[0]! > RELOAD_WINDOW_MS) reloads.shift();
    const fields = { reason: details.reason, exitCode: details.exitCode };
    if (reloads.length >= RELOAD_LIMIT || contents.isDestroyed()) {
      deps.logger.log('error', 'window: the page keeps crashing, not reloading again', fields);
      return;
    }
    reloads.push(now);
    deps.logger.log('warn', 'window: the page crashed, reloading', fields);
    contents.reload();
  });
}
