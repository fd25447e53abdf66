import { join } from 'node:path';
import { app, protocol, session, shell } from 'electron';
import { createAppCore, type AppCore } from '../core/app/app-core';
import type { DemoSimulatorFactory } from '../core/app/demo';
import type { SecretStore } from '../core/credentials/secret-store';
import { createFileSink, createLogger } from '../core/logger';
import { systemClock, systemTimers, type Logger } from '../core/ports';
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
import { createWindowManager, hardenSession, hardenWebContents } from './window';

/**
 * Wiring only: the app's lifecycle from the single-instance lock to a clean quit. Every piece
 * lives in its own module; this file connects the core to the window, tray, IPC, notifications,
 * power events, shortcut and login item.
 */

/** Windows notifications and taskbar grouping need the same id as the installer. */
export const APP_USER_MODEL_ID = 'com.tencentcloud.ccc.agentstatus';

/**
 * Demo mode's simulator for the shipped app: the demo-only one (no fault injection, no control
 * interface), in its own chunk loaded only when a demo starts.
 */
const demoSimulator: DemoSimulatorFactory = async (opts) =>
  (await import('../simulator/demo')).startDemoSimulator(opts);

/** Registers the bundle scheme's privileges; must run before the app is ready. */
export function registerBundleScheme(): void {
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
  const logFile = createFileSink(join(dataDir, 'logs', 'main.log'));
  const logger = createLogger({ sink: logFile.sink, level: app.isPackaged ? 'info' : 'debug' });
  logger.log('info', 'app: starting', { version: app.getVersion(), platform });

  const origin = resolveAppOrigin({
    isPackaged: app.isPackaged,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
  });
  const rendererDir = join(options.mainDir, '../renderer');
  if (origin.kind === 'bundle') {
    protocol.handle(BUNDLE_SCHEME, (request) => serveBundleRequest(rendererDir, request.url));
  }
  hardenSession(session.defaultSession, origin);
  // Any other web contents (there should be none) gets the same guards.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origin, logger));

  const core = await createAppCore({
    dataDir,
    secretStore: options.secretStore ?? createKeytarSecretStore(),
    clock: systemClock,
    timers: systemTimers,
    logger,
    systemLocale: app.getSystemLocale() || app.getLocale(),
    platform,
    version: app.getVersion(),
    openExternal: guardExternalOpen((url) => shell.openExternal(url), logger),
    simulatorFactory: demoSimulator,
    // Tray and notification actions are dispatched by the core; opening and quitting come back here.
    ui: { show: (view) => void windows.show(view), quit: () => app.quit() },
  });

  const windows = createWindowManager({
    origin,
    preloadPath: join(options.mainDir, '../preload/index.cjs'),
    dataDir,
    platform,
    devTools: !app.isPackaged,
    logger,
    onVisibilityChange: (visible) => core.setWindowVisible(visible),
  });

  let shuttingDown: Promise<void> | null = null;
  const perform = (action: Parameters<AppCore['perform']>[0]): void => void core.perform(action);

  const disposeIpc = registerIpc({ handlers: core.handlers, origin, logger });
  const stopEvents = forwardEvents(core.events.subscribe, () => windows.current());
  const tray = createTray({
    getModel: core.trayModel,
    onModelChanged: core.onTrayModelChanged,
    onAction: perform,
    iconDir: app.isPackaged
      ? join(options.resourcesPath ?? process.resourcesPath, 'icons')
      : join(app.getAppPath(), 'build/icons/tray'),
    platform,
    timers: systemTimers,
  });
  const notifier = createNotifier({ platform, onAction: perform, logger });
  const stopNotifications = core.notifications.subscribe((intent) => notifier.show(intent));
  const stopPower = watchPower((kind) => core.onPowerEvent(kind));
  const stopNetwork = watchNetwork((online) => core.setOnline(online));
  const shortcut = createGlobalShortcut(() => {
    void core.toggleBreak().then((r) => {
      if (!r.ok) logger.log('info', 'shortcut: break not toggled', { code: r.code });
    });
  });
  const effects = createSettingsEffects({
    shortcut,
    platform,
    locale: core.locale,
    notify: (notice) => notifier.show(notice),
    logger,
  });
  effects.apply(core.settings());
  const stopSettings = core.events.subscribe((name) => {
    if (name === 'settings:changed') effects.apply(core.settings());
  });

  app.on('second-instance', () => void windows.show());
  app.on('activate', () => void windows.show());

  const shutdown = (): Promise<void> => {
    shuttingDown ??= (async () => {
      logger.log('info', 'app: quitting');
      windows.close();
      await windows.flush();
      for (const stop of [
        stopSettings,
        stopNotifications,
        stopEvents,
        stopPower,
        stopNetwork,
        disposeIpc,
      ])
        stop();
      shortcut.dispose();
      notifier.dispose();
      tray.dispose();
      await core.dispose();
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
  const status = await core.handlers['status:get'](undefined);
  if (status.ok && status.value.connection === 'unconfigured') void windows.show('settings');

  return { core, logger, shutdown };
}
