// The check and the export of a target agree: every example the check passes (no error for that target) is written
// by the export, and every example the export leaves out has an error in the check. Over every order of system,
// user and assistant turns up to five long, for the targets whose export re-checks turn order.
import { describe, expect, it } from 'vitest';
import { validateExample } from '../validate';
import { exportTo, targetExampleIssues, type TargetId } from './index';
import { exportTargetOf } from './convert';

const ROLES = ['system', 'user', 'assistant'] as const;
function* orders(max: number): Generator<string[]> {
  for (let n = 1; n <= max; n++) {
    const idx = new Array<number>(n).fill(0);
    for (;;) {
      yield idx.map((i) => ROLES[i]);
      let k = n - 1;
      while (k >= 0 && idx[k] === ROLES.length - 1) idx[k--] = 0;
      if (k < 0) break;
      idx[k]++;
    }
  }
}

describe.each(['together', 'fireworks', 'alpaca', 'sharegpt'] as TargetId[])('%s: check and export agree', (target) => {
  it('on every order of up to five system/user/assistant turns', () => {
    const exportAs = exportTargetOf(target);
    expect(exportAs).not.toBeNull();
    const disagreements: string[] = [];
    for (const roles of orders(5)) {
      const value = { messages: roles.map((role, i) => ({ role, content: `turn ${i + 1}` })) };
      const errors = targetExampleIssues(target, value, validateExample(value, { example: 1, format: 'chat' })).filter((i) => i.severity === 'error');
      const skipped = exportTo([{ id: 'x', value }], exportAs!).skipped.length > 0;
      if (skipped !== errors.length > 0)
        disagreements.push(`${roles.join(',')}: check ${errors.map((e) => e.code).join('+') || 'passes'}, export ${skipped ? 'leaves it out' : 'writes it'}`);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('together: check and export agree on images', () => {
  const image = (url: string) => ({ type: 'image_url', image_url: { url } });
  const cases = {
    base64: {
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'What?' }, image('data:image/png;base64,AAAA')] },
        { role: 'assistant', content: 'A pixel.' },
      ],
    },
    link: {
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'What?' }, image('https://example.com/cat.png')] },
        { role: 'assistant', content: 'A cat.' },
      ],
    },
    gif: {
      messages: [
        { role: 'user', content: [image('data:image/gif;base64,AAAA')] },
        { role: 'assistant', content: 'A gif.' },
      ],
    },
    weighted: {
      messages: [
        { role: 'user', content: [image('data:image/png;base64,AAAA')], weight: 1 },
        { role: 'assistant', content: 'A pixel.' },
      ],
    },
  };
  it.each(Object.entries(cases))('%s', (_name, value) => {
    const errors = targetExampleIssues('together', value, validateExample(value, { example: 1, format: 'chat' })).filter((i) => i.severity === 'error');
    const skipped = exportTo([{ id: 'x', value }], 'together').skipped.length > 0;
    expect(skipped).toBe(errors.length > 0);
  });
});
