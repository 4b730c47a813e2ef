// Dataset text is data, never markup. tests/fixtures/hostile/hostile.jsonl carries script tags, <img onerror>,
// event-handler attributes, javascript: and data:text/html URLs, SVG onload, </textarea>, bidi overrides (U+202E)…
// in every field (message content, names, tool call ids/names/arguments, tool definitions, image URLs, unknown keys),
// plus a line to repair, a line that is not JSON and lines that are JSON but not objects; the file name is hostile too.
// The test imports it, opens the repair review, every example (all panels open, "Show JSON" on), the raw tab, the
// statistics and the exports, and checks after each step: no element carrying the fixture's `data-pwn` marker (nor
// an `img[src=x]`, nor a script that is not the app's) exists, no alert/prompt opened, no request left the app's
// origin — and the text is shown literally. It fails if any component renders dataset text as HTML.
import { test, expect, type Page, type Request, type Dialog } from './fixtures';
import fs from 'node:fs';
import { openApp, downloadOf, exampleRows, moreAction } from './helpers';

const FIXTURE = new URL('../fixtures/hostile/hostile.jsonl', import.meta.url).pathname;
const NAME = '<img src=x onerror=alert(1) data-pwn=file>\u202Elmth.jsonl';
const IMG = '<img src=x onerror=alert(1) data-pwn=img>';
const SCRIPT = '<script data-pwn=script>alert("pwn")</script>';
const TEXTAREA_BREAKOUT = '</textarea><b data-pwn=textarea>broke out</b><textarea>';

/** What went wrong so far: native dialogs (the app opens none: its own are in-page), requests to other origins. */
interface Watch {
  dialogs: string[];
  foreign: string[];
}

function watch(page: Page, origin: string): Watch {
  const w: Watch = { dialogs: [], foreign: [] };
  page.on('dialog', (d: Dialog) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r: Request) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('blob:')) w.foreign.push(url);
  });
  return w;
}

/** Nothing from the data became an element, ran, or fetched. */
async function expectInert(page: Page, w: Watch, step: string): Promise<void> {
  const found = await page.evaluate(() => {
    const all = (sel: string) => [...document.querySelectorAll(sel)].map((e) => e.outerHTML.slice(0, 120));
    return {
      marked: all('[data-pwn]'),
      imgX: all('img[src="x"]'),
      scripts: [...document.scripts].filter((s) => !s.src || !s.src.startsWith(location.origin)).map((s) => s.outerHTML.slice(0, 120)),
      iframes: all('iframe, object, embed'),
      jsLinks: all('[href^="javascript:"], [src^="javascript:"], [src^="data:text/html"]'),
      handlers: [...document.querySelectorAll('*')].flatMap((e) =>
        e
          .getAttributeNames()
          .filter((n) => n.startsWith('on'))
          .map((n) => `${e.tagName}[${n}]`),
      ),
    };
  });
  expect(found, `no element from the data (${step})`).toEqual({ marked: [], imgX: [], scripts: [], iframes: [], jsLinks: [], handlers: [] });
  expect(w.dialogs, `no dialog from the data (${step})`).toEqual([]);
  expect(w.foreign, `no request outside the app (${step})`).toEqual([]);
}

/** Everything a user can read on the page: visible text plus the values of text boxes. */
function shownText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [document.body.innerText, ...[...document.querySelectorAll('textarea, input')].map((e) => (e as HTMLInputElement).value)].join('\n'),
  );
}

