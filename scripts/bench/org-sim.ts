/**
 * Issue 6 section 1, the organisation-wide rate limit, with the REAL code: N status engines (one
 * per simulated agent, each with its own CCC client signing with the same SecretId, i.e. one
 * shared key) against one simulator over loopback HTTP, whose DescribeStaffStatusMetrics allows
 * 20 req/s per key. One StepClock drives the simulator's day and every engine and client: time
 * moves in steps (default 250 ms), due timers fire, then every request in flight is awaited
 * before the next step, so an hour runs in seconds and stays consistent.
 *
 * Activity: the simulator's autopilot (shifts, calls and IM sessions, wrap-up, breaks the agents
 * take in their workbench), supervisors changing statuses (control.setStatus), and each agent's
 * own break / back-to-available requests through its engine (setStatus), checked against the
 * simulator's world. Figures come from the wire (what the simulator answered) and the world's
 * status history, not from the engines' own counters.
 *
 * Run alone: `npx tsx scripts/bench/org-sim.ts` (the table) or
 * `npx tsx scripts/bench/org-sim.ts --agents 200 [--hint] [--fixed] [--minutes 60] [--warmup 30]
 *  [--limit 20] [--seed 1] [--step 250] [--shared-http] [--estimate-online]` (one run, JSON).
 * Without --hint each engine estimates the team itself (an unfiltered metrics call after its
 * first poll, then hourly); --estimate-online counts only the agents not offline.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createCccClient } from '../../electron/core/api/ccc-client';
import type { CccClient } from '../../electron/core/api/ccc-types';
import { createHttpPool, type HttpPool } from '../../electron/core/api/http-pool';
import type { PollTuning } from '../../electron/core/status/adaptive-poller';
import { StatusEngine } from '../../electron/core/status/engine';
import { startSimulator } from '../../electron/simulator';
import { createPrng, deriveSeed } from '../../electron/simulator/prng';
import type { SettableStatus } from '../../shared/vocabulary';
import { StepClock } from './org-sim-clock';
import {
  ElsewhereTracker,
  quantile,
  summarize,
  verifyOwn,
  Wire,
  type ActionCount,
  type LatencySummary,
  type OwnChange,
} from './org-sim-probes';
import { formatOrgTable, ORG_BENCH_ROWS } from './org-sim-table';

const MIN = 60_000;
/** 11:00 on a Monday in the account's time zone (UTC+8): most shifts are on, lunch begins. */
const START_MS = Date.UTC(2025, 0, 6, 3, 0, 0);
const BREAK_REASONS = ['Lunch', 'Break', 'Meeting', 'Training'];

/** Poll tuning that makes the adaptive poller a fixed-interval one (the reference policy). */
export const FIXED_INTERVALS: Partial<PollTuning> = {
  rateLimitFactor: 1,
  maxStreakDoublings: 0,
  recoverStep: 1,
  probeAfterPolls: Number.POSITIVE_INFINITY,
};

/** What to simulate. Only `agents` is required. */
export interface OrgSimOptions {
  agents: number;
  /** Measured simulated minutes after the warm-up. Default 60. */
  minutes?: number;
  /** Give every engine the team size (the number of agents) as a hint. Default false. */
  teamSizeHint?: boolean;
  seed?: number;
  /** Simulated minutes before measuring (engines start in the first minute). Default 30. */
  warmupMinutes?: number;
  /** Simulated minutes after the window so late changes can still be shown. Default 5. */
  drainMinutes?: number;
  /** Simulated time per step. Default 250 ms. */
  stepMs?: number;
  /** 'fixed': 5 s / 30 s, no backoff on RequestLimitExceeded (the reference). Default adaptive. */
  policy?: 'adaptive' | 'fixed';
  /** One undici pool per client (as the app has) or one shared by all. Default per-agent. */
  http?: 'per-agent' | 'shared';
  /** The simulator's limit per action per key. Default 20 (the service's). */
  rateLimitPerSecond?: number;
  /** Share of agents with the window open (5 s interval instead of 30 s). Default 0.1. */
  visibleShare?: number;
  /** Mean simulated minutes between one agent's own status requests. Default 30. */
  ownChangeEveryMinutes?: number;
  /** Without the hint, what the engines' team estimate counts. Default the engine's ('roster'). */
  estimateCounts?: 'roster' | 'online';
  /** Supervisor status changes per agent per simulated hour. Default 0.5. */
  supervisorPerAgentHour?: number;
}

