import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readText } from './read.ts';
import {
  applyRepairs,
  closeTruncated,
  diffText,
  fixSingleQuotes,
  fixSmartQuotes,
  proposeRepairs,
  proposeRepairsInSlices,
  splitGlued,
  type Repair,
} from './repair.ts';
import type { SourceRecord } from './types.ts';
import { validateExample } from './validate.ts';
import { renderIssue, renderMessage } from './messages/index.ts';

/** An issue's (or a syntax error's) English sentence, as the app and report show it. */
const en = (issue: Parameters<typeof renderIssue>[0]): string => renderIssue(issue, 'en');

const DIR = new URL('../../../tests/fixtures/repair/', import.meta.url);
const load = (name: string) => readText(readFileSync(new URL(name, DIR), 'utf8')).records;

/** The validator (validate.ts, written independently) is the oracle: errors only, warnings are allowed. */
const errorsOf = (value: unknown, line: number) =>
  validateExample(value, { example: 1, line, format: 'chat' })
    .filter((i) => i.severity === 'error')
    .map((i) => en(i));

const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith('.jsonl'));

describe('proposeRepairs + applyRepairs on real damaged files', () => {
  it.each(FIXTURES)('%s: after accepting every repair, untouched records are byte-identical and the rest validate', (name) => {
    const records = load(name);
    const repairs = proposeRepairs(records);
    const touched = new Set(repairs.map((r) => r.record));
    const after = applyRepairs(records, repairs);
    // Records nobody proposed to touch come back as the very same objects (same bytes).
    const untouched = records.filter((_, i) => !touched.has(i));
    for (const rec of untouched) expect(after).toContain(rec);
    const truncatedLines = new Set(repairs.filter((r) => r.kind === 'truncated').map((r) => r.line));
    for (const rec of after) {
      expect(rec.error, `line ${rec.line} still broken`).toBeUndefined();
      expect(JSON.parse(rec.text)).toEqual(rec.value);
      // A cut-off record parses but may lack its reply: the user was told to check its end.
      if (!truncatedLines.has(rec.line)) expect(errorsOf(rec.value, rec.line), `line ${rec.line}`).toEqual([]);
    }
  });

  it('the generated corpus (200 examples, 30% faults, seed 7) has a fix proposed for every unparsable line', () => {
    const records = load('gen-corpus-seed7.jsonl');
    const broken = records.filter((r) => r.error).length;
    expect(broken).toBeGreaterThan(20);
    const after = applyRepairs(records, proposeRepairs(records));
    expect(after.filter((r) => r.error)).toEqual([]);
  });

  it('every damaged fixture gets a proposal of the kind its name promises', () => {
    const expected: Record<string, string> = {
      'trailing-comma.jsonl': 'json_syntax',
      'single-quotes.jsonl': 'json_syntax',
      'python-literals.jsonl': 'json_syntax',
      'smart-quotes.jsonl': 'smart_quotes',
      'truncated.jsonl': 'truncated',
      'role-alias.jsonl': 'role_alias',
      'text-key.jsonl': 'content_key',
      'arguments-object.jsonl': 'arguments_to_string',
      'null-content.jsonl': 'null_content',
      'weight-type.jsonl': 'weight_type',
      'sharegpt.jsonl': 'foreign_format',
      'alpaca.jsonl': 'foreign_format',
      'bom-crlf.jsonl': 'bom_crlf',
    };
    for (const [file, kind] of Object.entries(expected))
      expect(
        proposeRepairs(load(file)).map((r) => r.kind),
        file,
      ).toContain(kind);
  });
});

