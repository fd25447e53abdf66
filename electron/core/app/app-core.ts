import { resolveLocale, type Locale } from '../../../shared/i18n';
import { ok, type AppError, type Result } from '../../../shared/result';
import type { CredentialStatus, Settings } from '../../../shared/settings';
import type { StatusSnapshot } from '../../../shared/snapshot';
import { createCredentialService } from '../credentials/credential-service';
import { withRedaction, type RedactingLogger } from '../logger';
import { createNotificationPolicy, type PolicyContext } from '../notify/notification-policy';
import type { TimerHandle } from '../ports';
import { createSettingsStore } from '../settings/settings-store';
import type { EngineEvent } from '../status/engine';
import { buildTrayModel } from '../tray/tray-model';
import type { AppCore, AppCoreDeps } from './app-core-types';
import { createAgentActions } from './agent-actions';
import { testConnection } from './connection-test';
import { createDemo } from './demo';
import { createEventHub } from './event-hub';
import { idleSnapshot } from './idle-snapshot';
import { createIpcHandlers } from './ipc-handlers';
import { createRuntime, resolveRuntimeConfig, type Runtime } from './runtime';
import { createShellState } from './shell-state';

/**
 * The composition root shared by Electron main and the browser preview: settings, credentials,
 * the status engine and API clients for the real account or the demo simulator, stats, the tray
 * model, notifications and power events, behind the IPC handler map of shared/ipc-contract.ts.
 * No Electron here: the glue renders `trayModel()`, shows `notifications`, forwards `events` to
 * the window and feeds `onPowerEvent` / `setWindowVisible`. Nothing throws out of it.
 */

