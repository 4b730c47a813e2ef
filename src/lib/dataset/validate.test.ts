// Validation rules, one fixture file per scenario (tests/fixtures/validate). Expected codes, severities and
// positions come from FORMATS.md §2–4 and from where the fixture's author put each mistake.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DatasetFormat, Issue } from './types.ts';
import { readText } from './read.ts';
import { exampleFingerprint, validateDataset, validateDatasetRules, validateExample, VALIDATION_CODES, type DatasetValidation } from './validate.ts';
import { renderIssue } from './messages/index.ts';

/** An issue's English sentence, as the app and report show it. */
const en = (issue: Issue): string => renderIssue(issue, 'en');

const FIXTURES = new URL('../../../tests/fixtures/validate/', import.meta.url);

/** Reads a fixture with the real reader and validates it (as `format`, or the detected format). */
function check(name: string, format?: DatasetFormat): DatasetValidation {
  const read = readText(readFileSync(new URL(name, FIXTURES), 'utf8'));
  const items = read.records.map((r) => ({ value: r.value, error: r.error, raw: r.text, line: r.line }));
  return validateDataset(items, format ? { format } : {});
}

/** Issues with one code. */
const only = (v: DatasetValidation, code: string): Issue[] => v.issues.filter((i) => i.code === code);
/** The codes of one example's issues. */
const codesOf = (v: DatasetValidation, example: number): string[] => v.byExample[example - 1].map((i) => i.code);
const errors = (issues: Issue[]): Issue[] => issues.filter((i) => i.severity === 'error');

describe('a realistic valid dataset', () => {
  it('with tools, parallel calls, weights, images, a refusal and text parts has no issues at all', () => {
    const v = check('valid-rich.jsonl');
    expect(v.format).toBe('chat');
    expect(v.byExample).toHaveLength(12);
    expect(v.issues).toEqual([]);
  });

  it('every issue carries the severity its code is declared with', () => {
    const names = ['unparsable', 'roles', 'content', 'images', 'weight', 'tool-calls', 'tools', 'mixed', 'quality-warnings'];
    for (const name of names) {
      for (const issue of check(`${name}.jsonl`).issues) {
        expect(VALIDATION_CODES[issue.code as keyof typeof VALIDATION_CODES], issue.code).toBe(issue.severity);
      }
    }
  });
});

describe('records', () => {
  const v = check('unparsable.jsonl');
  it('an unparsable record is an error located at its file line and column', () => {
    expect(only(v, 'invalid_json')).toEqual([expect.objectContaining({ severity: 'error', line: 2, example: 2 })]);
    expect(en(only(v, 'invalid_json')[0])).toMatch(/line 2, column \d+/);
  });
  it('an array or a string instead of an object is an error', () => {
    expect(only(v, 'not_an_object')).toEqual([
      expect.objectContaining({ severity: 'error', line: 3, example: 3 }),
      expect.objectContaining({ severity: 'error', line: 4, example: 4 }),
    ]);
  });
  it('the parse error of a record starting at line 10 is reported on line 10 + its own line - 1', () => {
    const [issue] = validateDataset([{ error: { code: 'json.unexpected_value', params: { found: 'x' }, line: 3, column: 7 }, line: 10 }]).byExample[0];
    expect(issue).toMatchObject({ code: 'invalid_json', line: 10, example: 1 });
    expect(en(issue)).toContain('line 12, column 7');
  });
});

describe('chat top level', () => {
  it("an extra top-level key is an error naming the key, in OpenAI's words, with how to fix it", () => {
    const [issue] = only(check('extra-key.jsonl'), 'extra_key');
    expect(issue).toMatchObject({ severity: 'error', line: 1, example: 1, path: 'foo' });
    expect(en(issue)).toContain("Example 1 contains an extra key 'foo'");
    expect(en(issue)).toMatch(/remove it/);
  });
  it("deprecated 'functions' is a warning, not an error", () => {
    expect(only(check('extra-key.jsonl'), 'functions_deprecated')).toEqual([expect.objectContaining({ severity: 'warning', example: 2, path: 'functions' })]);
  });
  it("'messages' must be present, a list, and non-empty", () => {
    const v = check('messages-invalid.jsonl');
    expect(only(v, 'missing_messages')).toEqual([expect.objectContaining({ severity: 'error', example: 1, path: 'messages' })]);
    expect(en(only(v, 'missing_messages')[0])).toContain("Example 1 is missing key 'messages'");
    expect(only(v, 'messages_invalid')).toEqual([expect.objectContaining({ severity: 'error', example: 2, path: 'messages' })]);
    expect(only(v, 'messages_empty')).toEqual([expect.objectContaining({ severity: 'error', example: 3, path: 'messages' })]);
  });
});

