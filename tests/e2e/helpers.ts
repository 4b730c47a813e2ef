// Shared helpers of the browser tests: a fresh app page, file import, download capture.
import { expect, type Page, type Download } from '@playwright/test';
import fs from 'node:fs';

/** Opens the app with empty storage and waits until it is ready. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByLabel('Import file').first()).toBeAttached();
}

/** Imports `text` as a file named `name` through the "Import file" input. */
export async function importText(page: Page, name: string, text: string | Buffer): Promise<void> {
  await page.getByLabel('Import file').setInputFiles({ name, mimeType: 'application/jsonl', buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) });
}

/** Clicks `button` and returns the downloaded file's text. */
export async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(path!, 'utf8'), download };
}

/** Answers the next prompt()/confirm() dialog with `value` (or accepts a confirm). */
export function answerNextDialog(page: Page, value?: string): void {
  page.once('dialog', (d) => void d.accept(value));
}

/** The rows of the example list (the list is virtualized: only rows in view exist). */
export function exampleRows(page: Page) {
  return page.getByRole('listbox', { name: 'Examples' }).getByRole('option');
}

/** The editor's card of message `n` (1-based) of the selected example. */
export function messageCard(page: Page, n: number) {
  return page.getByRole('article', { name: `Message ${n}`, exact: true });
}

/** Waits until autosave reports every change written. */
export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
}
