import { z } from 'zod';
import { SETTABLE_STATUSES } from './status';
import { changeOutcomeSchema, driftEventSchema, statusSnapshotSchema } from './snapshot';
import { credentialStatusSchema, settingsSchema } from './settings';
import { shellStateSchema } from './shell';
import { dayKeySchema, dayStatsSchema, weekTrendSchema } from './stats-dto';

/**
 * The one IPC contract between main and renderer. Every channel (`domain:verb`) has an input and
 * an output schema; main validates inputs (and tests validate outputs), the preload exposes one
 * named method per channel (`API_METHODS`), and the browser preview's bridge speaks the same
 * contract. Secrets only ever travel renderer -> main (credentials:save*), never back.
 */

const none = z.undefined();

/** Input of credentials:saveCcc. Temporary (STS) credentials carry a token and an expiry. */
export const cccCredentialsInputSchema = z.object({
  secretId: z
    .string()
    .trim()
    .min(8)
    .max(128)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters and digits only'),
  secretKey: z.string().trim().min(8).max(128),
  token: z.string().trim().min(1).max(4096).optional(),
  expiresAtMs: z.number().int().positive().optional(),
});

export const deskCredentialsInputSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('key'), imKey: z.string().trim().min(16).max(256) }),
  z.object({ mode: z.literal('pasted'), userSig: z.string().trim().min(16).max(4096) }),
]);

const checkResultSchema = z.object({
  ok: z.boolean(),
  /** A sentence naming what works or what to fix. */
  message: z.string(),
  code: z.string().optional(),
  requestId: z.string().optional(),
});

export const testConnectionResultSchema = z.object({
  ccc: checkResultSchema,
  /** Null when the desk (daily stats) is not configured. */
  desk: checkResultSchema.nullable(),
});
export type TestConnectionResult = z.infer<typeof testConnectionResultSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
  /** Locale the app resolved ('en' | 'zh-CN'). */
  locale: z.enum(['en', 'zh-CN']),
  demo: z.boolean(),
});

export const HELP_TOPICS = [
  'cam-policy',
  'temporary-credentials',
  'usersig',
  'ccc-console',
] as const;

/** Every request channel with its schemas. */
export const ipcContract = {
  'status:get': { input: none, output: statusSnapshotSchema },
  'status:set': {
    input: z.object({
      status: z.enum(SETTABLE_STATUSES),
      reason: z.string().trim().max(32).optional(),
    }),
    output: changeOutcomeSchema,
  },
  'status:cancelPending': { input: none, output: changeOutcomeSchema },
  'status:undo': { input: none, output: changeOutcomeSchema.nullable() },
  'status:refresh': { input: none, output: statusSnapshotSchema },
  'app:visibility': { input: z.object({ visible: z.boolean() }), output: none },
  'app:info': { input: none, output: appInfoSchema },
  'app:openHelp': { input: z.object({ topic: z.enum(HELP_TOPICS) }), output: none },
  'app:shell': { input: none, output: shellStateSchema },
  /** Installs a downloaded update now (refused while on a call). */
  'app:restartToUpdate': { input: none, output: none },
  'stats:day': { input: z.object({ day: dayKeySchema }), output: dayStatsSchema },
  'stats:week': { input: z.object({ endDay: dayKeySchema.optional() }), output: weekTrendSchema },
  'settings:get': { input: none, output: settingsSchema },
  'settings:update': { input: settingsSchema, output: settingsSchema },
  'credentials:status': { input: none, output: credentialStatusSchema },
  'credentials:saveCcc': { input: cccCredentialsInputSchema, output: credentialStatusSchema },
  'credentials:saveDesk': { input: deskCredentialsInputSchema, output: credentialStatusSchema },
  'credentials:test': { input: none, output: testConnectionResultSchema },
  'credentials:signOut': { input: none, output: credentialStatusSchema },
  'demo:start': { input: none, output: none },
  'demo:stop': { input: none, output: none },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Channel = keyof typeof ipcContract;
export type ChannelInput<C extends Channel> = z.input<(typeof ipcContract)[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<(typeof ipcContract)[C]['output']>;

/** Every main -> renderer event with its payload schema. */
export const ipcEvents = {
  'status:changed': statusSnapshotSchema,
  'status:drift': driftEventSchema,
  'status:outcome': changeOutcomeSchema,
  'settings:changed': settingsSchema,
  'credentials:changed': credentialStatusSchema,
  'app:shellChanged': shellStateSchema,
  /** Main asks the window to show a view (tray "Settings", notification click). */
  'app:navigate': z.object({ view: z.enum(['status', 'stats', 'settings']) }),
} as const satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof ipcEvents;
export type EventPayload<E extends EventName> = z.output<(typeof ipcEvents)[E]>;

/** What every invoke resolves to: a value, or a code and a human message (never a throw). */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** Codes the IPC layer itself produces (API errors keep their own codes). */
export const IPC_ERROR_CODES = ['bad_input', 'forbidden_sender', 'internal'] as const;

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
} as const satisfies Record<string, Channel>;

/** Renderer-facing subscription name for each event. */
export const API_EVENTS = {
  onStatusChanged: 'status:changed',
  onDrift: 'status:drift',
  onOutcome: 'status:outcome',
  onSettingsChanged: 'settings:changed',
  onCredentialsChanged: 'credentials:changed',
  onNavigate: 'app:navigate',
  onShellChanged: 'app:shellChanged',
} as const satisfies Record<string, EventName>;

type MethodOf<C extends Channel> = [ChannelInput<C>] extends [undefined]
  ? () => Promise<IpcResult<ChannelOutput<C>>>
  : (input: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>;

/** The API the page sees as `window.ccc` (the preload `satisfies` it; so does the preview bridge). */
export type RendererApi = {
  [M in keyof typeof API_METHODS]: MethodOf<(typeof API_METHODS)[M]>;
} & {
  [M in keyof typeof API_EVENTS]: (
    listener: (payload: EventPayload<(typeof API_EVENTS)[M]>) => void,
  ) => () => void;
};

/** Name of the global the preload exposes. */
export const RENDERER_API_GLOBAL = 'ccc';

/** Handler map main must implement: one per channel (a missing one is a compile error). */
export type IpcHandlers = {
  [C in Channel]: (
    input: z.output<(typeof ipcContract)[C]['input']>,
  ) => Promise<IpcResult<ChannelOutput<C>>>;
};

/** Checks that every channel name follows `domain:verb`. */
export const CHANNEL_NAME_PATTERN = /^[a-z]+:[a-zA-Z]+$/;
