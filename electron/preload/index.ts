import { contextBridge, ipcRenderer } from 'electron';
import { RENDERER_API_GLOBAL } from '../../shared/ipc-channels';
import { buildRendererApi, type Invoke, type Subscribe } from '../../shared/renderer-api';

/**
 * The page's only door to main, exposed as `window.ccc`: the API shared/renderer-api.ts builds
 * (one named method per contract channel, one `on<Event>` per event) over Electron's transport.
 * No ipcRenderer and no generic invoke reach the page; listeners receive the payload only (never
 * Electron's event object) and get an unsubscribe function back. Runs sandboxed: bundled to
 * CommonJS with nothing but `electron` left to require, and no zod (main validates every call).
 */

/** A request over ipcRenderer; a channel without input is invoked with no argument. */
const invoke: Invoke = (channel, input) =>
  input === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, input);

/** An ipcRenderer subscription that drops Electron's event object. */
const subscribe: Subscribe = (event, listener) => {
  const wrapped = (_event: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => {
    ipcRenderer.removeListener(event, wrapped);
  };
};

/** The object exposed to the page (exported for tests). */
export const api = buildRendererApi(invoke, subscribe);

contextBridge.exposeInMainWorld(RENDERER_API_GLOBAL, api);
