// The Train tab's own texts follow the UI language: with the UI in Chinese, the job form's refusals (epochs,
// metadata), the upload progress label and the retry notes of an upload and a job creation are Chinese, and none
// of the English sentences the state and core used to write is shown.
import { test, expect } from './fixtures';
import { FAKE_KEY } from '../fake-openai/server';
import { openTrainInChinese, useFakeOpenAI } from './helpers';

/** Its own port, so that it can run beside train.spec.ts and i18n-issues.spec.ts. */
const FAKE_PORT = Number(process.env.FAKE_OPENAI_TRAIN_ZH_PORT ?? 4553);

/** English sentences the job form, the upload and the retries used to show whatever the language. */
const OLD_ENGLISH = /must be "auto"|Write metadata as key=value|Metadata keys are|Training file|Validation file|Uploading|Creating the job|Retrying/;

const fake = useFakeOpenAI(FAKE_PORT);

test('in Chinese, the job form refuses bad epochs and metadata in Chinese, and the upload and its retries are labelled in Chinese', async ({ page }) => {
  fake.state.jobs = [];
  fake.state.faults = [];
  await openTrainInChinese(page, fake.url, FAKE_KEY);

  const form = page.getByRole('group', { name: '任务设置', exact: true });
  const start = form.getByRole('button', { name: '开始微调' });
  await expect(start).toBeEnabled();

  // Refusals, written in Chinese with the values they name.
  await form.getByLabel('轮数（epochs）').fill('0');
  await expect(form.getByText('轮数必须是 "auto" 或 1 到 50 之间的整数。', { exact: true })).toBeVisible();
  await form.getByLabel('元数据（每行一个 key=value）').fill('team nlp');
  await expect(form.getByText('元数据请写成 key=value，每行一个（"team nlp" 中没有 "="）。', { exact: true })).toBeVisible();
  await form.getByLabel('元数据（每行一个 key=value）').fill(`${'k'.repeat(65)}=v`);
  await expect(form.getByText('元数据的键最多 64 个字符，值最多 512 个字符。', { exact: true })).toBeVisible();
  await expect(start).toBeDisabled();
  await expect(form.locator('.field-error')).toHaveCount(2);
  for (const text of await form.locator('.field-error').allTextContents()) expect(text).toMatch(/[\u4e00-\u9fff]/);
  await expect(form).not.toContainText(OLD_ENGLISH);

  // Fixed, the refusals go and the job can start.
  await form.getByLabel('轮数（epochs）').fill('3');
  await form.getByLabel('元数据（每行一个 key=value）').fill('team=nlp');
  await expect(form.locator('.field-error')).toHaveCount(0);

  // The upload is refused twice (429, "retry after 1 s"), so its progress and the retry note stay on screen a while;
  // so is the job creation.
  fake.state.faults.push({ match: 'POST /v1/files', kind: 429, times: 2 }, { match: 'POST /v1/fine_tuning/jobs', kind: 429, times: 2 });
  await start.click();
  await expect(form.getByRole('progressbar', { name: '训练文件' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^正在上传文件：请求过多（429）/ })).toBeVisible();
  await expect(form).not.toContainText(OLD_ENGLISH);
  await expect(page.getByRole('status').filter({ hasText: /^正在创建任务：请求过多（429）/ })).toBeVisible();
  await expect(form.getByText('正在创建任务…', { exact: true })).toBeVisible();
  await expect(page.locator('.train-panel')).not.toContainText(OLD_ENGLISH);

  // The job was created once and is followed; its metadata and epochs are the ones typed.
  await expect(page.getByTestId('job-status')).toBeVisible({ timeout: 30_000 });
  const jobs = fake.state.jobs.filter((j) => j.status !== 'cancelled');
  expect(jobs).toHaveLength(1);
  expect(jobs[0].metadata).toMatchObject({ team: 'nlp' });
});

test('in Chinese, the pre-flight check gives the catalog’s pricing caveat of a model billed by the hour in Chinese', async ({ page }) => {
  await openTrainInChinese(page, fake.url, FAKE_KEY);
  await page.getByLabel('可选模型（每行一个）').fill('gpt-4.1-mini-2025-04-14\no4-mini-2025-04-16');
  const select = page.getByRole('group', { name: '任务设置', exact: true }).getByRole('combobox').first();
  await select.selectOption('o4-mini-2025-04-16');
  const cost = page.getByRole('region', { name: '提交前检查' }).locator('dl').first().locator('dt:has-text("费用") + dd');
  await expect(cost).toHaveText('每训练小时 100 美元（不按 token 计费）');
});