/** Builds the core and loads settings, credentials and (if it was on) the demo. Never rejects. */
export async function createAppCore(deps: AppCoreDeps): Promise<AppCore> {
  const logger: RedactingLogger = withRedaction(deps.logger);
  const { clock, timers } = deps;
  const random = deps.random ?? Math.random;
  const store = createSettingsStore({ dir: deps.dataDir, clock, logger });
  const credentials = createCredentialService({
    store: deps.secretStore,
    clock,
    logger,
    redactor: logger,
  });
  const policy = createNotificationPolicy(deps.notificationPolicy);
  const demo = createDemo({ factory: deps.simulatorFactory, clock, logger, options: deps.demo });

  const hub = createEventHub(logger);
  const { emit, notify, trayChanged } = hub;

  let runtime: Runtime | null = null;
  let unsubscribeEngine: (() => void) | null = null;
  let idleError: AppError | null = null;
  let lastStatusJson = '';
  let pollingKey = '';
  let windowVisible = false;
  let online = true;
  let deskRevision = 0;
  let policyTimer: TimerHandle | null = null;
  let disposed = false;
  let chain: Promise<void> = Promise.resolve();

  const locale = (): Locale => resolveLocale(store.get().language, deps.systemLocale);
  const ctx = (): PolicyContext => ({
    settings: store.get(),
    locale: locale(),
    nowMs: clock.now(),
  });
  const snapshot = (): StatusSnapshot =>
    runtime?.engine.snapshot() ?? idleSnapshot(store.get().account.agentId, idleError);

  const shell = createShellState({
    channel: () => store.get().updates.channel,
    snapshot,
    hooks: deps.shellHooks ?? {},
    changed: (state) => {
      emit('app:shellChanged', state);
      trayChanged();
    },
  });

  /** One timer for whatever the notification policy may say next (break limit, debounce, expiry). */
  const schedulePolicy = (): void => {
    if (policyTimer !== null) timers.clearTimeout(policyTimer);
    policyTimer = null;
    if (disposed) return;
    const due = policy.nextDueMs(ctx());
    if (due === null) return;
    // At least a second apart, so a due time in the past can never spin.
    policyTimer = timers.setTimeout(
      () => {
        policyTimer = null;
        notify(policy.tick(ctx()));
        schedulePolicy();
      },
      Math.max(1_000, due - clock.now()),
    );
  };

  const publishStatus = (s: StatusSnapshot): void => {
    const json = JSON.stringify(s);
    if (json === lastStatusJson) return;
    lastStatusJson = json;
    emit('status:changed', s);
    notify(policy.onSnapshot(s, ctx()));
    trayChanged();
    schedulePolicy();
  };

  const onEngineEvent = (e: EngineEvent): void => {
    if (e.type === 'snapshot') publishStatus(e.snapshot);
    else if (e.type === 'drift') {
      emit('status:drift', e.drift);
      notify(policy.onDrift(e.drift, ctx()));
    } else {
      // A caller (the window) gets its own change's outcome as the answer to its request.
      if (e.requester === 'app') emit('status:outcome', e.outcome);
      notify(policy.onOutcome(e.outcome, { ...ctx(), windowVisible }));
    }
  };

  const teardown = async (): Promise<void> => {
    const old = runtime;
    runtime = null;
    unsubscribeEngine?.();
    unsubscribeEngine = null;
    if (old) await old.dispose();
  };

  /** What the app should talk to for these settings, the stored credentials and demo state. */
  const currentConfig = (settings: Settings) =>
    resolveRuntimeConfig(settings, credentials, demo.target(), clock, deskRevision, logger);

  /** Brings the runtime in line with settings, credentials and demo state. Serialised. */
  const reconfigure = (): Promise<void> => {
    const run = chain.then(async () => {
      if (disposed) return;
      const settings = store.get();
      const config = currentConfig(settings);
      const polling = JSON.stringify(settings.polling);
      if (!config.ok) {
        if (runtime) await teardown();
        policy.reset();
        idleError = config.error;
        publishStatus(snapshot());
        return;
      }
      idleError = null;
      if (runtime && runtime.config.engineKey === config.value.engineKey) {
        if (polling !== pollingKey) {
          runtime.engine.updateOptions({
            visibleIntervalMs: settings.polling.visibleSeconds * 1000,
            hiddenIntervalMs: settings.polling.hiddenSeconds * 1000,
            teamSize: settings.polling.teamSize,
          });
        }
        const stats = (c: typeof config.value) => [c.desk?.key ?? null, c.deskMissing, c.voice];
        const [oldDesk, newDesk] = [stats(runtime.config), stats(config.value)];
        if (JSON.stringify(oldDesk) !== JSON.stringify(newDesk))
          await runtime.replaceDesk(config.value);
        pollingKey = polling;
        return;
      }
      const offset = runtime?.ccc.clockOffsetMs();
      if (runtime) await teardown();
      policy.reset();
      pollingKey = polling;
      logger.log('info', 'app: starting the status engine', {
        kind: config.value.kind,
        sdkAppId: config.value.sdkAppId,
      });
      runtime = createRuntime(
        config.value,
        settings,
        { clock, timers, logger, redactor: logger, random, dataDir: deps.dataDir },
        {
          visible: windowVisible,
          initialClockOffsetMs: offset,
        },
      );
      if (!online) runtime.engine.setOnline(false);
      unsubscribeEngine = runtime.engine.subscribe(onEngineEvent);
      publishStatus(runtime.engine.snapshot());
    });
    chain = run.catch((e: unknown) =>
      logger.log('error', 'app: reconfigure failed', { error: String(e) }),
    );
    return chain;
  };

  const notConfigured = (): AppError =>
    idleError ?? {
      source: 'app',
      code: 'not_configured',
      kind: 'config',
      message: 'The account is not set up yet.',
      retryable: false,
    };

  // ---- operations used by the handlers, the tray and the shortcut -------------------------

  const startDemo = async (): Promise<Result<void>> => {
    const started = await demo.start(store.get().desk.timeZoneOffsetMinutes);
    if (!started.ok) return started;
    const saved = await store.update((s) => ({ ...s, demoMode: true }));
    await reconfigure();
    return saved.ok ? ok(undefined) : saved;
  };

  const stopDemo = async (): Promise<Result<void>> => {
    const saved = await store.update((s) => ({ ...s, demoMode: false }));
    await reconfigure();
    await demo.stop();
    return saved.ok ? ok(undefined) : saved;
  };

  const afterCredentialChange = async (kind: 'ccc' | 'desk'): Promise<void> => {
    if (kind === 'desk') deskRevision += 1;
    if (kind === 'ccc' && runtime?.config.kind === 'real') runtime.engine.credentialsChanged();
    await reconfigure();
  };

  const actions = createAgentActions({
    engine: () => runtime?.engine ?? null,
    settings: () => store.get(),
    notConfigured,
    ui: deps.ui,
    notify,
    policy,
    ctx,
    logger,
    restartToUpdate: () => shell.restartToUpdate(),
  });

  const setWindowVisible = (visible: boolean): void => {
    windowVisible = visible;
    runtime?.engine.setVisible(visible);
  };

  // ---- wiring -------------------------------------------------------------------------------

  store.subscribe((next) => {
    emit('settings:changed', next);
    trayChanged();
    schedulePolicy();
    void reconfigure();
  });
  credentials.subscribe((status: CredentialStatus) => {
    emit('credentials:changed', status);
    notify(policy.onCredentials(status, ctx()));
    schedulePolicy();
  });

  const loaded = await store.load();
  const keychain = await credentials.load();
  if (loaded.problem) notify([policy.settingsReset(ctx())]);
  if (store.get().demoMode) {
    const started = await demo.start(store.get().desk.timeZoneOffsetMinutes);
    if (!started.ok) await store.update((s) => ({ ...s, demoMode: false }));
  }
  await reconfigure();

  const handlers = createIpcHandlers({
    logger,
    isDisposed: () => disposed,
    snapshot,
    engine: () => runtime?.engine ?? null,
    stats: () => runtime?.stats ?? null,
    notConfigured,
    settings: () => store.get(),
    saveSettings: async (input) => {
      // Demo mode is switched only by demo:start / demo:stop, never by a settings form.
      const r = await store.update((s) => ({ ...input, demoMode: s.demoMode }));
      await reconfigure();
      return r;
    },
    credentials,
    afterCredentialChange,
    testConnection: async () => {
      const settings = store.get();
      const config = currentConfig(settings);
      const result = await testConnection(config, settings.desk.enabled, {
        clock,
        timers,
        logger,
        random,
        clockOffsetMs: runtime?.ccc.clockOffsetMs(),
      });
      // The key works again (e.g. the admin fixed the CAM policy): resume polling.
      if (result.ccc.ok && runtime?.engine.snapshot().connection === 'credentials_rejected') {
        runtime.engine.credentialsChanged();
      }
      return result;
    },
    startDemo,
    stopDemo,
    setWindowVisible,
    appInfo: () => ({
      version: deps.version,
      platform: deps.platform,
      locale: locale(),
      demo: store.get().demoMode,
    }),
    openExternal: deps.openExternal,
    shell,
  });

  return {
    handlers,
    events: { subscribe: hub.subscribe },
    trayModel: () =>
      buildTrayModel(snapshot(), store.get(), locale(), clock.now(), {
        update: shell.get().update,
      }),
    shell,
    onTrayModelChanged: hub.onTrayChanged,
    notifications: { subscribe: hub.onNotification },
    perform: actions.perform,
    onPowerEvent: actions.onPowerEvent,
    setOnline(value) {
      online = value;
      runtime?.engine.setOnline(value);
    },
    toggleBreak: actions.toggleBreak,
    setWindowVisible,
    settings: () => store.get(),
    locale,
    startupProblems: () => ({
      settings: loaded.problem,
      keychain: keychain.ok ? null : keychain.error,
    }),
    async dispose() {
      if (disposed) return;
      disposed = true;
      if (policyTimer !== null) timers.clearTimeout(policyTimer);
      policyTimer = null;
      await chain;
      await teardown();
      await demo.stop();
      hub.clear();
    },
  };
}

export type { AppCore, AppCoreDeps } from './app-core-types';
export type { NotificationIntent } from '../notify/notification-policy';
export type { TrayAction, TrayModel } from '../tray/tray-model';
export type { PowerEvent, WindowPort } from './agent-actions';
export type { AppEventListener } from './event-hub';
