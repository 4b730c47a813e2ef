// Text-level fixers of damaged records (repair.ts chains them): glued objects, trailing commas, curly and single
// quotes used as JSON quotes, a record cut off in the middle. Each keeps the user's text intact.
import { isObject } from './convert.ts';

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Splits `{...}{...}` (optionally separated by spaces) into object texts; undefined if the text is not exactly that. */
export function splitGlued(text: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let inStr = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) {
        if (c === '[') return undefined;
        start = i;
      }
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) return undefined;
      if (depth === 0) parts.push(text.slice(start, i + 1));
    } else if (depth === 0 && !/\s/.test(c)) return undefined;
  }
  if (depth !== 0 || parts.length < 2 || !parts.every((p) => isObject(parse(p)))) return undefined;
  return parts;
}

/** Counts curly double/single quotes (U+201C/D, U+2018/9). */
export const curly = (s: string): number => (s.match(/[\u201C\u201D\u2018\u2019]/g) ?? []).length;

/** Removes commas right before `}` or `]` outside strings (jsonrepair gives up on some long lines that only need this). */
export function dropTrailingCommas(text: string): string {
  // Copies the text between dropped commas in slices (char-by-char concatenation costs seconds on a 10 MB line).
  const kept: string[] = [];
  let from = 0;
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++;
      else if (c === 34) inStr = false;
      continue;
    }
    if (c === 34) inStr = true;
    else if (c === 44 && /^\s*[}\]]/.test(text.slice(i + 1, i + 200))) {
      kept.push(text.slice(from, i));
      from = i + 1;
    }
  }
  if (from === 0) return text;
  kept.push(text.slice(from));
  return kept.join('');
}

/**
 * Replaces curly double quotes used as string delimiters with straight ones. Outside a string, “ or ” opens one;
 * a string opened that way ends at the next unescaped straight quote, or at a curly quote followed by , : } ] or
 * the end. Curly quotes inside text (“like this”) are kept.
 */
export function fixSmartQuotes(text: string): string {
  let out = '';
  let inStr = false;
  let curlyOpened = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (!inStr) {
      if (c === '"' || c === '\u201C' || c === '\u201D') {
        inStr = true;
        curlyOpened = c !== '"';
        out += '"';
      } else out += c;
      continue;
    }
    if (c === '\\') {
      out += c + (text[i + 1] ?? '');
      i++;
    } else if (c === '"' || (curlyOpened && (c === '\u201C' || c === '\u201D') && /^\s*([,:}\]]|$)/.test(text.slice(i + 1, i + 50)))) {
      inStr = false;
      out += '"';
    } else out += c;
  }
  return out;
}

/**
 * Turns Python-style single-quoted strings outside JSON strings into JSON strings ('role' → "role"): a quoted run
 * ends at the next unescaped ' followed by , : } ] or the end; inner " are escaped and \' unescaped.
 */
export function fixSingleQuotes(text: string): string {
  let out = '';
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (c === '\\') {
        out += c + (text[i + 1] ?? '');
        i++;
      } else {
        if (c === '"') inStr = false;
        out += c;
      }
    } else if (c === '"') {
      inStr = true;
      out += c;
    } else if (c === "'") {
      let j = i + 1;
      let body = '';
      for (; j < text.length; j++) {
        const d = text[j];
        if (d === '\\' && text[j + 1] === "'") {
          body += "'";
          j++;
        } else if (d === '\\') {
          body += d + (text[j + 1] ?? '');
          j++;
        } else if (d === "'" && /^\s*([,:}\]]|$)/.test(text.slice(j + 1, j + 50))) break;
        else body += d === '"' ? '\\"' : d;
      }
      out += `"${body}"`;
      i = j;
    } else out += c;
  }
  return out;
}

/** Keys whose string value is prose: a record cut inside one keeps the partial text (the user checks the end). */
const PROSE_KEYS: ReadonlySet<string> = new Set([
  'content',
  'value',
  'text',
  'output',
  'completion',
  'prompt',
  'instruction',
  'input',
  'chosen',
  'rejected',
  'system',
  'refusal',
]);

/** An open container while scanning a cut-off record. */
interface Frame {
  close: '}' | ']';
  /** Objects: the next string is a key. */
  keyNext: boolean;
  /** Objects: keys completed so far, and the last one. */
  keys: Set<string>;
  lastKey: string;
  /** Arrays: where to cut to drop the element being written (its comma, or just after the `[`). */
  sep: number;
  /** Where to cut to drop this container from its parent array; -1 when the parent is not an array. */
  cutAt: number;
}

/**
 * Closes a cut-off record: ends an open string (dropping a half escape), drops a dangling comma, closes brackets.
 * When the cut leaves the last list element (a message) as a content-less fragment that cannot be valid — cut in
 * a key, after a key or colon, in a half literal, inside a role/name/id value, or a message with a role but no
 * content yet — that fragment is dropped instead (it holds no text the user wrote), e.g. `…},{"role":"assis`.
 */
export function closeTruncated(text: string): string {
  const stack: Frame[] = [];
  let inStr = false;
  let strStart = 0;
  let strIsKey = false;
  let strKey = '';
  let afterKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') {
        inStr = false;
        if (strIsKey && top) {
          const key = text.slice(strStart + 1, i);
          top.keys.add(key);
          top.lastKey = key;
          top.keyNext = false;
          afterKey = true;
        }
      }
    } else if (c === '"') {
      inStr = true;
      strStart = i;
      strIsKey = top?.close === '}' && top.keyNext;
      strKey = top?.close === '}' && !strIsKey ? top.lastKey : '';
    } else if (c === ':') afterKey = false;
    else if (c === ',' && top) {
      if (top.close === '}') top.keyNext = true;
      else top.sep = i;
    } else if (c === '{' || c === '[') {
      stack.push({ close: c === '{' ? '}' : ']', keyNext: c === '{', keys: new Set(), lastKey: '', sep: i + 1, cutAt: top?.close === ']' ? top.sep : -1 });
    } else if (c === '}' || c === ']') stack.pop();
  }
  const tail = text.replace(/[\s,]+$/, '');
  const inner = stack[stack.length - 1];
  const badCut = inStr
    ? strIsKey || (inner?.close === '}' && !PROSE_KEYS.has(strKey))
    : afterKey || /[:\-+.]$/.test(tail) || (/[A-Za-z]$/.test(tail) && !/(true|false|null)$/.test(tail));
  // The innermost list element that is an object, preferring one with a role (a message).
  const elements = stack.map((f, k) => ({ f, k })).filter(({ f }) => f.close === '}' && f.cutAt >= 0);
  const target = [...elements].reverse().find(({ f }) => f.keys.has('role')) ?? elements[elements.length - 1];
  const noText = (f: Frame) => ![...f.keys].some((k) => PROSE_KEYS.has(k) || k === 'tool_calls' || k === 'function_call');
  if (target && stack.slice(target.k).every(noText) && (badCut || target.f.keys.has('role'))) {
    const closers = stack.slice(0, target.k).map((f) => f.close);
    return text.slice(0, target.f.cutAt).replace(/\s+$/, '') + closers.reverse().join('');
  }
  let out = text;
  if (inStr) out = out.replace(/\\u[0-9a-fA-F]{0,3}$/, '').replace(/(^|[^\\])((?:\\\\)*)\\$/, '$1$2') + '"';
  else out = out.replace(/[\s,]+$/, '');
  return (
    out +
    stack
      .map((f) => f.close)
      .reverse()
      .join('')
  );
}
