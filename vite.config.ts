import { defineConfig, type Plugin } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The Content-Security-Policy is a <meta> in index.html (so it holds on any static host). Extra API origins a
 * deployment needs can be added at build time: TUNESET_CONNECT_SRC="https://llm.example.com https://*.corp.example"
 * appends them to `connect-src`. In `vite dev` the HMR web socket is allowed too (the built app never needs it).
 */
function cspConnectSrc(): Plugin {
  const extra = (process.env.TUNESET_CONNECT_SRC ?? '').split(/[\s,]+/).filter(Boolean);
  for (const origin of extra) {
    if (!/^(https?|wss?):\/\/[\w.*-]+(:(\d+|\*))?\/?$/.test(origin)) {
      throw new Error(`TUNESET_CONNECT_SRC: "${origin}" is not an origin such as https://llm.example.com`);
    }
  }
  let dev = false;
  return {
    name: 'tuneset-csp-connect-src',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    transformIndexHtml(html) {
      const add = [...extra, ...(dev ? ['ws://localhost:*', 'ws://127.0.0.1:*'] : [])];
      if (!add.length) return html;
      return html.replace(/(http-equiv="Content-Security-Policy"[\s\S]*?connect-src [^;"]*)/, `$1 ${add.join(' ')}`);
    },
  };
}

// The app is static: `vite build` produces dist/, served by scripts/serve.mjs (npm start).
export default defineConfig({
  plugins: [
    svelte(),
    cspConnectSrc(),
    // Offline and installable: a generated service worker precaches the whole build (every lazy chunk, the
    // tokenizer ranks, the worker, CSS, icons). 'prompt': a new version waits until the user clicks "Reload"
    // (src/lib/pwa.ts registers it; no inline registration script, which the CSP would refuse).
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      filename: 'sw.js',
      manifestFilename: 'manifest.webmanifest',
      // globPatterns below already lists public/ (icons, favicon): no second copy of them in the precache list.
      includeAssets: [],
      includeManifestIcons: false,
      manifest: {
        id: './',
        name: 'Tuneset',
        short_name: 'Tuneset',
        description: 'Fine-tuning datasets, written and checked in your browser',
        lang: 'en',
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: '#3b5bdb',
        background_color: '#ffffff',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png}'], // manifest.webmanifest: the plugin adds it itself
        // The o200k_base ranks are a 2.3 MB JavaScript chunk (cl100k_base 1.1 MB); workbox's default limit is 2 MiB.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // The first visit is controlled at once (works offline without a second load); updates still wait.
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
  ],
  base: './',
  // When this build was made: tabs compare it so a tab running older code stops writing (src/lib/storage/tab-sync.ts).
  define: { __TUNESET_BUILD__: JSON.stringify(new Date().toISOString()) },
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
