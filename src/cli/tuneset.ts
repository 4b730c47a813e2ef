// Command-line check of a training file, sharing the app's pure core: `tuneset check FILE [--model ID] [--json]
// [--jobs N] [--target T|all]`, and `tuneset convert FILE --to T --out FILE` (targets.ts). Prints a human summary (our issues beside the guide's own check) or one JSON report. Exit codes: 0 no
// errors, 1 the file has errors, 2 the file (or the command line) could not be used. The file is streamed and
// counted on every core (check.ts); src/cli/bin.ts is the entry point that scripts/build-cli.mjs bundles.
import { DEFAULT_MODEL, type Report } from '../lib/dataset/report';
import type { Distribution } from '../lib/dataset/types';
import { useCoreChinese, type Lang } from '../lib/dataset/messages/index';
import { CORE_ZH } from '../lib/dataset/messages/zh';
import { checkFile, defaultJobs, fastStats, threadShare, type CheckOptions } from './check';
import { isTargetId, TARGET_IDS, targetInfo, type TargetId } from '../lib/dataset/targets/index';
import { checkAllTargets, convertCommand, type ConvertArgs } from './targets';
import type { TargetReport } from './compose';

export { fastStats, threadShare };
export { rankSource } from './counter';

// The report's sentences in Chinese for --lang zh (the app loads this table only when Chinese is chosen).
useCoreChinese(CORE_ZH);

/** Exit code when the file is fine (warnings allowed). */
export const EXIT_OK = 0;
/** Exit code when the file has at least one error. */
export const EXIT_ERRORS = 1;
/** Exit code when the file cannot be read (missing, a folder, binary, too big) or the command line is wrong. */
export const EXIT_UNUSABLE = 2;
/** Issues listed in the human summary before "… and N more". */
const MAX_LISTED_ISSUES = 50;
/** Files at least this big show progress on stderr (when it is a terminal). */
const PROGRESS_FROM_BYTES = 8 * 1024 * 1024;

const USAGE = `Usage: tuneset check FILE [--target T|all] [--model ID] [--json] [--jobs N] [--lang en|zh]
       tuneset convert FILE --to T --out FILE [--json] [--lang en|zh]

Checks a fine-tuning JSONL file: format errors with line numbers, the OpenAI guide's own check for comparison,
token distributions, examples over the model's limit, default epochs and an estimated training cost.

  --target T   check for a trainer's own rules: ${TARGET_IDS.join(', ')}
               (default: openai for chat and prompt-completion files, openai-dpo for preference files);
               all: one line per target saying whether the file fits it, or its first error (exit 0 when one fits)
  --model ID   model to estimate for (default ${DEFAULT_MODEL}); fine-tuned names (ft:…) use their base model
  --json       print one JSON report object instead of the summary
  --jobs N     threads counting tokens (default: the number of cores, ${defaultJobs()} here); 1 = no worker threads
  --lang L     language of the summary and of the report's messages: en or zh (default: from LC_ALL, LC_MESSAGES
               or LANG, zh when it starts with "zh", else en)

Exit codes: 0 no errors, 1 the file has errors, 2 the file could not be read (missing, a folder, binary, over 512 MB).

convert writes FILE for target T (--to, one of the targets above) to --out, each example converted by the target's
rules; examples that do not fit are left out and listed with the reason. Exit codes: 0 every example was written,
1 some were left out (the file is written without them), 2 the file could not be read or written.`;

/** How the report is written out. */
export interface OutputOptions {
  /** One JSON object (`--json`) instead of the human summary. */
  json: boolean;
  /** Language of the summary and of the report's `message`s (`--lang`; the default comes from the locale). */
  lang: Lang;
}

