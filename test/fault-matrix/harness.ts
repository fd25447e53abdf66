import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { genUserSig } from '../../electron/core/api/usersig';
import { createAppCore, type AppCore } from '../../electron/core/app/app-core';
import type { Logger, LogLevel } from '../../electron/core/ports';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/index';
import type { IpcHandlers, IpcResult } from '../../shared/ipc-contract';
import { defaultSettings } from '../../shared/settings';
import type { StatusSnapshot } from '../../shared/snapshot';
import { FakeClock, flushPromises } from '../helpers/fake-clock';
import { InMemorySecretStore } from '../helpers/in-memory-secret-store';
import { installIoTracker, requestsErrored, requestsInFlight } from './io-tracker';

/**
 * One cell's world: the REAL app core (createAppCore, configured as a real account whose custom
 * endpoints are the simulator) against the REAL simulator over loopback, both on one FakeClock.
 *
 * Time only moves when the driver moves it, and only while no HTTP request is on the wire (see
 * io-tracker.ts), so a loopback round trip takes no fake time. While an operation is awaited
 * (`settle`) only timers due within SOON_MS fire (retry sleeps), plus the deadline (10 s, on the
 * fake clock) of a request the simulator keeps hanging ("parked"); `advance` and `waitUntil` let
 * every timer fire in turn (the app's own polls). No real sleep is longer than a millisecond.
 */

/** Thursday 2026-11-19 11:00 at UTC+8: a working day. */
export const START_MS = Date.UTC(2026, 10, 19, 3, 0, 0);
export const TODAY = '2026-11-19';

/** Timers due within this many fake ms fire while an operation is awaited (retry sleeps). */
const SOON_MS = 600;
/** Real-time cap on one wait (below vitest's 20 s test timeout, so a stuck cell says why). */
const REAL_CAP_MS = 15_000;

/** How the account is set up before the fault. */
export interface SetupOptions {
  /** Temporary (STS-like) CCC credentials with this lifetime instead of a permanent key. */
  temporaryTtlSeconds?: number;
  /** A pasted administrator UserSig with this lifetime instead of the IM key. */
  pastedUserSigSeconds?: number;
}

interface LogEntry {
  level: LogLevel;
  message: string;
  fields: Record<string, unknown>;
}

type Handler<C extends keyof IpcHandlers> = IpcHandlers[C];

/** See the module comment. */
export class CellHarness {
  /** Names of the core's events so far (status:drift must never appear: nobody else acts). */
  readonly events: string[] = [];
  /** Returns how many requests the simulator is deliberately keeping unanswered (hang faults). */
  parked: () => Promise<number> = () => Promise.resolve(0);
  private readonly erroredAtStart = requestsErrored();

  private constructor(
    readonly clock: FakeClock,
    readonly sim: RunningSimulator,
    readonly core: AppCore,
    readonly agent: string,
    /** Every line the core logged (the matrix counts failed request attempts in it). */
    readonly log: LogEntry[],
    private readonly dataDir: string,
  ) {}

  /** Starts the simulator and the core, configures the account and syncs once (agent free). */
  static async start(opts: SetupOptions = {}): Promise<CellHarness> {
    installIoTracker();
    const clock = new FakeClock(START_MS);
    const sim = await startSimulator({
      clock,
      autopilot: false,
      staffCount: 2,
      // The limiter is not under test here (the rate-limit storm is injected): fake time stands
      // still while an operation runs, so every request of a 7-day view lands in one "second".
      rateLimitPerSecond: 100_000,
    });
    const dataDir = await mkdtemp(join(tmpdir(), 'fault-matrix-'));
    const log: LogEntry[] = [];
    const logger: Logger = {
      log: (level, message, fields = {}) => log.push({ level, message, fields }),
    };
    const core = await createAppCore({
      dataDir,
      secretStore: new InMemorySecretStore(),
      clock,
      timers: clock,
      logger,
      systemLocale: 'en-US',
      platform: 'linux',
      version: '0.0.0-fault-matrix',
      random: () => 0.5,
    });
    const h = new CellHarness(clock, sim, core, sim.staff[0]!, log, dataDir);
    core.events.subscribe((name) => h.events.push(name));
    try {
      await h.configure(opts);
    } catch (e) {
      await h.dispose();
      throw e;
    }
    return h;
  }

  private async configure(opts: SetupOptions): Promise<void> {
    const s = defaultSettings();
    this.value(
      await this.call('settings:update', {
        ...s,
        account: {
          ...s.account,
          sdkAppId: this.sim.sdkAppId,
          agentId: this.agent,
          endpoint: 'custom',
          customBaseUrl: this.sim.url,
        },
        desk: {
          ...s.desk,
          enabled: true,
          customBaseUrl: this.sim.desk.baseUrl,
          imSdkAppId: this.sim.desk.imSdkAppId,
          adminIdentifier: this.sim.desk.adminIdentifier,
          userSigMode: opts.pastedUserSigSeconds ? 'pasted' : 'key',
        },
      }),
    );
    if (opts.pastedUserSigSeconds) await this.pasteUserSig(opts.pastedUserSigSeconds);
    else
      this.value(
        await this.call('credentials:saveDesk', { mode: 'key', imKey: this.sim.desk.imKey }),
      );
    if (opts.temporaryTtlSeconds) await this.saveTemporaryKey(opts.temporaryTtlSeconds);
    else this.value(await this.call('credentials:saveCcc', { ...this.sim.credentials }));
    const synced = this.value(await this.call('status:refresh', undefined));
    if (synced.connection !== 'ok' || synced.status !== 'free')
      throw new Error(`set-up did not sync: ${synced.connection} ${synced.status}`);
  }

