// A corpus with planted near-copies, for measuring the near-duplicate finder (unit test, browser test, bench):
// unrelated examples are random words from a large made-up vocabulary (so they share no 3-word shingles by chance),
// and each planted copy is an original with one word changed, its case changed or its punctuation dropped.
import { mulberry32 } from '../src/lib/dataset/random';

export interface PlantedCorpus {
  /** JSONL lines (chat examples), copies at random places. */
  lines: string[];
  /** Each family: the index of an original and of its planted copies (0-based line numbers). */
  families: number[][];
}

/** `n` examples in all, `copies` of them planted near-copies of others (one copy per original). */
export function plantedCorpus(n: number, copies: number, seed = 7): PlantedCorpus {
  const rand = mulberry32(seed);
  const syllables = ['ka', 'lo', 'mi', 're', 'su', 'ta', 'ven', 'dor', 'pli', 'gra', 'nu', 'bex', 'sha', 'qui', 'fo', 'zel'];
  const word = () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => syllables[Math.floor(rand() * syllables.length)]).join('');
  const sentence = (words: number) => Array.from({ length: words }, word).join(' ') + '.';
  const originals = n - copies;
  const texts: { user: string; reply: string }[] = Array.from({ length: originals }, () => ({
    user: `${sentence(14)} ${sentence(16)}`,
    reply: `${sentence(20)} ${sentence(25)}`,
  }));
  // Which originals get a copy, and where each copy goes.
  const order = texts.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const change = (t: { user: string; reply: string }, k: number) => {
    if (k % 3 === 0) {
      const words = t.reply.split(' ');
      words[Math.floor(rand() * words.length)] = word();
      return { user: t.user, reply: words.join(' ') };
    }
    if (k % 3 === 1) return { user: t.user.toUpperCase(), reply: t.reply };
    return { user: t.user.replace(/\./g, ''), reply: t.reply.replace(/\./g, '!') };
  };
  const rows: { text: { user: string; reply: string }; family: number }[] = texts.map((text, i) => ({ text, family: i }));
  for (let k = 0; k < copies; k++) {
    const of = order[k % order.length];
    rows.splice(Math.floor(rand() * (rows.length + 1)), 0, { text: change(texts[of], k), family: of });
  }
  const byFamily = new Map<number, number[]>();
  rows.forEach((r, i) => byFamily.set(r.family, [...(byFamily.get(r.family) ?? []), i]));
  return {
    lines: rows.map((r) =>
      JSON.stringify({
        messages: [
          { role: 'system', content: 'You answer in the made-up language.' },
          { role: 'user', content: r.text.user },
          { role: 'assistant', content: r.text.reply },
        ],
      }),
    ),
    families: [...byFamily.values()].filter((f) => f.length > 1),
  };
}

/** Precision and recall of found groups (lists of line indexes) against the planted families, over pairs. */
export function pairScores(
  found: readonly (readonly number[])[],
  families: readonly (readonly number[])[],
): { precision: number; recall: number; foundPairs: number; truePairs: number } {
  const pairs = (groups: readonly (readonly number[])[]) => {
    const out = new Set<string>();
    for (const g of groups)
      for (let a = 0; a < g.length; a++) for (let b = a + 1; b < g.length; b++) out.add(`${Math.min(g[a], g[b])}-${Math.max(g[a], g[b])}`);
    return out;
  };
  const f = pairs(found);
  const t = pairs(families);
  let hit = 0;
  for (const p of f) if (t.has(p)) hit++;
  return { precision: f.size ? hit / f.size : 1, recall: t.size ? hit / t.size : 1, foundPairs: f.size, truePairs: t.size };
}