describe('roles and message keys', () => {
  const v = check('roles.jsonl');
  it("an unknown role is an error that suggests OpenAI's name for a known alias", () => {
    const [issue] = only(v, 'unknown_role');
    expect(issue).toMatchObject({ severity: 'error', example: 1, message_index: 1, path: 'messages[1].role' });
    expect(en(issue)).toContain('"user"');
  });
  it('the developer role is rejected and the message says it belongs to reinforcement files', () => {
    const [issue] = only(v, 'developer_role');
    expect(issue).toMatchObject({ severity: 'error', example: 2, message_index: 0, path: 'messages[0].role' });
    expect(en(issue)).toMatch(/reinforcement/);
  });
  it('a message without role, or that is not an object, is an error', () => {
    expect(only(v, 'missing_role')).toEqual([expect.objectContaining({ example: 3, message_index: 1, path: 'messages[1]' })]);
    expect(only(v, 'message_not_object')).toEqual([expect.objectContaining({ example: 4, message_index: 1, path: 'messages[1]' })]);
  });
  it('a key the role does not allow is an error naming the key', () => {
    expect(only(v, 'message_extra_key')).toEqual([
      expect.objectContaining({ severity: 'error', example: 5, message_index: 1, path: 'messages[1].tool_calls' }),
    ]);
  });
  it('a non-string name is an error', () => {
    expect(only(v, 'name_invalid')).toEqual([expect.objectContaining({ example: 6, path: 'messages[1].name' })]);
  });
  it('a message with a broken role does not also produce role-count warnings', () => {
    for (const example of [1, 2, 3, 4]) {
      expect(codesOf(v, example)).not.toContain('missing_user_message');
      expect(codesOf(v, example)).not.toContain('missing_system_message');
    }
  });
});

describe('content', () => {
  const v = check('content.jsonl');
  it('a user message without content, or with null content, is an error', () => {
    expect(only(v, 'missing_content')).toEqual([expect.objectContaining({ severity: 'error', example: 1, message_index: 1, path: 'messages[1].content' })]);
    expect(only(v, 'content_null')).toEqual([expect.objectContaining({ severity: 'error', example: 2, message_index: 1, path: 'messages[1].content' })]);
  });
  it('content that is neither a string nor a list of parts is an error', () => {
    expect(only(v, 'content_invalid')).toEqual([expect.objectContaining({ example: 3, path: 'messages[1].content' })]);
  });
  it('blank content is a warning', () => {
    expect(only(v, 'empty_content')).toEqual([expect.objectContaining({ severity: 'warning', example: 4, message_index: 2 })]);
  });
  it('an assistant with neither content nor tool calls is an error; null content with tool calls is fine', () => {
    expect(only(v, 'assistant_missing_content')).toEqual([expect.objectContaining({ severity: 'error', example: 5, message_index: 2 })]);
    // example 6's only error is its tool message's list content (below), not the assistant's null content
    expect(errors(v.byExample[5]).map((i) => i.code)).toEqual(['tool_content_array']);
  });
  it('list content on a tool message is an error (OpenAI has refused such files)', () => {
    expect(only(v, 'tool_content_array')).toEqual([expect.objectContaining({ severity: 'error', example: 6, message_index: 3 })]);
  });
});

