// In-app dialogs instead of the browser's prompt/confirm (rename, new dataset, delete with undo, "Export anyway?"),
// and the keyboard focus following the work: new example or dataset → its first empty Content box, skip link,
// delete → next example, every dialog → back where it came from. Also the Train tab's order, the dataset-wide
// problems' title and the explanations of the jargon. No test here may see a native dialog (./fixtures fails any
// test, in every spec, in which one opens).
import { test, expect, type Page } from './fixtures';
import { openApp, importText, downloadOf, exampleRows, messageCard, waitSaved } from './helpers';

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const content = (page: Page, n: number) => messageCard(page, n).getByLabel('Content', { exact: true });
const chat = (q: string, a = `Answer to ${q}`) =>
  JSON.stringify({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: q },
      { role: 'assistant', content: a },
    ],
  });
/** An example with an error (a role OpenAI does not know). */
const broken = (q: string) =>
  JSON.stringify({
    messages: [
      { role: 'robot', content: q },
      { role: 'assistant', content: 'Hi.' },
    ],
  });

test('new dataset, rename and delete use in-app dialogs; the new dataset opens with the cursor in its first Content box', async ({ page }) => {
  await openApp(page);
  await button(page, 'New dataset').click();
  const create = page.getByRole('dialog', { name: 'New dataset' });
  await expect(create).toBeVisible();
  // The name box has the focus, its proposal selected: typing replaces it.
  await expect(create.getByLabel('Dataset name')).toBeFocused();
  await page.keyboard.type('Planets');
  await create.getByLabel('Format').selectOption({ label: 'Chat (supervised)' });
  await create.getByLabel('Dataset name').press('Enter');
  await expect(create).toBeHidden();
  await expect(page.getByLabel('Datasets').locator('option:checked')).toHaveText('Planets');
  await expect(exampleRows(page)).toHaveCount(1);
  await expect(content(page, 1)).toBeFocused();
  await page.keyboard.type('What is the largest planet?');
  await expect(content(page, 1)).toHaveValue('What is the largest planet?');

  // Rename, from the "Dataset" menu: Escape leaves the name as it was and the focus on the menu's button…
  const menuButton = button(page, 'Dataset');
  await menuButton.click();
  await expect(page.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('Enter');
  const rename = page.getByRole('dialog', { name: 'Rename dataset' });
  await expect(rename.getByLabel('Dataset name')).toHaveValue('Planets');
  await page.keyboard.press('Escape');
  await expect(rename).toBeHidden();
  await expect(menuButton).toBeFocused();
  await expect(page.getByLabel('Datasets').locator('option:checked')).toHaveText('Planets');
  // …and "Save name" renames, the focus back on the menu's button too. The keyboard alone: ↓ opens the menu on
  // its first item, Escape closes it without doing anything.
  await menuButton.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: 'Delete' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(menuButton).toBeFocused();
  await menuButton.press('Enter');
  await page.keyboard.press('Enter');
  await expect(rename.getByLabel('Dataset name')).toBeFocused();
  await rename.getByLabel('Dataset name').fill('Solar system');
  await rename.getByRole('button', { name: 'Save name' }).click();
  await expect(rename).toBeHidden();
  await expect(page.getByLabel('Datasets').locator('option:checked')).toHaveText('Solar system');
  await expect(menuButton).toBeFocused();

  // Delete asks nothing: it is done, and "Undo" (which has the focus) brings the dataset back.
  await menuButton.click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const notice = page.getByTestId('deleted-notice');
  await expect(notice).toContainText('Deleted “Solar system” (1 examples).');
  await expect(page.getByLabel('Datasets').locator('option', { hasText: 'Solar system' })).toHaveCount(0);
  await expect(notice.getByRole('button', { name: 'Undo' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(notice).toHaveCount(0);
  await expect(page.getByLabel('Datasets').locator('option:checked')).toHaveText('Solar system');
  await expect(exampleRows(page)).toHaveCount(1);
  await expect(content(page, 1)).toHaveValue('What is the largest planet?');
  // It is stored again: still there after a reload.
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  await page.reload();
  await expect(page.getByLabel('Datasets').locator('option:checked')).toHaveText('Solar system');
  await expect(content(page, 1)).toHaveValue('What is the largest planet?');
});

test('a new example (button or Alt+N, from any tab) puts the cursor in its first empty Content box; deleting one moves the focus to the next', async ({
  page,
}) => {
  await openApp(page);
  await importText(page, 'three.jsonl', [chat('One?'), chat('Two?'), chat('Three?')].join('\n') + '\n');
  await expect(exampleRows(page)).toHaveCount(3);

  await button(page, 'New example').click();
  await expect(page.getByRole('heading', { name: 'Example 2', exact: true })).toBeVisible();
  // The system prompt is carried over: the first empty box is the user's.
  await expect(content(page, 1)).toHaveValue('Be brief.');
  await expect(content(page, 2)).toBeFocused();
  await page.keyboard.type('Four?');
  await expect(content(page, 2)).toHaveValue('Four?');

  // Alt+N while typing: the next new example, its user box focused.
  await page.keyboard.press('Alt+n');
  await expect(page.getByRole('heading', { name: 'Example 3', exact: true })).toBeVisible();
  await expect(content(page, 2)).toBeFocused();
  await expect(content(page, 2)).toHaveValue('');

  // From the Statistics tab, Alt+N comes back to the editor with the cursor in place.
  await page.getByRole('tab', { name: 'Statistics' }).click();
  await page.getByRole('tab', { name: 'Statistics' }).press('Alt+n');
  await expect(page.getByRole('heading', { name: 'Example 4', exact: true })).toBeVisible();
  await expect(content(page, 2)).toBeFocused();
  await expect(exampleRows(page)).toHaveCount(6);

  // Delete example 4 (empty): the focus goes to the list, on the example that took its place ("Two?").
  await button(page, 'Delete example').click();
  await expect(exampleRows(page)).toHaveCount(5);
  const list = page.getByRole('listbox', { name: 'Examples' });
  await expect(list).toBeFocused();
  await expect(list).toHaveAttribute('aria-activedescendant', 'example-row-3');
  await expect(page.locator('#example-row-3')).toHaveAttribute('aria-selected', 'true');
  await expect(content(page, 2)).toHaveValue('Two?');
  // From there the arrow keys go on through the list.
  await page.keyboard.press('ArrowDown');
  await expect(content(page, 2)).toHaveValue('Three?');
});

test('the skip link is the first stop and puts the cursor in the editor', async ({ page }) => {
  await openApp(page);
  const unanswered = JSON.stringify({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'One?' },
      { role: 'assistant', content: '' },
    ],
  });
  await importText(page, 'two.jsonl', [unanswered, chat('Two?')].join('\n') + '\n');
  await expect(exampleRows(page)).toHaveCount(2);
  await waitSaved(page);
  await page.reload();
  await expect(exampleRows(page)).toHaveCount(2);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to editor' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  // The selected example's first empty Content box is its reply: two key presses from the top of the page.
  await expect(content(page, 3)).toBeFocused();
  await page.keyboard.type('One.');
  await expect(content(page, 3)).toHaveValue('One.');
});

test('"Export anyway?" lists the errors, goes to the first one, or exports; Escape cancels and the focus comes back', async ({ page }) => {
  await openApp(page);
  await importText(page, 'mixed.jsonl', [chat('One?'), broken('Two?'), chat('Three?'), broken('Four?')].join('\n') + '\n');
  await expect(exampleRows(page)).toHaveCount(4);

  const exportButton = button(page, 'Export JSONL');
  await exportButton.click();
  const ask = page.getByRole('dialog', { name: 'Export with errors?' });
  await expect(ask).toBeVisible();
  await expect(ask).toContainText('2 examples still have errors. Export anyway?');
  // Each example with errors, linked, with its errors as the editor shows them.
  await expect(ask.getByRole('button', { name: 'Example 2', exact: true })).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Example 4', exact: true })).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Example 1', exact: true })).toHaveCount(0);
  const listed = await ask.getByTestId('export-errors').locator('li').allTextContents();
  expect(listed.length).toBeGreaterThanOrEqual(2);
  // Escape: nothing exported, the focus back on the button.
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(exportButton).toBeFocused();

  // Ctrl+Shift+E asks the same; "Go to the first error" has the focus and opens example 2 in the editor.
  await page.keyboard.press('Control+Shift+E');
  await expect(ask).toBeVisible();
  const goto = ask.getByRole('button', { name: 'Go to the first error (example 2)' });
  await expect(goto).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ask).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Example 2', exact: true })).toBeVisible();
  await expect(page.locator('#editor textarea:focus')).toHaveCount(1);
  // The editor shows the same error words the dialog listed for this example.
  const shown = await page.locator('#editor .issues li').allTextContents();
  expect(shown.some((text) => listed.includes(text))).toBe(true);

  // "Export anyway" downloads every example.
  await exportButton.click();
  const { text } = await downloadOf(page, () => ask.getByRole('button', { name: 'Export anyway' }).click());
  expect(text.trim().split('\n')).toHaveLength(4);
  await expect(ask).toBeHidden();
});

