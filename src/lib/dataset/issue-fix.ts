// "Fix all N examples with this issue": which validation codes have a mechanical fix (one that needs no judgement
// and invents no text), and that fix as a function from an example to its fixed version. Value fixes reuse the import
// repairs (repair.ts), so a record fixed in bulk ends exactly as the same record repaired at import. Pure.
import { applyRepairs, proposeRepairs, type RepairKind } from './repair.ts';
import type { DatasetFormat, Example } from './types.ts';
import { isObject } from './edit.ts';

/** The mechanical fix of a code: one import repair, inserting the dataset's usual system prompt, or a role rename. */
export type IssueFix = { kind: 'repair'; repair: RepairKind } | { kind: 'insertSystem' } | { kind: 'developerToSystem' };

/**
 * Codes with a mechanical fix. Not here on purpose: wording and structure problems (empty text, last message not
 * from the assistant, special tokens in text…): every fix of those changes what the model learns, so a person decides.
 */
export const ISSUE_FIXES: Readonly<Record<string, IssueFix>> = {
  missing_system_message: { kind: 'insertSystem' }, // the dataset's most common system prompt, as the template does
  weight_invalid: { kind: 'repair', repair: 'weight_type' }, // true/false/"1"/"0" → 1/0 (other values stay, as at import)
  missing_content: { kind: 'repair', repair: 'content_key' }, // "text" → "content"
  message_extra_key: { kind: 'repair', repair: 'content_key' }, // the extra key is "text" (others stay)
  unknown_role: { kind: 'repair', repair: 'role_alias' }, // human/gpt/bot… → user/assistant
  developer_role: { kind: 'developerToSystem' },
  content_null: { kind: 'repair', repair: 'null_content' }, // a null system message is removed; null user/tool text → ""
  tool_call_arguments_not_string: { kind: 'repair', repair: 'arguments_to_string' },
  foreign_format: { kind: 'repair', repair: 'foreign_format' }, // ShareGPT/Alpaca/TRL record → the dataset's format
};

/** The mechanical fix of `code`, if it has one. */
export function issueFixOf(code: string): IssueFix | undefined {
  return Object.hasOwn(ISSUE_FIXES, code) ? ISSUE_FIXES[code] : undefined;
}

/** What a fix needs to know about the dataset. */
export interface FixContext {
  format: DatasetFormat;
  /** The dataset's most common system prompt ('' when it has none: then missing_system_message has no fix). */
  systemPrompt: string;
}

/** True when `code` can be fixed mechanically in this dataset. */
export function canFix(code: string, ctx: FixContext): boolean {
  const fix = issueFixOf(code);
  return fix !== undefined && (fix.kind !== 'insertSystem' || ctx.systemPrompt !== '');
}

/** A new example with `value` (id, line and meta kept; the source bytes dropped: it is written anew). */
const withValue = (ex: Example, value: unknown): Example => {
  const { original: _original, raw: _raw, ...rest } = ex;
  return { ...rest, value };
};

/** One import repair applied to a parsed value; undefined when it does not apply. */
function repairValue(value: unknown, kind: RepairKind, format: DatasetFormat): unknown {
  const record = { line: 1, endLine: 1, text: JSON.stringify(value), value };
  const accepted = proposeRepairs([record], { format }).filter((r) => r.kind === kind);
  if (!accepted.length) return undefined;
  const [out, ...more] = applyRepairs([record], accepted, { format });
  return more.length || out === record || out.value === undefined ? undefined : out.value;
}

/** The function fixing `code` in one example (null: nothing to fix there); every example gets null when it has no fix. */
export function issueFixer(code: string, ctx: FixContext): (ex: Example) => Example | null {
  const fix = issueFixOf(code);
  if (!fix || !canFix(code, ctx)) return () => null;
  return (ex) => {
    const v = ex.value;
    if (!isObject(v)) return null;
    switch (fix.kind) {
      case 'repair': {
        const next = repairValue(v, fix.repair, ctx.format);
        return next === undefined ? null : withValue(ex, next);
      }
      case 'insertSystem': {
        const msgs = v.messages;
        if (!Array.isArray(msgs) || msgs.some((m) => isObject(m) && (m.role === 'system' || m.role === 'developer'))) return null;
        return withValue(ex, { ...v, messages: [{ role: 'system', content: ctx.systemPrompt }, ...msgs] });
      }
      case 'developerToSystem': {
        const rename = (list: unknown) =>
          Array.isArray(list) ? list.map((m) => (isObject(m) && m.role === 'developer' ? { ...m, role: 'system' } : m)) : list;
        const input = isObject(v.input) ? { ...v.input, messages: rename(v.input.messages) } : v.input;
        const next = { ...v, ...('messages' in v ? { messages: rename(v.messages) } : {}), ...('input' in v ? { input } : {}) };
        return JSON.stringify(next) === JSON.stringify(v) ? null : withValue(ex, next);
      }
    }
  };
}
