// The structured editor, used only through its controls: writing a dataset from scratch, reload survival, export
// that the project's own validator accepts, undo/redo, keyboard navigation, language, issues next to fields.
import { test, expect, type Page } from './fixtures';
import { readText } from '../../src/lib/dataset/read';
import { validateDataset } from '../../src/lib/dataset/validate';
import { openApp, importText, downloadOf, exampleRows, messageCard, waitSaved, newDataset, exportJsonl } from './helpers';

const SYSTEM = 'You answer questions about the solar system.';
const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'get_moons',
      description: 'Number of moons of a planet',
      parameters: { type: 'object', properties: { planet: { type: 'string' } }, required: ['planet'] },
    },
  },
];
/** Example (1-based) that gets a tool call, and the one whose first reply is excluded from training. */
const TOOL_EXAMPLE = 3;
const EXCLUDED_EXAMPLE = 5;
const turns = (i: number) => ({
  q1: `How far is planet ${i} from the sun?`,
  a1: `Planet ${i} is about ${i * 10} million km away.`,
  q2: `And how long is a year on planet ${i}?`,
  a2: `A year there lasts ${i * 100} days.`,
});

/** What each example must hold after being typed (and what the export must contain). */
function expectedExample(i: number): Record<string, unknown> {
  const t = turns(i);
  if (i === TOOL_EXAMPLE) {
    return {
      tools: TOOLS,
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: 'How many moons does Mars have?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_moons', arguments: '{"planet": "Mars"}' } }],
        },
        { role: 'tool', tool_call_id: expect.stringMatching(/^call_/), content: '{"moons": 2}' },
        { role: 'assistant', content: 'Mars has 2 moons: Phobos and Deimos.' },
      ],
    };
  }
  return {
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: t.q1 },
      i === EXCLUDED_EXAMPLE ? { role: 'assistant', content: t.a1, weight: 0 } : { role: 'assistant', content: t.a1 },
      { role: 'user', content: t.q2 },
      { role: 'assistant', content: t.a2 },
    ],
  };
}

const content = (page: Page, n: number) => messageCard(page, n).getByLabel('Content', { exact: true });
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Parses exported JSONL with the project's reader and validator. */
function validateExport(text: string) {
  const read = readText(text);
  const validation = validateDataset(read.records.map((r) => ({ value: r.value, error: r.error, raw: r.text, line: r.line })));
  return { values: read.records.map((r) => r.value as Record<string, unknown>), errors: validation.issues.filter((i) => i.severity === 'error') };
}

/** Writes example `i` (1-based) into the freshly added, selected example. */
async function writeExample(page: Page, i: number): Promise<void> {
  await expect(page.getByRole('heading', { name: `Example ${i}`, exact: true })).toBeVisible();
  if (i === 1) {
    // A new dataset's first example has an empty system box above the question, the cursor in it.
    await expect(messageCard(page, 1).getByLabel('Role')).toHaveValue('system');
    await expect(content(page, 1)).toBeFocused();
    await content(page, 1).fill(SYSTEM);
  } else {
    // Later examples start with the dataset's usual system prompt.
    await expect(content(page, 1)).toHaveValue(SYSTEM);
  }
  if (i === TOOL_EXAMPLE) {
    await page.getByText('Tools (function definitions)').click();
    await page.getByLabel('Function definitions (JSON)').fill(JSON.stringify(TOOLS, null, 2));
    await button(page, 'Apply tools').click();
    await content(page, 2).fill('How many moons does Mars have?');
    const call = messageCard(page, 3);
    await call.getByRole('button', { name: 'Add tool call' }).click();
    await call.getByLabel('Arguments (JSON)').fill('{"planet": "Mars"}');
    await call.getByRole('button', { name: 'Add tool result' }).click();
    await expect(messageCard(page, 4).getByLabel('Role')).toHaveValue('tool');
    await content(page, 4).fill('{"moons": 2}');
    await button(page, 'Add message').click();
    await expect(messageCard(page, 5).getByLabel('Role')).toHaveValue('assistant');
    await content(page, 5).fill('Mars has 2 moons: Phobos and Deimos.');
    return;
  }
  const t = turns(i);
  await content(page, 2).fill(t.q1);
  await content(page, 3).fill(t.a1);
  await button(page, 'Add message').click();
  await expect(messageCard(page, 4).getByLabel('Role')).toHaveValue('user');
  await content(page, 4).fill(t.q2);
  await button(page, 'Add message').click();
  await expect(messageCard(page, 5).getByLabel('Role')).toHaveValue('assistant');
  await content(page, 5).fill(t.a2);
  if (i === EXCLUDED_EXAMPLE) await messageCard(page, 3).getByLabel('Train on this reply').uncheck();
}

