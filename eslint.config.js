import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/', 'node_modules/', 'data/', 'coverage/', 'db/migrations/', '.cache/', 'bench/bare-remix/build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
    },
  },
  // Type-aware checks for Promises: a forgotten await is a bug that type checking alone misses
  // (`if (await canManage(...))` written without await is always true). They guard the move of the
  // data layer to asynchronous calls for the second engine (docs/decisions/012-postgresql.md).
  {
    files: ['app/**/*.{ts,tsx}', 'server/**/*.ts', 'db/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  // The layers (docs/architecture.md). Tests are wiring and may reach across them.
  layer('app/routes/**', 'Routes reach data through app/models and app/services, never db/ directly.', ['**/db/**']),
  layer('app/lib/**', 'app/lib is pure logic: no models, services, routes, components, db, Remix or process-wide infrastructure.', [
    '~/models/**',
    '~/services/**',
    '~/routes/**',
    '~/components/**',
    '**/models/**',
    '**/services/**',
    '**/routes/**',
    '**/components/**',
    '**/db/**',
    '@remix-run/*',
    '~/*.server',
  ]),
  layer('app/components/**', 'Components draw what loaders hand them: no models, services or db (types shared with the server live in app/lib).', [
    '~/models/**',
    '~/services/**',
    '**/models/**',
    '**/services/**',
    '**/db/**',
  ]),
  layer('app/models/**', 'Models are the data access layer: they use db/, app/lib and the infrastructure modules (config, secrets, log), never services, routes or components.', [
    '~/services/**',
    '~/routes/**',
    '~/components/**',
    '**/services/**',
    '**/routes/**',
    '**/components/**',
  ]),
  layer('app/services/**', 'Services never import routes or components.', ['~/routes/**', '**/routes/**', '~/components/**', '**/components/**']),
);

function layer(files, message, group) {
  return {
    files: [files.endsWith('**') ? `${files}/*.{ts,tsx}` : files],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] },
  };
}