/** The language the environment's locale asks for: Chinese when LC_ALL, LC_MESSAGES or LANG starts with "zh". */
export function localeLang(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

/** A parsed command line: what to check, how (CheckOptions) and how to write the result (OutputOptions). */
export interface Args extends OutputOptions {
  file: string;
  model: string;
  /** --jobs N, or 'auto' (the core count; one thread for small files). */
  jobs: number | 'auto';
  /** --target: a trainer, every one ('all'), or null (the file's format's default, OpenAI's rules). */
  target: TargetId | 'all' | null;
}

/** The command line of `tuneset convert`. */
export type ConvertCommand = ConvertArgs & { command: 'convert' };

/** An unknown target: the valid ones listed (in the language asked for). */
function unknownTarget(option: string, v: string | undefined, lang: Lang, all: boolean): string {
  const valid = [...TARGET_IDS, ...(all ? ['all'] : [])].join(', ');
  if (lang === 'zh') return v ? `未知的目标 "${v}"（${option}）。可用的目标：${valid}。` : `${option} 需要一个目标：${valid}。`;
  return v ? `Unknown target "${v}" (${option}). Valid targets: ${valid}.` : `${option} needs a target: ${valid}.`;
}

/** Parses `convert FILE --to T --out FILE [--json] [--lang L]`. */
function parseConvert(rest: readonly string[], lang: Lang): ConvertCommand | { error: string } {
  let file: string | undefined;
  let to: string | undefined;
  let out: string | undefined;
  let json = false;
  const value = (i: number, a: string, name: string): [string | undefined, number] => (a === name ? [rest[i + 1], i + 1] : [a.slice(name.length + 1), i]);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json') json = true;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const [v, j] = value(i, a, '--lang');
      i = j;
      if (v !== 'en' && v !== 'zh') return { error: '--lang needs en or zh, e.g. --lang zh.' };
      lang = v;
    } else if (a === '--to' || a.startsWith('--to=')) [to, i] = value(i, a, '--to');
    else if (a === '--out' || a.startsWith('--out=')) {
      [out, i] = value(i, a, '--out');
      if (!out) return { error: '--out needs the file to write, e.g. --out train.together.jsonl.' };
    } else if (a.startsWith('--')) return { error: `Unknown option "${a}".` };
    else if (file === undefined) file = a;
    else return { error: `Only one file can be converted at a time ("${a}" is extra).` };
  }
  if (file === undefined) return { error: 'No file given.' };
  if (to === undefined || !isTargetId(to)) return { error: unknownTarget('--to', to, lang, false) };
  if (out === undefined) return { error: '--out needs the file to write, e.g. --out train.together.jsonl.' };
  return { command: 'convert', file, to, out, json, lang };
}

/** Parse argv (after the script name). Returns an error message instead of throwing. */
export function parseArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Args | ConvertCommand | { error: string } | { help: true } {
  if (argv.includes('--help') || argv.includes('-h')) return { help: true };
  const [command, ...rest] = argv;
  if (command === 'convert') return parseConvert(rest, localeLang(env));
  if (command !== 'check') return { error: command ? `Unknown command "${command}".` : 'No command given.' };
  let target: string | null = null;
  let file: string | undefined;
  let model = DEFAULT_MODEL;
  let json = false;
  let jobs: number | 'auto' = 'auto';
  let lang = localeLang(env);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json') json = true;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a === '--lang' ? rest[++i] : a.slice('--lang='.length);
      if (v !== 'en' && v !== 'zh') return { error: '--lang needs en or zh, e.g. --lang zh.' };
      lang = v;
    } else if (a === '--target' || a.startsWith('--target=')) {
      target = (a === '--target' ? rest[++i] : a.slice('--target='.length)) ?? '';
    } else if (a === '--model' || a.startsWith('--model=')) {
      const v = a === '--model' ? rest[++i] : a.slice('--model='.length);
      if (!v) return { error: '--model needs a model id, e.g. --model gpt-4o-mini-2024-07-18.' };
      model = v;
    } else if (a === '--jobs' || a.startsWith('--jobs=')) {
      const v = a === '--jobs' ? rest[++i] : a.slice('--jobs='.length);
      if (!v || !/^[1-9][0-9]{0,3}$/.test(v)) return { error: '--jobs needs a number of threads from 1, e.g. --jobs 4.' };
      jobs = Number(v);
    } else if (a.startsWith('--')) return { error: `Unknown option "${a}".` };
    else if (file === undefined) file = a;
    else return { error: `Only one file can be checked at a time ("${a}" is extra).` };
  }
  if (file === undefined) return { error: 'No file given.' };
  if (target !== null && target !== 'all' && !isTargetId(target)) return { error: unknownTarget('--target', target, lang, true) };
  return { file, model, json, jobs, lang, target };
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2)));
}

function distLines(name: string, d: Distribution, w: { minMax: string; meanMedian: string }): string[] {
  return [
    `  ${name}:`,
    `    ${w.minMax}: ${fmt(d.min)}, ${fmt(d.max)}    ${w.meanMedian}: ${fmt(d.mean)}, ${fmt(d.median)}`,
    `    p5 / p95: ${fmt(d.p5)}, ${fmt(d.p95)}    p10 / p90: ${fmt(d.p10)}, ${fmt(d.p90)}`,
  ];
}

