import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  API_EVENTS as E,
  API_METHODS as M,
  RENDERER_API_GLOBAL,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type EventName,
  type EventPayload,
  type IpcResult,
  type RendererApi,
} from '../../shared/ipc-contract';

/**
 * The page's only door to main: one named method per contract channel and one `on<Event>` per
 * event, exposed as `window.ccc`. No ipcRenderer and no generic invoke reach the page; listeners
 * receive the payload only (never Electron's event object) and get an unsubscribe function back.
 * Runs sandboxed: bundled to CommonJS with nothing but `electron` left to require.
 */

function invoke<C extends Channel>(
  channel: C,
  input?: ChannelInput<C>,
): Promise<IpcResult<ChannelOutput<C>>> {
  return input === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, input);
}

function subscribe<N extends EventName>(
  channel: N,
  listener: (payload: EventPayload<N>) => void,
): () => void {
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  const wrapped = (_event: IpcRendererEvent, payload: EventPayload<N>) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

/** The object exposed to the page (exported for tests); `satisfies` keeps it exactly the contract. */
export const api = {
  getStatus: () => invoke(M.getStatus),
  setStatus: (input) => invoke(M.setStatus, input),
  cancelPending: () => invoke(M.cancelPending),
  undo: () => invoke(M.undo),
  refresh: () => invoke(M.refresh),
  setVisibility: (input) => invoke(M.setVisibility, input),
  getAppInfo: () => invoke(M.getAppInfo),
  openHelp: (input) => invoke(M.openHelp, input),
  getShellState: () => invoke(M.getShellState),
  restartToUpdate: () => invoke(M.restartToUpdate),
  getDayStats: (input) => invoke(M.getDayStats, input),
  getWeekTrend: (input) => invoke(M.getWeekTrend, input),
  getSettings: () => invoke(M.getSettings),
  updateSettings: (input) => invoke(M.updateSettings, input),
  getCredentialStatus: () => invoke(M.getCredentialStatus),
  saveCccCredentials: (input) => invoke(M.saveCccCredentials, input),
  saveDeskCredentials: (input) => invoke(M.saveDeskCredentials, input),
  testConnection: () => invoke(M.testConnection),
  signOut: () => invoke(M.signOut),
  startDemo: () => invoke(M.startDemo),
  stopDemo: () => invoke(M.stopDemo),
  onStatusChanged: (listener) => subscribe(E.onStatusChanged, listener),
  onDrift: (listener) => subscribe(E.onDrift, listener),
  onOutcome: (listener) => subscribe(E.onOutcome, listener),
  onSettingsChanged: (listener) => subscribe(E.onSettingsChanged, listener),
  onCredentialsChanged: (listener) => subscribe(E.onCredentialsChanged, listener),
  onNavigate: (listener) => subscribe(E.onNavigate, listener),
  onShellChanged: (listener) => subscribe(E.onShellChanged, listener),
} satisfies RendererApi;

contextBridge.exposeInMainWorld(RENDERER_API_GLOBAL, api);
