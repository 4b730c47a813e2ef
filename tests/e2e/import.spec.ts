// Import of damaged files in real Chromium: one fixture per kind of damage is imported, its proposed repairs are
// accepted, and the exported JSONL is checked with the core validator (an independent oracle: it never saw the UI)
// — no errors, one object per line, and every record that was already valid written back byte for byte.
// Also: unrepairable lines stay raw, a rejected repair keeps its record raw, the original file downloads unchanged,
// pasting and dropping import, several files become several datasets.
import { test, expect, type Page } from './fixtures';
import fs from 'node:fs';
import { openApp, downloadOf, exampleRows, exportJsonl } from './helpers';
import { readBytes, readText } from '../../src/lib/dataset/read';
import { parseCsv } from '../../src/lib/dataset/csv';
import { validateDataset, validateExample } from '../../src/lib/dataset/validate';
import { detectRecordFormat } from '../../src/lib/dataset/detect';
import { renderIssue } from '../../src/lib/dataset/messages/index';

/** An issue's (or a syntax error's) English sentence, as the app and report show it. */
const en = (issue: Parameters<typeof renderIssue>[0]): string => renderIssue(issue, 'en');
import type { DatasetFormat, SourceRecord } from '../../src/lib/dataset/types';

const DIR = new URL('../fixtures/import-e2e/', import.meta.url);
const fixturePath = (name: string) => new URL(name, DIR).pathname;

/** A fixture, the repair groups its review must offer (none: no review), and how many examples it must give. */
interface Case {
  file: string;
  groups: string[];
  examples: number;
  /** Examples still with an error after the repairs (exporting then asks first). */
  errorsLeft?: number;
}

const CASES: Case[] = [
  { file: 'json-array.json', groups: [], examples: 12 },
  { file: 'glued.jsonl', groups: [], examples: 14 },
  { file: 'pretty.jsonl', groups: [], examples: 12 },
  { file: 'smart-quotes.jsonl', groups: ['Curly quotes used as JSON quotes'], examples: 12 },
  { file: 'trailing-commas.jsonl', groups: ['Broken JSON syntax'], examples: 12 },
  { file: 'arguments-object.jsonl', groups: ['Tool arguments not a JSON string'], examples: 12 },
  { file: 'sharegpt.jsonl', groups: ['Record in another format'], examples: 11 },
  { file: 'alpaca.jsonl', groups: ['Record in another format'], examples: 11 },
  { file: 'trl-preference.jsonl', groups: ['Record in another format'], examples: 11 },
  { file: 'windows-1252.jsonl', groups: [], examples: 11 },
  { file: 'bom-crlf.jsonl', groups: [], examples: 11 },
  { file: 'role-aliases.jsonl', groups: ['Unusual role names'], examples: 15 },
  { file: 'null-content.jsonl', groups: ['Missing message text'], examples: 12 },
  { file: 'truncated.jsonl', groups: ['Record was cut off'], examples: 11 },
  { file: 'single-quotes.jsonl', groups: ['Broken JSON syntax'], examples: 12 },
  { file: 'messages.csv', groups: [], examples: 11 },
  { file: 'prompt-completion.csv', groups: [], examples: 11 },
  // Two of its records are cut off before their reply: closed by the repair, they have no assistant message, which
  // OpenAI refuses, so exporting asks first.
  {
    file: 'faults.jsonl',
    groups: ['Broken JSON syntax', 'Record was cut off', 'Unusual role names', '"text" instead of "content"'],
    examples: 123,
    errorsLeft: 2,
  },
];

