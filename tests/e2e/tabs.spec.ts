// Two tabs on one dataset: edits to different examples are both kept and each tab shows the other's within a
// second; the same example edited in both: the later edit wins and the other tab says so, undo brings its text
// back; a deletion, a rename and a deleted dataset show in the other tab; an outdated tab stops writing.
import { test, expect, type Page } from './fixtures';
import { openApp, importText, exampleRows, messageCard, waitSaved, renameDataset, datasetAction } from './helpers';

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

/** Two tabs of one browser profile, both showing the same 10-example dataset. */
async function twoTabs(page: Page) {
  await openApp(page);
  await importText(page, 'shared.jsonl', jsonl(10));
  await expect(exampleRows(page)).toHaveCount(10);
  await waitSaved(page);
  const other = await page.context().newPage();
  await other.goto('./');
  await expect(other.getByText('1 / 10')).toBeVisible();
  return other;
}

test("edits to different examples in two tabs are both kept, and each tab shows the other one's within a second", async ({ page }) => {
  const b = await twoTabs(page);
  await exampleRows(page).nth(1).click();
  await content(page, 2).fill('Edited in tab A');
  await exampleRows(b).nth(4).click();
  await content(b, 2).fill('Edited in tab B');

  await expect(exampleRows(b).nth(1)).toContainText('Edited in tab A', { timeout: 2500 });
  await expect(exampleRows(page).nth(4)).toContainText('Edited in tab B', { timeout: 2500 });
  await waitSaved(page);
  await waitSaved(b);
  for (const p of [page, b]) {
    await p.reload();
    await expect(exampleRows(p).nth(1)).toContainText('Edited in tab A');
    await expect(exampleRows(p).nth(4)).toContainText('Edited in tab B');
  }
});

test('the same example edited in both tabs: the later edit wins, the other tab says so and undo brings its text back', async ({ page }) => {
  const b = await twoTabs(page);
  await exampleRows(page).nth(2).click();
  await exampleRows(b).nth(2).click();
  await content(b, 2).fill("B's earlier text");
  await waitSaved(b);
  await expect(content(page, 2)).toHaveValue("B's earlier text"); // A had not touched it: no notice there
  await expect(page.getByTestId('sync-notice')).toHaveCount(0);

  await content(page, 2).fill("A's later text");
  await waitSaved(page);
  await expect(content(b, 2)).toHaveValue("A's later text");
  await expect(b.getByTestId('sync-notice')).toContainText('Example 3, which you edited, was changed in another tab');
  await b.keyboard.press('Control+z');
  await expect(content(b, 2)).toHaveValue("B's earlier text");
});

test('deleting an example in one tab while the other edits it removes it there too, with a notice and undo', async ({ page }) => {
  const b = await twoTabs(page);
  await exampleRows(b).nth(3).click();
  await content(b, 2).fill('B was working on this');
  await waitSaved(b);
  await expect(exampleRows(page).nth(3)).toContainText('B was working on this');

  await exampleRows(page).nth(3).click();
  await page.getByRole('button', { name: 'Delete example' }).click();
  await expect(page.getByText('/ 9')).toBeVisible();
  await waitSaved(page);
  await expect(b.getByText('/ 9')).toBeVisible();
  await expect(b.getByTestId('sync-notice')).toContainText('Example 4, which you edited, was deleted in another tab');
  await b.reload();
  await expect(b.getByText('/ 9')).toBeVisible(); // it did not come back
  await expect(exampleRows(b).filter({ hasText: 'B was working on this' })).toHaveCount(0);
});

test('renaming or deleting a dataset in one tab shows in the other', async ({ page }) => {
  const b = await twoTabs(page);
  await renameDataset(page, 'Renamed in A');
  await expect(b.getByLabel('Datasets').locator('option:checked')).toHaveText('Renamed in A', { timeout: 2500 });

  await datasetAction(page, 'Delete'); // no question: "Undo" is offered instead
  await expect(b.getByTestId('sync-notice')).toContainText('“Renamed in A” was deleted in another tab');
  await expect(b.getByLabel('Datasets').locator('option', { hasText: 'Renamed in A' })).toHaveCount(0);
  await expect(exampleRows(b)).toHaveCount(0);
});

test('a tab running older code stops writing and asks for a reload when a newer version appears', async ({ page }) => {
  const b = await twoTabs(page);
  // A newer build greets the tabs (as a freshly deployed version in a third tab would).
  const third = await page.context().newPage();
  await third.goto('about:blank');
  await third.goto(new URL('favicon.svg', page.url()).href); // same origin, no app
  await third.evaluate(() => {
    const channel = new BroadcastChannel('tuneset');
    (globalThis as { keep?: unknown }).keep = channel; // kept alive until delivered
    channel.postMessage({ t: 'hello', tab: 'newer-tab', build: '9999-12-31T00:00:00.000Z', storage: 1, reply: false });
  });
  await expect(page.getByTestId('outdated')).toContainText('A newer version of Tuneset is open in another tab');
  await expect(b.getByTestId('outdated')).toContainText('A newer version of Tuneset is open in another tab');
  await expect(page.getByTestId('outdated').getByRole('button', { name: 'Reload this tab' })).toBeVisible();
  await exampleRows(page).nth(0).click();
  await content(page, 2).fill('Typed in the outdated tab');
  await page.waitForTimeout(2500);
  await expect(page.getByTestId('save-status')).not.toHaveText('Saved');
  // Nothing reached storage: a fresh tab still has the old text.
  const fresh = await page.context().newPage();
  await fresh.goto('./');
  await expect(exampleRows(fresh).first()).toContainText('Question 1?');
});
