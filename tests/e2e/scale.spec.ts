// Curation at scale (#12 "Done when") on a generated 10,000-example dataset: every bulk operation previewed, applied
// and undone in one step (and one that would break examples says how many first); a catastrophic regular expression
// stopped by its time budget with the page still answering; keyboard review whose progress survives a reload; a
// histogram bar that filters the list; near-duplicates found among planted copies (precision and recall reported);
// a backup exported, the dataset deleted, the backup imported and identical.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openApp, importText, exampleRows, downloadOf, waitSaved, datasetAction, moreAction } from './helpers';
import { plantedCorpus, pairScores } from '../../bench/planted-dups';

const N = 10_000;
/** Example i: no system prompt every 10th from 3 (1,000); a refund every 25th (400); curly quotes every 20th from 1
 *  (500); a reply ending in spaces every 50th from 2 (200); an earlier assistant turn every 40th from 5 (250); a long
 *  reply every 100th from 7 (100). */
function example(i: number): string {
  const messages: Record<string, unknown>[] = [];
  if (i % 10 !== 3) messages.push({ role: 'system', content: 'You are ACME support.' });
  if (i % 40 === 5) messages.push({ role: 'user', content: 'Hello?' }, { role: 'assistant', content: 'Hello, how can I help?' });
  messages.push({ role: 'user', content: `Order ${i}: ${i % 25 === 0 ? 'I want a refund' : i % 20 === 1 ? 'is it “fast”?' : 'where is it?'}` });
  messages.push({
    role: 'assistant',
    content: i % 100 === 7 ? `Order ${i} details: ${'word '.repeat(300)}` : `Order ${i} ships tomorrow.${i % 50 === 2 ? '   ' : ''}`,
  });
  return JSON.stringify({ messages });
}
const file = Array.from({ length: N }, (_, i) => example(i)).join('\n') + '\n';

async function load(page: Page, text = file, n = N) {
  await openApp(page);
  await importText(page, 'scale.jsonl', text);
  await expect(page.getByText(`1 / ${n}`)).toBeVisible({ timeout: 30_000 });
}
const shown = (page: Page) => page.getByText(/\d+ of \d+ shown/);
const search = (page: Page) => page.getByLabel('Search', { exact: true });

/**
 * Opens the bulk dialog on what the list shows, lets `setup` choose the edit, previews it (expecting `count` changes),
 * applies it, then checks it is done (a second preview finds nothing left to change) and that one Ctrl+Z takes all of
 * it back (the preview finds all `count` again).
 */
async function bulkRoundTrip(page: Page, total: number, count: number, setup: (d: ReturnType<Page['getByRole']>) => Promise<unknown>, previewName = 'Preview') {
  const open = () => page.getByRole('button', { name: total === N ? `Change all ${total}…` : `Change these ${total}…` }).click();
  const dialog = page.getByRole('dialog', { name: `Change ${total} examples` });
  const preview = async (expected: number) => {
    await dialog.getByRole('button', { name: previewName, exact: true }).click();
    await expect(dialog.getByTestId('bulk-preview-count')).toHaveText(new RegExp(`^${expected} of ${total} examples would change`));
  };
  await open();
  await setup(dialog);
  await preview(count);
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `: ${count} examples changed. Ctrl+Z undoes it in one step.` })).toBeVisible();
  await open();
  await preview(0);
  await expect(dialog.getByRole('button', { name: 'Apply', exact: true })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('Control+z');
  await open();
  await preview(count);
  await dialog.getByRole('button', { name: 'Close' }).click();
}

