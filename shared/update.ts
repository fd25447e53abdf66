/**
 * Updates, as the tray, the window and main know them: the channels an agent can follow, the
 * phases an update goes through, and how often the app looks for one. No zod here: the schemas
 * (shared/settings.ts, shared/shell.ts) and the core derive from these lists.
 */

/** stable: latest.yml on the feed; beta: beta.yml (pre-releases, for pilot agents). */
export const UPDATE_CHANNELS = ['stable', 'beta'] as const;
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number];

/**
 * off: updates are turned off (IT policy, or not a packaged build); idle: up to date;
 * checking / downloading: in progress; ready: downloaded, installs on restart; error: the last
 * check or download failed (retried at the next check).
 */
export const UPDATE_PHASES = ['off', 'idle', 'checking', 'downloading', 'ready', 'error'] as const;
export type UpdatePhase = (typeof UPDATE_PHASES)[number];

/** Why updates are off. */
export const UPDATE_OFF_REASONS = [
  'policy',
  'invalid_policy',
  'unpackaged',
  'unsupported',
] as const;
export type UpdateOffReason = (typeof UPDATE_OFF_REASONS)[number];

/** First check this long after start (the app settles first), then every few hours. */
export const UPDATE_FIRST_CHECK_MS = 60_000;
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60_000;
