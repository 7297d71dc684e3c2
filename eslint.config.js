// Flat config: typescript-eslint's recommended type-aware rules over the whole workspace.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'packages/*/dist/**', '**/test-artifacts/**', 'packages/protocol/src/generated/**', 'data/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Library code never exits the process: only a main.ts (and the server's server-main.ts, which it loads) or a script may.
      'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'Only entry points may exit.' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // A package is used through its name and `exports` (@drover/server, @drover/server/testing),
      // never by reaching into its files: not from test/ or scripts/, not from another package.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)packages/[^/]+/src(/|$)',
              message: "Import the package by name (@drover/<name>, or an entry in its package.json 'exports'), not its src/ files.",
            },
            {
              regex: '^(\\.\\./)+[^./][^/]*/src(/|$)',
              message: "Another package's files: import it by name (@drover/<name>) and add it to this package's dependencies.",
            },
            {
              regex: '^@drover/[^/]+/src(/|$)',
              message: "Use the package's exports (@drover/<name> or one of its subpaths), not its src/ files.",
            },
          ],
        },
      ],
    },
  },
  // The agent's processes load node:http(s) through @drover/tunnel/node-http: an ESM import of
  // node:http also loads Node's bundled undici (its lazy WebSocket getters), ~13 MiB of RSS.
  {
    files: ['packages/agent/src/**/*.ts', 'packages/tunnel/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        ...['node:http', 'node:https', 'http', 'https'].map((name) => ({
          name,
          allowTypeImports: true,
          message: 'Use @drover/tunnel/node-http (require, not an ESM import: the import costs ~13 MiB of RSS).',
        })),
      ],
    },
  },
  {
    files: ['**/main.ts', 'packages/server/src/server-main.ts', 'scripts/**/*.ts', '**/*.test.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // The console's browser app: accessibility rules (labels, roles, keyboard) and the hooks rules.
  { files: ['packages/console/app/**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  { files: ['packages/console/app/**/*.{ts,tsx}'], plugins: { 'react-hooks': reactHooks }, rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' } },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
