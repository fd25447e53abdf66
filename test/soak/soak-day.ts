import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapCodeStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createAppCore, type AppCore } from '../../electron/core/app/app-core';
import { DEMO_HISTORY_DAYS } from '../../electron/core/app/demo';
import { createLogger } from '../../electron/core/logger';
import { dayKeyAt } from '../../shared/day-key';
import type { IpcResult } from '../../shared/ipc-contract';
import { InMemorySecretStore } from '../helpers/in-memory-secret-store';
import { httpTracker } from './http-tracker';
import { summarizeHeap, type HeapSummary } from './heap-summary';
import { startListenerCensus, type CensusCount } from './listener-census';
import { SharedFakeClock, startSimulatorInWorker, workerSimulatorFactory } from './sim-in-worker';

/**
 * A simulated working day of the real app core in demo mode, in accelerated time: the status
 * engine polling the simulator at its own intervals (hidden, and visible 5 minutes each hour),
 * today's stats refreshed every few minutes and the week every hour, the tray model rebuilt on
 * every change and every minute (tooltip timer), and the agent taking breaks with the shortcut
 * and undoing one. Time moves only on the fake clock; real loopback I/O is awaited, never timed.
 * Measures the app's heap after gc, each hour and with heap snapshots after the first hour and at
 * the end (the simulator runs in a worker thread with its own heap),
 * the fake clock's timers, the live event listeners added during the day, and the process's real
 * handles, during the day and after `dispose()`.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const TZ = 480;
/** Thursday 2026-11-19 00:00:30 at UTC+8. */
export const SOAK_START_MS = Date.UTC(2026, 10, 18, 16, 0, 30);

export interface SoakOptions {
  hours: number;
  /** Today's stats refresh period. Default 5 minutes. */
  statsEveryMs?: number;
  /** Tooltip refresh period of the tray glue. Default 1 minute. */
  trayTickMs?: number;
  seed?: number;
  /** Called with a line after each simulated hour. */
  onHour?: (line: string) => void;
}

export interface HourSample {
  hour: number;
  /** `process.memoryUsage().heapUsed` after gc. */
  heapUsed: number;
  /** Of which V8's compiled code and bytecode (v8.getHeapCodeStatistics). */
  code: number;
  pendingTimers: number;
  listeners: number;
}

export interface SoakReport {
  hours: number;
  wallMs: number;
  gcExposed: 'flag' | 'v8.setFlagsFromString';
  requests: { ccc: number; desk: number };
  snapshots: number;
  trayBuilds: number;
  statsRefreshes: number;
  statsFailures: number;
  notifications: number;
  /** Log lines written, and those that carried a demo secret (must be 0). */
  logLines: number;
  logLinesWithSecret: number;
  samples: HourSample[];
  /** Heap snapshots (after gc) at the end of the first hour and at the end of the day. */
  heapAfterFirstHour: HeapSummary;
  heapAtEnd: HeapSummary;
  /**
   * End minus end of the first hour, bytes: `heapUsed` (everything), and from the snapshots the
   * `objects` the process holds and V8's `code` (compiled code, bytecode, feedback: it grows as
   * functions warm up and get optimised, and levels off).
   */
  growthAfterFirstHour: { heapUsed: number; objects: number; code: number };
  maxPendingTimers: number;
  pendingTimersAfterDispose: number;
  listenersAfterFirstHour: CensusCount;
  listenersAtEnd: CensusCount;
  listenersAfterDispose: CensusCount;
  /** Real handles (timers, sockets, servers) by type, before the core and after dispose. */
  handlesBefore: Record<string, number>;
  handlesAfterDispose: Record<string, number>;
}

/** `gc()`, from --expose-gc or enabled at run time (works for contexts created afterwards). */
export function obtainGc(): { gc: () => void; how: SoakReport['gcExposed'] } {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return { gc: existing, how: 'flag' };
  setFlagsFromString('--expose-gc');
  return { gc: runInNewContext('gc') as () => void, how: 'v8.setFlagsFromString' };
}

/** Bytes as MiB with two decimals. */
export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function countHandles(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) out[type] = (out[type] ?? 0) + 1;
  return out;
}

