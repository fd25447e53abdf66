/**
 * `npm run bench`: every performance figure of the project in one run, each next to the
 * reference it is compared with (measured in the same run). Figures, never assertions: the
 * machines are shared and noisy, so read the ratios, not the absolute numbers.
 */
import { runCccBench } from './bench/ccc-bench';
import { runEngineBench } from './bench/engine-bench';
import { runOrgBench } from './bench/org-sim';
import { runStatsBench } from './bench/stats-bench';
import { runRendererBench } from './bench/renderer-bench';
import { runSoakBench } from './bench/soak-bench';
import { runVoiceBench } from './bench/voice-bench';

const sections: Array<[string, () => Promise<string[]>]> = [
  ['CCC client and signer (issue 2)', runCccBench],
  ['Status engine (issue 2)', runEngineBench],
  ['Organisation-wide rate limit, real engines over HTTP (issue 6)', runOrgBench],
  ['Daily stats (issue 3)', runStatsBench],
  ['Voice stats: call records (issue 16)', runVoiceBench],
  ['Renderer (issue 5)', runRendererBench],
  ['Soak: a simulated 24-hour day (issue 6)', () => runSoakBench()],
];

const only = process.argv.slice(2);
let failed = false;
for (const [title, run] of sections) {
  if (only.length > 0 && !only.some((o) => title.toLowerCase().includes(o.toLowerCase()))) continue;
  console.log(`\n## ${title}`);
  try {
    for (const line of await run()) console.log(line);
  } catch (e) {
    failed = true;
    console.log(`  FAILED: ${e instanceof Error ? e.message : String(e)}`);
  }
}
process.exitCode = failed ? 1 : 0;
