import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The house's fences are lint rules (eslint.config.js); these fixtures prove each one fires where
 * it must and stays quiet where the code is allowed, by linting snippets as if they were files of
 * the tree (nothing is written). A rule that silently stopped matching would fail here.
 */

const ROOT = join(__dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The rule ids and messages ESLint reports for `code` as the file `path`. */
async function lint(path: string, code: string): Promise<{ rule: string | null; text: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, text: m.message }));
}

const fired = (rule: string, text: RegExp) => [
  expect.objectContaining({ rule, text: expect.stringMatching(text) }),
];

describe('the core never imports the simulator or main', () => {
  it.each([
    ["import { startSimulator } from '../../simulator/index';\nvoid startSimulator;\n"],
    ["import { NO_FAULTS } from '../../simulator/fault-source';\nvoid NO_FAULTS;\n"],
    ["import { registerIpc } from '../../main/ipc';\nvoid registerIpc;\n"],
    ["export { startDemoSimulator } from '../../simulator/demo';\n"],
  ])('refuses a static import: %s', async (code) => {
    expect(await lint('electron/core/app/fixture.ts', code)).toEqual(
      fired('no-restricted-imports', /composition root/),
    );
  });

  it.each([
    ["export const load = () => import('../../simulator/index');\n"],
    ["export const load = () => import('../../main/window');\n"],
  ])('refuses a dynamic import, which no-restricted-imports alone misses: %s', async (code) => {
    expect(await lint('electron/core/app/fixture.ts', code)).toEqual(
      fired('no-restricted-syntax', /composition root/),
    );
  });

  it('lets the core import its own modules and shared/', async () => {
    const code =
      "import { systemClock } from '../ports';\nimport { VIEWS } from '../../../shared/vocabulary';\nexport const x = [systemClock, VIEWS];\n";
    expect(await lint('electron/core/app/fixture.ts', code)).toEqual([]);
  });

  it('lets a composition root import the simulator', async () => {
    const code = "export const load = () => import('../simulator/demo');\n";
    expect(await lint('electron/main/fixture.ts', code)).toEqual([]);
  });
});

describe('ipcMain and webContents.send live in electron/main/ipc.ts only', () => {
  const USES_IPC_MAIN = "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n";
  const SENDS =
    "export function tell(w: { webContents: { send(c: string, p: unknown): void } }) {\n  w.webContents.send('app:navigate', { view: 'stats' });\n}\n";

  it('refuses ipcMain in another main file', async () => {
    expect(await lint('electron/main/window.ts', USES_IPC_MAIN)).toEqual(
      fired('no-restricted-imports', /Only electron\/main\/ipc\.ts may use ipcMain/),
    );
  });

  it.each(['electron/main/window.ts', 'electron/main/tray.ts', 'electron/preview/server.ts'])(
    'refuses webContents.send in %s',
    async (path) => {
      expect(await lint(path, SENDS)).toEqual(
        fired('no-restricted-syntax', /Only electron\/main\/ipc\.ts may send/),
      );
    },
  );

  it('refuses them in the core too (besides its electron ban)', async () => {
    const rules = (await lint('electron/core/app/fixture.ts', SENDS)).map((m) => m.rule);
    expect(rules).toEqual(['no-restricted-syntax']);
  });

  it('allows both in electron/main/ipc.ts', async () => {
    expect(await lint('electron/main/ipc.ts', USES_IPC_MAIN + SENDS)).toEqual([]);
  });
});

describe('the renderer stays zod-free', () => {
  it('refuses a value from a schema module but allows its types', async () => {
    const value =
      "import { settingsSchema } from '../../shared/settings';\nexport const s = settingsSchema;\n";
    expect(await lint('renderer/store/fixture.ts', value)).toEqual(
      fired('@typescript-eslint/no-restricted-imports', /zod/),
    );
    const types =
      "import type { Settings } from '../../shared/settings';\nexport type S = Settings;\n";
    expect(await lint('renderer/store/fixture.ts', types)).toEqual([]);
  });
});
