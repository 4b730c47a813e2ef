// Every target against files written from its own documentation (tests/fixtures/targets/<target>/): each
// accept-*.jsonl has no error for it; each reject-<rule>.jsonl has the error target_<rule> (warn-<rule>.jsonl: the
// warning; reject-openai_<code>.jsonl: the OpenAI validator's error <code>, kept by the target), one fixture per rule. The same files are what the CLI's --target is tested on.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readText } from '../read';
import { validateDataset } from '../validate';
import { renderIssue, renderMessage, useCoreChinese } from '../messages/index';
import { CORE_ZH } from '../messages/zh';
import type { Issue } from '../types';
import {
  addTargetFacts,
  convertForTarget,
  defaultTarget,
  emptyTargetSummary,
  isTargetId,
  summarizeTargetFacts,
  TARGET_IDS,
  targetDatasetIssues,
  targetExampleFacts,
  targetExampleIssues,
  targetInfo,
  whichTargetsFit,
  type TargetId,
} from './index';

const dir = new URL('../../../../tests/fixtures/targets/', import.meta.url).pathname;

/** All of a file's issues for `target`: the OpenAI validator's, adapted, plus the target's dataset rules. */
function issuesFor(target: TargetId, text: string): Issue[] {
  const read = readText(text);
  const v = validateDataset(read.records.map((r) => (r.value === undefined ? { error: r.error, line: r.line } : { value: r.value, line: r.line })));
  const summary = summarizeTargetFacts(read.records.map((r) => targetExampleFacts(r.value)));
  const perExample = read.records.flatMap((r, i) => targetExampleIssues(target, r.value, v.byExample[i], { example: i + 1, line: r.line }));
  return [...targetDatasetIssues(target, summary, v.datasetIssues), ...perExample];
}

const cases = TARGET_IDS.flatMap((target) =>
  readdirSync(join(dir, target))
    .filter((f) => f.endsWith('.jsonl'))
    .map((file) => ({ target, file })),
);

