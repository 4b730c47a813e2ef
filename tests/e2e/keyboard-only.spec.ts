// A user without a mouse (page.keyboard only, never a click): creates a dataset, writes 10 examples (system, user,
// assistant) and exports them. After each step the focus must be in the box the next words go into, within a few
// Tab presses (counted, and bounded loosely: the exact layout of a card may change, a 30-press walk may not).
import fs from 'node:fs';
import { test, expect, type Page, type Locator } from './fixtures';
import { openApp, exampleRows, messageCard } from './helpers';

/** True when `target` has the keyboard focus. */
const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/** Presses `key` (Tab or Shift+Tab) until `target` has the focus; returns how many presses it took (fails past `max`). */
async function pressUntil(page: Page, target: Locator, max: number, key = 'Tab'): Promise<number> {
  for (let n = 0; n <= max; n++) {
    if (await isFocused(target)) return n;
    if (n < max) await page.keyboard.press(key);
  }
  const active = await page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()} "${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? ''}"` : 'nothing';
  });
  throw new Error(`not reached in ${max} presses of ${key} (the focus is on ${active})`);
}

const content = (page: Page, n: number) => messageCard(page, n).getByLabel('Content', { exact: true });
const SYSTEM = 'You name capitals, in one sentence.';
const COUNTRIES = ['France', 'Japan', 'Kenya', 'Peru', 'Norway', 'Egypt', 'Chile', 'Nepal', 'Canada', 'Italy'];
const CAPITALS = ['Paris', 'Tokyo', 'Nairobi', 'Lima', 'Oslo', 'Cairo', 'Santiago', 'Kathmandu', 'Ottawa', 'Rome'];

test('keyboard only: create a dataset, write 10 examples (system, user, assistant), export; the focus lands in the right box each time', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  const presses: string[] = [];

  // From the top of the page to "New dataset": the skip link, the dataset picker, then the button.
  const newDataset = page.getByRole('button', { name: 'New dataset', exact: true });
  const toNew = await pressUntil(page, newDataset, 5);
  presses.push(`to New dataset: ${toNew}`);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New dataset' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Dataset name')).toBeFocused();
  await page.keyboard.type('Capitals'); // the proposed name is selected: typing replaces it
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Datasets').locator('option:checked')).toHaveText('Capitals');

  // The new dataset's example opens with the cursor in its first empty Content box: the system prompt, above the
  // question and the answer.
  await expect(content(page, 1)).toBeFocused();
  await expect(messageCard(page, 1).getByLabel('Role')).toHaveValue('system');
  await expect(messageCard(page, 2).getByLabel('Role')).toHaveValue('user');
  await expect(messageCard(page, 3).getByLabel('Role')).toHaveValue('assistant');
  await page.keyboard.type(SYSTEM);

  for (let i = 0; i < 10; i++) {
    if (i > 0) {
      // Alt+N: a new example after this one, the system prompt already in it, the cursor in the question.
      await page.keyboard.press('Alt+N');
      await expect(exampleRows(page)).toHaveCount(i + 1);
      await expect(page.getByRole('heading', { name: `Example ${i + 1}`, exact: true })).toBeVisible();
      await expect(content(page, 2)).toBeFocused();
      await expect(content(page, 1)).toHaveValue(SYSTEM);
    } else {
      const toUser = await pressUntil(page, content(page, 2), 6);
      presses.push(`system Content to user Content: ${toUser}`);
    }
    await page.keyboard.type(`What is the capital of ${COUNTRIES[i]}?`);
    // From the question to the answer: past the question's own controls and the answer's header.
    const toAnswer = await pressUntil(page, content(page, 3), 9);
    if (i === 0) presses.push(`user Content to assistant Content: ${toAnswer}`);
    await page.keyboard.type(`${CAPITALS[i]}.`);
  }
  await expect(exampleRows(page)).toHaveCount(10);
  await expect(page.getByText('10 / 10')).toBeVisible();

  // Export with Ctrl+Shift+E: nothing to ask (no errors), the file comes down at once.
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+Shift+E');
  const file = await download;
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(file.suggestedFilename()).toBe('Capitals.jsonl');
  const lines = fs
    .readFileSync((await file.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(
    COUNTRIES.map((country, i) => ({
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: `What is the capital of ${country}?` },
        { role: 'assistant', content: `${CAPITALS[i]}.` },
      ],
    })),
  );
  test.info().annotations.push({ type: 'Tab presses', description: presses.join('; ') });
});
