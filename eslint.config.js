// Lint rules, including the fence that keeps pure code free of Electron and keytar.
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

const noElectron = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: 'electron',
          message: 'Pure code (core, simulator, shared) must not import electron.',
        },
        { name: 'keytar', message: 'Only electron/main/keytar-secret-store.ts may import keytar.' },
      ],
    },
  ],
};

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
  { files: ['electron/core/**', 'electron/simulator/**', 'shared/**'], rules: noElectron },
  {
    files: ['electron/main/**'],
    ignores: ['electron/main/keytar-secret-store.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'keytar',
              message: 'Only electron/main/keytar-secret-store.ts may import keytar.',
            },
          ],
        },
      ],
    },
  },
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
