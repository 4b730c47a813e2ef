import { describe, expect, it } from 'vitest';
import { convertRecord } from './convert.ts';
import { exportTo, type ExportTarget } from './targets.ts';
import type { Example } from './types.ts';
import { renderMessage } from './messages/index.ts';

const ex = (value: unknown, i = 0): Example => ({ id: `e${i}`, value });
const SINGLE = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello!' },
  ],
};
const MULTI = {
  messages: [
    { role: 'user', content: 'a' },
    { role: 'assistant', content: 'b', weight: 0 },
    { role: 'user', content: 'c' },
    { role: 'assistant', content: 'd', weight: 1 },
  ],
};
const TOOLS = {
  messages: [
    { role: 'user', content: 'Weather?' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'w', arguments: '{"city":"Paris"}' } }] },
    { role: 'tool', tool_call_id: 'call_1', content: '18C' },
    { role: 'assistant', content: '18 degrees.' },
  ],
};
const ASSISTANT_FIRST = {
  messages: [
    { role: 'assistant', content: 'Hi' },
    { role: 'user', content: 'x' },
    { role: 'assistant', content: 'y' },
  ],
};
const PREF = {
  input: { messages: [{ role: 'user', content: 'Pick' }] },
  preferred_output: [{ role: 'assistant', content: 'A' }],
  non_preferred_output: [{ role: 'assistant', content: 'B' }],
};
const ALL = [SINGLE, MULTI, TOOLS, ASSISTANT_FIRST, PREF].map(ex);
const lines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
const TARGETS: ExportTarget[] = ['hf_messages', 'sharegpt', 'alpaca', 'trl_preference', 'together', 'fireworks'];

describe('exportTo', () => {
  it.each(TARGETS)('%s: every example is either written as one JSON line or listed as skipped with a reason', (target) => {
    const r = exportTo([...ALL, { id: 'raw', raw: '{"messages": [' }], target);
    expect(lines(r.text).length + r.skipped.length).toBe(ALL.length + 1);
    expect(r.text === '' || r.text.endsWith('\n')).toBe(true);
    for (const s of r.skipped) expect(renderMessage(s.reason, 'en').length).toBeGreaterThan(10);
    expect(r.skipped.map((s) => s.example)).toContain(6);
  });

  it('ShareGPT export imports back to the same conversation (tool calls included)', () => {
    const r = exportTo([ex(SINGLE), ex(TOOLS)], 'sharegpt');
    expect(r.skipped).toEqual([]);
    const back = lines(r.text).map((l) => convertRecord(l, 'chat').value);
    expect(back[0]).toEqual(SINGLE);
    expect(back[1]).toEqual(TOOLS);
  });

  it('Alpaca export takes single-turn examples only and imports back unchanged', () => {
    const r = exportTo([ex(SINGLE), ex(MULTI)], 'alpaca');
    expect(r.skipped.map((s) => s.example)).toEqual([2]);
    expect(convertRecord(lines(r.text)[0], 'chat').value).toEqual(SINGLE);
  });

  it('TRL preference export imports back to the same OpenAI preference example', () => {
    const r = exportTo([ex(PREF), ex(SINGLE)], 'trl_preference');
    expect(r.skipped.map((s) => s.example)).toEqual([2]);
    expect(convertRecord(lines(r.text)[0], 'preference').value).toEqual(PREF);
  });

  it('Together and Fireworks refuse tool calls; Together also a conversation the assistant starts, as their checks do', () => {
    for (const target of ['together', 'fireworks'] as const) {
      const r = exportTo([ex(SINGLE), ex(MULTI), ex(TOOLS), ex(ASSISTANT_FIRST)], target);
      expect(
        r.skipped.map((s) => s.example),
        target,
      ).toEqual(target === 'together' ? [3, 4] : [3]);
      // Together keeps weight 0/1 (on any role, its data-preparation docs); Fireworks has none.
      const keys =
        target === 'together'
          ? [
              ['content', 'role'],
              ['content', 'role', 'weight'],
            ]
          : [['content', 'role']];
      for (const l of lines(r.text)) for (const m of l.messages) expect(keys).toContainEqual(Object.keys(m).sort());
    }
    expect(lines(exportTo([ex(MULTI)], 'together').text)[0].messages.map((m: { weight?: number }) => m.weight)).toEqual([undefined, 0, undefined, 1]);
    expect(exportTo([ex(PREF)], 'together').skipped).toEqual([]);
    expect(exportTo([ex(PREF)], 'fireworks').skipped.length).toBe(1);
    // Together's own formats pass: prompt-completion, and images (base64) in user messages.
    expect(lines(exportTo([ex({ prompt: 'a', completion: 'b' })], 'together').text)).toEqual([{ prompt: 'a', completion: 'b' }]);
    const image = { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } };
    const vision = {
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'What?' }, image] },
        { role: 'assistant', content: 'A pixel.' },
      ],
    };
    expect(lines(exportTo([ex(vision)], 'together').text)).toEqual([vision]);
  });

  it('dropping weights is announced, because weight-0 turns get trained on elsewhere', () => {
    const r = exportTo([ex(MULTI)], 'hf_messages');
    expect(r.text).not.toContain('weight');
    expect(r.notes.map((n) => renderMessage(n, 'en')).join(' ')).toMatch(/weight/);
    expect(exportTo([ex(SINGLE)], 'hf_messages').notes).toEqual([]);
  });

  it('Fireworks warns when fewer than 3 examples would be uploaded', () => {
    expect(
      exportTo([ex(SINGLE), ex(SINGLE)], 'fireworks')
        .notes.map((n) => renderMessage(n, 'en'))
        .join(' '),
    ).toMatch(/at least 3/);
    expect(exportTo([ex(SINGLE), ex(SINGLE), ex(SINGLE)], 'fireworks').notes).toEqual([]);
  });
});
