import { startSimulator, type RunningSimulator } from './index';
import { MAX_HISTORY_DAYS } from './world';

/**
 * `npm run simulator [-- --json] [--port N] [--seed N] [--history-days N] [--no-autopilot]`:
 * runs the simulator standalone until SIGINT/SIGTERM (then exits 0). Prints the endpoints and
 * the demo credentials for a person, or with --json exactly one JSON line for a program.
 * With autopilot, the past week is simulated too (--history-days, default 7; 0 = today only).
 */

const USAGE = 'usage: simulator [--json] [--port N] [--seed N] [--history-days N] [--no-autopilot]';
const DEFAULT_HISTORY_DAYS = 7;

interface CliArgs {
  json: boolean;
  port: number;
  seed: number | undefined;
  autopilot: boolean;
  historyDays: number;
}

function parseArgs(argv: readonly string[]): CliArgs | string {
  const args: CliArgs = {
    json: false,
    port: 0,
    seed: undefined,
    autopilot: true,
    historyDays: DEFAULT_HISTORY_DAYS,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=')
      ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
      : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--json') args.json = true;
    else if (flag === '--no-autopilot') args.autopilot = false;
    else if (flag === '--port' || flag === '--seed' || flag === '--history-days') {
      const raw = value();
      const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isInteger(n) || n < 0) return `${flag} needs a non-negative integer`;
      if (flag === '--history-days' && n > MAX_HISTORY_DAYS)
        return `--history-days is at most ${MAX_HISTORY_DAYS}`;
      if (flag === '--port') args.port = n;
      else if (flag === '--seed') args.seed = n;
      else args.historyDays = n;
    } else return `unknown option ${a}`;
  }
  return args;
}

function describe(sim: RunningSimulator, args: CliArgs): string {
  const history = !args.autopilot
    ? 'nothing by itself (--no-autopilot: agents change only through the API and control)'
    : args.historyDays === 0
      ? 'today only'
      : `the past ${args.historyDays} days and today`;
  return [
    `CCC simulator running at ${sim.url}`,
    '',
    'Demo credentials (simulator only):',
    `  SecretId   ${sim.credentials.secretId}`,
    `  SecretKey  ${sim.credentials.secretKey}`,
    `  SdkAppId   ${sim.sdkAppId}`,
    `  Agent      ${sim.staff[0]} (the demo agent)`,
    `  Others     ${sim.staff.slice(1).join(', ')}`,
    `  Simulated  ${history}`,
    '',
    `IM desk:     ${sim.desk.baseUrl}/v4/desk_http_svc/<command>`,
    `  SDKAppID   ${sim.desk.imSdkAppId}`,
    `  Admin      ${sim.desk.adminIdentifier}`,
    `  Key        ${sim.desk.imKey}`,
    '',
    `Control:     POST ${sim.url}/__sim/<command>  (header x-sim-token: ${sim.controlToken})`,
    '',
    'Press Ctrl+C to stop.',
  ].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(`simulator: ${args}\n${USAGE}`);
    process.exit(2);
  }
  const sim = await startSimulator({
    port: args.port,
    seed: args.seed,
    autopilot: args.autopilot,
    historyDays: args.historyDays,
  });
  if (args.json) {
    console.log(
      JSON.stringify({
        url: sim.url,
        secretId: sim.credentials.secretId,
        secretKey: sim.credentials.secretKey,
        sdkAppId: sim.sdkAppId,
        staff: sim.staff,
        controlToken: sim.controlToken,
        deskBaseUrl: sim.desk.baseUrl,
        imSdkAppId: sim.desk.imSdkAppId,
        imAdminIdentifier: sim.desk.adminIdentifier,
        imKey: sim.desk.imKey,
      }),
    );
  } else {
    console.log(describe(sim, args));
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void sim.close().then(
      () => {
        console.error('simulator: stopped');
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`simulator: could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