describe('images', () => {
  const v = check('images.jsonl');
  it('an image outside a user message is an error', () => {
    expect(only(v, 'image_not_allowed')).toEqual([
      expect.objectContaining({ severity: 'error', example: 1, message_index: 2, path: 'messages[2].content[0]' }),
    ]);
  });
  it('an image url that is not http(s) or a JPEG/PNG/WEBP data URL is an error', () => {
    expect(only(v, 'image_url_invalid').map((i) => [i.example, i.path])).toEqual([
      [2, 'messages[1].content[0].image_url.url'],
      [6, 'messages[1].content[0].image_url.url'],
    ]);
  });
  it('detail other than low/high/auto is an error', () => {
    expect(only(v, 'image_detail_invalid')).toEqual([expect.objectContaining({ example: 3, path: 'messages[1].content[0].image_url.detail' })]);
  });
  it('more than 10 images in one example (across messages) is an error', () => {
    const [issue] = only(v, 'too_many_images');
    expect(issue).toMatchObject({ severity: 'error', example: 4 });
    expect(en(issue)).toContain('11 images');
  });
  it('an unsupported part type and a text part without text are errors, without an extra "empty" warning', () => {
    expect(only(v, 'content_part_invalid').map((i) => i.path)).toEqual(['messages[1].content[0].type', 'messages[1].content[1].text']);
    expect(codesOf(v, 5)).not.toContain('empty_content');
  });
});

describe('weights', () => {
  const v = check('weight.jsonl');
  it('weight on a non-assistant message is an error', () => {
    expect(only(v, 'weight_not_allowed')).toEqual([expect.objectContaining({ severity: 'error', example: 1, message_index: 1, path: 'messages[1].weight' })]);
  });
  it('weight other than the integer 0 or 1 is an error (2 and "1" alike)', () => {
    expect(only(v, 'weight_invalid').map((i) => [i.example, i.path])).toEqual([
      [2, 'messages[2].weight'],
      [3, 'messages[2].weight'],
    ]);
  });
  it('an example whose assistant messages all have weight 0 gets a warning', () => {
    expect(only(v, 'no_trainable_assistant')).toEqual([expect.objectContaining({ severity: 'warning', example: 4 })]);
  });
});

describe('tool calls', () => {
  const v = check('tool-calls.jsonl');
  it('arguments given as an object is an error that shows the JSON-string form and says Tuneset can convert it', () => {
    const [issue] = only(v, 'tool_call_arguments_not_string');
    expect(issue).toMatchObject({ severity: 'error', example: 1, message_index: 2, path: 'messages[2].tool_calls[0].function.arguments' });
    expect(en(issue)).toContain('arguments must be a JSON string, e.g. "{\\"city\\":\\"Paris\\"}"');
    expect(en(issue)).toContain('Tuneset can convert it');
  });
  it('arguments that are not valid JSON text is an error', () => {
    expect(only(v, 'tool_call_arguments_invalid_json')).toEqual([
      expect.objectContaining({ example: 2, path: 'messages[2].tool_calls[0].function.arguments' }),
    ]);
  });
  it('a call whose type is not "function", or without id, is an error at that field', () => {
    expect(only(v, 'tool_call_invalid').map((i) => [i.example, i.path])).toEqual([
      [3, 'messages[2].tool_calls[0].type'],
      [4, 'messages[2].tool_calls[0].id'],
    ]);
  });
  it('a call never answered although the conversation continues is a warning; a final unanswered call is fine', () => {
    expect(only(v, 'tool_call_unanswered').map((i) => [i.example, i.severity, i.message_index])).toEqual([
      [5, 'warning', 2],
      [6, 'warning', 2],
      [9, 'warning', 2],
    ]);
    expect(only(check('valid-rich.jsonl'), 'tool_call_unanswered')).toEqual([]);
  });
  it('a tool message answering an id no earlier call made is an error', () => {
    expect(only(v, 'tool_response_unknown_id')).toEqual([
      expect.objectContaining({ severity: 'error', example: 6, message_index: 3, path: 'messages[3].tool_call_id' }),
    ]);
  });
  it("a call to a function missing from the example's tools is flagged", () => {
    const [issue] = only(v, 'tool_call_unknown_function');
    expect(issue).toMatchObject({ example: 7, path: 'messages[2].tool_calls[0].function.name' });
    expect(en(issue)).toContain("'get_forecast'");
  });
  it('calls are not flagged as unknown when a tool definition is too broken to read its name', () => {
    const value = {
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
      ],
      tools: [{ type: 'function', function: { description: 'no name' } }],
    };
    const codes = validateExample(value, { example: 1, format: 'chat' }).map((i) => i.code);
    expect(codes).toContain('tool_name_invalid');
    expect(codes).not.toContain('tool_call_unknown_function');
  });
  it('the same call id twice in one example is an error', () => {
    expect(only(v, 'tool_call_id_duplicate')).toEqual([expect.objectContaining({ example: 8, path: 'messages[2].tool_calls[1].id' })]);
  });
  it('a tool message without tool_call_id is an error', () => {
    expect(only(v, 'missing_tool_call_id')).toEqual([expect.objectContaining({ example: 9, message_index: 3 })]);
  });
  it('an empty tool_calls list is an error', () => {
    expect(only(v, 'tool_calls_invalid')).toEqual([expect.objectContaining({ example: 10, path: 'messages[2].tool_calls' })]);
  });
});

