// Finding examples in a dataset: search with case / whole-word / regular-expression options and a scope, filters
// that combine (content flags, token range), a sort, "n of N shown", a clear message for a broken pattern, and all of it
// restored after a reload.
import { test, expect } from './fixtures';
import { openApp, importText, exampleRows, waitSaved } from './helpers';

const line = (user: string, reply: string, extra: Record<string, unknown> = {}, system = true) =>
  JSON.stringify({
    messages: [...(system ? [{ role: 'system', content: 'Be brief.' }] : []), { role: 'user', content: user }, { role: 'assistant', content: reply, ...extra }],
  });
const file =
  [
    line('Where is my order?', 'It ships today.'),
    line('Cancel my ORDER please', 'Done: cancelled.'),
    line('Reorder the list', 'Sorted.'),
    line('Track parcel 42', 'Looking it up.', { tool_calls: [{ id: 'c1', type: 'function', function: { name: 'track_parcel', arguments: '{"id":42}' } }] }),
    line('Hello', 'Hi! ' + 'How can I help you today? '.repeat(30), {}, false),
    ...Array.from({ length: 7 }, (_, i) => line(`Question ${i + 1}?`, `Answer ${i + 1}.`)),
  ].join('\n') + '\n';

test('search options, scope, combined filters and sort narrow the list, and come back after a reload', async ({ page }) => {
  await openApp(page);
  await importText(page, 'search.jsonl', file);
  await expect(exampleRows(page)).toHaveCount(12);
  const search = page.getByLabel('Search', { exact: true });
  const shown = page.getByText(/\d+ of \d+ shown/);

  await search.fill('order');
  await expect(shown).toHaveText('· 3 of 12 shown'); // order, ORDER, Reorder
  await page.getByRole('button', { name: 'Whole words only' }).click();
  await expect(shown).toHaveText('· 2 of 12 shown');
  await page.getByRole('button', { name: 'Match case' }).click();
  await expect(shown).toHaveText('· 1 of 12 shown');
  await expect(exampleRows(page).first()).toContainText('Where is my order?');
  await page.getByRole('button', { name: 'Match case' }).click();
  await page.getByRole('button', { name: 'Whole words only' }).click();

  await page.getByRole('button', { name: 'Regular expression' }).click();
  await search.fill('order(');
  await expect(page.getByRole('alert').filter({ hasText: 'Not a valid regular expression' })).toBeVisible();
  await expect(page.getByText('No example matches the filter.')).toBeVisible();
  await search.fill('^(cancel|track)');
  await expect(shown).toHaveText('· 2 of 12 shown');

  await page.getByRole('button', { name: 'More filters' }).click();
  // Scoped to one role: "ships" is in an assistant reply, never in a user message.
  await search.fill('ships');
  await page.getByLabel('Search in').selectOption('user');
  await expect(page.getByText('No example matches the filter.')).toBeVisible();
  await page.getByLabel('Search in').selectOption('assistant');
  await expect(shown).toHaveText('· 1 of 12 shown');
  await page.getByLabel('Search in').selectOption('tool_calls');
  await search.fill('track_');
  await expect(shown).toHaveText('· 1 of 12 shown');
  await expect(exampleRows(page).first().locator('mark')).toHaveText('track_'); // the match, marked, where it is

  // Content flags and the token range combine with each other; the search is cleared first.
  await search.fill('');
  await page.getByLabel('Search in').selectOption('all');
  await page.getByLabel('No system message').check();
  await expect(shown).toHaveText('· 1 of 12 shown');
  await expect(exampleRows(page).first()).toContainText('Hello');
  await page.getByLabel('No system message').uncheck();
  await page.getByLabel('Tokens from', { exact: true }).fill('100');
  await page.getByLabel('Tokens from', { exact: true }).press('Tab');
  await expect(shown).toHaveText('· 1 of 12 shown');

  // Sort by tokens, largest first: the long reply comes first; position numbers stay the file's.
  await page.getByLabel('Tokens from', { exact: true }).fill('');
  await page.getByLabel('Tokens from', { exact: true }).press('Tab');
  await page.getByLabel('Order', { exact: true }).selectOption('tokens');
  await page.getByLabel('Largest first').check();
  await expect(exampleRows(page).first()).toContainText('Hello');
  await expect(exampleRows(page).first()).toContainText(/^5/);

  await waitSaved(page);
  await page.waitForTimeout(700); // the UI state is written 300 ms after the last change
  await page.reload();
  await expect(exampleRows(page).first()).toContainText('Hello');
  await page.getByRole('button', { name: 'More filters' }).click();
  await expect(page.getByLabel('Order', { exact: true })).toHaveValue('tokens');
  await expect(page.getByRole('button', { name: 'Regular expression' })).toHaveAttribute('aria-pressed', 'true');

  // The current filter saved as a named view of this dataset, cleared, then brought back from "Saved views".
  await page.getByLabel('Name of this view').fill('Longest first');
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('button', { name: 'Clear all filters' }).click();
  await expect(shown).toHaveCount(0);
  await expect(exampleRows(page).first()).toContainText('Where is my order?');
  await page.getByLabel('Saved views').selectOption('Longest first');
  await expect(exampleRows(page).first()).toContainText('Hello');
  await expect(page.getByLabel('Order', { exact: true })).toHaveValue('tokens');
});