/** The summary's own sentences, per language (the issues' sentences come in the report, already in it). */
const WORDS = {
  en: {
    noLimit: 'no known limit',
    limit: (n: number) => `limit ${n} tokens/example`,
    head: (file: string) => `Tuneset check: ${file}`,
    target: (name: string) => `Checked for: ${name}`,
    what: (r: Report, limit: string) => `${r.examples} example(s), format ${r.format}, model ${r.model} (${r.encoding}, ${limit})`,
    found: (r: Report) => `Tuneset found ${r.counts.error} error(s), ${r.counts.warning} warning(s), ${r.counts.info} note(s).`,
    line: (n: number) => `line ${n}`,
    severity: { error: 'error', warning: 'warning', info: 'info' } as Record<string, string>,
    more: (n: number) => `  … and ${n} more (use --json to see all).`,
    guide: "The guide's check (OpenAI cookbook script, its rules — stale on tools, weights and images):",
    distributions: 'Distributions (estimates):',
    dist: {
      messages: 'messages per example',
      tokens: 'tokens per example',
      assistant: 'assistant tokens per example',
      trainable: 'trained assistant tokens per example (weight ≠ 0)',
    },
    minMax: 'min / max',
    meanMedian: 'mean / median',
    tooLong: (n: number, limit: number) => `${n} example(s) over the ${limit}-token limit: they will be truncated during fine-tuning.`,
    billing: (r: Report) => `~${r.billing_tokens} tokens will be charged per epoch; by default you'll train for ${r.epochs} epoch(s).`,
    noPrice: 'no per-token price known',
    charged: (r: Report, cost: string) => `~${r.charged_tokens} tokens charged in all (${cost}; catalog as of ${r.catalog_as_of}). This is an estimate.`,
  },
  zh: {
    noLimit: '上限未知',
    limit: (n: number) => `每个样本上限 ${n} 个 token`,
    head: (file: string) => `Tuneset 检查：${file}`,
    target: (name: string) => `检查目标：${name}`,
    what: (r: Report, limit: string) => `${r.examples} 个样本，格式 ${r.format}，模型 ${r.model}（${r.encoding}，${limit}）`,
    found: (r: Report) => `Tuneset 发现 ${r.counts.error} 个错误、${r.counts.warning} 个警告、${r.counts.info} 条提示。`,
    line: (n: number) => `第 ${n} 行`,
    severity: { error: '错误', warning: '警告', info: '提示' } as Record<string, string>,
    more: (n: number) => `  …… 还有 ${n} 条（用 --json 查看全部）。`,
    guide: '指南自带的检查（OpenAI cookbook 脚本及其规则，未涵盖工具、weight 和图片）：',
    distributions: '分布（估算）：',
    dist: {
      messages: '每个样本的消息数',
      tokens: '每个样本的 token 数',
      assistant: '每个样本的助手 token 数',
      trainable: '每个样本参与训练的助手 token 数（weight ≠ 0）',
    },
    minMax: '最小 / 最大',
    meanMedian: '平均 / 中位数',
    tooLong: (n: number, limit: number) => `${n} 个样本超过 ${limit} 个 token 的上限：微调时会被截断。`,
    billing: (r: Report) => `每轮约计费 ${r.billing_tokens} 个 token；默认训练 ${r.epochs} 轮。`,
    noPrice: '没有已知的每 token 价格',
    charged: (r: Report, cost: string) => `总计约计费 ${r.charged_tokens} 个 token（${cost}；价格表截至 ${r.catalog_as_of}）。这是估算。`,
  },
};

/** The human summary of a report (plain text, no colours), in `lang`. */
export function formatSummary(r: Report & { target?: TargetId }, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  const out: string[] = [];
  const limit = r.limit === null ? w.noLimit : w.limit(r.limit);
  out.push(w.head(r.file));
  out.push(w.what(r, limit));
  if (r.target) out.push(w.target(targetInfo(r.target).name));
  out.push('');
  out.push(w.found(r));
  for (const i of r.issues.slice(0, MAX_LISTED_ISSUES)) {
    const where = [i.line !== undefined ? w.line(i.line) : '', i.path ? `(${i.path})` : ''].filter(Boolean).join(' ');
    out.push(`  ${(w.severity[i.severity] ?? i.severity).padEnd(7)} ${where ? where + ': ' : ''}${i.message} [${i.code}]`);
  }
  if (r.issues.length > MAX_LISTED_ISSUES) out.push(w.more(r.issues.length - MAX_LISTED_ISSUES));
  out.push('');
  out.push(w.guide);
  const fired = Object.entries(r.guide.format_errors).filter(([, v]) => v > 0);
  if (fired.length === 0) out.push('  No errors found');
  else {
    out.push('  Found errors:');
    for (const [k, v] of fired) out.push(`  ${k}: ${v}`);
  }
  out.push(`  Num examples missing system message: ${r.guide.missing_system}`);
  out.push(`  Num examples missing user message: ${r.guide.missing_user}`);
  out.push('');
  out.push(w.distributions);
  out.push(...distLines(w.dist.messages, r.stats.messages_per_example, w));
  out.push(...distLines(w.dist.tokens, r.stats.tokens_per_example, w));
  out.push(...distLines(w.dist.assistant, r.stats.assistant_tokens_per_example, w));
  out.push(...distLines(w.dist.trainable, r.stats.trainable_tokens_per_example, w));
  out.push('');
  if (r.limit !== null) out.push(w.tooLong(r.too_long, r.limit));
  out.push(w.billing(r));
  const cost = r.estimated_cost_usd === null ? w.noPrice : `≈ $${r.estimated_cost_usd.toFixed(2)}`;
  out.push(w.charged(r, cost));
  return out.join('\n');
}

