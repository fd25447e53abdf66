import { app } from 'electron';

/**
 * Launch at login from the `launchAtLogin` setting. Electron supports it on Windows and macOS;
 * on Linux it is a no-op (desktop environments use autostart files, which this app leaves alone).
 * Returns whether the platform supports it.
 */
export function applyLaunchAtLogin(enabled: boolean, platform: NodeJS.Platform): boolean {
  if (platform !== 'win32' && platform !== 'darwin') return false;
  app.setLoginItemSettings({ openAtLogin: enabled });
  return true;
}
