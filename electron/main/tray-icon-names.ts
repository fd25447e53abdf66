import { AGENT_STATUSES } from '../../shared/status';

/**
 * File naming of the generated tray icons (build/generate-icons.ts writes them, main/tray.ts loads
 * them): `<status>[-<mark>]` plus `.png` / `@2x.png` (Linux, and macOS colour), `Template.png` /
 * `Template@2x.png` (macOS menu bar) and `.ico` (Windows).
 */

/** Every status the tray can show (the agent statuses plus 'unknown'). */
export const TRAY_ICON_STATUSES = [...AGENT_STATUSES, 'unknown'] as const;
export type TrayIconStatus = (typeof TRAY_ICON_STATUSES)[number];

/** Small badge over the status shape: none, a change in flight, or a degraded connection. */
export const TRAY_ICON_MARKS = ['none', 'pending', 'degraded'] as const;
export type TrayIconMark = (typeof TRAY_ICON_MARKS)[number];

/** Base file name (no extension) for a status and mark. */
export function trayIconBaseName(status: TrayIconStatus, mark: TrayIconMark): string {
  return mark === 'none' ? status : `${status}-${mark}`;
}

/** Which file a platform loads: Windows .ico, macOS template (monochrome) image, PNG elsewhere. */
export function trayIconFileName(
  status: TrayIconStatus,
  mark: TrayIconMark,
  platform: NodeJS.Platform,
): string {
  const base = trayIconBaseName(status, mark);
  if (platform === 'win32') return `${base}.ico`;
  if (platform === 'darwin') return `${base}Template.png`;
  return `${base}.png`;
}
