// Lint rules, including the fences of the house (design/architecture.md rules 8 and 9): pure code
// free of Electron and keytar, a core that never reaches for the simulator or main (a composition
// root hands it what it needs), ipcMain / webContents.send in electron/main/ipc.ts only, and a
// renderer that imports only shared/ and no zod. test/build/eslint-fence.test.ts proves they fire.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Modules whose values pull zod into a bundle (types from them are free). */
const ZOD_MODULES = [
  'zod',
  '**/shared/ipc-contract',
  '**/shared/settings',
  '**/shared/snapshot',
  '**/shared/stats-dto',
];

const KEYTAR = {
  name: 'keytar',
  message: 'Only electron/main/keytar-secret-store.ts may import keytar.',
};
const ELECTRON = {
  name: 'electron',
  message: 'Pure code (core, simulator, shared) must not import electron.',
};
const IPC_MAIN = {
  name: 'electron',
  importNames: ['ipcMain'],
  message: 'Only electron/main/ipc.ts may use ipcMain: register channels through registerIpc.',
};
const ROOTS_ONLY =
  'The core never imports electron/simulator or electron/main: a composition root (main, preview, tests) hands it what it needs.';

/** Syntax only electron/main/ipc.ts may use: the one place main talks to a page. */
const IPC_SYNTAX = [
  {
    selector: "MemberExpression[property.name='send'][object.property.name='webContents']",
    message: 'Only electron/main/ipc.ts may send to a page: use its sendToWindow / forwardEvents.',
  },
  {
    selector: "MemberExpression[object.name='electron'][property.name='ipcMain']",
    message: IPC_MAIN.message,
  },
];

/** A dynamic import of the simulator or main from the core (no-restricted-imports misses it). */
const CORE_SYNTAX = [
  {
    selector: 'ImportExpression[source.value=/(^|[\\/.])(simulator|main)([\\/.]|$)/]',
    message: ROOTS_ONLY,
  },
];

const restrict = (paths, patterns = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});
const syntax = (...groups) => ({ 'no-restricted-syntax': ['error', ...groups.flat()] });

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-output/', 'build/icons/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['electron/**', 'renderer/**', 'shared/**', 'build/**', 'scripts/**'],
    ignores: ['electron/main/ipc.ts'],
    rules: syntax(IPC_SYNTAX),
  },
  {
    files: ['electron/core/**'],
    rules: {
      ...restrict(
        [ELECTRON, KEYTAR],
        [
          {
            group: ['**/simulator', '**/simulator/**', '**/main', '**/main/**'],
            message: ROOTS_ONLY,
          },
        ],
      ),
      ...syntax(IPC_SYNTAX, CORE_SYNTAX),
    },
  },
  { files: ['electron/simulator/**', 'shared/**'], rules: restrict([ELECTRON, KEYTAR]) },
  {
    files: ['electron/main/**'],
    ignores: ['electron/main/keytar-secret-store.ts', 'electron/main/ipc.ts'],
    rules: restrict([KEYTAR, IPC_MAIN]),
  },
  { files: ['electron/main/ipc.ts'], rules: restrict([KEYTAR]) },
  { files: ['electron/main/keytar-secret-store.ts'], rules: restrict([IPC_MAIN]) },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'keytar', 'undici'],
          patterns: [
            {
              group: ['**/electron/**', 'node:*'],
              message: 'The renderer may import only shared/ from outside itself.',
            },
            {
              group: ZOD_MODULES,
              allowTypeImports: true,
              message:
                'Schemas carry zod: import their types only; values come from shared/vocabulary.',
            },
          ],
        },
      ],
    },
  },
);
