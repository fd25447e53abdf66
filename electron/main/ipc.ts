import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import {
  ipcContract,
  ipcEvents,
  type Channel,
  type EventName,
  type EventPayload,
} from '../../shared/ipc-contract';
import type { IpcResult } from '../../shared/ipc-channels';
import type { GuardedHandlers } from '../core/app/operation-guard';
import type { Logger } from '../core/ports';
import { isTrustedSender, type AppOrigin } from './security';

/**
 * The one place IPC is registered, and the one file that may use `ipcMain` and
 * `webContents.send` (an ESLint rule keeps it so). Electron's own check is done here: the sender
 * must be the top frame of the app's own page (URL parsed, see security.ts). Everything else
 * (input and output parsing, errors, secrets) is the core's guard (core/app/operation-guard.ts),
 * which the handlers already are. Never throws to the page.
 */

const CHANNELS = Object.keys(ipcContract) as Channel[];

/** Describes where a rejected call came from without logging full URLs (queries may carry data). */
function describeUrl(url: string | undefined): string {
  if (!url) return 'none';
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : u.protocol;
  } catch {
    return 'unparseable';
  }
}

/** Runs one call from a frame: refused unless it is the app's own page, else the guarded handler. */
function callFromFrame(
  channel: Channel,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  raw: unknown,
  deps: { handlers: GuardedHandlers; origin: AppOrigin; logger: Logger },
): Promise<IpcResult<unknown>> {
  const frame = event.senderFrame;
  if (!isTrustedSender(frame, deps.origin)) {
    deps.logger.log('warn', 'ipc: call from an untrusted frame refused', {
      channel,
      from: describeUrl(frame?.url),
    });
    return Promise.resolve({
      ok: false,
      code: 'forbidden_sender',
      message: 'This request did not come from the app.',
    });
  }
  return deps.handlers[channel](raw);
}

/** Registers every contract channel with `ipcMain.handle`; returns a function removing them all. */
export function registerIpc(deps: {
  handlers: GuardedHandlers;
  origin: AppOrigin;
  logger: Logger;
}): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, raw: unknown) => callFromFrame(channel, event, raw, deps));
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** What the forwarder needs of a window: its webContents, and whether it is gone. */
export interface EventTarget {
  isDestroyed(): boolean;
  webContents: { send(channel: string, payload: unknown): void };
}

/**
 * Forwards core events to the window while it exists (none is queued: on open the renderer asks
 * for current state). Unknown event names are dropped. Returns the unsubscribe function.
 */
export function forwardEvents(
  subscribe: (listener: (name: EventName, payload: unknown) => void) => () => void,
  getWindow: () => EventTarget | null,
): () => void {
  return subscribe((name, payload) => {
    if (!Object.hasOwn(ipcEvents, name)) return;
    sendToWindow(getWindow(), name, payload as EventPayload<typeof name>);
  });
}

/** Sends one main -> renderer event of the contract to a window, if it is still there. */
export function sendToWindow<E extends EventName>(
  win: EventTarget | null,
  name: E,
  payload: EventPayload<E>,
): void {
  if (!win || win.isDestroyed()) return;
  win.webContents.send(name, payload);
}
