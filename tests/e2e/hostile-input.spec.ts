// Input that is not a training file, named in plain words: a binary file is refused by name (and can still be
// imported as text on request), never turned into junk rows under a notice about repairs "you accepted"; a JSON line
// that is not an object opens with its text in an edit box and becomes a normal example once fixed.
import { test, expect } from './fixtures';
import { openApp, importText, exampleRows } from './helpers';

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52];
const notice = (page: import('./fixtures').Page) => page.getByRole('status').filter({ hasText: /photo\.png|noise\.jsonl/ });

test('a PNG is named as binary and not imported; "Import as text anyway" brings its lines in, saying why', async ({ page }) => {
  await openApp(page);
  const png = Buffer.from([...PNG_HEAD, ...Array.from({ length: 3000 }, (_, i) => (i * 31 + 7) % 256)]);
  await importText(page, 'photo.png', png);
  await expect(notice(page)).toContainText('photo.png: This is a binary file, not text (it looks like a PNG image), so it was not imported.');
  await expect(exampleRows(page)).toHaveCount(0);
  await notice(page).getByRole('button', { name: 'Import as text anyway' }).click();
  await expect(notice(page)).toContainText(/^Imported \d+ examples from photo\.png \(detected: no records\)\. \d+ lines could not be parsed/);
  await expect(notice(page)).not.toContainText('where you accepted it');
  expect(await exampleRows(page).count()).toBeGreaterThan(0);
});

test('a file over 4 MB of text with NUL bytes (read in chunks) is named as binary, with no junk preview rows', async ({ page }) => {
  await openApp(page);
  const line = '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}\n';
  const noise = Buffer.concat([Buffer.from(line.repeat(100)), Buffer.from(Array.from({ length: 5_000_000 }, (_, i) => (i * 7) % 128))]);
  await importText(page, 'noise.jsonl', noise);
  await expect(notice(page)).toContainText('noise.jsonl: This is a binary file, not text (it contains NUL bytes (first on line 101)');
  await expect(exampleRows(page)).toHaveCount(0);
});

test('a JSON line that is an array, not an object, opens with its text, says what is wrong, and becomes an example once fixed', async ({ page }) => {
  await openApp(page);
  const ok = '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}';
  await importText(page, 'lines.jsonl', [ok, '[1, 2, 3]', '42'].join('\n'));
  const imported = page.getByRole('status').filter({ hasText: /^Imported 3 examples from lines\.jsonl/ });
  await expect(imported).toContainText('Imported 3 examples from lines.jsonl (detected: chat (messages)).');
  await expect(imported).not.toContainText('where you accepted it');
  await exampleRows(page).nth(1).click();
  await expect(
    page.getByText(
      'Example 2 (line 2) is a JSON array, not an object: each line must be one JSON object like {"messages": [...]}. Edit the line into that shape, or delete it.',
    ),
  ).toBeVisible();
  await expect(page.getByText(/This line is valid JSON but it is a JSON array, not an object/)).toBeVisible();
  const box = page.getByLabel('Raw line');
  await expect(box).toHaveValue('[1, 2, 3]');
  // Typing keeps the text as typed (no reformatting while it is still an array), then a fix makes it an example.
  await box.fill('[1, 2]');
  await expect(box).toHaveValue('[1, 2]');
  await box.fill(ok);
  await expect(page.getByLabel('Raw line')).toHaveCount(0);
  await expect(page.getByLabel('Content').first()).toHaveValue('hi');
});
