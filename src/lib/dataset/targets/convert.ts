// Writing a dataset for a target: records in a foreign format are first read into OpenAI's format (convert.ts),
// then each goes through the target's converter (export.ts); what does not fit is listed with its reason.
import { convertRecord, naturalTarget } from '../convert';
import { detectRecordFormat } from '../detect';
import { message, type Message } from '../messages/index';
import { exampleText } from '../export';
import type { Example } from '../types';
import { exportTo, type ExportResult, type ExportTarget, type SkippedExample } from './export';
import { targetInfo, type TargetId } from './info';

/** The converter (export.ts) of each target that is not OpenAI's own JSONL. */
const EXPORTS: Partial<Record<TargetId, ExportTarget>> = {
  together: 'together',
  fireworks: 'fireworks',
  trl: 'hf_messages',
  'trl-dpo': 'trl_preference',
  sharegpt: 'sharegpt',
  alpaca: 'alpaca',
};

/** The export.ts converter of `target`; undefined for the OpenAI targets (their file is the records as they are). */
export function exportTargetOf(target: TargetId): ExportTarget | undefined {
  return EXPORTS[target];
}

/**
 * Converts examples for `target`: one JSONL line per example that fits, the others in `skipped` (1-based, in the
 * order given) with the reason. A record already in the target's own foreign format (ShareGPT for sharegpt…) is
 * written as it is; other foreign records are read as OpenAI chat/preference first.
 */
export function convertForTarget(examples: readonly Example[], target: TargetId): ExportResult {
  const info = targetInfo(target);
  const exporter = EXPORTS[target];
  const lines: string[] = [];
  const skipped: SkippedExample[] = [];
  const notes = new Map<string, Message>();
  // OpenAI targets write the records as they are, when the target trains on their format.
  const notTaken = message(target === 'openai-dpo' ? 'target.not_preference' : target === 'openai' ? 'target.not_chat' : 'target.not_chat_or_preference');
  examples.forEach((e, i) => {
    const skip = (reason: Message) => void skipped.push({ example: i + 1, reason });
    if (e.value === undefined) return skip(message('target.invalid_json', { text: exampleText(e).slice(0, 40) }));
    const format = detectRecordFormat(e.value);
    const natural = naturalTarget(format);
    // The target's own foreign format (ShareGPT for sharegpt…) passes as it is.
    if (info.formats.includes(format) && natural !== undefined && format !== natural) return void lines.push(JSON.stringify(e.value));
    let value = e.value;
    if (natural !== undefined && format !== natural) {
      const r = convertRecord(e.value, natural); // other foreign records become OpenAI's first
      if (r.value === undefined) return skip(message('target.not_chat_or_preference'));
      value = r.value;
    }
    if (!exporter) return info.formats.includes(detectRecordFormat(value)) ? void lines.push(JSON.stringify(value)) : skip(notTaken);
    const r = exportTo([{ id: e.id, value }], exporter);
    if (r.skipped.length > 0) return skip(r.skipped[0].reason);
    for (const n of r.notes) if (n.code !== 'target.fireworks_min') notes.set(n.code, n);
    lines.push(r.text.replace(/\n$/, ''));
  });
  if (lines.length < info.minExamples && target === 'fireworks')
    notes.set('target.fireworks_min', message('target.fireworks_min', { min: info.minExamples, count: lines.length }));
  return { text: lines.map((l) => l + '\n').join(''), skipped, notes: [...notes.values()] };
}
