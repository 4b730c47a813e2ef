// Offline and installable: after one visit the service worker has precached the whole build, so with the network
// gone the app still starts (a reload), opens a dataset, loads its lazy parts (raw JSONL/CodeMirror and its CSS,
// the Train tab) and counts tokens with a tokenizer it never loaded before. Without the service worker every step
// after going offline fails (the reload shows the browser's "No internet" page; lazy chunks fail to load).
import { test, expect, type Page } from './fixtures';
import fs from 'node:fs';
import path from 'node:path';
import { exampleRows } from './helpers';

const tab = (page: Page, name: string) => page.getByRole('tab', { name });

/** Waits until the service worker is active and controls this page (it precached everything while installing). */
async function waitControlled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

test('after the first visit the app works with the network off: reload, a dataset, raw JSONL, Train, a new tokenizer', async ({ page, context }) => {
  await page.goto('./');
  await expect(page.getByLabel('Import file').first()).toBeAttached();
  await waitControlled(page);

  await context.setOffline(true);
  // Offline: the page's own network requests fail (this checks the emulation itself, not the app).
  expect(
    await page.evaluate(() =>
      fetch(`./favicon.svg?offline-check=${Date.now()}`).then(
        () => 'online',
        () => 'offline',
      ),
    ),
  ).toBe('offline');

  // Without a reload: the lazily loaded raw view (JavaScript and CSS chunks) comes from the precache.
  await page.getByRole('button', { name: 'Open the sample dataset' }).click();
  await expect(exampleRows(page).first()).toBeVisible();
  await tab(page, 'Raw JSONL').click();
  await expect(page.getByTestId('raw-editor').locator('.cm-content')).toBeVisible();
  await expect(page.getByTestId('raw-editor').locator('.cm-line').first()).toContainText('"messages"');

  // A reload while offline starts the app from the precache (and reopens the dataset from IndexedDB).
  await page.reload();
  await expect(page.getByLabel('Import file').first()).toBeAttached();
  await expect(exampleRows(page).first()).toBeVisible();
  await tab(page, 'Raw JSONL').click();
  await expect(page.getByTestId('raw-editor').locator('.cm-content')).toBeVisible();

  // The Train tab (its own chunk) renders.
  await tab(page, 'Train').click();
  await expect(page.getByLabel('API key')).toBeVisible();

  // Token counts with the page's current tokenizer, then with one this page never loaded (its rank chunk is
  // only in the precache): another encoding gives other counts.
  await tab(page, 'Edit').click();
  await exampleRows(page).first().click();
  const tokens = page.getByTestId('example-tokens');
  await expect(tokens).toHaveText(/\d/);
  const model = page.getByLabel('Model', { exact: true });
  const before = { model: await model.inputValue(), tokens: await tokens.textContent() };
  const other = before.model.startsWith('gpt-3.5') || before.model.startsWith('gpt-4-') ? 'gpt-4o-mini-2024-07-18' : 'gpt-3.5-turbo-0125';
  await model.selectOption(other);
  await expect(tokens).toHaveText(/\d/);
  await expect(tokens).not.toHaveText(before.tokens!);
  await tab(page, 'Statistics').click();
  await expect(page.getByText(/Counting tokens/)).toHaveCount(0);
  await expect(page.getByTestId('stats')).toContainText(/\d/);
});

