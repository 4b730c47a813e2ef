// OpenAI parity (#13): one small fixture per rule of OpenAI's fine-tuning input (FORMATS.md §2–4, OpenAI's schema
// FineTuneChatRequestInput / FineTunePreferenceRequestInput), accepted and rejected, asserting code AND severity;
// a code is an error exactly when OpenAI rejects it, its sentence quotes the server's words where they are known
// (in English in both languages), says so where the server's behaviour is unknown, and README lists every code.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetFormat, Issue } from '../../src/lib/dataset/types';
import {
  checkJobMethod,
  OPENAI_BEHAVIOUR,
  validateDataset,
  validateExample,
  VALIDATION_CODES,
  type OpenAIBehaviour,
  type ValidationCode,
} from '../../src/lib/dataset/validate';
import { renderIssue, useCoreChinese } from '../../src/lib/dataset/messages/index';
import { CORE_ZH } from '../../src/lib/dataset/messages/zh';
import { buildPreflight } from '../../src/lib/openai/preflight';

beforeAll(() => useCoreChinese(CORE_ZH));

const U = { role: 'user', content: 'What is the capital of France?' };
const A = { role: 'assistant', content: 'Paris.' };
const S = { role: 'system', content: 'You answer briefly.' };
const chat = (...messages: unknown[]): Record<string, unknown> => ({ messages });
const pref = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  input: { messages: [U] },
  preferred_output: [{ role: 'assistant', content: 'Paris.' }],
  non_preferred_output: [{ role: 'assistant', content: 'I think it is Lyon.' }],
  ...over,
});

/** The issues of one record validated as `format` (example 1). */
const issuesOf = (value: unknown, format: DatasetFormat = 'chat'): Issue[] => validateExample(value, { example: 1, line: 1, format });
/** [code, severity] of every issue. */
const pairs = (issues: Issue[]): [string, string][] => issues.map((i) => [i.code, i.severity]);
const en = (i: Issue): string => renderIssue(i, 'en');
const zh = (i: Issue): string => renderIssue(i, 'zh');

