// The real CLI, run as users run it — the built bin (`node dist-cli/tuneset.mjs check FILE …`, which `npx tuneset`
// and `npm run tuneset` run) — compared with the guide's script port; exit codes 0/1/2 and every kind of bad input;
// one thread and several give the same report. The bin is built first (scripts/build-cli.mjs), from the sources.
import { execFile } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportSchema, type Report } from '../../src/lib/dataset/report';
import { runGuideScript, type GuideScriptOutput } from '../reference/guide-script';
import { generateGuideCorpus } from '../fixtures/report/gen-corpus';
import { buildCli, CLI_BUNDLE } from '../../scripts/build-cli.mjs';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const TOY = join(root, 'tests/fixtures/guide/toy_chat_fine_tuning.jsonl');
const fixture = (name: string) => join(root, 'tests/fixtures/report', name);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** An English locale, whatever the machine's (the language of the summary follows the locale). */
const ENGLISH = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };

async function cli(...args: string[]): Promise<Outcome> {
  return cliIn(ENGLISH, ...args);
}

async function cliIn(locale: Record<string, string>, ...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI_BUNDLE, ...args], { cwd: root, maxBuffer: 256 << 20, env: { ...process.env, ...locale } });
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
  expect([r.too_long, r.epochs, r.billing_tokens, r.charged_tokens]).toEqual([g.n_too_long, g.n_epochs, g.n_billing_tokens_in_dataset, g.n_charged_tokens]);
}

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuneset-cli-'));
  await buildCli();
}, 120_000);

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

  it('--lang zh (or a Chinese locale) writes the summary and the report messages in Chinese; params stay the same', async () => {
    const zh = await cli('check', TOY, '--model', 'gpt-3.5-turbo-0613', '--lang', 'zh');
    expect(zh.code).toBe(1);
    expect(zh.stdout).toContain('Tuneset 发现 1 个错误');
    expect(zh.stdout).toContain('微调时会被截断');
    expect(zh.stdout).toContain('Num examples missing system message: 1'); // the guide's own counters keep its names
    const fromLocale = await cliIn({ LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' }, 'check', TOY, '--model', 'gpt-3.5-turbo-0613');
    expect(fromLocale.stdout).toBe(zh.stdout);
    const overridden = await cliIn({ LANG: 'zh_CN.UTF-8' }, 'check', TOY, '--model', 'gpt-3.5-turbo-0613', '--lang=en');
    expect(overridden.stdout).toContain('Tuneset found 1 error(s)');

    const en = reportSchema.parse(JSON.parse((await cli('check', TOY, '--model', 'gpt-3.5-turbo-0613', '--json')).stdout));
    const zhReport = reportSchema.parse(JSON.parse((await cli('check', TOY, '--model', 'gpt-3.5-turbo-0613', '--json', '--lang', 'zh')).stdout));
    expect(zhReport.issues.map((i) => [i.code, i.params])).toEqual(en.issues.map((i) => [i.code, i.params]));
    const error = zhReport.issues.find((i) => i.severity === 'error')!;
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(error.message).not.toBe(en.issues.find((i) => i.severity === 'error')!.message);
    expect((await cli('check', TOY, '--lang', 'fr')).code).toBe(2);
  });

  it('invalid JSON lines are reported with their line numbers and exit 1', async () => {
    const { code, report } = await jsonReport(fixture('invalid-json.jsonl'));
    expect(code).toBe(1);
    expect(report.issues.filter((i) => i.code === 'invalid_json').map((i) => i.line)).toEqual([3, 7]);
  });

  it('an empty file gives a report with empty_file and exit 1, not a crash', async () => {
    const { code, report } = await jsonReport(fixture('empty.jsonl'));
    expect(code).toBe(1);
    expect(report.issues.map((i) => i.code)).toContain('empty_file');
  });

  it('a binary file exits 2 with one line saying what it is; --json still prints its report', async () => {
    const human = await cli('check', fixture('binary.jsonl'));
    expect(human.code).toBe(2);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(/^Cannot check ".*binary\.jsonl": .*binary file.*PNG image.*\n$/);
    expect(human.stderr.trim().split('\n')).toHaveLength(1);
    const { code, report } = await jsonReport(fixture('binary.jsonl'));
    expect(code).toBe(2);
    expect(report).toMatchObject({ format: 'binary', text_encoding: 'binary', examples: 0 });
    expect(report.issues.map((i) => i.code)).toContain('binary_file');
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
    for (const bad of [['--jobs', '0'], ['--jobs', 'many'], ['--jobs'], ['--bogus']]) {
      const o = await cli('check', TOY, ...bad);
      expect(o.code).toBe(2);
      expect(o.stderr).toContain('Usage: tuneset check FILE');
    }
  });

  it('without --model the default model (gpt-4o-mini, o200k_base, 65,536 tokens) is used', async () => {
    const out = await cli('check', TOY, '--json');
    const report = reportSchema.parse(JSON.parse(out.stdout));
    expect(report).toMatchObject({ model: 'gpt-4o-mini-2024-07-18', encoding: 'o200k_base', limit: 65536, too_long: 0 });
  });
});

