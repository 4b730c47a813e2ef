import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { checkAgainstSchema } from './json-schema-lite';

// The get_weather schema from OpenAI's function-calling guide, plus the limits our subset supports.
const weather = {
  type: 'object',
  properties: {
    location: { type: 'string', description: 'City and country e.g. Bogotá, Colombia', minLength: 2, maxLength: 40 },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    days: { type: 'integer', minimum: 1, maximum: 14 },
    hourly: { type: ['boolean', 'null'] },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['location', 'unit'],
  additionalProperties: false,
};

// Independent oracle: Ajv (a full JSON Schema validator, here as eslint's dependency) must agree on valid vs invalid.
const ajv = new Ajv({ allErrors: true });
const cases: [string, unknown][] = [
  ['a complete call', { location: 'Paris, France', unit: 'celsius', days: 3, hourly: null, tags: ['a'] }],
  ['a call with only required keys', { location: 'Oslo', unit: 'fahrenheit' }],
  ['a missing required key', { location: 'Oslo' }],
  ['a value outside the enum', { location: 'Oslo', unit: 'kelvin' }],
  ['a fractional day count', { location: 'Oslo', unit: 'celsius', days: 2.5 }],
  ['a day count over the maximum', { location: 'Oslo', unit: 'celsius', days: 15 }],
  ['a day count under the minimum', { location: 'Oslo', unit: 'celsius', days: 0 }],
  ['a too-short location', { location: 'O', unit: 'celsius' }],
  ['a too-long location', { location: 'x'.repeat(41), unit: 'celsius' }],
  ['an extra key', { location: 'Oslo', unit: 'celsius', country: 'NO' }],
  ['a number where text is expected', { location: 42, unit: 'celsius' }],
  ['a wrong item type in a list', { location: 'Oslo', unit: 'celsius', tags: ['a', 3] }],
  ['a union type given a string', { location: 'Oslo', unit: 'celsius', hourly: 'yes' }],
  ['a list instead of an object', ['Oslo']],
  ['null instead of an object', null],
];

describe('checkAgainstSchema', () => {
  it.each(cases)('agrees with a full validator on %s', (_name, value) => {
    const valid = ajv.validate(weather, value) as boolean;
    expect(checkAgainstSchema(value, weather).length === 0).toBe(valid);
  });

  it('names the missing key and the allowed choices so the user knows what to type', () => {
    expect(checkAgainstSchema({ location: 'Oslo' }, weather).join(' ')).toContain('"unit" is required');
    const enumMsg = checkAgainstSchema({ location: 'Oslo', unit: 'kelvin' }, weather).join(' ');
    expect(enumMsg).toContain('"celsius"');
    expect(enumMsg).toContain('"fahrenheit"');
    expect(enumMsg).toContain('"kelvin"');
  });

  it('points into nested lists by position', () => {
    const problems = checkAgainstSchema({ location: 'Oslo', unit: 'celsius', tags: ['a', 3] }, weather);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('"tags[1]"');
  });

  it('reports an unexpected key and lists the allowed ones', () => {
    const [p] = checkAgainstSchema({ location: 'Oslo', unit: 'celsius', country: 'NO' }, weather);
    expect(p).toContain('"country"');
    expect(p).toContain('location, unit, days');
  });

  it('counts characters, not UTF-16 units, for length limits (emoji count once)', () => {
    const schema = { type: 'string', maxLength: 2 };
    expect(checkAgainstSchema('😀😀', schema)).toEqual([]);
    expect(ajv.validate(schema, '😀😀')).toBe(true);
  });

  it('treats integers as numbers but not fractions as integers', () => {
    expect(checkAgainstSchema(3, { type: 'number' })).toEqual([]);
    expect(checkAgainstSchema(3.5, { type: 'integer' })).toHaveLength(1);
  });

  it('ignores keywords it does not know instead of rejecting the schema', () => {
    const schema = { type: 'object', anyOf: [{ required: ['x'] }], properties: { d: { type: 'string', format: 'date' } } };
    expect(checkAgainstSchema({ d: 'not a date' }, schema)).toEqual([]);
  });

  it('checks extra keys against an additionalProperties schema', () => {
    const schema = { type: 'object', additionalProperties: { type: 'number' } };
    expect(checkAgainstSchema({ a: 1, b: 2 }, schema)).toEqual([]);
    expect(checkAgainstSchema({ a: 1, b: 'two' }, schema)[0]).toContain('"b"');
  });

  it('never throws on malformed schemas or odd values', () => {
    for (const schema of [null, 'object', 42, [], { type: 7 }, { properties: 'x' }, { required: 'a' }, { items: [] }]) {
      expect(() => checkAgainstSchema({ a: [1, { b: null }] }, schema)).not.toThrow();
      expect(checkAgainstSchema({ a: 1 }, schema)).toEqual([]);
    }
  });

  it('caps the number of problems on huge wrong inputs', () => {
    const problems = checkAgainstSchema(
      Array.from({ length: 500 }, () => 1),
      { type: 'array', items: { type: 'string' } },
    );
    expect(problems.length).toBeLessThanOrEqual(50);
    expect(problems.length).toBeGreaterThan(0);
  });
});
