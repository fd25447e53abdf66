import { err, ok, type AppError, type Result } from '../../../shared/result';
import type { RedactingLogger } from '../logger';
import type { Clock } from '../ports';
import type { DemoTarget } from './runtime';

/**
 * Demo mode's simulator: started on 127.0.0.1 on demand, its credentials (SecretKey, IM key)
 * kept in memory only (never in the keychain) and registered with the log redactor, closed on
 * stop. The simulated day runs on the app's clock, after a simulated past week (history), so
 * the daily stats of past days and the 7-day trend have something to show. The simulator itself
 * is the composition root's choice (a factory it hands in): the core imports none.
 */

/** Past days the demo simulator lives before today (the stats view's 7-day trend). */
export const DEMO_HISTORY_DAYS = 7;

/** What the app needs of a running simulator (electron/simulator's demo.ts and index.ts give it). */
export interface DemoSimulator {
  url: string;
  sdkAppId: number;
  staff: string[];
  credentials: { secretId: string; secretKey: string };
  desk: { baseUrl: string; imSdkAppId: number; adminIdentifier: string; imKey: string };
  close(): Promise<void>;
}

export interface DemoSimulatorOptions {
  port?: number;
  clock?: Clock;
  seed?: number;
  autopilot?: boolean;
  /** Whole days simulated before today (with autopilot). */
  historyDays?: number;
  tzOffsetMinutes?: number;
}

export type DemoSimulatorFactory = (opts: DemoSimulatorOptions) => Promise<DemoSimulator>;

export interface Demo {
  /** Starts the simulator if it is not running. */
  start(tzOffsetMinutes: number): Promise<Result<void>>;
  stop(): Promise<void>;
  /** The running simulator as the runtime sees it; null when stopped. */
  target(): DemoTarget | null;
}

const demoUnavailable = (): AppError => ({
  source: 'app',
  code: 'demo_unavailable',
  kind: 'config',
  message: 'Demo mode is not available in this build: it was started without a simulator.',
  retryable: false,
});

const demoFailed = (): AppError => ({
  source: 'app',
  code: 'demo_failed',
  kind: 'unknown',
  message: 'The demo could not start: the local simulator did not open a port on 127.0.0.1.',
  retryable: true,
});

/** Creates the demo controller. */
export function createDemo(opts: {
  factory?: DemoSimulatorFactory;
  clock: Clock;
  logger: RedactingLogger;
  options?: { seed?: number; autopilot?: boolean; historyDays?: number };
}): Demo {
  const { factory } = opts;
  let sim: DemoSimulator | null = null;
  let target: DemoTarget | null = null;
  let starting: Promise<Result<void>> | null = null;

  return {
    start(tzOffsetMinutes) {
      if (sim) return Promise.resolve(ok(undefined));
      if (!factory) return Promise.resolve(err(demoUnavailable()));
      starting ??= (async (): Promise<Result<void>> => {
        try {
          const s = await factory({
            port: 0,
            clock: opts.clock,
            seed: opts.options?.seed ?? 1,
            autopilot: opts.options?.autopilot ?? true,
            historyDays: opts.options?.historyDays ?? DEMO_HISTORY_DAYS,
            tzOffsetMinutes,
          });
          const agentId = s.staff[0];
          if (!agentId) {
            await s.close().catch(() => undefined);
            return err(demoFailed());
          }
          opts.logger.addSecret(s.credentials.secretKey);
          opts.logger.addSecret(s.desk.imKey);
          sim = s;
          target = {
            url: s.url,
            sdkAppId: s.sdkAppId,
            agentId,
            credentials: { ...s.credentials },
            desk: { ...s.desk },
          };
          opts.logger.log('info', 'demo: simulator started', { url: s.url });
          return ok(undefined);
        } catch (e) {
          opts.logger.log('error', 'demo: simulator failed to start', { error: String(e) });
          return err(demoFailed());
        } finally {
          starting = null;
        }
      })();
      return starting;
    },
    async stop() {
      await starting;
      const s = sim;
      sim = null;
      target = null;
      if (s) await s.close().catch(() => undefined);
    },
    target: () => target,
  };
}