test('a new user writes 10 multi-turn examples, reloads, finds them as left and exports valid JSONL of what was typed', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await newDataset(page, 'Solar system');
  // A new dataset opens with its first example, ready for typing; the others come from "New example".
  for (let i = 1; i <= 10; i++) {
    if (i > 1) await button(page, 'New example').click();
    await writeExample(page, i);
  }
  await expect(exampleRows(page)).toHaveCount(10);
  await expect(page.getByText('10 / 10')).toBeVisible();
  // Leave example 4 selected, then reload.
  await exampleRows(page).nth(3).click();
  await expect(page.getByRole('heading', { name: 'Example 4', exact: true })).toBeVisible();
  await waitSaved(page);
  await page.waitForTimeout(600); // the selection is remembered after a short pause
  await page.reload();

  await expect(exampleRows(page)).toHaveCount(10);
  await expect(page.getByRole('heading', { name: 'Example 4', exact: true })).toBeVisible();
  await expect(page.getByLabel('Datasets').locator('option:checked')).toHaveText('Solar system');
  await expect(content(page, 4)).toHaveValue(turns(4).q2);
  await exampleRows(page)
    .nth(TOOL_EXAMPLE - 1)
    .click();
  await expect(messageCard(page, 3).getByLabel('Arguments (JSON)')).toHaveValue('{"planet": "Mars"}');
  await expect(content(page, 4)).toHaveValue('{"moons": 2}');
  await exampleRows(page)
    .nth(EXCLUDED_EXAMPLE - 1)
    .click();
  await expect(messageCard(page, 3).getByLabel('Train on this reply')).not.toBeChecked();
  await expect(messageCard(page, 5).getByLabel('Train on this reply')).toBeChecked();

  const { name, text } = await downloadOf(page, () => button(page, 'Export JSONL').click());
  expect(name).toBe('Solar system.jsonl');
  const { values, errors } = validateExport(text);
  expect(errors).toEqual([]);
  expect(values).toHaveLength(10);
  for (let i = 1; i <= 10; i++) expect(values[i - 1], `example ${i}`).toEqual(expectedExample(i));
  // The tool result answers exactly the call that was made.
  const tool = values[TOOL_EXAMPLE - 1].messages as Array<Record<string, unknown>>;
  const callId = (tool[2].tool_calls as Array<{ id: string }>)[0].id;
  expect(tool[3].tool_call_id).toBe(callId);
});

const imported = (i: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: `Question ${i}?` },
      { role: 'assistant', content: `Answer ${i}.` },
    ],
    ...extra,
  });

test('Ctrl+Z brings back a deleted message and a deleted example; Ctrl+Shift+Z redoes', async ({ page }) => {
  await openApp(page);
  await importText(page, 'undo.jsonl', Array.from({ length: 10 }, (_, i) => imported(i + 1)).join('\n') + '\n');
  await expect(exampleRows(page)).toHaveCount(10);
  await exampleRows(page).nth(1).click();
  await expect(content(page, 2)).toHaveValue('Question 2?');

  await messageCard(page, 2).getByRole('button', { name: 'Delete message' }).click();
  await expect(page.getByRole('article')).toHaveCount(2);
  await expect(content(page, 2)).toHaveValue('Answer 2.');
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('article')).toHaveCount(3);
  await expect(content(page, 2)).toHaveValue('Question 2?');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByRole('article')).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(content(page, 2)).toHaveValue('Question 2?');

  await button(page, 'Delete example').click();
  await expect(exampleRows(page)).toHaveCount(9);
  await expect(page.getByText('Question 2?')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(exampleRows(page)).toHaveCount(10);
  await expect(exampleRows(page).nth(1)).toContainText('Question 2?');
  await page.keyboard.press('Control+Shift+z');
  await expect(exampleRows(page)).toHaveCount(9);
  await page.keyboard.press('Control+z');
  await expect(exampleRows(page)).toHaveCount(10);
  // The restored example survives a reload.
  await waitSaved(page);
  await page.reload();
  await expect(exampleRows(page)).toHaveCount(10);
  await expect(exampleRows(page).nth(1)).toContainText('Question 2?');
});