describe('tools', () => {
  const v = check('tools.jsonl');
  it('tools must be a list of {type: "function", function: {...}}', () => {
    expect(only(v, 'tools_invalid')).toEqual([expect.objectContaining({ severity: 'error', example: 1, path: 'tools' })]);
    expect(only(v, 'tool_invalid')).toEqual([expect.objectContaining({ example: 2, path: 'tools[0].type' })]);
  });
  it('a function name outside ^[a-zA-Z0-9_-]{1,64}$ is an error', () => {
    expect(only(v, 'tool_name_invalid')).toEqual([expect.objectContaining({ example: 3, path: 'tools[0].function.name' })]);
  });
  it('parameters must be an object schema', () => {
    expect(only(v, 'tool_parameters_invalid').map((i) => i.path)).toEqual(['tools[0].function.parameters', 'tools[1].function.parameters.type']);
  });
  it('the same function defined twice is an error', () => {
    expect(only(v, 'tool_name_duplicate')).toEqual([expect.objectContaining({ example: 5, path: 'tools[1].function.name' })]);
  });
  it('parallel_tool_calls must be a boolean', () => {
    expect(only(v, 'parallel_tool_calls_invalid')).toEqual([expect.objectContaining({ example: 6, path: 'parallel_tool_calls' })]);
  });
});

describe('preference (DPO)', () => {
  const v = check('preference.jsonl', 'preference');
  it('a well-formed preference example has no issues', () => {
    expect(v.byExample[0]).toEqual([]);
  });
  it("a missing 'input' is an error", () => {
    expect(only(v, 'missing_input')).toEqual([expect.objectContaining({ severity: 'error', example: 2, path: 'input' })]);
  });
  it('each output must be exactly one assistant message', () => {
    expect(only(v, 'preference_output_invalid').map((i) => [i.example, i.path])).toEqual([
      [3, 'preferred_output'],
      [4, 'preferred_output[0].role'],
    ]);
  });
  it('preference examples are text only and carry no weights', () => {
    expect(only(v, 'image_not_allowed')).toEqual([expect.objectContaining({ example: 5, message_index: 0, path: 'input.messages[0].content[0]' })]);
    expect(only(v, 'weight_not_allowed')).toEqual([expect.objectContaining({ example: 7, path: 'preferred_output[0].weight' })]);
  });
  it('identical preferred and non-preferred outputs are a warning', () => {
    expect(only(v, 'preference_outputs_identical')).toEqual([expect.objectContaining({ severity: 'warning', example: 6 })]);
  });
  it('extra keys at the top and inside input are errors', () => {
    expect(only(v, 'extra_key').map((i) => [i.example, i.path])).toEqual([
      [8, 'score'],
      [9, 'input.temperature'],
    ]);
  });
});

describe('prompt/completion', () => {
  const v = check('prompt-completion.jsonl', 'prompt_completion');
  it('both keys are required strings; extra keys are errors; an empty completion is a warning', () => {
    expect(v.byExample[0]).toEqual([]);
    expect(codesOf(v, 2)).toEqual(['missing_completion']);
    expect(codesOf(v, 3)).toEqual(['prompt_invalid']);
    expect(v.byExample[3]).toEqual([expect.objectContaining({ code: 'extra_key', path: 'label', severity: 'error' })]);
    expect(v.byExample[4]).toEqual([expect.objectContaining({ code: 'empty_content', path: 'completion', severity: 'warning' })]);
  });
});

describe('foreign formats', () => {
  it('ShareGPT, Alpaca and TRL preference records are errors that name the format and say to convert', () => {
    const v = check('foreign.jsonl');
    const issues = only(v, 'foreign_format');
    expect(issues.map((i) => [i.example, i.severity])).toEqual([
      [1, 'error'],
      [2, 'error'],
      [3, 'error'],
    ]);
    expect(en(issues[0])).toMatch(/looks like ShareGPT.*convert/);
    expect(en(issues[1])).toMatch(/looks like Alpaca/);
    expect(en(issues[2])).toMatch(/preference/);
  });
});