test('every dialog gives the focus back to where it came from', async ({ page }) => {
  await openApp(page);
  await importText(page, 'one.jsonl', chat('One?') + '\n');
  await expect(exampleRows(page)).toHaveCount(1);
  for (const [opener, name] of [
    ['Keyboard shortcuts (?)', 'Keyboard shortcuts'],
    ['Paste text', 'Paste JSONL or JSON'],
    ['More', 'More export formats'],
    ['New dataset', 'New dataset'],
    ['Dataset', 'Rename dataset'],
  ] as const) {
    const from = button(page, opener);
    await from.focus();
    await page.keyboard.press('Enter');
    // The "More" and "Dataset" menus open on their first item (More export formats, Rename).
    if (opener === 'More' || opener === 'Dataset') await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name });
    await expect(dialog).toBeVisible();
    // The focus is inside the dialog (the rest of the page is inert)…
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // …and back on the opener afterwards.
    await expect(from, `after closing "${name}"`).toBeFocused();
  }
  // "?" from the keyboard too: back on what had the focus.
  const editTab = page.getByRole('tab', { name: 'Edit' });
  await editTab.focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
  await expect(editTab).toBeFocused();
});

test('the Train tab follows the work: endpoint and key, dataset check and cost, options, then the button; the base URL shows whole', async ({ page }) => {
  await openApp(page);
  await importText(page, 'ten.jsonl', Array.from({ length: 10 }, (_, i) => chat(`Question ${i + 1}?`)).join('\n') + '\n');
  await expect(exampleRows(page).first()).toBeVisible();
  await page.getByRole('tab', { name: 'Train' }).click();
  const steps = [
    page.getByLabel('API key'),
    page.getByLabel('API base URL'),
    page.getByRole('region', { name: 'Pre-flight check' }),
    page.getByLabel('Hold out for validation (%)'),
    page.getByLabel('Epochs', { exact: true }),
    page.getByRole('button', { name: 'Start fine-tuning' }),
  ];
  const tops: number[] = [];
  for (const s of steps) {
    await expect(s).toBeVisible();
    tops.push((await s.boundingBox())!.y);
  }
  expect(tops, 'top edges, in order').toEqual([...tops].sort((a, b) => a - b));
  // The pre-flight's cost figure comes before the options.
  const cost = page.getByText('Cost (estimate)');
  expect((await cost.boundingBox())!.y).toBeLessThan(tops[3]);

  const url = 'https://my-company-resource.openai.azure.com/openai/deployments/fine-tuning';
  const box = page.getByLabel('API base URL');
  await box.fill(url);
  const { scrollWidth, clientWidth } = await box.evaluate((e: HTMLInputElement) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
  expect(scrollWidth, 'the whole URL fits in the box').toBeLessThanOrEqual(clientWidth);
});

test('dataset-wide problems are titled as such, and the jargon has explanations, in English and Chinese', async ({ page }) => {
  await openApp(page);
  await importText(page, 'three.jsonl', [chat('One?'), chat('Two?'), chat('Three?')].join('\n') + '\n');
  await expect(exampleRows(page)).toHaveCount(3);
  // Fewer than 10 examples is a problem of the whole dataset.
  await expect(page.locator('.dataset-issues summary')).toHaveText(/^Problems with the whole dataset \(\d+\)$/);

  // "Train on this reply" and "trainable" in the editor.
  const trainHint = messageCard(page, 3).getByRole('button', { name: 'What does training on a reply mean?' });
  await expect(trainHint).toHaveAccessibleDescription(/the model learns to write this reply/);
  await trainHint.focus();
  await expect(messageCard(page, 3).getByRole('tooltip')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(messageCard(page, 3).getByRole('tooltip')).toBeHidden();
  await expect(page.getByRole('button', { name: 'What is “trainable”?' })).toHaveAccessibleDescription(/only text the model learns to write/);

  // Statistics: percentiles, epochs, billing and charged tokens.
  await page.getByRole('tab', { name: 'Statistics' }).click();
  await expect(page.getByTestId('stats')).toBeVisible();
  const expected: [string, RegExp][] = [
    ['p5', /5% of the examples are below/],
    ['p10', /10% of the examples are below/],
    ['p90', /90% of the examples are at or below/],
    ['p95', /95% of the examples are at or below/],
    ['Default epochs', /one pass over all your examples/],
    ['Billing tokens', /each example counted up to the model’s limit/],
    ['Charged tokens (estimate)', /billing tokens × epochs/],
  ];
  for (const [term, text] of expected) await expect(page.getByRole('button', { name: `What is “${term}”?` })).toHaveAccessibleDescription(text);
  // Hovering shows the words too.
  await page.getByRole('button', { name: 'What is “p95”?' }).hover();
  await expect(page.getByRole('tooltip', { name: /95% of the examples/ })).toBeVisible();

  // The same in Chinese.
  await page.getByLabel('Language').selectOption('zh');
  await expect(page.getByRole('button', { name: '“P95”是什么？' })).toHaveAccessibleDescription(/95% 的样本不超过这个值/);
  await expect(page.getByRole('button', { name: '“默认轮数”是什么？' })).toHaveAccessibleDescription(/完整学一遍/);
  await page.getByRole('tab', { name: '编辑' }).click();
  await expect(page.locator('.dataset-issues summary')).toHaveText(/^整个数据集的问题（\d+）$/);
  await expect(page.getByRole('button', { name: '“训练回复”是什么意思？' }).first()).toHaveAccessibleDescription(/模型学习写出这条回复/);
});

test('"What do these mean?" explains every figure in plain words, from Statistics and from Train, in English and Chinese; each "?" says what the panel says', async ({
  page,
}) => {
  await openApp(page);
  await importText(page, 'three.jsonl', [chat('One?'), chat('Two?'), chat('Three?')].join('\n') + '\n');
  await expect(exampleRows(page)).toHaveCount(3);
  await page.getByRole('tab', { name: 'Statistics' }).click();
  await expect(page.getByTestId('stats')).toBeVisible();
  const opener = page.getByRole('button', { name: 'What do these mean?' });
  await opener.click();
  const panel = page.getByRole('dialog', { name: 'What do these words mean?' });
  await expect(panel).toBeVisible();
  // Every word the issue named as jargon has an entry, under the name the screen gives it.
  const terms = panel.getByTestId('glossary').locator('dt');
  for (const term of [
    'Token',
    'Over the limit',
    'Default epochs',
    'Billing tokens',
    'Charged tokens (estimate)',
    'Estimated cost',
    'trainable',
    'Train on this reply',
    'p5, p10, p90, p95',
    'Problems with the whole dataset',
  ]) {
    await expect(terms.filter({ hasText: new RegExp(`^${term.replace(/[()]/g, '\\$&')}$`) }), term).toHaveCount(1);
  }
  await expect(panel).toContainText('A token is a piece of text as the model reads it');
  await expect(panel).toContainText('Why more than one pass');
  await expect(panel).toContainText('What is billed: only the training file’s tokens');
  await expect(panel).toContainText('p95 is the length that 95% of your examples stay within');
  await expect(panel).toContainText('What the estimate assumes');
  // Each figure's "?" says the same words as the panel (one text, not two versions of it).
  const glossary = (await panel.getByTestId('glossary').textContent()) ?? '';
  // (Hidden tooltips: read from the page, not through the accessibility tree.)
  const tips = [
    ...(await page.getByTestId('stats').locator('[role="tooltip"]').allTextContents()),
    ...(await page.locator('#editor table [role="tooltip"]').allTextContents()),
  ];
  expect(tips.length).toBeGreaterThanOrEqual(8);
  for (const tip of tips) expect(glossary, tip).toContain(tip);
  // Escape closes it, the focus back on the button that opened it.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(opener).toBeFocused();

  // The Train tab's cost area opens the same panel.
  await page.getByRole('tab', { name: 'Train' }).click();
  await page.getByRole('region', { name: 'Pre-flight check' }).getByRole('button', { name: 'What do these mean?' }).click();
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('the Train tab counts the training file only');
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();

  // In Chinese.
  await page.getByLabel('Language').selectOption('zh');
  await page.getByRole('tab', { name: '统计' }).click();
  await page.getByRole('button', { name: '这些是什么意思？' }).click();
  const zh = page.getByRole('dialog', { name: '这些词是什么意思？' });
  await expect(zh).toContainText('token 是模型读取文本时的小片段');
  await expect(zh).toContainText('P95 是 95% 的样本都不超过的长度');
  await expect(zh.getByTestId('glossary').locator('dt', { hasText: '整个数据集的问题' })).toHaveCount(1);
});

test('a first visit offers three starts; "Write your first example" puts the cursor in it, and a checklist leads to the first export', async ({ page }) => {
  await openApp(page);
  const welcome = page.getByRole('region', { name: 'Start your first fine-tuning dataset' });
  await expect(welcome.getByRole('button', { name: /Write your first example/ })).toBeVisible();
  await expect(welcome.getByLabel('Import a file')).toBeAttached();
  await expect(welcome.getByRole('button', { name: /Open the sample/ })).toBeVisible();
  await welcome.getByRole('button', { name: /Write your first example/ }).click();
  await expect(page.getByLabel('Datasets').locator('option:checked')).toHaveText('My first dataset');
  await expect(page.locator(':focus')).toHaveAccessibleName('Content');

  const steps = page.getByTestId('first-steps');
  await expect(steps).toContainText('At least 10 examples (1 of 10)');
  await expect(steps).toContainText('A system prompt in every example');
  // Nine complete examples more, each with a system prompt: the list goes away once everything is done.
  const line = (i: number) =>
    JSON.stringify({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: `Q${i}?` },
        { role: 'assistant', content: `A${i}.` },
      ],
    });
  await page.getByRole('button', { name: 'Delete example' }).click();
  await page.getByLabel('Add to the current dataset').check();
  await importText(page, 'ten.jsonl', Array.from({ length: 10 }, (_, i) => line(i)).join('\n') + '\n');
  await expect(
    page
      .getByText('1 / 10')
      .or(page.getByText(/\/ 10$/))
      .first(),
  ).toBeVisible();
  await expect(steps).toBeHidden();
});
