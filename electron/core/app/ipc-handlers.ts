import type {
  ChannelOutput,
  IpcHandlers,
  IpcResult,
  TestConnectionResult,
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
import { guardHandlers, type GuardedHandlers } from './operation-guard';
import type { ShellStateStore } from './shell-state';

/**
 * The core's operations: one per channel of shared/ipc-contract.ts, each resolving to an IpcResult
 * (`{ok:true,value}` or `{ok:false,code,message}` with the AppError's code and human message),
 * served behind the one guard (operation-guard.ts: input and output parsed with the contract,
 * throws caught, secrets blocked) that every transport calls.
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

const fail = (
  e: Pick<AppError, 'code' | 'message'>,
): { ok: false; code: string; message: string } => ({
  ok: false,
  code: e.code,
  message: e.message,
});
const value = <T>(v: T): { ok: true; value: T } => ({ ok: true, value: v });
const fromResult = <T>(r: Result<T>): IpcResult<T> => (r.ok ? value(r.value) : fail(r.error));

/** Builds the guarded handler map over the core's operations. */
export function createIpcHandlers(c: HandlerContext): GuardedHandlers {
  const withEngine = async <T>(fn: (engine: StatusEngine) => Promise<T>): Promise<IpcResult<T>> => {
    const engine = c.engine();
    return engine ? value(await fn(engine)) : fail(c.notConfigured());
  };

  const operations: IpcHandlers = {
    'status:get': async () => value(c.snapshot()),
    // The caller gets the outcome as this answer (and not again as a status:outcome event).
    'status:set': (input) =>
      withEngine((e) => e.setStatus(input.status, input.reason ?? '', 'caller')),
    'status:cancelPending': () => withEngine((e) => e.cancelPending('caller')),
    'status:undo': () => withEngine((e) => e.undo('caller')),
    'status:refresh': async () => {
      const engine = c.engine();
      return value(engine ? await engine.refresh() : c.snapshot());
    },
    'app:visibility': async (input) => {
      c.setWindowVisible(input.visible);
      return value(undefined);
    },
    'app:info': async () => value(c.appInfo()),
    'app:openHelp': async (input) => {
      if (!c.openExternal)
        return fail({ code: 'unsupported', message: 'Opening web pages is not available here.' });
      const url = helpUrl(input.topic, c.settings().account.endpoint === 'international');
      await c.openExternal(url);
      return value(undefined);
    },
    'app:shell': async () => value(c.shell.get()),
    'app:restartToUpdate': async () => {
      const r = c.shell.restartToUpdate();
      return r.ok ? value(undefined) : fail(r.error);
    },
    'stats:day': async (input) => {
      const stats = c.stats();
      if (!stats) return fail(c.notConfigured());
      const r = await stats.getDay(input.day);
      return r.ok ? value(toDayStatsDto(r.value)) : fail(r.error);
    },
    'stats:week': async (input) => {
      const stats = c.stats();
      if (!stats) return fail(c.notConfigured());
      const r = await stats.getWeek(input.endDay ? { endDay: input.endDay } : {});
      return r.ok ? value(toWeekTrendDto(r.value)) : fail(r.error);
    },
    'settings:get': async () => value(c.settings()),
    'settings:update': async (input) => fromResult(await c.saveSettings(input)),
    'credentials:status': async () => value(c.credentials.status()),
    'credentials:saveCcc': async (input) => {
      const r = await c.credentials.saveCcc(input);
      if (r.ok) await c.afterCredentialChange('ccc');
      return fromResult(r);
    },
    'credentials:saveDesk': async (input) => {
      const desk = c.settings().desk;
      const r = await c.credentials.saveDesk(input, {
        identifier: desk.adminIdentifier,
        sdkAppId: desk.imSdkAppId,
      });
      if (r.ok) await c.afterCredentialChange('desk');
      return fromResult(r);
    },
    'credentials:test': async () => value(await c.testConnection()),
    'credentials:signOut': async () => {
      const r = await c.credentials.signOut();
      await c.afterCredentialChange('ccc');
      await c.afterCredentialChange('desk');
      return fromResult(r);
    },
    'demo:start': async () => {
      const r = await c.startDemo();
      return r.ok ? value(undefined) : fail(r.error);
    },
    'demo:stop': async () => {
      const r = await c.stopDemo();
      return r.ok ? value(undefined) : fail(r.error);
    },
  };
  return guardHandlers(operations, c);
}
