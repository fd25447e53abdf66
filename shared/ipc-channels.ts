/**
 * The names of the IPC contract, with no zod: every request channel (`domain:verb`) with the
 * renderer-facing method that calls it, every main -> renderer event with its subscription name,
 * and the global the page sees. shared/ipc-contract.ts adds a schema to each name (and fails to
 * compile if one is missing or extra); the preload, the preview's bridge client and the renderer
 * import these names from here, so none of them bundles zod.
 */

/** Renderer-facing method name for each channel: the preload exposes exactly these. */
export const API_METHODS = {
  getStatus: 'status:get',
  setStatus: 'status:set',
  cancelPending: 'status:cancelPending',
  undo: 'status:undo',
  refresh: 'status:refresh',
  setVisibility: 'app:visibility',
  getAppInfo: 'app:info',
  openHelp: 'app:openHelp',
  getShellState: 'app:shell',
  restartToUpdate: 'app:restartToUpdate',
  getDayStats: 'stats:day',
  getWeekTrend: 'stats:week',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  getCredentialStatus: 'credentials:status',
  saveCccCredentials: 'credentials:saveCcc',
  saveDeskCredentials: 'credentials:saveDesk',
  testConnection: 'credentials:test',
  signOut: 'credentials:signOut',
  startDemo: 'demo:start',
  stopDemo: 'demo:stop',
} as const;
/** A request channel (renderer -> main, answered with an IpcResult). */
export type Channel = (typeof API_METHODS)[keyof typeof API_METHODS];

/** Renderer-facing subscription name for each event. */
export const API_EVENTS = {
  onStatusChanged: 'status:changed',
  onDrift: 'status:drift',
  onOutcome: 'status:outcome',
  onSettingsChanged: 'settings:changed',
  onCredentialsChanged: 'credentials:changed',
  onNavigate: 'app:navigate',
  onShellChanged: 'app:shellChanged',
} as const;
/** A main -> renderer event. */
export type EventName = (typeof API_EVENTS)[keyof typeof API_EVENTS];

/** What every invoke resolves to: a value, or a code and a human message (never a throw). */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** Codes the IPC layer itself produces (API errors keep their own codes). */
export const IPC_ERROR_CODES = ['bad_input', 'forbidden_sender', 'internal'] as const;

/** Name of the global the preload exposes. */
export const RENDERER_API_GLOBAL = 'ccc';

/** Checks that every channel name follows `domain:verb`. */
export const CHANNEL_NAME_PATTERN = /^[a-z]+:[a-zA-Z]+$/;

/** The help pages the window may ask main to open. */
export const HELP_TOPICS = [
  'cam-policy',
  'temporary-credentials',
  'usersig',
  'ccc-console',
] as const;
