// What every language's validation sentences share: the JSON snippets they quote (never translated) and the
// shapes of their params.
import type { DatasetFormat } from '../types';

/** A JSON type as validate/collector.ts `kind` names it (each language words it its own way). */
export type Kind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'other';
/** Where a message sits: its list (path), its number in an indexed list, its role once known. */
export type Place = { list: string; msg?: number; role?: string };

export const TOOL_SHAPE = '{"type": "function", "function": {"name": "...", "parameters": {...}}}';
export const CALL_SHAPE = '{"id": "call_1", "type": "function", "function": {"name": "...", "arguments": "{}"}}';
export const ARGS_EXAMPLE = '"{\\"city\\":\\"Paris\\"}"';
/** The shape of one record of each dataset format. */
export const SHAPES: Readonly<Record<DatasetFormat, string>> = {
  chat: '{"messages": [...]}',
  preference: '{"input": {...}, "preferred_output": [...], "non_preferred_output": [...]}',
  prompt_completion: '{"prompt": "...", "completion": "..."}',
};
