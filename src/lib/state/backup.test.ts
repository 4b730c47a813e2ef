// A backup brings a dataset back exactly (ids, source bytes, statuses, tags, notes, unparsed lines, settings),
// keeps a damaged example line as raw text, and refuses a header it cannot read.
import { describe, expect, it } from 'vitest';
import { readText } from '../dataset/read';
import { toJsonl } from '../dataset/export';
import type { Example } from '../dataset/types';
import type { DatasetMeta } from '../storage/records';
import { backupText, isBackup, restoreBackup } from './backup';

const meta: DatasetMeta = {
  id: 'ds1',
  name: 'Support bot',
  model: 'gpt-4.1-mini-2025-04-14',
  format: 'chat',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-02-01T00:00:00.000Z',
  exampleIds: ['a', 'b', 'c'],
  sourceName: 'support.jsonl',
  eol: '\r\n',
  views: [{ name: 'Long', filter: { sort: 'tokens', descending: true } }],
};
const examples: Example[] = [
  {
    id: 'a',
    value: { messages: [{ role: 'user', content: 'Hi' }] },
    original: '{"messages":[ {"role":"user","content":"Hi"}]}',
    line: 1,
    meta: { status: 'approved', tags: ['greeting'], note: 'keep' },
  },
  { id: 'b', value: { messages: [{ role: 'user', content: 'Bye "now"\u2028' }] }, meta: { status: 'rejected' } },
  { id: 'c', raw: '{"messages": [ broken', line: 3 },
];

describe('backup', () => {
  it('restores every example exactly, with the dataset settings, and the export is byte-identical', () => {
    const text = backupText(meta, examples, '2026-03-01T00:00:00.000Z');
    const read = readText(text);
    expect(isBackup(read.records)).toBe(true);
    const r = restoreBackup(read.records);
    if ('error' in r) throw new Error(r.error);
    expect(r.name).toBe('Support bot');
    expect(r.format).toBe('chat');
    expect(r.extra).toEqual({ model: meta.model, createdAt: meta.createdAt, sourceName: 'support.jsonl', eol: '\r\n', views: meta.views });
    expect(r.examples).toEqual(examples);
    expect(r.unreadable).toEqual([]);
    expect(toJsonl(r.examples, { eol: '\r\n' })).toBe(toJsonl(examples, { eol: '\r\n' }));
  });

  it('keeps an unreadable or repeated example line as raw text, and never takes ids or order from the header', () => {
    const lines = backupText({ ...meta }, examples).split('\n');
    const header = JSON.parse(lines[0]);
    header.dataset.exampleIds = ['evil'];
    header.dataset.id = 'evil';
    lines[0] = JSON.stringify(header);
    lines[2] = '{"id": "b", "value": {"messages": [ cut';
    lines.splice(3, 0, lines[1]); // "a" twice
    const r = restoreBackup(readText(lines.join('\n')).records);
    if ('error' in r) throw new Error(r.error);
    expect(r.extra).not.toHaveProperty('exampleIds');
    expect(r.extra).not.toHaveProperty('id');
    expect(r.examples.map((e) => e.id)).toEqual(['a', 'restored-3', 'restored-4', 'c']);
    expect(r.examples[1].raw).toBe('{"id": "b", "value": {"messages": [ cut');
    expect(r.unreadable).toEqual([3, 4]);
  });

  it('says why a header cannot be read (a newer format, or damage) instead of importing', () => {
    const newer = restoreBackup(readText('{"tuneset_backup": 9, "dataset": {}}\n').records);
    expect(newer).toEqual({ error: expect.stringContaining('newer version') });
    const broken = restoreBackup(readText('{"tuneset_backup": 1, "dataset": {"name": 3}}\n').records);
    expect(broken).toEqual({ error: expect.stringContaining('not a readable backup header') });
    expect(isBackup(readText('{"messages": []}\n').records)).toBe(false);
  });
});
