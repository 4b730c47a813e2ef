// Bulk edits on the examples the list shows: a preview with the count and before/after pairs, then one undoable
// step; the examples outside the filter are not touched.
import { test, expect } from './fixtures';
import { openApp, importText, exampleRows, messageCard, exportJsonl, waitSaved } from './helpers';

const line = (i: number, system: boolean) =>
  JSON.stringify({
    messages: [
      ...(system ? [{ role: 'system', content: 'You are ACME support.' }] : []),
      { role: 'user', content: `Order ${i}?` },
      { role: 'assistant', content: `ACME ships order ${i}.` },
    ],
  });
const file = Array.from({ length: 12 }, (_, i) => line(i + 1, i % 3 !== 0)).join('\n') + '\n';

test('find and replace on a filtered list: preview, apply as one step, undo; then add a system prompt where missing', async ({ page }) => {
  await openApp(page);
  await importText(page, 'acme.jsonl', file);
  await expect(exampleRows(page)).toHaveCount(12);

  // Only examples 1–9 (their user text has one digit).
  await page.getByRole('button', { name: 'Regular expression' }).click();
  await page.getByLabel('Search', { exact: true }).fill('^Order \\d\\?$');
  await expect(page.getByText('· 9 of 12 shown')).toBeVisible();
  await page.getByRole('button', { name: 'Change these 9…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change 9 examples' });
  await dialog.getByLabel('Find', { exact: true }).fill('ACME ships order (\\d+)');
  await dialog.getByLabel('Replace with').fill('Order $1 ships today');
  await dialog.getByLabel('Regular expression').check();
  await dialog.getByLabel('In', { exact: true }).selectOption('assistant');
  await expect(dialog.getByRole('button', { name: 'Apply (preview first)' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Replace all' }).click(); // opens the preview; nothing changes yet
  await expect(dialog.getByTestId('bulk-preview-count')).toHaveText('9 of 9 examples would change. The first ones, before and after:');
  await expect(dialog.getByLabel('Before').first()).toContainText('assistant: ACME ships order 1.');
  await expect(dialog.getByLabel('After').first()).toContainText('assistant: Order 1 ships today.');
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Find and replace: 9 examples changed.' })).toBeVisible();

  // Undo takes all nine back at once; redo puts them back.
  await page.keyboard.press('Control+z');
  await page.getByLabel('Search', { exact: true }).fill('ships today');
  await expect(page.getByText('No example matches the filter.')).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByText('· 9 of 12 shown')).toBeVisible();

  // On the whole dataset: a system prompt only where there is none (examples 1, 4, 7, 10).
  await page.getByLabel('Search', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Change all 12…' }).click();
  const all = page.getByRole('dialog', { name: 'Change 12 examples' });
  await all.getByLabel('What to do').selectOption('insertSystem');
  await all.getByLabel('System prompt').fill('You are ACME support.');
  await all.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(all.getByTestId('bulk-preview-count')).toHaveText(/^4 of 12 examples would change/);
  await all.getByRole('button', { name: 'Apply', exact: true }).click();
  await exampleRows(page).nth(9).click();
  await expect(messageCard(page, 1).getByLabel('Content', { exact: true })).toHaveValue('You are ACME support.');

  await waitSaved(page);
  const out = await exportJsonl(page);
  const lines = out.text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines.every((l) => l.messages[0].role === 'system')).toBe(true);
  expect(lines[0].messages[2].content).toBe('Order 1 ships today.');
  expect(lines[11].messages[2].content).toBe('ACME ships order 12.'); // outside the filter: untouched
});

test('near-duplicates are found in the background, shown with their differences, and one is kept in one undoable step', async ({ page }) => {
  const text = 'My order 4417 arrived damaged yesterday and the box was open. Can I get a replacement or a refund please?';
  const reply = 'I am sorry about that. Please send a photo of the damage and we will ship a replacement within two days.';
  const make = (user: string, assistant: string) =>
    JSON.stringify({
      messages: [
        { role: 'user', content: user },
        { role: 'assistant', content: assistant },
      ],
    });
  const rows = [
    make(text, reply),
    ...Array.from({ length: 9 }, (_, i) => make(`Unrelated question number ${i + 1} about topic ${'abcdefghi'[i]}?`, `A distinct answer ${i + 1}.`)),
    make(text.replace('yesterday', 'today'), reply),
  ];
  await openApp(page);
  await importText(page, 'dups.jsonl', rows.join('\n') + '\n');
  await expect(exampleRows(page)).toHaveCount(11);
  await page.getByRole('button', { name: 'Near-duplicates…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Near-duplicate examples' });
  await dialog.getByRole('button', { name: 'Find' }).click();
  await expect(dialog.getByTestId('dup-summary')).toHaveText('1 groups of near-duplicates (2 examples).');
  const group = dialog.getByRole('region', { name: 'Group of example 1' });
  await expect(group.locator('del')).toHaveText('yesterday');
  await expect(group.locator('ins')).toHaveText('today');
  await group.getByRole('button', { name: 'Keep example 1, delete the other 1' }).click();
  await expect(dialog.getByTestId('dup-summary')).toHaveText('No near-duplicates at this threshold.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(exampleRows(page)).toHaveCount(10);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted 1 near-duplicates of example 1.' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(exampleRows(page)).toHaveCount(11);

  // Leakage: one copy moved to validation, the other to training; only pairs across the split are shown.
  for (const [word, side] of [
    ['yesterday', 'validation'],
    ['today', 'train'],
  ] as const) {
    await page.getByLabel('Search', { exact: true }).fill(word);
    await expect(page.getByText('· 1 of 11 shown')).toBeVisible();
    await page.getByRole('button', { name: 'Change these 1…' }).click();
    const move = page.getByRole('dialog', { name: 'Change 1 examples' });
    await move.getByLabel('What to do').selectOption('split');
    await move.getByLabel('Move to').selectOption(side);
    await move.getByRole('button', { name: 'Preview', exact: true }).click();
    await move.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(move).toBeHidden();
  }
  await page.getByLabel('Search', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Near-duplicates…' }).click();
  await dialog.getByLabel('Only pairs split between training and validation (leakage)').check();
  await dialog.getByRole('button', { name: 'Find' }).click();
  await expect(dialog.getByTestId('dup-summary')).toHaveText(
    '1 groups cross the train/validation split (2 examples): the validation score would be too optimistic.',
  );
  // A group shown as the example list (a duplicate-group filter), then the whole list again.
  await dialog.getByRole('region', { name: 'Group of example 1' }).getByRole('button', { name: 'Show in the list' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('· 2 of 11 shown')).toBeVisible();
  await expect(page.getByText('only the 2 near-duplicates chosen')).toBeVisible();
  await expect(exampleRows(page).nth(1)).toContainText('today');
  await page.getByRole('button', { name: 'Show all again' }).click();
  await expect(exampleRows(page)).toHaveCount(11);
});
