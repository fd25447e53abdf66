/** The statuses time is counted for, in the order charts and legends show them. */
export const TIMED_STATUSES = ['free', 'busy', 'afterCallWork', 'rest', 'notReady'] as const;
export type TimedStatus = (typeof TIMED_STATUSES)[number];
