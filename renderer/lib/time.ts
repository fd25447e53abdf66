/**
 * Clock times and day labels for the window. Stats use the account's time zone (minutes east of
 * UTC), so a day is the same day for the agent and for the contact center; status times use the
 * local clock. Day-key maths itself is shared/day-key.ts (the core uses the same functions).
 */

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