describe('accepted: what OpenAI trains on passes without an error', () => {
  it.each<[string, unknown, DatasetFormat]>([
    ['system, user, assistant', chat(S, U, A), 'chat'],
    ['weight 0 and 1 on assistant messages', chat(S, U, { ...A, weight: 0 }, U, { ...A, weight: 1 }), 'chat'],
    [
      'null content with tool calls, answered by a tool message',
      chat(
        S,
        U,
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: '42' },
        A,
      ),
      'chat',
    ],
    [
      'text parts and an image in a user message',
      chat(
        S,
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
          ],
        },
        A,
      ),
      'chat',
    ],
    ['a refusal instead of content', chat(S, U, { role: 'assistant', content: null, refusal: 'I cannot help with that.' }), 'chat'],
    [
      'tools and parallel_tool_calls',
      { ...chat(S, U, A), tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }], parallel_tool_calls: false },
      'chat',
    ],
    ['a preference example', pref(), 'preference'],
    ['weight on an assistant message of a preference input (the schema allows it)', pref({ input: { messages: [U, { ...A, weight: 1 }, U] } }), 'preference'],
    ['a prompt/completion example', { prompt: 'Capital of France?', completion: ' Paris.' }, 'prompt_completion'],
  ])('%s', (_name, value, format) => {
    expect(issuesOf(value, format).filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('rejected by OpenAI: an error, with the server words beside the fix', () => {
  // [rule, record, format, code, words OpenAI's server uses (null: not known)]
  const cases: [string, unknown, DatasetFormat, ValidationCode, string | null][] = [
    ['a top-level unknown key', { ...chat(U, A), weight: 1 }, 'chat', 'extra_key', 'OpenAI says: "Example 1 contains an extra "weight"."'],
    ['an unknown key beside input', pref({ chosen: 'x' }), 'preference', 'extra_key', 'OpenAI says: "Example 1 contains an extra "chosen"."'],
    ['a message without a role', chat({ content: 'hi' }, A), 'chat', 'missing_role', `OpenAI says: "No match for discriminator 'role' and value None"`],
    [
      'an unknown role',
      chat({ role: 'narrator', content: 'hi' }, A),
      'chat',
      'unknown_role',
      `OpenAI says: "No match for discriminator 'role' and value 'narrator'"`,
    ],
    ['an alias role', chat({ role: 'human', content: 'hi' }, A), 'chat', 'unknown_role', `OpenAI says: "No match for discriminator 'role' and value 'human'"`],
    [
      'the developer role',
      chat({ role: 'developer', content: 'Be brief.' }, U, A),
      'chat',
      'developer_role',
      `OpenAI says: "No match for discriminator 'role' and value 'developer'"`,
    ],
    ['a number as content', chat({ role: 'user', content: 42 }, A), 'chat', 'content_invalid', 'OpenAI says: "Input should be a valid string"'],
    ['null content in a user message', chat({ role: 'user', content: null }, A), 'chat', 'content_null', 'OpenAI says: "Input should be a valid string"'],
    ['a number as name', chat({ ...U, name: 7 }, A), 'chat', 'name_invalid', 'OpenAI says: "Input should be a valid string"'],
    [
      'a function message without the name of its function',
      chat(U, { role: 'assistant', content: null, function_call: { name: 'f', arguments: '{}' } }, { role: 'function', content: '1' }, A),
      'chat',
      'name_invalid',
      null,
    ],
    [
      'an object as refusal',
      chat(U, { role: 'assistant', content: null, refusal: { text: 'no' } }),
      'chat',
      'refusal_invalid',
      'OpenAI says: "Input should be a valid string"',
    ],
    [
      'arguments as an object',
      chat(
        U,
        { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: { x: 1 } } }] },
        { role: 'tool', tool_call_id: 'c1', content: '1' },
        A,
      ),
      'chat',
      'tool_call_arguments_not_string',
      'OpenAI says: "Input should be a valid string"',
    ],
    ['a number as prompt', { prompt: 1, completion: 'x' }, 'prompt_completion', 'prompt_invalid', 'OpenAI says: "Input should be a valid string"'],
    ['a number as completion', { prompt: 'x', completion: 2 }, 'prompt_completion', 'completion_invalid', 'OpenAI says: "Input should be a valid string"'],
    ['no assistant message', chat(S, U), 'chat', 'missing_assistant_message', 'OpenAI says: "At least one message must be from the assistant."'],
    [
      'an OpenAI special token in text',
      chat(U, { role: 'assistant', content: 'Done<|fim_suffix|>' }),
      'chat',
      'invalid_token',
      'OpenAI says: "message contains an invalid token: <|fim_suffix|>"',
    ],
    [
      'a preference example without input',
      { preferred_output: [A], non_preferred_output: [A] },
      'preference',
      'missing_input',
      `OpenAI says: "Example 1 is missing key 'input'"`,
    ],
    ['a chat line in a preference (DPO) file', chat(U, A), 'preference', 'wrong_format', `OpenAI says: "Example 1 is missing key 'input'"`],
    ['a preference line in a chat file', pref(), 'chat', 'wrong_format', null],
    [
      'list content in a tool message',
      chat(
        U,
        { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: [{ type: 'text', text: '1' }] },
        A,
      ),
      'chat',
      'tool_content_array',
      null,
    ],
    ['an empty messages list', chat(), 'chat', 'messages_empty', null],
    ['weight on a user message', chat({ ...U, weight: 1 }, A), 'chat', 'weight_not_allowed', null],
    ['weight 2', chat(U, { ...A, weight: 2 }), 'chat', 'weight_invalid', null],
    ['weight on a preference output', pref({ preferred_output: [{ ...A, weight: 1 }] }), 'preference', 'weight_not_allowed', null],
    ['an unknown message key', chat({ ...U, lang: 'en' }, A), 'chat', 'message_extra_key', null],
    ['a user message without content', chat({ role: 'user' }, A), 'chat', 'missing_content', null],
    ['an assistant message without content or tool calls', chat(U, { role: 'assistant' }), 'chat', 'assistant_missing_content', null],
    [
      'an image in an assistant message',
      chat(U, { role: 'assistant', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }),
      'chat',
      'image_not_allowed',
      null,
    ],
    [
      'an image in a preference example',
      pref({ input: { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }] } }),
      'preference',
      'image_not_allowed',
      null,
    ],
    [
      'an image detail outside low/high/auto',
      chat({ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'max' } }] }, A),
      'chat',
      'image_detail_invalid',
      null,
    ],
    [
      'eleven images',
      chat({ role: 'user', content: Array.from({ length: 11 }, () => ({ type: 'image_url', image_url: { url: 'https://example.com/a.png' } })) }, A),
      'chat',
      'too_many_images',
      null,
    ],
    ['a tool message without tool_call_id', chat(U, { role: 'tool', content: '1' }, A), 'chat', 'missing_tool_call_id', null],
    ['two preferred outputs', pref({ preferred_output: [A, A] }), 'preference', 'preference_output_invalid', null],
    ['parallel_tool_calls as text', { ...chat(U, A), parallel_tool_calls: 'yes' }, 'chat', 'parallel_tool_calls_invalid', null],
  ];

  it.each(cases)('%s', (_rule, value, format, code, says) => {
    const issues = issuesOf(value, format);
    const hit = issues.find((i) => i.code === code);
    expect(hit, JSON.stringify(pairs(issues))).toBeDefined();
    expect(hit!.severity).toBe('error');
    expect(OPENAI_BEHAVIOUR[code]).toMatch(/^rejects/);
    if (says) {
      expect(en(hit!)).toContain(says);
      expect(zh(hit!)).toContain(says.replace('OpenAI says: ', 'OpenAI 的报错原文：'));
    }
  });
});

