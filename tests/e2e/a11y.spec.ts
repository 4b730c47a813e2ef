// axe-core over the main screens, in the light and the dark color scheme and in both languages (English, Simplified
// Chinese): the empty library, the editor with a dataset, raw JSONL, statistics and its "What do these mean?" panel,
// the Train tab, an import's repair review and open dialogs. Any serious or critical violation fails the test, with
// what axe found (rule, impact, elements) in the message. Dark mode's contrast is checked screen by screen this way.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from './fixtures';
import { openApp } from './helpers';
import { translate, type MessageKey } from '../../src/lib/i18n/catalog';
import { CATALOG_ZH } from '../../src/lib/i18n/catalog-zh';

/** Serious and critical violations on the page as it is now: one line per rule, with its first elements and why. */
async function seriousViolations(page: Page, what: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const nodes = v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`);
      return `${what}: [${v.impact}] ${v.id} (${v.help}) on ${v.nodes.length} element(s) — ${nodes.join(' | ')}`;
    });
}

/** A broken line (single quotes) that the import offers to repair, so that the review opens. */
const NEEDS_REPAIR = [
  `{'messages': [{'role': 'user', 'content': 'Hi'}, {'role': 'assistant', 'content': 'Hello.'}]}`,
  JSON.stringify({
    messages: [
      { role: 'user', content: 'Bye' },
      { role: 'assistant', content: 'Goodbye.' },
    ],
  }),
].join('\n');
/** Two examples with an error (a role OpenAI does not know): exporting asks first. */
const bad = (q: string) =>
  JSON.stringify({
    messages: [
      { role: 'robot', content: q },
      { role: 'assistant', content: 'Hi.' },
    ],
  });

for (const lang of ['en', 'zh'] as const) {
  /** The UI text of `key` in this language (as the app shows it: English where no translation exists). */
  const say = (key: MessageKey, params?: Record<string, string | number>) => {
    const zh = CATALOG_ZH[key];
    if (lang === 'en' || zh === undefined) return translate('en', key, params);
    return params ? zh.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : zh;
  };
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`no serious or critical axe violation on the main screens (${lang}, ${colorScheme})`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      const found: string[] = [];
      await openApp(page);
      if (lang === 'zh') {
        await page.getByLabel('Language').selectOption('zh');
        await expect(page.getByLabel('语言')).toBeVisible();
      }
      await expect(page.getByText(say('library.empty'))).toBeVisible();
      found.push(...(await seriousViolations(page, 'empty library')));

      // The "New dataset" dialog, over the empty library.
      await page.getByRole('button', { name: say('library.new'), exact: true }).click();
      await expect(page.getByRole('dialog', { name: say('library.newTitle') })).toBeVisible();
      found.push(...(await seriousViolations(page, 'new-dataset dialog')));
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);

      // The editor with the sample dataset (tools, several turns, issues).
      await page.getByRole('button', { name: say('library.sample'), exact: true }).click();
      await expect(
        page
          .getByRole('listbox', { name: say('list.label') })
          .getByRole('option')
          .first(),
      ).toBeVisible();
      await expect(page.getByTestId('example-tokens')).toBeVisible();
      found.push(...(await seriousViolations(page, 'editor')));

      await page.getByRole('tab', { name: say('view.raw') }).click();
      await expect(page.locator('.cm-editor')).toBeVisible();
      found.push(...(await seriousViolations(page, 'raw JSONL')));

      await page.getByRole('tab', { name: say('view.stats') }).click();
      await expect(page.getByTestId('stats')).toBeVisible();
      found.push(...(await seriousViolations(page, 'statistics')));
      await page.getByRole('button', { name: say('glossary.open') }).click();
      await expect(page.getByRole('dialog', { name: say('glossary.title') })).toBeVisible();
      found.push(...(await seriousViolations(page, '"What do these mean?" panel')));
      await page.keyboard.press('Escape');

      await page.getByRole('tab', { name: say('view.train') }).click();
      await expect(page.getByLabel(say('train.key.baseUrl'))).toBeVisible();
      found.push(...(await seriousViolations(page, 'train')));

      // Dialogs over a dataset: keyboard help.
      await page.getByRole('tab', { name: say('view.edit') }).click();
      await page.getByRole('button', { name: say('help.open') }).click();
      await expect(page.getByRole('dialog', { name: say('help.title') })).toBeVisible();
      found.push(...(await seriousViolations(page, 'help dialog')));
      await page.keyboard.press('Escape');

      // An import with a line to repair: the review before anything is added.
      const fileInput = page.locator('header input[type="file"]');
      await fileInput.setInputFiles({ name: 'repair-me.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(NEEDS_REPAIR) });
      const review = page.getByRole('dialog');
      await expect(review.getByRole('button', { name: say('repair.apply'), exact: true })).toBeVisible();
      found.push(...(await seriousViolations(page, 'import review')));
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);

      // "Export with errors?" over a dataset whose examples have errors.
      await fileInput.setInputFiles({ name: 'errors.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(`${bad('Hi')}\n${bad('Hello')}\n`) });
      await expect(page.getByText(say('list.position', { n: 1, total: 2 }))).toBeVisible();
      await page.getByRole('button', { name: say('export.jsonl'), exact: true }).click();
      await expect(page.getByRole('dialog', { name: say('export.errorsTitle') })).toBeVisible();
      found.push(...(await seriousViolations(page, 'export-with-errors dialog')));

      expect(found, 'serious or critical axe violations').toEqual([]);
    });
  }
}

/**
 * What spills out sideways: the page itself, or any box that scrolls sideways (the raw JSONL editor excepted: long
 * lines scroll there on purpose), or any visible element whose right edge passes the window's.
 */
async function horizontalOverflow(page: Page, what: string): Promise<string[]> {
  const found = await page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    if (document.documentElement.scrollWidth > width) out.push(`the page is ${document.documentElement.scrollWidth}px wide (window: ${width}px)`);
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('.cm-editor, dialog:not([open]), .sr-only')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1)
        out.push(`${name(el)} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)`);
      else if (r.right > width + 1) out.push(`${name(el)} ends at ${Math.round(r.right)}px`);
    }
    return out.slice(0, 8);
  });
  return found.map((f) => `${what}: ${f}`);
}

for (const lang of ['en', 'zh'] as const) {
  test(`nothing overflows sideways at 1024×768 on the main screens (${lang})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1024, height: 768 });
    const found: string[] = [];
    await openApp(page);
    if (lang === 'zh') {
      await page.getByLabel('Language').selectOption('zh');
      await expect(page.getByLabel('语言')).toBeVisible();
    }
    const welcome = page.locator('section.welcome');
    await expect(welcome).toBeVisible();
    found.push(...(await horizontalOverflow(page, 'empty library')));
    await page.locator('header').getByRole('button').nth(1).click(); // "Open the sample dataset", in either language
    await expect(page.getByTestId('example-tokens')).toBeVisible();
    found.push(...(await horizontalOverflow(page, 'editor')));
    const tabs = page.getByRole('tab');
    for (const [n, what] of [
      [1, 'raw JSONL'],
      [2, 'statistics'],
      [3, 'train'],
    ] as const) {
      await tabs.nth(n).click();
      await expect(tabs.nth(n)).toHaveAttribute('aria-selected', 'true');
      await page.waitForTimeout(300); // lazily loaded views (raw editor, charts, the Train tab) settle
      found.push(...(await horizontalOverflow(page, what)));
    }
    expect(found, 'elements overflowing a 1024px-wide window').toEqual([]);
  });
}