describe('repairs are reviewable and never act on their own', () => {
  it('proposing repairs leaves the records untouched', () => {
    const records = load('role-alias.jsonl');
    const copy = structuredClone(records);
    proposeRepairs(records);
    expect(records).toEqual(copy);
  });

  it('a rejected repair leaves its record exactly as read', () => {
    const records = load('trailing-comma.jsonl');
    const after = applyRepairs(records, []);
    after.forEach((r, i) => expect(r).toBe(records[i]));
    expect(after[1].error).toBeDefined();
  });

  it("each fix of a record starts from the previous fix's result, so the chain reads top to bottom", () => {
    const repairs = proposeRepairs(load('python-literals.jsonl'));
    const chain = repairs.filter((r) => r.record === 1);
    expect(chain.length).toBe(2);
    expect(chain[1].before).toBe(chain[0].after);
  });

  it('accepting a value fix without the syntax fix it depends on leaves the broken record raw', () => {
    const records = load('python-literals.jsonl');
    const weightOnly = proposeRepairs(records).filter((r: Repair) => r.kind === 'weight_type');
    expect(applyRepairs(records, weightOnly)[1]).toBe(records[1]);
  });

  it('a cut-off record is clearly marked so the user checks its end', () => {
    const [r] = proposeRepairs(load('truncated.jsonl'));
    expect(renderMessage(r.description, 'en')).toContain('cut off; check the end');
    expect(JSON.parse(r.after).messages[1].content).toBe('Once upon a time, there was');
  });

  it('smart quotes used as delimiters become straight quotes and the text inside is kept', () => {
    const after = applyRepairs(load('smart-quotes.jsonl'), proposeRepairs(load('smart-quotes.jsonl')));
    expect((after[1].value as { messages: { content: string }[] }).messages.map((m) => m.content)).toEqual(['Say hi', 'Hi!']);
  });

  it('curly quotes inside the text survive when curly quotes also delimit the string', () => {
    const fixed = fixSmartQuotes('{"content": “She said “hi” to me", "b": ”x”}');
    expect(JSON.parse(fixed)).toEqual({ content: 'She said “hi” to me', b: 'x' });
  });

  it('Python-style single quotes become JSON quotes without touching apostrophes inside text', () => {
    const fixed = fixSingleQuotes(`{'role': 'user', "content": "It's fine", 'n': 'say "hi", it\\'s ok'}`);
    expect(JSON.parse(fixed)).toEqual({ role: 'user', content: "It's fine", n: `say "hi", it's ok` });
  });

  it('every role alias found in the wild maps to user or assistant', () => {
    const aliases = {
      human: 'user',
      User: 'user',
      USER: 'user',
      gpt: 'assistant',
      bot: 'assistant',
      model: 'assistant',
      ai: 'assistant',
      Assistant: 'assistant',
      ASSISTANT: 'assistant',
    };
    for (const [alias, role] of Object.entries(aliases)) {
      const text = JSON.stringify({ messages: [{ role: alias, content: 'x' }] });
      const [rep] = proposeRepairs([{ line: 1, endLine: 1, text, value: JSON.parse(text) }]);
      expect(JSON.parse(rep.after).messages[0].role, alias).toBe(role);
    }
  });

  it('tool-call arguments written as an object become the same object as JSON text', () => {
    const records = load('arguments-object.jsonl');
    const [after] = applyRepairs(records, proposeRepairs(records)).slice(1);
    const args = (after.value as { messages: { tool_calls?: { function: { arguments: string } }[] }[] }).messages[1].tool_calls![0].function.arguments;
    expect(JSON.parse(args)).toEqual({ city: 'Paris', unit: 'c' });
  });

  it('glued objects that reach the repairer split into one record per object, all with their source line', () => {
    const a = '{"messages":[{"role":"user","content":"a}{"},{"role":"assistant","content":"b"}]}';
    const rec: SourceRecord = { line: 4, endLine: 4, text: `${a} ${a}`, error: { code: 'json.not_json', params: {}, line: 1, column: 1 } };
    expect(splitGlued(rec.text)).toEqual([a, a]);
    const out = applyRepairs([rec], proposeRepairs([rec]));
    expect(out.map((r) => [r.line, r.text])).toEqual([
      [4, a],
      [4, a],
    ]);
  });

  it('closing a cut-off record never drops a character the user wrote', () => {
    for (const cut of ['{"a": ["x", "y', '{"a": "q\\', '{"a": {"b": 1,', '{"a": "\\u00']) {
      const closed = closeTruncated(cut);
      expect(cut.startsWith(closed.slice(0, Math.min(closed.length, cut.length - 6)))).toBe(true);
    }
    expect(JSON.parse(closeTruncated('{"a": ["x", "y'))).toEqual({ a: ['x', 'y'] });
  });
});

describe('diffText', () => {
  it('reassembles both sides exactly, for random edits', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'ab"{}, é😀';
    const str = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
    for (let k = 0; k < 200; k++) {
      const before = str(Math.floor(rnd() * 30));
      const after = before.slice(0, Math.floor(rnd() * before.length)) + str(Math.floor(rnd() * 5)) + before.slice(Math.floor(rnd() * before.length));
      const parts = diffText(before, after);
      expect(
        parts
          .filter((p) => p.op !== 'add')
          .map((p) => p.text)
          .join(''),
      ).toBe(before);
      expect(
        parts
          .filter((p) => p.op !== 'del')
          .map((p) => p.text)
          .join(''),
      ).toBe(after);
    }
  });

  it('highlights only the changed characters of a small fix', () => {
    const parts = diffText('{"role": "Assistant"}', '{"role": "assistant"}');
    expect(
      parts
        .filter((p) => p.op !== 'same')
        .map((p) => p.text)
        .join(''),
    ).toBe('Aa');
  });
});

describe('proposeRepairsInSlices', () => {
  it('proposes exactly what one proposeRepairs call proposes, with indexes into the whole file', async () => {
    const text = readFileSync(new URL('../../../tests/fixtures/repair/gen-corpus-seed7.jsonl', import.meta.url), 'utf8');
    const { records } = readText(text);
    const whole = proposeRepairs(records, { format: 'chat' });
    expect(whole.length).toBeGreaterThan(10);
    expect(await proposeRepairsInSlices(records, 'chat', undefined, 7)).toEqual(whole);
  });
});
