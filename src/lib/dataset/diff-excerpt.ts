// What the repair review shows of one change: the parts that differ, with enough unchanged text on both sides to
// judge them, and everything else elided with a count ("… 2,481,200 characters …"). Pure. Built on diffText, so a
// 5 MB line or one nested 1,000 levels deep shows the same small excerpt around its change as a short line does.
import { diffText, type DiffPart } from './diff-text.ts';

/** One piece of an excerpt: text (unchanged, removed or added), or a gap standing for `skipped` characters. */
export type ExcerptPart = { op: 'same' | 'del' | 'add'; text: string } | { op: 'gap'; skipped: number };

/** The before and after sides of a change, ready to render as text. */
export interface DiffExcerpt {
  /** Unchanged and removed text (and gaps) of the text before the change. */
  before: ExcerptPart[];
  /** Unchanged and added text (and gaps) of the text after the change. */
  after: ExcerptPart[];
  /** True when both texts are equal: there is nothing to review. */
  identical: boolean;
  /** Separate changes found, and how many of them are not shown (past `maxChanges`). */
  changes: number;
  hiddenChanges: number;
}

/** Limits of an excerpt; the defaults suit the repair review. */
export interface ExcerptOptions {
  /** Unchanged characters kept on each side of a change. */
  context?: number;
  /** Longest removed/added run shown whole; longer ones keep their first and last half of this. */
  maxChange?: number;
  /** Changes shown; later ones are summed up in a final gap. */
  maxChanges?: number;
}

export const EXCERPT_CONTEXT = 60;
export const EXCERPT_MAX_CHANGE = 240;
export const EXCERPT_MAX_CHANGES = 12;
/** Characters of a line's start always shown (which record this is), when the first change is further on. */
const LEAD = 40;
/** Fewest characters worth eliding. */
const MIN_GAP = 30;
/** Middles longer than this (diffText shows them as one removal + one addition) are diffed by resynchronising. */
const LONG_MIDDLE = 400;
/** Resynchronisation: how far ahead (sum of both offsets) to look, and how many equal characters make a match. */
const RESYNC_WINDOW = 96;
const RESYNC_RUN = 12;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** The first `n` code units of `s`, one less rather than half an emoji. */
const head = (s: string, n: number) => s.slice(0, n > 0 && isHigh(s.charCodeAt(n - 1)) ? n - 1 : n);
/** The last `n` code units of `s`, one less rather than half an emoji. */
const tail = (s: string, n: number) => {
  const from = s.length - n;
  return s.slice(from < s.length && isLow(s.charCodeAt(from)) ? from + 1 : from);
};

/**
 * Diff for display (same contract as diffText) that also finds several small changes far apart in a long text:
 * diffText treats a middle over 400 characters as one change, which would hide where a 5 MB line really changed.
 * Past the common prefix, equal runs are followed; at a difference, the nearest offsets (within RESYNC_WINDOW) where
 * both texts agree again for RESYNC_RUN characters end the change; when there are none, the rest is one change.
 */
export function diffParts(before: string, after: string): DiffPart[] {
  const parts = diffText(before, after);
  if (!parts.some((p) => p.op !== 'same' && p.text.length > LONG_MIDDLE)) return parts;
  // diffText gave [same prefix?, del?, add?, same suffix?]: resynchronise inside the middle only.
  const prefix = parts[0].op === 'same' ? parts[0].text : '';
  const last = parts[parts.length - 1];
  const suffix = parts.length > 1 && last.op === 'same' ? last.text : '';
  const a = before.slice(prefix.length, before.length - suffix.length);
  const b = after.slice(prefix.length, after.length - suffix.length);
  const out: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    if (!text) return;
    const prev = out[out.length - 1];
    if (prev && prev.op === op) out[out.length - 1] = { op, text: prev.text + text };
    else out.push({ op, text });
  };
  push('same', prefix);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    let k = 0;
    while (i + k < a.length && j + k < b.length && a.charCodeAt(i + k) === b.charCodeAt(j + k)) k++;
    // Never end an equal run inside a surrogate pair.
    if (k > 0 && i + k < a.length && isHigh(a.charCodeAt(i + k - 1))) k--;
    push('same', a.slice(i, i + k));
    i += k;
    j += k;
    if (i >= a.length || j >= b.length) break;
    let found = false;
    for (let d = 1; d <= RESYNC_WINDOW && !found; d++) {
      for (let di = Math.max(0, d - (b.length - j)); di <= Math.min(d, a.length - i); di++) {
        const dj = d - di;
        if (isLow(a.charCodeAt(i + di)) || isLow(b.charCodeAt(j + dj))) continue;
        const x = a.slice(i + di, i + di + RESYNC_RUN);
        // A match is a full run of equal characters, or the two remaining ends being equal.
        const full = x.length === RESYNC_RUN || (i + di + x.length === a.length && j + dj + x.length === b.length);
        if (full && x === b.slice(j + dj, j + dj + RESYNC_RUN)) {
          // The short changed stretch is diffed character by character.
          for (const p of diffText(a.slice(i, i + di), b.slice(j, j + dj))) push(p.op, p.text);
          i += di;
          j += dj;
          found = true;
          break;
        }
      }
    }
    if (!found) break;
  }
  push('del', a.slice(i));
  push('add', b.slice(j));
  push('same', suffix);
  return out;
}

