// Issues, repair descriptions and API errors are data written in the reader's language: with the UI in Chinese, a
// damaged file shows Chinese repair descriptions and Chinese issues (with the right example numbers), and a key the
// fake OpenAI server refuses (401) shows the Chinese advice, never the key.
import { test, expect, type Page } from './fixtures';
import { openApp, openTrainInChinese, useChinese, useFakeOpenAI } from './helpers';

/** Its own port, so that it can run beside train.spec.ts. */
const FAKE_PORT = Number(process.env.FAKE_OPENAI_I18N_PORT ?? 4552);

/** The example rows of the list (not the <option>s of role pickers). */
const rows = (page: Page) => page.locator('[role="option"][data-index]');

const DAMAGED = [
  '{"messages": [{"role": "human", "content": "你好"}, {"role": "gpt", "content": "Hello."}]}',
  '{"messages": [{"role": "user", "content": "Capital of France?"}, {"role": "assistant", "content": "Paris."},]}',
  '{"messages": [{"role": "user", "content": "Tell me a story"}, {"role": "assistant", "content": "Once upon a time',
  '{"messages": [{"role": "user", "content": "Only a question"}]}',
].join('\n');

test('in Chinese, a damaged file shows Chinese repair descriptions, then Chinese issues numbered as their examples', async ({ page }) => {
  await openApp(page);
  await useChinese(page);
  await page.getByLabel('导入文件').setInputFiles({ name: 'damaged.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(DAMAGED) });

  const review = page.getByRole('dialog');
  await expect(review.getByText('已把角色名改为 OpenAI 接受的名称：messages[0]: "human" → "user"；messages[1]: "gpt" → "assistant"。')).toBeVisible();
  await expect(review.getByText(/^修正了 JSON 语法/)).toBeVisible();
  await expect(review.getByText(/^这条记录被截断了，请检查结尾。/)).toBeVisible();
  await expect(review).not.toContainText('The record was cut off');
  await review.getByRole('button', { name: '全部接受', exact: true }).click();
  await review.getByRole('button', { name: '应用', exact: true }).click();
  await expect(review).toBeHidden();
  await expect(rows(page)).toHaveCount(4);

  // A dataset rule, in Chinese, with OpenAI's own words kept in English beside the fix.
  await expect(
    page.getByText(
      '这个文件只有 4 个示例，OpenAI 至少需要 10 个：请再添加 6 个（OpenAI 建议从大约 50 个精心编写的示例开始）。OpenAI 的报错原文："Training file has 4 example(s), but must have at least 10 examples"',
    ),
  ).toBeVisible();
  // Example 4's own issue (computed once as "example 1", numbered when written).
  await rows(page).nth(3).click();
  await expect(
    page.getByText(
      '示例 4 没有 assistant 消息，模型从中学不到任何东西，OpenAI 也会拒绝整个文件：请加上模型应当给出的回复，或删除这个样本。OpenAI 的报错原文："At least one message must be from the assistant."',
    ),
  ).toBeVisible();
  await expect(page.getByText(/Example 4|has no assistant message/)).toHaveCount(0);

  // Back in English, the same issue reads in English: the sentence follows the language, the data stays.
  await page.getByLabel('语言').selectOption('en');
  await expect(
    page.getByText(
      'Example 4 has no assistant message, so it teaches nothing and OpenAI rejects the whole file: add the reply the model should give, or delete the example. OpenAI says: "At least one message must be from the assistant."',
    ),
  ).toBeVisible();
});

test.describe('the Train tab in Chinese', () => {
  const fake = useFakeOpenAI(FAKE_PORT);

  test('a key the server refuses (401) gets the Chinese advice, without the key', async ({ page }) => {
    const wrong = 'sk-wrong-0123456789abcdefXYZ';
    await openTrainInChinese(page, fake.url, wrong);
    await page.getByRole('button', { name: '检查密钥并加载任务' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'API 密钥被拒绝（401）' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('请重新粘贴完整的密钥');
    await expect(alert).not.toContainText('The API key was refused');
    await expect(alert).not.toContainText(wrong);
  });
});

test('an English page never downloads the Chinese texts; Chinese is loaded when chosen and comes back first after a reload', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await openApp(page);
  await page.waitForLoadState('networkidle');
  const chinese = (list: string[]) => list.filter((p) => /\/(catalog-zh|zh)-[\w-]+\.js$/.test(p));
  expect(chinese(scripts)).toEqual([]);

  await useChinese(page);
  await expect(page.getByLabel('导入文件')).toBeAttached();
  expect(chinese(scripts).length).toBeGreaterThanOrEqual(2); // the UI texts and the issue sentences

  await page.reload();
  // The first render is already Chinese (the texts load before the app mounts).
  await expect(page.getByLabel('导入文件')).toBeAttached();
  await expect(page.getByLabel('语言')).toHaveValue('zh');
});
