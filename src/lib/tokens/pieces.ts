// Splitting text into the pieces tiktoken encodes one by one, exactly as its Rust regex does: a hand-written
// ASCII scanner for speed, the (rewritten) regex for anything that depends on a non-ASCII character.
import type { EncodingName } from './count';

/**
 * Unicode White_Space, which is what `\s` means in tiktoken's Rust regex. JavaScript's `\s` differs: it adds
 * U+FEFF and lacks U+0085, so the pattern is rewritten to use this class instead.
 */
const WHITE_SPACE = '\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/**
 * Rewrite js-tiktoken's pat_str so JavaScript splits text exactly as tiktoken (Rust `fancy-regex`) does:
 * `\s`/`\S` become Unicode White_Space, and the `(?i:'s|…)` contractions, which js-tiktoken spells out
 * case by case, also accept `ſ` (U+017F, which Rust's case-insensitive matching folds to `s`).
 */
export function toRustCompatiblePattern(patStr: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < patStr.length; i++) {
    const ch = patStr[i];
    if (ch === '\\' && i + 1 < patStr.length) {
      const next = patStr[i + 1];
      i++;
      if (next === 's') out += inClass ? WHITE_SPACE : `[${WHITE_SPACE}]`;
      else if (next === 'S')
        out += inClass ? '' : `[^${WHITE_SPACE}]`; // `\S` never appears inside a class here
      else out += ch + next;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    out += ch;
  }
  return out.replaceAll("'s|'S|", "'s|'S|'\u017f|"); // o200k_base has two contraction groups
}

/** js-tiktoken's pat_str of each encoding: the fast splitter below reproduces exactly these patterns. */
const KNOWN_PATTERNS: Record<EncodingName, string> = {
  cl100k_base:
    "('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
  o200k_base:
    "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
};

// Classes of ASCII characters, as the patterns see them.
const LOWER = 1; // a-z: \p{L}, and \p{Ll} in o200k_base
const UPPER = 2; // A-Z: \p{L}, and \p{Lu} in o200k_base
const DIGIT = 3; // 0-9: \p{N}
const NEWLINE = 4; // \r \n: \s, excluded from the optional prefix of words
const SPACE = 5; // \t \v \f and ' ': \s
const OTHER = 6; // everything else: [^\s\p{L}\p{N}]
const ASCII_CLASS = new Uint8Array(128).map((_, c) =>
  c >= 0x61 && c <= 0x7a
    ? LOWER
    : c >= 0x41 && c <= 0x5a
      ? UPPER
      : c >= 0x30 && c <= 0x39
        ? DIGIT
        : c === 0x0a || c === 0x0d
          ? NEWLINE
          : c === 0x09 || c === 0x0b || c === 0x0c || c === 0x20
            ? SPACE
            : OTHER,
);
const APOSTROPHE = 0x27;
/** Returned by the fast splitters when a non-ASCII character decides where the piece ends: use the regex. */
const NEEDS_REGEX = -1;

/** Class of the character at `i` (< end), or NEEDS_REGEX when it is not ASCII. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_CLASS[c] : NEEDS_REGEX;
}

/** End of the run of `a`- or `b`-class characters from `i`, or NEEDS_REGEX if a non-ASCII character ends it. */
function runEnd(text: string, i: number, end: number, a: number, b = a): number {
  for (; i < end; i++) {
    const k = classAt(text, i);
    if (k === NEEDS_REGEX) return NEEDS_REGEX;
    if (k !== a && k !== b) return i;
  }
  return end;
}

/** End of a contraction ('s, 'T, 're, 'LL…) starting at `i`, `i` if there is none, or NEEDS_REGEX. */
function contractionEnd(text: string, i: number, end: number): number {
  if (i + 1 >= end || text.charCodeAt(i) !== APOSTROPHE) return i;
  const c1 = text.charCodeAt(i + 1);
  if (c1 >= 128) return NEEDS_REGEX; // ſ counts as s (see toRustCompatiblePattern)
  const l1 = c1 | 0x20; // ASCII letters to lower case
  if (l1 === 0x73 || l1 === 0x74 || l1 === 0x6d || l1 === 0x64) return i + 2; // s t m d
  if ((l1 === 0x72 || l1 === 0x76 || l1 === 0x6c) && i + 2 < end) {
    // r v l, then e e l
    const c2 = text.charCodeAt(i + 2);
    if (c2 >= 128) return NEEDS_REGEX;
    if ((c2 | 0x20) === (l1 === 0x6c ? 0x6c : 0x65)) return i + 3;
  }
  return i;
}

/** End of a piece that starts with \s at `at` (the last three alternatives, shared by both patterns). */
function whitespaceEnd(text: string, at: number, end: number): number {
  let lastNewline = -1;
  let i = at;
  for (; i < end; i++) {
    const k = classAt(text, i);
    if (k === NEEDS_REGEX) return NEEDS_REGEX; // might be more white space (U+00A0, U+2028…)
    if (k === NEWLINE) lastNewline = i;
    else if (k !== SPACE) break;
  }
  if (lastNewline >= 0) return lastNewline + 1; // \s*[\r\n]+
  if (i === end || i - at === 1) return i; // \s+(?!\S) at the end of the text, or \s+
  return i - 1; // \s+(?!\S): leave the last space to start the next word
}

/** End of a `[^\s\p{L}\p{N}]+` piece (optionally after one space) at `i`, then its trailing newlines (and `/`). */
function punctuationEnd(text: string, i: number, end: number, slash: boolean): number {
  i = runEnd(text, i, end, OTHER);
  if (i === NEEDS_REGEX) return i;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x0a && c !== 0x0d && !(slash && c === 0x2f)) break;
  }
  return i;
}

