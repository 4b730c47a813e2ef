// A 100,000-example file (about 30 MB of short chats) imports, its list scrolls to the very last example, and editing
// a message there updates the token count. Behaviour only: speed is measured by the bench, not asserted here.
import { test, expect } from './fixtures';
import { openApp, importText, messageCard } from './helpers';

/** Examples in the generated file. */
const N = 100_000;
const TOPICS = ['orbits', 'tides', 'comets', 'eclipses', 'auroras', 'craters', 'nebulae'];

function bigJsonl(): Buffer {
  const lines: string[] = new Array(N);
  for (let i = 1; i <= N; i++) {
    const topic = TOPICS[i % TOPICS.length];
    lines[i - 1] = JSON.stringify({
      messages: [
        { role: 'system', content: 'You are a terse astronomy tutor. Answer in one or two sentences.' },
        { role: 'user', content: `Question ${i}: what should a beginner know about ${topic}?` },
        { role: 'assistant', content: `Answer ${i}: ${topic} are easier to understand once you picture the geometry; start with a simple sketch.` },
      ],
    });
  }
  return Buffer.from(lines.join('\n') + '\n');
}

const tokensOf = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test('a 100,000-example file opens, scrolls to its last example, and an edit there updates the token count', async ({ page }) => {
  test.setTimeout(360_000);
  const file = bigJsonl();
  expect(file.length).toBeGreaterThan(25e6);
  await openApp(page);
  await importText(page, 'big.jsonl', file);
  await expect(page.getByText(`1 / ${N}`)).toBeVisible({ timeout: 240_000 });
  await expect(messageCard(page, 2).getByLabel('Content', { exact: true })).toHaveValue('Question 1: what should a beginner know about tides?');

  // Scroll the list to its end: the last row exists and is in view.
  const list = page.getByRole('listbox', { name: 'Examples' });
  await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const last = page.locator(`[role=option][data-index="${N - 1}"]`);
  await expect(last).toBeInViewport();
  await expect(last.locator('.num')).toHaveText(String(N));
  await expect(last).toContainText(`Question ${N}:`);
  await last.click();
  await expect(page.getByText(`${N} / ${N}`)).toBeVisible();
  await expect(page.getByRole('heading', { name: `Example ${N}`, exact: true })).toBeVisible();

  // Once the tokenizer is loaded the example shows its count; a longer reply raises it, in the editor and the list.
  const count = page.getByTestId('example-tokens');
  await expect(count).toHaveText(/^\d[\d,]* tokens$/, { timeout: 60_000 });
  const before = tokensOf(await count.textContent());
  expect(before).toBeGreaterThan(20);
  const reply = messageCard(page, 3).getByLabel('Content', { exact: true });
  await reply.fill(`Answer ${N}: ` + 'Comets grow tails when sunlight warms their ice. '.repeat(10));
  await expect.poll(async () => tokensOf(await count.textContent())).toBeGreaterThan(before + 60);
  const after = tokensOf(await count.textContent());
  await expect(last.locator('.tok')).toHaveText(String(after));
  // Undo brings the old count back.
  await page.keyboard.press('Control+z');
  await expect(count).toHaveText(`${before.toLocaleString('en')} tokens`);
});
