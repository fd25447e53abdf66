import type { DisplayStatus } from './vocabulary';

/**
 * File naming of the generated tray icons, in one place: build/generate-icons.ts writes them, the
 * core's tray model names the one to show (`iconKey`), electron/main/tray.ts loads it. A key is
 * `<status>[-<mark>]`; the files are `.png` / `@2x.png` (Linux, and macOS colour),
 * `Template.png` / `Template@2x.png` (macOS menu bar) and `.ico` (Windows). One icon per
 * vocabulary display status (shared/vocabulary.ts DISPLAY_STATUSES) and mark.
 */

/** Small badge over the status shape: none, a change in flight, or a degraded connection. */
export const TRAY_ICON_MARKS = ['none', 'pending', 'degraded'] as const;
export type TrayIconMark = (typeof TRAY_ICON_MARKS)[number];

/** The icon key (base file name, no extension) for a status and mark. */
export function trayIconBaseName(status: DisplayStatus, mark: TrayIconMark): string {
  return mark === 'none' ? status : `${status}-${mark}`;
}

/** Which file a platform loads for an icon key: Windows .ico, macOS template image, else PNG. */
export function trayIconFile(iconKey: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') return `${iconKey}.ico`;
  if (platform === 'darwin') return `${iconKey}Template.png`;
  return `${iconKey}.png`;
}

/** The file a platform loads for a status and mark. */
export function trayIconFileName(
  status: DisplayStatus,
  mark: TrayIconMark,
  platform: NodeJS.Platform,
): string {
  return trayIconFile(trayIconBaseName(status, mark), platform);
}
