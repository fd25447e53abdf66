import type { Locale } from '../../../shared/i18n';
import type { IpcResult } from '../../../shared/ipc-contract';
import type { AppError } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import type { ChangeOutcome } from '../../../shared/snapshot';
import type { SecretStore } from '../credentials/secret-store';
import type { NotificationIntent, NotificationPolicyOptions } from '../notify/notification-policy';
import type { Clock, Logger, Timers } from '../ports';
import type { SettingsProblem } from '../settings/settings-store';
import type { TrayAction, TrayModel } from '../tray/tray-model';
import type { PowerEvent, WindowPort } from './agent-actions';
import type { DemoSimulatorFactory } from './demo';
import type { AppEventListener } from './event-hub';
import type { GuardedHandlers } from './operation-guard';
import type { ShellHooks, ShellStateStore } from './shell-state';

/**
 * The app core's two faces: what a composition root hands it (AppCoreDeps: ports, the demo
 * simulator factory, the window port) and what it gives back (AppCore: the guarded handlers,
 * events, tray model, notifications, actions). app-core.ts builds it.
 */

/** What a composition root (Electron main, the browser preview, tests) hands the core. */
export interface AppCoreDeps {
  /** The app's data folder (settings.json, stats cache). */
  dataDir: string;
  secretStore: SecretStore;
  clock: Clock;
  timers: Timers;
  /** Wrapped so every line is redacted; secrets are registered as they are loaded. */
  logger: Logger;
  /** OS locale tag, e.g. `zh-Hans-CN` (for language 'system'). */
  systemLocale: string;
  platform: string;
  version: string;
  /** Opens an https URL in the browser (app:openHelp). Absent: help links are unavailable. */
  openExternal?: (url: string) => Promise<void> | void;
  /**
   * Starts the demo simulator: the composition root's choice (main: the demo-only simulator,
   * loaded when a demo starts; the preview and tests: the full one). Absent: no demo mode.
   */
  simulatorFactory?: DemoSimulatorFactory;
  /** Opens the window on a view and quits the app (tray, notifications); absent: no window. */
  ui?: WindowPort;
  /** Demo simulator seed and autopilot (default seed 1, autopilot on). */
  demo?: { seed?: number; autopilot?: boolean };
  random?: () => number;
  notificationPolicy?: NotificationPolicyOptions;
  /** What only the desktop shell can do (install an update). */
  shellHooks?: ShellHooks;
}

/** What Electron main and the browser preview use. */
export interface AppCore {
  /** One guarded handler per IPC channel (raw input in); each resolves to an IpcResult, never throws. */
  handlers: GuardedHandlers;
  /**
   * The contract's events for the window (status:changed, settings:changed, ...). `status:outcome`
   * carries the outcomes of changes the app made itself (tray, shortcut, lock): a caller's own
   * change is answered by its request, once. Navigation is not among them: the root's window
   * port shows a view (electron/main/window.ts tells the page).
   */
  events: { subscribe(listener: AppEventListener): () => void };
  /** The tray as plain data, for the current time. */
  trayModel(): TrayModel;
  /** Fires when the tray model changed for a reason other than time passing. */
  onTrayModelChanged(listener: () => void): () => void;
  /** Notifications to show. Intents raised before the first subscriber are replayed to it. */
  notifications: { subscribe(listener: (n: NotificationIntent) => void): () => void };
  /** Runs a tray / notification action: the one place they are dispatched. */
  perform(action: TrayAction): Promise<void>;
  onPowerEvent(event: PowerEvent): void;
  /** OS network state (Electron `net.isOnline`, browser `online`/`offline`). */
  setOnline(online: boolean): void;
  /** Global shortcut: Available <-> the default break (reserved while on a call). */
  toggleBreak(): Promise<IpcResult<ChangeOutcome>>;
  setWindowVisible(visible: boolean): void;
  settings(): Settings;
  locale(): Locale;
  /** Shell state main reports (update progress, failing notifications); the window shows it. */
  shell: Pick<ShellStateStore, 'get' | 'setUpdate' | 'notificationFailed'>;
  /** What went wrong at start-up (settings file reset, keychain unavailable). */
  startupProblems(): { settings: SettingsProblem | null; keychain: AppError | null };
  /** Stops everything: no timer, socket or listener is left. */
  dispose(): Promise<void>;
}
