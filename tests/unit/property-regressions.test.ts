// Plain regression tests for the counterexamples the property tests (property-pipeline / property-linear) found.
import { describe, expect, it } from 'vitest';
import { convertRecord, normalizeRole } from '../../src/lib/dataset/convert.ts';
import { parseCsv } from '../../src/lib/dataset/csv.ts';
import { toolTokens } from '../../src/lib/dataset/example-tokens.ts';
import { checkAgainstSchema } from '../../src/lib/dataset/json-schema-lite.ts';
import { readText } from '../../src/lib/dataset/read.ts';
import { proposeRepairs } from '../../src/lib/dataset/repair.ts';
import { exportTo, type ExportTarget } from '../../src/lib/dataset/targets.ts';
import { validateDataset } from '../../src/lib/dataset/validate.ts';
import { renderIssue, renderMessage } from '../../src/lib/dataset/messages/index.ts';

/** An issue's (or a syntax error's) English sentence, as the app and report show it. */
const en = (issue: Parameters<typeof renderIssue>[0]): string => renderIssue(issue, 'en');

const TARGETS: ExportTarget[] = ['hf_messages', 'sharegpt', 'alpaca', 'trl_preference', 'together', 'fireworks'];

describe('names of Object.prototype members are not roles, columns or schema keys', () => {
  it('normalizeRole("constructor" | "__proto__" | "toString") is undefined, not a function or object', () => {
    for (const r of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) expect(normalizeRole(r)).toBeUndefined();
    expect(normalizeRole(' GPT ')).toBe('assistant');
  });

  it('no role_alias repair turns role "constructor" into a function (it used to become "function Object() …")', () => {
    const r = readText('{"messages":[{"role":"constructor","content":"hi"},{"role":"assistant","content":"x"}]}\n');
    expect(proposeRepairs(r.records).filter((x) => x.kind === 'role_alias')).toEqual([]);
  });

  it('a CSV role "constructor" stays a string role (it used to vanish from the JSON) and validation names it', () => {
    const { records, issues } = parseCsv('role,content\nconstructor,""\n__proto__,x\n');
    expect(records[0].value).toEqual({
      messages: [
        { role: 'constructor', content: '' },
        { role: '__proto__', content: 'x' },
      ],
    });
    expect(issues.filter((i) => i.code === 'csv_unknown_role')).toHaveLength(2);
    const v = validateDataset([{ value: records[0].value, line: 2 }]);
    expect(v.issues.map((i) => i.code)).not.toContain('internal_error');
    expect(v.issues.map((i) => i.code)).toContain('unknown_role');
  });

  it('a CSV column named "constructor" is listed as not imported', () => {
    const { issues } = parseCsv('role,content,constructor\nuser,hi,1\n');
    const ignored = issues.find((i) => i.code === 'csv_columns_ignored');
    expect(ignored && en(ignored)).toMatch(/constructor/);
  });

  it('tool-argument schemas check own keys only ("toString" required, "constructor" not allowed)', () => {
    expect(checkAgainstSchema({}, { type: 'object', required: ['toString'] })).toHaveLength(1);
    expect(checkAgainstSchema({ constructor: 1 }, { type: 'object', properties: {}, additionalProperties: false })).toHaveLength(1);
  });
});

describe('parsed objects that own a "toString" key never make the core throw', () => {
  const hostile = JSON.parse('{"toString":1}') as unknown;

  it('no export target throws on a message whose role is such an object; those that check roles skip it', () => {
    const value = {
      messages: [
        { role: hostile, content: 'hi' },
        { role: 'assistant', content: 'x' },
      ],
    };
    for (const t of TARGETS) expect(() => exportTo([{ id: 'a', value }], t), t).not.toThrow();
    for (const t of ['sharegpt', 'together', 'fireworks'] as const)
      expect(renderMessage(exportTo([{ id: 'a', value }], t).skipped[0].reason, 'en'), t).toMatch(/role \{"toString":1\}/);
  });

  it('a ShareGPT turn whose "from" is such an object is reported, not thrown', () => {
    const r = convertRecord({ conversations: [{ from: hostile, value: 'x' }] }, 'chat');
    expect(r.issues.map((i) => i.code)).toEqual(['convert_unknown_role']);
  });

  it('an enum item that is such an object is counted, not thrown', () => {
    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { q: { type: 'string', enum: [hostile, 'a'] } } } } }];
    expect(toolTokens(tools, (s) => s.length)).toBeGreaterThan(0);
  });
});

describe('preference examples with a message that is not an object', () => {
  it('Together and TRL exports skip them instead of throwing "Cannot read properties of null"', () => {
    for (const value of [
      { input: { messages: [null] }, preferred_output: [{ role: 'assistant', content: '' }], non_preferred_output: [{ role: 'assistant', content: '' }] },
      { input: { messages: [{ role: 'user', content: '' }] }, preferred_output: [null], non_preferred_output: [{ role: 'assistant', content: '' }] },
    ]) {
      for (const t of TARGETS) expect(exportTo([{ id: 'a', value }], t).skipped, t).toHaveLength(1);
    }
  });
});

describe('repairs stay fast on hostile long lines', () => {
  it('a 1 MB line of double quotes gets its repairs proposed in well under a second (jsonrepair took minutes)', () => {
    const r = readText('{"messages":[{"role":"user","content":' + '"'.repeat(1 << 20) + '\n');
    const t = performance.now();
    proposeRepairs(r.records);
    expect(performance.now() - t).toBeLessThan(5000);
  });
});

describe('ShareGPT export of prototype-named roles', () => {
  it('role "constructor" is skipped with a reason, not written as a function', () => {
    const r = exportTo(
      [
        {
          id: 'a',
          value: {
            messages: [
              { role: 'constructor', content: 'hi' },
              { role: 'assistant', content: 'x' },
            ],
          },
        },
      ],
      'sharegpt',
    );
    expect(r.text).toBe('');
    expect(renderMessage(r.skipped[0].reason, 'en')).toMatch(/role "constructor"/);
  });
});
