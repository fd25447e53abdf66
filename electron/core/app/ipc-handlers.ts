import {
  ipcContract,
  type Channel,
  type ChannelOutput,
  type IpcHandlers,
  type IpcResult,
  type TestConnectionResult,
} from '../../../shared/ipc-contract';
import type { AppError, Result } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import type { StatusSnapshot } from '../../../shared/snapshot';
import type { CredentialService } from '../credentials/credential-service';
import type { RedactingLogger } from '../logger';
import type { StatusEngine } from '../status/engine';
import { toDayStatsDto, toWeekTrendDto } from '../stats/stats-dto-map';
import type { StatsService } from '../stats/stats-service';
import { helpUrl } from './help-links';
import type { ShellStateStore } from './shell-state';

/**
 * The IPC handler map: one handler per channel of shared/ipc-contract.ts. Each resolves to an
 * IpcResult (`{ok:true,value}` or `{ok:false,code,message}` with the AppError's code and human
 * message) and never throws. On the way out every value is parsed with the channel's output
 * schema (unknown fields are dropped) and checked against every registered secret: a value that
 * fails either is replaced by an `internal` error and logged, so no secret can reach the renderer.
 * Inputs are validated by the IPC registration (electron/main/ipc.ts) before they get here.
 */

export interface HandlerContext {
  logger: RedactingLogger;
  isDisposed(): boolean;
  snapshot(): StatusSnapshot;
  engine(): StatusEngine | null;
  stats(): StatsService | null;
  notConfigured(): AppError;
  settings(): Settings;
  saveSettings(input: Settings): Promise<Result<Settings>>;
  credentials: CredentialService;
  afterCredentialChange(kind: 'ccc' | 'desk'): Promise<void>;
  testConnection(): Promise<TestConnectionResult>;
  startDemo(): Promise<Result<void>>;
  stopDemo(): Promise<Result<void>>;
  setWindowVisible(visible: boolean): void;
  appInfo(): ChannelOutput<'app:info'>;
  shell: Pick<ShellStateStore, 'get' | 'restartToUpdate'>;
  openExternal?: (url: string) => Promise<void> | void;
}

const INTERNAL = {
  ok: false,
  code: 'internal',
  message: 'Something went wrong inside the app. The details are in the log file.',
} as const;

const fail = (
  e: Pick<AppError, 'code' | 'message'>,
): { ok: false; code: string; message: string } => ({
  ok: false,
  code: e.code,
  message: e.message,
});
const value = <T>(v: T): { ok: true; value: T } => ({ ok: true, value: v });
const fromResult = <T>(r: Result<T>): IpcResult<T> => (r.ok ? value(r.value) : fail(r.error));

