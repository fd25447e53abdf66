import { z } from 'zod';
import { DEFAULT_TZ_OFFSET_MINUTES } from './day-key';
import { UPDATE_CHANNELS } from './update';
import { DATA_CENTRES, LIMITS as L } from './vocabulary';

/**
 * Non-secret settings: stored as JSON in the app's data folder (never a secret here: keys live in
 * the OS keychain). Every field has a default, so an empty or partial file parses to a full value.
 * Bounds and data centres come from the vocabulary (shared/vocabulary.ts), as the forms' do.
 */

export const breakReasonSchema = z.object({
  id: z.string().min(L.breakReasonId.min).max(L.breakReasonId.max),
  /** Sent to CCC as `Reason`; must match a reason the admin configured. */
  label: z.string().trim().min(L.breakReasonLabel.min).max(L.breakReasonLabel.max),
  /** Notify when a break with this reason runs longer; null = no limit. */
  limitMinutes: z
    .number()
    .int()
    .min(L.breakLimitMinutes.min)
    .max(L.breakLimitMinutes.max)
    .nullable(),
});
export type BreakReason = z.infer<typeof breakReasonSchema>;

/** CCC SdkAppId, IM SDKAppID. */
const appId = z.number().int().min(L.appId.min).max(L.appId.max);

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');

export const settingsSchema = z.object({
  account: z
    .object({
      sdkAppId: appId.nullable().default(null),
      /** The agent's own account (the email CCC knows them by). */
      agentId: z.string().trim().max(L.agentId.max).default(''),
      endpoint: z.enum(['mainland', 'international', 'custom']).default('mainland'),
      /** Used only with endpoint 'custom' (a proxy, or the local simulator). */
      customBaseUrl: httpUrl.nullable().default(null),
      apiLanguage: z.enum(['zh-CN', 'en-US']).default('en-US'),
    })
    .prefault({}),
  desk: z
    .object({
      enabled: z.boolean().default(false),
      dataCentre: z.enum(DATA_CENTRES).default('china'),
      customBaseUrl: httpUrl.nullable().default(null),
      imSdkAppId: appId.nullable().default(null),
      adminIdentifier: z.string().trim().max(L.adminIdentifier.max).default('administrator'),
      /** 'key': generate UserSig from the IM key in the keychain; 'pasted': a pasted UserSig. */
      userSigMode: z.enum(['key', 'pasted']).default('pasted'),
      /** The account's time zone as minutes east of UTC: day boundaries for stats. */
      timeZoneOffsetMinutes: z
        .number()
        .int()
        .min(L.timeZoneOffsetMinutes.min)
        .max(L.timeZoneOffsetMinutes.max)
        .default(DEFAULT_TZ_OFFSET_MINUTES),
    })
    .prefault({}),
  voice: z
    .object({
      /**
       * Opt-in: voice KPIs and calls from the call records. DescribeTelCdr has no agent filter,
       * so this downloads the WHOLE contact centre's call records of each day shown.
       */
      enabled: z.boolean().default(false),
    })
    .prefault({}),
  polling: z
    .object({
      visibleSeconds: z
        .number()
        .int()
        .min(L.visibleSeconds.min)
        .max(L.visibleSeconds.max)
        .default(5),
      hiddenSeconds: z.number().int().min(L.hiddenSeconds.min).max(L.hiddenSeconds.max).default(30),
      /** Hint: how many agents share this account's API key (spreads the shared rate limit). */
      teamSize: z.number().int().min(L.teamSize.min).max(L.teamSize.max).nullable().default(null),
    })
    .prefault({}),
  breakReasons: z
    .array(breakReasonSchema)
    .min(L.breakReasons.min)
    .max(L.breakReasons.max)
    .default([
      { id: 'lunch', label: 'Lunch', limitMinutes: 60 },
      { id: 'break', label: 'Break', limitMinutes: 15 },
      { id: 'meeting', label: 'Meeting', limitMinutes: null },
      { id: 'training', label: 'Training', limitMinutes: null },
    ]),
  defaultBreakReasonId: z.string().default('break'),
  /** Electron accelerator toggling available <-> default break; empty string = none. */
  shortcut: z.string().max(L.shortcut.max).default('CommandOrControl+Alt+B'),
  notifications: z
    .object({
      breakOverLimit: z.boolean().default(true),
      drift: z.boolean().default(true),
      connection: z.boolean().default(true),
      credentials: z.boolean().default(true),
    })
    .prefault({}),
  lockBreak: z
    .object({
      /** Opt-in: go on a break when the screen locks; offer available on unlock. */
      enabled: z.boolean().default(false),
      reasonId: z.string().default('break'),
    })
    .prefault({}),
  language: z.enum(['system', 'en', 'zh-CN']).default('system'),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  launchAtLogin: z.boolean().default(false),
  /** macOS: show the timer next to the tray icon in the menu bar. */
  menuBarTimer: z.boolean().default(false),
  updates: z
    .object({
      /** Which release line to follow (an IT policy may fix it, or turn updates off). */
      channel: z.enum(UPDATE_CHANNELS).default('stable'),
    })
    .prefault({}),
  /** Demo mode: a local simulator instead of a real account. */
  demoMode: z.boolean().default(false),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Full default settings. */
export const defaultSettings = (): Settings => settingsSchema.parse({});

/** Non-secret view of the stored credentials: all the renderer may ever learn about them. */
export const credentialStatusSchema = z.object({
  ccc: z.object({
    set: z.boolean(),
    /** First characters of the SecretId (e.g. `AKIDz8kr…`), never the SecretKey. */
    secretIdPrefix: z.string().nullable(),
    temporary: z.boolean(),
    /** Temporary credentials' expiry, local epoch ms. */
    expiresAtMs: z.number().nullable(),
  }),
  desk: z.object({
    set: z.boolean(),
    mode: z.enum(['key', 'pasted']).nullable(),
    /** Pasted UserSig expiry, local epoch ms. */
    userSigExpiresAtMs: z.number().nullable(),
    userSigIdentifier: z.string().nullable(),
  }),
});
export type CredentialStatus = z.infer<typeof credentialStatusSchema>;
