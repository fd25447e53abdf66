import { join } from 'node:path';
import { BrowserWindow, app, screen, type Session, type WebContents } from 'electron';
import { systemClock, type Logger } from '../core/ports';
import { reloadOnRendererGone } from './crash-guard';
import { contentSecurityPolicy } from './app-protocol';
import { appEntryUrl, isAllowedNavigation, type AppOrigin } from './security';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  WINDOW_STATE_FILE,
  fitToDisplays,
  loadBounds,
  saveBounds,
} from './window-bounds';

/**
 * The app's one window, created on demand and destroyed on close (the tray keeps the app
 * running). Hardened: isolated, sandboxed preload, no Node, no webview, strict CSP, navigation
 * and pop-ups refused, every permission denied. Size and position come back on reopen.
 */

export type View = 'status' | 'stats' | 'settings';

/**
 * Session-wide guards: the CSP header on every response, and every permission request or check
 * denied (the app needs none: no camera, notifications come from main, clipboard via menu roles).
 */
export function hardenSession(session: Session, origin: AppOrigin): void {
  const csp = contentSecurityPolicy(origin);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Per-contents guards: no navigation away from the app, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents, origin: AppOrigin, logger: Logger): void {
  const block = (kind: string) => (event: { preventDefault(): void }, url: string) => {
    if (isAllowedNavigation(url, origin)) return;
    event.preventDefault();
    logger.log('warn', `window: ${kind} blocked`, { scheme: url.split(':')[0] });
  };
  contents.on('will-navigate', block('navigation'));
  contents.on('will-redirect', block('redirect'));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => {
    logger.log('warn', 'window: pop-up blocked');
    return { action: 'deny' };
  });
}

export interface WindowManagerDeps {
  origin: AppOrigin;
  preloadPath: string;
  dataDir: string;
  platform: NodeJS.Platform;
  devTools: boolean;
  logger: Logger;
  /** Window shown / hidden (the core polls faster while the agent looks). */
  onVisibilityChange(visible: boolean): void;
}

/** Opens, focuses and tracks the one window. */
export interface WindowManager {
  /** Opens (or brings forward) the window, optionally on a view. */
  show(view?: View): Promise<void>;
  /** The live window, or null when closed. */
  current(): BrowserWindow | null;
  /** Closes the window (saving its bounds). */
  close(): void;
  /** Resolves when the last bounds save has finished (quit waits for it). */
  flush(): Promise<void>;
}

/** Creates the manager; no window exists until `show()`. */
export function createWindowManager(deps: WindowManagerDeps): WindowManager {
  let win: BrowserWindow | null = null;
  let opening: Promise<BrowserWindow> | null = null;
  const boundsFile = join(deps.dataDir, WINDOW_STATE_FILE);
  let saving: Promise<unknown> = Promise.resolve();

  const navigate = (w: BrowserWindow, view: View | undefined) => {
    if (view && !w.isDestroyed()) w.webContents.send('app:navigate', { view });
  };

  const bringForward = (w: BrowserWindow) => {
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
    // A menu-bar app (no Dock icon) must pull itself to the front on macOS.
    if (deps.platform === 'darwin') app.focus({ steal: true });
  };

  const open = async (view: View | undefined): Promise<BrowserWindow> => {
    const saved = await loadBounds(boundsFile);
    const bounds = saved ? fitToDisplays(saved, screen.getAllDisplays()) : null;
    // Options stay literal here so security scanners (Electronegativity) can read every flag.
    const w = new BrowserWindow({
      ...(bounds ?? DEFAULT_SIZE),
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      show: false,
      title: 'CCC Agent Status',
      autoHideMenuBar: true,
      webPreferences: {
        preload: deps.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        // Middle-click would open links in new windows (denied anyway by the open handler).
        disableBlinkFeatures: 'Auxclick',
        safeDialogs: true,
        spellcheck: false,
        devTools: deps.devTools,
      },
    });
    if (deps.platform !== 'darwin') w.removeMenu();
    // Navigation guards come from app 'web-contents-created' (app-main.ts), for every contents.
    reloadOnRendererGone(w.webContents, { clock: systemClock, logger: deps.logger });

    const visible = (v: boolean) => () => deps.onVisibilityChange(v);
    w.on('show', visible(true));
    w.on('restore', visible(true));
    w.on('hide', visible(false));
    w.on('minimize', visible(false));
    w.on('close', () => {
      const rect = w.getNormalBounds();
      saving = saving
        .then(() => saveBounds(boundsFile, rect))
        .then((ok) => {
          if (!ok) deps.logger.log('warn', 'window: could not save its position');
        });
    });
    w.on('closed', () => {
      if (win === w) win = null;
      deps.onVisibilityChange(false);
    });
    w.once('ready-to-show', () => bringForward(w));
    // The renderer subscribes to events while its scripts run, before the load finishes.
    w.webContents.once('did-finish-load', () => navigate(w, view));
    win = w;
    await w.loadURL(appEntryUrl(deps.origin)).catch((error: unknown) => {
      deps.logger.log('error', 'window: the page failed to load', {
        error: error instanceof Error ? error.name : typeof error,
      });
    });
    return w;
  };

  return {
    async show(view) {
      if (opening) {
        navigate(await opening, view);
        return;
      }
      if (win && !win.isDestroyed()) {
        bringForward(win);
        navigate(win, view);
        return;
      }
      opening ??= open(view).finally(() => (opening = null));
      await opening;
    },
    current: () => (win && !win.isDestroyed() ? win : null),
    close: () => {
      if (win && !win.isDestroyed()) win.close();
    },
    flush: async () => {
      await saving;
    },
  };
}