/** Runs the day and measures it. Throws only if the harness itself breaks. */
export async function runSoakDay(opts: SoakOptions): Promise<SoakReport> {
  const { gc, how } = obtainGc();
  const heap = async (): Promise<{ heapUsed: number; code: number }> => {
    for (let i = 0; i < 3; i++) {
      await turn();
      gc();
    }
    const c = getHeapCodeStatistics();
    return {
      heapUsed: process.memoryUsage().heapUsed,
      code: c.code_and_metadata_size + c.bytecode_and_metadata_size,
    };
  };
  const wallStart = Date.now();
  const statsEvery = opts.statsEveryMs ?? 5 * MIN;
  const trayTick = opts.trayTickMs ?? MIN;
  const endMs = SOAK_START_MS + opts.hours * HOUR;
  const dataDir = await mkdtemp(join(tmpdir(), 'ccc-soak-'));
  const clock = new SharedFakeClock(SOAK_START_MS);
  // Started before the census: the worker's own plumbing is the harness's, not the app's.
  const simulator = startSimulatorInWorker(clock, {
    seed: opts.seed ?? 1,
    tzOffsetMinutes: TZ,
    historyDays: DEMO_HISTORY_DAYS,
  });
  await simulator;
  const handlesBefore = countHandles();
  const census = startListenerCensus();
  const http = httpTracker();
  const factory = workerSimulatorFactory(clock, simulator);
  const secrets: string[] = [];
  const log = { lines: 0, withSecret: 0 };
  let core: AppCore | null = await createAppCore({
    dataDir,
    secretStore: new InMemorySecretStore(),
    clock,
    timers: clock,
    logger: createLogger({
      level: 'info',
      clock,
      sink: (line) => {
        log.lines += 1;
        if (secrets.some((s) => line.includes(s))) log.withSecret += 1;
      },
    }),
    systemLocale: 'en-US',
    platform: 'linux',
    version: '0.0.0-soak',
    simulatorFactory: async (o) => {
      const sim = await factory(o);
      secrets.push(sim.credentials.secretKey, sim.desk.imKey);
      return sim;
    },
    demo: { seed: opts.seed ?? 1, autopilot: true },
    random: seeded(opts.seed ?? 1),
  });
  const c = { snapshots: 0, tray: 0, stats: 0, statsFailed: 0, notifications: 0 };
  const rebuildTray = (): void => {
    if (core!.trayModel().menu.length > 0) c.tray += 1;
  };
  const offs = [
    core.events.subscribe((name) => {
      if (name === 'status:changed') c.snapshots += 1;
    }),
    core.onTrayModelChanged(rebuildTray),
    core.notifications.subscribe(() => (c.notifications += 1)),
  ];
  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>): void => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  const expectOk = (p: Promise<IpcResult<unknown>>): Promise<unknown> =>
    p.then((r) => {
      if (!r.ok) c.statsFailed += 1;
    });

  // What the driver does besides the app's own timers, at fixed simulated times.
  const actions: Array<{ atMs: number; run: () => void }> = [];
  const at = (atMs: number, run: () => void): void => {
    if (atMs <= endMs) actions.push({ atMs, run });
  };
  for (let t = SOAK_START_MS + statsEvery; t <= endMs; t += statsEvery) {
    at(t, () => {
      c.stats += 1;
      track(expectOk(core!.handlers['stats:day']({ day: dayKeyAt(clock.now(), TZ) })));
    });
  }
  for (let t = SOAK_START_MS + trayTick; t <= endMs; t += trayTick) at(t, rebuildTray);
  for (let h = 0; h < opts.hours; h++) {
    const hourStart = SOAK_START_MS + h * HOUR;
    at(hourStart + 20 * MIN, () => void core!.handlers['app:visibility']({ visible: true }));
    at(hourStart + 25 * MIN, () => void core!.handlers['app:visibility']({ visible: false }));
    at(hourStart + 40 * MIN, () => track(expectOk(core!.handlers['stats:week']({}))));
    // The shortcut: a break, undone; a break, and back (refused while on a call: also fine).
    at(hourStart + 30 * MIN, () => track(core!.toggleBreak()));
    at(hourStart + 30 * MIN + 3_000, () => track(core!.handlers['status:undo'](undefined)));
    at(hourStart + 45 * MIN, () => track(core!.toggleBreak()));
    at(hourStart + 55 * MIN, () => track(core!.toggleBreak()));
  }
  actions.sort((a, b) => a.atMs - b.atMs);

  const started = await core.handlers['demo:start'](undefined);
  if (!started.ok) throw new Error(`soak: demo did not start: ${started.message}`);
  rebuildTray();

  const samples: HourSample[] = [];
  let listenersAfterFirstHour: CensusCount = { total: 0, byKind: {} };
  let heapAfterFirstHour: HeapSummary = { total: 0, code: 0, objects: 0, nodes: 0 };
  let maxPendingTimers = 0;
  let nextHour = SOAK_START_MS + HOUR;
  let a = 0;
  for (;;) {
    await http.settle();
    maxPendingTimers = Math.max(maxPendingTimers, clock.pendingTimers());
    const now = clock.now();
    if (now >= nextHour) {
      const hour = samples.length + 1;
      const figures = await heap();
      const listeners = census.live();
      if (hour === 1) {
        listenersAfterFirstHour = listeners;
        heapAfterFirstHour = await summarizeHeap();
      }
      const sample: HourSample = {
        hour,
        ...figures,
        pendingTimers: clock.pendingTimers(),
        listeners: listeners.total,
      };
      samples.push(sample);
      opts.onHour?.(
        `  hour ${String(hour).padStart(2)}: heap ${mib(sample.heapUsed)} (code ${mib(sample.code)}), ` +
          `${sample.pendingTimers} timers, ${sample.listeners} listeners, ` +
          `${http.counts.ccc} CCC + ${http.counts.desk} desk requests so far`,
      );
      nextHour += HOUR;
    }
    if (now >= endMs) break;
    const timerDue = clock.pendingDelays()[0];
    const next = Math.min(
      timerDue === undefined ? Infinity : now + timerDue,
      actions[a]?.atMs ?? Infinity,
      nextHour,
      endMs,
    );
    clock.advance(next - now);
    while (actions[a] && actions[a]!.atMs <= clock.now()) actions[a++]!.run();
  }
  // Let the last actions finish (a break toggled in the last minute, a stats load).
  while (pending.size > 0) {
    await http.settle();
    if (pending.size > 0 && !(await clock.runNextAsync())) await turn();
  }
  await heap();
  const listenersAtEnd = census.live();
  const heapAtEnd = await summarizeHeap();
  const first = samples[0];
  const last = samples.at(-1);

  for (const off of offs) off();
  await core.dispose();
  core = null;
  await http.settle();
  const pendingTimersAfterDispose = clock.pendingTimers();
  // Sockets close a few turns after their pool; give them a moment (real time, not asserted).
  let handlesAfterDispose = countHandles();
  for (let i = 0; i < 50 && newHandles(handlesBefore, handlesAfterDispose).length > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    handlesAfterDispose = countHandles();
  }
  await heap();
  const listenersAfterDispose = census.live();
  census.stop();
  http.dispose();
  await rm(dataDir, { recursive: true, force: true });
  return {
    hours: opts.hours,
    wallMs: Date.now() - wallStart,
    gcExposed: how,
    requests: { ...http.counts },
    snapshots: c.snapshots,
    trayBuilds: c.tray,
    statsRefreshes: c.stats,
    statsFailures: c.statsFailed,
    notifications: c.notifications,
    logLines: log.lines,
    logLinesWithSecret: log.withSecret,
    samples,
    heapAfterFirstHour,
    heapAtEnd,
    growthAfterFirstHour: {
      heapUsed: last && first ? last.heapUsed - first.heapUsed : 0,
      objects: heapAtEnd.objects - heapAfterFirstHour.objects,
      code: heapAtEnd.code - heapAfterFirstHour.code,
    },
    maxPendingTimers,
    pendingTimersAfterDispose,
    listenersAfterFirstHour,
    listenersAtEnd,
    listenersAfterDispose,
    handlesBefore,
    handlesAfterDispose,
  };
}

/** Handle types `after` has more of than `before` (e.g. `['Timeout', 'TCPSocketWrap']`). */
export function newHandles(
  before: Record<string, number>,
  after: Record<string, number>,
): string[] {
  return Object.keys(after).filter((k) => (after[k] ?? 0) > (before[k] ?? 0));
}

/** A small deterministic [0, 1) generator (mulberry32). */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
