import type { HttpPool, HttpPostRequest } from '../../electron/core/api/http-pool';
import type { Clock } from '../../electron/core/ports';
import type { StatusSnapshot } from '../../shared/snapshot';
import type { SettableStatus } from '../../shared/vocabulary';
import type { SimStatusChange } from '../../electron/simulator/world-types';

/** Requests of one CCC action seen on the wire inside the measured window. */
export interface ActionCount {
  sent: number;
  accepted: number;
  rateLimited: number;
  /** Any other API error, an HTTP failure or an unreadable answer. */
  otherErrors: number;
}

const emptyCount = (): ActionCount => ({ sent: 0, accepted: 0, rateLimited: 0, otherErrors: 0 });

function header(headers: Record<string, string>, name: string): string {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? '' : (headers[key] ?? '');
}

function apiErrorCode(bodyText: string): string | null {
  try {
    const json = JSON.parse(bodyText) as { Response?: { Error?: { Code?: unknown } } };
    const code = json.Response?.Error?.Code;
    return typeof code === 'string' ? code : null;
  } catch {
    return 'UnreadableAnswer';
  }
}

/**
 * Watches the real HTTP traffic of every client: wraps their pools (`wrap`), counts requests per
 * `X-TC-Action` by what the simulator answered (inside `window` only), tells the caller when a
 * SetStaffStatus for an agent hits the wire, and knows which requests are still in flight so the
 * simulation can wait for all of them (`settle`) before moving simulated time on.
 */
export class Wire {
  readonly counts = new Map<string, ActionCount>();
  /** Unfiltered DescribeStaffStatusMetrics (team estimates) sent inside the window. */
  estimates = 0;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(
    private readonly clock: Clock,
    private readonly window: { fromMs: number; toMs: number },
    private readonly onSetStatusSent: (staffUserId: string, atMs: number) => void,
  ) {}

  /** An HttpPool that sends through `inner` and reports to this probe. */
  wrap(inner: HttpPool): HttpPool {
    return {
      post: (request) => this.track(inner, request),
      close: () => inner.close(),
    };
  }

  /** Requests of `action` in the window (zeros when none). */
  count(action: string): ActionCount {
    return this.counts.get(action) ?? emptyCount();
  }

  /** Resolves once no request is in flight and the answers' callbacks have run. */
  async settle(): Promise<void> {
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.inflight.size === 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.inflight.size === 0) return;
        continue;
      }
      await Promise.all([...this.inflight]);
    }
  }

  private track(inner: HttpPool, request: HttpPostRequest) {
    const action = header(request.headers, 'x-tc-action');
    const atMs = this.clock.now();
    if (action === 'SetStaffStatus') {
      for (const id of staffIdsOf(request.body)) this.onSetStatusSent(id, atMs);
    }
    const counted = atMs >= this.window.fromMs && atMs < this.window.toMs;
    if (counted && action === 'DescribeStaffStatusMetrics' && !hasStaffList(request.body))
      this.estimates++;
    const p = inner.post(request).then((r) => {
      if (counted) {
        const c = this.counts.get(action) ?? emptyCount();
        this.counts.set(action, c);
        c.sent++;
        const code = r.ok
          ? r.value.status === 200
            ? apiErrorCode(r.value.bodyText)
            : 'HTTP'
          : 'NET';
        if (code === null) c.accepted++;
        else if (code.startsWith('RequestLimitExceeded')) c.rateLimited++;
        else c.otherErrors++;
      }
      return r;
    });
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
    return p;
  }
}

function hasStaffList(body: Uint8Array): boolean {
  try {
    const json = JSON.parse(Buffer.from(body).toString('utf8')) as { StaffList?: unknown };
    return Array.isArray(json.StaffList) && json.StaffList.length > 0;
  } catch {
    return false;
  }
}

function staffIdsOf(body: Uint8Array): string[] {
  try {
    const json = JSON.parse(Buffer.from(body).toString('utf8')) as {
      StaffStatusList?: Array<{ StaffUserId?: unknown }>;
    };
    return (json.StaffStatusList ?? [])
      .map((i) => i.StaffUserId)
      .filter((id): id is string => typeof id === 'string');
  } catch {
    return [];
  }
}

/** How a change made elsewhere reached the agent's app. */
export interface ShownChange {
  source: string;
  latencyMs: number;
  /** The snapshot showed this very status (not a later one that replaced it meanwhile). */
  exact: boolean;
}