describe('dataset rules', () => {
  it("fewer than 10 examples is invalid_n_examples in OpenAI's wording", () => {
    const v = check('too-few.jsonl');
    expect(v.datasetIssues.map((i) => ({ ...i, message: en(i) }))).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'invalid_n_examples',
        message: expect.stringContaining('Training file has 3 example(s), but must have at least 10 examples'),
      }),
    ]);
    expect(v.issues[0].code).toBe('invalid_n_examples');
  });
  it('a file mixing formats is an error naming the first example of each, and each odd example is flagged', () => {
    const v = check('mixed.jsonl');
    expect(v.format).toBe('mixed');
    const [mixed] = only(v, 'mixed_formats');
    expect(en(mixed)).toMatch(/chat.*example 1.*preference.*example 4.*prompt\/completion.*example 7/);
    expect(only(v, 'wrong_format').map((i) => [i.example, i.line])).toEqual([
      [4, 4],
      [7, 7],
      [9, 9],
    ]);
  });
  it('an exact duplicate (whitespace aside) is a warning naming the first occurrence and its line', () => {
    const v = check('duplicates.jsonl');
    const dups = only(v, 'duplicate_example');
    expect(dups.map((i) => [i.example, i.line, i.severity])).toEqual([
      [3, 4, 'warning'],
      [4, 5, 'warning'],
    ]);
    expect(en(dups[0])).toContain('example 1 (line 1)');
  });
  it('validateDatasetRules on the returned summary gives exactly the dataset issues', () => {
    for (const name of ['mixed.jsonl', 'duplicates.jsonl', 'too-few.jsonl', 'valid-rich.jsonl']) {
      const v = check(name);
      expect(validateDatasetRules(v.summary, 'chat')).toEqual(v.datasetIssues);
    }
  });
  it('revalidating one edited example plus the dataset rules equals validating the edited dataset from scratch', () => {
    const read = readText(readFileSync(new URL('duplicates.jsonl', FIXTURES), 'utf8'));
    const items = read.records.map((r) => ({ value: r.value, line: r.line }));
    const before = validateDataset(items);
    const edited = {
      messages: [
        { role: 'user', content: 'changed' },
        { role: 'assistant', content: 'now unique' },
      ],
    };
    const byExample = [...before.byExample];
    byExample[2] = validateExample(edited, { example: 3, line: items[2].line, format: 'chat' });
    const fingerprints = [...before.summary.fingerprints];
    fingerprints[2] = exampleFingerprint(edited);
    const datasetIssues = validateDatasetRules({ ...before.summary, fingerprints }, 'chat');
    const fresh = validateDataset(items.map((it, i) => (i === 2 ? { ...it, value: edited } : it)));
    expect(byExample).toEqual(fresh.byExample);
    expect(datasetIssues).toEqual(fresh.datasetIssues);
  });
  it('issues are sorted by example, dataset-wide ones first, then by message', () => {
    const v = check('tool-calls.jsonl');
    const keys = v.issues.map((i) => [i.example ?? 0, i.message_index ?? -1]);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(keys).toEqual(sorted);
    expect(v.issues).toHaveLength(v.datasetIssues.length + v.byExample.flat().length);
  });
});

describe('content-quality warnings', () => {
  const v = check('quality-warnings.jsonl');
  it('no system, no user, a trailing non-assistant turn and no assistant at all are warnings, one each', () => {
    expect(codesOf(v, 1)).toEqual(['missing_system_message']);
    expect(codesOf(v, 2)).toEqual(['missing_user_message']);
    expect(v.byExample[2]).toEqual([expect.objectContaining({ code: 'last_not_assistant', severity: 'warning', message_index: 3 })]);
    expect(v.byExample[3]).toEqual([expect.objectContaining({ code: 'missing_assistant_message', severity: 'error' })]); // OpenAI refuses it
    expect(en(v.byExample[3][0])).toMatch(/teaches nothing/);
  });
  it("OpenAI's own special tokens in text are errors (OpenAI refuses the file); other chat markup is a warning; look-alikes are neither", () => {
    const s = check('special-tokens.jsonl');
    const refused = only(s, 'invalid_token');
    expect(refused.map((i) => [i.example, i.severity, i.message_index, i.path])).toEqual([[1, 'error', 1, 'messages[1].content']]);
    expect(en(refused[0])).toContain("'<|endoftext|>'");
    expect(en(refused[0])).toContain('message contains an invalid token');
    const markup = only(s, 'special_tokens');
    expect(markup.map((i) => [i.example, i.severity, i.message_index, i.path])).toEqual([[2, 'warning', 2, 'messages[2].content[0].text']]);
    expect(en(markup[0])).toContain("'<|im_start|>'");
  });
});