test('hostile dataset text is shown as text everywhere: import, review, editor, raw, statistics, export', async ({ page, baseURL }) => {
  const w = watch(page, new URL(baseURL!).origin);
  await openApp(page);
  const bytes = fs.readFileSync(FIXTURE);
  await page.getByLabel('Import file').setInputFiles({ name: NAME, mimeType: 'application/jsonl', buffer: bytes });

  // The repair review (the line with trailing commas), its text literal.
  const review = page.getByRole('dialog');
  await expect(review.getByRole('heading', { name: /^Broken JSON syntax/ })).toBeVisible();
  await expect(review).toContainText('data-pwn=svg onload=alert(1)><circle r=9></circle></svg>');
  expect(
    await review
      .locator('code')
      .first()
      .evaluate((e) => e.textContent),
  ).toMatch(/<\/svg> \u202E"\},\]\}$/);
  await expect(review).toContainText(`"completion": "completion ${TEXTAREA_BREAKOUT}"`);
  await expect(review).toContainText(NAME);
  await expectInert(page, w, 'repair review');
  await review.getByRole('button', { name: 'Accept all', exact: true }).click();
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(review).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /^Imported 13 examples/ })).toContainText(NAME);
  await expectInert(page, w, 'import notice and example list');

  // Every example, with its tools panel, unknown keys and JSON open.
  const count = await exampleRows(page).count();
  expect(count).toBe(13);
  let shown = '';
  for (let i = 0; i < count; i++) {
    await exampleRows(page).nth(i).click();
    await expect(page.getByRole('heading', { name: `Example ${i + 1}`, exact: true })).toBeVisible();
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const json = page.getByRole('button', { name: 'Show JSON' });
    if (await json.count()) await json.click();
    await expectInert(page, w, `example ${i + 1}`);
    shown += await shownText(page);
  }
  // Shown literally: markup characters, the bidi override, the text-box breakout, the hostile names and URLs.
  for (const literal of [
    SCRIPT,
    IMG,
    TEXTAREA_BREAKOUT,
    '\u202Etxt.exe\u202E',
    '<b data-pwn=name onmouseover=alert(1)>bob</b>',
    '<script data-pwn=fname>alert(1)</script>',
    '<svg data-pwn=toolname onload=alert(1)>',
    'javascript:alert(document.domain)',
    'data:text/html,<script>alert(1)</script>',
    '<img data-pwn=key src=x onerror=alert(1)>',
  ]) {
    expect(shown, `shown literally: ${literal}`).toContain(literal);
  }
  // The line that is not JSON and the ones that are JSON but not objects open with their text, editable.
  await exampleRows(page).nth(8).click();
  await expect(page.getByLabel('Raw line')).toHaveValue(JSON.stringify(`${SCRIPT} ${IMG} ${TEXTAREA_BREAKOUT}`));
  await expect(page.getByText(/valid JSON but it is a JSON string, not an object/)).toBeVisible();

  // Raw mode (CodeMirror).
  await page.getByRole('tab', { name: 'Raw JSONL' }).click();
  const editor = page.getByTestId('raw-editor').locator('.cm-content');
  await expect(editor).toBeVisible();
  await expect(editor).toContainText(`not json ${SCRIPT} ${IMG}`);
  await expectInert(page, w, 'raw mode');

  // Statistics.
  await page.getByRole('tab', { name: 'Statistics' }).click();
  await expect(page.getByText(/Counting tokens/)).toHaveCount(0);
  await expectInert(page, w, 'statistics');

  // Export: the lossless JSONL keeps every hostile byte of the lines not repaired (6 and 7 were); the other formats' dialog shows names literally.
  await page.getByRole('tab', { name: 'Edit' }).click();
  // Errors remain (the line that is not JSON): the app asks first, listing them — as text too.
  await page.getByRole('button', { name: 'Export JSONL' }).click();
  const ask = page.getByRole('dialog', { name: 'Export with errors?' });
  await expect(ask).toBeVisible();
  await expectInert(page, w, 'export-with-errors dialog');
  const { text } = await downloadOf(page, () => ask.getByRole('button', { name: 'Export anyway' }).click());
  const source = bytes.toString('utf8').split('\n');
  for (const k of [0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 12]) expect(text.split('\n')[k]).toBe(source[k]);
  await moreAction(page, 'More export formats');
  await expectInert(page, w, 'export formats');
  await page.keyboard.press('Escape');
  await moreAction(page, 'Download report');
  await expectInert(page, w, 'report');
});