  /** Saves fresh temporary credentials made by the simulator (what an admin's STS call gives). */
  async saveTemporaryKey(ttlSeconds: number): Promise<void> {
    const t = await this.sim.control.addTemporaryCredentials({ ttlSeconds });
    if (!t.ok) throw new Error(t.error.message);
    this.value(
      await this.call('credentials:saveCcc', {
        secretId: t.value.secretId,
        secretKey: t.value.secretKey,
        token: t.value.token,
        expiresAtMs: t.value.expiredTime * 1000,
      }),
    );
  }

  /** Pastes an administrator UserSig made now with the simulator's IM key. */
  async pasteUserSig(lifetimeSeconds: number): Promise<void> {
    const userSig = genUserSig({
      sdkAppId: this.sim.desk.imSdkAppId,
      key: this.sim.desk.imKey,
      identifier: this.sim.desk.adminIdentifier,
      lifetimeSeconds,
      nowSeconds: Math.floor(this.clock.now() / 1000),
    });
    this.value(await this.call('credentials:saveDesk', { mode: 'pasted', userSig }));
  }

  /** Calls an IPC handler of the core and drives the clock until it answers. */
  call<C extends keyof IpcHandlers>(
    channel: C,
    input: Parameters<Handler<C>>[0],
  ): ReturnType<Handler<C>> {
    const handler = this.core.handlers[channel] as (i: unknown) => ReturnType<Handler<C>>;
    return this.settle(handler(input)) as ReturnType<Handler<C>>;
  }

  /** The value of an IpcResult, or a thrown error naming the failure (set-up steps only). */
  value<T>(r: IpcResult<T>): T {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
    return r.value;
  }

  /** The core's current snapshot (no request). */
  async snapshot(): Promise<StatusSnapshot> {
    return this.value(await this.core.handlers['status:get'](undefined));
  }

  /** The agent as the simulator's world has it. */
  async world(): Promise<{ status: string; reason: string }> {
    const s = await this.sim.control.state();
    const a = s.ok ? s.value.agents.find((x) => x.userId === this.agent) : undefined;
    if (!a) throw new Error('the agent is missing from the simulator state');
    return { status: a.status, reason: a.reason };
  }

  /** Log lines of failed request attempts (CCC and desk) so far. */
  failedAttempts(): number {
    return this.log.filter(
      (l) => l.message === 'ccc: attempt failed' || l.message === 'desk: attempt failed',
    ).length;
  }

  /** Requests ended in an error since this cell began. */
  errored(): number {
    return requestsErrored() - this.erroredAtStart;
  }

  /** Waits (really) until no unparked request is on the wire. */
  private async quiescent(deadline: number): Promise<void> {
    for (;;) {
      await flushPromises();
      if (requestsInFlight() <= (await this.parked())) {
        // Let a finished response's remaining callbacks (body end, deadline cleared) run.
        await flushPromises();
        await flushPromises();
        if (requestsInFlight() <= (await this.parked())) return;
      }
      if (Date.now() > deadline) throw new Error('a request stayed in flight (real time cap)');
      await new Promise((r) => setTimeout(r, 1));
    }
  }

  /**
   * Drives the clock until `p` settles: waits for requests on the wire, fires timers due soon
   * (retry sleeps), and moves to a later timer only when a parked request waits for its deadline.
   */
  async settle<T>(p: Promise<T>): Promise<T> {
    let done = false;
    void p.then(
      () => (done = true),
      () => (done = true),
    );
    const deadline = Date.now() + REAL_CAP_MS;
    while (!done) {
      await this.quiescent(deadline);
      if (done) break;
      const next = this.clock.pendingDelays()[0];
      const parked = await this.parked();
      if (next !== undefined && (next <= SOON_MS || parked > 0)) {
        await this.clock.advanceAsync(next);
        continue;
      }
      if (Date.now() > deadline) throw new Error('the operation never settled (real time cap)');
      await new Promise((r) => setTimeout(r, 1));
    }
    return p;
  }

  /** Lets `ms` of fake time pass, timer by timer, each request completing before time moves on. */
  async advance(ms: number): Promise<void> {
    const target = this.clock.now() + ms;
    const deadline = Date.now() + REAL_CAP_MS;
    for (;;) {
      await this.quiescent(deadline);
      const next = this.clock.pendingDelays()[0];
      if (next === undefined || this.clock.now() + next > target) break;
      await this.clock.advanceAsync(next);
    }
    await this.clock.advanceAsync(target - this.clock.now());
    await this.quiescent(deadline);
  }

  /**
   * Lets time pass timer by timer until `done()` holds; returns the fake ms it took, or null when
   * it did not hold within `maxMs`. Nothing is triggered by hand: only the app's own timers run.
   */
  async waitUntil(done: () => Promise<boolean>, maxMs: number): Promise<number | null> {
    const start = this.clock.now();
    const deadline = Date.now() + REAL_CAP_MS;
    for (;;) {
      await this.quiescent(deadline);
      if (await done()) return this.clock.now() - start;
      const next = this.clock.pendingDelays()[0];
      if (next === undefined || this.clock.now() + next - start > maxMs) return null;
      await this.clock.advanceAsync(next);
    }
  }

  /** Stops the core and the simulator and removes the data folder. */
  async dispose(): Promise<void> {
    this.parked = () => Promise.resolve(0);
    await this.core.dispose();
    await this.sim.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
