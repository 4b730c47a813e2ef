// Messages as data: a code and its params; the sentence is written at display time, in the reader's language, by
// one code-keyed function per language (messages/en*.ts, messages/zh*.ts). Pure types only.

/** Languages messages are written in. */
export type Lang = 'en' | 'zh';

/** A value a message may name: plain JSON data (structured-cloneable, serialisable into a report). */
export type ParamValue = string | number | boolean | null | readonly string[] | readonly number[] | Message | readonly Message[];

/** The values a message names, by name. `variant` picks one of a code's several sentences. */
export interface Params {
  readonly [name: string]: ParamValue | undefined;
}

/** A message as data: what to say (`code`) and the values it names. */
export interface Message {
  code: string;
  params: Params;
}

/** Where the thing a message is about sits (filled at render time: an example's number changes with every edit above it). */
export interface At {
  /** 1-based example number. */
  example?: number;
  /** 1-based source line. */
  line?: number;
}

/** Renders a nested message (e.g. a JSON syntax error inside an `invalid_json` issue) in the same language. */
export type Render = (m: Message) => string;

/** One sentence: params (typed per code in the English table), position, and a renderer for nested messages. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry declares its own params type
export type MessageFn = (p: any, at: At, r: Render) => string;

/** All sentences of one language, by message key (`code`, or `code.variant`). */
export type MessageTable = Readonly<Record<string, MessageFn>>;

/** The same keys and params as `T` (the English table): what every other language must provide. */
export type Translation<T> = { readonly [K in keyof T]: T[K] };

/** The params type of message key `K` of table `T`. */
export type ParamsOf<T, K extends keyof T> = T[K] extends (...args: infer A) => string ? (A extends [] ? object : A[0]) : never;
