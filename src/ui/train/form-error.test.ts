// The job form's refusals read as sentences in the UI's language: the English ones word for word as the form
// showed them before they became data, the Chinese ones in Chinese with the same values.
import { describe, expect, it } from 'vitest';
import { translate, useCatalogChinese, type Locale } from '../../lib/i18n/catalog';
import { CATALOG_ZH } from '../../lib/i18n/catalog-zh';
import { defaultJobForm, validateJobForm, type JobFormInput } from '../../lib/openai/job-form';
import { formErrorText } from './form-error';

useCatalogChinese(CATALOG_ZH);

/** Each field's refusal, in `locale`, once `field` of a valid DPO form is set to `value`. */
function shown(locale: Locale, field: keyof JobFormInput, value: string): Record<string, string> {
  const errors = validateJobForm({ ...defaultJobForm('gpt-4o-mini-2024-07-18', 'preference'), [field]: value });
  return Object.fromEntries(Object.entries(errors).map(([f, e]) => [f, formErrorText((key, params) => translate(locale, key, params), e)]));
}

/** A bad value of each field, by name: the field and what is typed in it. */
const BAD: Readonly<Record<string, readonly [keyof JobFormInput, string]>> = {
  model: ['model', ''],
  epochs: ['nEpochs', '0'],
  batchSize: ['batchSize', '300'],
  lrMultiplier: ['learningRateMultiplier', '-1'],
  beta: ['beta', '3'],
  suffixLength: ['suffix', 'a'.repeat(70)],
  suffixChars: ['suffix', 'my model'],
  seed: ['seed', '-5'],
  metadataLine: ['metadata', 'team nlp'],
  metadataLength: ['metadata', `${'k'.repeat(65)}=v`],
  metadataCount: ['metadata', Array.from({ length: 16 }, (_, i) => `k${i}=v`).join('\n')],
  // a line that looks like a placeholder is shown as typed
  placeholder: ['metadata', '{max}'],
};

/** What the form says of each, in English (as it always has) and in Chinese. */
const SAID: Readonly<Record<Locale, Readonly<Record<keyof typeof BAD, string>>>> = {
  en: {
    model: 'Choose a base model.',
    epochs: 'Epochs must be "auto" or a whole number from 1 to 50.',
    batchSize: 'Batch size must be "auto" or a whole number from 1 to 256.',
    lrMultiplier: 'Learning rate multiplier must be "auto" or a number above 0.',
    beta: 'Beta must be "auto" or a number above 0 and at most 2.',
    suffixLength: 'The suffix is 70 characters; at most 64 are allowed.',
    suffixChars: 'Use only letters, digits, "-" and "_" in the suffix.',
    seed: 'The seed must be a whole number from 0 to 2147483647.',
    metadataLine: 'Write metadata as key=value, one per line ("team nlp" has no "=").',
    metadataLength: 'Metadata keys are at most 64 characters and values at most 512.',
    metadataCount: 'At most 15 metadata entries (one more is used by Tuneset).',
    placeholder: 'Write metadata as key=value, one per line ("{max}" has no "=").',
  },
  zh: {
    model: '请选择基础模型。',
    epochs: '轮数必须是 "auto" 或 1 到 50 之间的整数。',
    batchSize: '批大小必须是 "auto" 或 1 到 256 之间的整数。',
    lrMultiplier: '学习率倍数必须是 "auto" 或大于 0 的数。',
    beta: 'Beta 必须是 "auto" 或大于 0 且不超过 2 的数。',
    suffixLength: '后缀有 70 个字符；最多允许 64 个。',
    suffixChars: '后缀只能使用字母、数字、"-" 和 "_"。',
    seed: '随机种子必须是 0 到 2147483647 之间的整数。',
    metadataLine: '元数据请写成 key=value，每行一个（"team nlp" 中没有 "="）。',
    metadataLength: '元数据的键最多 64 个字符，值最多 512 个字符。',
    metadataCount: '元数据最多 15 条（Tuneset 自己还要用一条）。',
    placeholder: '元数据请写成 key=value，每行一个（"{max}" 中没有 "="）。',
  },
};

describe('job form refusals in words', () => {
  it.each(Object.keys(BAD))('%s reads in English as the form has always written it, and in Chinese', (name) => {
    const [field, value] = BAD[name];
    expect(shown('en', field, value)).toEqual({ [field]: SAID.en[name] });
    expect(shown('zh', field, value)).toEqual({ [field]: SAID.zh[name] });
  });

  it('the upload progress names each file in both languages', () => {
    const names = (locale: Locale) => [translate(locale, 'train.progress.training'), translate(locale, 'train.progress.validation')];
    expect(names('en')).toEqual(['Training file', 'Validation file']);
    expect(names('zh')).toEqual(['训练文件', '验证文件']);
  });
});
