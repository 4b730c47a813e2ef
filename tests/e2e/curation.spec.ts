// Curation on a generated 400-example dataset: "fix all N with this problem" previewed, applied and undone in one step;
// the list sorted by last edited (kept after a reload); statistics bars and rows that filter the list ("n of N");
// a bulk move to validation that the train/validation export honours; search matches marked in the list and editor.
import type { Download, Page } from '@playwright/test';
import fs from 'node:fs';
import { test, expect } from './fixtures';
import { openApp, importText, exampleRows, messageCard, waitSaved, moreAction } from './helpers';

const N = 400;
/** Example i: a system prompt except every 10th from 3 (40 without), a refund question every 25th (16), a long reply
 *  every 50th from 7 (8), a weight written as "0" every 40th from 5 (10), a tool call every 100th from 9 (4). */
function example(i: number): string {
  const messages: Record<string, unknown>[] = [];
  if (i % 10 !== 3) messages.push({ role: 'system', content: 'You are ACME support.' });
  messages.push({ role: 'user', content: `Order ${i}: ${i % 25 === 0 ? 'I want a refund' : 'where is it?'}` });
  if (i % 100 === 9) {
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: `c${i}`, type: 'function', function: { name: 'track', arguments: `{"order":${i}}` } }],
    });
    messages.push({ role: 'tool', tool_call_id: `c${i}`, content: 'in transit' });
  }
  const reply = i % 50 === 7 ? `Order ${i} details: ${'word '.repeat(300)}` : `Order ${i} ships tomorrow.`;
  messages.push({ role: 'assistant', content: reply, ...(i % 40 === 5 ? { weight: '0' } : {}) });
  return JSON.stringify({ messages });
}
const file = Array.from({ length: N }, (_, i) => example(i)).join('\n') + '\n';

async function load(page: Page) {
  await openApp(page);
  await importText(page, 'curation.jsonl', file);
  // The weights written as "0" are offered as repairs; imported as they are, they stay a problem to fix here.
  await page
    .getByRole('dialog', { name: /^Review repairs/ })
    .getByRole('button', { name: 'Import without fixes' })
    .click();
  await expect(exampleRows(page).first()).toBeVisible();
}
const shown = (page: Page) => page.getByText(/\d+ of \d+ shown/);
const statistics = (page: Page) => page.getByRole('tab', { name: 'Statistics' }).click();

test('fix all examples with a problem: previewed, applied as one step, undone with Ctrl+Z', async ({ page }) => {
  await load(page);
  await statistics(page);
  await page
    .getByRole('region', { name: /^Problems/ })
    .getByRole('button', { name: 'weight_invalid' })
    .click();
  await expect(shown(page)).toHaveText(`· 10 of ${N} shown`);

  await page.getByRole('button', { name: 'Fix all 10 with this problem…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change 10 examples' });
  await expect(dialog.getByLabel('What to do')).toHaveValue('fixIssue');
  await expect(dialog.getByTestId('fix-what')).toHaveText('Problem weight_invalid: the same repair as at import: Weight not 0 or 1');
  await dialog.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(dialog.getByTestId('bulk-preview-count')).toHaveText(/^10 of 10 examples would change/);
  await expect(dialog.getByLabel('Before').first()).not.toContainText('(weight 0)');
  await expect(dialog.getByLabel('After').first()).toContainText('assistant (weight 0): Order 5 ships tomorrow.');
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('No example matches the filter.')).toBeVisible(); // none has the problem any more

  await page.keyboard.press('Control+z');
  await expect(shown(page)).toHaveText(`· 10 of ${N} shown`); // all ten back at once

  // A missing system prompt gets the dataset's most common one.
  await statistics(page);
  await page
    .getByRole('region', { name: /^Problems/ })
    .getByRole('button', { name: 'missing_system_message' })
    .click();
  await expect(shown(page)).toHaveText(`· 40 of ${N} shown`);
  await page.getByRole('button', { name: 'Fix all 40 with this problem…' }).click();
  const fix = page.getByRole('dialog', { name: 'Change 40 examples' });
  await expect(fix.getByTestId('fix-what')).toContainText('“You are ACME support.”');
  await fix.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(fix.getByTestId('bulk-preview-count')).toHaveText(/^40 of 40 examples would change/);
  await fix.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByText('No example matches the filter.')).toBeVisible();
  await page.getByRole('button', { name: 'More filters' }).click();
  await page.getByRole('button', { name: 'Clear all filters' }).click();
  await exampleRows(page).nth(3).click();
  await expect(messageCard(page, 1).getByLabel('Content', { exact: true })).toHaveValue('You are ACME support.');
});

