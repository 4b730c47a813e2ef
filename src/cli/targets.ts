// `tuneset convert FILE --to TARGET --out FILE` (the file written for a trainer, and what did not fit) and
// `tuneset check FILE --target all` (one line per target: fits, or why not). Sentences in English or Chinese.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readBytes } from '../lib/dataset/read';
import { renderMessage, type Lang, type Message } from '../lib/dataset/messages/index';
import { convertForTarget, TARGET_IDS, targetInfo, type TargetId } from '../lib/dataset/targets/index';
import type { Example } from '../lib/dataset/types';
import { checkFile, MAX_FILE_BYTES, type CheckOptions } from './check';
import type { TargetReport } from './compose';

/** Listed "left out" examples before "… and N more". */
const MAX_LISTED = 50;

const WORDS = {
  en: {
    wrote: (n: number, name: string, out: string) => `Wrote ${n} example(s) for ${name} to ${out}.`,
    leftOut: (n: number) => `Left out ${n} example(s) that do not fit:`,
    example: (ex: number, line: number | undefined) => `example ${ex}${line !== undefined ? ` (line ${line})` : ''}: `,
    more: (n: number) => `  … and ${n} more (use --json to see all).`,
    notes: 'Notes:',
    same: (file: string) => `Cannot convert: --out ${file} is the file being converted; write to another file.`,
    unreadable: (file: string, why: string) => `Cannot convert "${file}": ${why}.`,
    binary: (file: string) => `Cannot convert "${file}": it is a binary file, not text.`,
    cannotWrite: (file: string, why: string) => `Cannot write "${file}": ${why}.`,
    fitsHead: (file: string) => `Tuneset targets: ${file}`,
    fits: (name: string) => `  fits          ${name}`,
    fitsNot: (name: string, errors: number, first: string) => `  does not fit  ${name}: ${errors} error(s); first: ${first}`,
    line: (n: number) => `line ${n}: `,
    none: 'It fits no target: fix the first error of the target you want.',
  },
  zh: {
    wrote: (n: number, name: string, out: string) => `已为 ${name} 写入 ${n} 个样本到 ${out}。`,
    leftOut: (n: number) => `有 ${n} 个样本不适用，已略去：`,
    example: (ex: number, line: number | undefined) => `样本 ${ex}${line !== undefined ? `（第 ${line} 行）` : ''}：`,
    more: (n: number) => `  …… 还有 ${n} 条（用 --json 查看全部）。`,
    notes: '说明：',
    same: (file: string) => `无法转换：--out ${file} 就是要转换的文件；请写入另一个文件。`,
    unreadable: (file: string, why: string) => `无法转换 "${file}"：${why}。`,
    binary: (file: string) => `无法转换 "${file}"：它是二进制文件，不是文本。`,
    cannotWrite: (file: string, why: string) => `无法写入 "${file}"：${why}。`,
    fitsHead: (file: string) => `Tuneset 目标检查：${file}`,
    fits: (name: string) => `  适用      ${name}`,
    fitsNot: (name: string, errors: number, first: string) => `  不适用    ${name}：${errors} 个错误；第一个：${first}`,
    line: (n: number) => `第 ${n} 行：`,
    none: '它不适用于任何目标：请先修正你想用的目标的第一个错误。',
  },
};

/** Where the command writes. */
export interface Io {
  write: (s: string) => void;
  writeErr: (s: string) => void;
}

export interface ConvertArgs {
  file: string;
  to: TargetId;
  out: string;
  json: boolean;
  lang: Lang;
}

/**
 * Converts `file` for `to` and writes `out`. Exit code: 0 every example was written, 1 some were left out (the file
 * is written all the same, without them: the list says which and why), 2 the file could not be read or written.
 */
