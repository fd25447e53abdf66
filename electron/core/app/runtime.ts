import { createCccClient } from '../api/ccc-client';
import type { CccClient, CccEndpoint } from '../api/ccc-types';
import { createDeskClient, type DeskClient, type DeskEndpoint } from '../api/desk-client';
import { keyUserSigProvider, type UserSigProvider } from '../api/usersig';
import type { CredentialService, CccSecret } from '../credentials/credential-service';
import type { SecretRedactor } from '../logger';
import type { Clock, Logger, Timers } from '../ports';
import { StatusEngine } from '../status/engine';
import type { CachedDay, CacheKey, StatsCache } from '../stats/stats-cache';
import { createStatsService, type StatsService } from '../stats/stats-service';
import type { Settings } from '../../../shared/settings';
import { err, ok, type AppError, type Result } from '../../../shared/result';

/**
 * What the app talks to right now, and how it is built: a real account (settings + keychain
 * credentials) or the demo simulator (credentials held in memory only). `resolveRuntimeConfig`
 * says exactly what is missing when nothing can run; `createRuntime` wires the CCC client, the
 * status engine, the desk client and the stats service; `dispose` stops and closes all of it.
 */

/** The running demo simulator, as far as the app needs it. */
export interface DemoTarget {
  url: string;
  sdkAppId: number;
  agentId: string;
  credentials: { secretId: string; secretKey: string };
  desk: { baseUrl: string; imSdkAppId: number; adminIdentifier: string; imKey: string };
}

export interface DeskConfig {
  endpoint: DeskEndpoint;
  imSdkAppId: number;
  adminIdentifier: string;
  userSig: UserSigProvider;
  /** Identifies the desk set-up (rebuild when it changes). */
  key: string;
}

export interface RuntimeConfig {
  kind: 'real' | 'demo';
  endpoint: CccEndpoint;
  sdkAppId: number;
  agentId: string;
  language: 'zh-CN' | 'en-US';
  credentials: () => Promise<CccSecret | null>;
  desk: DeskConfig | null;
  /** Why the desk is not available although enabled; null when available or disabled. */
  deskMissing: string | null;
  /** Voice stats from the centre's call records (always in demo, opt-in with a real account). */
  voice: boolean;
  tzOffsetMinutes: number;
  /** Identifies the CCC set-up (a different key means a new engine). */
  engineKey: string;
}

const missing = (message: string): AppError => ({
  source: 'app',
  code: 'not_configured',
  kind: 'config',
  message,
  retryable: false,
});

/** Builds the config for the current settings, credentials and demo state, or says what is missing. */
export function resolveRuntimeConfig(
  settings: Settings,
  credentials: CredentialService,
  demo: DemoTarget | null,
  clock: Clock,
  /** Bumped on every desk credential save (a new IM key looks the same in the status). */
  deskRevision = 0,
  /** Masks each demo UserSig once generated (real ones: the credential service does it). */
  redactor?: Pick<SecretRedactor, 'addSecret'>,
): Result<RuntimeConfig> {
  const tz = settings.desk.timeZoneOffsetMinutes;
  const language = settings.account.apiLanguage;
  if (settings.demoMode) {
    if (!demo)
      return err(missing('The demo simulator is not running. Stop the demo and start it again.'));
    const generated = keyUserSigProvider({
      sdkAppId: demo.desk.imSdkAppId,
      identifier: demo.desk.adminIdentifier,
      key: () => demo.desk.imKey,
      clock,
    });
    // A generated UserSig is a secret too (an error text may quote it): masked from the start.
    let last: string | null = null;
    const userSig: UserSigProvider = {
      ...generated,
      get() {
        const r = generated.get();
        if (r.ok && r.value !== last) {
          last = r.value;
          redactor?.addSecret(r.value);
        }
        return r;
      },
    };
    return ok({
      kind: 'demo',
      endpoint: { baseUrl: demo.url },
      sdkAppId: demo.sdkAppId,
      agentId: demo.agentId,
      language,
      credentials: () => Promise.resolve({ ...demo.credentials }),
      desk: {
        endpoint: { baseUrl: demo.desk.baseUrl },
        imSdkAppId: demo.desk.imSdkAppId,
        adminIdentifier: demo.desk.adminIdentifier,
        userSig,
        key: JSON.stringify(['demo', demo.desk.baseUrl, tz]),
      },
      deskMissing: null,
      voice: true,
      tzOffsetMinutes: tz,
      engineKey: JSON.stringify(['demo', demo.url, demo.agentId, language]),
    });
  }

  const a = settings.account;
  if (a.sdkAppId === null)
    return err(missing('Enter the SdkAppId of your CCC instance in Settings.'));
  if (a.agentId.trim() === '')
    return err(missing('Enter your agent account (the email CCC knows you by) in Settings.'));
  if (a.endpoint === 'custom' && !a.customBaseUrl) {
    return err(
      missing(
        'Enter the custom API address in Settings, or choose the mainland or international endpoint.',
      ),
    );
  }
  const cred = credentials.status();
  if (!cred.ccc.set)
    return err(missing('Enter your Tencent Cloud API key (SecretId and SecretKey) in Settings.'));
  const endpoint: CccEndpoint =
    a.endpoint === 'custom' ? { baseUrl: a.customBaseUrl! } : a.endpoint;

  const d = settings.desk;
  let desk: DeskConfig | null = null;
  let deskMissing: string | null = null;
  if (d.enabled) {
    const provider =
      d.imSdkAppId === null
        ? null
        : credentials.userSigProvider({ sdkAppId: d.imSdkAppId, identifier: d.adminIdentifier });
    if (d.imSdkAppId === null)
      deskMissing =
        'Enter the IM SDKAppID of your desk application in Settings to load daily stats.';
    else if (!provider)
      deskMissing =
        'Enter the IM key or paste an administrator UserSig in Settings to load daily stats.';
    else {
      desk = {
        endpoint: d.customBaseUrl ? { baseUrl: d.customBaseUrl } : { dataCentre: d.dataCentre },
        imSdkAppId: d.imSdkAppId,
        adminIdentifier: d.adminIdentifier,
        userSig: provider,
        key: JSON.stringify(['real', d, cred.desk, deskRevision]),
      };
    }
  }
  return ok({
    kind: 'real',
    endpoint,
    sdkAppId: a.sdkAppId,
    agentId: a.agentId.trim(),
    language,
    credentials: () => credentials.cccCredentials(),
    desk,
    deskMissing,
    voice: settings.voice.enabled,
    tzOffsetMinutes: tz,
    engineKey: JSON.stringify(['real', endpoint, a.sdkAppId, a.agentId.trim(), language]),
  });
}

