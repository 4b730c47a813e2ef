// A dataset's target decides its issues: switching from OpenAI to Alpaca re-checks at once, says what changed
// (OpenAI's 10-example minimum gone, Alpaca's single turn rule new), and the choice survives a reload.
import { test, expect, type Page } from './fixtures';
import { openApp, importText, exampleRows, waitSaved, useChinese, downloadOf, messageCard } from './helpers';

const turn = (q: string, a: string) => [
  { role: 'user', content: q },
  { role: 'assistant', content: a },
];
const LINES = [
  ...Array.from({ length: 4 }, (_, i) => JSON.stringify({ messages: turn(`Question ${i + 1}?`, `Answer ${i + 1}.`) })),
  JSON.stringify({ messages: [...turn('First?', 'One.'), ...turn('Second?', 'Two.')] }),
].join('\n');

const target = (page: Page) => page.getByLabel('Check for', { exact: true });

test('switching the target re-checks the dataset and says what changed; the choice is kept', async ({ page }) => {
  await openApp(page);
  await importText(page, 'five.jsonl', LINES + '\n');
  await expect(exampleRows(page)).toHaveCount(5);
  await expect(target(page)).toHaveValue('openai');
  // OpenAI: the dataset is too small; the two-turn example is fine.
  await expect(page.getByRole('main').getByText(/OpenAI needs at least 10/)).toBeVisible();

  await target(page).selectOption('alpaca');
  const change = page.getByTestId('target-change');
  await expect(change).toContainText('Now checked for Alpaca (LLaMA-Factory / Axolotl). Examples with errors: 1 (for OpenAI (SFT): 0).');
  await expect(change.getByRole('listitem').filter({ hasText: /^New \(1\):.*Example 5 has more than one user turn/ })).toBeVisible();
  await expect(change.getByRole('listitem').filter({ hasText: /^Gone \(1\):.*OpenAI needs at least 10/ })).toBeVisible();
  // The list and the editor follow: the example is marked and its issue shown.
  await expect(page.getByRole('main').getByText(/OpenAI needs at least 10/)).toHaveCount(0);
  await exampleRows(page).nth(4).click();
  await expect(page.getByText(/more than one user turn/).last()).toBeVisible();
  // An edit does not take the notice away (only another dataset or a dismissal does).
  await messageCard(page, 1).getByLabel('Content', { exact: true }).fill('First question?');
  await expect(change).toContainText('Now checked for Alpaca');

  await waitSaved(page);
  await page.reload();
  await expect(exampleRows(page)).toHaveCount(5);
  await expect(target(page)).toHaveValue('alpaca');
  await exampleRows(page).nth(4).click();
  await expect(
    page
      .getByRole('main')
      .getByText(/Example 5 has more than one user turn/)
      .first(),
  ).toBeVisible();

  // Statistics say the counts are OpenAI's tokenizer, an estimate for Alpaca.
  await page.getByRole('tab', { name: 'Statistics' }).click();
  await expect(page.getByTestId('foreign-tokenizer')).toHaveText(
    /^Counted with OpenAI’s o200k_base tokenizer: for Alpaca \(LLaMA-Factory \/ Axolotl\) the counts are an estimate/,
  );
  await page.getByRole('tab', { name: 'Edit', exact: true }).click();
  // Back to OpenAI: the Alpaca error goes, the minimum comes back.
  await target(page).selectOption('openai');
  await expect(change).toContainText('Now checked for OpenAI (SFT). Examples with errors: 0 (for Alpaca (LLaMA-Factory / Axolotl): 1).');
});

test('a target that does not take the dataset’s format brings its format along', async ({ page }) => {
  await openApp(page);
  await importText(page, 'five.jsonl', LINES + '\n');
  await expect(exampleRows(page)).toHaveCount(5);
  await target(page).selectOption('openai-dpo');
  await expect(page.getByRole('combobox', { name: 'Format', exact: true })).toHaveValue('preference');
  // Chat examples in a preference dataset: every example is in the wrong format now, and the notice says so.
  await expect(page.getByTestId('target-change')).toContainText('Examples with errors: 5 ');
});

test('in Chinese the change is told in Chinese', async ({ page }) => {
  await openApp(page);
  await importText(page, 'five.jsonl', LINES + '\n');
  await expect(exampleRows(page)).toHaveCount(5);
  await useChinese(page);
  await page.getByLabel('检查目标', { exact: true }).selectOption('alpaca');
  await expect(page.getByTestId('target-change')).toContainText('现在按 Alpaca (LLaMA-Factory / Axolotl) 的规则检查：1 个示例有错误');
});

test('a dataset checked for Together AI opens the Train tab on Together’s file and commands', async ({ page }) => {
  await openApp(page);
  await importText(page, 'five.jsonl', LINES + '\n');
  await expect(exampleRows(page)).toHaveCount(5);
  await target(page).selectOption('together');
  await expect(page.getByTestId('target-change')).toContainText('Now checked for Together AI');
  await page.getByRole('tab', { name: 'Train' }).click();
  await expect(page.getByRole('radio', { name: 'Together AI (file and commands)' })).toBeChecked();
  await expect(page.getByRole('heading', { name: 'Train on Together AI' })).toBeVisible();
});

test('the main export follows the target: Alpaca records, and what did not fit is named', async ({ page }) => {
  await openApp(page);
  await importText(page, 'five.jsonl', LINES + '\n');
  await expect(exampleRows(page)).toHaveCount(5);
  await target(page).selectOption('alpaca');
  await expect(page.getByTestId('target-change')).toContainText('Now checked for Alpaca');
  const button = page.getByRole('button', { name: 'Export for Alpaca (LLaMA-Factory / Axolotl)' });
  // Example 5 has an error for Alpaca: the export asks first, then writes the four that fit.
  await button.click();
  const ask = page.getByRole('dialog');
  const file = await downloadOf(page, () => ask.getByRole('button', { name: /^Export anyway/ }).click());
  expect(file.name).toBe('five.alpaca.jsonl');
  const records = file.text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(records).toHaveLength(4);
  expect(records[0]).toEqual({ instruction: 'Question 1?', input: '', output: 'Answer 1.' });
  await expect(
    page.getByText('Wrote 4 examples in Alpaca (LLaMA-Factory / Axolotl)’s format. 1 did not fit and were left out; the first is example 5:'),
  ).toBeVisible();
  // Back to OpenAI: the button and the file are OpenAI's JSONL again.
  await target(page).selectOption('openai');
  await expect(page.getByRole('button', { name: 'Export JSONL', exact: true })).toBeVisible();
});
