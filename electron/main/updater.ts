import { readFile } from 'node:fs/promises';
import type { AppUpdater, ProgressInfo, UpdateInfo } from 'electron-updater';
import type { AppCore } from '../core/app/app-core';
import type { Logger, Timers } from '../core/ports';
import {
  resolveUpdatePolicy,
  updatePolicyPath,
  type UpdatePolicy,
} from '../core/update/update-policy';
import { createUpdateSchedule, type UpdateSchedule } from '../core/update/update-schedule';
import type { UpdateState } from '../../shared/shell';
import type { UpdateChannel } from '../../shared/update';

/**
 * Auto-update glue over electron-updater. The feed (a generic static host) and, on Windows, the
 * publisher the installer must be signed by come from app-update.yml, which electron-builder
 * writes from electron-builder.yml `publish` and `win.signtoolOptions`: nothing here overrides
 * them, so electron-updater's checks stay on (sha512 of every download, the Authenticode
 * publisher on Windows, the code signature via Squirrel.Mac on macOS). Checks on start and every
 * few hours (core/update/update-schedule.ts), downloads in the background, installs on "Restart
 * to update" (refused during a call by the core) or when the app quits. Staged rollouts are the
 * feed's `stagingPercentage`, which electron-updater applies per install.
 */

/** The part of electron-updater's AppUpdater this glue uses. */
export type UpdaterPort = Pick<
  AppUpdater,
  | 'checkForUpdates'
  | 'quitAndInstall'
  | 'on'
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'allowDowngrade'
  | 'allowPrerelease'
  | 'channel'
  | 'logger'
>;

export interface UpdatesDeps {
  core: Pick<AppCore, 'settings' | 'shell' | 'events'>;
  policy: UpdatePolicy;
  /** Loads electron-updater only when updates are on. */
  loadUpdater: () => Promise<UpdaterPort>;
  timers: Timers;
  random: () => number;
  logger: Logger;
}

/** Running updates: `restart()` installs the downloaded one (the core checks the call first). */
export interface Updates {
  restart(): void;
  dispose(): void;
}

const state = (channel: UpdateChannel, over: Partial<UpdateState>): UpdateState => ({
  phase: 'idle',
  channel,
  version: null,
  percent: null,
  offReason: null,
  error: null,
  ...over,
});

/** electron-updater's updater for this OS (CommonJS: under ESM its getter export is on `default`). */
export async function loadElectronUpdater(): Promise<UpdaterPort> {
  type Mod = typeof import('electron-updater');
  const mod = (await import('electron-updater')) as Mod & { default?: Mod };
  return (mod.default ?? mod).autoUpdater;
}

/** Reads the machine-wide policy file (absent: null) and decides the policy. */
export async function readUpdatePolicy(opts: {
  packaged: boolean;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}): Promise<UpdatePolicy> {
  const policyPath = updatePolicyPath(opts.platform, opts.env);
  const policyFile = await readFile(policyPath, 'utf8').catch((e: NodeJS.ErrnoException) =>
    e.code === 'ENOENT' ? null : `unreadable: ${e.code ?? 'error'}`,
  );
  return resolveUpdatePolicy({ packaged: opts.packaged, env: opts.env, policyFile, policyPath });
}

/** Starts updates per the policy; with updates off it only reports why. */
export async function startUpdates(deps: UpdatesDeps): Promise<Updates> {
  const { core, policy, logger } = deps;
  const channel = (): UpdateChannel =>
    policy.enabled && policy.channel ? policy.channel : core.settings().updates.channel;
  if (!policy.enabled) {
    logger.log('info', 'update: off', { reason: policy.reason, detail: policy.detail });
    core.shell.setUpdate(state(channel(), { phase: 'off', offReason: policy.reason }));
    return { restart: () => {}, dispose: () => {} };
  }

  const updater = await deps.loadUpdater();
  updater.logger = {
    info: (m: unknown) => logger.log('info', `update: ${String(m)}`),
    warn: (m: unknown) => logger.log('warn', `update: ${String(m)}`),
    error: (m: unknown) => logger.log('error', `update: ${String(m)}`),
    debug: (m: unknown) => logger.log('debug', `update: ${String(m)}`),
  };
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  let current = channel();
  const applyChannel = (c: UpdateChannel) => {
    updater.channel = c === 'stable' ? 'latest' : c;
    updater.allowPrerelease = c === 'beta';
    // Setting a channel allows downgrades in electron-updater: never install an older version.
    updater.allowDowngrade = false;
  };
  applyChannel(current);

  let ready: string | null = null;
  const report = (over: Partial<UpdateState>) => core.shell.setUpdate(state(current, over));
  report({});
  updater.on('checking-for-update', () => {
    if (!ready) report({ phase: 'checking' });
  });
  updater.on('update-not-available', () => {
    if (!ready) report({});
  });
  updater.on('update-available', (info: UpdateInfo) => {
    if (!ready) report({ phase: 'downloading', version: info.version, percent: 0 });
  });
  updater.on('download-progress', (p: ProgressInfo) => {
    if (ready) return;
    const shown = core.shell.get().update;
    report({ phase: 'downloading', version: shown.version, percent: Math.round(p.percent) });
  });
  updater.on('update-downloaded', (info: UpdateInfo) => {
    ready = info.version;
    logger.log('info', 'update: downloaded, installs on restart or quit', { version: ready });
    report({ phase: 'ready', version: ready });
  });
  updater.on('error', (error: Error) => {
    logger.log('warn', 'update: failed', { error: error.message.slice(0, 200) });
    if (!ready) report({ phase: 'error', error: updateErrorMessage(error) });
  });

  const schedule: UpdateSchedule = createUpdateSchedule({
    timers: deps.timers,
    random: deps.random,
    check: async () => {
      const result = await updater.checkForUpdates();
      // A failed background download is reported by the 'error' event; not a stray rejection.
      result?.downloadPromise?.catch(() => {});
    },
    onError: () => {}, // reported by the 'error' event
  });
  const stopSettings = core.events.subscribe((name) => {
    if (name !== 'settings:changed' || channel() === current) return;
    current = channel();
    applyChannel(current);
    if (!ready) report({});
    schedule.checkNow();
  });

  return {
    restart() {
      if (!ready) return;
      logger.log('info', 'update: restarting to install', { version: ready });
      // Silent on Windows (per-user one-click installer), then the app starts again.
      updater.quitAndInstall(true, true);
    },
    dispose() {
      schedule.dispose();
      stopSettings();
    },
  };
}

/** A sentence for the agent; the technical detail stays in the log. */
export function updateErrorMessage(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'ERR_UPDATER_INVALID_SIGNATURE':
      return 'The downloaded update is not signed by the app’s publisher, so it was not installed. Tell your IT department.';
    case 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND':
    case 'ERR_UPDATER_LATEST_VERSION_NOT_FOUND':
      return 'The update server has no release for this channel yet.';
    default:
      return /sha512 checksum mismatch/i.test(error.message)
        ? 'The downloaded update was damaged (checksum mismatch), so it was not installed; the app tries again later.'
        : 'Could not check for updates (no connection to the update server?); the app tries again later.';
  }
}
