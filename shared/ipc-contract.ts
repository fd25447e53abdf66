import { z } from 'zod';
import { HELP_TOPICS, type Channel, type EventName, type IpcResult } from './ipc-channels';
import { changeOutcomeSchema, driftEventSchema, statusSnapshotSchema } from './snapshot';
import { credentialStatusSchema, settingsSchema } from './settings';
import { shellStateSchema } from './shell';
import { dayKeySchema, dayStatsSchema, weekTrendSchema } from './stats-dto';
import { LIMITS as L, SECRET_ID_PATTERN, SETTABLE_STATUSES, VIEWS } from './vocabulary';

/**
 * The one IPC contract between main and renderer: the schemas of the names in
 * shared/ipc-channels.ts. Every channel (`domain:verb`) has an input and an output schema; the
 * core's guard validates both (electron/core/app/operation-guard.ts), the preload exposes one
 * named method per channel, and the browser preview's bridge speaks the same contract. Secrets
 * only ever travel renderer -> main (credentials:save*), never back.
 */

const none = z.undefined();

/** Input of credentials:saveCcc. Temporary (STS) credentials carry a token and an expiry. */
export const cccCredentialsInputSchema = z.object({
  secretId: z
    .string()
    .trim()
    .min(L.secretId.min)
    .max(L.secretId.max)
    .regex(SECRET_ID_PATTERN, 'letters and digits only'),
  secretKey: z.string().trim().min(L.secretKey.min).max(L.secretKey.max),
  token: z.string().trim().min(L.securityToken.min).max(L.securityToken.max).optional(),
  expiresAtMs: z.number().int().positive().optional(),
});

export const deskCredentialsInputSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('key'), imKey: z.string().trim().min(L.imKey.min).max(L.imKey.max) }),
  z.object({
    mode: z.literal('pasted'),
    userSig: z.string().trim().min(L.userSig.min).max(L.userSig.max),
  }),
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

/** Every request channel with its schemas. */
export const ipcContract = {
  'status:get': { input: none, output: statusSnapshotSchema },
  'status:set': {
    input: z.object({
      status: z.enum(SETTABLE_STATUSES),
      reason: z.string().trim().max(L.breakReasonLabel.max).optional(),
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
} as const satisfies { [C in Channel]: { input: z.ZodType; output: z.ZodType } };

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
  'app:navigate': z.object({ view: z.enum(VIEWS) }),
} as const satisfies { [E in EventName]: z.ZodType };

export type EventPayload<E extends EventName> = z.output<(typeof ipcEvents)[E]>;

/** The core's operations: one per channel, over parsed input (a missing one is a compile error). */
export type IpcHandlers = {
  [C in Channel]: (
    input: z.output<(typeof ipcContract)[C]['input']>,
  ) => Promise<IpcResult<ChannelOutput<C>>>;
};

export type { Channel, EventName, IpcResult } from './ipc-channels';
