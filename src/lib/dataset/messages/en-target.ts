// English sentences of the target rules (dataset/targets/): why an example or a dataset does not fit the trainer
// it is going to, and how to fix it. `target` is the trainer's proper name (TargetInfo.name).
import type { At } from './types';

const ex = (at: At): string => `Example ${at.example ?? '?'}`;
const msg = (p: { msg: number }, at: At): string => `${ex(at)}, message ${p.msg}`;
const quote = (list: readonly string[]): string => list.map((s) => `"${s}"`).join(', ');

export const targetEn = {
  target_format: (p: { target: string; found: string; formats: readonly string[] }, at: At) =>
    `${ex(at)} is in ${p.found} format, which ${p.target} does not take (it takes ${p.formats.join(', ')}): convert it or choose another target.`,
  'target_format.dataset': (p: { target: string; found: string; count: number; to: string | null }) =>
    `${p.count} example(s) are in ${p.found} format, which ${p.target} does not train on${p.to ? `: choose the target ${p.to}` : ''}.`,
  target_extra_key: (p: { target: string; key: string; allowed: readonly string[] }, at: At) =>
    `${ex(at)} has the key "${p.key}", but ${p.target} refuses any column besides ${quote(p.allowed)}: remove it.`,
  target_role: (p: { target: string; msg: number; role: string | null; allowed: readonly string[] }, at: At) =>
    `${msg(p, at)} has role ${p.role ?? 'missing'}; ${p.target} takes only ${quote(p.allowed)}.`,
  target_alternation: (p: { target: string; msg: number }, at: At) =>
    `${msg(p, at)} has the same role as the message before it; ${p.target} needs user and assistant turns to alternate: merge them.`,
  target_first_turn: (p: { target: string; msg: number }, at: At) =>
    `${msg(p, at)} is the first turn after the system prompt and comes from the assistant; ${p.target} needs the conversation to start with the user: add the user's turn first.`,
  target_last_turn: (p: { target: string; msg: number }, at: At) =>
    `${msg(p, at)} ends the conversation without a reply; ${p.target} needs it to end with the assistant's turn: add the reply or remove the last turn.`,
  target_system_position: (p: { target: string; msg: number }, at: At) =>
    `${msg(p, at)} is a system message after the start; ${p.target} allows a system message only as the first one: move it up or merge it.`,
  target_no_assistant: (p: { target: string }, at: At) => `${ex(at)} has no assistant message; ${p.target} needs at least one reply to train on: write one.`,
  target_content_type: (p: { target: string; msg: number }, at: At) =>
    `${msg(p, at)} has content that is not plain text (images, or an empty or odd value); ${p.target} takes text only here: write it as text.`,
  target_tool_calls: (p: { target: string; msg: number }, at: At) => `${msg(p, at)} has tool calls, which ${p.target} does not take: remove the tool turns.`,
  target_many_calls: (p: { target: string; msg: number; count: number }, at: At) =>
    `${msg(p, at)} makes ${p.count} tool calls at once; ${p.target} holds one call per turn: split them.`,
  target_weight: (p: { target: string; msg: number; value: string }, at: At) =>
    `${msg(p, at)} has weight ${p.value}; ${p.target} takes only the integer 0 (don't train on it) or 1 (train on it).`,
  target_image_role: (p: { target: string; msg: number }, at: At) =>
    `${msg(p, at)} holds an image, but ${p.target} takes images only in user messages: move it.`,
  target_image_source: (p: { target: string; msg: number; part: number }, at: At) =>
    `${msg(p, at)}, content part ${p.part}: ${p.target} takes images only embedded as base64 JPEG, PNG or WEBP ("data:image/png;base64,…"), not links or other types.`,
  target_image_weight: (p: { target: string; msg: number }, at: At) =>
    `${msg(p, at)} holds an image and a weight; ${p.target} does not allow weight on image messages: remove the weight.`,
  target_preference_last: (p: { target: string }, at: At) =>
    `${ex(at)}: the last input message is from the assistant; ${p.target} needs the input to end with the user's turn that the two outputs answer.`,
  target_single_turn: (p: { target: string }, at: At) =>
    `${ex(at)} has more than one user turn; ${p.target} holds a single instruction and its output: split it or choose ShareGPT.`,
  target_sharegpt_turn: (p: { target: string; msg: number }, at: At) =>
    `${ex(at)}, turn ${p.msg}: ${p.target} needs {"from": "human" | "gpt" | "system" | "observation" | "function_call", "value": "text"}.`,
  target_alpaca_field: (p: { target: string; key: string }, at: At) => `${ex(at)}: ${p.target} needs "${p.key}" as text.`,
  target_too_few: (p: { target: string; count: number; min: number }) =>
    `${p.target} needs at least ${p.min} example(s); this dataset has ${p.count}: add more.`,
  target_too_many: (p: { target: string; count: number; max: number }) => `${p.target} takes at most ${p.max} examples; this dataset has ${p.count}: split it.`,
  target_mixed_formats: (p: { target: string; formats: readonly string[] }) =>
    `The dataset mixes formats (${p.formats.join(', ')}); ${p.target} refuses a file with more than one: keep one format per file.`,
  target_mixed_images: (p: { target: string; count: number; total: number }) =>
    `${p.count} of ${p.total} example(s) have images and the others are text only; ${p.target} does not mix them and drops the text-only ones: put them in separate datasets.`,
  target_weight_dropped: (p: { target: string; count: number }) =>
    `${p.count} example(s) use "weight", which ${p.target} does not have: the export drops it, so turns with weight 0 are trained on too.`,
  target_fits: (p: { target: string }) => `Fits ${p.target}.`,
  target_fits_not: (p: { target: string; count: number; reason: string }) => `Does not fit ${p.target}: ${p.count} error(s), first: ${p.reason}`,
};
