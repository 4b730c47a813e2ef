// Nothing is lost when storage fails or the tab goes away: a full disk shows a banner, keeps "Saved" honest and
// offers everything unsaved for download; an edit survives the tab being closed at once with no unload handler;
// a new example is still selected after a reload, with the pane and the list filter.
import { test, expect, type Page } from './fixtures';
import { openApp, importText, exampleRows, messageCard, downloadOf, waitSaved } from './helpers';

/** Deterministic text that does not compress (IndexedDB compresses values, so repeated text would fit in 2 MB). */
function noise(n: number, seed: number): string {
  let x = seed >>> 0 || 1;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    s += i % 7 === 6 ? ' ' : String.fromCharCode(97 + ((x >>> 27) % 26));
  }
  return s;
}
const example = (i: number, body: string | ((i: number) => string) = '') =>
  JSON.stringify({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: `Question ${i}?${typeof body === 'string' ? body : body(i)}` },
      { role: 'assistant', content: `Answer ${i}.` },
    ],
  });
const jsonl = (n: number, body: string | ((i: number) => string) = '') => Array.from({ length: n }, (_, i) => example(i + 1, body)).join('\n') + '\n';
const content = (page: Page, n: number) => messageCard(page, n).getByLabel('Content', { exact: true });

/** The user questions ("Question 12?") of every example stored for the open dataset, read straight from IndexedDB. */
async function storedQuestions(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('tuneset');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('records', 'readonly');
          const req = tx.objectStore('records').openCursor();
          const out: string[] = [];
          const question = (ex: { value?: unknown; original?: string }) => {
            const v = (ex.value ?? (ex.original ? JSON.parse(ex.original) : null)) as { messages?: { content?: string }[] } | null;
            const q = v?.messages?.[1]?.content?.match(/^Question \d+\?/)?.[0];
            if (q) out.push(q);
          };
          req.onsuccess = () => {
            const cursor = req.result;
            if (!cursor) return resolve(out);
            const key = cursor.key as string[];
            const value = cursor.value as { example?: { value?: unknown; original?: string }; examples?: { value?: unknown; original?: string }[] };
            if (key[0] === 'example' && value.example) question(value.example);
            if (key[0] === 'pack') for (const ex of value.examples ?? []) question(ex);
            cursor.continue();
          };
        };
      }),
  );
}

test('a full disk: banner, never "Saved" while anything is missing, everything unsaved offered for download, all stored once space is back', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await openApp(page);
  const cdp = await context.newCDPSession(page);
  const origin = new URL(baseURL!).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 2 * 1024 * 1024 });

  // ~5 MB, 2,005 examples: far more than the 2 MB the site may store.
  await importText(
    page,
    'big.jsonl',
    jsonl(2005, (i) => ` ${noise(2400, i)}`),
  );
  await expect(page.getByText('1 / 2005')).toBeVisible();
  const banner = page.getByTestId('save-failed');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toContainText('full');
  await expect(page.getByTestId('save-status')).not.toHaveText('Saved');

  // One small edit afterwards does not turn the status into "Saved".
  await content(page, 2).fill('Question 1? edited while the disk is full');
  await page.waitForTimeout(3000);
  await expect(page.getByTestId('save-status')).not.toHaveText('Saved');
  await expect(banner).toContainText(/\d+ changed examples are only in this tab/);

  // Stored + downloadable = everything.
  const { name, text } = await downloadOf(page, () => banner.getByRole('button', { name: 'Download unsaved work' }).click());
  expect(name).toBe('big.unsaved.jsonl');
  const offered = text
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { messages: { content: string }[] }).messages[1].content.match(/^Question \d+\?/)![0]);
  const stored = await storedQuestions(page);
  const covered = new Set([...offered, ...stored]);
  for (let i = 1; i <= 2005; i++) expect(covered.has(`Question ${i}?`), `Question ${i}? is neither stored nor offered`).toBe(true);
  expect(offered.length).toBeGreaterThan(0);
  expect(text).toContain('edited while the disk is full');

  // Leaving now asks first.
  const asked = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
  await page.evaluate(() => window.dispatchEvent(new Event('focus'))); // keep the page "used" (beforeunload needs an activation)
  void page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  expect(page.isClosed()).toBe(false);

  // Space is back: "Try again now" stores everything, and only then "Saved".
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  // (The saver's own retry may get there first: then the button is already gone.)
  await banner
    .getByRole('button', { name: 'Try again now' })
    .click({ timeout: 1000 })
    .catch(() => undefined);
  await waitSaved(page);
  await expect(banner).toBeHidden();
  await page.reload();
  await expect(page.getByText('1 / 2005')).toBeVisible();
  await expect(content(page, 2)).toHaveValue('Question 1? edited while the disk is full');
  await expect(page.getByText(/not found in storage/)).toHaveCount(0);
});

