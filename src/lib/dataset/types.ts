// Shared vocabulary of the pure core: what a file reads into, what validation reports, what a dataset holds.
// Pure types only. Issues are data (code + params; messages/ writes their sentences). Positions: `line` is 1-based
// (as editors show), `example` is 1-based (as OpenAI's own messages say "Example 1 ..."), `message_index` is 0-based
// (an array index, as in the `path`).

import type { Params } from './messages/types';

/** How serious an issue is: errors block training, warnings deserve a look, info is a note. */
export type Severity = 'error' | 'warning' | 'info';

/** One finding about a file, an example, a message or a field. */
export interface Issue {
  severity: Severity;
  /** Stable machine code, e.g. `weight_not_allowed`. Never renamed once shipped. */
  code: string;
  /**
   * The values its sentence names (`variant` picks one of a code's sentences); the sentence, in plain words saying
   * what is wrong and how to fix it, is written at display time by `renderIssue(issue, lang)` (messages/).
   */
  params: Params;
  /** 1-based source line (of the record's first line), when known. */
  line?: number;
  /** 1-based example number, when the issue is about one example. */
  example?: number;
  /** 0-based index into the example's message list, when about one message. */
  message_index?: number;
  /** Field path inside the example, e.g. `messages[2].tool_calls[0].function.arguments`. */
  path?: string;
}

/** A JSON syntax error located in the record's own text (1-based line and column inside `text`); `code` + `params` say why. */
export interface ParseError {
  code: string;
  params: Params;
  line: number;
  column: number;
}

/** One record as read from a file, before validation. Never dropped, even when unparsable. */
export interface SourceRecord {
  /** 1-based line where the record's text starts in the file. */
  line: number;
  /** 1-based line where it ends (differs from `line` for pretty-printed records). */
  endLine: number;
  /** Exact original text of the record (no line terminator, no BOM). */
  text: string;
  /** Parsed JSON value; absent when the text did not parse. */
  value?: unknown;
  /** Why the text did not parse; absent when it did. */
  error?: ParseError;
}

/** How the records were laid out in the file. */
export type Container = 'jsonl' | 'json-array' | 'concatenated' | 'empty' | 'binary';

/** Result of reading a file: records (one per example) plus file-level issues. */
export interface ReadResult {
  records: SourceRecord[];
  /** File-level issues: BOM, CRLF, blank lines, array, pretty-printed, glued objects, encoding, empty… */
  issues: Issue[];
  container: Container;
  /** Line ending the file mostly used; export keeps it for untouched files. */
  eol: '\n' | '\r\n';
  /** True when the text began with a byte-order mark. */
  bom: boolean;
  /** Name of the text encoding the bytes were decoded from ('utf-8', 'windows-1252', …). */
  encoding: string;
}

/** Formats a single record can be in. Foreign formats are import-only. */
export type RecordFormat =
  | 'chat' // OpenAI supervised: {messages, tools?, parallel_tool_calls?}
  | 'preference' // OpenAI DPO: {input, preferred_output, non_preferred_output}
  | 'prompt_completion' // legacy {prompt, completion}
  | 'sharegpt' // {conversations: [{from, value}]}
  | 'alpaca' // {instruction, input?, output, system?, history?}
  | 'trl_preference' // {prompt, chosen, rejected}
  | 'unknown';

/** Format of a whole file. */
export type FileFormat = RecordFormat | 'mixed' | 'empty';

/** Formats a Tuneset dataset can be authored in (the ones OpenAI trains on). */
export type DatasetFormat = 'chat' | 'preference' | 'prompt_completion';

/** Where an example stands in a review: no status means "to review". */
export type ReviewStatus = 'approved' | 'needs_work' | 'rejected';
/** The review statuses, in the order the UI offers them. */
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['approved', 'needs_work', 'rejected'];

/** Free per-example metadata kept beside the example (never exported into training JSONL). */
export interface ExampleMeta {
  tags?: string[];
  note?: string;
  /** Review status; absent while the example is still to review. Rejected examples are left out of exports. */
  status?: ReviewStatus;
  /** Side of the train/validation split the example was moved to by hand (absent: the seeded split decides). */
  split?: 'train' | 'validation';
  /** When the example's content was last edited in Tuneset (ms since 1970); absent for untouched examples. */
  editedAt?: number;
}

/**
 * One example of a dataset. Immutable: an edit makes a new object; untouched examples keep their identity
 * and `original` bytes so export can write them back byte for byte.
 */
export interface Example {
  /** Stable identity across edits (not the position). */
  id: string;
  /** The parsed example (a JSON object in a training format). Absent for an unparsable raw record. */
  value?: unknown;
  /** The record's text when it is not valid JSON: kept, shown and editable, never dropped. */
  raw?: string;
  /** Exact source text while the example is untouched; dropped by any edit (then written compactly). */
  original?: string;
  /** 1-based source line the example came from, if imported. */
  line?: number;
  meta?: ExampleMeta;
}

/** Summary statistics of a numeric sample (numpy linear-interpolation percentiles). */
export interface Distribution {
  min: number;
  max: number;
  mean: number;
  median: number;
  p5: number;
  p95: number;
  p10: number;
  p90: number;
}