/**
 * End of a piece at `at` that is not a word (classes k0, k1 of its first two characters; both patterns end with
 * the same alternatives): `\p{N}{1,3}`, then ` ?[^\s\p{L}\p{N}]+` with trailing newlines (and `/` in o200k_base,
 * `slash`), then white space. NEEDS_REGEX when a non-ASCII character decides it.
 */
function nonWordEnd(text: string, at: number, end: number, k0: number, k1: number, slash: boolean): number {
  if (k0 === DIGIT) {
    const stop = Math.min(end, at + 3);
    let i = at + 1;
    for (; i < stop; i++) {
      const k = classAt(text, i);
      if (k === NEEDS_REGEX) return NEEDS_REGEX;
      if (k !== DIGIT) break;
    }
    return i;
  }
  if (k0 === OTHER) return punctuationEnd(text, at, end, slash);
  if (text.charCodeAt(at) === 0x20 && k1 === OTHER) return punctuationEnd(text, at + 1, end, slash);
  if (text.charCodeAt(at) === 0x20 && k1 === NEEDS_REGEX) return NEEDS_REGEX;
  return whitespaceEnd(text, at, end);
}

/**
 * End of the cl100k_base piece starting at `at`, decided from ASCII characters alone, or NEEDS_REGEX. Follows the
 * pattern's alternatives in order (see KNOWN_PATTERNS); tests compare it with the regex on millions of pieces.
 */
function cl100kPieceEnd(text: string, at: number, end: number): number {
  const k0 = classAt(text, at);
  if (k0 === NEEDS_REGEX) return NEEDS_REGEX;
  if (text.charCodeAt(at) === APOSTROPHE) {
    const c = contractionEnd(text, at, end);
    if (c !== at) return c;
  }
  // [^\r\n\p{L}\p{N}]?\p{L}+
  if (k0 === LOWER || k0 === UPPER) return runEnd(text, at + 1, end, LOWER, UPPER);
  const k1 = at + 1 < end ? classAt(text, at + 1) : 0;
  if (k0 !== NEWLINE && k0 !== DIGIT) {
    if (k1 === NEEDS_REGEX) return NEEDS_REGEX;
    if (k1 === LOWER || k1 === UPPER) return runEnd(text, at + 2, end, LOWER, UPPER);
  }
  return nonWordEnd(text, at, end, k0, k1, false);
}

/** The o200k_base counterpart of cl100kPieceEnd (words split at case changes; contractions end words). */
function o200kPieceEnd(text: string, at: number, end: number): number {
  const k0 = classAt(text, at);
  if (k0 === NEEDS_REGEX) return NEEDS_REGEX;
  const k1 = at + 1 < end ? classAt(text, at + 1) : 0;
  // [^\r\n\p{L}\p{N}]?[Upper]*[Lower]+(contraction)? | [^\r\n\p{L}\p{N}]?[Upper]+[Lower]*(contraction)?
  let word = -1;
  if (k0 === LOWER || k0 === UPPER) word = at;
  else if (k0 !== NEWLINE && k0 !== DIGIT) {
    if (k1 === NEEDS_REGEX) return NEEDS_REGEX;
    if (k1 === LOWER || k1 === UPPER) word = at + 1;
  }
  if (word >= 0) {
    // In ASCII the two letter classes are disjoint, so both alternatives come down to: upper run, lower run.
    const upperEnd = runEnd(text, word, end, UPPER);
    if (upperEnd === NEEDS_REGEX) return NEEDS_REGEX;
    const lowerEnd = runEnd(text, upperEnd, end, LOWER);
    if (lowerEnd === NEEDS_REGEX) return NEEDS_REGEX;
    return contractionEnd(text, lowerEnd, end);
  }
  return nonWordEnd(text, at, end, k0, k1, true);
}

/**
 * Splits text into the pieces tiktoken encodes one by one: `pieceEnd(text, at)` is where the piece starting at
 * `at` ends. ASCII pieces are found by a hand-written scanner (several times faster than the regex); anything
 * that depends on a non-ASCII character goes to the regex, so the result is always the regex's.
 */
export function createPieceSplitter(patStr: string, encoding: EncodingName): (text: string, at: number) => number {
  // Sticky: every position starts a piece (the pattern's alternatives cover any character), so `test` walks
  // piece by piece without allocating match arrays.
  const splitter = new RegExp(toRustCompatiblePattern(patStr), 'uy');
  const byRegex = (text: string, at: number): number => {
    splitter.lastIndex = at;
    // A failed match cannot happen with tiktoken's patterns; if a custom one fails, count the rest as one piece.
    return splitter.test(text) ? splitter.lastIndex : text.length;
  };
  if (patStr !== KNOWN_PATTERNS[encoding]) return byRegex; // rank data of another version: trust the regex only
  const fast = encoding === 'cl100k_base' ? cl100kPieceEnd : o200kPieceEnd;
  return (text, at) => {
    const to = fast(text, at, text.length);
    return to === NEEDS_REGEX ? byRegex(text, at) : to;
  };
}
