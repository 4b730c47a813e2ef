import { describe, expect, it } from 'vitest';
import { diffExcerpt, type ExcerptPart } from './diff-excerpt';
import { proposeRepairs } from './repair';
import { readText } from './read';

/** A side as text, gaps written as ⟨n⟩. */
const show = (parts: ExcerptPart[]) => parts.map((p) => (p.op === 'gap' ? `⟨${p.skipped}⟩` : p.op === 'same' ? p.text : `[${p.op}:${p.text}]`)).join('');
/** Characters a side stands for (text plus skipped). */
const length = (parts: ExcerptPart[]) => parts.reduce((n, p) => n + (p.op === 'gap' ? p.skipped : p.text.length), 0);
/** Characters actually shown. */
const shown = (parts: ExcerptPart[]) => parts.reduce((n, p) => n + (p.op === 'gap' ? 0 : p.text.length), 0);

/** The one repair proposed for a single line. */
function repairOf(line: string) {
  const repairs = proposeRepairs(readText(line).records);
  expect(repairs).toHaveLength(1);
  return repairs[0];
}

describe('diffExcerpt', () => {
  it('shows a short change whole', () => {
    const x = diffExcerpt('{"a": 1,}', '{"a": 1}');
    expect(show(x.before)).toBe('{"a": 1[del:,]}');
    expect(show(x.after)).toBe('{"a": 1}');
    expect(x).toMatchObject({ identical: false, changes: 1, hiddenChanges: 0 });
  });

  it('keeps context on both sides of a change in the middle of a several-MB line, and elides the rest with counts', () => {
    const big = 'lorem ipsum '.repeat(250_000); // 3 MB
    const line = `{"messages":[{"role":"user","content":"${big}"},{"role":"assistant","content":"${big}",},]}`;
    const r = repairOf(line);
    const x = diffExcerpt(r.before, r.after);
    expect(length(x.before)).toBe(r.before.length);
    expect(length(x.after)).toBe(r.after.length);
    expect(shown(x.before)).toBeLessThan(400);
    // The removed comma is shown with the text before it and what follows.
    const before = show(x.before);
    expect(before).toMatch(/ipsum "\[del:,\]\}\[del:,\]\]\}$/);
    // The line's start says which record it is; the context before the change is the full 60 characters.
    expect(before.startsWith('{"messages":[{"role":"user","content":"l⟨')).toBe(true);
    const lead = x.before[x.before.findIndex((p) => p.op === 'del') - 1];
    expect(lead.op === 'same' && lead.text.length).toBe(60);
  });

  it('keeps context around a change in the middle of a huge line (change between two 2 MB runs)', () => {
    const big = 'x'.repeat(2_000_000);
    const x = diffExcerpt(`{"a":"${big}",“b”:"${big}"}`, `{"a":"${big}","b":"${big}"}`);
    const before = show(x.before);
    expect(before).toMatch(/^\{"a":"x{34}⟨\d+⟩x{58}",\[del:“\]b\[del:”\]:"x{58}⟨\d+⟩$/);
    expect(show(x.after)).toMatch(/^\{"a":"x{34}⟨\d+⟩x{58}",\[add:"\]b\[add:"\]:"x{58}⟨\d+⟩$/);
    expect(length(x.before)).toBe(4_000_000 + 15);
  });

  it('shows the change of a line nested more than 1,000 levels deep, with its context', () => {
    const deep = '['.repeat(1500) + ']'.repeat(1500);
    const before = `{"messages":[{"role":"user","content":"hi","deep":${deep},}],"x":1}`;
    const x = diffExcerpt(before, before.replace(',}', '}'));
    expect(x.identical).toBe(false);
    expect(show(x.before)).toMatch(/^\{"messages":\[\{"role":"user","content":"h⟨\d+⟩\]{60}\[del:,\]\}\],"x":1\}$/);
    expect(show(x.after)).toMatch(/^\{"messages":\[\{"role":"user","content":"h⟨\d+⟩\]{60}\}\],"x":1\}$/);
  });

  it('a repair of a line nested 999 levels deep shows its change with context', () => {
    const deep = '['.repeat(995) + ']'.repeat(995);
    const r = repairOf(`{"messages":[{"role":"user","content":"hi","deep":${deep},}],"x":1}`);
    expect(show(diffExcerpt(r.before, r.after).before)).toMatch(/⟨\d+⟩\]{60}\[del:,\]\}\],"x":1\}$/);
  });

  it('offers no repair that cannot help: a no-op, or a fix leaving the line nested too deep to be an example', () => {
    const deep = '['.repeat(1500) + ']'.repeat(1500);
    expect(proposeRepairs(readText(`{"messages":${deep}}`).records)).toEqual([]);
    expect(proposeRepairs(readText(`{"messages":[{"role":"user","content":"hi","deep":${deep},}]}`).records)).toEqual([]);
  });

  it('finds small changes far apart in a long text (not one big removal + addition)', () => {
    const filler = 'abcdefghij'.repeat(500);
    const before = `{'a': '${filler}', 'b': '${filler}', 'c': 1}`;
    const after = before.replace(/'/g, '"');
    const x = diffExcerpt(before, after);
    expect(x.changes).toBe(10);
    expect(x.before.filter((p) => p.op === 'del').map((p) => p.op !== 'gap' && p.text)).toEqual(Array(10).fill("'"));
    expect(shown(x.before)).toBeLessThan(1500);
  });

  it('shortens an over-long added or removed run to its two ends', () => {
    const x = diffExcerpt('ab', `a${'y'.repeat(10_000)}b`);
    expect(show(x.after)).toBe(`a[add:${'y'.repeat(120)}]⟨9760⟩[add:${'y'.repeat(120)}]b`);
    expect(show(x.before)).toBe('ab');
  });

  it('shows at most maxChanges changes and says how many more there are', () => {
    const before = Array.from({ length: 30 }, (_, i) => `${'-'.repeat(200)}${i},`).join('');
    const after = before.replace(/,/g, ';');
    const x = diffExcerpt(before, after, { maxChanges: 5 });
    expect(x.changes).toBe(30);
    expect(x.hiddenChanges).toBe(25);
    expect(x.before.filter((p) => p.op === 'del')).toHaveLength(5);
    expect(x.before[x.before.length - 1].op).toBe('gap');
    expect(length(x.before)).toBe(before.length);
    expect(length(x.after)).toBe(after.length);
  });

  it('never cuts an emoji in half at a cut', () => {
    const line = '😀'.repeat(100);
    const x = diffExcerpt(`${line}a${line}`, `${line}b${line}`);
    for (const p of [...x.before, ...x.after]) {
      if (p.op === 'gap') continue;
      expect(p.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
  });

  it('says when nothing changes', () => {
    const x = diffExcerpt('same'.repeat(100), 'same'.repeat(100));
    expect(x.identical).toBe(true);
    expect(length(x.before)).toBe(400);
  });
});
