/**
 * Status engine figures (issue 2, issue 6 section 1):
 * - overhead from `setStatus()` to the SetStaffStatus request leaving (a CccApi stub records
 *   performance.now() when called), and the whole optimistic cycle to the resolved outcome;
 * - the cost of handling one poll answer (answer -> snapshot event);
 * - a fleet of 1,000 agents on one API key (shared 20 req/s limit), 60 simulated minutes:
 *   the adaptive poller vs fixed intervals, and with the team-size hint.
 * Figures, not assertions. Run alone: `npx tsx scripts/bench/engine-bench.ts`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { CccApi, StaffStatusMetrics } from '../../electron/core/api/ccc-types';
import { AdaptivePoller, type PollOutcome } from '../../electron/core/status/adaptive-poller';
import { StatusEngine } from '../../electron/core/status/engine';
import type { Clock, TimerHandle, Timers } from '../../electron/core/ports';
import { ok } from '../../shared/result';
import type { SettableStatus } from '../../shared/vocabulary';

const AGENT = 'agent@example.com';

function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo);
}
const f3 = (ms: number): string => ms.toFixed(3);
const us = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;

/** A manual clock + timers: nothing fires unless `runDue` is called (benchmarks stay real-time free). */
class ManualTime implements Clock, Timers {
  nowMs = Date.UTC(2025, 0, 6, 2, 0, 0);
  private seq = 0;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  now(): number {
    return this.nowMs;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.due.set(id, { at: this.nowMs + ms, fn });
    return { id };
  }
  clearTimeout(handle: TimerHandle): void {
    this.due.delete((handle as { id: number }).id);
  }
  pending(): number {
    return this.due.size;
  }
}

function metrics(status: string, reason: string): StaffStatusMetrics {
  return {
    email: AGENT,
    status,
    statusExtra: null,
    onlineDuration: 3600,
    freeDuration: 1200,
    busyDuration: 1800,
    notReadyDuration: 0,
    restDuration: 600,
    afterCallWorkDuration: 0,
    reason,
    reserveRest: false,
    reserveNotReady: false,
    useMobileAccept: 0,
    useMobileCallOut: false,
    lastOnlineTimestamp: 1_736_128_000,
    lastStatusTimestamp: 1_736_128_800,
  };
}

/** setStatus() -> request leaving, and -> outcome resolved, over `runs` changes. */
async function changeOverhead(runs: number): Promise<string[]> {
  const time = new ManualTime();
  let server = { status: 'free', reason: '' };
  let sentAt = 0;
  const api: CccApi = {
    describeStaffStatusMetrics: async () =>
      ok({ value: [metrics(server.status, server.reason)], requestId: 'r', serverDate: null }),
    setStaffStatus: async (items) => {
      sentAt = performance.now();
      const it = items[0]!;
      const prev = server;
      server = { status: it.status, reason: it.reason ?? '' };
      return ok({
        value: [
          {
            staffUserId: it.staffUserId,
            status: it.status,
            reason: it.reason ?? '',
            previousStatus: prev.status,
            previousReason: prev.reason,
            errorCode: '',
            errorMessage: '',
          },
        ],
        requestId: 'r',
        serverDate: null,
      });
    },
    describeStaffStatusHistory: async () => ok({ value: [], requestId: 'r', serverDate: null }),
    clockOffsetMs: () => 0,
  };
  const engine = new StatusEngine({
    clock: time,
    timers: time,
    client: api,
    sdkAppId: 1400800001,
    agentId: AGENT,
  });
  // A listener like the app's: the snapshot crosses IPC as a structured clone.
  engine.subscribe((e) => void structuredClone(e));
  engine.start();
  await engine.refresh();
  const toWire: number[] = [];
  const toReturn: number[] = [];
  const toOutcome: number[] = [];
  const warmup = Math.min(300, runs);
  for (let i = 0; i < warmup + runs; i++) {
    const status: SettableStatus = i % 2 === 0 ? 'rest' : 'free';
    time.nowMs += 1_000;
    const t0 = performance.now();
    const outcome = engine.setStatus(status, status === 'rest' ? 'Lunch' : '');
    const tr = performance.now();
    const t1 = sentAt;
    await outcome;
    const t2 = performance.now();
    await engine.refresh(); // the confirming poll, outside the measurement
    if (i >= warmup) {
      toWire.push(t1 - t0);
      toReturn.push(tr - t0);
      toOutcome.push(t2 - t0);
    }
  }
  engine.stop();
  const leaked = time.pending();
  const med = quantile(toWire, 0.5);
  return [
    `  setStatus() -> SetStaffStatus call (median / p95 / max of ${runs}): ${us(med)} / ${us(quantile(toWire, 0.95))} / ${us(Math.max(...toWire))}  (goal: median < 1 ms: ${med < 1 ? 'met' : 'NOT met'})`,
    `  setStatus() returns (request sent, optimistic snapshot emitted and cloned) (median / p95): ${f3(quantile(toReturn, 0.5))} / ${f3(quantile(toReturn, 0.95))} ms`,
    `  setStatus() -> outcome resolved, instant stub (median / p95): ${f3(quantile(toOutcome, 0.5))} / ${f3(quantile(toOutcome, 0.95))} ms`,
    `  timers left after stop(): ${leaked}`,
  ];
}

