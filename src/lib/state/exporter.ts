// Turns the open dataset into downloads: JSONL (lossless), other trainers' formats, the report.
import { toJsonl } from '../dataset/export';
import type { Example } from '../dataset/types';
import type { DatasetMeta } from '../storage/records';
import { buildReport, reportEncoding } from '../dataset/report';
import type { Lang, Message } from '../dataset/messages/index';
import { isOpenAiTarget } from '../dataset/targets/info';
import type { SkippedExample } from '../dataset/targets/export';
import { getCounter } from '../tokens/encodings';
import { downloadText, safeFileName } from './download';
import type { Workspace } from './workspace.svelte';

/**
 * The open dataset as JSONL text (untouched examples byte for byte, in the file's line ending). Rejected examples
 * are left out unless `includeRejected`.
 */
export function datasetJsonl(ws: Workspace, includeRejected = false): string {
  return toJsonl(ws.exportable(includeRejected), { eol: ws.meta?.eol });
}

/** Downloads the open dataset as `<name>.jsonl` (without rejected examples unless `includeRejected`). */
export async function exportJsonl(ws: Workspace, includeRejected = false): Promise<void> {
  if (!ws.meta) return;
  await ws.flush();
  downloadText(`${safeFileName(ws.meta.name)}.jsonl`, datasetJsonl(ws, includeRejected));
}

/** What an export for a target other than OpenAI left out: examples (numbered in the dataset) and why. */
export interface TargetExport {
  /** Examples written. */
  written: number;
  skipped: SkippedExample[];
  notes: Message[];
}

/**
 * Downloads the open dataset for the trainer it is checked for: OpenAI's JSONL as it is (undefined is returned), or
 * the target's own format as `<name>.<target>.jsonl` (converted on demand: the converters load with the first such
 * export), with what did not fit numbered as in the dataset. Rejected examples are left out unless `includeRejected`.
 */
export async function exportForTarget(ws: Workspace, includeRejected = false): Promise<TargetExport | undefined> {
  if (!ws.meta) return undefined;
  const target = ws.target;
  if (isOpenAiTarget(target)) return void (await exportJsonl(ws, includeRejected));
  await ws.flush();
  const { convertForTarget } = await import('../dataset/targets/convert');
  const examples = ws.exportable(includeRejected);
  const r = convertForTarget(examples, target);
  const position = new Map(ws.examples.map((e, i) => [e, i + 1]));
  if (r.text) downloadText(`${safeFileName(ws.meta.name)}.${target}.jsonl`, r.text);
  return {
    written: examples.length - r.skipped.length,
    skipped: r.skipped.map((s) => ({ ...s, example: position.get(examples[s.example - 1]) ?? s.example })),
    notes: r.notes,
  };
}

/** Builds the same report the command line prints (`tuneset check --json`) for the open dataset, issues written in `lang`. */
export async function datasetReport(ws: Workspace, lang: Lang = 'en') {
  if (!ws.meta) return null;
  const model = ws.meta.model;
  const counter = await getCounter(reportEncoding(model));
  return buildReport({ file: `${safeFileName(ws.meta.name)}.jsonl`, text: datasetJsonl(ws), model, counter, lang });
}

/** Downloads the report as `<name>.report.json` (each issue's `message` in `lang`, beside its `params`). */
export async function downloadReport(ws: Workspace, lang: Lang = 'en'): Promise<void> {
  const report = await datasetReport(ws, lang);
  if (report && ws.meta) downloadText(`${safeFileName(ws.meta.name)}.report.json`, JSON.stringify(report, null, 2) + '\n', 'application/json');
}

/** Downloads every change not yet stored, one JSONL file per dataset (`<name>.unsaved.jsonl`); returns the file count. */
export function downloadUnsaved(ws: Workspace): number {
  const work = ws.unsavedWork().filter((w) => w.examples.length > 0);
  for (const { meta, examples } of work) downloadText(`${safeFileName(meta.name)}.unsaved.jsonl`, toJsonl(examples, { eol: meta.eol }));
  return work.length;
}

/** Downloads `examples` of dataset `meta` as `<name>.jsonl` (e.g. the copy a tab had of a dataset deleted elsewhere). */
export function downloadExamples(meta: DatasetMeta, examples: readonly Example[]): void {
  downloadText(`${safeFileName(meta.name)}.jsonl`, toJsonl(examples, { eol: meta.eol }));
}
