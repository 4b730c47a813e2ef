import { describe, expect, it } from 'vitest';
import { argumentsProblems, argumentsToString, checkArguments, functionNames, jsonErrorOffset, newToolCall, parseJsonText, parseToolsJson } from './tool-edit';

// The tools list from OpenAI's fine-tuning guide (function-calling example).
const tools = [
  {
    type: 'function',
    function: {
      name: 'get_current_weather',
      description: 'Get the current weather',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and country, eg. San Francisco, USA' },
          format: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        },
        required: ['location', 'format'],
      },
    },
  },
  { type: 'function', function: { name: 'get_time' } },
];

describe('functionNames', () => {
  it('lists the names in order and skips malformed entries', () => {
    expect(functionNames([...tools, null, { type: 'function' }, { function: { name: 3 } }])).toEqual(['get_current_weather', 'get_time']);
    expect(functionNames(undefined)).toEqual([]);
    expect(functionNames({ name: 'x' })).toEqual([]);
  });
});

describe('parseToolsJson', () => {
  it('accepts the guide’s tools list unchanged', () => {
    expect(parseToolsJson(JSON.stringify(tools, null, 2))).toEqual({ tools });
  });

  it('treats blank text as “no tools” so clearing the box removes them', () => {
    expect(parseToolsJson('  \n')).toEqual({ tools: [] });
  });

  it('says where broken JSON is broken, by line and column', () => {
    const text = '[\n  {"type": "function",\n   "function": {"name": "a"}\n  ,]';
    const { error, tools: parsed } = parseToolsJson(text);
    expect(parsed).toBeUndefined();
    expect(error).toMatch(/^Line 4, column \d+/);
  });

  it('asks for a list when given a single tool object', () => {
    expect(parseToolsJson(JSON.stringify(tools[0])).error).toContain('list');
  });

  it.each([
    ['a name with a space', [{ type: 'function', function: { name: 'get weather' } }], 'Tool 1'],
    ['a 65-character name', [{ type: 'function', function: { name: 'a'.repeat(65) } }], 'Tool 1'],
    ['a wrong type', [tools[1], { type: 'retrieval', function: { name: 'x' } }], 'Tool 2'],
    ['parameters given as a string', [{ type: 'function', function: { name: 'x', parameters: '{}' } }], 'Tool 1 ("x")'],
    ['a non-object parameters schema', [{ type: 'function', function: { name: 'x', parameters: { type: 'array' } } }], 'Tool 1 ("x")'],
    ['strict given as text', [{ type: 'function', function: { name: 'x', strict: 'yes' } }], 'Tool 1 ("x")'],
    ['a duplicate name', [tools[1], tools[1]], 'Tool 2 ("get_time")'],
    ['an extra key on the tool', [{ ...tools[1], name: 'get_time' }], 'Tool 1'],
    ['a tool that is not an object', [tools[1], 'get_time'], 'Tool 2'],
  ])('rejects %s and names the tool by position', (_n, value, where) => {
    const { error, tools: parsed } = parseToolsJson(JSON.stringify(value));
    expect(parsed).toBeUndefined();
    expect(error?.startsWith(where)).toBe(true);
  });

  it('accepts a 64-character name with digits, dashes and underscores', () => {
    const name = 'a-b_9'.padEnd(64, 'z');
    expect(parseToolsJson(JSON.stringify([{ type: 'function', function: { name } }])).error).toBeUndefined();
  });

  it('mentions how many other problems there are', () => {
    const bad = [{ type: 'x', function: { name: 'a b' } }];
    expect(parseToolsJson(JSON.stringify(bad)).error).toContain('and 1 more problem');
  });
});

describe('newToolCall', () => {
  it('makes a call id in OpenAI’s shape with empty arguments that are JSON text', () => {
    const call = newToolCall('get_time');
    expect(call.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_time', arguments: '{}' } });
    expect(JSON.parse(call.function.arguments)).toEqual({});
  });

  it('never reuses an id already in the example', () => {
    // A random source that repeats: first the taken id's characters, then something else.
    const seq = [...Array(24).fill(0), ...Array(24).fill(0.5)];
    let i = 0;
    const random = () => seq[i++ % seq.length];
    const taken = 'call_' + 'A'.repeat(24);
    const call = newToolCall('x', [taken], random);
    expect(call.id).not.toBe(taken);
    expect(call.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
  });

  it('gives different ids to calls made one after another', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newToolCall('x').id));
    expect(ids.size).toBe(200);
  });
});

