// The Statistics tab shows, for the cookbook's own sample file and model, exactly the figures the cookbook's
// notebook printed (tests/fixtures/guide/expected-output.txt is its stored output), and the guide's check beside ours.
import { test, expect } from './fixtures';
import fs from 'node:fs';
import { openApp, importText, exampleRows } from './helpers';

const toy = fs.readFileSync(new URL('../fixtures/guide/toy_chat_fine_tuning.jsonl', import.meta.url));

test('the cookbook sample with gpt-3.5-turbo-0613 gives the notebook’s distributions, limit, epochs and billing', async ({ page }) => {
  await openApp(page);
  await importText(page, 'toy_chat_fine_tuning.jsonl', toy);
  await expect(exampleRows(page)).toHaveCount(5);
  await page.getByLabel('Model', { exact: true }).selectOption('gpt-3.5-turbo-0613');
  await page.getByRole('tab', { name: 'Statistics' }).click();
  const stats = page.getByTestId('stats');
  await expect(stats).toBeVisible();
  await expect(page.getByText(/Counting tokens/)).toHaveCount(0);

  // "1 examples may be over the 4096 token limit", "~4306 tokens … charged", "train for 20 epochs", "~86120 tokens".
  // Each figure is the <dd> after its label (the label's "?" explanation is text too, so the pair is not compared whole).
  const figure = (label: string) =>
    stats
      .locator('dt')
      .filter({ hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) })
      .locator('xpath=following-sibling::dd[1]');
  await expect(figure('Over the limit')).toHaveText('1 (> 4,096)');
  await expect(figure('Default epochs')).toHaveText('20');
  await expect(figure('Billing tokens')).toHaveText('4,306');
  await expect(figure('Charged tokens (estimate)')).toHaveText('86,120');

  const row = (name: string) => page.getByRole('row', { name: new RegExp(`^${name}`) });
  const cells = async (name: string) => (await row(name).getByRole('cell').allTextContents()).map((c) => c.trim());
  // Columns: min, p5, p10, median, mean, p90, p95, max. The notebook's "p5 / p95" line prints the 10th and 90th.
  const tokens = await cells('Tokens per example');
  expect([tokens[0], tokens[7], tokens[4], tokens[3], tokens[2], tokens[5]]).toEqual(['26', '8,032', '1,648.4', '45', '26.8', '4,863.6']);
  const assistant = await cells('Assistant tokens per example');
  expect([assistant[0], assistant[7], assistant[4], assistant[3], assistant[2], assistant[5]]).toEqual(['4', '8,000', '1,610.2', '10', '6', '4,811.2']);
  const messages = await cells('Messages per example');
  expect([messages[0], messages[7], messages[4], messages[3], messages[2], messages[5]]).toEqual(['2', '9', '3.8', '3', '2', '6.6']);

  // "No errors found", "missing system message: 1", "missing user message: 1" — under the guide's own names.
  const guide = page.getByTestId('guide-check');
  await guide.getByText('The guide’s check (OpenAI cookbook)').click(); // computed only when opened
  for (const name of [
    'data_type',
    'missing_messages_list',
    'message_missing_key',
    'message_unrecognized_key',
    'unrecognized_role',
    'missing_content',
    'example_missing_assistant_message',
  ]) {
    await expect(guide.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell')).toHaveText('0');
  }
  await expect(guide.getByRole('row', { name: /missing a system message/ }).getByRole('cell')).toHaveText('1');
  await expect(guide.getByRole('row', { name: /missing a user message/ }).getByRole('cell')).toHaveText('1');
});

test('statistics you can click: a histogram bar, a problem and a system prompt each filter the example list', async ({ page }) => {
  const line = (system: string | null, user: string, reply: string) =>
    JSON.stringify({
      messages: [...(system ? [{ role: 'system', content: system }] : []), { role: 'user', content: user }, { role: 'assistant', content: reply }],
    });
  const rows = [
    ...Array.from({ length: 9 }, (_, i) => line('You are ACME support.', `Question ${i + 1}?`, `Answer ${i + 1}.`)),
    line('Be terse.', 'Long one', 'word '.repeat(400)),
    line(null, 'No system here', 'Fine.'),
    JSON.stringify({
      messages: [
        { role: 'system', content: 'You are ACME support.' },
        { role: 'user', content: 'Odd weight' },
        { role: 'assistant', content: 'ok', weight: 2 },
      ],
    }),
  ];
  await openApp(page);
  await importText(page, 'charts.jsonl', rows.join('\n') + '\n');
  await expect(exampleRows(page)).toHaveCount(12);
  await page.getByRole('tab', { name: 'Statistics' }).click();

  // The last bar holds the one long example.
  const bars = page.getByRole('group', { name: /Tokens per example/ }).getByRole('button');
  await expect(bars.first()).toHaveAccessibleName('11 examples with 0–49 tokens');
  await bars.last().click();
  await expect(page.getByRole('tab', { name: 'Edit' })).toHaveAttribute('aria-selected', 'true');
  await expect(exampleRows(page)).toHaveCount(1);
  await expect(exampleRows(page).first()).toContainText('Long one');

  await page.getByRole('tab', { name: 'Statistics' }).click();
  await page.getByRole('region', { name: 'Most frequent system prompts' }).getByRole('button', { name: 'You are ACME support.' }).click();
  await expect(page.getByText('· 10 of 12 shown')).toBeVisible();

  await page.getByRole('tab', { name: 'Statistics' }).click();
  await page
    .getByRole('region', { name: /^Problems/ })
    .getByRole('button', { name: 'weight_invalid' })
    .click();
  await expect(exampleRows(page)).toHaveCount(1);
  await expect(exampleRows(page).first()).toContainText('Odd weight');

  await page.getByRole('tab', { name: 'Statistics' }).click();
  await page.getByRole('region', { name: 'Review' }).getByRole('button', { name: 'To review' }).click();
  await expect(page.getByText('· 12 of 12 shown')).toBeVisible();
});

test('one cost: Statistics and the Train tab show the same estimate, written the same way', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Open the sample dataset' }).click();
  await page.getByRole('tab', { name: 'Statistics' }).click();
  const statsCost = page.getByTestId('stats').locator('dt', { hasText: 'Estimated cost' }).locator('xpath=following-sibling::dd[1]');
  await expect(statsCost).toContainText('$');
  const stats = (await statsCost.textContent())!.split(' ')[0];
  await page.getByRole('tab', { name: 'Train' }).click();
  const trainCost = page.locator('dt', { hasText: 'Cost (estimate)' }).locator('xpath=following-sibling::dd[1]');
  await expect(trainCost).toHaveText(stats);
});
