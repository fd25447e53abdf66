import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildRenderer } from '../../electron/preview/build';
import { launchBrowser } from '../../test/e2e/helpers/browser';
import { startPreviewProcess } from '../../test/e2e/helpers/preview-process';
import { COMMIT_PROBE_SOURCE, type CommitProbeStats } from './commit-probe';

/**
 * Renderer figures (issue 5), measured in real Chromium against the browser preview:
 * - the production bundle, gzipped (goal: under 200 KB of JavaScript);
 * - time from starting the preview (demo mode on) to the first real status on screen;
 * - the status screen left idle for 20 s: script time per second from CDP Performance.getMetrics
 *   (goal: under 2 ms/s) and React commits per timer tick of anything but <StatusTimer> (goal: 0),
 *   counted by a commit probe installed as the DevTools hook.
 * Figures, not assertions. Run alone: `npx tsx scripts/bench/renderer-bench.ts`.
 */

const IDLE_MS = 20_000;

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

type Metrics = Record<string, number>;

/** Runs every measurement and returns printable lines. */
export async function runRendererBench(): Promise<string[]> {
  const lines: string[] = [];
  const out = await mkdtemp(join(tmpdir(), 'ccc-bench-renderer-'));
  try {
    const buildStart = Date.now();
    const files = await buildRenderer(out);
    const buildMs = Date.now() - buildStart;
    const js = files.filter((f) => f.path.endsWith('.js'));
    const css = files.filter((f) => f.path.endsWith('.css'));
    const sum = (fs: typeof files, k: 'bytes' | 'gzipBytes'): number =>
      fs.reduce((a, f) => a + f[k], 0);
    lines.push(
      `  bundle: JavaScript ${kb(sum(js, 'gzipBytes'))} gzipped (${kb(sum(js, 'bytes'))} raw, ${js.length} file(s)); ` +
        `CSS ${kb(sum(css, 'gzipBytes'))} gzipped; goal < 200 KB of JS gzipped; vite build ${buildMs} ms`,
    );

    const spawnedAt = Date.now();
    const preview = await startPreviewProcess(['--demo', '--manual-agent', '--renderer', out]);
    const browser = await launchBrowser();
    try {
      await browser.context.addInitScript({ content: COMMIT_PROBE_SOURCE });
      const page = browser.page;
      await page.goto(preview.url);
      const label = page.getByTestId('status-label').filter({ hasNotText: /^Unknown$/ });
      await label.waitFor({ timeout: 60_000 });
      await page.waitForFunction(
        () => document.querySelector('[data-status]')?.getAttribute('data-status') !== 'unknown',
      );
      const firstStatusMs = Date.now() - spawnedAt;
      lines.push(
        `  preview start -> first status shown: ${firstStatusMs} ms (URL printed after ${preview.startupMs} ms; renderer prebuilt; Chromium launch included)`,
      );

      // Idle: let the first polls and the initial renders settle, then measure a quiet window.
      await page.waitForTimeout(3_000);
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const metrics = async (): Promise<Metrics> => {
        const r = (await cdp.send('Performance.getMetrics')) as {
          metrics: { name: string; value: number }[];
        };
        return Object.fromEntries(r.metrics.map((m) => [m.name, m.value]));
      };
      const probe = () =>
        page.evaluate(() => ({
          ...(globalThis as unknown as { __commitProbe: CommitProbeStats }).__commitProbe,
        }));
      const m0 = await metrics();
      const p0 = await probe();
      const t0 = Date.now();
      await page.waitForTimeout(IDLE_MS);
      const m1 = await metrics();
      const p1 = await probe();
      const seconds = (Date.now() - t0) / 1000;
      const d = (k: string): number => (m1[k] ?? 0) - (m0[k] ?? 0);
      const ticks = p1.timerRenders - p0.timerRenders;
      const others = p1.otherRenders - p0.otherRenders;
      const otherNames = Object.entries(p1.other)
        .map(([n, c]) => [n, c - (p0.other[n] ?? 0)] as const)
        .filter(([, c]) => c > 0)
        .map(([n, c]) => `${n}x${c}`)
        .join(', ');
      lines.push(
        `  idle status screen, ${seconds.toFixed(1)} s: script ${((d('ScriptDuration') * 1000) / seconds).toFixed(2)} ms/s ` +
          `(all tasks ${((d('TaskDuration') * 1000) / seconds).toFixed(2)} ms/s, layouts ${d('LayoutCount')}, style recalcs ${d('RecalcStyleCount')}); goal < 2 ms/s`,
      );
      lines.push(
        `  commits: ${p1.commits - p0.commits} for ${ticks} timer ticks; other components rendered ${others} time(s) ` +
          `= ${(ticks > 0 ? others / ticks : 0).toFixed(3)} per tick${otherNames ? ` (${otherNames})` : ''}; goal 0`,
      );
    } finally {
      await browser.close();
      await preview.stop();
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await runRendererBench()) console.log(line);
}
