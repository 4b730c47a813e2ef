// Nothing typed is lost: closing the tab or navigating away right after an edit keeps it, and reopening brings back
// the last dataset, the selected example and the list's scroll position.
import { test, expect, type Page } from './fixtures';
import { openApp, importText, exampleRows, messageCard, renameDataset, datasetAction } from './helpers';

const example = (i: number) =>
  JSON.stringify({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: `Question ${i}?` },
      { role: 'assistant', content: `Answer ${i}.` },
    ],
  });
const jsonl = (n: number) => Array.from({ length: n }, (_, i) => example(i + 1)).join('\n') + '\n';
const content = (page: Page, n: number) => messageCard(page, n).getByLabel('Content', { exact: true });
const list = (page: Page) => page.getByRole('listbox', { name: 'Examples' });

test('closing the tab right after typing loses nothing', async ({ page, context }) => {
  await openApp(page);
  await importText(page, 'close.jsonl', jsonl(10));
  await expect(exampleRows(page)).toHaveCount(10);
  await exampleRows(page).nth(2).click();
  await content(page, 3).fill('Typed just before closing.');
  await page.close({ runBeforeUnload: true });

  const again = await context.newPage();
  await again.goto('./');
  await expect(again.getByRole('heading', { name: 'Example 3', exact: true })).toBeVisible();
  await expect(content(again, 3)).toHaveValue('Typed just before closing.');
  await expect(exampleRows(again).nth(2)).toContainText('Question 3?');
});

test('navigating away right after typing keystroke by keystroke loses nothing', async ({ page }) => {
  await openApp(page);
  await importText(page, 'away.jsonl', jsonl(10));
  await expect(exampleRows(page)).toHaveCount(10);
  await content(page, 2).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Still there?');
  await page.goto('about:blank');
  await page.goBack();
  await expect(content(page, 2)).toHaveValue('Question 1? Still there?');
  await expect(exampleRows(page).first()).toContainText('Question 1? Still there?');
});

test('reopening restores the last dataset, the selected example and the list scroll position', async ({ page }) => {
  await openApp(page);
  await importText(page, 'small.jsonl', jsonl(10));
  await expect(exampleRows(page)).toHaveCount(10);
  await importText(page, 'long.jsonl', jsonl(300));
  await expect(page.getByText('1 / 300')).toBeVisible();

  // Scroll about half way down, then pick a row in view.
  await list(page).evaluate((el) => el.scrollTo(0, 150 * 58));
  const row = page.locator('[role=option][data-index="153"]');
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByRole('heading', { name: 'Example 154', exact: true })).toBeVisible();
  const scrolled = await list(page).evaluate((el) => el.scrollTop);
  expect(scrolled).toBeGreaterThan(100 * 58);
  await page.reload();

  await expect(page.getByLabel('Datasets').locator('option:checked')).toHaveText('long');
  await expect(page.getByText('154 / 300')).toBeVisible();
  await expect(content(page, 2)).toHaveValue('Question 154?');
  await expect(page.locator('[role=option][data-index="153"]')).toBeInViewport();
  await expect.poll(() => list(page).evaluate((el) => el.scrollTop)).toBeCloseTo(scrolled, -1);
  await expect(page.locator('[role=option][data-index="0"]')).toHaveCount(0);

  // Switching to the other dataset is remembered too.
  await page.getByLabel('Datasets').selectOption({ label: 'small' });
  await expect(page.getByText('1 / 10')).toBeVisible();
  await exampleRows(page).nth(6).click();
  await page.reload();
  await expect(page.getByLabel('Datasets').locator('option:checked')).toHaveText('small');
  await expect(page.getByText('7 / 10')).toBeVisible();
  await expect(content(page, 2)).toHaveValue('Question 7?');
});

test('deleting the open dataset right after importing it: it stays gone after a reload, and the start page points to the other', async ({ page }) => {
  await openApp(page);
  await importText(page, 'keep.jsonl', jsonl(3));
  await expect(page.getByText('1 / 3')).toBeVisible();
  await importText(page, 'wrong file.jsonl', jsonl(5));
  await expect(page.getByText('1 / 5')).toBeVisible();
  await datasetAction(page, 'Delete'); // at once: the import may still be being stored
  const start = page.getByRole('region', { name: 'Start your first fine-tuning dataset' });
  await expect(start).toContainText('No dataset is open. Pick one in the Datasets list above');
  await expect(start).not.toContainText('No datasets yet');
  await page.reload();
  await expect(page.getByLabel('Datasets').locator('option')).toHaveText(['Datasets…', 'keep']);
  await expect(start).toContainText('No dataset is open.');
  await page.getByLabel('Datasets').selectOption({ label: 'keep' });
  await expect(page.getByText('1 / 3')).toBeVisible();
});

test('switching away from a big import while it is still being stored, renaming it, and coming back loses nothing', async ({ page }) => {
  await openApp(page);
  await importText(page, 'other.jsonl', jsonl(10));
  await expect(exampleRows(page)).toHaveCount(10);
  // ~8 MB: stored in many transactions, so the switch below lands while it is still being written.
  const long = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(30);
  const big =
    Array.from({ length: 4000 }, (_, i) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: `Q${i + 1} ${long}` },
          { role: 'assistant', content: `A${i + 1}` },
        ],
      }),
    ).join('\n') + '\n';
  await importText(page, 'big.jsonl', big);
  await expect(page.getByText('1 / 4000')).toBeVisible();
  await renameDataset(page, 'big renamed');
  await page.getByLabel('Datasets').selectOption({ label: 'other' });
  await expect(page.getByText('1 / 10')).toBeVisible();
  await page.getByLabel('Datasets').selectOption({ label: 'big renamed' });
  await expect(page.getByText('1 / 4000')).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  await page.reload();
  await expect(page.getByLabel('Datasets').locator('option:checked')).toHaveText('big renamed');
  await expect(page.getByText('1 / 4000')).toBeVisible();
  await page.getByLabel('Datasets').selectOption({ label: 'other' });
  await expect(page.getByText('1 / 10')).toBeVisible();
});
