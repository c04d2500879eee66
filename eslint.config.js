// Lint, including the boundaries between environments (the Signal Desktop idea, with paths
// instead of file suffixes): pure code, renderer code and main code each import only what
// their environment has, and only the Electron glue imports 'electron'.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnly = { paths: nodeBuiltins.map((name) => ({ name, message: 'Node modules are not available here.' })) };
const noElectron = { name: 'electron', message: "Only src-main/electron may import 'electron'." };
const rendererGlobals = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
  name,
  message: 'The renderer has no Node globals.',
}));
const noRenderer = { group: ['**/src-renderer/**'], message: 'The main process does not import renderer code.' };
const noCompositionRoot = {
  group: ['**/app/*', '!**/src-renderer/**'],
  message: 'Rooms do not import the composition root: take the seam from core/, or export a service app/ wires.',
};
const noHarness = {
  group: ['**/testing/*', '**/test-support*', '**/test-support/**'],
  message: 'Production code does not import test harness.',
};
// Tests and harness may use harness and build the whole app.
const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', '**/test-support*', '**/fixtures/**'];
const otherPage =
  "A feature does not import another feature's page: move the shared part into its own file and import that.";
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'URL', 'fetch'];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'out/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      '**/*.gen.ts',
      '**/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeOnly.paths],
          patterns: ['**/src-main/**', '**/src-renderer/**', 'react', 'react-dom'],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[...domGlobals, 'process', 'Buffer', 'require', '__dirname'].map((name) => ({
          name,
          message: 'src-shared is pure: no Node or DOM globals.',
        })),
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: [noElectron, ...nodeOnly.paths], patterns: [{ group: ['**/src-main/**'] }, noHarness] },
      ],
      'no-restricted-globals': ['error', ...rendererGlobals],
    },
  },
  {
    // A feature takes another feature's parts (features/wallet/AddAccount.tsx), never its page:
    // pages are leaves that only app/routes.ts imports.
    files: ['src-renderer/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeOnly.paths],
          patterns: [
            { group: ['**/src-main/**'] },
            noHarness,
            { regex: '^\\.\\./[^./][^/]*/[^/]*Page(\\.tsx)?$', message: otherPage },
            { regex: '/features/[^/]+/[^/]*Page(\\.tsx)?$', message: otherPage },
          ],
        },
      ],
    },
  },
  {
    // Domain rooms: no Electron, no renderer, no composition root (they export services that
    // app/ wires; the seams they share live in core/), and no test harness.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**', 'src-main/app/**', 'src-main/cli/**', ...testFiles],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noRenderer, noCompositionRoot, noHarness] }],
    },
  },
  {
    // The composition root and the command line build the app, but ship no harness either.
    files: ['src-main/app/**/*.ts', 'src-main/cli/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noRenderer, noHarness] }] },
  },
  {
    files: ['src-main/electron/**/*.ts'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer, noHarness] }] },
  },
  {
    files: testFiles,
    ignores: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noRenderer] }] },
  },
  {
    // Tests may assert presence with `!` after checking it.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