/** Builds the handler map over the core's operations. */
export function createIpcHandlers(c: HandlerContext): IpcHandlers {
  const { logger } = c;

  /** Wraps a handler: no throw escapes, outputs match the contract, no secret leaves. */
  const guard = <C extends Channel>(
    channel: C,
    fn: (input: Parameters<IpcHandlers[C]>[0]) => Promise<IpcResult<ChannelOutput<C>>>,
  ): IpcHandlers[C] =>
    (async (input: Parameters<IpcHandlers[C]>[0]) => {
      if (c.isDisposed())
        return { ok: false, code: 'shutting_down', message: 'The app is shutting down.' };
      let result: IpcResult<ChannelOutput<C>>;
      try {
        result = await fn(input);
      } catch (e) {
        logger.log('error', 'ipc handler threw', {
          channel,
          error: e instanceof Error ? e.name : typeof e,
        });
        return INTERNAL;
      }
      if (!result.ok) {
        return logger.containsSecret(result.message)
          ? { ...result, message: logger.redact(result.message) }
          : result;
      }
      const parsed = ipcContract[channel].output.safeParse(result.value);
      if (!parsed.success) {
        logger.log('error', 'ipc handler output does not match the contract', {
          channel,
          issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
        });
        return INTERNAL;
      }
      const text = JSON.stringify(parsed.data) ?? '';
      if (logger.containsSecret(text)) {
        logger.log('error', 'ipc handler output carried a secret: blocked', { channel });
        return INTERNAL;
      }
      return value(parsed.data as ChannelOutput<C>);
    }) as IpcHandlers[C];

  const withEngine = async <T>(fn: (engine: StatusEngine) => Promise<T>): Promise<IpcResult<T>> => {
    const engine = c.engine();
    return engine ? value(await fn(engine)) : fail(c.notConfigured());
  };

  return {
    'status:get': guard('status:get', async () => value(c.snapshot())),
    'status:set': guard('status:set', (input) =>
      withEngine((e) => e.setStatus(input.status, input.reason ?? '')),
    ),
    'status:cancelPending': guard('status:cancelPending', () =>
      withEngine((e) => e.cancelPending()),
    ),
    'status:undo': guard('status:undo', () => withEngine((e) => e.undo())),
    'status:refresh': guard('status:refresh', async () => {
      const engine = c.engine();
      return value(engine ? await engine.refresh() : c.snapshot());
    }),
    'app:visibility': guard('app:visibility', async (input) => {
      c.setWindowVisible(input.visible);
      return value(undefined);
    }),
    'app:info': guard('app:info', async () => value(c.appInfo())),
    'app:openHelp': guard('app:openHelp', async (input) => {
      if (!c.openExternal)
        return fail({ code: 'unsupported', message: 'Opening web pages is not available here.' });
      const url = helpUrl(input.topic, c.settings().account.endpoint === 'international');
      await c.openExternal(url);
      return value(undefined);
    }),
    'app:shell': guard('app:shell', async () => value(c.shell.get())),
    'app:restartToUpdate': guard('app:restartToUpdate', async () => {
      const r = c.shell.restartToUpdate();
      return r.ok ? value(undefined) : fail(r.error);
    }),
    'stats:day': guard('stats:day', async (input) => {
      const stats = c.stats();
      if (!stats) return fail(c.notConfigured());
      const r = await stats.getDay(input.day);
      return r.ok ? value(toDayStatsDto(r.value)) : fail(r.error);
    }),
    'stats:week': guard('stats:week', async (input) => {
      const stats = c.stats();
      if (!stats) return fail(c.notConfigured());
      const r = await stats.getWeek(input.endDay ? { endDay: input.endDay } : {});
      return r.ok ? value(toWeekTrendDto(r.value)) : fail(r.error);
    }),
    'settings:get': guard('settings:get', async () => value(c.settings())),
    'settings:update': guard('settings:update', async (input) =>
      fromResult(await c.saveSettings(input)),
    ),
    'credentials:status': guard('credentials:status', async () => value(c.credentials.status())),
    'credentials:saveCcc': guard('credentials:saveCcc', async (input) => {
      const r = await c.credentials.saveCcc(input);
      if (r.ok) await c.afterCredentialChange('ccc');
      return fromResult(r);
    }),
    'credentials:saveDesk': guard('credentials:saveDesk', async (input) => {
      const desk = c.settings().desk;
      const r = await c.credentials.saveDesk(input, {
        identifier: desk.adminIdentifier,
        sdkAppId: desk.imSdkAppId,
      });
      if (r.ok) await c.afterCredentialChange('desk');
      return fromResult(r);
    }),
    'credentials:test': guard('credentials:test', async () => value(await c.testConnection())),
    'credentials:signOut': guard('credentials:signOut', async () => {
      const r = await c.credentials.signOut();
      await c.afterCredentialChange('ccc');
      await c.afterCredentialChange('desk');
      return fromResult(r);
    }),
    'demo:start': guard('demo:start', async () => {
      const r = await c.startDemo();
      return r.ok ? value(undefined) : fail(r.error);
    }),
    'demo:stop': guard('demo:stop', async () => {
      const r = await c.stopDemo();
      return r.ok ? value(undefined) : fail(r.error);
    }),
  };
}
