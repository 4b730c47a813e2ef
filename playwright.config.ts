import { defineConfig } from '@playwright/test';

// Browser tests run the *built* app (dist/, made by `npm run test:e2e`) in Debian's Chromium.
// E2E_PORT / TUNESET_OUTDIR let several checkouts or helpers run side by side.
const port = Number(process.env.E2E_PORT ?? 4317);
const outDir = process.env.TUNESET_OUTDIR ?? 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}/`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
    screenshot: 'off',
  },
  webServer: {
    command: `node scripts/serve.mjs --port ${port} --dir ${outDir}`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
