import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root (the preview runs from there). */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** What `npm run preview -- --json` printed about the demo simulator. */
export interface SimulatorLine {
  simulatorUrl: string;
  simControlToken: string;
  agentId: string;
}

/** A running `electron/preview/cli.ts` child process. */
export interface PreviewProcess {
  url: string;
  /** Ms from spawn to the URL line. */
  startupMs: number;
  /** Resolves when the preview announces the demo simulator. */
  simulator: Promise<SimulatorLine>;
  stderr(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s). Resolves to the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the preview (as `npm run preview -- --json ...` would) and waits for its URL line. */
export async function startPreviewProcess(
  args: string[] = [],
  timeoutMs = 120_000,
): Promise<PreviewProcess> {
  const t0 = Date.now();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/preview/cli.ts', '--json', ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    },
  );
  let err = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (c: string) => {
    err = (err + c).slice(-20_000);
  });
  let resolveSim: (s: SimulatorLine) => void = () => {};
  const simulator = new Promise<SimulatorLine>((r) => (resolveSim = r));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`preview did not print its URL in ${timeoutMs} ms:\n${err}`)),
      timeoutMs,
    );
    void exited.then((code) =>
      reject(new Error(`preview exited (${code}) before printing its URL:\n${err}`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let msg: { url?: string; simulator?: SimulatorLine };
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        return;
      }
      if (msg.url) {
        clearTimeout(timer);
        resolve(msg.url);
      }
      if (msg.simulator) resolveSim(msg.simulator);
    });
  });
  return {
    url,
    startupMs: Date.now() - t0,
    simulator,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
}

/** Calls the simulator's HTTP control interface (POST /__sim/<command>, header x-sim-token). */
export async function simControl(
  sim: SimulatorLine,
  command: string,
  body: object = {},
): Promise<unknown> {
  const res = await fetch(`${sim.simulatorUrl}/__sim/${command}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sim-token': sim.simControlToken },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!json.ok) throw new Error(`sim ${command}: ${JSON.stringify(json.error)}`);
  return json.value;
}
