// Lossless round trip in real Chromium: importing then exporting a valid file without edits gives the same bytes
// (LF and CRLF; odd spacing, key order, unknown keys, \u escapes, raw U+2028). "More export formats": the
// train/validation split gives two files with no example in both and sizes per the ratio; Together and ShareGPT
// exports list the examples that do not fit and leave them out of the file.
import { test, expect, type Page, type Download } from './fixtures';
import fs from 'node:fs';
import { openApp, exampleRows, exportJsonl, moreAction } from './helpers';

const fixturePath = (name: string) => new URL(`../fixtures/import-e2e/${name}`, import.meta.url).pathname;

/** Runs `click` and collects `n` downloads (name → bytes). */
async function downloadsOf(page: Page, n: number, click: () => Promise<void>): Promise<Map<string, string>> {
  const got: Download[] = [];
  const on = (d: Download) => void got.push(d);
  page.on('download', on);
  try {
    await click();
    await expect.poll(() => got.length).toBe(n);
  } finally {
    page.off('download', on);
  }
  const out = new Map<string, string>();
  for (const d of got) out.set(d.suggestedFilename(), fs.readFileSync((await d.path())!, 'utf8'));
  return out;
}

for (const file of ['roundtrip-lf.jsonl', 'roundtrip-crlf.jsonl']) {
  test(`${file}: import then export without edits gives a byte-identical file`, async ({ page }) => {
    const original = fs.readFileSync(fixturePath(file));
    expect(original.includes(Buffer.from('\u2028')), 'the fixture holds a raw U+2028').toBe(true);
    await openApp(page);
    await page.getByLabel('Import file').setInputFiles(fixturePath(file));
    await expect(page.getByRole('status').filter({ hasText: /^Imported 12 examples/ })).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0); // nothing to repair, nothing to review
    await expect(exampleRows(page).first()).toBeVisible();
    const exported = (await exportJsonl(page)).bytes;
    expect(exported.toString('utf8')).toBe(original.toString('utf8'));
    expect(exported.equals(original)).toBe(true);
  });
}

test('the train/validation split downloads two files with no example in both, sized by the ratio', async ({ page }) => {
  const lines = Array.from({ length: 50 }, (_, i) =>
    JSON.stringify({
      messages: [
        { role: 'user', content: `Question ${i}: ${'why '.repeat(i % 7)}?` },
        { role: 'assistant', content: `Answer ${i}.` },
      ],
    }),
  );
  // Two exact duplicates: they must land on the same side.
  lines.push(lines[3], lines[17]);
  await openApp(page);
  await page.getByLabel('Import file').setInputFiles({ name: 'split me.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines.join('\n') + '\n') });
  await expect(exampleRows(page).first()).toBeVisible();
  await moreAction(page, 'More export formats');
  const dialog = page.getByRole('dialog', { name: 'More export formats' });
  await dialog.getByLabel('Target').selectOption('split');
  await dialog.getByLabel('Validation share (%)').fill('20');
  const files = await downloadsOf(page, 2, () => dialog.getByRole('button', { name: 'Download' }).click());
  expect([...files.keys()].sort()).toEqual(['split me.train.jsonl', 'split me.validation.jsonl']);
  const train = files.get('split me.train.jsonl')!.split('\n').filter(Boolean);
  const validation = files.get('split me.validation.jsonl')!.split('\n').filter(Boolean);
  // Every example is in exactly one file, written byte for byte.
  expect([...train, ...validation].sort()).toEqual([...lines].sort());
  expect(train.filter((l) => validation.includes(l))).toEqual([]);
  // round(52 × 20%) = 10, or up to one more when a duplicate pair is the last group moved.
  expect(validation.length).toBeGreaterThanOrEqual(10);
  expect(validation.length).toBeLessThanOrEqual(11);
  // Each file keeps the original order.
  for (const part of [train, validation]) {
    let cursor = 0;
    const inOrder = part.every((l) => (cursor = lines.indexOf(l, cursor) + 1) > 0);
    expect(inOrder, 'each file keeps the original order').toBe(true);
  }
  await expect(dialog).toContainText(`${train.length} training and ${validation.length} validation examples`);
});

for (const [label, target, misfits] of [
  // Together: system/user/assistant text only, system only first (by construction of targets.jsonl).
  ['Together AI (OpenAI-compatible chat)', 'together', [3, 6, 9, 12]],
  // ShareGPT: one tool call per turn; no images.
  ['ShareGPT (LLaMA-Factory, Axolotl, Unsloth)', 'sharegpt', [6, 9]],
] as const) {
  test(`the ${target} export lists the examples that do not fit and leaves them out`, async ({ page }) => {
    const source = fs.readFileSync(fixturePath('targets.jsonl'), 'utf8').split('\n').filter(Boolean);
    await openApp(page);
    await page.getByLabel('Import file').setInputFiles(fixturePath('targets.jsonl'));
    await expect(exampleRows(page).first()).toBeVisible();
    await moreAction(page, 'More export formats');
    const dialog = page.getByRole('dialog', { name: 'More export formats' });
    await dialog.getByLabel('Target').selectOption({ label });
    const files = await downloadsOf(page, 1, () => dialog.getByRole('button', { name: 'Download' }).click());
    const text = files.get(`targets.${target}.jsonl`)!;
    expect(text, 'a file was written').toBeTruthy();
    const listed = (await dialog.getByRole('listitem').allTextContents()).map((t) => Number(/^Example (\d+)/.exec(t)?.[1]));
    for (const n of misfits) expect(listed, `example ${n} is listed as not fitting`).toContain(n);
    await expect(dialog).toContainText(`${listed.length} example(s) do not fit this target and were left out`);
    // The file holds exactly the other examples, one JSON object per line.
    const out = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.length).toBe(source.length - listed.length);
    if (target === 'sharegpt') for (const r of out) expect(Array.isArray(r.conversations)).toBe(true);
    else {
      // Together writes the fitting chat examples as they were.
      const kept = source.filter((_, i) => !listed.includes(i + 1)).map((l) => JSON.parse(l) as unknown);
      expect(out).toEqual(kept);
    }
  });
}
