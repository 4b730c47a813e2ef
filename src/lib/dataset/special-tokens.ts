// Special-token strings that may appear by accident in training text (copied chat logs, templated data).
// The lists come from the tiktoken encodings (cl100k_base, o200k_base) and common chat templates; finding one
// is a warning, never an error: how OpenAI's training pipeline tokenizes them is not documented.

/** Where a special-token string comes from (used to word the warning). */
export type SpecialTokenFamily = 'tiktoken' | 'chatml' | 'template';

/** One known special-token string. */
export interface SpecialToken {
  text: string;
  family: SpecialTokenFamily;
}

/** Special tokens of cl100k_base and o200k_base (js-tiktoken's `special_tokens` tables). */
export const TIKTOKEN_SPECIAL_TOKENS: readonly string[] = ['<|endoftext|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|endofprompt|>'];

/** ChatML turn markers (OpenAI's chat markup; also used by Qwen and many open-model chat templates). */
export const CHATML_TOKENS: readonly string[] = ['<|im_start|>', '<|im_end|>', '<|im_sep|>'];

/** Turn markers of other common chat templates (Llama 3, Phi-3, …) that leak in from exported chat logs. */
export const TEMPLATE_TOKENS: readonly string[] = [
  '<|begin_of_text|>',
  '<|end_of_text|>',
  '<|start_header_id|>',
  '<|end_header_id|>',
  '<|eot_id|>',
  '<|eom_id|>',
  '<|system|>',
  '<|user|>',
  '<|assistant|>',
  '<|end|>',
];

/** Lookup from token text to its family. */
const FAMILY: ReadonlyMap<string, SpecialTokenFamily> = new Map([
  ...TIKTOKEN_SPECIAL_TOKENS.map((t) => [t, 'tiktoken'] as const),
  ...CHATML_TOKENS.map((t) => [t, 'chatml'] as const),
  ...TEMPLATE_TOKENS.map((t) => [t, 'template'] as const),
]);

/** The family of a known special-token string ('template' for one this module does not know). */
export function specialTokenFamily(text: string): SpecialTokenFamily {
  return FAMILY.get(text) ?? 'template';
}

/** Any `<|word|>` marker; matches are then looked up in FAMILY (unknown words are ignored). */
const MARKER = /<\|[a-z_]{2,24}\|>/g;

/**
 * The distinct known special-token strings in `text`, in order of first appearance. Fast path: text without
 * `<|` costs one indexOf. Returns an empty array when there are none.
 */
export function findSpecialTokens(text: string): SpecialToken[] {
  if (text.indexOf('<|') === -1) return [];
  const found: SpecialToken[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(MARKER)) {
    const family = FAMILY.get(m[0]);
    if (family && !seen.has(m[0])) {
      seen.add(m[0]);
      found.push({ text: m[0], family });
    }
  }
  return found;
}

/**
 * A hedged, plain-language explanation of why the given tokens deserve a look and what to do.
 * `where` names the place, e.g. "Example 3, message 2 (user)".
 */
export function describeSpecialTokens(where: string, tokens: SpecialToken[]): string {
  const list = tokens.map((t) => `'${t.text}'`).join(', ');
  const families = new Set(tokens.map((t) => t.family));
  const why: string[] = [];
  if (families.has('tiktoken')) {
    why.push(
      "it is a special token of OpenAI's tokenizers (cl100k_base/o200k_base); OpenAI does not document how training " +
        'treats it (most likely as plain text), and tools such as tiktoken refuse it by default',
    );
  }
  if (families.has('chatml')) {
    why.push('ChatML turn markers usually mean a chat log was pasted in with its markup');
  }
  if (families.has('template')) {
    why.push("another model's chat-template marker usually means a chat log was pasted in with its markup");
  }
  return (
    `${where} contains ${list}: ${why.join('; ')}. ` +
    `Remove ${tokens.length > 1 ? 'them' : 'it'} unless the model must learn to write ${tokens.length > 1 ? 'them' : 'it'} literally.`
  );
}
