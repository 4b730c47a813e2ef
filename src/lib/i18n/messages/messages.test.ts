// Messages as data: every code has a sentence in English and Chinese, every sentence renders from sample params
// without a leftover placeholder, Chinese sentences are Chinese and name what the English ones name, and what the
// core really emits (fixtures through the reader, validator and repairer) has a sentence in both languages.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_EN, renderAppIssue, renderAppMessage, useAppChinese } from './index';
import { CORE_EN, createRenderer, renderIssue, useCoreChinese, type Message } from '../../dataset/messages/index';
import { CORE_ZH } from '../../dataset/messages/zh';
import { appZh } from './zh';

// Installed as the app does when Chinese is chosen (i18n/load.ts) and as the CLI does at start.
const APP_ZH = { ...CORE_ZH, ...appZh };
useCoreChinese(CORE_ZH);
useAppChinese(APP_ZH);
import type { MessageTable, ParamValue } from '../../dataset/messages/types';
import { VALIDATION_CODES, validateDataset, validateExample } from '../../dataset/validate';
import { readText } from '../../dataset/read';
import { proposeRepairs } from '../../dataset/repair';
import { exportTo, type ExportTarget } from '../../dataset/targets';
import { decodeBytes } from '../../dataset/decode';

const NESTED: Message = { code: 'json.cut_off', params: { open: 2 } };

/** A sample value for every param name a sentence may use (a name missing here fails the test: add it). */
const SAMPLES: Readonly<Record<string, ParamValue>> = {
  alias: 'assistant',
  allowed: ['role', 'content', 'name'],
  attempt: 2,
  bom: true,
  call: 2,
  close: '}',
  closed: ']}',
  column: 7,
  columns: ['source', 'notes'],
  count: 3,
  csv_line: 4,
  date: '2026-01-07',
  dropped: '{"role":"assis',
  encoding: 'o200k_base',
  error: NESTED,
  escape: 'x',
  field: 'prompt',
  first: 2,
  first_line: 5,
  given: 'bot',
  firsts: [1, 4],
  fix: { code: 'repair.json_syntax', params: {} },
  format: 'chat',
  formats: ['chat', 'preference'],
  found: 'sharegpt',
  from: 'sharegpt',
  host: 'api.example.com',
  id: 'call_1',
  images: true,
  index: 1,
  key: 'foo',
  kind: 'array',
  label: 'GET /v1/models',
  limit: 16385,
  line: 12,
  list: 'messages',
  max: 10,
  method: 'supervised',
  min: 10,
  model: 'gpt-4o-mini-2024-07-18',
  msg: 2,
  name: 'get_weather',
  notes: ['messages[0]', 'messages[2]'],
  nul_line: 101,
  open: 2,
  part: 2,
  path: 'conversations[1]',
  reason: 'unknown shape',
  role: 'user',
  said: 'Incorrect API key provided',
  seconds: 2,
  signature: 'png',
  status: 503,
  target: 'Together',
  text: '"{\\"messages\\": [{\\"role"',
  to: 'chat',
  tokens: ['<|endoftext|>', '<|im_start|>'],
  tool: 2,
  total: 20,
  type: '"video"',
  value: '"2"',
  weight: 'yes',
  where: 'messages[0]',
};
/** Params whose type differs by sentence. */
const OVERRIDES: Readonly<Record<string, Readonly<Record<string, ParamValue>>>> = {
  not_an_object: { value: true, kind: 'boolean' },
  'repair.null_content': {
    notes: [
      { code: 'repair.note.system_removed', params: { where: 'messages[0]' } },
      { code: 'repair.note.empty_text', params: { where: 'messages[1]', role: 'user' } },
    ],
  },
  foreign_format: { target: 'chat' },
  'target.role': { role: '"tool"' },
  'target.sharegpt_role': { role: null },
  convert_unknown_role: { from: null },
};
/** Params a sentence may go without (each sentence is also rendered with these left out). */
const OPTIONAL = new Set(['first_line', 'nul_line', 'signature', 'host', 'said', 'csv_line', 'field']);
/** Sentences that are only their params (an error text as is). */
const PASSTHROUGH = new Set(['api.error']);
const AT = { example: 3, line: 7 };

