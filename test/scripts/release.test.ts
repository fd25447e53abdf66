import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releasePlan } from '../../scripts/release';

/**
 * `npm run release` cannot ship an unsigned build by accident: without credentials it refuses in
 * one line naming what is missing; with them every run forces signing, builds one architecture
 * into its own folder and publishes to <CCC_UPDATE_URL>/<os>/<arch>. The resulting configuration
 * (electron-builder.yml plus the run's overrides) passes electron-builder's own validator.
 */

const ROOT = join(__dirname, '../..');
const require = createRequire(join(ROOT, 'package.json'));
type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, path: string | null, fromOptions: Config | null): Promise<Config>;
  validateConfiguration(config: Config, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown };
const builder = require('electron-builder/out/builder') as {
  createYargs(): { parse(args: string[]): Record<string, unknown> } & Record<string, unknown>;
  configureBuildCommand(y: unknown): unknown;
  normalizeOptions(args: Record<string, unknown>): {
    config?: Config;
    targets: Map<unknown, Map<number, string[]>>;
  };
};

/** How electron-builder's own CLI reads one run's arguments. */
function parse(args: string[]) {
  const yargs = builder.configureBuildCommand(builder.createYargs()) as {
    parse(a: string[]): Record<string, unknown>;
  };
  return builder.normalizeOptions(yargs.parse(args));
}
/** The configuration electron-builder would use for one run's arguments. */
const configFor = (args: string[]): Promise<Config> =>
  getConfig(ROOT, null, parse(args).config ?? null);

const WIN = {
  CCC_UPDATE_URL: 'https://updates.example.cn/ccc/',
  WIN_CSC_LINK: '/secure/cert.pfx',
  WIN_CSC_KEY_PASSWORD: 'pw',
  CCC_WIN_PUBLISHER: 'Example Contact Centre Ltd',
};
const MAC = {
  CCC_UPDATE_URL: 'https://updates.example.cn/ccc',
  CSC_NAME: 'Developer ID Application: Example (TEAM123)',
  APPLE_API_KEY: '/secure/AuthKey.p8',
  APPLE_API_KEY_ID: 'KEY123',
  APPLE_API_ISSUER: 'issuer-uuid',
};

describe('releasePlan', () => {
  it('refuses without credentials, naming every missing one in one line', () => {
    const win = releasePlan({}, 'win32');
    expect(win).toEqual({
      ok: false,
      message:
        'Release not started: missing CCC_UPDATE_URL (an https URL); WIN_CSC_LINK + WIN_CSC_KEY_PASSWORD, or AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET + CCC_AZURE_ENDPOINT + CCC_AZURE_ACCOUNT + CCC_AZURE_PROFILE; CCC_WIN_PUBLISHER. Unsigned local builds: npm run package.',
    });
    const mac = releasePlan({ CCC_UPDATE_URL: 'https://x.example', CSC_NAME: 'id' }, 'darwin');
    expect(mac.ok).toBe(false);
    if (!mac.ok) {
      expect(mac.message).toContain(
        'APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER, or APPLE_ID',
      );
      expect(mac.message).not.toContain('CSC_NAME');
    }
    // An http feed is refused: updates travel over https.
    expect(releasePlan({ ...WIN, CCC_UPDATE_URL: 'http://updates.example.cn' }, 'win32').ok).toBe(
      false,
    );
    expect(releasePlan(MAC, 'linux').ok).toBe(false);
  });

  it('forces signing and builds one installer per architecture into its own feed folder', () => {
    const plan = releasePlan(WIN, 'win32');
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.runs).toHaveLength(2);
    expect(plan.runs[0]).toEqual([
      '--win',
      'nsis',
      '--x64',
      '-c.forceCodeSigning=true',
      '-c.win.signtoolOptions.publisherName=Example Contact Centre Ltd',
      '-c.publish.url=https://updates.example.cn/ccc/${os}/${arch}',
      '-c.directories.output=dist/win-x64',
      '--publish',
      'never',
    ]);
    expect(plan.runs[1]).toContain('--arm64');
    expect(plan.runs[1]).toContain('-c.directories.output=dist/win-arm64');
  });

  it('names the targets, so each run builds only its one architecture', () => {
    for (const [env, platform, targets] of [
      [WIN, 'win32', ['nsis']],
      [MAC, 'darwin', ['dmg', 'zip']],
    ] as const) {
      const plan = releasePlan(env, platform);
      if (!plan.ok) throw new Error(plan.message);
      for (const run of plan.runs) {
        // With target names given, electron-builder ignores the arch lists of the yml
        // (app-builder-lib targetFactory computeArchToTargetNamesMap).
        const [archs] = [...parse(run).targets.values()];
        expect([...archs!.values()]).toEqual([targets]);
      }
    }
  });

  it('electron-builder resolves such a run to one architecture despite the yml listing two', async () => {
    const { computeArchToTargetNamesMap } =
      require('app-builder-lib/out/targets/targetFactory') as {
        computeArchToTargetNamesMap(
          raw: Map<number, string[]>,
          packager: { platformSpecificBuildOptions: Config },
          platform: unknown,
        ): Map<number, string[]>;
      };
    const plan = releasePlan(WIN, 'win32');
    if (!plan.ok) throw new Error(plan.message);
    const config = await configFor(plan.runs[1]!);
    expect(config.win.target[0].arch).toEqual(['x64', 'arm64']);
    const [raw] = [...parse(plan.runs[1]!).targets.values()];
    const resolved = computeArchToTargetNamesMap(
      raw!,
      { platformSpecificBuildOptions: config.win },
      null,
    );
    expect([...resolved.entries()]).toEqual([[3, ['nsis']]]); // Arch.arm64 === 3
    // Without target names (the old way) both come back: one combined installer.
    const [bare] = [...parse(['--win', '--arm64']).targets.values()];
    expect(
      computeArchToTargetNamesMap(bare!, { platformSpecificBuildOptions: config.win }, null).size,
    ).toBe(2);
  });

  it('uses Azure Trusted Signing when its variables are set instead of a certificate file', () => {
    const env = {
      CCC_UPDATE_URL: 'https://u.example',
      CCC_WIN_PUBLISHER: 'Example Ltd',
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_SECRET: 's',
      CCC_AZURE_ENDPOINT: 'https://eus.codesigning.azure.net',
      CCC_AZURE_ACCOUNT: 'acct',
      CCC_AZURE_PROFILE: 'profile',
    };
    const plan = releasePlan(env, 'win32');
    expect(plan.ok && plan.runs[0]).toContain(
      '-c.win.azureSignOptions.certificateProfileName=profile',
    );
  });

  it("produces configurations electron-builder's validator accepts (Windows and macOS runs)", async () => {
    for (const [env, platform] of [
      [WIN, 'win32'],
      [MAC, 'darwin'],
    ] as const) {
      const plan = releasePlan(env, platform);
      if (!plan.ok) throw new Error(plan.message);
      const config = await configFor(plan.runs[0]!);
      await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
      expect(config.forceCodeSigning).toBe(true);
      expect(config.publish).toMatchObject({
        provider: 'generic',
        url: `${env.CCC_UPDATE_URL.replace(/\/$/, '')}/\${os}/\${arch}`,
      });
    }
  });

  it('the CLI exits 1 with that line and builds nothing when credentials are missing', async () => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(CCC_|WIN_CSC|CSC_|APPLE_|AZURE_)/.test(k)),
    );
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/release.ts')],
      { cwd: ROOT, env: clean },
    );
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.stdout.resume();
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^(Release not started: missing|npm run release builds signed)/);
  });
});