/** Everything one simulation measured. Rates and shares cover the measured window only. */
export interface OrgSimReport {
  agents: number;
  policy: 'adaptive' | 'fixed';
  teamSizeHint: boolean;
  http: 'per-agent' | 'shared';
  seed: number;
  warmupMinutes: number;
  measuredMinutes: number;
  stepMs: number;
  rateLimitPerSecond: number;
  wallMs: number;
  /** DescribeStaffStatusMetrics on the wire: the shared budget. */
  metrics: ActionCount & {
    sentPerSecond: number;
    acceptedPerSecond: number;
    rateLimitedShare: number;
  };
  /** SetStaffStatus on the wire (its own limit). */
  setStatus: ActionCount;
  /** Changes made elsewhere (autopilot, workbench, supervisor) until the agent's app showed them. */
  elsewhere: LatencySummary & {
    bySource: Record<string, number>;
    supervisor: LatencySummary;
    /** Shown as such (not only through a later status that replaced it). */
    exactShare: number;
    /** Not shown by the end of the drain: counted above with the time waited so far. */
    unresolved: number;
  };
  /** The agents' own requests made in the window. */
  own: {
    requested: number;
    applied: number;
    reserved: number;
    /** Applied or reserved by the engine AND found so in the simulator's world. */
    verified: number;
    failed: number;
    failures: Record<string, number>;
    verifiedShare: number;
    /** Longest time from setStatus() to its SetStaffStatus request on the wire (simulated ms). */
    maxWireDelayMs: number;
  };
  /** End-of-run state of the engines' pollers. */
  intervals: { medianMs: number; p95Ms: number };
  /** The engines' own team-size estimates at the end (null: none made, e.g. with the hint) and
   * the estimate requests in the window (unfiltered DescribeStaffStatusMetrics, in `metrics`). */
  teamEstimate: {
    engines: number;
    min: number | null;
    median: number | null;
    max: number | null;
    requests: number;
  };
  /** Timers left on the shared clock after every engine stopped (must be 0). */
  timersLeft: number;
}