describe('accepted, or not known: a warning that says which', () => {
  const cases: [string, unknown, DatasetFormat, ValidationCode][] = [
    ['empty assistant content', chat(S, U, { role: 'assistant', content: '' }), 'chat', 'empty_content'],
    ['every reply with weight 0', chat(S, U, { ...A, weight: 0 }), 'chat', 'no_trainable_assistant'],
    [
      'a call to a function not in tools',
      {
        ...chat(
          S,
          U,
          { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'g', arguments: '{}' } }] },
          { role: 'tool', tool_call_id: 'c1', content: '1' },
          A,
        ),
        tools: [{ type: 'function', function: { name: 'f' } }],
      },
      'chat',
      'tool_call_unknown_function',
    ],
    [
      'a call nobody answers',
      chat(S, U, { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] }, U, A),
      'chat',
      'tool_call_unanswered',
    ],
    ['identical preference outputs', pref({ non_preferred_output: [{ role: 'assistant', content: 'Paris.' }] }), 'preference', 'preference_outputs_identical'],
  ];
  it.each(cases)('%s is an unknown: a warning whose sentence says so', (_rule, value, format, code) => {
    const hit = issuesOf(value, format).find((i) => i.code === code);
    expect(hit).toEqual(expect.objectContaining({ code, severity: 'warning' }));
    expect(OPENAI_BEHAVIOUR[code]).toBe('unknown');
    expect(en(hit!)).toContain('What OpenAI does with it is not known');
    expect(zh(hit!)).toContain('OpenAI 会如何处理这种情况尚不清楚');
  });

  it.each<[string, unknown, ValidationCode]>([
    ['no system message', chat(U, A), 'missing_system_message'],
    ['no user message', chat(S, A), 'missing_user_message'],
    ['messages after the last reply', chat(S, U, A, U), 'last_not_assistant'],
    ['deprecated functions', { ...chat(S, U, A), functions: [{ name: 'f' }] }, 'functions_deprecated'],
    ['another model’s chat markup', chat(S, U, { role: 'assistant', content: 'Paris.<|im_end|>' }), 'special_tokens'],
  ])('%s: OpenAI accepts the file, so a warning', (_rule, value, code) => {
    const issues = issuesOf(value);
    expect(issues.find((i) => i.code === code)).toEqual(expect.objectContaining({ severity: 'warning' }));
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('the dataset and the job', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ value: chat(S, { role: 'user', content: `Question ${i}` }, A), line: i + 1 }));

  it('fewer than 10 examples is an error quoting OpenAI; 10 pass', () => {
    const nine = validateDataset(items(9)).datasetIssues.find((i) => i.code === 'invalid_n_examples');
    expect(nine).toEqual(expect.objectContaining({ severity: 'error' }));
    expect(en(nine!)).toContain('OpenAI says: "Training file has 9 example(s), but must have at least 10 examples"');
    expect(zh(nine!)).toContain('OpenAI 的报错原文："Training file has 9 example(s)');
    expect(validateDataset(items(10)).issues).toEqual([]);
  });

  it('a chat file in a DPO job and a preference file in a supervised job are errors; matching methods pass', () => {
    expect(pairs(checkJobMethod('chat', 'dpo'))).toEqual([['method_mismatch', 'error']]);
    expect(pairs(checkJobMethod('preference', 'supervised'))).toEqual([['method_mismatch', 'error']]);
    expect(checkJobMethod('chat', 'supervised')).toEqual([]);
    expect(checkJobMethod('preference', 'dpo')).toEqual([]);
    expect(en(checkJobMethod('chat', 'dpo')[0])).toContain(`the job's method is DPO`);
    expect(en(checkJobMethod('chat', 'dpo')[0])).toContain(`OpenAI says: "Example 1 is missing key 'input'"`);
    expect(zh(checkJobMethod('preference', 'supervised')[0])).toContain('请选择 DPO 方法');
  });

  it('the pre-flight blocks the start when the form’s method does not fit the file', () => {
    const dataset = {
      model: 'gpt-4.1-mini-2025-04-14',
      format: 'chat' as const,
      exampleCount: 12,
      issues: [],
      estimatedTokens: 1000,
      epochs: 9,
      estimatedCostUsd: 0.1,
    };
    const base = { dataset, trainingJsonl: '', validationJsonl: null, today: new Date('2026-11-26T12:00:00Z'), isOpenAI: true };
    const dpo = buildPreflight({ ...base, method: 'dpo' });
    expect(dpo.canStart).toBe(false);
    expect(dpo.errors.map((e) => e.code)).toContain('method_mismatch');
    expect(buildPreflight({ ...base, method: 'supervised' }).canStart).toBe(true);
    expect(buildPreflight({ ...base, dataset: { ...dataset, format: 'preference' }, method: 'supervised' }).errors.map((e) => e.code)).toContain(
      'method_mismatch',
    );
  });
});

