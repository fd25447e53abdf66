import { randomBytes } from 'node:crypto';
import { DEFAULT_TZ_OFFSET_MINUTES } from '../../shared/day-key';
import { systemClock, type Clock } from '../core/ports';
import { CredentialStore } from './auth';
import { createCccHandler, type SimReply } from './ccc-handler';
import { createDeskHandler, type DeskHandler } from './desk-handler';
import type { FaultSource } from './fault-source';
import { SimHttpServer } from './http-server';
import { SlidingWindowRateLimiter } from './rate-limiter';
import { SimWorld } from './world';

/**
 * The simulated service itself, shared by the full simulator (index.ts: tests, the preview, the
 * CLI, with fault injection and the control interface) and the app's demo mode (demo.ts, with
 * neither): the deterministic world, the demo credentials, the CCC API 3.0 and IM desk handlers
 * and the HTTP server on 127.0.0.1, answering with the faults it is given.
 */

export interface SimulatorOptions {
  /** 0 (default) = a random free port on 127.0.0.1. */
  port?: number;
  /** Default systemClock. Inject a fake one to run a simulated day in seconds. */
  clock?: Clock;
  /** Seed of the deterministic day. Default 1. */
  seed?: number;
  /** Number of agents (default 8); staff[0] is the demo agent. */
  staffCount?: number;
  /** Simulate a day of agent life. Default true; tests that drive everything pass false. */
  autopilot?: boolean;
  /** Agents the autopilot leaves alone from today on (they start online and free). */
  autopilotExclude?: string[];
  /**
   * With autopilot: whole days simulated before today, every agent (the demo agent included)
   * working normal shifts, so past days have status history and IM sessions. Default 0.
   */
  historyDays?: number;
  /** Requests per second per action per SecretId. Default 20. */
  rateLimitPerSecond?: number;
  /** Wrap-up (afterCallWork) countdown in simulated seconds. Default 30. */
  wrapUpSeconds?: number;
  /** Account time zone for "today" and desk day boundaries, minutes east of UTC. Default 480. */
  tzOffsetMinutes?: number;
  /** Serve HTTPS (PEM key and certificate) instead of HTTP, like the real service. */
  tls?: { key: string; cert: string };
}

/** SdkAppId of the simulated CCC instance. */
export const SIM_SDK_APP_ID = 1400800001;
/** SDKAppID and administrator of the simulated IM (desk) application. */
export const SIM_IM_SDK_APP_ID = 1600012345;
export const SIM_IM_ADMIN = 'administrator';

/** The service as it runs: endpoints, demo credentials, and the parts index.ts drives. */
export interface SimulatedService {
  /** http(s)://127.0.0.1:PORT, the CCC API 3.0 endpoint (POST /). */
  url: string;
  port: number;
  credentials: { secretId: string; secretKey: string };
  sdkAppId: number;
  /** Agent accounts (emails); staff[0] is the demo agent. */
  staff: string[];
  /** The IM desk side, served by the same server (`${baseUrl}/v4/desk_http_svc/<command>`). */
  desk: { baseUrl: string; imSdkAppId: number; adminIdentifier: string; imKey: string };
  world: SimWorld;
  store: CredentialStore;
  deskHandler: DeskHandler;
  server: SimHttpServer;
  close(): Promise<void>;
}

/**
 * Starts the service on 127.0.0.1: a real HTTP server speaking CCC API 3.0 (TC3 signatures
 * verified like the service, 20 req/s per action per key) and the IM desk REST commands, over a
 * deterministic simulated day driven by the injected clock. `control` serves /__sim/ (absent:
 * those paths are not found). Fails only when the port cannot be bound.
 */
export async function openSimulatedService(
  opts: SimulatorOptions,
  faults: FaultSource,
  control?: (command: string, token: string, body: string) => Promise<SimReply>,
): Promise<SimulatedService> {
  const clock = opts.clock ?? systemClock;
  const tzOffsetMinutes = opts.tzOffsetMinutes ?? DEFAULT_TZ_OFFSET_MINUTES;
  const world = new SimWorld({
    clock,
    seed: opts.seed ?? 1,
    staffCount: opts.staffCount ?? 8,
    autopilot: opts.autopilot ?? true,
    autopilotExclude: opts.autopilotExclude ?? [],
    historyDays: opts.historyDays ?? 0,
    wrapUpSeconds: opts.wrapUpSeconds ?? 30,
    tzOffsetMinutes,
  });
  const store = new CredentialStore();
  const credentials = store.addPermanent();
  const rateLimitPerSecond = opts.rateLimitPerSecond ?? 20;
  const imKey = randomBytes(32).toString('hex');
  const desk = createDeskHandler({
    world,
    imSdkAppId: SIM_IM_SDK_APP_ID,
    adminIdentifier: SIM_IM_ADMIN,
    imKey,
    clock,
    tzOffsetMinutes,
  });
  const ccc = createCccHandler({
    world,
    store,
    limiter: new SlidingWindowRateLimiter(rateLimitPerSecond),
    rateLimitPerSecond,
    faults,
    sdkAppId: SIM_SDK_APP_ID,
    clock,
  });
  const server = new SimHttpServer({
    clock,
    faults,
    ...(opts.tls ? { tls: opts.tls } : {}),
    handlers: {
      ccc: (req) => ccc.handle(req),
      ...(control ? { control } : {}),
      desk: (command, query, body) => {
        world.advanceTo(clock.now());
        return desk.handle(command, query, body);
      },
    },
  });
  await server.listen(opts.port ?? 0);
  const url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${server.port}`;
  return {
    url,
    port: server.port,
    credentials,
    sdkAppId: SIM_SDK_APP_ID,
    staff: world.staff().map((s) => s.userId),
    desk: { baseUrl: url, imSdkAppId: SIM_IM_SDK_APP_ID, adminIdentifier: SIM_IM_ADMIN, imKey },
    world,
    store,
    deskHandler: desk,
    server,
    close: () => server.close(),
  };
}
