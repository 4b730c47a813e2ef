// What Tuneset knows of one example on its own: its issues (numbered as example 1), record format, duplicate
// fingerprint and message count. Pure, so the page and the analysis workers (tokens/worker-handler.ts) compute
// exactly the same thing; the page caches it per example object (state/analysis.svelte.ts).
import type { DatasetFormat, Example, Issue, RecordFormat } from './types';
import { validateExample, exampleFingerprint } from './validate';
import { detectRecordFormat } from './detect';
import { getMessages } from './edit';
import { coreIssue } from './messages/index';

/** Results of analyseExample. */
export interface ExampleAnalysis {
  /** Issues of this example alone, as example 1 (show them with the real number: `{ ...issue, example: n }`). */
  issues: Issue[];
  errors: number;
  warnings: number;
  format: RecordFormat;
  /** Exact-duplicate fingerprint (validate.ts exampleFingerprint); `raw:<text>` for an unparsed line. */
  fingerprint: string;
  messages: number;
}

/** Validation and figures of one example as a record of a `format` dataset. Never throws. */
export function analyseExample(ex: Pick<Example, 'value' | 'raw' | 'line'>, format: DatasetFormat): ExampleAnalysis {
  const issues: Issue[] =
    ex.value === undefined
      ? [coreIssue('error', 'invalid_json.raw', {}, { example: 1, line: ex.line })]
      : validateExample(ex.value, { example: 1, line: ex.line, format });
  const { errors, warnings } = severities(issues);
  // The fingerprint (a hash of the whole example) is only needed by the dataset rules, which run after a pause in
  // typing: worked out on first use, so a keystroke in a 12 MB example does not hash it (a copy, e.g. a worker's
  // result posted to the page, carries it as a plain value).
  let fingerprint: string | undefined;
  const value = ex.value;
  const raw = ex.raw;
  return {
    issues,
    errors,
    warnings,
    format: value === undefined ? 'unknown' : detectRecordFormat(value),
    get fingerprint(): string {
      return (fingerprint ??= value === undefined ? `raw:${raw ?? ''}` : exampleFingerprint(value));
    },
    messages: getMessages(value).length,
  };
}

function severities(issues: readonly Issue[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const i of issues) {
    if (i.severity === 'error') errors++;
    else if (i.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

/** `a` with other issues (an export target's view of the example: dataset/targets): the rest is shared with `a`. */
export function adaptAnalysis(a: ExampleAnalysis, issues: Issue[]): ExampleAnalysis {
  return {
    issues,
    ...severities(issues),
    format: a.format,
    get fingerprint(): string {
      return a.fingerprint;
    },
    messages: a.messages,
  };
}
