// The README's screenshots, made from the built app (not a test: skipped unless SCREENSHOTS=1). Regenerate after a
// visual change:
//   TUNESET_OUTDIR=dist npx vite build --outDir dist && SCREENSHOTS=1 npx playwright test tests/e2e/screenshots.spec.ts
// SCREENSHOTS_DIR writes them elsewhere (e.g. to compare before replacing docs/).
import path from 'node:path';
import { test, expect } from './fixtures';
import { openApp, exampleRows } from './helpers';

const DIR = process.env.SCREENSHOTS_DIR ?? 'docs';

test.skip(!process.env.SCREENSHOTS, 'makes the README screenshots only when SCREENSHOTS=1');

test('README screenshots', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });

  // The first visit: three starts.
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await expect(page.getByRole('region', { name: 'Start your first fine-tuning dataset' })).toBeVisible();
  await page.screenshot({ path: path.join(DIR, 'screenshot-first-run.png') });

  // The editor on the sample dataset, example 4 (reviewed, a system prompt, a reply trained on).
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Open the sample dataset' }).click();
  await expect(exampleRows(page).first()).toBeVisible();
  await exampleRows(page).nth(3).click();
  await expect(page.getByRole('heading', { name: 'Example 4', exact: true })).toBeVisible();
  await expect(page.getByTestId('example-tokens')).toBeVisible();
  await page.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(DIR, 'screenshot.png') });

  // Curation: a search with its matches marked, and a find and replace previewed before it applies.
  await page.getByRole('tab', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Search', { exact: true }).fill('sarcastic');
  await expect(page.getByText(/ of \d+ shown/)).toBeVisible();
  const change = page.getByRole('button', { name: /^Change these \d+…$/ });
  await change.click();
  const dialog = page.getByRole('dialog', { name: /^Change \d+ examples$/ });
  await dialog.getByLabel('Find', { exact: true }).fill('also sarcastic');
  await dialog.getByLabel('Replace with').fill('also kind, and only a little sarcastic');
  await dialog.getByLabel('In', { exact: true }).selectOption('system');
  await dialog.getByRole('button', { name: 'Replace all' }).click();
  await expect(dialog.getByTestId('bulk-preview-count')).toBeVisible();
  await page.screenshot({ path: path.join(DIR, 'screenshot-curation.png') });
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByLabel('Search', { exact: true }).fill('');

  // Statistics in the dark, with the plain-words panel open.
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.getByRole('tab', { name: 'Statistics' }).click();
  await expect(page.getByTestId('stats')).toBeVisible();
  await page.getByRole('button', { name: 'What do these mean?' }).click();
  await expect(page.getByRole('dialog', { name: 'What do these words mean?' })).toBeVisible();
  await page.screenshot({ path: path.join(DIR, 'screenshot-statistics-dark.png') });
});