test('bulk edits of the text of 10,000 examples: previewed, applied, undone in one step', async ({ page }) => {
  test.setTimeout(120_000);
  await load(page);
  const t0 = Date.now();
  await bulkRoundTrip(
    page,
    N,
    N - 100,
    async (d) => {
      await d.getByLabel('Find', { exact: true }).fill('ships (\\w+)\\.');
      await d.getByLabel('Replace with').fill('ships $1!');
      await d.getByLabel('Regular expression').check();
      await d.getByLabel('In', { exact: true }).selectOption('assistant');
    },
    'Replace all',
  );
  await bulkRoundTrip(page, N, N, async (d) => {
    await d.getByLabel('What to do').selectOption('systemPrompt');
    await d.getByLabel('System prompt').fill('You are ACME support, briefly.');
  });
  await bulkRoundTrip(page, N, 1000, async (d) => {
    await d.getByLabel('What to do').selectOption('insertSystem');
    await d.getByLabel('System prompt').fill('You are ACME support.');
  });
  await bulkRoundTrip(page, N, 250, async (d) => {
    await d.getByLabel('What to do').selectOption('weights');
    await d.getByLabel('Assistant replies are').selectOption('0');
    await d.getByLabel('Which replies').selectOption('allButLast');
  });
  console.log(`four content edits on ${N} examples, each previewed, applied, checked and undone: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});

test('more bulk operations on 10,000 examples: trim, straighten quotes, status, tag, split', async ({ page }) => {
  test.setTimeout(120_000);
  await load(page);
  const t0 = Date.now();
  await bulkRoundTrip(page, N, 300, (d) => d.getByLabel('What to do').selectOption('trim')); // 200 + the 100 long replies' last space
  await bulkRoundTrip(page, N, 500, (d) => d.getByLabel('What to do').selectOption('normalize'));
  await bulkRoundTrip(page, N, N, async (d) => {
    await d.getByLabel('What to do').selectOption('status');
    await d.getByLabel('Review status').selectOption('approved');
  });
  await bulkRoundTrip(page, N, N, async (d) => {
    await d.getByLabel('What to do').selectOption('tag');
    await d.getByLabel('Tag name').fill('batch-1');
  });
  await bulkRoundTrip(page, N, N, async (d) => {
    await d.getByLabel('What to do').selectOption('split');
    await d.getByLabel('Move to').selectOption('train');
  });
  console.log(`five more bulk operations on ${N} examples, each previewed, applied, checked and undone: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});

test('on a filter of 10,000 examples: renaming a role says how many it would break; delete is undone in one step', async ({ page }) => {
  test.setTimeout(120_000);
  await load(page);
  await search(page).fill('refund');
  await expect(shown(page)).toHaveText(`· 400 of ${N} shown`);
  // "user" → "tool": a tool message with no call before it is an error; the preview says so before anything applies.
  await page.getByRole('button', { name: 'Change these 400…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change 400 examples' });
  await dialog.getByLabel('What to do').selectOption('renameRole');
  await dialog.getByLabel('Messages whose role is').fill('user');
  await dialog.getByLabel('get the role').selectOption('tool');
  await dialog.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(dialog.getByTestId('bulk-preview-count')).toHaveText(/^400 of 400 examples would change/);
  await expect(dialog.getByTestId('bulk-invalid')).toHaveText(/^400 of them would have errors afterwards/);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Change these 400…' }).click();
  await dialog.getByLabel('What to do').selectOption('delete');
  await dialog.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(dialog.getByTestId('bulk-preview-count')).toHaveText(/^400 of 400 examples would change/);
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByText('No example matches the filter.')).toBeVisible();
  await expect(page.getByText(new RegExp(`/ ${N - 400}\\b`))).toBeVisible(); // the dataset has 400 fewer
  await page.keyboard.press('Control+z');
  await expect(shown(page)).toHaveText(`· 400 of ${N} shown`);
});

