// The first screen works: a dropped or picked file shows its examples and issues with line numbers.
import { test, expect } from './fixtures';
import { openApp, importText, exampleRows } from './helpers';

const good = (i: number) =>
  JSON.stringify({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: `Question ${i}?` },
      { role: 'assistant', content: `Answer ${i}.` },
    ],
  });

test('importing a file with a broken line keeps every line and names the broken one', async ({ page }) => {
  await openApp(page);
  const lines = Array.from({ length: 11 }, (_, i) => good(i + 1));
  lines.splice(4, 0, '{"messages": [{"role": "user", "content": "cut off');
  await importText(page, 'broken.jsonl', lines.join('\n') + '\n');
  // The review offers a repair for line 5; importing without it keeps the line as raw text.
  const review = page.getByRole('dialog');
  await expect(review).toContainText('5');
  await review.getByRole('button', { name: 'Import without fixes' }).click();
  await expect(page.getByText('12 / 12').or(page.getByText('1 / 12'))).toBeVisible();
  await expect(exampleRows(page)).toHaveCount(12);
  await exampleRows(page).nth(4).click();
  await expect(page.getByLabel('Raw line')).toHaveValue(/cut off/);
  await expect(page.getByText(/not valid JSON/).first()).toBeVisible();
});

test('a valid file is shown as conversations, without JSON', async ({ page }) => {
  await openApp(page);
  await importText(page, 'ok.jsonl', Array.from({ length: 10 }, (_, i) => good(i + 1)).join('\n') + '\n');
  await expect(exampleRows(page)).toHaveCount(10);
  await expect(exampleRows(page).first()).toContainText('Question 1?');
  await expect(page.getByLabel('Content').nth(1)).toHaveValue('Question 1?');
  await expect(page.getByLabel('Role').nth(2)).toHaveValue('assistant');
});