test('sort by last edited puts the latest edits first, and the order survives a reload', async ({ page }) => {
  await load(page);
  await exampleRows(page).nth(4).click();
  await messageCard(page, 2).getByLabel('Content', { exact: true }).fill('Edited first');
  await exampleRows(page).nth(1).click();
  await messageCard(page, 2).getByLabel('Content', { exact: true }).fill('Edited second');
  await page.getByRole('button', { name: 'More filters' }).click();
  await page.getByLabel('Order', { exact: true }).selectOption('edited');
  await expect(exampleRows(page).nth(0)).toContainText('Edited second');
  await expect(exampleRows(page).nth(1)).toContainText('Edited first');
  await expect(exampleRows(page).nth(2)).toContainText('Order 0:'); // never edited: file order after the edited ones
  await waitSaved(page);
  await page.reload();
  await expect(exampleRows(page).nth(0)).toContainText('Edited second');
  await expect(exampleRows(page).nth(1)).toContainText('Edited first');
});

test('statistics you can click: assistant tokens, messages per example and the role mix filter the list', async ({ page }) => {
  await load(page);
  await statistics(page);
  const assistant = page.getByRole('group', { name: /^Assistant tokens per example/ }).getByRole('button');
  await assistant.last().click();
  await expect(page.getByRole('tab', { name: 'Edit' })).toHaveAttribute('aria-selected', 'true');
  await expect(shown(page)).toHaveText(`· 8 of ${N} shown`); // the eight long replies
  await expect(exampleRows(page).first()).toContainText('Order 7:');

  await statistics(page);
  await page
    .getByRole('group', { name: /^Messages per example/ })
    .getByRole('button', { name: '4 examples with 5 messages' })
    .click();
  await expect(shown(page)).toHaveText(`· 4 of ${N} shown`);

  await statistics(page);
  await page
    .getByRole('region', { name: /^Role mix/ })
    .getByRole('button', { name: 'Tool result' })
    .click();
  await expect(shown(page)).toHaveText(`· 4 of ${N} shown`);
  await expect(exampleRows(page).first()).toContainText('Order 9:');
});

test('move to validation: previewed, one undo step, filterable, and the train/validation export keeps them there', async ({ page }) => {
  await load(page);
  await page.getByLabel('Search', { exact: true }).fill('refund');
  await expect(shown(page)).toHaveText(`· 16 of ${N} shown`);
  await page.getByRole('button', { name: 'Change these 16…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change 16 examples' });
  await dialog.getByLabel('What to do').selectOption('split');
  await dialog.getByLabel('Move to').selectOption('validation');
  await dialog.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(dialog.getByTestId('bulk-preview-count')).toHaveText(/^16 of 16 examples would change/);
  await expect(dialog.getByLabel('After').first()).toContainText('→ Validation');
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(dialog).toBeHidden();

  await page.getByLabel('Search', { exact: true }).fill('');
  await page.getByRole('button', { name: 'More filters' }).click();
  await page.getByLabel('Split', { exact: true }).selectOption('validation');
  await expect(shown(page)).toHaveText(`· 16 of ${N} shown`);
  await page.keyboard.press('Control+z');
  await expect(page.getByText('No example matches the filter.')).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(shown(page)).toHaveText(`· 16 of ${N} shown`);

  // A 1% validation share: the seed would pick 4; the 16 moved by hand are the validation file.
  await moreAction(page, 'More export formats');
  const exp = page.getByRole('dialog', { name: 'More export formats' });
  await exp.getByLabel('Target').selectOption('split');
  await exp.getByLabel('Validation share (%)').fill('1');
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await exp.getByRole('button', { name: 'Download' }).click();
  await expect.poll(() => downloads.length).toBe(2);
  const validation = downloads.find((d) => d.suggestedFilename().endsWith('.validation.jsonl'))!;
  const lines = fs
    .readFileSync((await validation.path())!, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines).toHaveLength(16);
  expect(lines.every((l) => l.messages.some((m: { content: unknown }) => String(m.content).includes('refund')))).toBe(true);
});

test('search matches are marked in the list rows and in the editor’s message text', async ({ page }) => {
  await load(page);
  await page.getByLabel('Search', { exact: true }).fill('refund');
  await expect(shown(page)).toHaveText(`· 16 of ${N} shown`);
  await expect(exampleRows(page).first().locator('mark')).toHaveText('refund');
  await exampleRows(page).first().click();
  const box = messageCard(page, 2).getByLabel('Content', { exact: true });
  const mark = messageCard(page, 2).locator('mark');
  await expect(mark).toHaveText('refund');
  await expect(mark).toBeVisible();
  // The mark lies on the word in the text box (the layer is laid over the box, same font and wrapping).
  const [b, m] = [await box.boundingBox(), await mark.boundingBox()];
  expect(m!.x).toBeGreaterThan(b!.x);
  expect(m!.x + m!.width).toBeLessThan(b!.x + b!.width);
  expect(m!.y).toBeGreaterThanOrEqual(b!.y);
  expect(m!.y + m!.height).toBeLessThanOrEqual(b!.y + b!.height);
  await box.click(); // typing still goes to the box
  await page.keyboard.press('End');
  await page.keyboard.type(' now');
  await expect(box).toHaveValue('Order 0: I want a refund now');
  await expect(messageCard(page, 1).locator('mark')).toHaveCount(0); // the system prompt has no match
  await page.getByLabel('Search', { exact: true }).fill('');
  await expect(mark).toHaveCount(0);
});