describe('argumentsProblems', () => {
  it('is empty for arguments that match the function', () => {
    expect(argumentsProblems('{"location": "Paris, France", "format": "celsius"}', tools, 'get_current_weather')).toEqual([]);
  });

  it('reports a JSON error with its line and column, and nothing else', () => {
    const problems = argumentsProblems('{"location": "Paris",\n "format": celsius}', tools, 'get_current_weather');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Arguments are not valid JSON: Line 2, column \d+/);
  });

  it('reports schema problems after the JSON parses', () => {
    const problems = argumentsProblems('{"location": "Paris"}', tools, 'get_current_weather');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('"format" is required');
  });

  it('asks for an object when the arguments are another JSON value', () => {
    expect(checkArguments('"Paris"', tools, 'get_current_weather')[0].kind).toBe('schema');
    expect(checkArguments('[]', tools, 'get_time')).toHaveLength(1);
  });

  it('accepts any object for a function without parameters', () => {
    expect(argumentsProblems('{}', tools, 'get_time')).toEqual([]);
  });

  it('flags a function that is not defined in the tools', () => {
    expect(checkArguments('{}', tools, 'book_flight')).toEqual([{ kind: 'unknown_function', message: expect.stringContaining('"book_flight"') }]);
    expect(checkArguments('{}', undefined, '')[0].kind).toBe('unknown_function');
  });

  it('calls empty arguments text a JSON problem and suggests {}', () => {
    const [p] = checkArguments('', tools, 'get_time');
    expect(p.kind).toBe('json');
    expect(p.message).toContain('{}');
  });
});

describe('argumentsToString', () => {
  it('turns an imported object into the JSON text OpenAI expects, which parses back to the same object', () => {
    const args = { location: 'Zürich', days: [1, 2], nested: { ok: true } };
    const text = argumentsToString(args);
    expect(typeof text).toBe('string');
    expect(JSON.parse(text)).toEqual(args);
  });

  it('keeps existing strings byte for byte (even invalid ones, so nothing typed is lost)', () => {
    expect(argumentsToString('{"a": 1 }')).toBe('{"a": 1 }');
    expect(argumentsToString('{oops')).toBe('{oops');
    expect(argumentsToString(undefined)).toBe('{}');
  });
});

describe('parseJsonText', () => {
  it('explains a truncated document in words', () => {
    expect(parseJsonText('{"a": [1, 2').error).toContain('ends too early');
  });
});

describe('jsonErrorOffset', () => {
  // Oracle: JSON.parse decides validity, and V8 states the position in many of its messages.
  const seeds = ['{"a": [1, 2.5e3, -0, true, null], "b": {"c": "x\\u00e9\\n"}}', '[{"type": "function", "function": {"name": "f"}}]', '"s"', '12'];
  const variants: string[] = [];
  for (const s of seeds) {
    for (let k = 0; k < s.length; k++) {
      variants.push(s.slice(0, k) + s.slice(k + 1)); // a character deleted
      for (const c of [',', '}', ']', '"', 'x', '0', ' ', '\\']) variants.push(s.slice(0, k) + c + s.slice(k)); // one inserted
    }
  }

  it.each(seeds)('finds no error in valid JSON %s', (s) => {
    expect(jsonErrorOffset(s)).toBe(-1);
  });

  it(`agrees with JSON.parse on validity and position for ${variants.length} one-character mutations`, () => {
    for (const text of variants) {
      let valid = true;
      let vPos: number | undefined;
      try {
        JSON.parse(text);
      } catch (e) {
        valid = false;
        const m = /position (\d+)/.exec((e as Error).message);
        if (m) vPos = Number(m[1]);
        if (/end of JSON input/.test((e as Error).message)) vPos = text.length;
      }
      const at = jsonErrorOffset(text);
      expect(at === -1, text).toBe(valid);
      if (vPos !== undefined) expect(at, text).toBe(vPos);
    }
  });
});