/** Exit 2, nothing on stdout, and exactly one line on stderr — no stack trace. */
function expectOneLine(out: Outcome, pattern: RegExp): void {
  expect(out.code).toBe(2);
  expect(out.stdout).toBe('');
  expect(out.stderr).toMatch(pattern);
  expect(out.stderr.endsWith('\n')).toBe(true);
  expect(out.stderr.trim().split('\n')).toHaveLength(1);
  expect(out.stderr).not.toMatch(/\n\s+at |Error:/);
}

describe('tuneset check: bad input is one line and exit 2, never a crash', () => {
  it('a 2 GB file (sparse): over OpenAI’s 512 MB limit', async () => {
    const file = join(dir, 'two-gb.jsonl');
    writeFileSync(file, '');
    truncateSync(file, 2 * 1024 ** 3);
    expectOneLine(await cli('check', file), /^Cannot check ".*two-gb\.jsonl": it is 2,048 MB, over OpenAI's limit of 512 MB/);
  });

  it('a 100 MB file of NUL bytes (sparse): binary', async () => {
    const file = join(dir, 'zeros.jsonl');
    writeFileSync(file, '');
    truncateSync(file, 100 * 1024 ** 2);
    expectOneLine(await cli('check', file), /binary file, not text \(it contains NUL bytes/);
  });

  it('a missing file and a folder (also with --json)', async () => {
    expectOneLine(await cli('check', join(dir, 'nope.jsonl')), /^Cannot read ".*nope\.jsonl": no such file\.$/m);
    expectOneLine(await cli('check', dir, '--json'), /it is a folder/);
  });

  it('a file with one 50 MB line is checked normally, on one thread and on three', async () => {
    const file = join(dir, 'line-50mb.jsonl');
    const reply = 'All work and no play makes Jack a dull boy. '.repeat(Math.ceil(50e6 / 44));
    writeFileSync(
      file,
      JSON.stringify({
        messages: [
          { role: 'user', content: 'Write it.' },
          { role: 'assistant', content: reply },
        ],
      }) + '\n',
    );
    for (const jobs of ['1', '3']) {
      const { code, report } = await jsonReportArgs(file, '--jobs', jobs);
      expect(code).toBe(1); // 1 example: fewer than 10, an error
      expect(report).toMatchObject({ examples: 1, too_long: 1 });
      expect(report.stats.tokens_per_example.max).toBeGreaterThan(5_000_000);
    }
  });

  it('a line of 140 MB (more than any record can be): one line, exit 2', async () => {
    const file = join(dir, 'line-140mb.jsonl');
    const fd = openSync(file, 'w');
    writeSync(fd, '{"messages": [{"role": "user", "content": "');
    const block = Buffer.alloc(1 << 20, 'x');
    for (let i = 0; i < 140; i++) writeSync(fd, block);
    writeSync(fd, '"}]}\n');
    closeSync(fd);
    expectOneLine(await cli('check', file), /is longer than 128 MB/);
  });
});

async function jsonReportArgs(file: string, ...args: string[]): Promise<{ code: number; report: Report }> {
  const out = await cli('check', file, '--json', ...args);
  return { code: out.code, report: reportSchema.parse(JSON.parse(out.stdout)) };
}

describe('tuneset check --jobs N: several threads give exactly the report of one', () => {
  it('on a generated 6 MB file with unparsable lines, duplicates, long examples and a few preference records', async () => {
    const file = join(dir, 'jobs.jsonl');
    const good = generateGuideCorpus(2500, 11, { wordScale: 0.6, longRate: 0.02 }).split('\n').filter(Boolean);
    // First a prompt/completion record: examples are validated as that until the end shows the file is chat, then
    // the file is read again (the path a mixed file takes).
    const lines: string[] = [JSON.stringify({ prompt: 'p', completion: 'c' })];
    good.forEach((l, i) => {
      lines.push(l);
      if (i % 97 === 0) lines.push('{"messages": [{"role": "user", "content": "cut off');
      if (i % 89 === 0) lines.push(good[i >> 1]);
      if (i % 401 === 0)
        lines.push(
          JSON.stringify({
            input: { messages: [{ role: 'user', content: `q${i}` }] },
            preferred_output: [{ role: 'assistant', content: 'a' }],
            non_preferred_output: [{ role: 'assistant', content: 'b' }],
          }),
        );
    });
    writeFileSync(file, lines.join('\n') + '\n');
    expect(readFileSync(file).length).toBeGreaterThan(4e6);
    const reports: string[] = [];
    for (const jobs of ['1', '2', '4']) {
      const { code, report } = await jsonReportArgs(file, '--jobs', jobs, '--model', 'gpt-3.5-turbo-0613');
      expect(code).toBe(1);
      reports.push(JSON.stringify({ ...report, generated_at: '' }));
    }
    const first = JSON.parse(reports[0]) as Report;
    expect(first.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['invalid_json', 'duplicate_example', 'mixed_formats', 'example_too_long']));
    expect(reports[1]).toBe(reports[0]);
    expect(reports[2]).toBe(reports[0]);
    // A target's rules run on the workers too: the same report on one thread and on two.
    const targeted: string[] = [];
    for (const jobs of ['1', '2']) {
      const out = await cli('check', file, '--jobs', jobs, '--target', 'together', '--json');
      expect(out.code).toBe(1);
      const report = JSON.parse(out.stdout) as Report & { target: string };
      expect(report.target).toBe('together');
      targeted.push(JSON.stringify({ ...report, generated_at: '' }));
    }
    const codes = (JSON.parse(targeted[0]) as Report).issues.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['target_mixed_formats', 'duplicate_example', 'invalid_json']));
    expect(codes).not.toContain('mixed_formats'); // OpenAI's own rule gives way to Together's
    expect(targeted[1]).toBe(targeted[0]);
  }, 120_000);
});

