// A file whose one line is a 12 MB chat example: it imports, shows, opens in the long-text editor, takes typing with
// an exact token count (computed here in Node with the project's counter), and the edit survives a reload. Speed is
// measured by `npm run bench` (its "12 MB single line" rows), not asserted here.
import { test, expect } from './fixtures';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hugeLineFile } from '../../bench/huge-line';
import { getCounter } from '../../src/lib/tokens/encodings';
import { exampleTokens } from '../../src/lib/dataset/example-tokens';
import { messageCard, openApp, waitSaved } from './helpers';

test.setTimeout(300_000);

test('a 12 MB single line imports, opens, takes a word with an exact count, and keeps it after reload', async ({ page }) => {
  const text = hugeLineFile({ mb: 12 });
  const file = path.join(os.tmpdir(), 'tuneset-e2e-huge-line.jsonl');
  fs.writeFileSync(file, text);
  const value = JSON.parse(text.slice(0, text.indexOf('\n'))) as { messages: { role: string; content: string }[] };
  const counter = await getCounter('o200k_base'); // the default model's tokenizer (gpt-4o-mini)
  const before = exampleTokens(value, counter.count).total;
  value.messages[2].content += ' zebra';
  const after = exampleTokens(value, counter.count).total;
  expect(after).not.toBe(before);

  await openApp(page);
  await page.getByLabel('Import file').setInputFiles(file);
  const tokens = page.getByTestId('example-tokens');
  await expect(tokens).toHaveText(`${before} tokens`, { timeout: 120_000 });
  // The reply is too long for a text box: its start shows, the whole text opens in the editor.
  await expect(page.getByRole('button', { name: /^Edit all \(1\d\.\d M characters\)$/ })).toBeVisible();
  await page.getByRole('button', { name: /^Edit all/ }).click();
  const editor = messageCard(page, 3).getByRole('textbox', { name: 'Content' });
  await expect(editor).toBeVisible({ timeout: 60_000 });
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' zebra', { delay: 50 });
  await expect(tokens).toHaveText(`${after} tokens`, { timeout: 60_000 });

  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId('example-tokens')).toHaveText(`${after} tokens`, { timeout: 120_000 });
  await page.getByRole('button', { name: /^Edit all/ }).click();
  await expect(editor).toBeVisible({ timeout: 60_000 });
  await editor.click();
  await page.keyboard.press('Control+End');
  await expect(page.locator('.cm-content')).toContainText('zebra');
  fs.rmSync(file, { force: true });
});
