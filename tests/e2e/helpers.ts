// Shared helpers of the browser tests: a fresh app page, file import, download capture, the fake OpenAI API.
import { expect, type Page, type Download } from '@playwright/test';
import fs from 'node:fs';
import { test } from './fixtures';
import { startFakeOpenAI, type FakeState } from '../fake-openai/server';

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

/** Creates a dataset named `name` through the "New dataset" dialog (it opens with one empty example). */
export async function newDataset(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New dataset', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New dataset' });
  await dialog.getByLabel('Dataset name').fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Datasets').locator('option:checked')).toHaveText(name);
}

/** Picks `action` (Rename, Duplicate, Delete) in the open dataset's "Dataset" menu. */
export async function datasetAction(page: Page, action: 'Rename' | 'Duplicate' | 'Delete'): Promise<void> {
  await page.getByRole('button', { name: 'Dataset', exact: true }).click();
  await page.getByRole('menuitem', { name: action, exact: true }).click();
}

/** Picks `item` in the toolbar's "More" menu (other export formats, the report). */
export async function moreAction(page: Page, item: 'More export formats' | 'Download report'): Promise<void> {
  await page.getByRole('button', { name: 'More', exact: true }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

/** Renames the open dataset through the "Rename" dialog. */
export async function renameDataset(page: Page, name: string): Promise<void> {
  await datasetAction(page, 'Rename');
  const dialog = page.getByRole('dialog', { name: 'Rename dataset' });
  await dialog.getByLabel('Dataset name').fill(name);
  await dialog.getByRole('button', { name: 'Save name' }).click();
  await expect(dialog).toBeHidden();
}

/**
 * Clicks "Export JSONL" (or runs `start`) and, when the app asks "Export with errors?", answers "Export anyway".
 * Returns the downloaded file and the dialog's question (null when it did not ask).
 */
export async function exportJsonl(
  page: Page,
  start: () => Promise<void> = () => page.getByRole('button', { name: 'Export JSONL' }).click(),
): Promise<{ name: string; text: string; bytes: Buffer; asked: string | null }> {
  const download = page.waitForEvent('download');
  const ask = page.getByRole('dialog', { name: 'Export with errors?' });
  await start();
  const first = await Promise.race([
    download.then(() => 'download' as const),
    ask.waitFor({ state: 'visible' }).then(
      () => 'dialog' as const,
      () => 'download' as const,
    ),
  ]);
  let asked: string | null = null;
  if (first === 'dialog') {
    asked = await ask.locator('p').first().textContent();
    await ask.getByRole('button', { name: 'Export anyway' }).click();
  }
  const file = await download;
  const bytes = fs.readFileSync((await file.path())!);
  return { name: file.suggestedFilename(), text: bytes.toString('utf8'), bytes, asked };
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

/** Switches the UI to Simplified Chinese through the language menu and waits until it shows. */
export async function useChinese(page: Page): Promise<void> {
  await page.getByLabel('Language').selectOption('zh');
  await expect(page.getByLabel('语言')).toBeVisible();
}

/** The fake OpenAI API of a test file: its base URL and state, once it has started. */
export interface FakeOpenAI {
  readonly url: string;
  readonly state: FakeState;
}

/** Starts the fake OpenAI API (tests/fake-openai/server.ts) on `port` before the tests of this file or block, and stops it after them. */
export function useFakeOpenAI(port: number): FakeOpenAI {
  let fake: Awaited<ReturnType<typeof startFakeOpenAI>> | undefined;
  test.beforeAll(async () => {
    fake = await startFakeOpenAI({ port });
  });
  test.afterAll(async () => {
    await fake?.close();
  });
  const started = () => {
    if (!fake) throw new Error('the fake OpenAI API is used before it started (call useFakeOpenAI at the top of a file or block)');
    return fake;
  };
  return {
    get url() {
      return started().url;
    },
    get state() {
      return started().state;
    },
  };
}

/** In Chinese: imports the 12 good examples of tests/fixtures/train and opens the Train tab with `key` on the API at `baseUrl`. */
export async function openTrainInChinese(page: Page, baseUrl: string, key: string): Promise<void> {
  await openApp(page);
  await useChinese(page);
  const file = fs.readFileSync(new URL('../fixtures/train/good-12.jsonl', import.meta.url));
  await page.getByLabel('导入文件').setInputFiles({ name: 'good-12.jsonl', mimeType: 'application/jsonl', buffer: file });
  await expect(page.locator('[role="option"][data-index]')).toHaveCount(12);
  await page.getByRole('tab', { name: '训练' }).click();
  await page.getByLabel('API 密钥').fill(key);
  await page.getByLabel('API 基础 URL').fill(baseUrl);
}
