import type { OrgSimOptions, OrgSimReport } from './org-sim';

/**
 * The configurations `npm run bench` simulates, in order. To keep the whole bench within a few
 * minutes the windows are shorter than the simulated hour: a long warm-up only where the
 * policy needs it to converge (no hint: AIMD and background probing), a short one with the hint
 * (the engines start at their fair share). The CLI runs any of them for a full hour
 * (`--minutes 60 --warmup 30`); the report lists those figures too.
 */
export const ORG_BENCH_ROWS: OrgSimOptions[] = [
  { agents: 50, warmupMinutes: 30, minutes: 10 },
  { agents: 50, warmupMinutes: 5, minutes: 10, teamSizeHint: true },
  { agents: 200, warmupMinutes: 20, minutes: 10 },
  { agents: 200, warmupMinutes: 5, minutes: 10, teamSizeHint: true },
  { agents: 1_000, warmupMinutes: 30, minutes: 15 },
  { agents: 1_000, warmupMinutes: 5, minutes: 20, teamSizeHint: true },
  { agents: 1_000, warmupMinutes: 2, minutes: 4, policy: 'fixed' },
];

const s1 = (ms: number): string => (ms / 1_000).toFixed(1);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const pad = (x: string, n: number): string => x.padStart(n);

/** 'hint' with the team-size hint, else the engines' median estimate ('est 1001'), or 'none'. */
function team(r: OrgSimReport): string {
  if (r.teamSizeHint) return 'hint';
  const m = r.teamEstimate.median;
  return m === null ? 'none' : `est ${Math.round(m)}`;
}

function row(r: OrgSimReport): string {
  const policy = r.policy === 'fixed' ? 'fixed 5 s/30 s' : 'adaptive';
  const e = r.elsewhere;
  return [
    pad(r.agents.toLocaleString('en-US'), 5),
    policy.padEnd(15),
    team(r).padEnd(9),
    pad(`${r.warmupMinutes}+${r.measuredMinutes}`, 6),
    pad(r.metrics.sentPerSecond.toFixed(1), 6),
    pad(r.metrics.acceptedPerSecond.toFixed(1), 6),
    pad(pct(r.metrics.rateLimitedShare), 7),
    pad(`${s1(e.medianMs)} / ${s1(e.p95Ms)}`, 13),
    pad(s1(e.maxMs), 6),
    pad(e.count.toLocaleString('en-US'), 6),
    pad(`${pct(r.own.verifiedShare)} of ${r.own.requested}`, 13),
    pad(`${(r.wallMs / 1_000).toFixed(1)} s`, 7),
  ].join('  ');
}

function goal(label: string, met: boolean, detail: string): string {
  return `    ${label}: ${met ? 'met' : 'NOT met'} (${detail})`;
}

/** Printable lines: one row per report, the goals of issue 6 checked against the figures. */
export function formatOrgTable(reports: OrgSimReport[]): string[] {
  const lines = [
    '  Real engines + CCC clients (one undici pool each, one shared SecretId) against the simulator over',
    '  loopback HTTP, DescribeStaffStatusMetrics limited to 20 req/s per key; 10% of windows open; autopilot',
    '  calls/breaks, supervisor changes (0.5 per agent-hour), own changes (one per agent per ~30 min).',
    '  Simulated minutes: warm-up (engines start in its first minute, not counted) + measured window;',
    '  "shown" = world status change made elsewhere -> the agent\'s engine showing it (simulated s).',
    "  Shorter than the issue's simulated hour to fit the bench; a full hour, e.g. 1,000 agents:",
    '  `npx tsx scripts/bench/org-sim.ts --agents 1000 --minutes 60 --warmup 30 [--hint]` (about a minute).',
    "  team: the hint (settings.polling.teamSize), or without it the median of the engines' own",
    '  estimates (one unfiltered DescribeStaffStatusMetrics after the first poll, then hourly).',
    '',
    '      N  policy           team       w+meas  sent/s  acc/s  limited  shown p50 / p95    max  changes  own verified     wall',
    ...reports.map((r) => `  ${row(r)}`),
    '',
    '  Goals (issue 6):',
  ];
  const adaptive = reports.filter((r) => r.policy === 'adaptive');
  const at = (n: number, hint: boolean) =>
    adaptive.find((r) => r.agents === n && r.teamSizeHint === hint);
  for (const hint of [true, false]) {
    const big = at(1_000, hint);
    const small = at(50, hint);
    const tag = hint ? 'with the team-size hint' : 'without a hint';
    if (big) {
      const limited = big.metrics.rateLimitedShare;
      lines.push(goal(`N = 1,000 ${tag}, rate-limited < 5%`, limited < 0.05, pct(limited)));
      lines.push(
        goal(
          `N = 1,000 ${tag}, p95 shown < 90 s`,
          big.elsewhere.p95Ms < 90_000,
          `${s1(big.elsewhere.p95Ms)} s`,
        ),
      );
    }
    if (small) {
      lines.push(
        goal(
          `N = 50 ${tag}, p95 shown < 10 s`,
          small.elsewhere.p95Ms < 10_000,
          `${s1(small.elsewhere.p95Ms)} s`,
        ),
      );
    }
  }
  const own = adaptive.every((r) => r.own.verifiedShare === 1);
  const ownCount = adaptive.reduce((sum, r) => sum + r.own.requested, 0);
  lines.push(goal('every own change applied (all adaptive runs)', own, `${ownCount} requests`));
  const delay = Math.max(...reports.map((r) => r.own.maxWireDelayMs));
  lines.push(
    `    own change -> SetStaffStatus on the wire, longest: ${s1(delay)} s (never waits for a poll)`,
  );
  return lines;
}
