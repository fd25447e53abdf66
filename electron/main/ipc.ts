import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import {
  ipcContract,
  ipcEvents,
  type Channel,
  type EventName,
  type IpcHandlers,
  type IpcResult,
} from '../../shared/ipc-contract';
import type { Logger } from '../core/ports';
import { isTrustedSender, type AppOrigin } from './security';

/**
 * The one place IPC is registered. Every channel of the contract goes through the same guard:
 * the sender must be the top frame of the app's own page (URL parsed, see security.ts), the input
 * must parse with the channel's schema, and a handler that throws becomes `{ ok:false, 'internal' }`
 * (logged without the input or the error text, which may carry secrets). Never throws to the page.
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

/** A readable, value-free summary of schema issues (paths and messages only, never the input). */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
  return `Invalid request: ${parts.join('; ')}`.slice(0, 300);
}

/** Runs one call through the guard. Exported for tests of the guard in isolation. */
export async function guardedCall(
  channel: Channel,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  raw: unknown,
  deps: { handlers: IpcHandlers; origin: AppOrigin; logger: Logger },
): Promise<IpcResult<unknown>> {
  const frame = event.senderFrame;
  if (!isTrustedSender(frame, deps.origin)) {
    deps.logger.log('warn', 'ipc: call from an untrusted frame refused', {
      channel,
      from: describeUrl(frame?.url),
    });
    return {
      ok: false,
      code: 'forbidden_sender',
      message: 'This request did not come from the app.',
    };
  }
  const parsed = ipcContract[channel].input.safeParse(raw);
  if (!parsed.success) {
    deps.logger.log('warn', 'ipc: bad input', { channel, issues: parsed.error.issues.length });
    return { ok: false, code: 'bad_input', message: describeIssues(parsed.error) };
  }
  try {
    const handler = deps.handlers[channel] as (input: unknown) => Promise<IpcResult<unknown>>;
    return await handler(parsed.data);
  } catch (error: unknown) {
    deps.logger.log('error', 'ipc: handler failed', {
      channel,
      error: error instanceof Error ? error.name : typeof error,
      // Stack frames only: the first line repeats the message, which may quote an input.
      stack: error instanceof Error ? error.stack?.split('\n').slice(1, 6).join('\n') : undefined,
    });
    return {
      ok: false,
      code: 'internal',
      message: 'Something went wrong inside the app. The details are in the log file.',
    };
  }
}

/** Registers every contract channel with `ipcMain.handle`; returns a function removing them all. */
export function registerIpc(deps: {
  handlers: IpcHandlers;
  origin: AppOrigin;
  logger: Logger;
}): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, raw: unknown) => guardedCall(channel, event, raw, deps));
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
    const win = getWindow();
    if (!win || win.isDestroyed()) return;
    win.webContents.send(name, payload);
  });
}