describe('target fixtures', () => {
  it('every target has an accepted file and at least one rejected one', () => {
    for (const t of TARGET_IDS) {
      const files = cases.filter((c) => c.target === t).map((c) => c.file);
      expect(
        files.some((f) => f.startsWith('accept-')),
        t,
      ).toBe(true);
      expect(
        files.some((f) => f.startsWith('reject-')),
        t,
      ).toBe(true);
    }
  });

  it.each(cases.map((c) => [c.target, c.file]))('%s: %s', (target, file) => {
    const issues = issuesFor(target as TargetId, readFileSync(join(dir, target, file), 'utf8'));
    const errors = issues.filter((i) => i.severity === 'error');
    if (file.startsWith('accept-')) {
      expect(errors.map((i) => `${i.code}: ${renderIssue(i, 'en')}`)).toEqual([]);
      return;
    }
    const [, kind, rule] = /^(reject|warn)-(.+)\.jsonl$/.exec(file) ?? [];
    // reject-openai_<code>: the OpenAI validator's own issue, which the target keeps (Azure takes OpenAI's files).
    const openaiRule = rule.startsWith('openai_');
    const code = openaiRule ? rule.slice('openai_'.length) : `target_${rule}`;
    const found = issues.filter((i) => i.code === code);
    expect(found.length, `${code} in ${issues.map((i) => i.code).join(', ')}`).toBeGreaterThan(0);
    for (const i of found) {
      expect(i.severity).toBe(kind === 'reject' ? 'error' : 'warning');
      // The sentence names the target by its proper name and has no placeholder left.
      if (!openaiRule) expect(renderIssue(i, 'en')).toContain(targetInfo(target as TargetId).name);
      expect(renderIssue(i, 'en')).not.toMatch(/undefined|\$\{/);
    }
    if (kind === 'warn') expect(errors.map((i) => i.code)).toEqual([]);
  });
});

describe('targetExampleIssues', () => {
  const value = {
    messages: [
      { role: 'user', content: 'Hi', weight: 0 },
      { role: 'assistant', content: 'Hello' },
    ],
    id: 7,
  };
  const openai = validateDataset([{ value, line: 4 }]).byExample[0];

  it('OpenAI targets return the validator’s issues unchanged', () => {
    expect(openai.map((i) => i.code)).toEqual(expect.arrayContaining(['extra_key', 'weight_not_allowed']));
    for (const t of ['openai', 'openai-dpo', 'azure'] as const) expect(targetExampleIssues(t, value, openai)).toEqual(openai);
  });

  it('others drop OpenAI’s key list and weight rule and add their own, at the same example and line', () => {
    const together = targetExampleIssues('together', value, openai);
    expect(together.map((i) => i.code)).not.toContain('extra_key');
    expect(together.map((i) => i.code)).not.toContain('weight_not_allowed'); // Together allows weight on any role
    expect(together).toContainEqual(expect.objectContaining({ code: 'target_extra_key', severity: 'error', example: 1, line: 4, path: 'id' }));
    expect(targetExampleIssues('trl', value, openai).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('keeps the issues that hold everywhere (unparsable, not an object)', () => {
    const bad = validateDataset([{ value: 42, line: 1 }]).byExample[0];
    for (const t of TARGET_IDS) expect(targetExampleIssues(t, 42, bad).map((i) => i.code)).toEqual(bad.map((i) => i.code));
  });

  it('never throws on odd values', () => {
    const odd = [
      null,
      [],
      'x',
      { messages: 'no' },
      { messages: [null, 3, { role: {} }] },
      { input: 5, preferred_output: [1] },
      { conversations: [null] },
      { instruction: {} },
    ];
    for (const t of TARGET_IDS) for (const v of odd) expect(() => targetExampleIssues(t, v, [])).not.toThrow();
  });
});

describe('dataset rules', () => {
  it('counts: Fireworks takes 3 to 3,000,000 examples', () => {
    const s = { ...emptyTargetSummary(), examples: 3_000_001, formats: { chat: 3_000_001 }, textOnly: 3_000_001 };
    expect(targetDatasetIssues('fireworks', s).map((i) => [i.code, i.severity])).toEqual([['target_too_many', 'error']]);
    expect(targetDatasetIssues('fireworks', { ...s, examples: 3_000_000 })).toEqual([]);
  });

  it('the summary is kept incrementally: adding then taking away an example gives the same summary', () => {
    const f = targetExampleFacts({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] });
    expect(f).toEqual({ format: 'chat', images: true, weighted: false });
    const s = summarizeTargetFacts([targetExampleFacts(undefined)]);
    const before = structuredClone(s);
    addTargetFacts(addTargetFacts(s, f), f, -1);
    expect(s).toEqual({ ...before, formats: { chat: 0 } });
  });

  it('an OpenAI target says when the dataset is in the other OpenAI format, and which target to choose', () => {
    const [i] = targetDatasetIssues('openai', { ...emptyTargetSummary(), examples: 12, formats: { preference: 12 } });
    expect(i).toMatchObject({ code: 'target_format', severity: 'error', params: { to: 'OpenAI (DPO)' } });
    expect(renderIssue(i, 'en')).toContain('choose the target OpenAI (DPO)');
  });
});

describe('the API', () => {
  it('ids, info and defaults', () => {
    expect(TARGET_IDS).toHaveLength(9);
    expect(isTargetId('together')).toBe(true);
    expect(isTargetId('toString')).toBe(false);
    expect(defaultTarget('chat')).toBe('openai');
    expect(defaultTarget('prompt_completion')).toBe('openai');
    expect(defaultTarget('preference')).toBe('openai-dpo');
    for (const t of TARGET_IDS) expect(targetInfo(t).docs).toMatch(/^https:\/\//);
    expect(targetInfo('fireworks')).toMatchObject({ minExamples: 3, maxExamples: 3_000_000, encoding: null });
  });

  it('whichTargetsFit: one answer per target, with the first reason, in English and Chinese', () => {
    const value = {
      messages: [
        { role: 'user' },
        { role: 'user', content: 'b' },
        { role: 'assistant', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] },
      ],
      tools: [],
    };
    const openai = validateDataset([{ value, line: 1 }]);
    const fits = whichTargetsFit([{ value, issues: openai.byExample[0], at: { example: 1, line: 1 } }], openai.datasetIssues);
    expect(fits.map((f) => f.target)).toEqual([...TARGET_IDS]);
    expect(fits.every((f) => !f.fits && f.first !== null)).toBe(true);
    useCoreChinese(CORE_ZH);
    for (const f of fits) {
      expect(renderIssue(f.first!, 'en').length).toBeGreaterThan(20);
      expect(renderIssue(f.first!, 'zh')).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('convertForTarget keeps the order, passes the target’s own format through, and lists what does not fit', () => {
    const ex = (value: unknown, i: number) => ({ id: String(i), value });
    const list = [
      {
        conversations: [
          { from: 'human', value: 'Hi' },
          { from: 'gpt', value: 'Yo' },
        ],
      },
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'b' },
        ],
      },
      { input: { messages: [] } },
    ].map(ex);
    const r = convertForTarget(list, 'sharegpt');
    expect(
      r.text
        .split('\n')
        .filter(Boolean)
        .map((l) => Object.keys(JSON.parse(l) as object)),
    ).toEqual([['conversations'], ['conversations']]);
    expect(r.skipped.map((s) => s.example)).toEqual([3]);
    const openai = convertForTarget(list, 'openai');
    expect(
      openai.text
        .split('\n')
        .filter(Boolean)
        .map((l) => Object.keys(JSON.parse(l) as object)),
    ).toEqual([['messages'], ['messages']]);
    expect(openai.skipped.map((s) => s.example)).toEqual([3]);
    expect(convertForTarget(list.slice(1, 2), 'fireworks').notes.map((n) => n.code)).toEqual(['target.fireworks_min']);
  });

  it.each(TARGET_IDS)('%s: every accepted fixture converts with nothing left out', (target) => {
    for (const file of readdirSync(join(dir, target)).filter((f) => f.startsWith('accept-'))) {
      const read = readText(readFileSync(join(dir, target, file), 'utf8'));
      const r = convertForTarget(
        read.records.map((rec, i) => ({ id: String(i), value: rec.value })),
        target,
      );
      expect(
        r.skipped.map((s) => renderMessage(s.reason, 'en')),
        file,
      ).toEqual([]);
      expect(r.text.split('\n').filter(Boolean)).toHaveLength(read.records.length);
    }
  });
});
