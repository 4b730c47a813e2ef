// Dates that stay honest: the app runs with its clock fixed before, on and after OpenAI's job-creation deadline
// (2027-01-06) and the base-model shutdown (2027-01-14), and the texts a user reads say "days left", "tomorrow",
// "today" or the past tense — never "0 days left" after the day. Dates are UTC calendar days everywhere.
import { test, expect, type Page } from './fixtures';
import { openApp, useChinese } from './helpers';

/** Opens the app with its clock fixed at `iso` and the sample dataset (model gpt-4o-mini-2024-07-18) open. */
async function openAt(page: Page, iso: string): Promise<void> {
  // setFixedTime fixes Date.now()/new Date() and keeps timers running (https://playwright.dev/docs/api/class-clock).
  await page.clock.setFixedTime(new Date(iso));
  await openApp(page);
  await page.getByRole('button', { name: 'Open the sample dataset' }).first().click();
  await expect(page.getByTestId('model-shutdown')).toBeVisible();
}

const header = (page: Page) => page.getByTestId('deadline');
const shutdown = (page: Page) => page.getByTestId('model-shutdown');
const openTrain = (page: Page) => page.getByRole('tab', { name: 'Train' }).click();

test('days before the deadline the header counts the days left', async ({ page }) => {
  await openAt(page, '2027-01-04T12:00:00Z');
  await expect(header(page)).toHaveText('OpenAI stops accepting new fine-tuning jobs on 2027-01-06 (2 days left).');
  await expect(shutdown(page)).toHaveText('Base model shuts down on 2027-01-14.');
  await openTrain(page);
  await expect(page.getByTestId('train-deadline')).toContainText('2 days left');
  await expect(page.getByTestId('pre-deadline')).toHaveText('2027-01-06 (2 days left)');
  await expect(page.getByTestId('pre-shutdown')).toHaveText('— shuts down 2027-01-14 (10 days left); its fine-tunes stop working then.');
});

test('the day before says tomorrow and 1 day left', async ({ page }) => {
  await openAt(page, '2027-01-05T08:00:00Z');
  await expect(header(page)).toHaveText('OpenAI stops accepting new fine-tuning jobs tomorrow, 2027-01-06 (1 day left).');
  await openTrain(page);
  await expect(page.getByTestId('train-deadline')).toContainText('tomorrow, 2027-01-06 (1 day left)');
  await expect(page.getByTestId('pre-deadline')).toHaveText('2027-01-06 (tomorrow, 1 day left)');
});

