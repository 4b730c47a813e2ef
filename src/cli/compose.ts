// The report of a file checked as a stream: the same object `buildReport` (src/lib/dataset/report.ts) builds from the
// whole file, put together from per-example results instead of the records themselves (which a 512 MB file cannot
// keep). The report itself is assembled by the core's assembleReport, as buildReport does; what is repeated here is
// only how the validator's issues are gathered per example. src/cli/check.test.ts compares this with buildReport on
// every fixture and fails on any difference.
import type { ModelInfo } from '../lib/models/catalog';
import { assembleReport, type ExampleFigures, type Report } from '../lib/dataset/report';
import type { Lang } from '../lib/dataset/messages/index';
import { detectFileFormat } from '../lib/dataset/detect';
import { expectedFormat, sortIssues, validateDataset, validateDatasetRules, type DatasetInput } from '../lib/dataset/validate';
import type { DatasetFormat, Issue, ParseError, RecordFormat } from '../lib/dataset/types';
import type { GuideSums } from './analyse';
import { defaultTarget, targetDatasetIssues, type TargetDatasetSummary, type TargetId } from '../lib/dataset/targets/index';

/** The CLI's report: the core's, plus the target it was checked for (`--target`, else the format's default). */
export type TargetReport = Report & { target: TargetId };

/** Which OpenAI format each foreign format converts to (validate's CONVERTS_TO). */
const CONVERTS_TO: Partial<Record<RecordFormat, DatasetFormat>> = { sharegpt: 'chat', alpaca: 'chat', trl_preference: 'preference' };

/** The format a dataset whose first recognisable record is in `f` will most likely be validated against. */
export function likelyFormat(f: RecordFormat): DatasetFormat | null {
  if (f === 'chat' || f === 'preference' || f === 'prompt_completion') return f;
  return CONVERTS_TO[f] ?? null;
}

/** Per-example results of a whole file, in example order (index = example − 1). */
export interface ExampleTable {
  formats: RecordFormat[];
  fingerprints: string[];
  lines: number[];
  /** validateExample's issues per example (undefined: none, or an unparsable record). */
  issues: (Issue[] | undefined)[];
  /** Parse errors of the unparsable records, by example number. */
  errors: Map<number, ParseError>;
  /** Token figures; NaN for unparsable records. */
  messages: number[];
  tokens: number[];
  assistant: number[];
  trainable: number[];
  guide: GuideSums;
  /** What the targets' dataset rules need (targetExampleFacts of every example, added up). */
  targetSummary: TargetDatasetSummary;
}

/** What the stream gave besides the examples. */
export interface StreamFacts {
  file: string;
  model: string;
  info: ModelInfo | undefined;
  encoding: string;
  /** Decoding issues (not_utf8, binary_file), then the reader's (bom, crlf, invalid_json of each record…). */
  readIssues: Issue[];
  textEncoding: string;
  binary: boolean;
  now: Date;
  /** Language of the issues' sentences (buildReport's `lang`; default English). */
  lang?: Lang;
  /** --target: its dataset rules apply (absent: OpenAI's as they are, and the report names the format's default). */
  target?: TargetId;
}

/** buildReport's report of the file, from its stream facts and example table. */
export function composeReport(facts: StreamFacts, t: ExampleTable): TargetReport {
  const { model, info } = facts;
  const n = t.formats.length;
  const fileFormat = detectFileFormat(t.formats);
  const format = expectedFormat(fileFormat, t.formats);
  const openaiDatasetIssues = validateDatasetRules({ formats: t.formats, fingerprints: t.fingerprints, lines: t.lines }, format);
  const datasetIssues = facts.target ? targetDatasetIssues(facts.target, t.targetSummary, openaiDatasetIssues) : openaiDatasetIssues;

  // The reader already reports each unparsable record (quoting its text); buildReport drops the validator's duplicate.
  const readExamples = new Set(facts.readIssues.filter((i) => i.example !== undefined).map((i) => i.example));
  const parseIssues = parseIssuesOf(t, readExamples);
  const all: Issue[] = [...datasetIssues];
  for (let i = 0; i < n; i++) {
    const list = t.errors.has(i + 1) ? parseIssues.get(i + 1) : t.issues[i];
    if (list) for (const issue of list) all.push(issue);
  }
  const validationIssues = sortIssues(all).filter((i) => !(i.code === 'invalid_json' && readExamples.has(i.example)));

  const figures: ExampleFigures = { example: [], line: [], messages: [], tokens: [], assistant: [], trainable: [] };
  for (let i = 0; i < n; i++) {
    if (t.errors.has(i + 1)) continue;
    figures.example.push(i + 1);
    figures.line.push(t.lines[i]);
    figures.messages.push(t.messages[i]);
    figures.tokens.push(t.tokens[i]);
    figures.assistant.push(t.assistant[i]);
    figures.trainable.push(t.trainable[i]);
  }
  const report = assembleReport({
    file: facts.file,
    format: facts.binary ? 'binary' : fileFormat,
    model,
    info,
    encoding: facts.encoding,
    textEncoding: facts.textEncoding,
    examples: n,
    readIssues: facts.readIssues,
    validationIssues,
    guide: t.guide,
    figures,
    now: facts.now,
    lang: facts.lang,
  });
  // `target` beside the model: what the file was checked for.
  const { file, format: fileFormatName, model: modelName, ...rest } = report;
  return { file, format: fileFormatName, model: modelName, target: facts.target ?? defaultTarget(format), ...rest };
}

/**
 * The validator's issue of each unparsable record the reader did not report itself (past its first 1,000), worded by
 * validateDataset: it is given every record — a placeholder for the parsed ones, the error for the others — once.
 */
function parseIssuesOf(t: ExampleTable, readExamples: Set<number | undefined>): Map<number, Issue[]> {
  const out = new Map<number, Issue[]>();
  const wanted = [...t.errors.keys()].filter((ex) => !readExamples.has(ex));
  if (wanted.length === 0) return out;
  const last = wanted.reduce((m, ex) => Math.max(m, ex), 0);
  const items: DatasetInput[] = new Array(last);
  for (let i = 0; i < last; i++) {
    const error = t.errors.get(i + 1);
    items[i] = error ? { error, line: t.lines[i] } : { value: null, line: t.lines[i] };
  }
  const { byExample } = validateDataset(items, { format: 'chat' });
  for (const ex of wanted) out.set(ex, byExample[ex - 1]);
  return out;
}
