// Immutable edits of an example's JSON value, used by the structured editor. Every function returns a new value
// and leaves unrelated branches shared (so unchanged messages keep their identity). Unknown keys are preserved.

/** A path into a JSON value: object keys and array indexes. */
export type JsonPath = readonly (string | number)[];

type Obj = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads the value at `path`, or undefined when any step is missing. */
export function getIn(value: unknown, path: JsonPath): unknown {
  let cur: unknown = value;
  for (const key of path) {
    if (Array.isArray(cur) && typeof key === 'number') cur = cur[key];
    else if (isObject(cur) && typeof key === 'string') cur = cur[key];
    else return undefined;
  }
  return cur;
}

/**
 * Returns a copy of `value` with `fn(old)` at `path`; missing objects on the way are created.
 * When `fn` returns undefined on an object key, the key is removed (key order of the others is kept).
 */
export function updateIn(value: unknown, path: JsonPath, fn: (old: unknown) => unknown): unknown {
  if (path.length === 0) return fn(value);
  const [key, ...rest] = path;
  if (typeof key === 'number') {
    const arr = Array.isArray(value) ? value.slice() : [];
    const next = updateIn(arr[key], rest, fn);
    if (next === undefined) arr.splice(key, 1);
    else arr[key] = next;
    return arr;
  }
  const obj: Obj = isObject(value) ? { ...value } : {};
  const next = updateIn(obj[key], rest, fn);
  if (next === undefined) delete obj[key];
  else obj[key] = next;
  return obj;
}

/** Sets (or with undefined, removes) the value at `path`. */
export function setIn(value: unknown, path: JsonPath, v: unknown): unknown {
  return updateIn(value, path, () => v);
}

/** Where the editable message list of an example lives, by format. */
export function messagesPath(value: unknown): JsonPath {
  if (isObject(value) && isObject(value.input) && !('messages' in value)) return ['input', 'messages'];
  return ['messages'];
}

/** The example's message list (empty when absent or malformed). */
export function getMessages(value: unknown, path: JsonPath = messagesPath(value)): unknown[] {
  const list = getIn(value, path);
  return Array.isArray(list) ? list : [];
}

/** Applies `patch` to message `index`: each key set, or removed when its value is undefined. */
export function patchMessage(value: unknown, index: number, patch: Obj, path: JsonPath = messagesPath(value)): unknown {
  return updateIn(value, [...path, index], (old) => {
    const msg: Obj = isObject(old) ? { ...old } : {};
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete msg[k];
      else msg[k] = v;
    }
    return msg;
  });
}

/** Inserts `message` before position `index` (index = length appends). */
export function insertMessage(value: unknown, index: number, message: Obj, path: JsonPath = messagesPath(value)): unknown {
  return updateIn(value, path, (old) => {
    const list = Array.isArray(old) ? old.slice() : [];
    list.splice(Math.max(0, Math.min(index, list.length)), 0, message);
    return list;
  });
}

/** Removes message `index`. */
export function removeMessage(value: unknown, index: number, path: JsonPath = messagesPath(value)): unknown {
  return updateIn(value, path, (old) => (Array.isArray(old) ? old.filter((_, i) => i !== index) : []));
}

/** Moves message `from` so that it ends up at position `to` (both clamped to the list). */
export function moveMessage(value: unknown, from: number, to: number, path: JsonPath = messagesPath(value)): unknown {
  return updateIn(value, path, (old) => {
    const list = Array.isArray(old) ? old.slice() : [];
    if (from < 0 || from >= list.length) return list;
    const [m] = list.splice(from, 1);
    list.splice(Math.max(0, Math.min(to, list.length)), 0, m);
    return list;
  });
}

/** Inserts a copy of message `index` right after it. */
export function duplicateMessage(value: unknown, index: number, path: JsonPath = messagesPath(value)): unknown {
  const msg = getMessages(value, path)[index];
  return insertMessage(value, index + 1, structuredClone(isObject(msg) ? msg : {}), path);
}

/** The most common system prompt of `values` (chat format), to prefill a new example; '' when none. */
export function usualSystemPrompt(values: Iterable<unknown>, sampleLimit = 2000): string {
  const counts = new Map<string, number>();
  let seen = 0;
  for (const v of values) {
    if (++seen > sampleLimit) break;
    const first = getMessages(v)[0];
    if (isObject(first) && first.role === 'system' && typeof first.content === 'string') {
      counts.set(first.content, (counts.get(first.content) ?? 0) + 1);
    }
  }
  let best = '';
  let bestN = 0;
  for (const [text, n] of counts) if (n > bestN) [best, bestN] = [text, n];
  return best;
}

/**
 * A fresh example value in `format`, prefilled with `system` for chat and preference data. `systemBox` gives it a
 * system message even without a prompt to prefill (empty, to be written): a new dataset's first example, so the
 * system prompt OpenAI's guide asks for is a box to type into, not a message to insert and re-role.
 */
export function templateExample(format: 'chat' | 'preference' | 'prompt_completion', system = '', opts: { systemBox?: boolean } = {}): Obj {
  if (format === 'prompt_completion') return { prompt: '', completion: '' };
  const msgs: Obj[] = [];
  if (system || opts.systemBox) msgs.push({ role: 'system', content: system });
  msgs.push({ role: 'user', content: '' });
  if (format === 'preference') {
    return {
      input: { messages: msgs },
      preferred_output: [{ role: 'assistant', content: '' }],
      non_preferred_output: [{ role: 'assistant', content: '' }],
    };
  }
  msgs.push({ role: 'assistant', content: '' });
  return { messages: msgs };
}

/** The first line of the first user message (list preview); falls back to the first text found. */
export function previewText(value: unknown, max = 140): string {
  const pick = (s: string) => s.trim().split('\n', 1)[0].slice(0, max);
  if (isObject(value)) {
    if (typeof value.prompt === 'string') return pick(value.prompt);
    for (const m of getMessages(value)) {
      if (isObject(m) && m.role === 'user') {
        if (typeof m.content === 'string') return pick(m.content);
        if (Array.isArray(m.content)) {
          const part = m.content.find((p) => isObject(p) && typeof p.text === 'string') as Obj | undefined;
          if (part) return pick(String(part.text));
        }
      }
    }
    for (const m of getMessages(value)) if (isObject(m) && typeof m.content === 'string' && m.content.trim()) return pick(m.content);
  }
  return '';
}