test('on the day (to its last UTC minute) it is the last day, the job form is still there, no "0 days left"', async ({ page }) => {
  await openAt(page, '2027-01-06T23:59:00Z');
  await expect(header(page)).toHaveText('Today, 2027-01-06, is the last day OpenAI accepts new fine-tuning jobs.');
  await openTrain(page);
  await expect(page.getByTestId('train-deadline')).toContainText('Today, 2027-01-06, is the last day');
  await expect(page.getByRole('button', { name: 'Start fine-tuning' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What still works' })).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('0 days left');
});

test('a page left open across the deadline turns the header and the Train tab to the past tense at UTC midnight, without a reload', async ({ page }) => {
  // install() fakes the timers too: fastForward jumps the clock and fires the timers due on the way.
  await page.clock.install({ time: new Date('2027-01-06T23:59:30Z') });
  await openApp(page);
  await page.getByRole('button', { name: 'Open the sample dataset' }).first().click();
  await expect(header(page)).toHaveText('Today, 2027-01-06, is the last day OpenAI accepts new fine-tuning jobs.');
  await openTrain(page);
  await expect(page.getByTestId('train-deadline')).toContainText('Today, 2027-01-06, is the last day');
  await expect(page.getByRole('button', { name: 'Start fine-tuning' })).toBeVisible();
  await page.clock.fastForward('01:00');
  await expect(header(page)).toHaveText('OpenAI stopped accepting new fine-tuning jobs on 2027-01-06.');
  // The Train tab, open meanwhile, turns too: past tense, and no job form for OpenAI any more.
  await expect(page.getByTestId('train-deadline')).toHaveText(/^OpenAI stopped accepting new fine-tuning jobs on 2027-01-06\./);
  await expect(page.getByRole('button', { name: 'Start fine-tuning' })).toHaveCount(0);
});

test('the day after: past tense everywhere, and the Train tab leads with what still works instead of the OpenAI form', async ({ page }) => {
  await openAt(page, '2027-01-07T00:01:00Z');
  await expect(header(page)).toHaveText('OpenAI stopped accepting new fine-tuning jobs on 2027-01-06.');
  await expect(shutdown(page)).toHaveText('Base model shuts down on 2027-01-14.');
  await openTrain(page);
  await expect(page.getByTestId('train-deadline')).toHaveText(/^OpenAI stopped accepting new fine-tuning jobs on 2027-01-06\./);
  // What still works comes first, before the choice of where to train and before any key field.
  const stillWorks = page.getByRole('heading', { name: 'What still works' });
  await expect(stillWorks).toBeVisible();
  const top = async (l: ReturnType<Page['locator']>) => (await l.boundingBox())!.y;
  expect(await top(stillWorks)).toBeLessThan(await top(page.getByRole('group', { name: 'Where to train' })));
  await expect(page.getByRole('button', { name: 'Start fine-tuning' })).toHaveCount(0);
  await expect(page.getByTestId('openai-closed')).toContainText('OpenAI no longer accepts new jobs');
  await expect(page.getByRole('button', { name: 'Check key and load jobs' })).toBeVisible(); // following jobs still works
  await expect(page.locator('body')).not.toContainText(/\b0 days left/);
  // The form stays reachable for another OpenAI-compatible endpoint…
  await page.getByRole('button', { name: 'Other OpenAI-compatible endpoint' }).click();
  await expect(page.getByRole('button', { name: 'Start fine-tuning' })).toBeVisible();
  await expect(page.getByTestId('pre-deadline')).toHaveText('2027-01-06 (passed)');
  // …and the export path is one click away.
  await page.getByRole('button', { name: 'Together AI (file and commands)' }).click();
  await expect(page.getByRole('heading', { name: 'Train on Together AI' })).toBeVisible();
});

test('base-model shutdown: tomorrow, today, then past tense in the header, the model list and the pre-flight', async ({ page }) => {
  await openAt(page, '2027-01-13T10:00:00Z');
  await expect(shutdown(page)).toHaveText('Base model shuts down tomorrow, 2027-01-14.');
  await page.clock.setFixedTime(new Date('2027-01-14T10:00:00Z'));
  await page.reload();
  await expect(shutdown(page)).toHaveText('Base model shuts down today, 2027-01-14.');
  await expect(page.getByLabel('Model', { exact: true }).locator('option:checked')).toHaveText('gpt-4o-mini-2024-07-18');

  await page.clock.setFixedTime(new Date('2027-02-01T09:00:00Z'));
  await page.reload();
  await expect(header(page)).toHaveText('OpenAI stopped accepting new fine-tuning jobs on 2027-01-06.');
  await expect(shutdown(page)).toHaveText('Base model shut down on 2027-01-14.');
  await expect(page.getByLabel('Model', { exact: true }).locator('option:checked')).toHaveText('gpt-4o-mini-2024-07-18 (retired)');
  await openTrain(page);
  await page.getByRole('radio', { name: 'Other OpenAI-compatible endpoint' }).check();
  await expect(page.getByTestId('pre-shutdown')).toHaveText('— shut down on 2027-01-14; its fine-tunes no longer work.');
  await expect(page.locator('body')).not.toContainText('already shut down');
  await expect(page.locator('body')).not.toContainText(/\b0 days left/);
});

test('Chinese after the deadline is in the past tense too', async ({ page }) => {
  await openAt(page, '2027-02-01T09:00:00Z');
  await useChinese(page);
  await expect(header(page)).toHaveText('OpenAI 已于 2027-01-06 停止接受新的微调任务。');
  await expect(shutdown(page)).toHaveText('基础模型已于 2027-01-14 下线。');
});

test.describe('in Los Angeles', () => {
  test.use({ timezoneId: 'America/Los_Angeles' });
  test('the evening of the deadline there is already the next UTC day: the deadline has passed', async ({ page }) => {
    await openAt(page, '2027-01-06T20:00:00-08:00');
    await expect(header(page)).toHaveText('OpenAI stopped accepting new fine-tuning jobs on 2027-01-06.');
  });
});
