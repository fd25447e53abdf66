import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const require = createRequire(join(ROOT, 'package.json'));

type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Config>;
  validateConfiguration(config: Config, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

let config: Config;
beforeAll(async () => {
  // The same loader electron-builder uses: finds electron-builder.yml and merges package.json.
  config = await getConfig(ROOT, null, null);
});

const validate = (c: Config) => validateConfiguration(c, new DebugLogger(false));
const targets = (platform: Config) =>
  (platform.target as Array<{ target: string; arch: string[] }>).map(
    (t) => `${t.target}:${t.arch.join('+')}`,
  );

describe('electron-builder.yml', () => {
  it("passes app-builder-lib's schema validation", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is rejected by the same validator when broken (the check is live)', async () => {
    await expect(
      validate({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }),
    ).rejects.toThrow(/Invalid configuration object/);
    await expect(
      validate({ ...config, mac: { ...config.mac, hardenedRuntime: 'yes' } }),
    ).rejects.toThrow();
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages the built output, unpacks keytar and ships the tray icons', () => {
    expect(config.appId).toMatch(/^[a-z0-9.]+$/);
    expect(config.directories).toEqual({ output: 'dist', buildResources: 'build' });
    const files = (config.files as Array<string | { filter: string[] }>).flatMap((f) =>
      typeof f === 'string' ? [f] : f.filter,
    );
    expect(files).toContain('out/**');
    expect(config.asarUnpack).toContain('node_modules/keytar/**/*.node');
    expect(config.extraResources).toEqual([
      { from: 'build/icons/tray', to: 'icons', filter: ['**/*'] },
    ]);
  });

  it('targets NSIS on Windows, dmg+zip on macOS and AppImage+deb on Linux', () => {
    expect(targets(config.win)).toEqual(['nsis:x64+arm64']);
    expect(targets(config.mac)).toEqual(['dmg:x64+arm64', 'zip:x64+arm64']);
    expect(targets(config.linux)).toEqual(['AppImage:x64', 'deb:x64']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
  });

  it('points at resources that exist', () => {
    for (const rel of [
      config.win.icon,
      config.mac.icon,
      config.linux.icon,
      config.mac.entitlements,
      config.nsis.installerIcon,
    ]) {
      expect(existsSync(join(ROOT, rel)), rel).toBe(true);
    }
  });

  it('names artifacts without spaces, with the version and architecture', () => {
    expect(config.artifactName).toBe(
      `${config.productName.replace(/ /g, '-')}-\${version}-\${arch}.\${ext}`,
    );
    expect(config.artifactName).not.toContain(' ');
  });

  it('installs per user in one click (no UAC prompt on updates)', () => {
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false });
  });

  it("keeps only the app's languages", () => {
    expect(config.electronLanguages).toEqual(['en', 'en-US', 'zh-CN', 'zh_CN']);
  });

  it('publishes to a generic feed, one folder per OS and architecture', () => {
    expect(config.publish).toEqual({
      provider: 'generic',
      url: 'https://updates.invalid/ccc-agent-status/${os}/${arch}',
    });
  });

  it('signs Windows builds with sha256 and a timestamp, naming the publisher updates are checked against', () => {
    expect(config.win.signtoolOptions).toMatchObject({
      signingHashAlgorithms: ['sha256'],
      rfc3161TimeStampServer: expect.stringMatching(/^http/),
      publisherName: expect.any(String),
    });
  });

  it('re-signs macOS builds ad hoc after flipping the fuses (unsigned arm64 builds launch)', () => {
    expect(config.electronFuses.resetAdHocDarwinSignature).toBe(true);
    // Local builds may be unsigned; `npm run release` forces signing (test/scripts/release.test.ts).
    expect(config.forceCodeSigning ?? false).toBe(false);
  });

  it('grants macOS only the JIT entitlement', () => {
    const plist = readFileSync(join(ROOT, config.mac.entitlements), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });
});