describe('robustness', () => {
  /** Deterministic mutants of real valid records: a random node replaced by junk, deleted, or given a stray key. */
  function* mutants(seed: number, count: number): Generator<unknown> {
    let s = seed;
    const rnd = (n: number) => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return (s >>> 8) % n;
    };
    const junkAt = () => structuredClone(junk[rnd(junk.length)]);
    const junk: unknown[] = [null, 0, 1, 2, -1, 1.5, '', 'x', '<|endoftext|>', true, {}, [], '{bad', '{}', 'developer', 'human', [{}], { role: 'tool' }];
    const seeds = ['valid-rich.jsonl', 'preference.jsonl', 'prompt-completion.jsonl'].flatMap((name) =>
      readText(readFileSync(new URL(name, FIXTURES), 'utf8')).records.map((r) => r.value),
    );
    /** Every container (object or array) in a value, with its keys. */
    const containers = (v: unknown, out: (Record<string, unknown> | unknown[])[] = []) => {
      if (v !== null && typeof v === 'object') {
        out.push(v as Record<string, unknown>);
        for (const child of Object.values(v)) containers(child, out);
      }
      return out;
    };
    for (let i = 0; i < count; i++) {
      const value = structuredClone(seeds[rnd(seeds.length)]);
      for (let m = 1 + rnd(3); m > 0; m--) {
        const all = containers(value);
        const target = all[rnd(all.length)] as Record<string, unknown>;
        const keys = Object.keys(target);
        const op = rnd(4);
        if (keys.length === 0 || op === 3) target[Array.isArray(target) ? String(keys.length) : `k${rnd(3)}`] = junkAt();
        else if (op === 2 && !Array.isArray(target)) delete target[keys[rnd(keys.length)]];
        else target[keys[rnd(keys.length)]] = op === 1 ? structuredClone(all[rnd(all.length)]) : junkAt();
      }
      yield value;
    }
  }

  it('validateExample never throws and never hits its internal-error fallback on mutated records', () => {
    const formats: DatasetFormat[] = ['chat', 'preference', 'prompt_completion'];
    const codes = new Set<string>();
    let n = 0;
    for (const value of mutants(7, 4000)) {
      for (const format of formats) {
        const issues = validateExample(value, { example: ++n, format });
        for (const i of issues) {
          expect(i.code).not.toBe('internal_error');
          expect(en(i).length).toBeGreaterThan(10);
          codes.add(i.code);
        }
      }
    }
    // The mutants reach most rules (a sanity check that this test exercises the validator, not just its guards).
    expect(codes.size).toBeGreaterThan(35);
  });

  it('non-JSON inputs (undefined, functions, cycles) become issues, not exceptions', () => {
    const cyclic: Record<string, unknown> = { messages: [] };
    (cyclic.messages as unknown[]).push(cyclic);
    for (const value of [undefined, () => 1, Symbol('x'), cyclic, 10n]) {
      expect(() => validateExample(value, { example: 1, format: 'chat' })).not.toThrow();
      expect(() => exampleFingerprint(value)).not.toThrow();
    }
    expect(exampleFingerprint(cyclic)).toBe('');
  });

  it('equal examples share a fingerprint and a one-character change does not', () => {
    const a = { messages: [{ role: 'user', content: 'hi' }] };
    expect(exampleFingerprint(a)).toBe(exampleFingerprint(JSON.parse(JSON.stringify(a))));
    expect(exampleFingerprint(a)).not.toBe(exampleFingerprint({ messages: [{ role: 'user', content: 'hj' }] }));
    const seen = new Set<string>();
    for (let i = 0; i < 20000; i++) seen.add(exampleFingerprint({ messages: [{ role: 'user', content: `q${i}` }] }));
    expect(seen.size).toBe(20000);
  });
});
