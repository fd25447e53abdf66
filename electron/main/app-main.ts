import { join } from 'node:path';
import { app, protocol, session, shell } from 'electron';
import { resolveLocale } from '../../shared/i18n';
import { createAppCore, type AppCore, type TrayAction } from '../core/app/app-core';
import type { ShellHooks } from '../core/app/shell-state';
import { buildStartingTrayModel } from '../core/tray/tray-model';
import type { SecretStore } from '../core/credentials/secret-store';
import { createFileSink, createLogger } from '../core/logger';
import { systemClock, systemTimers, type Logger } from '../core/ports';
import type { UpdatePolicy } from '../core/update/update-policy';
import { installProcessGuards, startCrashReporter } from './crash-guard';
import { serveBundleRequest } from './app-protocol';
import { forwardEvents, registerIpc } from './ipc';
import { createKeytarSecretStore } from './keytar-secret-store';
import { createNotifier } from './notifications';
import { watchNetwork } from './network';
import { watchPower } from './power';
import { BUNDLE_SCHEME, guardExternalOpen, resolveAppOrigin } from './security';
import { createSettingsEffects } from './settings-effects';
import { createGlobalShortcut } from './shortcut';
import { createTray } from './tray';
import {
  loadElectronUpdater,
  readUpdatePolicy,
  startUpdates,
  type Updates,
  type UpdaterPort,
} from './updater';
import { createWindowManager, hardenSession, hardenWebContents } from './window';

/**
 * Wiring only: the app's lifecycle from the single-instance lock to a clean quit. Every piece
 * lives in its own module; this file connects the core to the window, tray, IPC, notifications,
 * power events, shortcut and login item.
 */

/** Windows notifications and taskbar grouping need the same id as the installer. */
export const APP_USER_MODEL_ID = 'com.tencentcloud.ccc.agentstatus';

