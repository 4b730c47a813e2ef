// The raw JSONL view, used like a user: a broken line is marked and fixed with a quick fix, an edit in raw shows
// in the structured editor, undo restores both views, and the cursor's line selects its example.
import { test, expect, type Page } from './fixtures';
import { openApp, importText, exampleRows } from './helpers';

const good = (i: number) =>
  JSON.stringify({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: `Question ${i}?` },
      { role: 'assistant', content: `Answer ${i}.` },
    ],
  });
/** Line 5: a trailing comma before '}' (a repairable syntax error). */
const BROKEN =
  '{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Question 5?"}, {"role": "assistant", "content": "Fixed five.",}]}';

const tab = (page: Page, name: string) => page.getByRole('tab', { name });
const rawLines = (page: Page) => page.getByTestId('raw-editor').locator('.cm-line');

/** Selects the first occurrence of `text` in the raw editor through its search panel (Ctrl+F, Enter, Escape). */
async function selectInRaw(page: Page, text: string): Promise<void> {
  await page.getByTestId('raw-editor').locator('.cm-content').click();
  await page.keyboard.press('Control+f');
  const find = page.getByRole('textbox', { name: 'Find' });
  await find.pressSequentially(text); // the panel reads its query on key events, not on fill()
  await find.press('Enter');
  await find.press('Escape');
}

test.beforeEach(async ({ page }) => {
  await openApp(page);
  const lines = Array.from({ length: 11 }, (_, i) => good(i + 1));
  lines.splice(4, 0, BROKEN);
  await importText(page, 'raw.jsonl', lines.join('\n') + '\n');
  await page.getByRole('dialog').getByRole('button', { name: 'Import without fixes' }).click();
  await expect(exampleRows(page)).toHaveCount(12);
});

test('a broken line is marked in raw, its quick fix repairs it, and the structured editor shows the fixed example', async ({ page }) => {
  await tab(page, 'Raw JSONL').click();
  await expect(rawLines(page)).toHaveCount(12);
  // Underline on line 5 only, and a gutter marker.
  await expect(rawLines(page).nth(4).locator('.cm-lintRange-error')).not.toHaveCount(0);
  await expect(rawLines(page).nth(0).locator('.cm-lintRange-error')).toHaveCount(0);
  await expect(page.locator('.cm-lint-marker-error')).toHaveCount(1);

  await page.getByRole('button', { name: /Problems/ }).click();
  const panel = page.locator('.cm-panel-lint');
  await expect(panel).toContainText(/column/);
  await panel
    .getByRole('button', { name: /Apply fix/ })
    .first()
    .click();
  await expect(page.locator('.cm-lint-marker-error')).toHaveCount(0);
  await expect(rawLines(page).nth(4)).toContainText('"Fixed five."}');

  await tab(page, 'Edit').click();
  await exampleRows(page).nth(4).click();
  await expect(page.getByLabel('Raw line')).toHaveCount(0);
  await expect(page.getByLabel('Content').nth(2)).toHaveValue('Fixed five.');
});

test('an edit in raw reaches the structured editor; Ctrl+Z restores it in both views', async ({ page }) => {
  await tab(page, 'Raw JSONL').click();
  await selectInRaw(page, 'Answer 2.');
  // The cursor's line selects its example in the list.
  await expect(exampleRows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.type('Answer two, edited in raw.');
  await expect(rawLines(page).nth(1)).toContainText('Answer two, edited in raw.');

  await tab(page, 'Edit').click();
  await expect(exampleRows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Content').nth(2)).toHaveValue('Answer two, edited in raw.');
  await expect(exampleRows(page).nth(1)).toContainText('Question 2?');

  await page.keyboard.press('Control+z');
  await expect(page.getByLabel('Content').nth(2)).toHaveValue('Answer 2.');
  await tab(page, 'Raw JSONL').click();
  await expect(rawLines(page).nth(1)).toContainText('"Answer 2."');
  await expect(rawLines(page)).toHaveCount(12);
});

test('Ctrl+Z right after typing in raw (before it was applied) undoes that typing', async ({ page }) => {
  await tab(page, 'Raw JSONL').click();
  // Line 8 holds "Question 7?" (the broken line is line 5).
  await selectInRaw(page, 'Question 7?');
  await page.keyboard.type('Changed?');
  await page.keyboard.press('Control+z');
  await expect(rawLines(page).nth(7)).toContainText('"Question 7?"');
  await tab(page, 'Edit').click();
  await exampleRows(page).nth(7).click();
  await expect(page.getByLabel('Content').nth(1)).toHaveValue('Question 7?');
});

test('a line added in raw becomes a new example after the cursor line; deleting it removes it again', async ({ page }) => {
  await tab(page, 'Raw JSONL').click();
  await selectInRaw(page, 'Answer 11.');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('{"messages": [{"role": "user", "content": "New one"}, {"role": "assistant", "content": "Added in raw."}]}');
  await expect(exampleRows(page)).toHaveCount(13);
  await tab(page, 'Edit').click();
  await exampleRows(page).nth(12).click();
  await expect(page.getByLabel('Content').nth(1)).toHaveValue('Added in raw.');
  await page.keyboard.press('Control+z');
  await expect(exampleRows(page)).toHaveCount(12);
});

test('typing in raw right before opening another dataset is kept in its own dataset, not the other', async ({ page }) => {
  await importText(page, 'other.jsonl', Array.from({ length: 10 }, (_, i) => good(100 + i)).join('\n') + '\n');
  await expect(exampleRows(page)).toHaveCount(10);
  await page.getByLabel('Datasets').selectOption({ label: 'raw' });
  await expect(exampleRows(page)).toHaveCount(12);
  await tab(page, 'Raw JSONL').click();
  await expect(rawLines(page)).toHaveCount(12);
  await page.getByTestId('raw-editor').locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('{"messages": []}', { delay: 0 });
  await page.getByLabel('Datasets').selectOption({ label: 'other' }); // within the 300 ms before raw typing applies
  await expect(rawLines(page).first()).toContainText('Question 100?');
  await page.waitForTimeout(600);
  await expect(rawLines(page)).toHaveCount(10);
  await expect(exampleRows(page)).toHaveCount(10);
  await page.getByLabel('Datasets').selectOption({ label: 'raw' });
  await expect(exampleRows(page)).toHaveCount(13);
});
