import { describe, expect, it } from 'vitest';
import { datasetRecordSchema, exampleRecordSchema, exampleSchema, parseRecord } from './records';
import { appIssue, renderAppIssue } from '../i18n/messages/index';

// The schemas use zod/mini, which has no messages of its own: the reason a stored record could not be read is shown
// to the user, so it must keep zod's English wording (records.ts loads the locale).
describe('why a stored record could not be read', () => {
  it('names the field and what was wrong with it, in words', () => {
    const example = parseRecord(exampleRecordSchema, { v: 1, example: { id: 'b', line: 'not a number' } });
    expect(example).toEqual({ ok: false, newer: false, reason: 'example.line: Invalid input: expected number, received string' });
    const header = parseRecord(datasetRecordSchema, { v: 1, meta: { id: 'd', name: 'n', model: '', format: 'csv', createdAt: '', updatedAt: '', count: -1 } });
    expect(header).toMatchObject({ ok: false, reason: 'meta.format: Invalid option: expected one of "chat"|"preference"|"prompt_completion"' });
    const text = renderAppIssue(appIssue('warning', 'stored_dataset_unreadable', { reason: header.ok ? '' : header.reason }), 'en');
    expect(text).toContain('(meta.format: Invalid option: expected one of "chat"|"preference"|"prompt_completion")');
  });

  it('an example without an id says so', () => {
    const r = exampleSchema.safeParse({ id: '' });
    expect(r.success ? '' : r.error.issues[0].message).toBe('Too small: expected string to have >=1 characters');
  });

  it('a record from a newer version is not called corrupt', () => {
    expect(parseRecord(exampleRecordSchema, { v: 2, example: {} })).toEqual({ ok: false, newer: true, reason: 'saved by a newer version (format v2)' });
  });
});
