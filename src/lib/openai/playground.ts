// Playground helpers: the prompt to start from (an example minus its final assistant turns) and the new
// example made from an exchange. Pure.
import { fineTunedBase } from '../models/catalog';

/** A chat message as the playground edits it. */
export interface ChatTurn {
  role: string;
  content: string;
}

/** Text of a message content (string, or the text parts of an array); '' when none. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (p && typeof p === 'object' && 'text' in p && typeof p.text === 'string' ? p.text : '')).join('');
  return '';
}

/**
 * The prompt to start from: the example's messages up to and including its last user message, as plain
 * text turns (tool turns and non-text parts are dropped). Null when there is no user message.
 */
export function promptFromExample(messages: unknown[] | null): ChatTurn[] | null {
  if (!messages) return null;
  const turns = messages.flatMap((m): ChatTurn[] => {
    if (!m || typeof m !== 'object') return [];
    const { role, content } = m as { role?: unknown; content?: unknown };
    return (role === 'system' || role === 'user' || role === 'assistant') && textOf(content) !== '' ? [{ role, content: textOf(content) }] : [];
  });
  const lastUser = turns.map((t) => t.role).lastIndexOf('user');
  return lastUser < 0 ? null : turns.slice(0, lastUser + 1);
}

/** A new chat example: the prompt followed by the chosen reply. */
export function exampleFromExchange(prompt: readonly ChatTurn[], reply: string): { messages: ChatTurn[] } {
  return { messages: [...prompt.map((t) => ({ role: t.role, content: t.content })), { role: 'assistant', content: reply }] };
}

/** The base model to compare a fine-tuned model with (`ft:<base>:…` → `<base>`), or `fallback`. */
export function baseModelOf(model: string, fallback: string): string {
  return fineTunedBase(model) ?? fallback;
}
