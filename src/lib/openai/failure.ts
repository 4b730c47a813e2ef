// Reads example numbers out of OpenAI's failure messages ("Example 100, message 2 …", moderation
// "Flagged lines: 4, 13, …") so the UI can link them to the dataset. The uploaded file has one example per
// line, so a line number is an example number.

/** A piece of a failure message: plain text, or a reference to example `example` (1-based). */
export type MessagePart = { text: string; example?: number };

/** Matches "Example 12" / "example 12" and "line 12" / "lines 4, 13 and 20" / "Flagged lines: 4, 13, …". */
const REF_PATTERN = /\b(?:examples?|lines?)\b[:\s#]*((?:\d+(?:\s*(?:,|and|&)\s*)?)+)/gi;

/** Every example number mentioned in `message`, in order, without duplicates. */
export function exampleRefs(message: string): number[] {
  const seen = new Set<number>();
  for (const m of message.matchAll(REF_PATTERN)) {
    for (const n of m[1].match(/\d+/g) ?? []) {
      const v = Number(n);
      if (v > 0) seen.add(v);
    }
  }
  return [...seen];
}

/** Splits `message` into text and example-number parts so each number can be rendered as a link. */
export function linkifyExamples(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let last = 0;
  for (const m of message.matchAll(REF_PATTERN)) {
    const groupStart = (m.index ?? 0) + m[0].length - m[1].length;
    for (const n of m[1].matchAll(/\d+/g)) {
      const at = groupStart + (n.index ?? 0);
      if (at > last) parts.push({ text: message.slice(last, at) });
      parts.push({ text: n[0], example: Number(n[0]) });
      last = at + n[0].length;
    }
  }
  if (last < message.length) parts.push({ text: message.slice(last) });
  return parts;
}
