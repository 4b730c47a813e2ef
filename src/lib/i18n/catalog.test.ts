import { describe, expect, it } from 'vitest';
import { REPAIR_ORDER, REPAIR_TITLES } from '../dataset/repair';
import { KNOWN_STATUSES } from '../openai/schemas';
import { MODELS } from '../models/catalog';
import { SHORTCUTS } from '../state/shortcuts';
import { isMessageKey, messageKeys, translate, translatedKeys, useCatalogChinese } from './catalog';
import { CATALOG_ZH } from './catalog-zh';

// The Chinese texts are installed as the app does when Chinese is chosen (i18n/load.ts).
useCatalogChinese(CATALOG_ZH);

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

  it('repair group titles read in English exactly as the core names them (tests and users find the same words)', () => {
    for (const kind of REPAIR_ORDER) {
      const key = `repair.kind.${kind}`;
      expect(isMessageKey(key) && translate('en', key)).toBe(REPAIR_TITLES[kind]);
      expect(isMessageKey(key) && translate('zh', key)).not.toBe(REPAIR_TITLES[kind]);
    }
  });

  it('the help dialog lists the shortcut table’s own descriptions in English', () => {
    for (const s of SHORTCUTS) {
      const key = `shortcut.${s.action}`;
      expect(isMessageKey(key) && translate('en', key)).toBe(s.description);
    }
  });

  it('every job status the API sends has words, shown unchanged in English (as the API spells it)', () => {
    for (const status of KNOWN_STATUSES) {
      const key = `train.status.${status}`;
      expect(isMessageKey(key) && translate('en', key)).toBe(status);
    }
    expect(isMessageKey('train.status.unknown:archived')).toBe(false);
  });

  it("every pricing caveat of the model catalog has words in each language (the catalog's English is the English)", () => {
    const noted = MODELS.filter((m) => m.priceNote !== undefined);
    expect(noted.length).toBeGreaterThan(0);
    for (const m of noted) {
      const key = `train.pre.priceNote.${m.id}`;
      expect(isMessageKey(key) && translate('en', key)).toBe(m.priceNote);
      expect(isMessageKey(key) && translate('zh', key)).not.toBe(m.priceNote);
    }
  });
});