export interface RuntimeDeps {
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** Masks the customer numbers of the agent's calls in logs (the app's redacting logger). */
  redactor?: Pick<SecretRedactor, 'addSecret'>;
  random: () => number;
  dataDir: string;
}

/** The live parts. `desk`/`stats` are rebuilt on their own when only the desk or voice set-up changes. */
export interface Runtime {
  config: RuntimeConfig;
  ccc: CccClient;
  engine: StatusEngine;
  desk: DeskClient | null;
  stats: StatsService;
  /** Rebuilds the desk client and the stats service for a new desk or voice config. */
  replaceDesk(config: RuntimeConfig): Promise<void>;
  dispose(): Promise<void>;
}

/** Keeps demo stats out of the on-disk cache (the simulated days are not the account's). */
function memoryStatsCache(): StatsCache {
  const map = new Map<string, CachedDay>();
  const keyOf = (k: CacheKey) => JSON.stringify([k.scope, k.agentId, k.day, k.tzOffsetMinutes]);
  return {
    filePath: '',
    get: (k) => Promise.resolve(map.get(keyOf(k)) ?? null),
    put: (e) => {
      map.set(keyOf(e), e);
      return Promise.resolve(ok(undefined));
    },
  };
}

/** What building an API client needs from the app. */
export type ClientDeps = Pick<RuntimeDeps, 'clock' | 'timers' | 'logger' | 'random'>;

/** The CCC client for a config (the runtime's, and the connection test's one-off). */
export function cccClientFor(
  c: RuntimeConfig,
  deps: ClientDeps,
  initialClockOffsetMs?: number,
): CccClient {
  return createCccClient({
    endpoint: c.endpoint,
    sdkAppId: c.sdkAppId,
    credentials: c.credentials,
    language: c.language,
    clock: deps.clock,
    timers: deps.timers,
    random: deps.random,
    logger: deps.logger,
    initialClockOffsetMs,
  });
}

/** The desk client for a config, or null when the desk is not set up. */
export function deskClientFor(c: RuntimeConfig, deps: ClientDeps): DeskClient | null {
  return c.desk
    ? createDeskClient({
        endpoint: c.desk.endpoint,
        imSdkAppId: c.desk.imSdkAppId,
        adminIdentifier: c.desk.adminIdentifier,
        userSig: c.desk.userSig,
        agentId: c.agentId,
        tzOffsetMinutes: c.tzOffsetMinutes,
        clock: deps.clock,
        timers: deps.timers,
        random: deps.random,
        logger: deps.logger,
      })
    : null;
}

/** Creates and starts the runtime for a config. */
export function createRuntime(
  config: RuntimeConfig,
  settings: Settings,
  deps: RuntimeDeps,
  opts: { visible: boolean; initialClockOffsetMs?: number },
): Runtime {
  const ccc = cccClientFor(config, deps, opts.initialClockOffsetMs);
  const engine = new StatusEngine({
    clock: deps.clock,
    timers: deps.timers,
    client: ccc,
    logger: deps.logger,
    random: deps.random,
    sdkAppId: config.sdkAppId,
    agentId: config.agentId,
    visibleIntervalMs: settings.polling.visibleSeconds * 1000,
    hiddenIntervalMs: settings.polling.hiddenSeconds * 1000,
    teamSize: settings.polling.teamSize,
  });
  const demoCache = config.kind === 'demo' ? memoryStatsCache() : undefined;

  const buildDesk = (c: RuntimeConfig): DeskClient | null => deskClientFor(c, deps);
  const buildStats = (c: RuntimeConfig, desk: DeskClient | null): StatsService =>
    createStatsService({
      ccc,
      desk,
      voice: c.voice ? ccc : null,
      redactor: deps.redactor,
      clock: deps.clock,
      dataDir: deps.dataDir,
      cache: demoCache,
      agentId: c.agentId,
      tzOffsetMinutes: c.tzOffsetMinutes,
      scope: `${c.kind}:${c.sdkAppId}:${c.desk?.imSdkAppId ?? ''}`,
      logger: deps.logger,
    });

  const desk = buildDesk(config);
  const runtime: Runtime = {
    config,
    ccc,
    engine,
    desk,
    stats: buildStats(config, desk),
    async replaceDesk(next) {
      const old = runtime.desk;
      runtime.desk = buildDesk(next);
      runtime.stats = buildStats(next, runtime.desk);
      runtime.config = next;
      await old?.close().catch(() => undefined);
    },
    async dispose() {
      engine.stop();
      await Promise.all([
        ccc.close().catch(() => undefined),
        runtime.desk?.close().catch(() => undefined),
      ]);
    },
  };
  engine.setVisible(opts.visible);
  engine.start();
  return runtime;
}
