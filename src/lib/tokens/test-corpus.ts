// Deterministic generator of hostile text for token-count tests: prose, code, CJK, emoji, whitespace runs,
// digits, special-token spellings, contractions, random Unicode (incl. lone surrogates) and very long words.
import { mulberry32 } from '../dataset/random';

/** The project's mulberry32, with seed 0 taken as 1. */
export const prng = (seed: number): (() => number) => mulberry32(seed >>> 0 || 1);

/** Words and fragments the generators draw from. */
const WORDS = [
  'the',
  'The',
  'quick',
  'brown',
  'fox',
  "don't",
  "I'M",
  "we'Ve",
  "it'S",
  "x'ſ",
  'naïve',
  'café',
  'Straße',
  'ÉCOLE',
  'İstanbul',
  'ǅemal',
  'résumé',
  'über',
  'Ελληνικά',
  'мир',
  'مرحبا',
  'שלום',
  'हिन्दी',
  'ไทย',
  '你好',
  '世界',
  'こんにちは',
  'カタカナ',
  '한국어',
  '😀',
  '🚀✨',
  '👨‍👩‍👧',
  '🇫🇷',
  'e\u0301',
  '<|endoftext|>',
  '<|endofprompt|>',
  '<|fim_prefix|>',
  '12345678',
  '3.14159',
  '1,000,000',
  '٣٤٥',
  '½',
  'Ⅻ',
  '\t',
  '\u00a0',
  '\u3000',
  '\u0085',
  '\ufeff',
  '\u200b',
  '\r\n',
  '\n\n\n',
  '    ',
  '-->',
  '===',
  '...',
  '"quoted"',
  '“smart”',
];

/** Snippets of code with indentation, as assistants write them. */
const CODE = [
  'function f(a, b) {\n  return a + b;\n}\n',
  'for (let i = 0; i < 10; i++) {\n\tconsole.log(i);\n}',
  'def main():\n    print("hi")\n\n\nif __name__ == "__main__":\n    main()\n',
  '{"key": [1, 2, 3], "x": null}',
  'SELECT * FROM t WHERE id = 42;',
  '    \n    \n  x',
  '#include <stdio.h>\nint main(){return 0;}',
];

/** Contractions (incl. U+017F ſ, which Rust's case-insensitive match folds to s), and U+0085/U+FEFF spaces. */
const TRICKY = [
  "'",
  '’',
  'ſ',
  "'ſ",
  "I'ſ",
  "'S",
  's',
  'S',
  't',
  'I',
  'x',
  'Y',
  'e',
  'é',
  '\u0301',
  ' ',
  ' ',
  '\u0085',
  '\ufeff',
  '\u00a0',
  '\n',
  '.',
  '0',
  'll',
  'VE',
];

/** A random code point from anywhere in Unicode (assigned or not), or a lone surrogate. */
function randomCodePoint(rand: () => number): string {
  const r = rand();
  if (r < 0.05) return String.fromCharCode(0xd800 + Math.floor(rand() * 0x800)); // lone surrogate
  if (r < 0.5) return String.fromCodePoint(Math.floor(rand() * 0x3000)); // Latin..CJK punctuation
  if (r < 0.8) return String.fromCodePoint(0x3000 + Math.floor(rand() * 0xa000)); // CJK and more BMP
  let cp = Math.floor(rand() * 0x110000);
  if (cp >= 0xd800 && cp < 0xe000) cp += 0x800;
  return String.fromCodePoint(cp);
}

/** One text of a given kind; `rand` drives every choice. */
function textOf(kind: number, rand: () => number): string {
  const n = 1 + Math.floor(rand() * 60);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
  switch (kind) {
    case 0: // prose, mixed languages and separators
      return Array.from({ length: n }, () => pick(WORDS) + pick([' ', ' ', ', ', '. ', '\n', '  ', ''])).join('');
    case 1: // code
      return Array.from({ length: 1 + (n % 5) }, () => pick(CODE)).join(pick(['\n', '\n\n', '']));
    case 2: // random Unicode soup
      return Array.from({ length: n * 3 }, () => (rand() < 0.2 ? ' ' : randomCodePoint(rand))).join('');
    case 3: // long whitespace runs between words
      return Array.from({ length: n }, () => pick(WORDS) + pick([' ', '\n', '\t', '\r\n', '\u3000']).repeat(1 + Math.floor(rand() * 300))).join('');
    case 4: // digits
      return Array.from({ length: n }, () => String(Math.floor(rand() * 1e12)) + pick(['', ' ', '.', ','])).join('');
    case 5: // very long word of one repeated fragment (exercises the heap merge)
      return pick(['a', 'ab', 'xyz', '=', '-', ' ', '0', 'é', '你', '😀', 'Zq']).repeat(50 + Math.floor(rand() * 1500));
    case 6: // very long random lowercase word
      return Array.from({ length: 200 + Math.floor(rand() * 2000) }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');
    case 7: // soup of the characters where JavaScript and Rust regexes disagree unless the pattern is rewritten
      return Array.from({ length: n * 2 }, () => pick(TRICKY)).join('');
    default: // base64-like blob, as in data URLs
      return (
        'data:image/png;base64,' +
        Array.from({ length: 500 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[Math.floor(rand() * 64)]).join('')
      );
  }
}

/** `count` deterministic hostile texts from `seed`, cycling through every kind above. */
export function hostileCorpus(seed: number, count: number): string[] {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) => textOf(i % 9, rand));
}
