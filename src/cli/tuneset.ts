// Command-line check of a training file, sharing the app's pure core: `tuneset check FILE [--model ID] [--json]`.
// Prints a human summary (our issues beside the guide's own check) or one JSON report. Exit codes: 0 no errors,
// 1 the file has errors, 2 the file (or the command line) could not be used.
import { readFileSync, statSync } from 'node:fs';
import { buildReport, DEFAULT_MODEL, reportEncoding, reportHasErrors, type Report } from '../lib/dataset/report';
import { getCounter } from '../lib/tokens/encodings';
import type { Distribution } from '../lib/dataset/types';

/** Exit code when the file is fine (warnings allowed). */
export const EXIT_OK = 0;
/** Exit code when the file has at least one error. */
export const EXIT_ERRORS = 1;
/** Exit code when the file cannot be read or the command line is wrong. */
export const EXIT_UNUSABLE = 2;
/** Issues listed in the human summary before "… and N more". */
const MAX_LISTED_ISSUES = 50;

const USAGE = `Usage: tuneset check FILE [--model ID] [--json]

Checks a fine-tuning JSONL file: format errors with line numbers, the OpenAI guide's own check for comparison,
token distributions, examples over the model's limit, default epochs and an estimated training cost.

  --model ID   model to estimate for (default ${DEFAULT_MODEL}); fine-tuned names (ft:…) use their base model
  --json       print one JSON report object instead of the summary

Exit codes: 0 no errors, 1 the file has errors, 2 the file could not be read.`;

interface Args {
  file: string;
  model: string;
  json: boolean;
}

/** Parse argv (after the script name). Returns an error message instead of throwing. */
export function parseArgs(argv: readonly string[]): Args | { error: string } | { help: true } {
  if (argv.includes('--help') || argv.includes('-h')) return { help: true };
  const [command, ...rest] = argv;
  if (command !== 'check') return { error: command ? `Unknown command "${command}".` : 'No command given.' };
  let file: string | undefined;
  let model = DEFAULT_MODEL;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json') json = true;
    else if (a === '--model') {
      const v = rest[++i];
      if (!v) return { error: '--model needs a model id, e.g. --model gpt-4o-mini-2024-07-18.' };
      model = v;
    } else if (a.startsWith('--model=')) model = a.slice('--model='.length);
    else if (a.startsWith('--')) return { error: `Unknown option "${a}".` };
    else if (file === undefined) file = a;
    else return { error: `Only one file can be checked at a time ("${a}" is extra).` };
  }
  if (file === undefined) return { error: 'No file given.' };
  return { file, model, json };
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2)));
}

function distLines(name: string, d: Distribution): string[] {
  return [
    `  ${name}:`,
    `    min / max: ${fmt(d.min)}, ${fmt(d.max)}    mean / median: ${fmt(d.mean)}, ${fmt(d.median)}`,
    `    p5 / p95: ${fmt(d.p5)}, ${fmt(d.p95)}    p10 / p90: ${fmt(d.p10)}, ${fmt(d.p90)}`,
  ];
}

/** The human summary of a report (plain text, no colours). */
export function formatSummary(r: Report): string {
  const out: string[] = [];
  const limit = r.limit === null ? 'no known limit' : `limit ${r.limit} tokens/example`;
  out.push(`Tuneset check: ${r.file}`);
  out.push(`${r.examples} example(s), format ${r.format}, model ${r.model} (${r.encoding}, ${limit})`);
  out.push('');
  out.push(`Tuneset found ${r.counts.error} error(s), ${r.counts.warning} warning(s), ${r.counts.info} note(s).`);
  for (const i of r.issues.slice(0, MAX_LISTED_ISSUES)) {
    const where = [i.line !== undefined ? `line ${i.line}` : '', i.path ? `(${i.path})` : ''].filter(Boolean).join(' ');
    out.push(`  ${i.severity.padEnd(7)} ${where ? where + ': ' : ''}${i.message} [${i.code}]`);
  }
  if (r.issues.length > MAX_LISTED_ISSUES) out.push(`  … and ${r.issues.length - MAX_LISTED_ISSUES} more (use --json to see all).`);
  out.push('');
  out.push("The guide's check (OpenAI cookbook script, its rules — stale on tools, weights and images):");
  const fired = Object.entries(r.guide.format_errors).filter(([, v]) => v > 0);
  if (fired.length === 0) out.push('  No errors found');
  else {
    out.push('  Found errors:');
    for (const [k, v] of fired) out.push(`  ${k}: ${v}`);
  }
  out.push(`  Num examples missing system message: ${r.guide.missing_system}`);
  out.push(`  Num examples missing user message: ${r.guide.missing_user}`);
  out.push('');
  out.push('Distributions (estimates):');
  out.push(...distLines('messages per example', r.stats.messages_per_example));
  out.push(...distLines('tokens per example', r.stats.tokens_per_example));
  out.push(...distLines('assistant tokens per example', r.stats.assistant_tokens_per_example));
  out.push(...distLines('trained assistant tokens per example (weight ≠ 0)', r.stats.trainable_tokens_per_example));
  out.push('');
  if (r.limit !== null) out.push(`${r.too_long} example(s) over the ${r.limit}-token limit: they will be truncated during fine-tuning.`);
  out.push(`~${r.billing_tokens} tokens will be charged per epoch; by default you'll train for ${r.epochs} epoch(s).`);
  const cost = r.estimated_cost_usd === null ? 'no per-token price known' : `≈ $${r.estimated_cost_usd.toFixed(2)}`;
  out.push(`~${r.charged_tokens} tokens charged in all (${cost}; catalog as of ${r.catalog_as_of}). This is an estimate.`);
  return out.join('\n');
}

/** Run the CLI; returns the exit code. `write`/`writeErr` default to the process streams. */
export async function main(
  argv: readonly string[],
  write: (s: string) => void = (s) => process.stdout.write(s),
  writeErr: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  const args = parseArgs(argv);
  if ('help' in args) {
    write(USAGE + '\n');
    return EXIT_OK;
  }
  if ('error' in args) {
    writeErr(`${args.error}\n\n${USAGE}\n`);
    return EXIT_UNUSABLE;
  }
  let bytes: Uint8Array;
  try {
    if (statSync(args.file).isDirectory()) {
      writeErr(`Cannot check "${args.file}": it is a folder. Give the path of a .jsonl file.\n`);
      return EXIT_UNUSABLE;
    }
    bytes = readFileSync(args.file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
    writeErr(`Cannot read "${args.file}": ${why}.\n`);
    return EXIT_UNUSABLE;
  }
  const counter = await getCounter(reportEncoding(args.model));
  const report = buildReport({ file: args.file, bytes, model: args.model, counter });
  write(args.json ? JSON.stringify(report, null, 2) + '\n' : formatSummary(report) + '\n');
  return reportHasErrors(report) ? EXIT_ERRORS : EXIT_OK;
}

// Run only when executed as a script (tsx src/cli/tuneset.ts …), not when imported by tests.
if (process.argv[1] && /tuneset\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`tuneset crashed (a bug, please report it): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = EXIT_UNUSABLE;
    },
  );
}
