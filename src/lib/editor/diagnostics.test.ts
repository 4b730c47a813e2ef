import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkLine, fixedText, issueSpan, lineProblems, lineRecord, lineRepairs } from './diagnostics';
import { locatePath } from './json-path';

const LINES = readFileSync(new URL('../../../tests/fixtures/raw/mixed.jsonl', import.meta.url), 'utf8')
  .trimEnd()
  .split('\n');

describe('locatePath', () => {
  it('finds the text of the value at a path, whatever the spacing', () => {
    for (const text of [LINES[3], JSON.stringify(JSON.parse(LINES[3]))]) {
      const span = locatePath(text, 'messages[1].weight')!;
      expect(text.slice(span.from, span.to)).toBe('"1"');
      const msg = locatePath(text, 'messages[0]')!;
      expect(JSON.parse(text.slice(msg.from, msg.to))).toEqual({ role: 'user', content: 'Name a colour' });
    }
  });

  it('for a missing field points at the deepest part that exists, and at nothing when the root is missing', () => {
    const text = '{"messages": [{"role": "user"}]}';
    const span = locatePath(text, 'messages[0].content')!;
    expect(text.slice(span.from, span.to)).toBe('{"role": "user"}');
    expect(locatePath(text, 'tools[0]')).toBeNull();
  });

  it('is not fooled by brackets and quotes inside strings', () => {
    const text = '{"a": "}]\\"{", "b": [1, "x,]", {"c": true}]}';
    const span = locatePath(text, 'b[2].c')!;
    expect(text.slice(span.from, span.to)).toBe('true');
  });
});

describe('checkLine and lineProblems', () => {
  it('a broken line gets one error placed where the JSON breaks', () => {
    const check = checkLine(LINES[1], 2, 'chat');
    expect(check.value).toBeUndefined();
    const [p] = lineProblems(LINES[1], check.issues, check.errorOffset);
    expect(p.severity).toBe('error');
    // The trailing comma before '}' is the mistake: the mark sits on or right after it.
    expect(LINES[1].slice(p.from - 2, p.to)).toMatch(/,\s*}/);
  });

  it('a validator issue with a path underlines that field, not the line; one without a path covers the line', () => {
    const check = checkLine(LINES[3], 4, 'chat');
    const weight = check.issues.find((i) => i.path?.endsWith('weight'));
    expect(weight).toBeDefined();
    const span = issueSpan(LINES[3], weight!);
    expect(LINES[3].slice(span.from, span.to)).toBe('"1"');
    expect(issueSpan(LINES[3], { severity: 'error', code: 'x', params: {} })).toEqual({ from: 0, to: LINES[3].length });
  });

  it('a valid example has no errors', () => {
    expect(checkLine(LINES[4], 5, 'chat').issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('issues cached for "example 1" read as the line they are shown on, as if validated there', () => {
    const cached = checkLine(LINES[4], 1, 'chat').issues;
    expect(cached.length).toBeGreaterThan(0);
    // The raw editor shows a cached issue with the line's number filled in (its sentence is written from that).
    expect(cached.map((i) => ({ ...i, example: 5, line: 5 }))).toEqual(checkLine(LINES[4], 5, 'chat').issues);
  });
});

describe('quick fixes', () => {
  it('the proposed fix of a broken line yields a line that parses and validates without errors', () => {
    const check = checkLine(LINES[1], 2, 'chat');
    const record = lineRecord(LINES[1], 2, check);
    const repairs = lineRepairs(record, 'chat');
    expect(repairs.length).toBeGreaterThan(0);
    const fixed = fixedText(record, repairs, 'chat');
    expect(fixed).not.toContain('\n');
    expect(checkLine(fixed, 2, 'chat').issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('an unusual role name is offered a fix that makes it a standard role', () => {
    const check = checkLine(LINES[2], 3, 'chat');
    const record = lineRecord(LINES[2], 3, check);
    const fix = lineRepairs(record, 'chat').find((r) => r.kind === 'role_alias');
    expect(fix).toBeDefined();
    expect(JSON.parse(fixedText(record, [fix!], 'chat')).messages[0].role).toBe('user');
  });

  it('glued records become one line each', () => {
    const text = '{"prompt": "a", "completion": "b"}{"prompt": "c", "completion": "d"}';
    const check = checkLine(text, 1, 'prompt_completion');
    const record = lineRecord(text, 1, check);
    const out = fixedText(record, lineRepairs(record, 'prompt_completion'), 'prompt_completion').split('\n');
    expect(out.map((l) => JSON.parse(l).prompt)).toEqual(['a', 'c']);
  });
});
