// A small JSON Schema checker for the subset that function `parameters` use in practice (type, properties, required,
// additionalProperties, enum, const, items, minimum/maximum, minLength/maxLength). Unknown keywords are ignored, so a
// schema using anyOf/$ref/format is never rejected, only checked less. Problems are plain-language sentences.
import { isObject } from './edit';

/** At most this many problems are reported per value (the rest would only repeat the same mistake). */
const MAX_PROBLEMS = 50;

/** Plain-language names of the JSON Schema types, as a user reads them. */
const TYPE_WORDS: Record<string, string> = {
  object: 'an object { … }',
  array: 'a list [ … ]',
  string: 'text (a string in quotes)',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'null',
};

/** The JSON type of a value as a user would name it ("a number", "text", …). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a number';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isObject(value)) return 'an object';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return true; // an unknown type name is not ours to judge
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Names a place in the value for a message: `"location"`, `"items[2].name"`, or "The value" for the root. */
function where(path: string): string {
  return path === '' ? 'The value' : `"${path}"`;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function check(value: unknown, schema: unknown, path: string, out: string[]): void {
  if (out.length >= MAX_PROBLEMS) return;
  if (schema === false) {
    out.push(`${where(path)} is not allowed here.`);
    return;
  }
  if (!isObject(schema)) return; // `true`, {} and malformed schemas accept anything

  const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type.filter((t) => typeof t === 'string') : [];
  if (types.length > 0 && !types.some((t) => matchesType(value, t))) {
    const wanted = types.map((t) => (Object.hasOwn(TYPE_WORDS, t) ? TYPE_WORDS[t] : t)).join(' or ');
    out.push(`${where(path)} should be ${wanted}, but it is ${describe(value)}.`);
    return; // the other keywords would only repeat the same mistake
  }

  if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, value))) {
    const choices = schema.enum.map((e) => JSON.stringify(e)).join(', ');
    out.push(`${where(path)} must be one of ${choices}, not ${JSON.stringify(value)}.`);
  }
  if ('const' in schema && !deepEqual(schema.const, value)) {
    out.push(`${where(path)} must be exactly ${JSON.stringify(schema.const)}.`);
  }

  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) out.push(`${where(path)} must be at least ${schema.minimum} (it is ${value}).`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) out.push(`${where(path)} must be at most ${schema.maximum} (it is ${value}).`);
  }
  if (typeof value === 'string') {
    const len = [...value].length; // characters, not UTF-16 units, as JSON Schema counts them
    if (typeof schema.minLength === 'number' && len < schema.minLength)
      out.push(`${where(path)} must be at least ${schema.minLength} characters long (it has ${len}).`);
    if (typeof schema.maxLength === 'number' && len > schema.maxLength)
      out.push(`${where(path)} must be at most ${schema.maxLength} characters long (it has ${len}).`);
  }

  if (Array.isArray(value) && isObject(schema.items)) {
    value.forEach((item, i) => check(item, schema.items, join(path, i), out));
  }

  if (isObject(value)) {
    const props = isObject(schema.properties) ? schema.properties : {};
    if (Array.isArray(schema.required)) {
      for (const key of schema.required) {
        if (typeof key === 'string' && !Object.hasOwn(value, key)) out.push(`${where(join(path, key))} is required but missing.`);
      }
    }
    for (const [key, v] of Object.entries(value)) {
      if (Object.hasOwn(props, key)) check(v, props[key], join(path, key), out);
      else if (schema.additionalProperties === false) {
        const known = Object.keys(props);
        const hint = known.length ? ` Allowed keys: ${known.join(', ')}.` : ' No keys are allowed.';
        out.push(`${where(join(path, key))} is not an allowed key.${hint}`);
      } else if (isObject(schema.additionalProperties)) check(v, schema.additionalProperties, join(path, key), out);
    }
  }
}

/**
 * Checks `value` against a JSON Schema `schema` (the practical subset used by function `parameters`) and returns
 * plain-language problems, empty when it matches. Never throws; unknown keywords and malformed schemas are ignored.
 * At most 50 problems are returned.
 */
export function checkAgainstSchema(value: unknown, schema: unknown): string[] {
  const out: string[] = [];
  check(value, schema, '', out);
  return out.slice(0, MAX_PROBLEMS);
}