/** Index of the last change at or before `ms` (-1 when none). */
function lastAtOrBefore(history: readonly SimStatusChange[], ms: number): number {
  let lo = 0;
  let hi = history.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((history[mid] as SimStatusChange).atMs <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Time from a status change made elsewhere (the world's history, any source but the app's own
 * API request) to the moment the agent's engine showed it. A change counts as shown when the
 * engine, with no own change pending, has synced at a time L at or after the change and shows
 * the world's status (and reason) as of L: that snapshot was emitted at L, from the poll answered
 * at L. If the world moved on before any poll saw the change, it is resolved by the snapshot
 * that showed the newer state (`exact: false`), so short-lived statuses are not dropped.
 */
export class ElsewhereTracker {
  readonly shown: ShownChange[] = [];
  private readonly seen: number[];
  private readonly pending: SimStatusChange[][];

  constructor(
    private readonly histories: ReadonlyArray<readonly SimStatusChange[]>,
    private readonly window: { fromMs: number; toMs: number },
  ) {
    this.seen = histories.map((h) => h.length);
    this.pending = histories.map(() => []);
  }

  /** Picks up the changes recorded since the last scan (call after the world caught up). */
  scan(): void {
    this.histories.forEach((h, i) => {
      let k = this.seen[i] as number;
      const list = this.pending[i] as SimStatusChange[];
      for (; k < h.length; k++) {
        const c = h[k] as SimStatusChange;
        if (c.source === 'api') continue;
        if (c.atMs >= this.window.fromMs && c.atMs < this.window.toMs) list.push(c);
      }
      this.seen[i] = k;
    });
  }

  /** Agents with changes not shown yet. */
  waitingAgents(): number[] {
    const out: number[] = [];
    this.pending.forEach((p, i) => p.length > 0 && out.push(i));
    return out;
  }

  /** Changes not shown yet, with the time they have waited by `nowMs`. */
  unresolved(nowMs: number): ShownChange[] {
    return this.pending.flatMap((p) =>
      p.map((c) => ({ source: c.source ?? 'system', latencyMs: nowMs - c.atMs, exact: false })),
    );
  }

  /** Offers agent `i`'s current snapshot. */
  offer(i: number, snap: StatusSnapshot): void {
    const list = this.pending[i] as SimStatusChange[];
    const L = snap.lastSyncMs;
    if (list.length === 0 || snap.pending !== null || L === null) return;
    if ((list[0] as SimStatusChange).atMs > L) return;
    const history = this.histories[i] as readonly SimStatusChange[];
    const at = lastAtOrBefore(history, L);
    const world = history[at];
    if (!world || world.status !== snap.status || world.reason !== snap.reason) return;
    let n = 0;
    while (n < list.length && (list[n] as SimStatusChange).atMs <= L) n++;
    for (const c of list.splice(0, n)) {
      this.shown.push({ source: c.source ?? 'system', latencyMs: L - c.atMs, exact: c === world });
    }
  }
}

/** Latency distribution of changes made elsewhere, simulated ms. */
export interface LatencySummary {
  count: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** One own status request of an agent, followed from setStatus() to the world. */
export interface OwnChange {
  agent: number;
  status: SettableStatus;
  reason: string;
  requestedAtMs: number;
  sentAtMs: number | null;
  outcome: string | null;
  verified: boolean;
}

/** Quantile with linear interpolation (0 for an empty list). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  return a + ((sorted[hi] as number) - a) * (pos - lo);
}

/** Median, p95, p99 and max of the latencies. */
export function summarize(list: readonly ShownChange[]): LatencySummary {
  const xs = list.map((c) => c.latencyMs).sort((a, b) => a - b);
  return {
    count: xs.length,
    medianMs: quantile(xs, 0.5),
    p95Ms: quantile(xs, 0.95),
    p99Ms: quantile(xs, 0.99),
    maxMs: xs.at(-1) ?? 0,
  };
}

/** Whether the world shows the own change: applied as asked, or reserved for after the call. */
export function verifyOwn(
  c: OwnChange,
  outcome: string,
  history: readonly SimStatusChange[],
  reserve: { rest: boolean; notReady: boolean; reason: string } | null,
): boolean {
  const after = history.filter((h) => h.atMs >= c.requestedAtMs);
  const sameAs = (h: SimStatusChange) => h.status === c.status && h.reason === c.reason;
  if (outcome === 'applied') return after.some((h) => h.source === 'api' && sameAs(h));
  if (outcome !== 'reserved' || !reserve) return false;
  const held =
    (c.status === 'rest' ? reserve.rest : reserve.notReady) && reserve.reason === c.reason;
  return held || after.some((h) => h.source === 'system' && sameAs(h));
}
