// Flat ESLint config. Its main job is to prove the layers (scripts/lint/layers.js); the other rules are
// kept few and low-noise so that lint failures mean something.
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import layers from './scripts/lint/layers.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**', 'out/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**',
      'tests/fixtures/lint/**', // fixtures break the rules on purpose; tests/lint lints them explicitly
    ],
  },
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 2023,
      sourceType: 'module',
    },
  },
  ...svelte.configs['flat/base'],
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,svelte}'],
    plugins: { gclab: layers, '@typescript-eslint': tseslint.plugin },
    rules: {
      'gclab/layers': 'error',
      'no-debugger': 'error',
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
);
