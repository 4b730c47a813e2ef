// The real CLI, run as users run it (`tsx src/cli/tuneset.ts check FILE …`), compared with the guide's script port.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportSchema, type Report } from '../../src/lib/dataset/report';
import { runGuideScript, type GuideScriptOutput } from '../reference/guide-script';
import { generateGuideCorpus } from '../fixtures/report/gen-corpus';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const TOY = join(root, 'tests/fixtures/guide/toy_chat_fine_tuning.jsonl');
const fixture = (name: string) => join(root, 'tests/fixtures/report', name);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/tuneset.ts', ...args], { cwd: root, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

async function jsonReport(file: string, model = 'gpt-3.5-turbo-0613'): Promise<{ code: number; report: Report }> {
  const out = await cli('check', file, '--model', model, '--json');
  return { code: out.code, report: reportSchema.parse(JSON.parse(out.stdout)) };
}

function expectGuideFigures(r: Report, g: GuideScriptOutput): void {
  const fired = Object.fromEntries(Object.entries(r.guide.format_errors).filter(([, v]) => v > 0));
  expect(fired).toEqual(g.format_errors);
  expect([r.guide.missing_system, r.guide.missing_user]).toEqual([g.n_missing_system, g.n_missing_user]);
  expect(r.stats.messages_per_example).toEqual(g.distributions.num_messages_per_example);
  expect(r.stats.tokens_per_example).toEqual(g.distributions.num_total_tokens_per_example);
  expect(r.stats.assistant_tokens_per_example).toEqual(g.distributions.num_assistant_tokens_per_example);
  expect([r.too_long, r.epochs, r.billing_tokens, r.charged_tokens]).toEqual([
    g.n_too_long,
    g.n_epochs,
    g.n_billing_tokens_in_dataset,
    g.n_charged_tokens,
  ]);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tuneset-cli-'));
});

describe('tuneset check --json reproduces every figure of the guide’s script', () => {
  it('on the notebook’s toy data with --model gpt-3.5-turbo-0613', async () => {
    const { code, report } = await jsonReport(TOY);
    expectGuideFigures(report, runGuideScript(readFileSync(TOY, 'utf8'), 'cl100k_base', 4096));
    expect(report).toMatchObject({ encoding: 'cl100k_base', limit: 4096, examples: 5 });
    expect(code).toBe(1); // 5 examples: OpenAI requires at least 10, an error
  });

  it('on a generated article-style corpus of 150 examples (exit 0: no errors)', async () => {
    const file = join(dir, 'corpus.jsonl');
    const text = generateGuideCorpus(150, 42);
    writeFileSync(file, text);
    const { code, report } = await jsonReport(file);
    const g = runGuideScript(text, 'cl100k_base', 4096);
    expect(g.n_too_long).toBeGreaterThan(0);
    expectGuideFigures(report, g);
    expect(report.counts.error).toBe(0);
    expect(code).toBe(0);
  });
});

describe('tuneset check: human summary and exit codes', () => {
  it('the summary shows the guide’s check, labelled as such, beside ours, and the billing estimate', async () => {
    const out = await cli('check', TOY, '--model', 'gpt-3.5-turbo-0613');
    expect(out.code).toBe(1);
    expect(out.stdout).toContain("The guide's check");
    expect(out.stdout).toContain('Num examples missing system message: 1');
    expect(out.stdout).toContain('Tuneset found 1 error(s)');
    expect(out.stdout).toContain('will be truncated during fine-tuning');
    expect(out.stdout).toContain('~4306 tokens');
    expect(out.stdout).toContain('20 epoch(s)');
    expect(out.stdout).toContain('~86120 tokens');
  });

  it('invalid JSON lines are reported with their line numbers and exit 1', async () => {
    const { code, report } = await jsonReport(fixture('invalid-json.jsonl'));
    expect(code).toBe(1);
    expect(report.issues.filter((i) => i.code === 'invalid_json').map((i) => i.line)).toEqual([3, 7]);
  });

  it.each([
    ['binary.jsonl', 'binary_file'],
    ['empty.jsonl', 'empty_file'],
  ])('%s gives a report with %s and exit 1, not a crash', async (name, codeName) => {
    const { code, report } = await jsonReport(fixture(name));
    expect(code).toBe(1);
    expect(report.issues.map((i) => i.code)).toContain(codeName);
  });

  it('a Windows-1252 file is read, flagged not_utf8, and checked', async () => {
    const { report } = await jsonReport(fixture('windows-1252.jsonl'));
    expect(report.text_encoding).toBe('windows-1252');
    expect(report.issues.map((i) => i.code)).toContain('not_utf8');
    expect(report.examples).toBe(10);
  });

  it('a missing file or a folder exits 2 with a reason on stderr and nothing on stdout', async () => {
    const missing = await cli('check', join(dir, 'nope.jsonl'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    expect(missing.stdout).toBe('');
    const folder = await cli('check', dir, '--json');
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('folder');
  });

  it('a wrong command line exits 2 with the usage', async () => {
    const out = await cli('lint', TOY);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('Usage: tuneset check FILE');
  });

  it('without --model the default model (gpt-4o-mini, o200k_base, 65,536 tokens) is used', async () => {
    const out = await cli('check', TOY, '--json');
    const report = reportSchema.parse(JSON.parse(out.stdout));
    expect(report).toMatchObject({ model: 'gpt-4o-mini-2024-07-18', encoding: 'o200k_base', limit: 65536, too_long: 0 });
  });
});
