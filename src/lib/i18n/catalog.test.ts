import { describe, expect, it } from 'vitest';
import { messageKeys, translate, translatedKeys } from './catalog';

describe('UI text catalog', () => {
  it('every key has a Chinese translation, so a Chinese user never meets a stray English label', () => {
    const zh = new Set(translatedKeys());
    expect(messageKeys.filter((k) => !zh.has(k) && k !== 'app.title')).toEqual([]);
  });

  it('fills {placeholders} and falls back to English for a key without a translation', () => {
    expect(translate('en', 'list.position', { n: 3, total: 10 })).toBe('3 / 10');
    expect(translate('zh', 'import.done', { name: 'a.jsonl', count: 12 })).toBe('已从 a.jsonl 导入 12 个样本。');
    expect(translate('zh', 'app.title')).toBe('Tuneset');
  });
});
