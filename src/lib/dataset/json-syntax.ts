// Parsing one record's JSON without ever throwing, and saying in plain words where and why it is not JSON
// (used by the reader, the raw editor's diagnostics and the CLI).
import type { ParseError } from './types.ts';
import { message } from './messages/index.ts';
import type { Message } from './messages/types.ts';

/** Nesting depth (brackets) above which a record is refused as `too_deep`; real training records use < 10. */
export const MAX_DEPTH = 1000;

export type ParsedJson = { ok: true; value: unknown; deep: boolean } | { ok: false; error: ParseError; deep: boolean };

/** JSON.parse that never throws; failures are located by `locateJsonError` (its offsets are engine-independent). */
export function parseOrError(text: string): ParsedJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, error: { code: 'json.too_deep', params: { max: MAX_DEPTH }, line: 1, column: 1 }, deep: true };
    const found = locateJsonError(text);
    const { line, column } = lineColumn(text, found.offset);
    return { ok: false, error: { code: found.error.code, params: found.error.params, line, column }, deep: found.deep };
  }
  // Deep nesting needs at least 2 characters per level: skip the walk for short texts.
  const deep = text.length > 2 * MAX_DEPTH && depthExceeds(value, MAX_DEPTH);
  return { ok: true, value, deep };
}

/** Iterative depth check of a parsed value (no recursion: the value itself may be 100,000 levels deep). */
export function depthExceeds(root: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > max) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const child of children) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return false;
}

/** 1-based line and column (UTF-16 code units) of `offset` inside `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Sticky regex for a JSON number at a position. */
const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Find where and why `text` is not valid JSON, in plain words. An iterative syntax walk (explicit stack, no
 * recursion), used only after JSON.parse failed, so engines' differing error messages do not matter.
 */
export function locateJsonError(text: string): { offset: number; error: Message; deep: boolean } {
  const n = text.length;
  const stack: number[] = []; // 1 = object, 2 = array
  type Expect = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'commaOrEnd' | 'done';
  let expect: Expect = 'value';
  let i = 0;
  // Deepest nesting seen: a line nested too deep is `too_deep` even when its syntax error comes after the deep part.
  let maxDepth = 0;
  const fail = (offset: number, error: Message) => ({ offset, error, deep: Math.max(maxDepth, stack.length) > MAX_DEPTH });
  for (;;) {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    if (i >= n) {
      if (expect === 'done') return fail(n, message('json.not_json'));
      if (stack.length === 0) return fail(n, message('json.empty'));
      return fail(n, message('json.cut_off', { open: stack.length }));
    }
    const c = text[i];
    if (expect === 'done') {
      return fail(i, message('json.after_end', { found: c }));
    }
    if (expect === 'colon') {
      if (c !== ':') return fail(i, message('json.expected_colon', { found: c }));
      i++;
      expect = 'value';
      continue;
    }
    if (expect === 'commaOrEnd') {
      const inObject = stack[stack.length - 1] === 1;
      if (c === ',') {
        i++;
        expect = inObject ? 'key' : 'value';
        continue;
      }
      if ((inObject && c === '}') || (!inObject && c === ']')) {
        stack.pop();
        i++;
        expect = stack.length > 0 ? 'commaOrEnd' : 'done';
        continue;
      }
      return fail(i, message('json.expected_comma', { close: inObject ? '}' : ']', found: c }));
    }
    if (expect === 'key' || expect === 'keyOrEnd') {
      if (c === '}' && expect === 'keyOrEnd') {
        stack.pop();
        i++;
        expect = stack.length > 0 ? 'commaOrEnd' : 'done';
        continue;
      }
      if (c === '}') return fail(i, message('json.trailing_comma', { close: '}' }));
      if (c !== '"') {
        return fail(i, c === "'" ? message('json.single_quoted_key') : message('json.expected_key', { found: c }));
      }
      const e = checkString(text, i);
      if (typeof e !== 'number') return fail(e.offset, e.error);
      i = e;
      expect = 'colon';
      continue;
    }
    // expect value / valueOrEnd
    if (c === ']' && expect === 'valueOrEnd') {
      stack.pop();
      i++;
      expect = stack.length > 0 ? 'commaOrEnd' : 'done';
      continue;
    }
    if (c === ']') return fail(i, message('json.trailing_comma', { close: ']' }));
    if (c === '{' || c === '[') {
      stack.push(c === '{' ? 1 : 2);
      if (stack.length > maxDepth) maxDepth = stack.length;
      i++;
      expect = c === '{' ? 'keyOrEnd' : 'valueOrEnd';
      continue;
    }
    if (c === '"') {
      const e = checkString(text, i);
      if (typeof e !== 'number') return fail(e.offset, e.error);
      i = e;
      expect = stack.length > 0 ? 'commaOrEnd' : 'done';
      continue;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER_RE.lastIndex = i;
      const m = NUMBER_RE.exec(text);
      if (!m) return fail(i, message('json.invalid_number'));
      i += m[0].length;
      expect = stack.length > 0 ? 'commaOrEnd' : 'done';
      continue;
    }
    const word = /^(true|false|null)\b/.exec(text.slice(i, i + 6));
    if (word) {
      i += word[1].length;
      expect = stack.length > 0 ? 'commaOrEnd' : 'done';
      continue;
    }
    if (c === "'") return fail(i, message('json.single_quoted_string'));
    if (/^(NaN|Infinity|-Infinity|None|True|False)/.test(text.slice(i, i + 9))) {
      return fail(i, message('json.python_literal'));
    }
    return fail(i, message('json.unexpected_value', { found: c }));
  }
}

/** Validate the string at `start`; the offset after its closing quote, or where and why it is broken. */
function checkString(text: string, start: number): number | { offset: number; error: Message } {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, error: message('json.bad_unicode_escape') };
        i += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
      else return { offset: i, error: message('json.bad_escape', { escape: e ?? '' }) };
    } else if (c === 10) return { offset: i, error: message('json.string_unclosed') };
    else if (c < 32) return { offset: i, error: message('json.control_char') };
  }
  return { offset: text.length, error: message('json.cut_in_string') };
}
