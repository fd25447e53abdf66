/**
 * Day-key maths, in one place for the core (stats, the desk client) and the renderer (day picker,
 * timeline): whole days in the ACCOUNT's time zone (a fixed UTC offset in minutes, default +480 =
 * UTC+8 as in the desk docs' examples), never the machine's. A day is named `YYYY-MM-DD` and spans
 * `from` (00:00:00) to `to` (23:59:59) in epoch seconds. No zod, no Node: the renderer imports it.
 */

/** UTC+8, matching the desk documentation's examples. */
export const DEFAULT_TZ_OFFSET_MINUTES = 480;

/** The shape of a day key (`dayKeySchema` checks it; `isDayKey` also checks the calendar). */
export const DAY_KEY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `day` is a real calendar date written `YYYY-MM-DD`. */
export function isDayKey(day: string): boolean {
  const m = DAY_KEY_PATTERN.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day;
}

/** The account-time-zone day containing the instant `epochMs`. */
export function dayKeyAt(epochMs: number, tzOffsetMinutes: number): string {
  return new Date(epochMs + tzOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** `from` = 00:00:00 and `to` = 23:59:59 of `day` in the account's zone, epoch seconds. */
export function dayBounds(day: string, tzOffsetMinutes: number): { from: number; to: number } {
  const m = DAY_KEY_PATTERN.exec(day);
  if (!m) throw new RangeError(`not a day key: ${day}`);
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000;
  const from = utcMidnight - tzOffsetMinutes * 60;
  return { from, to: from + 86_399 };
}

/** Epoch ms at which `day` begins in the account's zone. */
export function dayStartMs(day: string, tzOffsetMinutes: number): number {
  return dayBounds(day, tzOffsetMinutes).from * 1000;
}

/** The day `n` days after `day` (negative goes back). */
export function addDays(day: string, n: number): string {
  const m = DAY_KEY_PATTERN.exec(day);
  if (!m) throw new RangeError(`not a day key: ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n))
    .toISOString()
    .slice(0, 10);
}

/** Every day from `fromDay` to `toDay` inclusive, oldest first ([] when reversed). */
export function daysInRange(fromDay: string, toDay: string): string[] {
  const out: string[] = [];
  for (let d = fromDay; d <= toDay; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The `n` days ending with the day containing `nowMs`, oldest first. */
export function lastDays(nowMs: number, n: number, tzOffsetMinutes: number): string[] {
  const today = dayKeyAt(nowMs, tzOffsetMinutes);
  return daysInRange(addDays(today, -(n - 1)), today);
}