describe('tuneset check reads its rank files', () => {
  it('the built bin reads dist-cli/ranks; a copy without them decodes js-tiktoken’s ranks and gives the same report', async () => {
    const file = join(dir, 'ranks.jsonl');
    writeFileSync(file, generateGuideCorpus(300, 5, { wordScale: 0.6, longRate: 0.02 }));
    const stats = { ...process.env, ...ENGLISH, TUNESET_STATS: '1' };
    const withFiles = await run(process.execPath, [CLI_BUNDLE, 'check', file, '--json', '--jobs', '2'], { cwd: root, env: stats });
    expect(withFiles.stderr).toContain('ranks read from the rank file');
    // A copy of the bundle beside no ranks/ folder (inside the repository, so js-tiktoken resolves from node_modules).
    const copy = mkdtempSync(join(root, 'dist-cli', 'no-ranks-'));
    try {
      copyFileSync(CLI_BUNDLE, join(copy, 'tuneset.mjs'));
      const without = await run(process.execPath, [join(copy, 'tuneset.mjs'), 'check', file, '--json', '--jobs', '2'], { cwd: root, env: stats });
      expect(without.stderr).toContain('ranks decoded from js-tiktoken (no rank file)');
      const same = (out: string) => JSON.stringify({ ...(JSON.parse(out) as Report), generated_at: '' });
      expect(same(without.stdout)).toBe(same(withFiles.stdout));
      expect((JSON.parse(withFiles.stdout) as Report).billing_tokens).toBeGreaterThan(10_000);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('npm run tuneset', () => {
  it('does not rebuild a bundle that is up to date (--if-stale), so the command starts at once', async () => {
    const before = statSync(CLI_BUNDLE).mtimeMs;
    await run(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--if-stale', '--quiet'], { cwd: root });
    expect(statSync(CLI_BUNDLE).mtimeMs).toBe(before);
    // Every file the build read is on disk (a virtual input would make every run look stale).
    const inputs = JSON.parse(readFileSync(join(root, 'dist-cli/inputs.json'), 'utf8')) as string[];
    expect(inputs.filter((f) => !existsSync(join(root, f)))).toEqual([]);
    expect(inputs).toContain('src/cli/rank-file.ts');
  });
});

describe('TUNESET_STATS=chunks', () => {
  it('lists every chunk of the fast pass with the thread that analysed it, as many as the stats line counts', async () => {
    const file = join(dir, 'chunks.jsonl');
    writeFileSync(file, generateGuideCorpus(1200, 9, { wordScale: 0.6, longRate: 0.02 }));
    const { stderr } = await run(process.execPath, [CLI_BUNDLE, 'check', file, '--json', '--jobs', '2'], {
      cwd: root,
      env: { ...process.env, ...ENGLISH, TUNESET_STATS: 'chunks' },
    });
    const counts = /chunks: (\d+) here in \d+ ms, (\d+) on workers/.exec(stderr);
    expect(counts).not.toBeNull();
    const rows = stderr.split('\n').filter((l) => /^(here|worker) \d+ \d+\.\d$/.test(l));
    expect(rows.filter((l) => l.startsWith('here'))).toHaveLength(Number(counts![1]));
    expect(rows.filter((l) => l.startsWith('worker'))).toHaveLength(Number(counts![2]));
    expect(Number(counts![1]) + Number(counts![2])).toBeGreaterThan(1);
  }, 60_000);
});

describe('tuneset check --jobs N on clean JSONL: the fast pass (chunks on every thread) gives exactly the report of one thread', () => {
  it('a 5 MB file with CRLF, blank lines, duplicates, long examples and a first record of another format', async () => {
    const file = join(dir, 'jobs-clean.jsonl');
    const good = generateGuideCorpus(2200, 12, { wordScale: 0.6, longRate: 0.02 }).split('\n').filter(Boolean);
    const lines: string[] = [JSON.stringify({ prompt: 'p', completion: 'c' })];
    good.forEach((l, i) => {
      lines.push(l);
      if (i % 89 === 0) lines.push(good[i >> 1]);
      if (i % 173 === 0) lines.push(i % 2 ? '' : '  ');
    });
    writeFileSync(file, lines.join('\r\n') + '\r\n');
    expect(readFileSync(file).length).toBeGreaterThan(4e6);
    const reports: string[] = [];
    for (const jobs of ['1', '2', '3']) {
      const out = await cliIn({ ...ENGLISH, TUNESET_STATS: '1' }, 'check', file, '--jobs', jobs, '--model', 'gpt-3.5-turbo-0613', '--json');
      expect(out.code).toBe(1);
      // Read twice (the first record is prompt-completion, the file chat), both times by the fast pass, in chunks
      // taken by the workers too when there are any.
      const stats = /fast pass ×(\d+) \((fell back[^;]*; )?chunks: (\d+) here in \d+ ms, (\d+) on workers/.exec(out.stderr);
      expect(stats?.slice(1)).toEqual(['2', undefined, expect.any(String), expect.any(String)]);
      if (jobs === '1') expect(Number(stats![4])).toBe(0);
      else expect(Number(stats![4])).toBeGreaterThan(0);
      const report = reportSchema.parse(JSON.parse(out.stdout));
      reports.push(JSON.stringify({ ...report, generated_at: '' }));
    }
    const first = JSON.parse(reports[0]) as Report;
    expect(first.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['crlf', 'blank_lines', 'duplicate_example', 'mixed_formats', 'example_too_long']));
    expect(reports[1]).toBe(reports[0]);
    expect(reports[2]).toBe(reports[0]);
  }, 120_000);
});

describe('tuneset check --target and tuneset convert', () => {
  const targets = join(root, 'tests/fixtures/targets');

  it('--target together: the report names the target, its rules decide, exit 1 on its errors', async () => {
    const out = await cli('check', join(targets, 'together/reject-alternation.jsonl'), '--target', 'together', '--json');
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout) as Report & { target: string };
    expect(report.target).toBe('together');
    expect(report.issues).toContainEqual(expect.objectContaining({ code: 'target_alternation', severity: 'error', line: 1 }));
    const ok = await cli('check', join(targets, 'together/accept-chat.jsonl'), '--target=together');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Checked for: Together AI');
  });

  it('without --target: openai for a chat file, openai-dpo for a preference file', async () => {
    const chat = JSON.parse((await cli('check', join(targets, 'openai/accept-chat.jsonl'), '--json')).stdout) as { target: string };
    const pref = JSON.parse((await cli('check', join(targets, 'openai-dpo/accept-preference.jsonl'), '--json')).stdout) as { target: string };
    expect([chat.target, pref.target]).toEqual(['openai', 'openai-dpo']);
  });

  it('an unknown --target lists the valid ones and exits 2 (in Chinese with --lang zh)', async () => {
    const out = await cli('check', TOY, '--target', 'vertex');
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(
      'Unknown target "vertex" (--target). Valid targets: openai, openai-dpo, azure, together, fireworks, trl, trl-dpo, sharegpt, alpaca, all.',
    );
    const zh = await cli('check', TOY, '--lang', 'zh', '--target', 'vertex');
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('未知的目标 "vertex"');
    expect((await cli('convert', TOY, '--to', 'nope', '--out', join(dir, 'x.jsonl'))).stderr).toContain('Valid targets: openai,');
  });

  it('--target all: a file that fits no target gets one line per target saying why, exit 1', async () => {
    const file = join(dir, 'fits-nothing.jsonl');
    writeFileSync(file, JSON.stringify({ messages: [{ role: 'user' }, { role: 'user', content: 'b' }] }) + '\n');
    const out = await cli('check', file, '--target', 'all');
    expect(out.code).toBe(1);
    const lines = out.stdout.split('\n').filter((l) => l.startsWith('  does not fit'));
    expect(lines).toHaveLength(9);
    for (const name of ['OpenAI (SFT)', 'Together AI', 'Fireworks AI', 'Hugging Face TRL (DPO)', 'Alpaca (LLaMA-Factory / Axolotl)'])
      expect(out.stdout).toContain(`does not fit  ${name}: `);
    expect(out.stdout).toContain('It fits no target');
    const zh = await cli('check', file, '--target', 'all', '--lang', 'zh');
    expect(zh.stdout).toContain('不适用    Together AI');
    const good = await cli('check', join(targets, 'trl/accept-chat.jsonl'), '--target', 'all', '--json');
    expect(good.code).toBe(0);
    const fits = (JSON.parse(good.stdout) as { targets: { target: string; fits: boolean }[] }).targets;
    expect(fits.find((f) => f.target === 'trl')?.fits).toBe(true);
  });

  it('convert writes the file for the target and lists what did not fit (exit 1), in English or Chinese', async () => {
    const src = join(dir, 'to-convert.jsonl');
    const a = {
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
      ],
    };
    const multi = {
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'user', content: 'c' },
        { role: 'assistant', content: 'd' },
      ],
    };
    writeFileSync(src, [a, multi, a].map((v) => JSON.stringify(v)).join('\n') + '\n');
    const out = join(dir, 'alpaca.jsonl');
    const r = await cli('convert', src, '--to', 'alpaca', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Wrote 2 example(s) for Alpaca (LLaMA-Factory / Axolotl) to ${out}.`);
    expect(r.stdout).toContain('example 2 (line 2): Alpaca holds a single turn');
    expect(
      readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { instruction: 'Hi', input: '', output: 'Hello' },
      { instruction: 'Hi', input: '', output: 'Hello' },
    ]);
    const zh = await cli('convert', src, '--to', 'alpaca', '--out', out, '--lang', 'zh');
    expect(zh.stdout).toContain('有 1 个样本不适用');
    const all = await cli('convert', src, '--to', 'sharegpt', '--out', join(dir, 'sharegpt.jsonl'), '--json');
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toMatchObject({ target: 'sharegpt', examples: 3, written: 3, skipped: [] });
    expect((await cli('convert', src, '--to', 'together', '--out', src)).code).toBe(2); // would overwrite its input
    expectOneLine(await cli('convert', join(dir, 'nope.jsonl'), '--to', 'together', '--out', join(dir, 'o.jsonl')), /no such file/);
  });

  it('--help documents --target and convert', async () => {
    const out = await cli('--help');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('tuneset convert FILE --to T --out FILE');
    expect(out.stdout).toContain('--target T');
  });
});
