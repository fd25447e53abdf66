import { startPreview, type SimulatorInfo } from './preview';

/**
 * `npm run preview [-- --json] [--demo] [--manual-agent] [--port N] [--renderer DIR] [--verbose]`:
 * runs the app core and the simulator in Node and serves the renderer on 127.0.0.1. Prints the
 * URL to open (with `--json`: one JSON line `{"url": ...}`, then `{"simulator": {...}}` when demo
 * mode starts). Stops cleanly on SIGINT / SIGTERM.
 */

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const value = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const json = flag('--json');

const print = (line: object, human: string): void => {
  process.stdout.write(`${json ? JSON.stringify(line) : human}\n`);
};

const started = Date.now();
let ready = false;
const early: SimulatorInfo[] = [];
const announceSimulator = (info: SimulatorInfo): void => {
  if (!ready) {
    early.push(info);
    return;
  }
  print({ simulator: info }, `Demo simulator: ${info.simulatorUrl} (agent ${info.agentId})`);
};

try {
  const preview = await startPreview({
    port: Number(value('--port') ?? 0),
    rendererDir: value('--renderer'),
    demo: flag('--demo'),
    manualAgent: flag('--manual-agent'),
    logLevel: flag('--verbose') ? 'info' : 'warn',
    onSimulator: announceSimulator,
  });
  print(
    { url: preview.url, startupMs: Date.now() - started },
    `CCC Agent Status preview: ${preview.url}`,
  );
  ready = true;
  for (const info of early.splice(0)) announceSimulator(info);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void preview.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  process.stderr.write(`preview failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