test('a catastrophic regular expression on 10,000 examples is stopped by its time budget; the page keeps answering', async ({ page }) => {
  await load(page);
  await page.getByRole('button', { name: 'Regular expression' }).click();
  // Nested repeats that never find the "!" backtrack without end on every reply: tried in a worker and stopped.
  await search(page).fill('(\\w+\\s?)+!');
  await expect(page.getByRole('alert').filter({ hasText: 'This regular expression took too long' })).toBeVisible();
  await expect(page.getByText('The search was stopped: its regular expression is too slow.')).toBeVisible();
  // Responsive meanwhile and after: the page answers at once and the next pattern searches as usual.
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  await search(page).fill('refund$');
  await expect(shown(page)).toHaveText(`· 400 of ${N} shown`);
  // The same in find and replace: nothing is changed, and it says why.
  await search(page).fill('');
  await page.getByRole('button', { name: `Change all ${N}…` }).click();
  const dialog = page.getByRole('dialog', { name: `Change ${N} examples` });
  await dialog.getByLabel('Find', { exact: true }).fill('(\\w+\\s?)+#');
  await dialog.getByLabel('Replace with').fill('x');
  await dialog.getByLabel('Regular expression').check();
  await dialog.getByRole('button', { name: 'Replace all' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'took too long' })).toContainText('nothing was changed');
  await expect(dialog.getByTestId('bulk-preview-count')).toHaveCount(0);
  // A pattern that does not compile: a message at the field, nothing runs.
  await dialog.getByLabel('Find', { exact: true }).fill('ships (');
  await expect(dialog.getByRole('alert').filter({ hasText: 'Not a valid regular expression' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Replace all' })).toBeDisabled();
});

test('keyboard review of 10,000 examples: progress survives a reload; a histogram bar filters the list', async ({ page }) => {
  await load(page);
  await exampleRows(page).first().click();
  for (let k = 0; k < 5; k++) await page.keyboard.press('Alt+a');
  await page.keyboard.press('Alt+w');
  await expect(page.getByText(`7 / ${N}`)).toBeVisible();
  await expect(page.getByTestId('review-progress')).toContainText(`5 of ${N} approved`);
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId('review-progress')).toContainText(`5 of ${N} approved`);
  await expect(page.getByTestId('review-progress')).toContainText('needs work: 1');
  await page.getByLabel('Review status').selectOption('todo');
  await expect(shown(page)).toHaveText(`· ${N - 6} of ${N} shown`);
  await page.getByLabel('Review status').selectOption('any');

  await page.getByRole('tab', { name: 'Statistics' }).click();
  await page
    .getByRole('group', { name: /^Tokens per example/ })
    .getByRole('button')
    .last()
    .click();
  await expect(page.getByRole('tab', { name: 'Edit' })).toHaveAttribute('aria-selected', 'true');
  await expect(shown(page)).toHaveText(`· 100 of ${N} shown`); // the hundred long replies
  await expect(exampleRows(page).first()).toContainText('Order 7:');
});

test('near-duplicates among 10,000 examples with planted copies: precision and recall of at least 0.9', async ({ page }, testInfo) => {
  const { lines, families } = plantedCorpus(N, 40);
  await load(page, lines.join('\n') + '\n');
  await page.getByRole('button', { name: 'Near-duplicates…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Near-duplicate examples' });
  const t0 = Date.now();
  await dialog.getByRole('button', { name: 'Find' }).click();
  await expect(dialog.getByTestId('dup-summary')).toBeVisible({ timeout: 30_000 });
  const seconds = (Date.now() - t0) / 1000;
  const groups = await dialog
    .getByRole('region', { name: /^Group of example/ })
    .evaluateAll((els) => els.map((el) => [...el.querySelectorAll('button.link')].map((b) => Number(/(\d+)/.exec(b.textContent ?? '')![1]) - 1)));
  const scores = pairScores(groups, families);
  const line = `near-duplicates on ${N} examples with ${families.length} planted copies: precision ${scores.precision.toFixed(3)}, recall ${scores.recall.toFixed(3)}, found in ${seconds.toFixed(1)} s`;
  console.log(line);
  testInfo.annotations.push({ type: 'near-duplicates', description: line });
  expect(groups.length).toBeLessThanOrEqual(50); // all shown (the dialog lists the first 50)
  expect(scores.precision).toBeGreaterThanOrEqual(0.9);
  expect(scores.recall).toBeGreaterThanOrEqual(0.9);
  // Every group as the example list (the duplicate-group filter).
  const inGroups = groups.flat().length;
  await dialog.getByRole('button', { name: `Show all ${inGroups} in the list` }).click();
  await expect(shown(page)).toHaveText(`· ${inGroups} of ${N} shown`);
});

test('a backup of 10,000 curated examples: exported, the dataset deleted, imported, identical', async ({ page }) => {
  await load(page);
  await exampleRows(page).first().click();
  await page.keyboard.press('Alt+a');
  await page.keyboard.press('Alt+r');
  await page.getByLabel('Tags').fill('refund, tone');
  await page.getByLabel('Tags').press('Enter');
  await search(page).fill('refund');
  await page.getByRole('button', { name: 'More filters' }).click();
  await page.getByLabel('Name of this view').fill('Refunds');
  await page.getByRole('button', { name: 'Save view' }).click();
  await waitSaved(page);

  const backup = async () => {
    await moreAction(page, 'More export formats');
    const dialog = page.getByRole('dialog', { name: 'More export formats' });
    await dialog.getByLabel('Target').selectOption('backup');
    const file = await downloadOf(page, () => dialog.getByRole('button', { name: 'Download' }).click());
    await dialog.getByRole('button', { name: 'Close' }).click();
    return file;
  };
  const before = await backup();
  expect(before.text.split('\n').filter(Boolean)).toHaveLength(N + 1);

  await datasetAction(page, 'Delete');
  await expect(page.getByText(`Deleted “scale” (${N} examples).`)).toBeVisible();
  await importText(page, before.name, before.text);
  await expect(page.getByText(`Restored “scale” from its backup: ${N} examples`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('review-progress')).toContainText(`1 of ${N} approved`);
  await expect(page.getByLabel('Saved views').locator('option', { hasText: 'Refunds' })).toHaveCount(1);
  const after = await backup();
  // Identical but for the header's time of writing.
  const body = (text: string) => text.replace(/"created":"[^"]*"/, '');
  expect(body(after.text)).toBe(body(before.text));
});