describe('severity follows what OpenAI does', () => {
  const ERROR_WHEN: ReadonlySet<OpenAIBehaviour> = new Set(['rejects', 'rejects_schema', 'rejects_likely', 'not_openai']);
  it.each(Object.keys(VALIDATION_CODES) as ValidationCode[])('%s', (code) => {
    const behaviour: OpenAIBehaviour = OPENAI_BEHAVIOUR[code];
    expect(VALIDATION_CODES[code]).toBe(ERROR_WHEN.has(behaviour) ? 'error' : 'warning');
  });
});

describe('README: "Issue codes and what OpenAI does with them"', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('## Issue codes and what OpenAI does with them');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 3));
  const WORDS: Record<OpenAIBehaviour, string> = {
    rejects: 'rejects',
    rejects_schema: 'rejects (schema)',
    rejects_likely: 'probably rejects',
    accepts: 'accepts',
    trains_on_it: 'trains on it',
    unknown: 'unknown',
    not_openai: '—',
  };
  const rows = new Map(
    [...section.matchAll(/^\| `([a-z_]+)` \| (error|warning) \| ([^|]+) \| (.+) \|$/gm)].map((m) => [
      m[1],
      { severity: m[2], openai: m[3].trim(), todo: m[4].trim() },
    ]),
  );

  it('exists', () => expect(start).toBeGreaterThan(0));
  it.each(Object.keys(VALIDATION_CODES) as ValidationCode[])('lists %s with its severity, what OpenAI does and what to do', (code) => {
    const row = rows.get(code);
    expect(row, `README has no row for ${code}`).toBeDefined();
    expect(row!.severity).toBe(VALIDATION_CODES[code]);
    expect(row!.openai).toBe(WORDS[OPENAI_BEHAVIOUR[code]]);
    expect(row!.todo.length).toBeGreaterThan(10);
  });
  it('lists no code the validator does not have', () => {
    expect([...rows.keys()].filter((c) => !Object.hasOwn(VALIDATION_CODES, c))).toEqual([]);
  });
});