/**
 * The excerpt of the change from `before` to `after`: every change (up to `maxChanges`) with `context` unchanged
 * characters on each side; longer unchanged runs and over-long changed runs become gaps. Joining a side's text
 * parts and gaps' lengths gives back that side's length.
 */
export function diffExcerpt(before: string, after: string, opts: ExcerptOptions = {}): DiffExcerpt {
  const context = opts.context ?? EXCERPT_CONTEXT;
  const maxChange = opts.maxChange ?? EXCERPT_MAX_CHANGE;
  const maxChanges = opts.maxChanges ?? EXCERPT_MAX_CHANGES;
  if (before === after) {
    const shown = head(before, context * 2);
    const parts: ExcerptPart[] = [{ op: 'same', text: shown }];
    if (shown.length < before.length) parts.push({ op: 'gap', skipped: before.length - shown.length });
    return { before: parts, after: parts, identical: true, changes: 0, hiddenChanges: 0 };
  }
  const parts = diffParts(before, after);
  const out = { before: [] as ExcerptPart[], after: [] as ExcerptPart[] };
  const push = (side: 'before' | 'after', p: ExcerptPart) => {
    if (p.op === 'gap' ? p.skipped <= 0 : p.text === '') return;
    const list = out[side];
    const last = list[list.length - 1];
    if (last && p.op === 'gap' && last.op === 'gap') list[list.length - 1] = { op: 'gap', skipped: last.skipped + p.skipped };
    else list.push(p);
  };
  const both = (p: ExcerptPart) => {
    push('before', p);
    push('after', p);
  };
  // Changes are runs of del/add parts between unchanged ones.
  let changes = 0;
  for (let i = 0; i < parts.length; i++) if (parts[i].op !== 'same' && (i === 0 || parts[i - 1].op === 'same')) changes++;
  let seen = 0;
  let beforeAt = 0;
  let afterAt = 0;
  // Changes past maxChanges are hidden only when what is left of the text is long (else it is shown whole).
  const shortRest = (b: number, a: number) => before.length - b <= 2 * context && after.length - a <= 2 * context;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.op !== 'same' && (i === 0 || parts[i - 1].op === 'same')) {
      seen++;
      if (seen > maxChanges && !shortRest(beforeAt, afterAt)) {
        push('before', { op: 'gap', skipped: before.length - beforeAt });
        push('after', { op: 'gap', skipped: after.length - afterAt });
        return { ...out, identical: false, changes, hiddenChanges: changes - maxChanges };
      }
    }
    const t = p.text;
    if (p.op === 'same') {
      const first = i === 0;
      const last = i === parts.length - 1;
      // Context before the next change is kept only if that change will be shown.
      const nextShown = !last && (seen < maxChanges || shortRest(beforeAt + t.length, afterAt + t.length));
      const keepHead = first ? Math.min(LEAD, context) : context;
      const keepTail = nextShown ? context : 0;
      // A gap must save real space: hiding a few characters behind "… 3 characters …" only gets in the way.
      if (t.length <= keepHead + keepTail + MIN_GAP) both({ op: 'same', text: t });
      else {
        const h = head(t, keepHead);
        const tl = keepTail > 0 ? tail(t, keepTail) : '';
        both({ op: 'same', text: h });
        both({ op: 'gap', skipped: t.length - h.length - tl.length });
        both({ op: 'same', text: tl });
      }
      beforeAt += t.length;
      afterAt += t.length;
    } else {
      const side = p.op === 'del' ? 'before' : 'after';
      if (t.length <= maxChange) push(side, { op: p.op, text: t });
      else {
        const h = head(t, Math.floor(maxChange / 2));
        const tl = tail(t, Math.floor(maxChange / 2));
        push(side, { op: p.op, text: h });
        push(side, { op: 'gap', skipped: t.length - h.length - tl.length });
        push(side, { op: p.op, text: tl });
      }
      if (p.op === 'del') beforeAt += t.length;
      else afterAt += t.length;
    }
  }
  return { ...out, identical: false, changes, hiddenChanges: 0 };
}