/** Registers the bundle scheme's privileges and local crash dumps; must run before the app is ready. */
export function registerBundleScheme(): void {
  startCrashReporter();
  protocol.registerSchemesAsPrivileged([
    {
      scheme: BUNDLE_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

export interface MainOptions {
  /** out/main (the built main bundle's folder): preload and renderer paths hang off it. */
  mainDir: string;
  /** Defaults: the OS keychain, app.getPath('userData'), process.platform. */
  secretStore?: SecretStore;
  dataDir?: string;
  platform?: NodeJS.Platform;
  /** Packaged resources folder (default process.resourcesPath): tray icons live in its icons/. */
  resourcesPath?: string;
  /** Upper bound for shutdown work before the app exits anyway. */
  quitTimeoutMs?: number;
  /** Folder of main.log (default: the platform's log folder, app.getPath('logs')). */
  logDir?: string;
  /** Update policy (default: read from the machine-wide policy file and the environment). */
  updatePolicy?: UpdatePolicy;
  /** The updater (default: electron-updater's autoUpdater, loaded only when updates are on). */
  loadUpdater?: () => Promise<UpdaterPort>;
}

/** The running app (tests drive it; production ignores it). */
export interface RunningApp {
  core: AppCore;
  logger: Logger;
  /** Runs the quit sequence (what app 'before-quit' triggers). */
  shutdown(): Promise<void>;
}

/** Starts the app; resolves null when another instance already runs (this one then quits). */
export async function startMain(options: MainOptions): Promise<RunningApp | null> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // The tray keeps the app alive: closing the window must not quit.
  app.on('window-all-closed', () => {});

  await app.whenReady();
  const dataDir = options.dataDir ?? app.getPath('userData');
  // ~/Library/Logs/<app> on macOS, <userData>/logs elsewhere.
  if (!options.logDir) app.setAppLogsPath();
  const logFile = createFileSink(join(options.logDir ?? app.getPath('logs'), 'main.log'));
  const logger = createLogger({ sink: logFile.sink, level: app.isPackaged ? 'info' : 'debug' });
  const stopGuards = installProcessGuards(logger);
  logger.log('info', 'app: starting', { version: app.getVersion(), platform });

  // The tray comes first: reading the keychain can wait on a macOS prompt, and the agent must
  // see that the app is there and what it waits for. Until the core is up it only offers Quit.
  let core: AppCore | null = null;
  let windows: ReturnType<typeof createWindowManager> | null = null;
  const runAction = (action: TrayAction): void => {
    if (action.type === 'quit') app.quit();
    else if (!core || !windows) return;
    else if (action.type === 'open') void windows.show(action.view);
    else void core.perform(action);
  };
  const startingLocale = resolveLocale('system', app.getSystemLocale() || app.getLocale());
  const tray = createTray({
    getModel: () => core?.trayModel() ?? buildStartingTrayModel(startingLocale),
    onModelChanged: () => () => {}, // subscribed below, once the core exists
    onAction: runAction,
    iconDir: app.isPackaged
      ? join(options.resourcesPath ?? process.resourcesPath, 'icons')
      : join(app.getAppPath(), 'build/icons/tray'),
    platform,
    timers: systemTimers,
  });

  const origin = resolveAppOrigin({
    isPackaged: app.isPackaged,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
  });
  const rendererDir = join(options.mainDir, '../renderer');
  if (origin.kind === 'bundle') {
    protocol.handle(BUNDLE_SCHEME, (request) => serveBundleRequest(rendererDir, request.url));
  }
  hardenSession(session.defaultSession, origin);
  // Every web contents (the window's, and any other) gets the navigation guards, here and once.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origin, logger));

  let updates: Updates | null = null;
  const shellHooks: ShellHooks = { restartToUpdate: () => updates?.restart() };
  core = await createAppCore({
    dataDir,
    secretStore: options.secretStore ?? createKeytarSecretStore(),
    clock: systemClock,
    timers: systemTimers,
    logger,
    systemLocale: app.getSystemLocale() || app.getLocale(),
    platform,
    version: app.getVersion(),
    openExternal: guardExternalOpen((url) => shell.openExternal(url), logger),
    shellHooks,
  });
  const appCore = core;
  const stopTrayModel = appCore.onTrayModelChanged(() => tray.refresh());
  tray.refresh();

  windows = createWindowManager({
    origin,
    preloadPath: join(options.mainDir, '../preload/index.cjs'),
    dataDir,
    platform,
    devTools: !app.isPackaged,
    logger,
    onVisibilityChange: (visible) => appCore.setWindowVisible(visible),
  });
  const win = windows;

  let shuttingDown: Promise<void> | null = null;
  const disposeIpc = registerIpc({ handlers: appCore.handlers, origin, logger });
  const stopEvents = forwardEvents(appCore.events.subscribe, () => win.current());
  const notifier = createNotifier({
    platform,
    onAction: runAction,
    logger,
    onFailed: () => appCore.shell.notificationFailed(),
  });
  const stopNotifications = appCore.notifications.subscribe((intent) => notifier.show(intent));
  const stopPower = watchPower((kind) => appCore.onPowerEvent(kind));
  const stopNetwork = watchNetwork((online) => appCore.setOnline(online));
  const shortcut = createGlobalShortcut(() => {
    void appCore.toggleBreak().then((r) => {
      if (!r.ok) logger.log('info', 'shortcut: break not toggled', { code: r.code });
    });
  });
  const effects = createSettingsEffects({
    shortcut,
    platform,
    locale: appCore.locale,
    notify: (notice) => notifier.show(notice),
    logger,
  });
  effects.apply(appCore.settings());
  const stopSettings = appCore.events.subscribe((name) => {
    if (name === 'settings:changed') effects.apply(appCore.settings());
  });

  updates = await startUpdates({
    core: appCore,
    policy:
      options.updatePolicy ??
      (await readUpdatePolicy({ packaged: app.isPackaged, platform, env: process.env })),
    loadUpdater: options.loadUpdater ?? loadElectronUpdater,
    timers: systemTimers,
    random: Math.random,
    logger,
  }).catch((error: unknown) => {
    logger.log('error', 'update: could not start', { error: String(error) });
    return null;
  });

  app.on('second-instance', () => void win.show());
  app.on('activate', () => void win.show());

  const shutdown = (): Promise<void> => {
    shuttingDown ??= (async () => {
      logger.log('info', 'app: quitting');
      win.close();
      await win.flush();
      for (const stop of [
        stopSettings,
        stopNotifications,
        stopEvents,
        stopPower,
        stopNetwork,
        disposeIpc,
      ])
        stop();
      stopTrayModel();
      updates?.dispose();
      shortcut.dispose();
      notifier.dispose();
      tray.dispose();
      await appCore.dispose();
      stopGuards();
      logFile.close();
    })();
    return shuttingDown;
  };

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    const timeout = new Promise<void>((resolve) =>
      setTimeout(resolve, options.quitTimeoutMs ?? 5_000).unref(),
    );
    void Promise.race([shutdown(), timeout])
      .catch(() => undefined)
      .finally(() => app.quit());
  });

  // First run (no account yet): open the window on the settings; otherwise start in the tray.
  const status = await appCore.handlers['status:get'](undefined);
  if (status.ok && status.value.connection === 'unconfigured') void win.show('settings');

  return { core: appCore, logger, shutdown };
}
