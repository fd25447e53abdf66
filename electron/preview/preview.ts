import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAppCore, type AppCore } from '../core/app/app-core';
import type { DemoSimulatorFactory } from '../core/app/demo';
import { createMemorySecretStore } from '../core/credentials/secret-store';
import { createLogger } from '../core/logger';
import { systemClock, systemTimers } from '../core/ports';
import { startSimulator } from '../simulator/index';
import { DEMO_AGENT } from '../simulator/roster';
import { buildBridgeClient, buildRenderer } from './build';
import { startPreviewServer, type PreviewServer } from './server';

/**
 * The browser preview: the real app core and demo simulator in Node (no Electron), an in-memory
 * SecretStore and a throw-away data folder, and the built renderer served on 127.0.0.1 with a
 * bridge that speaks the IPC contract. How the app is seen without Electron, and what the
 * end-to-end tests drive.
 */

export interface PreviewOptions {
  /** A built renderer to serve; default: build one into a temporary folder. */
  rendererDir?: string;
  /** 0 (default) = a random free port. */
  port?: number;
  /** Start demo mode before returning (the bench; `--demo`). */
  demo?: boolean;
  /** The demo agent is left alone by the simulator's autopilot (deterministic tests). */
  manualAgent?: boolean;
  /** Log core messages from this level on to stderr. Default 'warn'. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Called when the demo simulator starts (its control URL and token, for tests). */
  onSimulator?: (info: SimulatorInfo) => void;
  systemLocale?: string;
}

/** How to drive the demo simulator: POST `${url}/__sim/<command>` with header x-sim-token. */
export interface SimulatorInfo {
  simulatorUrl: string;
  simControlToken: string;
  agentId: string;
}

export interface Preview {
  /** The page to open, with the bridge token in the fragment. */
  url: string;
  server: PreviewServer;
  core: AppCore;
  simulator(): SimulatorInfo | null;
  close(): Promise<void>;
}

/** Starts the core, builds (unless given) and serves the renderer. */
export async function startPreview(opts: PreviewOptions = {}): Promise<Preview> {
  const temp = await mkdtemp(join(tmpdir(), 'ccc-preview-'));
  const cleanups: (() => Promise<void>)[] = [() => rm(temp, { recursive: true, force: true })];
  const close = async (): Promise<void> => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  };
  try {
    const rendererDir = resolve(opts.rendererDir ?? join(temp, 'renderer'));
    const [bridgeJs] = await Promise.all([
      buildBridgeClient(),
      opts.rendererDir ? null : buildRenderer(rendererDir),
    ]);

    let sim: SimulatorInfo | null = null;
    const simulatorFactory: DemoSimulatorFactory = async (simOpts) => {
      const running = await startSimulator({
        ...simOpts,
        autopilotExclude: opts.manualAgent ? [DEMO_AGENT.userId] : [],
      });
      sim = {
        simulatorUrl: running.url,
        simControlToken: running.controlToken,
        agentId: running.staff[0] ?? '',
      };
      opts.onSimulator?.(sim);
      return {
        ...running,
        close: async () => {
          sim = null;
          await running.close();
        },
      };
    };

    const logger = createLogger({
      sink: (line) => process.stderr.write(`${line}\n`),
      level: opts.logLevel ?? 'warn',
    });
    const core = await createAppCore({
      dataDir: join(temp, 'data'),
      secretStore: createMemorySecretStore(),
      clock: systemClock,
      timers: systemTimers,
      logger,
      systemLocale: opts.systemLocale ?? Intl.DateTimeFormat().resolvedOptions().locale,
      platform: process.platform,
      version: process.env.npm_package_version ?? '0.0.0-preview',
      openExternal: (url) => {
        process.stderr.write(`preview: the app would open ${url}\n`);
      },
      simulatorFactory,
    });
    cleanups.push(() => core.dispose());

    const token = randomBytes(24).toString('base64url');
    const server = await startPreviewServer({
      rendererDir,
      bridgeJs,
      token,
      handlers: core.handlers,
      subscribe: (listener) => core.events.subscribe(listener),
      port: opts.port ?? 0,
    });
    cleanups.push(() => server.close());

    if (opts.demo) {
      const started = await core.handlers['demo:start'](undefined);
      if (!started.ok) throw new Error(`demo mode did not start: ${started.message}`);
    }
    return { url: `${server.origin}#token=${token}`, server, core, simulator: () => sim, close };
  } catch (e) {
    await close();
    throw e;
  }
}