test('an edit whose IndexedDB write never happens (the tab died first) survives, with no unload handler to help', async ({ context }) => {
  const page = await context.newPage();
  // The app gets no pagehide/visibilitychange/beforeunload/blur listeners in this tab: only what is written at once
  // counts. And once `__tabDies` is set, IndexedDB refuses every new transaction, as if the tab had been killed
  // before the debounced write (300 ms after the edit) could start. Without the write-ahead journal the edit is lost.
  await page.addInitScript(() => {
    const w = window as unknown as { __tabDies?: boolean };
    const add = EventTarget.prototype.addEventListener;
    const blocked = new Set(['pagehide', 'visibilitychange', 'beforeunload', 'unload', 'blur', 'freeze']);
    EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
      if (blocked.has(type) && (this === window || this === document)) return;
      return (add as (...a: unknown[]) => void).call(this, type, ...rest);
    } as typeof add;
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: unknown[]) {
      if (w.__tabDies) throw new DOMException('The tab is gone', 'InvalidStateError');
      return (transaction as (...a: unknown[]) => IDBTransaction).apply(this, args);
    } as typeof transaction;
  });
  await openApp(page);
  await importText(page, 'quick.jsonl', jsonl(10));
  await expect(exampleRows(page)).toHaveCount(10);
  await waitSaved(page);
  await exampleRows(page).nth(4).click();
  await page.waitForTimeout(700); // the selection is stored 300 ms after it changes (it is not journaled)
  await content(page, 2).click();
  await page.evaluate(() => {
    const box = document.activeElement as HTMLTextAreaElement;
    box.value = 'Typed, then the tab was closed at once.';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    (window as unknown as { __tabDies?: boolean }).__tabDies = true;
  });
  await page.close();

  const again = await context.newPage();
  await again.goto('./');
  await expect(again.getByText('5 / 10')).toBeVisible();
  await expect(content(again, 2)).toHaveValue('Typed, then the tab was closed at once.');
  await waitSaved(again);
  await again.reload();
  await expect(content(again, 2)).toHaveValue('Typed, then the tab was closed at once.');
});

test('a new example, the pane and the list filter are restored after a reload', async ({ page }) => {
  await openApp(page);
  await importText(page, 'restore.jsonl', jsonl(10));
  await expect(exampleRows(page)).toHaveCount(10);
  await exampleRows(page).nth(3).click();
  await expect(page.getByText('4 / 10')).toBeVisible();
  await page.getByRole('button', { name: 'New example' }).click();
  await expect(page.getByText('5 / 11')).toBeVisible();
  await content(page, 2).fill('A brand new question');
  await waitSaved(page);
  await page.reload();
  await expect(page.getByText('5 / 11')).toBeVisible();
  await expect(content(page, 2)).toHaveValue('A brand new question');

  // Duplicated example, another pane and a filter.
  await page.getByRole('tab', { name: 'Statistics' }).click();
  await page.getByLabel('Search', { exact: true }).fill('Question 7');
  await expect(exampleRows(page)).toHaveCount(1);
  await page.waitForTimeout(700); // the filter applies after 200 ms, the UI state is written 300 ms later
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Statistics' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('Question 7');
  await expect(exampleRows(page)).toHaveCount(1);
});
