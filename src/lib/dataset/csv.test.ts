import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRows } from './csv.ts';
import { validateExample } from './validate.ts';
import { renderIssue } from './messages/index.ts';

/** An issue's (or a syntax error's) English sentence, as the app and report show it. */
const en = (issue: Parameters<typeof renderIssue>[0]): string => renderIssue(issue, 'en');

const DIR = new URL('../../../tests/fixtures/repair/import/', import.meta.url);
const file = (name: string) => readFileSync(new URL(name, DIR), 'utf8');
const msgs = (v: unknown) => (v as { messages: { role: string; content: string }[] }).messages.map((m) => [m.role, m.content]);

describe('parseCsv', () => {
  it("reads quoted fields, doubled quotes, embedded newlines and CRLF exactly as Python's csv module does", () => {
    const expected = JSON.parse(file('messages-by-id.rows.json'));
    expect(parseCsvRows(file('messages-by-id.csv')).rows.map((r) => r.fields)).toEqual(expected);
  });

  it('rows sharing a conversation id become one chat example each, in row order, with role aliases normalised', () => {
    const { records, issues } = parseCsv(file('messages-by-id.csv'));
    expect(records.map((r) => msgs(r.value))).toEqual([
      [
        ['system', 'You answer in one line.'],
        ['user', 'He said "hi", then left; why?'],
        ['assistant', 'Because, honestly, he was late.'],
      ],
      [
        ['user', 'Write a poem\nwith two lines'],
        ['assistant', 'Roses, "red"\nviolets; blue'],
        ['user', ''],
        ['assistant', 'Empty question — empty answer.'],
      ],
    ]);
    expect(records.map((r) => [r.line, r.endLine])).toEqual([
      [2, 8],
      [3, 10],
    ]);
    expect(issues.map((i) => i.code)).toEqual(['csv_columns_ignored']);
  });

  it('without an id column, blank rows separate conversations (semicolon CSV detected from the header)', () => {
    const { records } = parseCsv(file('messages-blank-rows.csv'));
    expect(records.map((r) => msgs(r.value))).toEqual([
      [
        ['user', 'Bonjour; ça va?'],
        ['assistant', 'Oui, "merci"!'],
      ],
      [
        ['user', 'Zwei'],
        ['assistant', 'Drei\nVier'],
      ],
    ]);
  });

  it('prompt/completion rows become valid chat examples, keeping the system column and skipping the BOM', () => {
    const { records, issues } = parseCsv(file('prompt-completion.csv'));
    expect(records.map((r) => msgs(r.value))).toEqual([
      [
        ['system', 'You are a calculator.'],
        ['user', '2+2?'],
        ['assistant', '4'],
      ],
      [
        ['user', 'Capital of Peru?'],
        ['assistant', 'Lima'],
      ],
    ]);
    for (const [i, r] of records.entries())
      expect(validateExample(r.value, { example: i + 1, format: 'chat' }).filter((x) => x.severity === 'error')).toEqual([]);
    expect(en(issues[0])).toContain('source');
  });

  it('tab-separated Alpaca and TRL preference CSVs import as chat and OpenAI preference', () => {
    expect(parseCsv(file('alpaca.tsv')).records.map((r) => msgs(r.value))).toEqual([
      [
        ['user', 'Translate\n\nGood night'],
        ['assistant', 'Bonne nuit'],
      ],
      [
        ['user', 'Say hi'],
        ['assistant', 'Hi'],
      ],
    ]);
    const [pref] = parseCsv(file('trl-preference.csv')).records;
    expect(validateExample(pref.value, { example: 1, format: 'preference' }).filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('every record text is the JSON of its value, so export writes what was imported', () => {
    for (const f of ['messages-by-id.csv', 'prompt-completion.csv', 'alpaca.tsv'])
      for (const r of parseCsv(file(f)).records) expect(JSON.parse(r.text)).toEqual(r.value);
  });

  it('a file without a recognisable header, or with an unclosed quote, is reported instead of guessed', () => {
    expect(parseCsv('foo,bar\n1,2\n').issues.map((i) => i.code)).toEqual(['csv_no_header']);
    const r = parseCsv('role,content\nuser,"never closed\nassistant,x\n');
    expect(r.issues.map((i) => [i.code, i.line])).toContainEqual(['csv_unclosed_quote', 2]);
    expect(parseCsv('').records).toEqual([]);
  });
});