test('Alt+↓/Alt+↑ move between examples, Alt+E jumps to the next example with an error, ? lists the shortcuts', async ({ page }) => {
  await openApp(page);
  // Examples 4 and 8 have a key OpenAI rejects (an error); the others are fine.
  const lines = Array.from({ length: 10 }, (_, i) => (i === 3 || i === 7 ? imported(i + 1, { source: 'crawl' }) : imported(i + 1)));
  await importText(page, 'keys.jsonl', lines.join('\n') + '\n');
  await expect(exampleRows(page)).toHaveCount(10);
  await expect(page.getByText('1 / 10')).toBeVisible();
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByText('3 / 10')).toBeVisible();
  await expect(content(page, 2)).toHaveValue('Question 3?');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByRole('heading', { name: 'Example 2', exact: true })).toBeVisible();

  await page.keyboard.press('Alt+e');
  await expect(page.getByRole('heading', { name: 'Example 4', exact: true })).toBeVisible();
  await page.keyboard.press('Alt+e');
  await expect(page.getByRole('heading', { name: 'Example 8', exact: true })).toBeVisible();
  await page.keyboard.press('Alt+e'); // wraps around
  await expect(page.getByRole('heading', { name: 'Example 4', exact: true })).toBeVisible();

  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Alt+E');
  await expect(help).toContainText('Ctrl+Z');
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
  // Typing "?" into a text field types it, and opens nothing.
  await content(page, 2).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('?');
  await expect(content(page, 2)).toHaveValue('Question 4??');
  await expect(help).toBeHidden();
});

test('switching the language to 简体中文 shows Chinese labels, and it stays after reload', async ({ page }) => {
  await openApp(page);
  await importText(page, 'lang.jsonl', Array.from({ length: 10 }, (_, i) => imported(i + 1)).join('\n') + '\n');
  await expect(exampleRows(page)).toHaveCount(10);
  await page.getByLabel('Language').selectOption({ label: '简体中文' });
  await expect(button(page, '新建样本')).toBeVisible();
  await expect(button(page, 'New example')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '样本 1', exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '角色' }).first()).toBeVisible();
  await page.reload();
  await expect(button(page, '新建样本')).toBeVisible();
  await page.getByLabel('语言').selectOption({ label: 'English' });
  await expect(button(page, 'New example')).toBeVisible();
});

test('issues appear under the card they concern and go away once fixed', async ({ page }) => {
  await openApp(page);
  await importText(page, 'issues.jsonl', Array.from({ length: 10 }, (_, i) => imported(i + 1)).join('\n') + '\n');
  await expect(exampleRows(page)).toHaveCount(10);
  const user = messageCard(page, 2);
  await expect(user.getByRole('listitem')).toHaveCount(0);
  await content(page, 2).fill('');
  await expect(user.getByRole('listitem').first()).toContainText(/empty/i);
  await expect(messageCard(page, 3).getByRole('listitem')).toHaveCount(0);
  // The list row shows a warning badge for the example.
  await expect(exampleRows(page).first().locator('.badge.warning')).toBeVisible();
  await content(page, 2).fill('Question 1 again?');
  await expect(user.getByRole('listitem')).toHaveCount(0);

  // A reply excluded from training that becomes a user turn keeps a weight only assistants may have: an error there.
  await messageCard(page, 3).getByLabel('Train on this reply').uncheck();
  await messageCard(page, 3).getByLabel('Role').selectOption('user');
  await expect(messageCard(page, 3).getByRole('listitem').first()).toContainText(/weight/i);
  await expect(exampleRows(page).first().locator('.badge.error')).toBeVisible();
  await expect(messageCard(page, 2).getByRole('listitem')).toHaveCount(0);
});

test('unknown keys of an imported example are shown read-only and survive an edit and export', async ({ page }) => {
  await openApp(page);
  const meta = { source: 'crawl', tags: ['space', 'moons'] };
  const lines = Array.from({ length: 10 }, (_, i) => imported(i + 1));
  lines[0] = JSON.stringify({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Question 1?', lang: 'en' },
      { role: 'assistant', content: 'Answer 1.' },
    ],
    metadata: meta,
  });
  await importText(page, 'unknown.jsonl', lines.join('\n') + '\n');
  await expect(exampleRows(page)).toHaveCount(10);
  await expect(page.getByText('Other keys (kept as they are, read-only): metadata')).toBeVisible();
  await expect(messageCard(page, 2).getByText('Other keys (kept as they are, read-only): lang')).toBeVisible();
  await page.getByText('Other keys (kept as they are, read-only): metadata').click();
  await expect(page.getByText('"crawl"')).toBeVisible();
  await content(page, 3).fill('Answer 1, edited.');
  await waitSaved(page);

  const { text, asked } = await exportJsonl(page); // the export asks first because these keys are errors for OpenAI
  expect(asked).toMatch(/still have errors/);
  const { values } = validateExport(text);
  expect(values).toHaveLength(10);
  expect(values[0]).toEqual({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Question 1?', lang: 'en' },
      { role: 'assistant', content: 'Answer 1, edited.' },
    ],
    metadata: meta,
  });
  // Untouched examples come out byte for byte.
  expect(text.split('\n').slice(1, 10)).toEqual(lines.slice(1));
});
