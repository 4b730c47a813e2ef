// ThreadCounter, the page's own tokenizer: it loads the tokenizer of the encoding in use, also after the user
// switched encodings while one was loading.
import { describe, expect, it } from 'vitest';
import { ThreadCounter, type CounterHost } from './analysis-counter';
import type { Example } from '../dataset/types';
import { getCounter } from '../tokens/encodings';
import type { ExampleTokens } from '../dataset/example-tokens';

function host(): CounterHost & { loads: number } {
  const tokens = new WeakMap<Example, ExampleTokens>();
  const h = {
    loads: 0,
    tokens: () => tokens,
    toolFamily: () => 'gpt-4o' as const,
    loaded: () => void h.loads++,
    sliced: () => {},
  };
  return h;
}

/** Lets the tokenizer chunks load (getCounter resolves after its dynamic import and decoding). */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('ThreadCounter', () => {
  it('loads the tokenizer of the encoding in use', async () => {
    const h = host();
    const c = new ThreadCounter(h);
    c.use('cl100k_base');
    c.ensure();
    await until(() => c.counter !== null);
    expect(c.counter?.encoding).toBe('cl100k_base');
    expect(h.loads).toBe(1);
  });

  it('switched to another encoding and back while the first one loads: the first one is loaded all the same', async () => {
    const h = host();
    const c = new ThreadCounter(h);
    c.use('o200k_base');
    c.ensure(); // o200k_base starts loading
    c.use('cl100k_base'); // the user picks a cl100k_base model; nothing asks for a count yet
    await getCounter('o200k_base'); // the same load (one per encoding): o200k_base arrives, superseded
    await new Promise((r) => setTimeout(r, 0));
    expect(c.counter).toBeNull();
    expect(h.loads).toBe(0);
    c.use('o200k_base'); // and back
    c.ensure();
    await until(() => c.counter !== null);
    expect(c.counter?.encoding).toBe('o200k_base');
  });
});
