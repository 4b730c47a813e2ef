import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The app is static: `vite build` produces dist/, served by scripts/serve.mjs (npm start).
export default defineConfig({
  plugins: [svelte()],
  base: './',
  worker: { format: 'es' },
  build: {
    outDir: process.env.TUNESET_OUTDIR ?? 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
