/**
 * The app's vocabulary: the facts every layer shares, each written once. No zod here (the renderer
 * and the preload import this module, and stay free of it); the schemas in shared/*.ts, the core,
 * the renderer and build/generate-icons.ts all derive from these tables. Adding a status or a view
 * means one edit here plus what the compiler then asks for (labels, icons, API field names).
 */

// ---- statuses ---------------------------------------------------------------------------------

/** What the app knows about a status. */
interface StatusTraits {
  /** SetStaffStatus accepts it (the agent may ask for it). */
  settable: boolean;
  /** Time in it is counted (today's totals, day stats, charts). */
  timed: boolean;
  /** A call or its wrap-up: a request for a reservable status waits until it ends. */
  onCall: boolean;
  /** It carries a `Reason` (what the agent does instead): shown with it, and drift if it changes. */
  reason?: true;
  /** The snapshot flag CCC sets while a request for this status is reserved during a call. */
  reserveFlag?: 'reserveRest' | 'reserveNotReady';
  /** Asked for with one of the configured break reasons (the reason picker, the tray submenu). */
  breakReasons?: true;
}

/**
 * Every status CCC reports, in the order charts, legends and menus show them. `free` is
 * "Available": asking for it while on a call cancels a reservation instead of reserving.
 */
const STATUS_TRAITS = {
  free: { settable: true, timed: true, onCall: false },
  busy: { settable: false, timed: true, onCall: true },
  afterCallWork: { settable: false, timed: true, onCall: true },
  rest: {
    settable: true,
    timed: true,
    onCall: false,
    reason: true,
    reserveFlag: 'reserveRest',
    breakReasons: true,
  },
  notReady: {
    settable: true,
    timed: true,
    onCall: false,
    reason: true,
    reserveFlag: 'reserveNotReady',
  },
  offline: { settable: false, timed: false, onCall: false },
} as const satisfies Record<string, StatusTraits>;

type Traits = typeof STATUS_TRAITS;
/** A status CCC reports. */
export type AgentStatus = keyof Traits;
type With<K extends keyof StatusTraits, V> = {
  [S in AgentStatus]: Traits[S] extends Record<K, V> ? S : never;
}[AgentStatus];
/** A status the agent may ask for. `busy`, `afterCallWork` and `offline` are set by the system. */
export type SettableStatus = With<'settable', true>;
/** A status whose time is counted. `online` is every status except `offline`. */
export type TimedStatus = With<'timed', true>;
/** A settable status that CCC reserves while the agent is on a call. */
export type ReservableStatus = With<'reserveFlag', string>;
/** What the window and tray show: a known status, or `unknown` (not synced, or a new API value). */
export type DisplayStatus = AgentStatus | 'unknown';

const statuses = Object.keys(STATUS_TRAITS) as AgentStatus[];
const having = <S extends AgentStatus>(test: (t: StatusTraits) => boolean): readonly S[] =>
  statuses.filter((s) => test(STATUS_TRAITS[s])) as S[];

/** The agent statuses CCC reports. */
export const AGENT_STATUSES: readonly AgentStatus[] = statuses;
/** Statuses SetStaffStatus accepts, in the order the window's buttons and the tray list them. */
export const SETTABLE_STATUSES: readonly SettableStatus[] = having((t) => t.settable);
/** The statuses time is counted for, in the order charts and legends show them. */
export const TIMED_STATUSES: readonly TimedStatus[] = having((t) => t.timed);
/** Statuses during which a request for a reservable status waits until the call and wrap-up end. */
export const ON_CALL_STATUSES: readonly AgentStatus[] = having((t) => t.onCall);
/** Every status the window and the tray can show. */
export const DISPLAY_STATUSES: readonly DisplayStatus[] = [...statuses, 'unknown'];
/** Reservable statuses and the snapshot flag that says one is reserved. */
export const RESERVE_FLAGS = Object.fromEntries(
  statuses.flatMap((s) => {
    const flag = (STATUS_TRAITS[s] as StatusTraits).reserveFlag;
    return flag ? [[s, flag]] : [];
  }),
) as { [S in ReservableStatus]: Traits[S]['reserveFlag'] };
/** The snapshot flags of reservations (`reserveRest`, `reserveNotReady`). */
export type ReserveFlag = (typeof RESERVE_FLAGS)[ReservableStatus];
const RESERVABLE = Object.keys(RESERVE_FLAGS) as ReservableStatus[];

/** Type guard for values read from the network or from IPC. */
export function isAgentStatus(value: unknown): value is AgentStatus {
  return typeof value === 'string' && Object.hasOwn(STATUS_TRAITS, value);
}

/** Type guard for statuses an agent may ask for. */
export function isSettableStatus(value: unknown): value is SettableStatus {
  return isAgentStatus(value) && STATUS_TRAITS[value].settable;
}

/** Whether `status` (any string: a raw API value too) is a call or its wrap-up. */
export function isOnCall(status: string): boolean {
  return isAgentStatus(status) && STATUS_TRAITS[status].onCall;
}

/** Whether `status` (any string) carries a reason: shown next to it, and compared for drift. */
export function takesReason(status: string): boolean {
  return isAgentStatus(status) && (STATUS_TRAITS[status] as StatusTraits).reason === true;
}