export function convertCommand(a: ConvertArgs, io: Io): number {
  const w = WORDS[a.lang];
  if (resolve(a.file) === resolve(a.out)) return (io.writeErr(w.same(a.out) + '\n'), 2);
  let bytes: Uint8Array;
  try {
    const st = statSync(a.file);
    if (!st.isFile()) return (io.writeErr(w.unreadable(a.file, a.lang === 'zh' ? '不是普通文件' : 'it is not a regular file') + '\n'), 2);
    if (st.size > MAX_FILE_BYTES) return (io.writeErr(w.unreadable(a.file, a.lang === 'zh' ? '超过 512 MB' : 'it is over 512 MB') + '\n'), 2);
    bytes = readFileSync(a.file);
  } catch (e) {
    return (io.writeErr(w.unreadable(a.file, reason(e, a.lang)) + '\n'), 2);
  }
  const read = readBytes(bytes);
  if (read.container === 'binary') return (io.writeErr(w.binary(a.file) + '\n'), 2);
  const examples: Example[] = read.records.map((r, i) => ({
    id: String(i),
    value: r.value,
    raw: r.value === undefined ? r.text : undefined,
    original: r.text,
    line: r.line,
  }));
  const result = convertForTarget(examples, a.to);
  try {
    writeFileSync(a.out, result.text);
  } catch (e) {
    return (io.writeErr(w.cannotWrite(a.out, reason(e, a.lang)) + '\n'), 2);
  }
  const written = read.records.length - result.skipped.length;
  const name = targetInfo(a.to).name;
  const skipped = result.skipped.map((s) => ({
    example: s.example,
    line: read.records[s.example - 1]?.line,
    code: s.reason.code,
    message: renderMessage(s.reason, a.lang),
  }));
  if (a.json) {
    const notes = result.notes.map((n: Message) => ({ code: n.code, message: renderMessage(n, a.lang) }));
    io.write(JSON.stringify({ file: a.file, out: a.out, target: a.to, examples: read.records.length, written, skipped, notes }, null, 2) + '\n');
  } else {
    const lines = [w.wrote(written, name, a.out)];
    if (skipped.length > 0) {
      lines.push(w.leftOut(skipped.length));
      for (const s of skipped.slice(0, MAX_LISTED)) lines.push(`  ${w.example(s.example, s.line)}${s.message}`);
      if (skipped.length > MAX_LISTED) lines.push(w.more(skipped.length - MAX_LISTED));
    }
    if (result.notes.length > 0) lines.push(w.notes, ...result.notes.map((n) => `  ${renderMessage(n, a.lang)}`));
    io.write(lines.join('\n') + '\n');
  }
  return skipped.length > 0 ? 1 : 0;
}

/** One target's answer in `--target all`. */
export interface TargetFitLine {
  target: TargetId;
  name: string;
  fits: boolean;
  errors: number;
  warnings: number;
  first: TargetReport['issues'][number] | null;
}

/**
 * Checks `file` for every target (the streaming check once per target) and says, per target, whether it fits or
 * its first error. Exit code: 0 when at least one target takes the file, 1 when none does, 2 unreadable.
 */
export async function checkAllTargets(file: string, opts: Omit<CheckOptions, 'target'>, json: boolean, lang: Lang, io: Io): Promise<number> {
  const w = WORDS[lang];
  const fits: TargetFitLine[] = [];
  for (const target of TARGET_IDS) {
    const r = await checkFile(file, { ...opts, target });
    if (!r.ok) return (io.writeErr(r.message + '\n'), 2);
    if (r.binary) return (io.writeErr(w.unreadable(file, lang === 'zh' ? '它是二进制文件，不是文本' : 'it is a binary file, not text') + '\n'), 2);
    const first = r.report.issues.find((i) => i.severity === 'error') ?? null;
    fits.push({
      target,
      name: targetInfo(target).name,
      fits: r.report.counts.error === 0,
      errors: r.report.counts.error,
      warnings: r.report.counts.warning,
      first,
    });
  }
  if (json) io.write(JSON.stringify({ file, targets: fits }, null, 2) + '\n');
  else {
    const lines = [w.fitsHead(file)];
    for (const f of fits)
      lines.push(
        f.fits || !f.first
          ? w.fits(f.name)
          : w.fitsNot(f.name, f.errors, `${f.first.line !== undefined ? w.line(f.first.line) : ''}${f.first.message} [${f.first.code}]`),
      );
    if (!fits.some((f) => f.fits)) lines.push('', w.none);
    io.write(lines.join('\n') + '\n');
  }
  return fits.some((f) => f.fits) ? 0 : 1;
}

function reason(e: unknown, lang: Lang): string {
  const code = (e as NodeJS.ErrnoException).code;
  const zh = lang === 'zh';
  if (code === 'ENOENT') return zh ? '没有这个文件' : 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return zh ? '没有权限' : 'permission denied';
  if (code === 'EISDIR') return zh ? '它是文件夹' : 'it is a folder';
  return e instanceof Error ? e.message.replace(/\s+/g, ' ') : String(e);
}
