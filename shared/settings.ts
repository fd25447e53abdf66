import { z } from 'zod';
import { UPDATE_CHANNELS } from './update';

/**
 * Non-secret settings: stored as JSON in the app's data folder (never a secret here: keys live in
 * the OS keychain). Every field has a default, so an empty or partial file parses to a full value.
 */

export const DATA_CENTRES = [
  'china',
  'singapore',
  'seoul',
  'frankfurt',
  'mumbai',
  'siliconvalley',
  'jakarta',
] as const;
export type DataCentre = (typeof DATA_CENTRES)[number];

/** IM REST domain per data centre (reference section 3). */
export const DATA_CENTRE_DOMAINS: Record<DataCentre, string> = {
  china: 'console.tim.qq.com',
  singapore: 'adminapisgp.im.qcloud.com',
  seoul: 'adminapikr.im.qcloud.com',
  frankfurt: 'adminapiger.im.qcloud.com',
  mumbai: 'adminapiind.im.qcloud.com',
  siliconvalley: 'adminapiusa.im.qcloud.com',
  jakarta: 'adminapiidn.im.qcloud.com',
};

export const breakReasonSchema = z.object({
  id: z.string().min(1).max(40),
  /** Sent to CCC as `Reason`; must match a reason the admin configured. */
  label: z.string().trim().min(1).max(32),
  /** Notify when a break with this reason runs longer; null = no limit. */
  limitMinutes: z.number().int().min(1).max(480).nullable(),
});
export type BreakReason = z.infer<typeof breakReasonSchema>;

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');

export const settingsSchema = z.object({
  account: z
    .object({
      sdkAppId: z.number().int().positive().nullable().default(null),
      /** The agent's own account (the email CCC knows them by). */
      agentId: z.string().trim().max(128).default(''),
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
      imSdkAppId: z.number().int().positive().nullable().default(null),
      adminIdentifier: z.string().trim().max(64).default('administrator'),
      /** 'key': generate UserSig from the IM key in the keychain; 'pasted': a pasted UserSig. */
      userSigMode: z.enum(['key', 'pasted']).default('pasted'),
      /** The account's time zone as minutes east of UTC: day boundaries for stats. */
      timeZoneOffsetMinutes: z.number().int().min(-720).max(840).default(480),
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
      visibleSeconds: z.number().int().min(2).max(300).default(5),
      hiddenSeconds: z.number().int().min(5).max(1800).default(30),
      /** Hint: how many agents share this account's API key (spreads the shared rate limit). */
      teamSize: z.number().int().min(1).max(10_000).nullable().default(null),
    })
    .prefault({}),
  breakReasons: z
    .array(breakReasonSchema)
    .min(1)
    .max(20)
    .default([
      { id: 'lunch', label: 'Lunch', limitMinutes: 60 },
      { id: 'break', label: 'Break', limitMinutes: 15 },
      { id: 'meeting', label: 'Meeting', limitMinutes: null },
      { id: 'training', label: 'Training', limitMinutes: null },
    ]),
  defaultBreakReasonId: z.string().default('break'),
  /** Electron accelerator toggling available <-> default break; empty string = none. */
  shortcut: z.string().max(64).default('CommandOrControl+Alt+B'),
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