/** One poll answer -> snapshot event, alternating answers so every poll changes something. */
async function pollOverhead(runs: number): Promise<string[]> {
  const time = new ManualTime();
  let n = 0;
  let answeredAt = 0;
  const api: CccApi = {
    describeStaffStatusMetrics: async () => {
      n++;
      const m = metrics(n % 2 ? 'busy' : 'free', '');
      m.onlineDuration = 3600 + n;
      answeredAt = performance.now();
      return ok({ value: [m], requestId: 'r', serverDate: null });
    },
    setStaffStatus: async () => ok({ value: [], requestId: 'r', serverDate: null }),
    describeStaffStatusHistory: async () => ok({ value: [], requestId: 'r', serverDate: null }),
    clockOffsetMs: () => 0,
  };
  const engine = new StatusEngine({
    clock: time,
    timers: time,
    client: api,
    sdkAppId: 1400800001,
    agentId: AGENT,
  });
  const samples: number[] = [];
  engine.subscribe((e) => {
    if (e.type === 'snapshot') samples.push(performance.now() - answeredAt);
  });
  for (let i = 0; i < runs + 200; i++) await engine.refresh();
  engine.stop();
  const s = samples.slice(200);
  return [
    `  poll answer -> snapshot event, with drift check (median / p95 of ${s.length}): ${f3(quantile(s, 0.5))} / ${f3(quantile(s, 0.95))} ms`,
  ];
}

/** 1,000 pollers on one shared per-second limit, on simulated time. */
async function fleet(
  adaptive: boolean,
  teamSize: number | null,
): Promise<{ offered: number; rejected: number; median: number }> {
  const agents = 1_000;
  const minutes = 60;
  let now = 0;
  const queue: Array<{ at: number; id: number; fn: () => void }> = [];
  let seq = 0;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, id: ++seq, fn };
      let i = queue.length;
      while (i > 0 && (queue[i - 1] as { at: number }).at > t.at) i--;
      queue.splice(i, 0, t);
      return { id: t.id };
    },
    clearTimeout: (h) => {
      const i = queue.findIndex((t) => t.id === (h as { id: number }).id);
      if (i >= 0) queue.splice(i, 1);
    },
  };
  const clock: Clock = { now: () => now };
  let rnd = 12345;
  const random = (): number => {
    rnd = (rnd * 1103515245 + 12345) % 2147483648;
    return rnd / 2147483648;
  };
  const counts = new Map<number, number>();
  const from = (minutes / 2) * 60_000;
  let offered = 0;
  let rejected = 0;
  const pollers: AdaptivePoller[] = [];
  for (let i = 0; i < agents; i++) {
    const p = new AdaptivePoller({
      clock,
      timers,
      random,
      settings: { visibleIntervalMs: 5_000, hiddenIntervalMs: 30_000, teamSize },
      // Without adaptation every answer counts as ok: the fixed schedule of a naive client.
      tuning: adaptive ? {} : { recoverStep: 1, rateLimitFactor: 1, maxStreakDoublings: 0 },
      poll: async (): Promise<PollOutcome> => {
        const sec = Math.floor(now / 1000);
        const used = counts.get(sec) ?? 0;
        const accepted = used < 20;
        if (accepted) counts.set(sec, used + 1);
        if (now >= from) {
          offered++;
          if (!accepted) rejected++;
        }
        return accepted ? 'ok' : 'rate_limited';
      },
    });
    p.setVisible(i % 10 === 0);
    pollers.push(p);
  }
  for (const p of pollers) timers.setTimeout(() => p.start(), Math.floor(random() * 60_000));
  const end = minutes * 60_000;
  while (queue.length > 0 && (queue[0] as { at: number }).at <= end) {
    const t = queue.shift() as { at: number; fn: () => void };
    now = t.at;
    t.fn();
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
  }
  for (const p of pollers) p.stop();
  const seconds = (end - from) / 1000;
  return {
    offered: offered / seconds,
    rejected: offered === 0 ? 0 : rejected / offered,
    median: quantile(
      pollers.map((p) => p.stats().currentIntervalMs),
      0.5,
    ),
  };
}

async function fleetLines(): Promise<string[]> {
  const fixed = await fleet(false, null);
  const aimd = await fleet(true, null);
  const hint = await fleet(true, 1_000);
  const line = (name: string, r: { offered: number; rejected: number; median: number }): string =>
    `    ${name.padEnd(34)} ${r.offered.toFixed(1).padStart(5)} req/s offered, ${(r.rejected * 100).toFixed(1).padStart(5)}% rejected, median interval ${(r.median / 1000).toFixed(0)} s`;
  return [
    '  1,000 agents on one key (limit 20 req/s), 10% with the window open, 2nd half of 60 simulated min:',
    line('fixed 5 s / 30 s (reference)', fixed),
    line('adaptive (AIMD), no hint', aimd),
    line('adaptive + team size 1,000', hint),
  ];
}

/** Runs the engine figures and returns printable lines. */
export async function runEngineBench(): Promise<string[]> {
  return [
    ...(await changeOverhead(2_000)),
    ...(await pollOverhead(2_000)),
    ...(await fleetLines()),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await runEngineBench()) console.log(line);
}