/** WHATWG windows-1252 for bytes 0x80–0x9F (Node 20.18.3+ decodes them as Latin-1: nodejs/node#60888). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Records of a fixture as the core reads it (CSV through parseCsv), for the "unchanged" oracle. */
function sourceRecords(file: string): SourceRecord[] {
  const bytes = fs.readFileSync(fixturePath(file));
  if (file.endsWith('.csv')) return parseCsv(bytes.toString('utf8')).records;
  if (file.includes('1252')) return readText([...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join('')).records;
  return readBytes(new Uint8Array(bytes)).records;
}

/** Records that were already valid OpenAI training records in the source. */
function validSource(records: SourceRecord[]): SourceRecord[] {
  return records.filter((r) => {
    if (r.error || r.value === undefined) return false;
    const format = detectRecordFormat(r.value);
    if (format !== 'chat' && format !== 'preference' && format !== 'prompt_completion') return false;
    return !validateExample(r.value, { example: 1, format: format as DatasetFormat }).some((i) => i.severity === 'error');
  });
}

/** Lines of an exported JSONL text (no BOM, each ends with `eol`). */
function exportedLines(text: string): { lines: string[]; eol: '\n' | '\r\n' } {
  expect(text.charCodeAt(0), 'no byte-order mark in the export').not.toBe(0xfeff);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  expect(text.endsWith(eol), 'the last record ends with a line break').toBe(true);
  return { lines: text.slice(0, -eol.length).split(eol), eol };
}

/** Errors the core finds in an exported JSONL text (file-level and per example). */
function exportErrors(text: string): string[] {
  const read = readText(text);
  const v = validateDataset(read.records);
  // A record cut off before its reply is closed by the repair without one: that example is an error OpenAI refuses
  // (missing_assistant_message, shown to the user to fix), not a fault of the repair or the export.
  return [...read.issues, ...v.issues].filter((i) => i.severity === 'error' && i.code !== 'missing_assistant_message').map((i) => `${i.code}: ${en(i)}`);
}

/** Checks the export: valid, one JSON object per line, valid source records unchanged and in order. */
function checkExport(file: string, text: string, examples: number): void {
  const { lines } = exportedLines(text);
  expect(lines.length).toBe(examples);
  for (const [k, line] of lines.entries()) {
    const value = JSON.parse(line) as unknown; // throws if a record spans lines or is not JSON
    expect(typeof value === 'object' && value !== null && !Array.isArray(value), `line ${k + 1} is an object`).toBe(true);
  }
  expect(exportErrors(text)).toEqual([]);
  // Every already-valid source record is in the export unchanged, in the same order (multi-line ones are
  // rewritten on one line: same value).
  let at = 0;
  for (const r of validSource(sourceRecords(file))) {
    const oneLine = !/[\r\n]/.test(r.text);
    const found = lines.findIndex((l, k) => k >= at && (oneLine ? l === r.text : JSON.stringify(JSON.parse(l)) === JSON.stringify(r.value)));
    expect(found, `source line ${r.line} is exported unchanged after export line ${at}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

/** Accepts every proposed repair of the open review and applies them. */
async function acceptAll(page: Page, groups: string[]): Promise<void> {
  const review = page.getByRole('dialog');
  for (const g of groups) await expect(review.getByRole('heading', { name: new RegExp(`^${g.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })).toBeVisible();
  await review.getByRole('button', { name: 'Accept all', exact: true }).click();
  await expect(review.getByText(/^(\d+) of \1 accepted$/)).toBeVisible();
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(review).toBeHidden();
}

const imported = (page: Page) => page.getByRole('status').filter({ hasText: /^Imported \d+ examples/ });

for (const c of CASES) {
  test(`${c.file}: accepted repairs export valid JSONL and keep valid records byte for byte`, async ({ page }) => {
    await openApp(page);
    await page.getByLabel('Import file').setInputFiles(fixturePath(c.file));
    if (c.groups.length) await acceptAll(page, c.groups);
    await expect(imported(page)).toContainText(`Imported ${c.examples} examples`);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(exampleRows(page).first()).toBeVisible();
    const { text, asked } = await exportJsonl(page);
    checkExport(c.file, text, c.examples);
    if (c.errorsLeft) expect(asked).toContain(`${c.errorsLeft} examples still have errors`);
    else expect(asked, 'no "errors remain" question').toBeNull();
  });
}

test('a line that cannot be repaired stays as raw text marked with its error, and is exported as it was', async ({ page }) => {
  await openApp(page);
  const good = fs.readFileSync(fixturePath('trailing-commas.jsonl'), 'utf8').split('\n').filter(Boolean);
  const junk = 'this is not JSON at all, just a sentence';
  const lines = [...good.slice(0, 3), junk, ...good.slice(3)];
  await page.getByLabel('Import file').setInputFiles({ name: 'junk.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(lines.join('\n') + '\n') });
  await acceptAll(page, ['Broken JSON syntax']);
  await expect(imported(page)).toContainText('1 lines could not be parsed');
  await expect(exampleRows(page)).toHaveCount(lines.length);
  await exampleRows(page).nth(3).click();
  await expect(page.getByLabel('Raw line')).toHaveValue(junk);
  await expect(page.getByText(/not valid JSON/).first()).toBeVisible();
  const { text, asked } = await exportJsonl(page);
  expect(asked).toMatch(/still have errors/);
  const out = exportedLines(text).lines;
  expect(out[3]).toBe(junk);
  const errors = readText(text)
    .records.map((r, i) => (r.error ? i : -1))
    .filter((i) => i >= 0);
  expect(errors).toEqual([3]);
});

test('rejecting one repair keeps that record raw while the other accepted repairs apply', async ({ page }) => {
  await openApp(page);
  const source = fs.readFileSync(fixturePath('single-quotes.jsonl'), 'utf8');
  const src = readText(source).records;
  const broken = src.filter((r) => r.error);
  expect(broken.length).toBe(2);
  await page.getByLabel('Import file').setInputFiles(fixturePath('single-quotes.jsonl'));
  const review = page.getByRole('dialog');
  await review.getByRole('button', { name: 'Accept all', exact: true }).click();
  await review.getByRole('checkbox', { name: `Accept change on line ${broken[0].line}: Broken JSON syntax` }).uncheck();
  await expect(review.getByText('1 of 2 accepted')).toBeVisible();
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(imported(page)).toContainText('1 lines could not be parsed');
  const { text } = await exportJsonl(page);
  const out = exportedLines(text).lines;
  expect(out[broken[0].line - 1]).toBe(broken[0].text);
  expect(JSON.parse(out[broken[1].line - 1])).toEqual({
    messages: [
      { role: 'user', content: "It's late?" },
      { role: 'assistant', content: "It's 10 pm." },
    ],
  });
  expect(
    readText(text)
      .records.filter((r) => r.error)
      .map((r) => r.line),
  ).toEqual([broken[0].line]);
});

test('"Download original file" gives back the imported bytes unchanged (a Windows-1252 file)', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Import file').setInputFiles(fixturePath('windows-1252.jsonl'));
  await expect(imported(page)).toBeVisible();
  const { download, name } = await downloadOf(page, () => page.getByRole('button', { name: 'Download original file' }).click());
  expect(name).toBe('windows-1252.jsonl');
  const bytes = fs.readFileSync((await download.path())!);
  expect(bytes.equals(fs.readFileSync(fixturePath('windows-1252.jsonl')))).toBe(true);
  // …while the export is UTF-8 with the same characters.
  const { text } = await exportJsonl(page);
  expect(text).toContain('crème brûlée');
  expect(text).toContain('5 € — cheap');
});

test('pasting text through "Paste text" imports it', async ({ page }) => {
  await openApp(page);
  const text = fs.readFileSync(fixturePath('glued.jsonl'), 'utf8');
  await page.getByRole('button', { name: 'Paste text' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste JSONL or JSON' });
  await dialog.getByRole('textbox').fill(text);
  await dialog.getByRole('button', { name: 'Import pasted text' }).click();
  await expect(imported(page)).toContainText('Imported 14 examples from pasted.jsonl');
  await expect(exampleRows(page).first()).toContainText('Capital of France?');
  const { text: out } = await exportJsonl(page);
  checkExport('glued.jsonl', out, 14);
});

test('dropping a file on the page imports it', async ({ page }) => {
  await openApp(page);
  const text = fs.readFileSync(fixturePath('bom-crlf.jsonl'), 'utf8');
  await page.evaluate((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'dropped.jsonl', { type: 'application/jsonl' }));
    const target = document.querySelector('main, .app') ?? document.body; // anywhere on the page
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await expect(imported(page)).toContainText('Imported 11 examples from dropped.jsonl');
  await expect(page.getByLabel('Datasets')).toContainText('dropped');
  const { text: out } = await exportJsonl(page);
  expect(out).toBe(text.slice(1)); // the same CRLF file, without its byte-order mark
});

test('several files picked at once become several datasets, reviews included', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Import file').setInputFiles([fixturePath('json-array.json'), fixturePath('role-aliases.jsonl'), fixturePath('messages.csv')]);
  await acceptAll(page, ['Unusual role names']);
  await expect(imported(page)).toContainText('Imported 11 examples from messages.csv');
  const options = page.getByLabel('Datasets').locator('option');
  await expect(options).toHaveCount(3);
  expect((await options.allTextContents()).sort()).toEqual(['json-array', 'messages', 'role-aliases']);
  for (const [name, count] of [
    ['json-array', 12],
    ['role-aliases', 15],
    ['messages', 11],
  ] as const) {
    await page.getByLabel('Datasets').selectOption({ label: name });
    await expect(exampleRows(page).first()).toBeVisible();
    const { text } = await exportJsonl(page);
    expect(exportedLines(text).lines.length, name).toBe(count);
    expect(exportErrors(text), name).toEqual([]);
  }
});