/** Runs one organisation simulation and reports what the wire and the world saw. */
export async function runOrgSimulation(opts: OrgSimOptions): Promise<OrgSimReport> {
  const wall0 = performance.now();
  const n = Math.max(1, Math.floor(opts.agents));
  const seed = opts.seed ?? 1;
  const measured = (opts.minutes ?? 60) * MIN;
  const warmup = (opts.warmupMinutes ?? 30) * MIN;
  const drain = (opts.drainMinutes ?? 5) * MIN;
  const stepMs = opts.stepMs ?? 250;
  const limit = opts.rateLimitPerSecond ?? 20;
  const policy = opts.policy ?? 'adaptive';
  const httpMode = opts.http ?? 'per-agent';
  const hint = opts.teamSizeHint ?? false;
  const window = { fromMs: START_MS + warmup, toMs: START_MS + warmup + measured };
  const endMs = window.toMs + drain;
  const rng = createPrng(deriveSeed(seed, 777));

  const clock = new StepClock(START_MS);
  const sim = await startSimulator({ clock, seed, staffCount: n + 1, rateLimitPerSecond: limit });
  // staff[0] is the simulator's demo agent (its breaks wait for a person): the team is 1..n.
  const ids = sim.staff.slice(1);
  const index = new Map(ids.map((id, i) => [id, i]));
  const own: OwnChange[] = [];
  const lastOwn: Array<OwnChange | null> = ids.map(() => null);
  const wire = new Wire(clock, window, (id, atMs) => {
    const c = lastOwn[index.get(id) ?? -1];
    if (c && c.sentAtMs === null) c.sentAtMs = atMs;
  });
  const shared = httpMode === 'shared' ? createHttpPool({ timers: clock, connections: 16 }) : null;
  const pools: HttpPool[] = [];
  const tracker = new ElsewhereTracker(
    ids.map((id) => sim.world.statusHistory(id)),
    window,
  );
  // The engines know the service's limit: the simulator's when it is scaled down (the team floor of
  // a hint or of their own estimate is a share of it).
  const teamSize = hint ? n : null;
  const tuning: Partial<PollTuning> = {
    sharedLimitPerSecond: limit,
    ...(policy === 'fixed' ? FIXED_INTERVALS : {}),
  };

  const clients: CccClient[] = [];
  const engines = ids.map((agentId, i) => {
    const pool = shared ?? createHttpPool({ timers: clock });
    if (!shared) pools.push(pool);
    const client = createCccClient({
      endpoint: { baseUrl: sim.url },
      sdkAppId: sim.sdkAppId,
      credentials: async () => sim.credentials,
      clock,
      timers: clock,
      random: createPrng(deriveSeed(seed, 10_000 + i)).next,
      http: wire.wrap(pool),
    });
    clients.push(client);
    const engine = new StatusEngine({
      clock,
      timers: clock,
      client,
      random: createPrng(deriveSeed(seed, 20_000 + i)).next,
      sdkAppId: sim.sdkAppId,
      agentId,
      teamSize,
      ...(opts.estimateCounts ? { estimateCounts: opts.estimateCounts } : {}),
      pollTuning: tuning,
    });
    engine.setVisible(rng.chance(opts.visibleShare ?? 0.1));
    engine.subscribe((e) => {
      if (e.type === 'snapshot') tracker.offer(i, e.snapshot);
    });
    clock.setTimeout(() => engine.start(), Math.floor(rng.next() * MIN));
    return engine;
  });

  // The agents' own requests: a break when available, back to available from a break, a break
  // reserved while on a call. Decided on what the person knows (the world), sent through the app.
  const ownGapMs = (opts.ownChangeEveryMinutes ?? 30) * MIN;
  const ownChange = (i: number): void => {
    const id = ids[i] as string;
    const engine = engines[i] as StatusEngine;
    const m = sim.world.metrics(id);
    if (!m || m.status === 'offline' || m.reserveRest || m.reserveNotReady) return;
    if (engine.snapshot().pending !== null) return;
    let status: SettableStatus = 'free';
    let reason = '';
    if (m.status !== 'rest' && m.status !== 'notReady') {
      status = rng.chance(0.8) ? 'rest' : 'notReady';
      reason = status === 'rest' ? rng.pick(BREAK_REASONS) : '';
    }
    const c: OwnChange = {
      agent: i,
      status,
      reason,
      requestedAtMs: clock.now(),
      sentAtMs: null,
      outcome: null,
      verified: false,
    };
    lastOwn[i] = c;
    if (c.requestedAtMs >= window.fromMs) own.push(c);
    void engine.setStatus(status, reason).then((o) => {
      c.outcome = o.error ? `${o.outcome}:${o.error.code}` : o.outcome;
      const now = sim.world.metrics(id);
      const reserve = now
        ? { rest: now.reserveRest, notReady: now.reserveNotReady, reason: now.reservedReason }
        : null;
      c.verified = verifyOwn(c, o.outcome, sim.world.statusHistory(id), reserve);
    });
  };
  const planOwn = (i: number): void => {
    const gap = Math.max(1_000, Math.round(rng.exp(ownGapMs)));
    if (clock.now() + gap >= window.toMs) return;
    clock.setTimeout(() => {
      ownChange(i);
      planOwn(i);
    }, gap);
  };
  ids.forEach((_, i) => planOwn(i));

  // Supervisors: now and then someone else changes an online agent's status.
  const supervisorGapMs = 3_600_000 / Math.max(1e-9, n * (opts.supervisorPerAgentHour ?? 0.5));
  let supervisor: ReturnType<StepClock['setTimeout']> | null = null;
  const planSupervisor = (): void => {
    supervisor = clock.setTimeout(
      () => {
        const id = ids[rng.int(0, n - 1)] as string;
        const m = sim.world.metrics(id);
        if (m && (m.status === 'free' || m.status === 'rest' || m.status === 'notReady')) {
          if (m.status !== 'free') void sim.control.setStatus(id, 'free');
          else if (rng.chance(0.5)) void sim.control.setStatus(id, 'notReady', 'Coaching');
          else void sim.control.setStatus(id, 'rest', 'Meeting');
        }
        planSupervisor();
      },
      Math.max(100, Math.round(rng.exp(supervisorGapMs))),
    );
  };
  planSupervisor();

  // Drive: fire what is due, let the world catch up, then wait for every request in flight.
  const sweepEvery = Math.max(1, Math.round(10_000 / stepMs));
  let steps = 0;
  for (let t = START_MS; t < endMs;) {
    t = Math.min(t + stepMs, endMs);
    await clock.advanceTo(t);
    sim.world.now();
    tracker.scan();
    await wire.settle();
    // Polls answered with nothing new emit no snapshot: look at the waiting agents now and then.
    if (++steps % sweepEvery === 0) {
      for (const i of tracker.waitingAgents())
        tracker.offer(i, (engines[i] as StatusEngine).snapshot());
    }
  }
  for (const i of tracker.waitingAgents())
    tracker.offer(i, (engines[i] as StatusEngine).snapshot());

  if (supervisor !== null) clock.clearTimeout(supervisor);
  for (const e of engines) e.stop();
  await wire.settle();
  const intervals = engines.map((e) => e.stats().currentIntervalMs).sort((a, b) => a - b);
  const estimates = engines
    .map((e) => e.stats().teamEstimate)
    .filter((x): x is number => x !== null)
    .sort((a, b) => a - b);
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all([...pools, ...(shared ? [shared] : [])].map((p) => p.close()));
  await sim.close();
  const timersLeft = clock.pendingTimers();

  const shown = [...tracker.shown, ...tracker.unresolved(endMs)];
  const bySource: Record<string, number> = {};
  for (const c of shown) bySource[c.source] = (bySource[c.source] ?? 0) + 1;
  const m = wire.count('DescribeStaffStatusMetrics');
  const seconds = measured / 1_000;
  const failures: Record<string, number> = {};
  for (const c of own) {
    if (!c.verified)
      failures[c.outcome ?? 'no outcome'] = (failures[c.outcome ?? 'no outcome'] ?? 0) + 1;
  }
  const verified = own.filter((c) => c.verified).length;
  return {
    agents: n,
    policy,
    teamSizeHint: hint,
    http: httpMode,
    seed,
    warmupMinutes: warmup / MIN,
    measuredMinutes: measured / MIN,
    stepMs,
    rateLimitPerSecond: limit,
    wallMs: performance.now() - wall0,
    metrics: {
      ...m,
      sentPerSecond: m.sent / seconds,
      acceptedPerSecond: m.accepted / seconds,
      rateLimitedShare: m.sent === 0 ? 0 : m.rateLimited / m.sent,
    },
    setStatus: wire.count('SetStaffStatus'),
    elsewhere: {
      ...summarize(shown),
      bySource,
      supervisor: summarize(shown.filter((c) => c.source === 'supervisor')),
      exactShare: shown.length === 0 ? 1 : shown.filter((c) => c.exact).length / shown.length,
      unresolved: tracker.unresolved(endMs).length,
    },
    own: {
      requested: own.length,
      applied: own.filter((c) => c.outcome === 'applied').length,
      reserved: own.filter((c) => c.outcome === 'reserved').length,
      verified,
      failed: own.length - verified,
      failures,
      verifiedShare: own.length === 0 ? 1 : verified / own.length,
      maxWireDelayMs: Math.max(0, ...own.map((c) => (c.sentAtMs ?? endMs) - c.requestedAtMs)),
    },
    intervals: { medianMs: quantile(intervals, 0.5), p95Ms: quantile(intervals, 0.95) },
    teamEstimate: {
      engines: estimates.length,
      min: estimates[0] ?? null,
      median: estimates.length === 0 ? null : quantile(estimates, 0.5),
      max: estimates.at(-1) ?? null,
      requests: wire.estimates,
    },
    timersLeft,
  };
}

/** The table of `npm run bench`: N = 50, 200, 1,000 with and without the hint, plus the
 * fixed-interval reference, each a separate simulation in this run. */
export async function runOrgBench(): Promise<string[]> {
  const reports: OrgSimReport[] = [];
  for (const row of ORG_BENCH_ROWS) reports.push(await runOrgSimulation(row));
  return formatOrgTable(reports);
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const agents = argValue('--agents');
  if (agents !== undefined) {
    const num = (name: string) =>
      argValue(name) === undefined ? undefined : Number(argValue(name));
    const report = await runOrgSimulation({
      agents: Number(agents),
      minutes: num('--minutes'),
      warmupMinutes: num('--warmup'),
      seed: num('--seed'),
      stepMs: num('--step'),
      rateLimitPerSecond: num('--limit'),
      teamSizeHint: process.argv.includes('--hint'),
      policy: process.argv.includes('--fixed') ? 'fixed' : 'adaptive',
      http: process.argv.includes('--shared-http') ? 'shared' : 'per-agent',
      ...(process.argv.includes('--estimate-online') ? { estimateCounts: 'online' as const } : {}),
    });
    console.log(JSON.stringify(report, null, 2));
  } else {
    for (const line of await runOrgBench()) console.log(line);
  }
}