test('the app is installable: the manifest is linked, parses, and its icons are there (also offline)', async ({ page, context, request }) => {
  await page.goto('./');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifestUrl = new URL(href!, page.url()).href;
  const res = await request.get(manifestUrl);
  expect(res.ok()).toBe(true);
  expect(res.headers()['content-type']).toContain('application/manifest+json');
  const manifest = (await res.json()) as {
    name: string;
    start_url: string;
    scope: string;
    display: string;
    theme_color: string;
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
  };
  expect(manifest).toMatchObject({ name: 'Tuneset', start_url: './', scope: './', display: 'standalone' });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));

  /** Width and height from a PNG's IHDR. */
  const pngSize = (b: Buffer) => `${b.readUInt32BE(16)}x${b.readUInt32BE(20)}`;
  for (const icon of manifest.icons) {
    const r = await request.get(new URL(icon.src, manifestUrl).href);
    expect(r.ok(), icon.src).toBe(true);
    const body = await r.body();
    expect(body.subarray(1, 4).toString('latin1'), icon.src).toBe('PNG');
    expect(pngSize(body), icon.src).toBe(icon.sizes);
  }

  // The manifest and icons are precached too.
  await waitControlled(page);
  await context.setOffline(true);
  const offline = await page.evaluate(
    async (urls) =>
      Promise.all(
        urls.map((u) =>
          fetch(u).then(
            (r) => r.ok,
            () => false,
          ),
        ),
      ),
    [manifestUrl, ...manifest.icons.map((i) => new URL(i.src, manifestUrl).href)],
  );
  expect(offline.every(Boolean)).toBe(true);
});

test('the server sends the caching the service worker relies on', async ({ request, page }) => {
  await page.goto('./');
  for (const path of ['./', './index.html', './sw.js', './manifest.webmanifest']) {
    expect((await request.get(path)).headers()['cache-control'], path).toBe('no-cache');
  }
  const script = await page.locator('script[type="module"]').getAttribute('src');
  expect(script).toMatch(/^\.\/assets\//);
  expect((await request.get(script!)).headers()['cache-control']).toBe('public, max-age=31536000, immutable');
});

/**
 * "Deploys" a new version: the same service worker with one more line is a new worker to the browser. The browser
 * fetches the worker script itself, past Playwright's routing, so the served file is changed, checked, and put back.
 */
async function deployNewVersion(page: Page, tag: string): Promise<void> {
  const swFile = path.resolve(process.env.TUNESET_OUTDIR ?? 'dist', 'sw.js');
  const original = fs.readFileSync(swFile, 'utf8');
  try {
    fs.writeFileSync(swFile, `${original}\n// ${tag}\n`);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()));
    await page.waitForFunction(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting));
  } finally {
    fs.writeFileSync(swFile, original);
  }
}

const setMarker = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { marker: number }).marker = 1;
  });
const marker = (page: Page) => page.evaluate(() => (window as unknown as { marker?: number }).marker);
const hasWaiting = (page: Page) => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r?.waiting));

test('a new version waits for the user: a banner offers it, "Later" keeps working, only "Reload" switches and reloads', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByLabel('Import file').first()).toBeAttached();
  await waitControlled(page);
  const banner = page.getByRole('status').filter({ hasText: 'A new version of Tuneset is ready.' });

  // 1. An update found during the very first visit (the page was not controlled when it loaded).
  await setMarker(page);
  await deployNewVersion(page, 'version 2');
  await expect(banner).toBeVisible();
  await page.waitForTimeout(500); // nothing is forced: same page, the new worker still waits
  expect(await marker(page)).toBe(1);
  expect(await hasWaiting(page)).toBe(true);
  await banner.getByRole('button', { name: 'Reload' }).click();
  await page.waitForFunction(() => (window as unknown as { marker?: number }).marker === undefined);
  await expect(page.getByLabel('Import file').first()).toBeAttached();
  expect(await hasWaiting(page)).toBe(false);
  await expect(banner).toHaveCount(0);

  // 2. The usual case: a later visit (controlled from the start) finds an update. "Later" hides the banner and
  // changes nothing; the next load offers it again; "Reload" applies it.
  await deployNewVersion(page, 'version 3');
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Later' }).click();
  await expect(banner).toHaveCount(0);
  expect(await hasWaiting(page)).toBe(true);
  await page.reload();
  await expect(banner).toBeVisible();
  await setMarker(page);
  await banner.getByRole('button', { name: 'Reload' }).click();
  await page.waitForFunction(() => (window as unknown as { marker?: number }).marker === undefined);
  await expect(page.getByLabel('Import file').first()).toBeAttached();
  expect(await hasWaiting(page)).toBe(false);
  await expect(banner).toHaveCount(0);
});
