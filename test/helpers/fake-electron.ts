import { EventEmitter } from 'node:events';
import { request as httpRequest } from 'node:http';

/**
 * A recording stand-in for the `electron` module (the binary cannot run on these machines).
 * Tests do `vi.mock('electron', () => import('../../helpers/fake-electron').then((m) => m.electronModule))`
 * and inspect `fake` afterwards: BrowserWindow options, IPC handlers, tray menu templates,
 * notifications, shortcuts, login-item settings. `resetFakeElectron()` clears it between tests.
 */

type Listener = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
type Template = Array<Record<string, unknown>>;
type Rect = { x: number; y: number; width: number; height: number };

class Emitter extends EventEmitter {
  /** Fires an event as Electron would. */
  fire(event: string, ...args: unknown[]): void {
    this.emit(event, ...args);
  }
}

export class FakeSession {
  headersReceived: Listener | null = null;
  permissionRequest: Listener | null = null;
  permissionCheck: Listener | null = null;
  webRequest = {
    onHeadersReceived: (fn: Listener) => {
      this.headersReceived = fn;
    },
  };
  setPermissionRequestHandler(fn: Listener | null): void {
    this.permissionRequest = fn;
  }
  setPermissionCheckHandler(fn: Listener | null): void {
    this.permissionCheck = fn;
  }
}

