// The Train tab against a fake OpenAI API (tests/fake-openai/server.ts) in real Chromium: import a dataset,
// enter key and base URL, start fine-tuning, follow the job to its ft: model, link a data failure to its
// example, explain 401/429, and never leak the key (storage, downloads, console).
import { test, expect, type Page } from './fixtures';
import fs from 'node:fs';
import { FAKE_KEY, startFakeOpenAI } from '../fake-openai/server';
import { openApp, importText, downloadOf } from './helpers';

const FAKE_PORT = Number(process.env.FAKE_OPENAI_PORT ?? 4505);
const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/train/${name}`, import.meta.url), 'utf8');

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
let consoleText: string[] = [];
/** The example rows of the list (not the <option>s of role pickers). */
const rows = (page: Page) => page.locator('[role="option"][data-index]');

test.beforeAll(async () => {
  fake = await startFakeOpenAI({ port: FAKE_PORT });
});
test.afterAll(async () => {
  await fake.close();
});
test.beforeEach(async ({ page }) => {
  fake.state.jobs = [];
  fake.state.faults = [];
  consoleText = [];
  page.on('console', (m) => consoleText.push(m.text()));
  page.on('pageerror', (e) => consoleText.push(String(e)));
});

async function openTrain(page: Page, file: string, key = FAKE_KEY): Promise<void> {
  await openApp(page);
  await importText(page, file, fixture(file));
  await expect(rows(page)).toHaveCount(12);
  await page.getByRole('tab', { name: 'Train' }).click();
  await page.getByLabel('API key').fill(key);
  await page.getByLabel('API base URL').fill(fake.url);
}

/** Everything stored by the page: localStorage and every IndexedDB record, as one string. */
async function storedText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((res) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => res(r.result);
          r.onerror = () => res([]);
        });
        out.push(JSON.stringify(all));
      }
      db.close();
    }
    return out.join('\n');
  });
}

test('a dataset goes to the API, the job is followed to success and its ft: model is shown; the key stays secret', async ({ page }) => {
  await openTrain(page, 'good-12.jsonl');
  await expect(page.getByText(/days left/).first()).toBeVisible();
  // The answer to the job creation is lost once (Chromium then resends the POST by itself): one job trains.
  fake.state.faults.push({ match: 'POST /v1/fine_tuning/jobs', kind: 'drop-after', times: 1 });
  await page.getByRole('button', { name: 'Start fine-tuning' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('succeeded', { timeout: 60_000 });
  await expect(page.getByTestId('fine-tuned-model')).toHaveText(/^ft:gpt-4o-mini-2024-07-18:/);
  expect(fake.state.jobs.filter((j) => j.status !== 'cancelled').length).toBe(1);
  expect(fake.state.files.size).toBeGreaterThan(0);
  await expect(page.getByRole('img', { name: /Loss and token accuracy over 3 steps/ })).toBeVisible();

  // Playground: both models answer; a reply becomes a new example.
  await page.getByRole('button', { name: 'Send to both models' }).click();
  await expect(page.getByText('Tuned reply to: Question 1?')).toBeVisible();
  await expect(page.getByText('Base reply to: Question 1?')).toBeVisible();
  await page.getByRole('button', { name: 'Add to dataset' }).first().click();
  await expect(rows(page)).toHaveCount(13);

  // The key is nowhere: storage (not remembered), the exported file, the report, the console.
  await page.waitForTimeout(800); // let the debounced save land
  expect(await storedText(page)).not.toContain(FAKE_KEY);
  const exported = await downloadOf(page, () =>
    page
      .getByRole('button', { name: /Export JSONL/i })
      .first()
      .click(),
  );
  expect(exported.text).not.toContain(FAKE_KEY);
  expect(exported.text).toContain('Tuned reply to: Question 1?');
  expect(consoleText.join('\n')).not.toContain(FAKE_KEY);
});

test('a validation hold-out is uploaded as its own file with no training example in it; too small a training file is refused first', async ({ page }) => {
  await openTrain(page, 'good-12.jsonl');
  fake.state.files.clear();
  // 25% of 12 leaves 9 to train on: below OpenAI's minimum, so nothing is sent.
  await page.getByLabel('Hold out for validation (%)').fill('25');
  await expect(page.getByText('The training file has 9 example(s); OpenAI needs at least 10.', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start fine-tuning' })).toBeDisabled();
  await page.getByLabel('Hold out for validation (%)').fill('15');
  await page.getByRole('button', { name: 'Start fine-tuning' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('succeeded', { timeout: 60_000 });
  const job = fake.state.jobs.find((j) => j.status === 'succeeded')!;
  expect(job.validation_file).not.toBeNull();
  const lines = (id: string) => fake.state.files.get(id)!.content.split('\n').filter(Boolean);
  const train = lines(job.training_file);
  const validation = lines(job.validation_file!);
  expect(validation.length).toBe(2);
  expect(train.length).toBe(10);
  expect(validation.filter((l) => train.includes(l))).toEqual([]);
  expect([...train, ...validation].sort()).toEqual(fixture('good-12.jsonl').split('\n').filter(Boolean).sort());
});

test('a job that fails on the data links to the example it names', async ({ page }) => {
  await openTrain(page, 'fails-on-example-3.jsonl');
  await page.getByRole('button', { name: 'Start fine-tuning' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('failed', { timeout: 30_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'Example 3, message 2' })).toBeVisible();
  await page.getByRole('button', { name: 'Open example 3' }).first().click();
  await expect(rows(page).nth(2)).toHaveAttribute('aria-selected', 'true');
});

test('a wrong key gets the 401 advice without showing the key; a rate limit gets the 429 advice', async ({ page }) => {
  const wrong = 'sk-wrong-0123456789abcdefXYZ';
  await openTrain(page, 'good-12.jsonl', wrong);
  await page.getByRole('button', { name: 'Check key and load jobs' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'API key was refused (401)' });
  await expect(alert).toBeVisible();
  await expect(alert).not.toContainText(wrong);

  await page.getByLabel('API key').fill(FAKE_KEY);
  fake.state.faults.push({ match: 'GET /v1/fine_tuning/jobs', kind: 429, times: 100 });
  await page.getByRole('button', { name: 'Check key and load jobs' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Too many requests (429)' })).toBeVisible({ timeout: 30_000 });
  expect(consoleText.join('\n')).not.toContain(wrong);
  expect(consoleText.join('\n')).not.toContain(FAKE_KEY);
});

test('a server without CORS headers is named as such', async ({ page }) => {
  await openTrain(page, 'good-12.jsonl');
  fake.state.faults.push({ match: 'GET /v1/', kind: 'nocors', times: 1000 });
  await page.getByRole('button', { name: 'Check key and load jobs' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /CORS/ })).toBeVisible({ timeout: 40_000 });
});

test('"Remember on this device" keeps the key across a reload, and "Forget key" removes it everywhere', async ({ page }) => {
  await openTrain(page, 'good-12.jsonl');
  expect(await storedText(page)).not.toContain(FAKE_KEY);
  await page.getByLabel('Remember on this device').check();
  await expect(page.getByText(/stored unencrypted in this browser profile/)).toBeVisible();
  expect(await storedText(page)).toContain(FAKE_KEY);
  await page.reload();
  await page.getByRole('tab', { name: 'Train' }).click();
  await expect(page.getByLabel('API key')).toHaveValue(FAKE_KEY);
  await page.getByRole('button', { name: 'Forget key' }).click();
  await expect(page.getByLabel('API key')).toHaveValue('');
  expect(await storedText(page)).not.toContain(FAKE_KEY);
});

test('another OpenAI-compatible endpoint: its base URL and model list feed the job form, and the job uses that model', async ({ page }) => {
  await openTrain(page, 'good-12.jsonl');
  // openTrain typed the fake's URL: choosing the preset keeps a URL the user typed; from OpenAI's it starts empty.
  await page.getByRole('radio', { name: 'Other OpenAI-compatible endpoint' }).check();
  await expect(page.getByLabel('API base URL')).toHaveValue(fake.url);
  await page.getByRole('radio', { name: 'OpenAI', exact: true }).check();
  await page.getByRole('radio', { name: 'Other OpenAI-compatible endpoint' }).check();
  await expect(page.getByLabel('API base URL')).toHaveValue('');
  await expect(page.getByText('Enter the base URL of the service’s OpenAI-compatible API', { exact: false })).toBeVisible();
  await page.getByLabel('API base URL').fill(fake.url);
  const models = page.getByLabel('Models to offer (one per line)');
  await expect(models).toHaveValue('');
  await models.fill('gpt-4.1-mini-2025-04-14\ngpt-4.1-2025-04-14\nacme-7b-chat\no4-mini-2025-04-16');
  const select = page.getByRole('group', { name: 'Job', exact: true }).getByRole('combobox').first();
  await expect(select.locator('option')).toContainText(['GPT-4.1 mini', 'GPT-4.1', 'acme-7b-chat']);
  // A model the catalog has no price for: the cost says so (it used to read "counting…" for ever).
  await select.selectOption('acme-7b-chat');
  const cost = page.getByRole('region', { name: 'Pre-flight check' }).locator('dl').first().locator('dt:has-text("Cost") + dd');
  await expect(cost).toHaveText('no price for this model in the catalog');
  // One billed by the hour: the catalog's caveat (in Chinese in train-zh.spec.ts).
  await select.selectOption('o4-mini-2025-04-16');
  await expect(cost).toHaveText('$100 per training hour (not per token)');
  await select.selectOption('gpt-4.1-mini-2025-04-14');
  await expect(cost).toHaveText(/^\$\d/);
  await page.getByRole('button', { name: 'Start fine-tuning' }).click();
  await expect(page.getByTestId('job-status')).toHaveText('succeeded', { timeout: 60_000 });
  expect(fake.state.jobs.at(-1)?.model).toBe('gpt-4.1-mini-2025-04-14');
});

test('the Azure OpenAI preset fills in its v1 URL template and the api-key header; the key goes in that header', async ({ page }) => {
  await openTrain(page, 'good-12.jsonl');
  await page.getByRole('radio', { name: 'Azure OpenAI' }).check();
  await expect(page.getByLabel('API base URL')).toHaveValue('https://YOUR-RESOURCE-NAME.openai.azure.com/openai/v1');
  await expect(page.getByText('Replace YOUR-RESOURCE with the name of your Azure OpenAI resource', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Key header')).toHaveValue('api-key');
  await expect(page.getByLabel('Models to offer (one per line)')).toHaveValue(/gpt-4o-mini-2024-07-18/);
  await page.getByLabel('API base URL').fill(fake.url);
  fake.state.requests = [];
  await page.getByRole('button', { name: 'Check key and load jobs' }).click();
  await expect(page.getByText('No jobs yet', { exact: false })).toBeVisible();
  // "No jobs yet" can show before the list request lands: wait for the requests themselves.
  await expect.poll(() => fake.state.requests.length).toBeGreaterThan(0);
  expect(fake.state.requests.every((r) => r.authorized)).toBe(true);
  // Back to OpenAI: its URL and the Bearer header return.
  await page.getByRole('radio', { name: 'OpenAI', exact: true }).check();
  await expect(page.getByLabel('API base URL')).toHaveValue('https://api.openai.com/v1');
  await expect(page.getByLabel('Key header')).toHaveValue('bearer');
});

test('Train on Together AI / Fireworks AI: the converted file downloads and the documented commands name it, with no key', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openTrain(page, 'good-12.jsonl');
  await page.getByRole('radio', { name: 'Together AI (file and commands)' }).check();
  await expect(page.getByRole('heading', { name: 'Train on Together AI' })).toBeVisible();
  await expect(page.getByLabel('API key')).toHaveCount(0);
  await page.getByLabel('Base model on Together AI').fill('meta-llama/Meta-Llama-3.1-8B-Instruct-Reference');
  const file = await downloadOf(page, () => page.getByRole('button', { name: /^Download .*\.together\.jsonl$/ }).click());
  expect(file.name).toMatch(/\.together\.jsonl$/);
  const lines = file.text.split('\n').filter(Boolean);
  expect(lines).toHaveLength(12);
  expect(JSON.parse(lines[0])).toHaveProperty('messages');
  await expect(page.getByText(`Wrote 12 examples to ${file.name}.`)).toBeVisible();
  const upload = page.getByTestId('command-upload');
  const create = page.getByTestId('command-create');
  await expect(upload).toHaveText(/^together files upload ('?)\S.*\.together\.jsonl\1$/);
  expect(await upload.textContent()).toContain(file.name);
  await expect(create).toHaveText('together fine-tuning create --training-file "$FILE_ID" --model meta-llama/Meta-Llama-3.1-8B-Instruct-Reference');
  await page.getByRole('button', { name: 'Copy command: 2. Start the fine-tuning job' }).click();
  await expect(page.getByText('Copied to the clipboard.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await create.textContent());
  await expect(page.getByText('$TOGETHER_API_KEY', { exact: false })).toBeVisible();

  await page.getByRole('radio', { name: 'Fireworks AI (file and commands)' }).check();
  await expect(page.getByRole('heading', { name: 'Train on Fireworks AI' })).toBeVisible();
  await expect(upload).toHaveText(/^firectl dataset create [a-z][a-z0-9-]* .*\.fireworks\.jsonl'? --api-key "\$FIREWORKS_API_KEY"$/);
  await expect(create).toHaveText(
    /^firectl supervised-fine-tuning-job create --base-model llama-v3-8b-instruct --dataset [a-z][a-z0-9-]* --output-model [a-z0-9-]+-tuned --api-key "\$FIREWORKS_API_KEY"$/,
  );
  const fw = await downloadOf(page, () => page.getByRole('button', { name: /^Download .*\.fireworks\.jsonl$/ }).click());
  expect(fw.text.split('\n').filter(Boolean)).toHaveLength(12);
  // The key typed for OpenAI is in no command.
  expect(`${await upload.textContent()}${await create.textContent()}`).not.toContain(FAKE_KEY);
});
