import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { proposeRepairs } from '../../lib/dataset/repair';
import RepairReview from './RepairReview.svelte';

const text = (s: string, i: number) => ({ line: i + 1, endLine: i + 1, text: s, error: { code: 'json.not_json', params: {}, line: 1, column: 1 } });
const records = [
  '{"messages": [{"role": "user", "content": "<script>alert(1)</script>"},]}',
  "{'messages': [{'role': 'user', 'content': 'a'}, {'role': 'assistant', 'content': 'b'}]}",
  '{"messages": [{"role": "user", "content": "Tell me", "x": 1}, {"role": "assistant", "content": "Once upon',
].map(text);

describe('RepairReview (server render)', () => {
  const repairs = proposeRepairs(records);
  const { body: html } = render(RepairReview, { props: { repairs, fileName: 'data<1>.jsonl', onapply: () => {}, oncancel: () => {} } });
  // Drop hydration comments and scoped-style class names.
  const body = html
    .replace(/<!--.*?-->/g, '')
    .replace(/ ?svelte-[a-z0-9]+/g, '')
    .replace(/ class=""/g, '');

  it('shows record text as text: markup inside a record is escaped, never rendered', () => {
    expect(body).not.toContain('<script>alert');
    expect(body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(body).toContain('data&lt;1>.jsonl');
  });

  it('groups changes by kind with their counts and offers the buttons the user needs', () => {
    expect(body).toContain('Broken JSON syntax <span class="badge">2</span>');
    expect(body).toContain('Record was cut off <span class="badge">1</span>');
    for (const name of ['>Accept all<', 'aria-label="Accept all Broken JSON syntax"', '>Apply<', '>Import without fixes<']) expect(body).toContain(name);
    expect(body.match(/type="checkbox"/g)?.length).toBe(repairs.length);
    expect(body).toContain('aria-label="Accept change on line 3: Record was cut off"');
    // The end of a cut-off record stays visible next to the added closing characters.
    expect(body).toContain('"content": "Once upon<ins>"}]}</ins>');
  });
});

describe('RepairReview of a huge line (server render)', () => {
  it('shows the change in the middle of a 3 MB line with its context, the rest elided with a count', () => {
    const big = 'word '.repeat(600_000);
    const line = `{"messages": [{"role": "user", "content": "${big}"}, {"role": "assistant", "content": "${big}",}]}`;
    const repairs = proposeRepairs([text(line, 0)]);
    const { body: html } = render(RepairReview, { props: { repairs, fileName: 'big.jsonl', onapply: () => {}, oncancel: () => {} } });
    const body = html
      .replace(/<!--.*?-->/g, '')
      .replace(/ ?svelte-[a-z0-9]+/g, '')
      .replace(/ class=""/g, '');
    expect(body.length).toBeLessThan(20_000);
    expect(body).toMatch(/word word word "<del>,<\/del>\}\]\}/);
    expect(body).toMatch(/… 5,999,9\d\d characters …/);
  });
});
