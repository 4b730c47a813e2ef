// The streaming check (one thread, in this process) gives exactly buildReport's report of the whole file: on every
// fixture, and on generated files that put each rare path past the first chunk (an invalid UTF-8 byte at 2 MB, a NUL
// byte at 3 MB, a character cut by a chunk boundary, 1,500 unparsable lines, a mixed file, an odd first record…).
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, reportEncoding } from '../lib/dataset/report';
import { createRecordReader } from '../lib/dataset/read';
import { getCounter } from '../lib/tokens/encodings';
import { generateGuideCorpus } from '../../tests/fixtures/report/gen-corpus';
import { checkFile, fastStats, MAX_FILE_BYTES } from './check';
import { FAST_CHUNK_BYTES } from './fast-pass';
import { CHUNK_BYTES } from './decode-stream';
import { main, writeJson } from './tuneset';
import { readText } from '../lib/dataset/read';
import { validateDataset } from '../lib/dataset/validate';
import { summarizeTargetFacts, targetDatasetIssues, targetExampleFacts, targetExampleIssues, TARGET_IDS, type TargetId } from '../lib/dataset/targets/index';

const root = new URL('../../', import.meta.url).pathname;
const NOW = new Date('2026-11-30T12:00:00Z');

async function expectSameAsBuildReport(file: string, model = 'gpt-4o-mini-2024-07-18'): Promise<void> {
  const counter = await getCounter(reportEncoding(model));
  const expected = buildReport({ file, bytes: readFileSync(file), model, counter, now: NOW });
  const got = await checkFile(file, { model, jobs: 1, now: NOW });
  if (!got.ok) throw new Error(got.message);
  // The CLI's report adds the target it was checked for (the format's default without --target).
  const { target, ...report } = got.report;
  expect(report).toEqual(expected);
  expect(target).toBe(expected.format === 'preference' || expected.format === 'trl_preference' ? 'openai-dpo' : 'openai');
  expect(got.binary).toBe(expected.format === 'binary');
}

function fixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? fixtures(join(dir, e.name)) : /\.(ts|mjs|md)$/.test(e.name) ? [] : [join(dir, e.name)],
  );
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tuneset-check-'));
});