/** Params that give sample values and record which names a sentence read (unknown names throw). */
function sampleParams(key: string, read: Set<string>, leaveOut: ReadonlySet<string> = new Set()): Record<string, ParamValue> {
  const values = { ...SAMPLES, ...(OVERRIDES[key] ?? {}) };
  return new Proxy({} as Record<string, ParamValue>, {
    get(_t, name) {
      if (typeof name !== 'string') return undefined;
      read.add(name);
      if (leaveOut.has(name) || name === 'variant') return undefined;
      if (!Object.hasOwn(values, name)) throw new Error(`no sample for param "${name}" of ${key}: add one to SAMPLES`);
      return values[name];
    },
  });
}

/** Renders `key` of `table` (nested messages through the same language). */
function renderKey(table: MessageTable, key: string, read: Set<string>, leaveOut?: ReadonlySet<string>): string {
  const r = createRenderer({ en: table, zh: table });
  return table[key](sampleParams(key, read, leaveOut), AT, (m) => r.render(m, 'en', AT));
}

/** What a sentence must never show: an unreplaced or missing value (NaN only where it is not the word being explained). */
const LEFTOVER = /undefined|\[object Object\]|\{[a-z_]+\}|\$\{|NaN(?![,、] ?Infinity)/;

describe('message tables', () => {
  it('every validation code has a sentence in both languages', () => {
    for (const code of Object.keys(VALIDATION_CODES)) {
      expect(Object.hasOwn(CORE_EN, code) || Object.keys(CORE_EN).some((k) => k.startsWith(`${code}.`)), code).toBe(true);
      expect(Object.hasOwn(CORE_ZH, code) || Object.keys(CORE_ZH).some((k) => k.startsWith(`${code}.`)), code).toBe(true);
    }
  });

  it('English and Chinese have exactly the same keys', () => {
    expect(Object.keys(APP_ZH).sort()).toEqual(Object.keys(APP_EN).sort());
    expect(Object.keys(CORE_ZH).sort()).toEqual(Object.keys(CORE_EN).sort());
  });

  it.each(['en', 'zh'] as const)('every %s sentence renders from sample params with nothing left unreplaced', (lang) => {
    const table: MessageTable = lang === 'en' ? APP_EN : APP_ZH;
    for (const key of Object.keys(table)) {
      for (const leaveOut of [new Set<string>(), OPTIONAL]) {
        const text = renderKey(table, key, new Set(), leaveOut);
        expect(text.length, key).toBeGreaterThan(PASSTHROUGH.has(key) ? 5 : lang === 'en' ? 10 : 5);
        expect(text, key).not.toMatch(LEFTOVER);
      }
    }
  });

  it('every Chinese sentence is written in Chinese and names what the English one names', () => {
    for (const key of Object.keys(APP_EN)) {
      if (PASSTHROUGH.has(key)) continue;
      const enRead = new Set<string>();
      const zhRead = new Set<string>();
      const en = renderKey(APP_EN, key, enRead);
      const zh = renderKey(APP_ZH, key, zhRead);
      expect(zh, key).toMatch(/[\u4e00-\u9fff]/);
      expect(zh, key).not.toBe(en);
      expect([...zhRead].sort(), key).toEqual([...enRead].sort());
    }
  });

  it('a retry note names its step (a message) in the note’s language, and a request as it is', () => {
    const error: Message = { code: 'api.rate_limited', params: {} };
    const note = (label: string | Message): Message => ({ code: 'api.retrying', params: { label, error, attempt: 1, seconds: 2 } });
    const upload: Message = { code: 'api.step.upload', params: {} };
    expect(renderAppMessage(note(upload), 'en')).toMatch(/^Uploading the file: Too many requests \(429\)/);
    expect(renderAppMessage(note(upload), 'zh')).toMatch(/^正在上传文件：请求过多（429）.* 2 秒后进行第 1 次重试…$/);
    expect(renderAppMessage(note({ code: 'api.step.create_job', params: {} }), 'zh')).toMatch(/^正在创建任务：/);
    expect(renderAppMessage(note('GET /fine_tuning/jobs'), 'zh')).toMatch(/^GET \/fine_tuning\/jobs：请求过多/);
  });

  it('a message of unknown code is shown as its code and params rather than hidden', () => {
    expect(renderAppMessage({ code: 'no_such_code', params: { n: 1 } }, 'zh')).toBe('no_such_code {"n":1}');
  });
});

describe('what the core emits', () => {
  /** The table key of an issue or message. */
  const keyOf = (m: { code: string; params: { variant?: unknown } }) => (typeof m.params.variant === 'string' ? `${m.code}.${m.params.variant}` : m.code);
  const expectKnown = (m: { code: string; params: { variant?: unknown } }, where: string) => {
    expect(Object.hasOwn(APP_EN, keyOf(m)), `${where}: ${keyOf(m)}`).toBe(true);
    expect(Object.hasOwn(APP_ZH, keyOf(m)), `${where}: ${keyOf(m)}`).toBe(true);
  };
  const dir = (name: string) => new URL(`../../../../tests/fixtures/${name}/`, import.meta.url);

  it('every issue of the validation, read and repair fixtures has a sentence in both languages', () => {
    for (const folder of ['validate', 'read', 'repair']) {
      for (const file of readdirSync(dir(folder)).filter((f) => f.endsWith('.jsonl'))) {
        const read = readText(readFileSync(new URL(file, dir(folder)), 'utf8'));
        const v = validateDataset(read.records.map((r) => ({ value: r.value, error: r.error, line: r.line })));
        for (const issue of [...read.issues, ...v.issues]) {
          expectKnown(issue, file);
          if (issue.params.error) expectKnown(issue.params.error as Message, file);
          expect(renderAppIssue(issue, 'zh'), file).toMatch(/[\u4e00-\u9fff]/);
        }
        for (const r of proposeRepairs(read.records)) expectKnown(r.description as Message & { params: { variant?: unknown } }, file);
      }
    }
    for (const bytes of [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), Uint8Array.from([0x7b, 0xe9, 0x7d])]) {
      for (const issue of decodeBytes(bytes).issues) expectKnown(issue, 'decode');
    }
  });

  it('every export-target reason and note has a sentence in both languages', () => {
    const examples = [
      {
        id: 'a',
        value: {
          messages: [
            { role: 'user', content: 'q' },
            { role: 'assistant', content: 'a', weight: 1 },
          ],
        },
      },
      { id: 'b', value: { messages: [{ role: 'tool', content: 'x' }] } },
      { id: 'c', raw: '{"messages": [' },
    ];
    const targets: ExportTarget[] = ['hf_messages', 'sharegpt', 'alpaca', 'trl_preference', 'together', 'fireworks'];
    for (const target of targets) {
      const r = exportTo(examples, target);
      for (const s of r.skipped) expectKnown(s.reason as Message & { params: { variant?: unknown } }, target);
      for (const n of r.notes) expectKnown(n as Message & { params: { variant?: unknown } }, target);
    }
  });

  it('an issue cached as example 1 reads as the example it is shown as, in either language', () => {
    const [issue] = validateExample({ messages: [{ role: 'user', content: 'hi' }], extra: 1 }, { example: 1, format: 'chat' });
    expect(renderIssue(issue, 'en')).toMatch(/^Example 1 /);
    expect(renderIssue({ ...issue, example: 12 }, 'en')).toMatch(/^Example 12 contains an extra key 'extra'/);
    expect(renderIssue({ ...issue, example: 12 }, 'zh')).toMatch(/^示例 12 含有多余的键 'extra'/);
  });

  it("a JSON syntax error nested in an issue is written in the issue's language", () => {
    const read = readText('{"messages": [\n');
    const [issue] = read.issues.filter((i) => i.code === 'invalid_json');
    expect(renderIssue(issue, 'en')).toMatch(/^Line 1, column \d+ is not valid JSON: Unexpected end of line/);
    expect(renderIssue(issue, 'zh')).toMatch(/^第 1 行第 \d+ 列不是有效的 JSON：行意外结束/);
  });
});
