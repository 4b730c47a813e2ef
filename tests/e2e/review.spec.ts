// Reviewing a dataset from the keyboard: Alt+A / Alt+W / Alt+R set a status and move on, the list shows the
// progress and filters by status, statuses survive a reload and undo, and rejected examples stay out of exports
// (statuses are never written into the exported file).
import { test, expect } from './fixtures';
import { openApp, importText, exampleRows, exportJsonl, waitSaved, downloadOf, moreAction } from './helpers';

const jsonl = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: `Question ${i + 1}?` },
        { role: 'assistant', content: `Answer ${i + 1}.` },
      ],
    }),
  ).join('\n') + '\n';

test('keyboard review with progress, a status filter, undo and reload; rejected examples are left out of the export', async ({ page }) => {
  await openApp(page);
  await importText(page, 'review.jsonl', jsonl(12));
  await expect(exampleRows(page)).toHaveCount(12);
  await exampleRows(page).first().click();

  await page.keyboard.press('Alt+a');
  await expect(page.getByText('2 / 12')).toBeVisible();
  await page.keyboard.press('Alt+w');
  await expect(page.getByText('3 / 12')).toBeVisible();
  await page.keyboard.press('Alt+r');
  await expect(page.getByText('4 / 12')).toBeVisible();
  const progress = page.getByTestId('review-progress');
  await expect(progress).toContainText('1 of 12 approved');
  await expect(progress).toContainText('needs work: 1, rejected: 1');
  await expect(exampleRows(page).nth(0)).toContainText('Approved');
  await expect(exampleRows(page).nth(2)).toContainText('Rejected');

  // Only what is left to review; approving one brings up the next one to review.
  await page.getByLabel('Review status').selectOption('todo');
  await expect(exampleRows(page)).toHaveCount(9);
  await exampleRows(page).first().click();
  await expect(page.getByText('4 / 12')).toBeVisible();
  await page.keyboard.press('Alt+a');
  await expect(exampleRows(page)).toHaveCount(8);
  await expect(page.getByText('5 / 12')).toBeVisible();

  // The buttons say where the example stands; undo takes a status back.
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(page.getByTestId('review-status')).toHaveText('Approved');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('review-status')).toHaveText('To review');

  await waitSaved(page);
  await page.reload();
  await expect(page.getByLabel('Review status')).toHaveValue('todo');
  await expect(exampleRows(page)).toHaveCount(8);
  await expect(page.getByTestId('review-progress')).toContainText('2 of 12 approved');

  const file = await exportJsonl(page);
  await expect(page.getByRole('status').filter({ hasText: '1 rejected examples were left out' })).toBeVisible();
  const lines = file.text.trim().split('\n');
  expect(lines).toHaveLength(11);
  expect(file.text).not.toContain('Question 3?');
  expect(lines[0]).toBe(jsonl(1).trim()); // untouched bytes: a status changes nothing in the file
  expect(file.text).not.toMatch(/approved|needs_work|rejected|status/);
});

test('a backup downloads the whole dataset and importing it restores names, statuses and bytes exactly', async ({ page }) => {
  await openApp(page);
  const source = jsonl(11).replace('"Question 2?"', '"Question  2?" ').replace(/\n/g, '\r\n'); // odd spacing, CRLF
  await importText(page, 'support.jsonl', source);
  await expect(exampleRows(page)).toHaveCount(11);
  await exampleRows(page).first().click();
  await page.keyboard.press('Alt+a');
  await page.keyboard.press('Alt+r');
  await expect(page.getByTestId('review-progress')).toContainText('1 of 11 approved');
  // Tags and a note on example 3; the tag filter finds it.
  await exampleRows(page).nth(2).click();
  await page.getByLabel('Tags').fill('refund, tone, refund');
  await page.getByLabel('Tags').press('Enter');
  await page.getByRole('button', { name: 'Add a note' }).click();
  await page.getByLabel('Note', { exact: true }).fill('Check the refund policy wording.');
  await page.getByRole('button', { name: 'More filters' }).click();
  await page.getByLabel('Tag', { exact: true }).selectOption('tone');
  await expect(page.getByText('· 1 of 11 shown')).toBeVisible();
  await page.getByLabel('Tag', { exact: true }).selectOption('');
  await waitSaved(page);

  await moreAction(page, 'More export formats');
  const dialog = page.getByRole('dialog', { name: 'More export formats' });
  await dialog.getByLabel('Target').selectOption('backup');
  const backup = await downloadOf(page, () => dialog.getByRole('button', { name: 'Download' }).click());
  expect(backup.name).toBe('support.tuneset.jsonl');
  await expect(dialog.getByText('Downloaded a backup of 11 examples')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  await importText(page, backup.name, backup.text);
  await expect(page.getByText('Restored “support” from its backup: 11 examples')).toBeVisible();
  await expect(page.getByLabel('Datasets').locator('option')).toHaveCount(2);
  await expect(page.getByTestId('review-progress')).toContainText('1 of 11 approved');
  await expect(exampleRows(page).nth(1)).toContainText('Rejected');
  await exampleRows(page).nth(2).click();
  await expect(page.getByLabel('Tags')).toHaveValue('refund, tone');
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue('Check the refund policy wording.');
  // The restored dataset exports (rejected example left out) exactly as the original does.
  const restored = await exportJsonl(page);
  const lines = source.split('\r\n').filter(Boolean);
  expect(restored.text).toBe([lines[0], ...lines.slice(2)].join('\r\n') + '\r\n');
});
