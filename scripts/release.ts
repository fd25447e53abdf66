import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { tooOldMessage } from './toolchain';

/**
 * `npm run release`: signed installers for this OS, one electron-builder run per architecture
 * (one installer per architecture, each with its own feed folder <CCC_UPDATE_URL>/<os>/<arch>).
 * It refuses to start, naming every missing variable, unless the signing (and, on macOS,
 * notarization) credentials are there, and it sets `forceCodeSigning` so electron-builder itself
 * fails instead of warning if signing is skipped anyway. Unsigned local builds: `npm run package`.
 *
 * Windows: signtool with WIN_CSC_LINK + WIN_CSC_KEY_PASSWORD (a .pfx), or Azure Trusted Signing
 *   with AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET + CCC_AZURE_ENDPOINT +
 *   CCC_AZURE_ACCOUNT + CCC_AZURE_PROFILE; plus CCC_WIN_PUBLISHER (the certificate subject's CN,
 *   which electron-updater checks every update against).
 * macOS: CSC_LINK + CSC_KEY_PASSWORD (a Developer ID Application .p12) or CSC_NAME (an identity in
 *   the keychain); and APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER, or APPLE_ID +
 *   APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID, for notarization.
 * Every OS: CCC_UPDATE_URL, the feed's https base URL.
 */

const ROOT = join(import.meta.dirname, '..');

export type ReleasePlan = { ok: true; runs: string[][] } | { ok: false; message: string };

type Env = NodeJS.ProcessEnv;
const has = (env: Env, names: string[]) => names.every((n) => (env[n] ?? '').trim() !== '');
/** The first complete set of variables, or the sets to choose from (as `A + B or C`). */
const oneOf = (env: Env, sets: string[][]): string | null =>
  sets.some((s) => has(env, s)) ? null : sets.map((s) => s.join(' + ')).join(', or ');

const AZURE = [
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET',
  'CCC_AZURE_ENDPOINT',
  'CCC_AZURE_ACCOUNT',
  'CCC_AZURE_PROFILE',
];
const ARCHS: Record<string, string[]> = { win32: ['x64', 'arm64'], darwin: ['x64', 'arm64'] };
/**
 * The platform flag with its target names: naming the targets is what makes electron-builder build
 * only the `--<arch>` given (with none, the archs listed in electron-builder.yml all come back).
 */
const TARGETS: Record<string, string[]> = {
  win32: ['--win', 'nsis'],
  darwin: ['--mac', 'dmg', 'zip'],
};
const OS: Record<string, string> = { win32: 'win', darwin: 'mac' };

/** What to run for `platform`, or the one line that says what is missing. */
export function releasePlan(env: Env, platform: NodeJS.Platform): ReleasePlan {
  const missing: string[] = [];
  const url = (env.CCC_UPDATE_URL ?? '').trim();
  if (!/^https:\/\/[^\s]+$/.test(url)) missing.push('CCC_UPDATE_URL (an https URL)');
  const config: string[] = ['-c.forceCodeSigning=true'];
  if (platform === 'win32') {
    const signing = oneOf(env, [['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD'], AZURE]);
    if (signing) missing.push(signing);
    if (!has(env, ['CCC_WIN_PUBLISHER'])) missing.push('CCC_WIN_PUBLISHER');
    const publisher = `-c.win.signtoolOptions.publisherName=${env.CCC_WIN_PUBLISHER ?? ''}`;
    if (!has(env, ['WIN_CSC_LINK']) && has(env, AZURE)) {
      config.push(
        `-c.win.azureSignOptions.endpoint=${env.CCC_AZURE_ENDPOINT}`,
        `-c.win.azureSignOptions.codeSigningAccountName=${env.CCC_AZURE_ACCOUNT}`,
        `-c.win.azureSignOptions.certificateProfileName=${env.CCC_AZURE_PROFILE}`,
        `-c.win.azureSignOptions.publisherName=${env.CCC_WIN_PUBLISHER ?? ''}`,
      );
    } else config.push(publisher);
  } else if (platform === 'darwin') {
    const signing = oneOf(env, [['CSC_LINK', 'CSC_KEY_PASSWORD'], ['CSC_NAME']]);
    if (signing) missing.push(signing);
    const notary = oneOf(env, [
      ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
      ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
    ]);
    if (notary) missing.push(notary);
  } else {
    return {
      ok: false,
      message:
        'npm run release builds signed Windows and macOS installers: run it on Windows or macOS.',
    };
  }
  if (missing.length > 0) {
    return {
      ok: false,
      message: `Release not started: missing ${missing.join('; ')}. Unsigned local builds: npm run package.`,
    };
  }
  const runs = ARCHS[platform]!.map((arch) => [
    ...TARGETS[platform]!,
    `--${arch}`,
    ...config,
    `-c.publish.url=${url.replace(/\/$/, '')}/\${os}/\${arch}`,
    `-c.directories.output=dist/${OS[platform]}-${arch}`,
    '--publish',
    'never',
  ]);
  return { ok: true, runs };
}

function node(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const tooOld = tooOldMessage(process.version);
  if (tooOld) return (console.error(tooOld), 1);
  const plan = releasePlan(process.env, process.platform);
  if (!plan.ok) return (console.error(plan.message), 1);
  const built = await node([
    join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'),
    'build',
  ]);
  if (built !== 0) return built;
  for (const args of plan.runs) {
    const code = await node([join(ROOT, 'node_modules/electron-builder/cli.js'), ...args]);
    if (code !== 0) return code;
  }
  return 0;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) process.exitCode = await main();
