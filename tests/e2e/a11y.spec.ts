// axe-core over the main screens, in the light and the dark color scheme: the empty library, the editor with a
// dataset, raw JSONL, statistics, the Train tab and open dialogs. Any serious or critical violation fails the test,
// with what axe found (rule, impact, elements) in the message.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from './fixtures';
import { openApp, exampleRows, importText } from './helpers';

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

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violation on the main screens (${colorScheme})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const found: string[] = [];
    await openApp(page);
    await expect(page.getByText('No datasets yet')).toBeVisible();
    found.push(...(await seriousViolations(page, 'empty library')));

    // The "New dataset" dialog, over the empty library.
    await page.getByRole('button', { name: 'New dataset', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'New dataset' })).toBeVisible();
    found.push(...(await seriousViolations(page, 'new-dataset dialog')));
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // The editor with the sample dataset (tools, several turns, issues).
    await page.getByRole('button', { name: 'Open the sample dataset' }).click();
    await expect(exampleRows(page).first()).toBeVisible();
    await expect(page.getByTestId('example-tokens')).toBeVisible();
    found.push(...(await seriousViolations(page, 'editor')));

    await page.getByRole('tab', { name: 'Raw JSONL' }).click();
    await expect(page.locator('.cm-editor')).toBeVisible();
    found.push(...(await seriousViolations(page, 'raw JSONL')));

    await page.getByRole('tab', { name: 'Statistics' }).click();
    await expect(page.getByTestId('stats')).toBeVisible();
    found.push(...(await seriousViolations(page, 'statistics')));

    await page.getByRole('tab', { name: 'Train' }).click();
    await expect(page.getByLabel('API base URL')).toBeVisible();
    found.push(...(await seriousViolations(page, 'train')));

    // Dialogs over a dataset: keyboard help, and "Export anyway?" (the sample has examples with errors).
    await page.getByRole('tab', { name: 'Edit' }).click();
    await page.getByRole('button', { name: 'Keyboard shortcuts (?)' }).click();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    found.push(...(await seriousViolations(page, 'help dialog')));
    await page.keyboard.press('Escape');
    // A dataset whose examples have errors (a role OpenAI does not know).
    const bad = (q: string) => JSON.stringify({ messages: [{ role: 'robot', content: q }, { role: 'assistant', content: 'Hi.' }] });
    await importText(page, 'errors.jsonl', `${bad('Hi')}\n${bad('Hello')}\n`);
    await expect(page.getByText('1 / 2')).toBeVisible();
    await page.getByRole('button', { name: 'Export JSONL' }).click();
    await expect(page.getByRole('dialog', { name: 'Export with errors?' })).toBeVisible();
    found.push(...(await seriousViolations(page, 'export-with-errors dialog')));

    expect(found, 'serious or critical axe violations').toEqual([]);
  });
}
