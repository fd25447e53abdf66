/**
 * Time formatting shared by the tray tooltip and the window timer, so both always agree.
 */

/** Formats a duration as `m:ss` under an hour and `h:mm:ss` from an hour. Negative -> `0:00`. */
export function formatDuration(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Formats seconds as a compact `2h 05m` / `12m` / `40s` total. */
export function formatTotal(seconds: number): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}

/** Milliseconds in the current status, given the (local) time it began. */
export function elapsedSince(statusSinceMs: number | null, nowMs: number): number {
  return statusSinceMs === null ? 0 : Math.max(0, nowMs - statusSinceMs);
}
