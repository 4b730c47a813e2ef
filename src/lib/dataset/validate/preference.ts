// Rules for a preference (DPO) example: an input conversation and two single-message outputs that differ.
import { isObject } from '../edit';
import { PREFERENCE_INPUT_KEYS, PREFERENCE_KEYS } from './codes';
import { kind, newState, type Collector, type MessageList } from './collector';
import { checkExtraKeys, checkMessages, checkParallel, messageArray } from './chat';
import { exampleFingerprint } from './fingerprint';
import { checkTools } from './tools';

/** Preference (DPO) example. */
export function validatePreference(c: Collector, v: Record<string, unknown>): void {
  checkExtraKeys(c, v, PREFERENCE_KEYS, '');
  let toolNames: Set<string> | null = null;
  const state = newState();
  if (!('input' in v)) {
    c.add('missing_input', {}, 'input');
  } else if (!isObject(v.input)) {
    c.add('input_invalid', { kind: kind(v.input) }, 'input');
  } else {
    const input = v.input;
    checkExtraKeys(c, input, PREFERENCE_INPUT_KEYS, 'input.');
    if ('tools' in input) toolNames = checkTools(c, input.tools, 'input.tools');
    checkParallel(c, input, 'input.parallel_tool_calls');
    const messages = messageArray(c, input, 'input.messages');
    if (messages) {
      const list: MessageList = { c, mode: 'preference', path: 'input.messages', indexed: true, toolNames };
      const stats = checkMessages(list, state, messages);
      if (stats.user === 0 && stats.unknown === 0) c.add('missing_user_message.input', {}, 'input.messages');
    }
  }
  const outputs: unknown[] = [];
  for (const key of ['preferred_output', 'non_preferred_output'] as const) {
    const out = v[key];
    if (!(key in v)) {
      c.add('preference_output_invalid.missing', { key }, key);
    } else if (!Array.isArray(out) || out.length !== 1) {
      c.add('preference_output_invalid', Array.isArray(out) ? { key, count: out.length } : { key }, key);
    } else {
      const list: MessageList = { c, mode: 'preference', path: key, indexed: false, toolNames };
      checkMessages(list, state, out);
      outputs.push(out[0]);
    }
  }
  if (outputs.length === 2 && exampleFingerprint(outputs[0]) === exampleFingerprint(outputs[1])) {
    c.add('preference_outputs_identical', {}, 'non_preferred_output');
  }
}
