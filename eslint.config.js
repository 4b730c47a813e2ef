import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

// The pure core must stay pure: no DOM, no Svelte, no storage, no network. It also runs in Node (CLI, bench).
const pureCore = ['src/lib/dataset/**/*.ts', 'src/lib/tokens/count.ts', 'src/lib/tokens/encodings.ts', 'src/lib/models/**/*.ts'];

export default ts.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'test-results/**', 'bench/out/**', '.vite/**'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
    rules: { 'svelte/no-at-html-tags': 'error' },
  },
  {
    // State classes use Map/Date as local values (timestamps, lookups), never as reactive state: reactive fields
    // are $state/$state.raw and are replaced wholesale.
    files: ['src/lib/**/*.svelte.ts'],
    rules: { 'svelte/prefer-svelte-reactivity': 'off' },
  },
  {
    // Across the app: the network only through src/lib/openai (the API key goes nowhere else) and IndexedDB only
    // through src/lib/storage (one place decides what is stored and how failures are reported).
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/lib/openai/**', 'src/lib/storage/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'idb-keyval', message: 'Storage goes through src/lib/storage.' }] }],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Network requests go through src/lib/openai.' },
        { name: 'XMLHttpRequest', message: 'Network requests go through src/lib/openai.' },
        { name: 'indexedDB', message: 'Storage goes through src/lib/storage.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'fetch', message: 'Network requests go through src/lib/openai.' },
        { object: 'globalThis', property: 'fetch', message: 'Network requests go through src/lib/openai.' },
      ],
    },
  },
  {
    files: pureCore,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'svelte',
            'svelte/*',
            'idb-keyval',
            '@codemirror/*',
            'codemirror',
            'openai',
            '**/ui/**',
            '**/state/**',
            '**/storage/**',
            '**/openai/**',
            '**/editor/**',
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB', 'fetch', 'navigator'],
    },
  },
);
