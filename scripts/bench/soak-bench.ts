/**
 * Soak figures (issue 6 section 4): a whole simulated 24-hour day of the real app core in demo
 * mode in accelerated time (fake clock): the status engine polling the simulator at its own
 * intervals over loopback, today's stats every 5 minutes and the week every hour, the tray model
 * rebuilt on every change and every minute, breaks toggled and undone. Prints the heap after the
 * first hour and at the end (after gc; snapshots split V8's compiled code from the objects the app
 * holds), the growth, and the timers, listeners and handles left. Goal: under 1 MB of growth
 * after the first hour, nothing left behind. Figures, not assertions (test/soak/soak.test.ts
 * asserts a 6-hour version). Run alone: `npx tsx --expose-gc scripts/bench/soak-bench.ts [hours]`
 * (without --expose-gc, gc is enabled at run time through v8.setFlagsFromString).
 */
import { pathToFileURL } from 'node:url';
import { mib, newHandles, runSoakDay } from '../../test/soak/soak-day';

const kib = (bytes: number): string => `${bytes >= 0 ? '+' : ''}${(bytes / 1024).toFixed(0)} KiB`;

/** The soak day as printable lines (24 simulated hours unless told otherwise). */
export async function runSoakBench(hours = 24, onHour?: (line: string) => void): Promise<string[]> {
  const r = await runSoakDay({ hours, onHour });
  const first = r.samples[0];
  const last = r.samples.at(-1);
  const g = r.growthAfterFirstHour;
  const left = newHandles(r.handlesBefore, r.handlesAfterDispose);
  const goal = g.objects < 1024 * 1024 ? 'goal met' : 'GOAL MISSED';
  return [
    `  ${hours} simulated hours in ${(r.wallMs / 1000).toFixed(1)} s wall: ${r.requests.ccc} CCC + ` +
      `${r.requests.desk} desk requests, ${r.snapshots} status snapshots, ${r.trayBuilds} tray ` +
      `models, ${r.statsRefreshes} stats refreshes (${r.statsFailures} failed), ${r.notifications} notifications`,
    `  heap after the 1st hour: ${mib(first?.heapUsed ?? 0)} used (snapshot: objects ` +
      `${mib(r.heapAfterFirstHour.objects)}, V8 code ${mib(r.heapAfterFirstHour.code)})`,
    `  heap at the end:         ${mib(last?.heapUsed ?? 0)} used (snapshot: objects ` +
      `${mib(r.heapAtEnd.objects)}, V8 code ${mib(r.heapAtEnd.code)})`,
    `  growth after the 1st hour: objects ${kib(g.objects)} (${goal}: < 1 MiB), V8 compiled code ` +
      `${kib(g.code)}, heapUsed overall ${kib(g.heapUsed)} (gc: ${r.gcExposed})`,
    `  timers: at most ${r.maxPendingTimers} pending during the day, ${r.pendingTimersAfterDispose} after dispose`,
    `  listeners: ${r.listenersAfterFirstHour.total} live after the 1st hour, ${r.listenersAtEnd.total} ` +
      `at the end (pooled keep-alive connections only), ${r.listenersAfterDispose.total} after dispose`,
    `  real handles left after dispose: ${left.length === 0 ? 'none' : left.join(', ')}; ` +
      `log lines carrying a secret: ${r.logLinesWithSecret} of ${r.logLines}`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const hours = Number(process.argv[2] ?? 24);
  for (const line of await runSoakBench(hours, (l) => console.log(l))) console.log(line);
}