describe('checkFile gives buildReport’s report', () => {
  it.each(fixtures(join(root, 'tests/fixtures')).map((f) => [f.slice(root.length)]))('%s', async (name) => {
    await expectSameAsBuildReport(join(root, name));
  });

  it('with gpt-3.5 (cl100k_base, 10 tokens per function) and an unknown model', async () => {
    const file = join(root, 'tests/fixtures/validate/tool-calls.jsonl');
    await expectSameAsBuildReport(file, 'gpt-3.5-turbo-0613');
    await expectSameAsBuildReport(file, 'my-own-model');
  });

  const write = (name: string, data: string | Uint8Array): string => {
    const file = join(dir, name);
    writeFileSync(file, data);
    return file;
  };
  const corpus = (mb: number, seed = 3): string => {
    let text = '';
    for (let n = 1; text.length < mb * 1e6; n++) text += generateGuideCorpus(200, seed + n, { wordScale: 0.3, longRate: 0.01 });
    return text;
  };

  it('a 3 MB corpus read in 1 MiB chunks, with CRLF line ends and characters cut by the chunk boundaries', async () => {
    const text = corpus(3).replaceAll('\n', '\r\n');
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * CHUNK_BYTES);
    await expectSameAsBuildReport(write('crlf.jsonl', text));
  });

  it('a UTF-8 BOM, then a byte that is not UTF-8 at 2 MB: all of it windows-1252, the line named', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(corpus(2.2)),
      Buffer.from('{"messages": [{"role": "user", "content": "caf\xe9"}]}\n', 'latin1'),
    ]);
    await expectSameAsBuildReport(write('late-1252-bom.jsonl', bytes));
    await expectSameAsBuildReport(write('late-1252.jsonl', bytes.subarray(3)));
  });

  it('a byte sequence cut at the end of the file (not UTF-8 only at the flush)', async () => {
    await expectSameAsBuildReport(write('cut-end.jsonl', Buffer.concat([Buffer.from(corpus(1.5)), Buffer.from([0xe6, 0x9d])])));
  });

  it('a NUL byte at 3 MB: binary, with the line of that byte', async () => {
    const text = corpus(3);
    const bytes = Buffer.from(text.slice(0, 3_000_000) + '\u0000' + text.slice(3_000_000));
    await expectSameAsBuildReport(write('late-nul.jsonl', bytes));
  });

  it('UTF-16 LE with a BOM over several chunks', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(corpus(1.2), 'utf16le')]);
    await expectSameAsBuildReport(write('utf16.jsonl', bytes));
  });

  it('1,500 unparsable lines (past the reader’s 1,000 reported one by one) among good ones', async () => {
    const good = corpus(0.3).split('\n').filter(Boolean);
    const lines: string[] = [];
    for (let i = 0; i < 1500; i++) lines.push(`not json ${i}`, good[i % good.length]);
    await expectSameAsBuildReport(write('many-bad.jsonl', lines.join('\n') + '\n'));
  });

  it('a mixed file whose majority format is not the first one, and a first record of no format', async () => {
    const pc = (i: number) => JSON.stringify({ prompt: `p${i}`, completion: `c${i}` });
    const chat = (i: number) =>
      JSON.stringify({
        messages: [
          { role: 'user', content: `u${i}` },
          { role: 'assistant', content: `a${i}` },
        ],
      });
    const mixed = [chat(0), chat(1), ...Array.from({ length: 20 }, (_, i) => pc(i))].join('\n');
    await expectSameAsBuildReport(write('mixed.jsonl', mixed));
    await expectSameAsBuildReport(write('odd-first.jsonl', ['{}', ...Array.from({ length: 12 }, (_, i) => pc(i))].join('\n')));
  });

  it('a pretty-printed file and a JSON array bigger than a chunk', async () => {
    const values = corpus(1.2)
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as unknown);
    await expectSameAsBuildReport(write('pretty.jsonl', values.map((v) => JSON.stringify(v, null, 2)).join('\n')));
    await expectSameAsBuildReport(write('array.json', JSON.stringify(values, null, 1)));
  });

  it('clean JSONL takes the fast pass (chunks of whole lines) and gives the same report: CRLF, blank and space-only lines, a BOM, duplicates, a first record of another format', async () => {
    const lines = corpus(2.5).split('\n').filter(Boolean);
    const pc = JSON.stringify({ prompt: 'p', completion: 'c' });
    const mixed: string[] = [pc, '', ...lines.slice(0, 50), '   ', lines[3], '\t', ...lines.slice(50), '', '  \r'];
    const before = { ...fastStats };
    await expectSameAsBuildReport(write('fast-lf.jsonl', mixed.join('\n')));
    await expectSameAsBuildReport(write('fast-crlf.jsonl', mixed.join('\r\n') + '\r\n'));
    await expectSameAsBuildReport(write('fast-bom.jsonl', '\uFEFF' + lines.join('\n') + '\n'));
    await expectSameAsBuildReport(write('fast-blank.jsonl', '\n \n\t\n'));
    expect(fastStats.fallbacks).toBe(before.fallbacks);
    // The first two files are read twice: their first record says prompt-completion, the file is chat.
    expect(fastStats.passes - before.passes).toBe(6);
    expect(fastStats.chunksHere - before.chunksHere).toBeGreaterThan((4 * 2.5e6) / FAST_CHUNK_BYTES);
  });

  it('what the fast pass cannot read as the core reader does goes the general way, with the same report', async () => {
    const lines = corpus(0.6).split('\n').filter(Boolean);
    const cases: [string, string | Uint8Array, string][] = [
      ['array-late.jsonl', '\n  \n' + ' [' + lines.slice(0, 5).join(', ') + ']\n', 'a JSON array'],
      ['array-first-line.jsonl', '[1, 2]\n' + lines.join('\n'), 'a JSON array'],
      ['two-boms.jsonl', '\uFEFF\uFEFF' + lines.join('\n'), 'two byte-order marks'],
      ['bad-line-late.jsonl', lines.join('\n') + '\n{"messages": [\n', 'a line that is not one JSON value'],
      ['nbsp-line.jsonl', lines.slice(0, 20).join('\n') + '\n\u00a0\n' + lines.slice(20).join('\n'), 'a line that is not one JSON value'],
      ['deep.jsonl', lines.slice(0, 12).join('\n') + '\n' + '['.repeat(1200) + ']'.repeat(1200) + '\n', 'a line that is not one JSON value'],
      ['cut-utf8.jsonl', Buffer.concat([Buffer.from(lines.join('\n')), Buffer.from([0xe6, 0x9d])]), 'not UTF-8'],
    ];
    for (const [name, data, reason] of cases) {
      const before = fastStats.fallbacks;
      await expectSameAsBuildReport(write(name, data));
      expect([name, fastStats.fallbacks - before, fastStats.lastFallback]).toEqual([name, 1, reason]);
    }
  });

  it('a single 5 MB line', async () => {
    const long = 'word '.repeat(1_000_000);
    await expectSameAsBuildReport(
      write(
        'long-line.jsonl',
        JSON.stringify({
          messages: [
            { role: 'user', content: 'hi' },
            { role: 'assistant', content: long },
          ],
        }),
      ),
    );
  });
});