export class FakeWebContents extends Emitter {
  sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: Listener | null = null;
  loadedUrl: string | null = null;
  destroyed = false;
  reloads = 0;
  session: FakeSession;
  constructor(session: FakeSession) {
    super();
    this.session = session;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(fn: Listener): void {
    this.windowOpenHandler = fn;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  reload(): void {
    this.reloads++;
  }
}

export class FakeBrowserWindow extends Emitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  options: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  webContents: FakeWebContents;
  bounds: Rect;
  visible = false;
  destroyed = false;
  minimized = false;
  focused = false;
  menuRemoved = false;
  calls: string[] = [];
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents(fake.session);
    this.bounds = {
      x: (options.x as number | undefined) ?? 100,
      y: (options.y as number | undefined) ?? 100,
      width: (options.width as number | undefined) ?? 800,
      height: (options.height as number | undefined) ?? 600,
    };
    this.visible = options.show !== false;
    FakeBrowserWindow.instances.push(this);
    // As Electron does for every new web contents.
    fake.app.fire('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.calls.push('show');
    this.visible = true;
    this.fire('show');
  }
  hide(): void {
    this.calls.push('hide');
    this.visible = false;
    this.fire('hide');
  }
  focus(): void {
    this.calls.push('focus');
    this.focused = true;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
    this.fire('restore');
  }
  minimize(): void {
    this.minimized = true;
    this.fire('minimize');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible && !this.destroyed;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  removeMenu(): void {
    this.menuRemoved = true;
  }
  getBounds(): Rect {
    return { ...this.bounds };
  }
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  setBounds(b: Partial<Rect>): void {
    this.bounds = { ...this.bounds, ...b };
    this.fire('resize');
  }
  /** Closing as the user does: 'close' (cancellable), then destroyed and 'closed'. */
  close(): void {
    let prevented = false;
    this.fire('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.fire('closed');
  }
}

export class FakeMenu {
  constructor(public template: Template) {}
}

export class FakeTray extends Emitter {
  static instances: FakeTray[] = [];
  image: FakeNativeImage;
  tooltips: string[] = [];
  titles: string[] = [];
  images: FakeNativeImage[] = [];
  contextMenus: FakeMenu[] = [];
  poppedUp = 0;
  destroyed = false;
  constructor(image: FakeNativeImage) {
    super();
    this.image = image;
    this.images.push(image);
    FakeTray.instances.push(this);
  }
  setImage(image: FakeNativeImage): void {
    this.image = image;
    this.images.push(image);
  }
  setToolTip(text: string): void {
    this.tooltips.push(text);
  }
  setTitle(text: string): void {
    this.titles.push(text);
  }
  setContextMenu(menu: FakeMenu | null): void {
    if (menu) this.contextMenus.push(menu);
  }
  popUpContextMenu(): void {
    this.poppedUp++;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNativeImage {
  template = false;
  constructor(public path: string) {}
  setTemplateImage(flag: boolean): void {
    this.template = flag;
  }
  isEmpty(): boolean {
    return fake.missingImages.has(this.path);
  }
}

export class FakeNotification extends Emitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  /** Windows: the one activation callback (Electron keeps the last one registered). */
  static handleActivation(fn: Listener): void {
    fake.notificationActivation = fn;
  }
  shown = false;
  closed = false;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(public options: Record<string, any>) {
    super();
    FakeNotification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
  }
}

function createState() {
  return {
    session: new FakeSession(),
    ipcHandlers: new Map<string, Listener>(),
    rendererListeners: new Map<string, Set<Listener>>(),
    invocations: [] as Array<{ channel: string; args: unknown[] }>,
    invokeResult: { ok: true, value: null } as unknown,
    exposed: new Map<string, unknown>(),
    menus: [] as FakeMenu[],
    applicationMenu: undefined as FakeMenu | null | undefined,
    app: new Emitter(),
    appCalls: [] as string[],
    paths: { userData: '/tmp/fake-user-data' } as Record<string, string>,
    isPackaged: false,
    singleInstanceLock: true,
    loginItemSettings: [] as Array<Record<string, unknown>>,
    powerMonitor: new Emitter(),
    /** What `net.isOnline()` answers. */
    online: true,
    shortcuts: new Map<string, Listener>(),
    /** Accelerators whose registration fails (taken by another app). */
    failingShortcuts: new Set<string>(),
    /** Accelerators Electron cannot parse (register throws). */
    invalidShortcuts: new Set<string>(),
    externalOpened: [] as string[],
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, Listener>(),
    missingImages: new Set<string>(),
    displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] as Array<{
      id: number;
      workArea: Rect;
    }>,
    dock: { hidden: 0, shown: 0 },
    /** Options given to crashReporter.start. */
    crashReporter: [] as Array<Record<string, unknown>>,
    /** The callback given to Notification.handleActivation (Windows), if any. */
    notificationActivation: null as Listener | null,
  };
}

/** Everything the fake recorded since the last reset. */
export let fake = createState();

/** Clears all recordings and instances. */
export function resetFakeElectron(): void {
  fake = createState();
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  FakeNotification.instances = [];
  FakeNotification.supported = true;
}

/** Delivers a main -> renderer message to the listeners the preload registered. */
export function emitToRenderer(
  channel: string,
  payload: unknown,
  event: unknown = { sender: 'ipc-event' },
): void {
  for (const l of fake.rendererListeners.get(channel) ?? []) l(event, payload);
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The module object `vi.mock('electron', …)` returns. */
export const electronModule = {
  app: {
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => fake.paths[name] ?? `/tmp/fake-${name}`,
    getAppPath: () => '/tmp/fake-app',
    getVersion: () => '0.1.0',
    getName: () => 'CCC Agent Status',
    setAppLogsPath: (path?: string) => {
      fake.paths.logs = path ?? `${fake.paths.userData}/logs`;
    },
    relaunch: () => fake.appCalls.push('relaunch'),
    removeListener: (event: string, fn: Listener) => fake.app.removeListener(event, fn),
    getLocale: () => 'en-US',
    getSystemLocale: () => 'en-US',
    get isPackaged() {
      return fake.isPackaged;
    },
    requestSingleInstanceLock: () => fake.singleInstanceLock,
    setLoginItemSettings: (s: Record<string, unknown>) => fake.loginItemSettings.push(s),
    quit: () => fake.appCalls.push('quit'),
    exit: (code?: number) => fake.appCalls.push(`exit:${code ?? 0}`),
    setAppUserModelId: (id: string) => fake.appCalls.push(`appUserModelId:${id}`),
    focus: (opts?: { steal?: boolean }) =>
      fake.appCalls.push(`focus:${opts?.steal ? 'steal' : ''}`),
    on: (event: string, fn: Listener) => fake.app.on(event, fn),
    once: (event: string, fn: Listener) => fake.app.once(event, fn),
    get dock() {
      return {
        hide: () => fake.dock.hidden++,
        show: () => {
          fake.dock.shown++;
          return Promise.resolve();
        },
      };
    },
  },
  BrowserWindow: FakeBrowserWindow,
  crashReporter: {
    start: (options: Record<string, unknown>) => fake.crashReporter.push(options),
  },
  Tray: FakeTray,
  Menu: {
    buildFromTemplate: (template: Template) => {
      const menu = new FakeMenu(template);
      fake.menus.push(menu);
      return menu;
    },
    setApplicationMenu: (menu: FakeMenu | null) => {
      fake.applicationMenu = menu;
    },
  },
  nativeImage: { createFromPath: (path: string) => new FakeNativeImage(path) },
  Notification: FakeNotification,
  ipcMain: {
    handle: (channel: string, fn: Listener) => {
      if (fake.ipcHandlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      fake.ipcHandlers.set(channel, fn);
    },
    removeHandler: (channel: string) => fake.ipcHandlers.delete(channel),
    on: () => {
      throw new Error('ipcMain.on is not used by this app: every channel is a guarded handle()');
    },
  },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      fake.invocations.push({ channel, args });
      return Promise.resolve(fake.invokeResult);
    },
    on: (channel: string, fn: Listener) => {
      const set = fake.rendererListeners.get(channel) ?? new Set();
      set.add(fn);
      fake.rendererListeners.set(channel, set);
    },
    removeListener: (channel: string, fn: Listener) => {
      fake.rendererListeners.get(channel)?.delete(fn);
    },
  },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      if (fake.exposed.has(key)) throw new Error(`${key} already exposed`);
      fake.exposed.set(key, api);
    },
  },
  net: {
    isOnline: () => fake.online,
    /** Electron's net.request over Node's http (electron-updater downloads through it). */
    request: (o: {
      protocol?: string;
      hostname?: string;
      port?: number | string;
      path?: string;
      method?: string;
      headers?: Record<string, string>;
    }) => {
      if (o.protocol && o.protocol !== 'http:')
        throw new Error('the fake net.request speaks http only');
      const { hostname, port, path, method, headers } = o;
      return httpRequest({ hostname, port, path, method, headers });
    },
  },
  powerMonitor: {
    on: (event: string, fn: Listener) => fake.powerMonitor.on(event, fn),
    removeListener: (event: string, fn: Listener) => fake.powerMonitor.removeListener(event, fn),
  },
  globalShortcut: {
    register: (accelerator: string, fn: Listener) => {
      if (fake.invalidShortcuts.has(accelerator))
        throw new Error('Error processing argument: conversion failure');
      if (fake.failingShortcuts.has(accelerator) || fake.shortcuts.has(accelerator)) return false;
      fake.shortcuts.set(accelerator, fn);
      return true;
    },
    unregister: (accelerator: string) => fake.shortcuts.delete(accelerator),
    unregisterAll: () => fake.shortcuts.clear(),
    isRegistered: (accelerator: string) => fake.shortcuts.has(accelerator),
  },
  shell: {
    openExternal: (url: string) => {
      fake.externalOpened.push(url);
      return Promise.resolve();
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => fake.privilegedSchemes.push(...schemes),
    handle: (scheme: string, fn: Listener) => fake.protocolHandlers.set(scheme, fn),
  },
  screen: {
    getAllDisplays: () => fake.displays,
    getPrimaryDisplay: () => fake.displays[0]!,
    getDisplayMatching: (r: Rect) =>
      fake.displays.find((d) => overlaps(d.workArea, r)) ?? fake.displays[0]!,
  },
  session: {
    get defaultSession() {
      return fake.session;
    },
    fromPartition: () => fake.session,
  },
};
