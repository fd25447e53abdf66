/**
 * Day keys and clock times. Stats use the account's time zone (minutes east of UTC), so a day is
 * the same day for the agent and for the contact center; status times use the local clock.
 */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant in the zone `offsetMinutes` east of UTC. */
export function dayKeyOf(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The day `n` days after `day` (negative goes back). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Epoch ms at which `day` begins in the zone `offsetMinutes` east of UTC. */
export function dayStartMs(day: string, offsetMinutes: number): number {
  return Date.parse(`${day}T00:00:00Z`) - offsetMinutes * 60_000;
}

/** `HH:MM` of an instant: local time, or in the given zone. */
export function formatClock(ms: number, locale: string, offsetMinutes?: number): string {
  if (offsetMinutes === undefined) {
    return new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(ms);
  }
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'UTC',
  }).format(ms + offsetMinutes * 60_000);
}

/** A short weekday + date label for a day key (`Mon 3`), in the given locale. */
export function formatDayShort(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(Date.parse(`${day}T00:00:00Z`));
}
