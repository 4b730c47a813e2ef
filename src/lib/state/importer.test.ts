// The Importer in Node over the in-memory storage backend: a damaged file keeps every line, repairs wait for review,
// and the imported dataset is stored (a second Workspace over the same store sees it, as after a reload).
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryBackend } from '../storage/kv';
import { openTunesetDb, useTunesetDb } from '../storage/db';
import { Workspace } from './workspace.svelte';
import { Importer, type NoticeIssues } from './importer.svelte';

const line = (i: number) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `Q${i}` },
      { role: 'assistant', content: `A${i}` },
    ],
  });
const DAMAGED = '{"messages": [{"role": "user", "content": "cut off';

async function load(): Promise<Workspace> {
  const ws = new Workspace({ channel: null, journal: null });
  await ws.init(undefined);
  return ws;
}

async function stored(ws: Workspace): Promise<void> {
  await ws.library.stored(ws.meta!.id);
  await ws.flush();
  await new Promise((r) => setTimeout(r, 350)); // the remembered UI state
}

beforeEach(() => useTunesetDb(openTunesetDb({ backend: createMemoryBackend() })));

describe('Importer', () => {
  it('imports a damaged file keeping every line: broken ones come in as raw text, in place, and survive a reload', async () => {
    const ws = await load();
    const importer = new Importer(ws);
    const text = [line(1), DAMAGED, line(3), 'not json at all', line(5)].join('\n') + '\n';
    await importer.importFiles([new File([text], 'support.jsonl')]);
    // Broken lines may be offered for repair first; importing without repairs keeps them as they were.
    if (importer.review) await importer.rejectReview();
    expect(importer.review).toBeNull();
    expect(ws.meta?.name).toBe('support');
    expect(ws.examples.map((e) => e.line)).toEqual([1, 2, 3, 4, 5]);
    expect(ws.examples[1].raw).toBe(DAMAGED);
    expect(ws.examples[3].raw).toBe('not json at all');
    expect(ws.examples[0].original).toBe(line(1)); // untouched lines keep their exact text for export
    expect(importer.notice.map((n) => n.key)).toEqual(['import.imported', 'import.rawLines']);
    expect(importer.notice[1].params?.count).toBe(2);
    // What the file was detected as is named in the reader's language when shown: a catalog key, not English text.
    expect(importer.notice[0].params?.detected).toEqual({ label: 'detected.chat' });
    await stored(ws);

    const again = await load();
    expect(again.datasets.map((d) => [d.name, d.count])).toEqual([['support', 5]]);
    expect(again.examples.map((e) => e.raw ?? e.original)).toEqual(text.trimEnd().split('\n'));
  });

  it('offers repairs for review, applies the accepted ones, and appends a second file to the open dataset', async () => {
    const ws = await load();
    const importer = new Importer(ws);
    // "human"/"gpt" roles are a known alias: a proposed repair, not applied without the user's word.
    const aliased = JSON.stringify({
      messages: [
        { role: 'human', content: 'Hi' },
        { role: 'gpt', content: 'Hello!' },
      ],
    });
    await importer.importFiles([new File([[line(1), aliased].join('\n')], 'chats.jsonl')]);
    expect(importer.review?.repairs.length).toBeGreaterThan(0);
    expect(ws.meta).toBeNull(); // nothing is created while the review is open
    await importer.acceptReview(importer.review!.repairs);
    expect(ws.examples).toHaveLength(2);
    const roles = (ws.examples[1].value as { messages: { role: string }[] }).messages.map((m) => m.role);
    expect(roles).toEqual(['user', 'assistant']);

    await importer.importFiles([new File([line(7)], 'more.jsonl')], true);
    expect(ws.datasets).toHaveLength(1);
    expect(ws.examples).toHaveLength(3);
    ws.undo(); // the appended file is one undo step
    expect(ws.examples).toHaveLength(2);
  });

  it('names a binary file instead of importing it, and an empty file adds nothing', async () => {
    const ws = await load();
    const importer = new Importer(ws);
    await importer.importFiles([new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3])], 'picture.jsonl')]);
    expect(importer.notice[0].key).toBe('import.binary');
    expect(importer.binary?.file.name).toBe('picture.jsonl');
    await importer.importFiles([new File([''], 'empty.jsonl')]);
    expect(importer.notice[0].key).toBe('import.problems');
    expect((importer.notice[0].params?.problems as NoticeIssues).issues.map((i) => i.code)).toEqual(['empty_file']);
    expect(ws.datasets).toEqual([]);
  });

  it('streams a big file keeping every line exactly, across chunk ends and character widths, and names its BOM', async () => {
    const ws = await load();
    const importer = new Importer(ws);
    // Over the 4 MB a file is streamed from: lines with only narrow characters, lines with Chinese and emoji, a
    // Windows line end, a damaged line, and a line that starts with U+FEFF (not the file's BOM: it must stay).
    const lines: string[] = [];
    for (let i = 0, size = 0; size < 4_600_000; i++) {
      const content = i % 3 === 0 ? `第${i}个问题 😀 ` : `Question ${i}, café — `;
      lines.push(
        JSON.stringify({
          messages: [
            { role: 'user', content: content.repeat(20) },
            { role: 'assistant', content: `Answer ${i}` },
          ],
        }),
      );
      size += lines[i].length + 1;
    }
    lines.splice(5, 0, DAMAGED, '\uFEFF' + line(6));
    lines[9] += '\r';
    const text = '\uFEFF' + lines.join('\n') + '\n';
    await importer.importFiles([new File([text], 'big.jsonl')]);
    // The damaged line is offered for repair; the file's byte order mark is named, as a whole read names it.
    expect(importer.review?.issues.map((i) => i.code)).toContain('bom');
    await importer.rejectReview();
    expect(ws.examples).toHaveLength(lines.length);
    expect(ws.examples.map((e) => e.line)).toEqual(lines.map((_, i) => i + 1));
    // The exact source text of every line (a CR before LF is the line end, not text).
    expect(ws.examples.map((e) => e.original ?? e.raw)).toEqual(lines.map((l) => l.replace(/\r$/, '')));
    expect(ws.examples[6].raw).toBe('\uFEFF' + line(6));
  });
});
