// Each code with a mechanical fix is fixed the way its import repair does it, and the fixed example no longer has
// that issue; codes without one change nothing; examples without the issue are left alone.
import { describe, expect, it } from 'vitest';
import { ISSUE_FIXES, canFix, issueFixer } from './issue-fix.ts';
import type { Example } from './types.ts';
import { validateExample } from './validate.ts';

const ctx = { format: 'chat' as const, systemPrompt: 'You are ACME support.' };
const ex = (value: unknown, original?: string): Example => ({ id: 'x', value, line: 3, meta: { tags: ['t'] }, ...(original ? { original } : {}) });
const codes = (value: unknown) => validateExample(value, { example: 1, format: 'chat' }).map((i) => i.code);
const fixed = (code: string, value: unknown) => issueFixer(code, ctx)(ex(value, JSON.stringify(value)));

describe('issueFixer', () => {
  const cases: [string, unknown, unknown][] = [
    [
      'missing_system_message',
      {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
      {
        messages: [
          { role: 'system', content: 'You are ACME support.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
    ],
    [
      'weight_invalid',
      {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello', weight: '0' },
        ],
      },
      {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello', weight: 0 },
        ],
      },
    ],
    [
      'missing_content',
      {
        messages: [
          { role: 'user', text: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
      {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
    ],
    [
      'unknown_role',
      {
        messages: [
          { role: 'human', content: 'Hi' },
          { role: 'gpt', content: 'Hello' },
        ],
      },
      {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
    ],
    [
      'developer_role',
      {
        messages: [
          { role: 'developer', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
    ],
    [
      'content_null',
      {
        messages: [
          { role: 'system', content: null },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
      {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
    ],
    [
      'tool_call_arguments_not_string',
      {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: { a: 1 } } }] },
          { role: 'tool', tool_call_id: 'c', content: 'ok' },
          { role: 'assistant', content: 'Done' },
        ],
      },
      {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] },
          { role: 'tool', tool_call_id: 'c', content: 'ok' },
          { role: 'assistant', content: 'Done' },
        ],
      },
    ],
    [
      'foreign_format',
      {
        conversations: [
          { from: 'human', value: 'Hi' },
          { from: 'gpt', value: 'Hello' },
        ],
      },
      {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
    ],
  ];
  it.each(cases)('%s: fixed like the import repair, the issue is gone, id/line/meta kept and the source bytes dropped', (code, before, after) => {
    expect(codes(before)).toContain(code);
    const out = fixed(code, before);
    expect(out).toEqual({ id: 'x', value: after, line: 3, meta: { tags: ['t'] } });
    expect(codes(out!.value)).not.toContain(code);
  });

  it('leaves examples without the issue, codes without a fix and unparsed records alone', () => {
    const fine = {
      messages: [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
      ],
    };
    for (const code of Object.keys(ISSUE_FIXES)) expect(fixed(code, fine)).toBeNull();
    expect(fixed('last_not_assistant', { messages: [{ role: 'user', content: 'Hi' }] })).toBeNull();
    expect(issueFixer('weight_invalid', ctx)({ id: 'r', raw: '{"messages": [' })).toBeNull();
    expect(
      fixed('weight_invalid', {
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello', weight: 7 },
        ],
      }),
    ).toBeNull(); // 7 means nothing clear
  });

  it('a missing system prompt has no fix in a dataset without any', () => {
    expect(canFix('missing_system_message', { ...ctx, systemPrompt: '' })).toBe(false);
    expect(canFix('missing_system_message', ctx)).toBe(true);
    expect(canFix('toString', ctx)).toBe(false);
    expect(issueFixer('missing_system_message', { ...ctx, systemPrompt: '' })(ex({ messages: [{ role: 'user', content: 'Hi' }] }))).toBeNull();
  });
});