/** Whether the status is asked for with a break reason. */
export function takesBreakReason(status: SettableStatus): boolean {
  return (STATUS_TRAITS[status] as StatusTraits).breakReasons === true;
}

/** Whether CCC reserves a request for `status` while the agent is on a call. */
export function isReservable(status: SettableStatus): status is ReservableStatus {
  return (RESERVABLE as readonly string[]).includes(status);
}

/**
 * Whether asking for `target` makes sense while on a call: Available (cancels a reservation, or
 * ends wrap-up early) and every reservable status do; any other would be refused.
 */
export function requestableOnCall(target: SettableStatus): boolean {
  return target === 'free' || isReservable(target);
}

/** The reserved status a snapshot's flags name (the first one set), or null. */
export function reservedStatus(flags: Record<ReserveFlag, boolean>): ReservableStatus | null {
  return RESERVABLE.find((s) => flags[RESERVE_FLAGS[s]]) ?? null;
}

/** `free, rest and notReady` (or `... or notReady`): settable statuses for an error message. */
export function settableStatusList(last: 'and' | 'or'): string {
  const all = [...SETTABLE_STATUSES];
  const tail = all.pop();
  return all.length > 0 ? `${all.join(', ')} ${last} ${tail}` : String(tail);
}

// ---- durations --------------------------------------------------------------------------------

/** Seconds per timed status plus `online` (everything but offline): today's totals. */
export type StatusDurations = { online: number } & Record<TimedStatus, number>;

/** Zero seconds for every timed status. */
export function zeroTimed(): Record<TimedStatus, number> {
  return Object.fromEntries(TIMED_STATUSES.map((s) => [s, 0])) as Record<TimedStatus, number>;
}

/** Today's totals before anything was counted. */
export function zeroDurations(): StatusDurations {
  return { online: 0, ...zeroTimed() };
}

// ---- connection -------------------------------------------------------------------------------

/** How the app is connected to CCC; every state but `ok` says what is wrong. */
export const CONNECTION_STATES = [
  'unconfigured', // no account yet (first run)
  'connecting', // first sync not done yet
  'ok',
  'degraded', // recent requests failed (rate limit / transient); showing last known status
  'offline', // network unreachable
  'credentials_rejected', // auth failure: polling stopped until credentials change
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

const CAN_CHANGE: readonly ConnectionState[] = ['ok', 'degraded', 'offline'];

/**
 * Whether the agent can change status now: an account works and the first status is known. While
 * degraded or offline a change is still queued and sent (and reported if it fails).
 */
export function canChangeStatus(connection: ConnectionState): boolean {
  return CAN_CHANGE.includes(connection);
}

// ---- views ------------------------------------------------------------------------------------

/** The window's views, in the order its navigation shows them. */
export const VIEWS = ['status', 'stats', 'settings'] as const;
export type View = (typeof VIEWS)[number];

// ---- data centres -----------------------------------------------------------------------------

/** IM REST domain per data centre (reference section 3); the keys are the setting's values. */
export const DATA_CENTRE_DOMAINS = {
  china: 'console.tim.qq.com',
  singapore: 'adminapisgp.im.qcloud.com',
  seoul: 'adminapikr.im.qcloud.com',
  frankfurt: 'adminapiger.im.qcloud.com',
  mumbai: 'adminapiind.im.qcloud.com',
  siliconvalley: 'adminapiusa.im.qcloud.com',
  jakarta: 'adminapiidn.im.qcloud.com',
} as const;
export type DataCentre = keyof typeof DATA_CENTRE_DOMAINS;
/** The data centres, in the order the settings list them. */
export const DATA_CENTRES = Object.keys(DATA_CENTRE_DOMAINS) as readonly DataCentre[];

// ---- limits -----------------------------------------------------------------------------------

/**
 * Bounds of what a person types, checked by the settings forms (as they type) and by the schemas
 * (at every boundary), so main never rejects what a form let through. Lengths are characters.
 */
export const LIMITS = {
  /** CCC SdkAppId and IM SDKAppID: 32-bit unsigned. */
  appId: { min: 1, max: 4_294_967_295 },
  agentId: { max: 128 },
  adminIdentifier: { max: 64 },
  /** The account's time zone, minutes east of UTC (UTC-12 to UTC+14). */
  timeZoneOffsetMinutes: { min: -720, max: 840 },
  visibleSeconds: { min: 2, max: 300 },
  hiddenSeconds: { min: 5, max: 1800 },
  teamSize: { min: 1, max: 10_000 },
  breakReasons: { min: 1, max: 20 },
  breakReasonId: { min: 1, max: 40 },
  /** A break reason's label, which is also the `Reason` a status change sends. */
  breakReasonLabel: { min: 1, max: 32 },
  breakLimitMinutes: { min: 1, max: 480 },
  shortcut: { max: 64 },
  secretId: { min: 8, max: 128 },
  secretKey: { min: 8, max: 128 },
  securityToken: { min: 1, max: 4096 },
  imKey: { min: 16, max: 256 },
  userSig: { min: 16, max: 4096 },
} as const;

/** The characters of a Tencent Cloud SecretId. */
export const SECRET_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
