// Bulk edits change exactly what they say, on the messages they target, and return null for an example they leave
// as it is (so previews count only real changes and untouched examples keep their source bytes).
import { describe, expect, it } from 'vitest';
import { bulkTransform, replacePattern, type BulkEdit } from './bulk';
import type { Example } from './types';

const chat = (messages: Record<string, unknown>[], extra: Partial<Example> = {}): Example => ({
  id: 'x',
  value: { messages, tools: [] },
  original: '{…}',
  line: 7,
  ...extra,
});
const sys = (content: string) => ({ role: 'system', content });
const user = (content: unknown) => ({ role: 'user', content });
const bot = (content: string, more: Record<string, unknown> = {}) => ({ role: 'assistant', content, ...more });
const run = (edit: BulkEdit, ex: Example) => bulkTransform(edit)(ex);
const replace = (find: string, replace: string, more: Partial<Extract<BulkEdit, { kind: 'replace' }>> = {}): BulkEdit => ({
  kind: 'replace',
  find,
  replace,
  regex: false,
  caseSensitive: false,
  role: 'any',
  ...more,
});

describe('find and replace', () => {
  it('replaces plain text everywhere (a "$" in the replacement is literal), keeping other keys, id, line and meta', () => {
    const ex = chat([sys('Costs 5 USD'), user('usd or USD?'), bot('In USD.')], { meta: { status: 'approved' } });
    const out = run(replace('usd', '$ (dollars)'), ex)!;
    expect(out.value).toEqual({ messages: [sys('Costs 5 $ (dollars)'), user('$ (dollars) or $ (dollars)?'), bot('In $ (dollars).')], tools: [] });
    expect(out).toMatchObject({ id: 'x', line: 7, meta: { status: 'approved' } });
    expect(out.original).toBeUndefined(); // its source bytes no longer describe it
  });

  it('uses groups with a regular expression, respects case and the chosen role, and reaches text parts', () => {
    const ex = chat([
      user([
        { type: 'text', text: 'Order #123' },
        { type: 'image_url', image_url: { url: 'x' } },
      ]),
      bot('Order #123 ships'),
    ]);
    const out = run(replace('order #(\\d+)', 'order no. $1', { regex: true, role: 'user' }), ex)!;
    expect((out.value as { messages: unknown[] }).messages).toEqual([
      user([
        { type: 'text', text: 'order no. 123' },
        { type: 'image_url', image_url: { url: 'x' } },
      ]),
      bot('Order #123 ships'),
    ]);
    expect(run(replace('order', 'X', { caseSensitive: true }), ex)).toBeNull();
  });

  it('returns null when nothing matches, for non-chat examples, and for a broken pattern (which says why)', () => {
    expect(run(replace('absent', 'x'), chat([user('hi')]))).toBeNull();
    expect(run(replace('hi', 'x'), { id: 'r', raw: 'hi there' })).toBeNull();
    expect(run(replace('hi', 'x'), { id: 'p', value: { prompt: 'hi', completion: 'hi' } })).toBeNull();
    expect(replacePattern({ kind: 'replace', find: '(', replace: '', regex: true, caseSensitive: false, role: 'any' })).toHaveProperty('error');
    expect(run({ kind: 'replace', find: '(', replace: '', regex: true, caseSensitive: false, role: 'any' }, chat([user('(')]))).toBeNull();
  });
});

describe('system prompt, weights, trim', () => {
  it('sets the system prompt, or adds one only where missing', () => {
    const withSys = chat([sys('Old'), user('q'), bot('a')]);
    const without = chat([user('q'), bot('a')]);
    expect((run({ kind: 'systemPrompt', text: 'New', mode: 'set' }, withSys)!.value as { messages: unknown[] }).messages[0]).toEqual(sys('New'));
    expect(run({ kind: 'systemPrompt', text: 'Old', mode: 'set' }, withSys)).toBeNull();
    expect(run({ kind: 'systemPrompt', text: 'New', mode: 'insertMissing' }, withSys)).toBeNull();
    expect((run({ kind: 'systemPrompt', text: 'New', mode: 'insertMissing' }, without)!.value as { messages: unknown[] }).messages).toEqual([
      sys('New'),
      user('q'),
      bot('a'),
    ]);
  });

  it('sets weights of every reply but the last, or removes them', () => {
    const ex = chat([user('q1'), bot('a1'), user('q2'), bot('a2', { weight: 1 })]);
    expect((run({ kind: 'weights', weight: 0, which: 'allButLast' }, ex)!.value as { messages: unknown[] }).messages).toEqual([
      user('q1'),
      bot('a1', { weight: 0 }),
      user('q2'),
      bot('a2', { weight: 1 }),
    ]);
    expect((run({ kind: 'weights', weight: null, which: 'all' }, ex)!.value as { messages: unknown[] }).messages).toEqual([
      user('q1'),
      bot('a1'),
      user('q2'),
      bot('a2'),
    ]);
    expect(run({ kind: 'weights', weight: 1, which: 'allButLast' }, chat([user('q'), bot('a')]))).toBeNull();
  });

  it('trims text and leaves already clean examples alone', () => {
    expect((run({ kind: 'trim' }, chat([user('  q \n'), bot('a')]))!.value as { messages: unknown[] }).messages).toEqual([user('q'), bot('a')]);
    expect(run({ kind: 'trim' }, chat([user('q'), bot('a')]))).toBeNull();
  });
});

describe('tags', () => {
  it('adds or removes a tag in the meta only (value and source bytes unchanged), null when already so', () => {
    const ex = chat([user('q')], { meta: { status: 'approved', tags: ['a'] } });
    const added = run({ kind: 'tag', tag: 'b', add: true }, ex)!;
    expect(added.meta).toEqual({ status: 'approved', tags: ['a', 'b'] });
    expect(added.original).toBe('{…}');
    expect(added.value).toBe(ex.value);
    expect(run({ kind: 'tag', tag: 'a', add: true }, ex)).toBeNull();
    expect(run({ kind: 'tag', tag: 'a', add: false }, ex)!.meta).toEqual({ status: 'approved' });
    expect(run({ kind: 'tag', tag: 'a', add: false }, chat([user('q')], { meta: { tags: ['a'] } }))).not.toHaveProperty('meta');
  });
});

describe('normalise and rename a role', () => {
  it('straightens quotes, line ends and non-breaking spaces; leaves clean text alone', () => {
    const out = run({ kind: 'normalize' }, chat([user('\u201cHi\u201d, it\u2019s me\r\nnext\u00a0line'), bot('plain')]))!;
    expect((out.value as { messages: unknown[] }).messages).toEqual([user('"Hi", it\'s me\nnext line'), bot('plain')]);
    expect(run({ kind: 'normalize' }, chat([user('"ok"'), bot('fine')]))).toBeNull();
  });

  it('renames every message of one role (e.g. an alias OpenAI refuses), null when there is none', () => {
    const out = run({ kind: 'renameRole', from: 'human', to: 'user' }, chat([{ role: 'human', content: 'q' }, bot('a')]))!;
    expect((out.value as { messages: unknown[] }).messages).toEqual([user('q'), bot('a')]);
    expect(run({ kind: 'renameRole', from: 'human', to: 'user' }, chat([user('q'), bot('a')]))).toBeNull();
  });
});