/** Reports with more issues than this are written piece by piece (one string for all of them could be 300 MB). */
const JSON_PIECES_FROM = 10_000;

/**
 * Writes `JSON.stringify(report, null, 2) + "\n"` through `write`, byte for byte, without building it as one
 * string when the issue list is long.
 */
export function writeJson(report: Report | TargetReport, write: (s: string) => void, piecesFrom = JSON_PIECES_FROM): void {
  if (report.issues.length < piecesFrom) {
    write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  const marker = '\u0000tuneset-issues\u0000';
  const shell = JSON.stringify({ ...report, issues: [marker] }, null, 2);
  const markerLine = `\n    ${JSON.stringify(marker)}\n`;
  const at = shell.indexOf(markerLine);
  write(shell.slice(0, at) + '\n');
  const pieces: string[] = [];
  for (let i = 0; i < report.issues.length; i++) {
    pieces.push('    ' + JSON.stringify(report.issues[i], null, 2).replaceAll('\n', '\n    ') + (i < report.issues.length - 1 ? ',\n' : '\n'));
    if (pieces.length === 1000) write(pieces.splice(0).join(''));
  }
  write(pieces.join('') + shell.slice(at + markerLine.length) + '\n');
}

/** What `main` writes to and knows of its terminal. */
export interface CliIo {
  write: (s: string) => void;
  writeErr: (s: string) => void;
  /** stderr is a terminal: show progress on big files. */
  progress: boolean;
}

/** A progress line on stderr, redrawn at most every 200 ms and erased at the end. */
function progressLine(writeErr: (s: string) => void, file: string): { update: CheckOptions['onProgress']; clear: () => void } {
  let last = 0;
  let shown = false;
  return {
    update(done, total, examples) {
      const now = Date.now();
      if (now - last < 200 && done < total) return;
      last = now;
      shown = true;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      writeErr(`\r\x1b[KChecking ${file}: ${pct}% (${Math.round(done / 1e6)} of ${Math.round(total / 1e6)} MB), ${examples.toLocaleString('en')} examples`);
    },
    clear() {
      if (shown) writeErr('\r\x1b[K');
    },
  };
}

/** Run the CLI; returns the exit code. `io` defaults to the process streams. */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}, check: Omit<CheckOptions, 'model' | 'jobs'> = {}): Promise<number> {
  const write = io.write ?? ((s: string) => void process.stdout.write(s));
  const writeErr = io.writeErr ?? ((s: string) => void process.stderr.write(s));
  const args = parseArgs(argv);
  if ('help' in args) {
    write(USAGE + '\n');
    return EXIT_OK;
  }
  if ('error' in args) {
    writeErr(`${args.error}\n\n${USAGE}\n`);
    return EXIT_UNUSABLE;
  }
  if ('command' in args) return convertCommand(args, { write, writeErr });
  if (args.target === 'all')
    return checkAllTargets(args.file, { ...check, model: args.model, jobs: args.jobs, lang: args.lang }, args.json, args.lang, { write, writeErr });
  const progress = (io.progress ?? process.stderr.isTTY === true) ? progressLine(writeErr, args.file) : null;
  const onProgress: CheckOptions['onProgress'] = progress
    ? (done, total, examples) => {
        if (total >= PROGRESS_FROM_BYTES) progress.update!(done, total, examples);
      }
    : undefined;
  let result;
  try {
    result = await checkFile(args.file, { ...check, model: args.model, jobs: args.jobs, lang: args.lang, onProgress, target: args.target ?? undefined });
  } finally {
    progress?.clear();
  }
  if (!result.ok) {
    writeErr(result.message + '\n');
    return EXIT_UNUSABLE;
  }
  const { report } = result;
  if (args.json) writeJson(report, write);
  if (result.binary) {
    // Not text: nothing to summarise. The JSON report (with --json) still says what it is.
    const why = report.issues.find((i) => i.code === 'binary_file');
    writeErr(`Cannot check "${args.file}": ${issueText(why) ?? 'it is a binary file, not text.'}\n`);
    return EXIT_UNUSABLE;
  }
  if (!args.json) write(formatSummary(report, args.lang) + '\n');
  return report.counts.error > 0 ? EXIT_ERRORS : EXIT_OK;
}

/** The sentence of a report issue. */
function issueText(issue: { message?: string } | undefined): string | undefined {
  return issue?.message;
}
