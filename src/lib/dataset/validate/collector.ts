// What every rule shares: the collector that records an example's issues as data (code, params, position), the
// description of a list of messages being checked, and the running state across one example's messages.
import type { Issue } from '../types';
import type { ParamsOf } from '../messages/types';
import type { Kind } from '../messages/shapes';
import { makeIssue } from '../messages/render';
import type { validateEn } from '../messages/en-validate';
import { findSpecialTokens } from '../special-tokens';
import { VALIDATION_CODES, type ValidationCode } from './codes';

/** A message key of the validator: a code, or `code.variant` when the code has several sentences. */
export type ValidateKey = keyof typeof validateEn;

/** The params message `key` names. */
export type ValidateParams<K extends ValidateKey> = ParamsOf<typeof validateEn, K>;

/** The JSON type of a value, named in messages ("not a list"): a token each language words its own way. */
export type ValueKind = Kind;

/** The JSON type of `value`, for messages. */
export function kind(value: unknown): ValueKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'object' || t === 'string' || t === 'number' || t === 'boolean' ? t : 'other';
}

/** Collects the issues of one example with its position filled in. */
export class Collector {
  readonly issues: Issue[] = [];
  constructor(
    readonly example: number,
    readonly line: number | undefined,
  ) {}
  add<K extends ValidateKey>(key: K, params: ValidateParams<K>, path?: string, messageIndex?: number): void {
    const dot = key.indexOf('.');
    const code = (dot < 0 ? key : key.slice(0, dot)) as ValidationCode;
    this.issues.push(makeIssue(VALIDATION_CODES[code], key, params as object, { line: this.line, example: this.example, message_index: messageIndex, path }));
  }
}

/** How messages are checked: supervised chat, or preference (text only, no weights). */
export type Mode = 'supervised' | 'preference';

/** Which list a message sits in (its path), named in messages ("input message 2", "preferred_output"). */
export type ListName = 'messages' | 'input.messages' | 'preferred_output' | 'non_preferred_output';

/** A list of messages being checked: where it sits, and what it may contain. */
export interface MessageList {
  c: Collector;
  mode: Mode;
  /** Path of the list. */
  path: ListName;
  /** Whether issues carry message_index (false for preference outputs, which are not "the" message list). */
  indexed: boolean;
  /** Function names declared in `tools`, or null when the example declares no tools. */
  toolNames: Set<string> | null;
}

/** Where a message is, as params: its list, its 1-based number in an indexed list, and its role once known. */
export interface MessagePlace {
  [name: string]: string | number | undefined;
  list: ListName;
  msg?: number;
  role?: string;
}

/** The place of message `i` of `list` (with `role` once it is known). */
export function placeOf(list: MessageList, i: number, role?: string): MessagePlace {
  const place: MessagePlace = { list: list.path };
  if (list.indexed) place.msg = i + 1;
  if (role !== undefined) place.role = role;
  return place;
}

/** Running state across one example's messages (tool-call bookkeeping, image count). */
export interface ChatState {
  /** Call id → index of the message that made it. */
  calls: Map<string, number>;
  answered: Set<string>;
  images: number;
}

/** A fresh state for one example. */
export function newState(): ChatState {
  return { calls: new Map(), answered: new Set(), images: 0 };
}

/**
 * Special tokens in one piece of text (`where`: the message's place, or the prompt/completion field): those of
 * OpenAI's own tokenizers are errors, as OpenAI refuses the file ("message contains an invalid token"); other models'
 * chat markup (ChatML, templates) is a warning.
 */
export function checkText(c: Collector, text: string, where: MessagePlace | { field: 'prompt' | 'completion' }, path: string, messageIndex?: number): void {
  const tokens = findSpecialTokens(text);
  if (tokens.length === 0) return;
  const refused = tokens.filter((t) => t.family === 'tiktoken').map((t) => t.text);
  const markup = tokens.filter((t) => t.family !== 'tiktoken').map((t) => t.text);
  if (refused.length) c.add('invalid_token', { ...where, tokens: refused }, path, messageIndex);
  if (markup.length) c.add('special_tokens', { ...where, tokens: markup }, path, messageIndex);
}