describe('checkFile --target gives the core’s target issues', () => {
  const dir = join(root, 'tests/fixtures/targets');
  const cases = TARGET_IDS.flatMap((t) => readdirSync(join(dir, t)).map((f) => [t, f] as const));
  it.each(cases)('%s: %s', async (target, name) => {
    const file = join(dir, target, name);
    const read = readText(readFileSync(file, 'utf8'));
    const v = validateDataset(read.records.map((r) => (r.value === undefined ? { error: r.error, line: r.line } : { value: r.value, line: r.line })));
    const summary = summarizeTargetFacts(read.records.map((r) => targetExampleFacts(r.value)));
    const core = [
      ...targetDatasetIssues(target as TargetId, summary, v.datasetIssues),
      ...read.records.flatMap((r, i) => targetExampleIssues(target as TargetId, r.value, v.byExample[i], { example: i + 1, line: r.line })),
    ];
    const got = await checkFile(file, { jobs: 1, now: NOW, target: target as TargetId });
    if (!got.ok) throw new Error(got.message);
    expect(got.report.target).toBe(target);
    const key = (i: { code: string; severity: string; example?: number; path?: string }) => `${i.example ?? '-'} ${i.severity} ${i.code} ${i.path ?? ''}`;
    expect(
      got.report.issues
        .filter((i) => i.code !== 'example_too_long')
        .map(key)
        .sort(),
    ).toEqual(core.map(key).sort());
  });
});

describe('checkFile refuses what it cannot check, in one line', () => {
  it('a file over 512 MB (sparse), a folder, a missing file', async () => {
    const big = join(dir, 'big.jsonl');
    writeFileSync(big, '');
    const { truncateSync } = await import('node:fs');
    truncateSync(big, MAX_FILE_BYTES + 1);
    expect(statSync(big).size).toBe(MAX_FILE_BYTES + 1);
    const r = await checkFile(big, { jobs: 1 });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/over OpenAI's limit of 512 MB/) });
    expect(await checkFile(dir, { jobs: 1 })).toMatchObject({ ok: false, message: expect.stringMatching(/it is a folder/) });
    expect(await checkFile(join(dir, 'nope'), { jobs: 1 })).toMatchObject({ ok: false, message: expect.stringMatching(/no such file/) });
  });
});

describe('main', () => {
  it('shows progress on stderr for a file over 8 MB when asked (stderr is a terminal), and erases it', async () => {
    const file = join(dir, 'progress.jsonl');
    const line = JSON.stringify({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'word '.repeat(2000) },
      ],
    });
    writeFileSync(file, Array.from({ length: 900 }, (_, i) => line.replace('"q"', `"q${i}"`)).join('\n'));
    for (const progress of [true, false]) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(['check', file, '--jobs', '1'], { write: (s) => out.push(s), writeErr: (s) => err.push(s), progress });
      expect(code).toBe(0);
      expect(out.join('')).toContain('900 example(s)');
      if (progress) {
        expect(err[0]).toMatch(/^\r\x1b\[KChecking .*progress\.jsonl: \d+% \(\d+ of 9 MB\), [\d,]+ examples$/);
        expect(err.at(-1)).toBe('\r\x1b[K');
      } else expect(err).toEqual([]);
    }
  });
});

describe('writeJson', () => {
  it('writes JSON.stringify(report, null, 2) byte for byte, also piece by piece', async () => {
    const file = join(root, 'tests/fixtures/validate/quality-warnings.jsonl');
    const r = await checkFile(file, { jobs: 1, now: NOW });
    if (!r.ok) throw new Error(r.message);
    expect(r.report.issues.length).toBeGreaterThan(3);
    const whole: string[] = [];
    const pieces: string[] = [];
    writeJson(r.report, (s) => whole.push(s));
    writeJson(r.report, (s) => pieces.push(s), 1);
    expect(whole.join('')).toBe(JSON.stringify(r.report, null, 2) + '\n');
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(whole.join(''));
  });
});

describe('createRecordReader', () => {
  it('does not keep the records it handed out (a 512 MB file must not stay in memory)', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const reader = createRecordReader();
    const records = reader.push('{"messages": [{"role": "user", "content": "hello"}]}\n{"a": 1}\n');
    const count = records.length;
    const ref = new WeakRef(records[0].value as object);
    records.length = 0; // this test's own reference goes; only the reader could still hold the record
    const kept = createRecordReader().push('{"b": 2}\n'); // control: records still referenced stay
    const keptRef = new WeakRef(kept[0].value as object);
    await new Promise((r) => setImmediate(r)); // a WeakRef keeps its target alive until the current job ends
    gc();
    expect(count).toBe(2);
    expect(ref.deref()).toBeUndefined();
    expect(keptRef.deref()).toBe(kept[0].value);
    expect(reader.end().records).toEqual([]);
  });
});
