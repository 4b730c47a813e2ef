// Reference oracle: a literal TypeScript port of the WHOLE OpenAI cookbook notebook "Chat_finetuning_data_prep.ipynb"
// (openai/openai-cookbook, commit 2e652704) using the tiktoken WASM package — independent of Tuneset's own code,
// so other modules can be tested and benchmarked against it. Written line by line from the Python, on purpose.
import { get_encoding } from 'tiktoken';
import type { Distribution } from '../../src/lib/dataset/types.ts';

/** The notebook's three distributions, under its own names. */
export interface GuideDistributions {
  num_messages_per_example: Distribution | null;
  num_total_tokens_per_example: Distribution | null;
  num_assistant_tokens_per_example: Distribution | null;
}

/** Every figure the notebook prints, plus the text it prints. */
export interface GuideScriptOutput {
  n_examples: number;
  /** Insertion-ordered like Python's defaultdict: only counters that fired. */
  format_errors: Record<string, number>;
  n_missing_system: number;
  n_missing_user: number;
  /** Per-example lists (examples where Python would crash on `ex["messages"]` are left out). */
  n_messages: number[];
  convo_lens: number[];
  assistant_message_lens: number[];
  /**
   * min/max/mean/median plus real p5/p95 and p10/p90 (numpy linear). The notebook's line labelled "p5 / p95"
   * prints `np.quantile(values, 0.1)` and `np.quantile(values, 0.9)`, i.e. `p10` and `p90` here. Null when empty.
   */
  distributions: GuideDistributions;
  n_too_long: number;
  n_epochs: number;
  n_billing_tokens_in_dataset: number;
  /** n_epochs × n_billing_tokens_in_dataset ("you'll be charged for ~N tokens"). */
  n_charged_tokens: number;
  /** Where the Python script would have raised instead (the port goes on and says what it did). */
  python_errors: string[];
  /** Exactly what the notebook prints (all cells' stdout, concatenated). */
  printed: string;
}

/** Notebook constants, verbatim. */
const TARGET_EPOCHS = 3;
const MIN_TARGET_EXAMPLES = 100;
const MAX_TARGET_EXAMPLES = 25000;
const MIN_DEFAULT_EPOCHS = 1;
const MAX_DEFAULT_EPOCHS = 25;

/** Special tokens that Python's `encoding.encode(text)` refuses (disallowed_special="all") per encoding. */
const SPECIAL_TOKENS: Record<string, string[]> = {
  cl100k_base: ['<|endoftext|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|endofprompt|>'],
  o200k_base: ['<|endoftext|>', '<|endofprompt|>'],
};

type Dict = Record<string, unknown>;

/**
 * Run the notebook on a JSONL text. `encoding` replaces the notebook's hard-coded cl100k_base; `maxTokens`
 * (default 4096) is its MAX_TOKENS_PER_EXAMPLE and the limit in the "too long" line.
 *
 * Deviations, only where Python would crash (each is recorded in `python_errors`):
 * - tokens are counted with `encode_ordinary`, so `<|endoftext|>` in text counts as ordinary text (Python raises);
 * - an unparsable line becomes `undefined` in `dataset` (counted as `data_type`; skipped by the token section);
 * - a non-string value is counted as the tokens of its JSON text (`encoding.encode(5)` raises in Python), null
 *   assistant content as 0 tokens; a non-dict message counts only its 3 tokens per message;
 * - an example that is not a dict or has no "messages" key is skipped by the token section (KeyError in Python);
 * - an empty dataset skips the "First example" lines and uses MAX_DEFAULT_EPOCHS (ZeroDivisionError in Python).
 * Python's json.loads also accepts NaN/Infinity, JSON.parse does not; Python prints `1.0` for a JSON `1.0`, this
 * prints `1` (JavaScript numbers do not remember).
 */
export function runGuideScript(
  jsonlText: string,
  encodingName: 'cl100k_base' | 'o200k_base',
  maxTokens = 4096,
): GuideScriptOutput {
  const out: string[] = [];
  const print = (...parts: Array<string | number>) => out.push(parts.map(String).join(' ') + '\n');
  const python_errors: string[] = [];

  // Load the dataset: `for line in f` with universal newlines, json.loads on each line.
  const lines = jsonlText.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const dataset: unknown[] = lines.map((line, i) => {
    try {
      return JSON.parse(line);
    } catch {
      python_errors.push(`line ${i + 1}: json.loads raises JSONDecodeError; kept as undefined (not a dict)`);
      return undefined;
    }
  });

  print('Num examples:', dataset.length);
  print('First example:');
  const first = dataset[0];
  if (isDict(first) && Array.isArray(first.messages)) {
    for (const message of first.messages) print(pyRepr(message));
  } else {
    python_errors.push('dataset[0]["messages"] raises; the first example is not printed');
  }

  // Format error checks
  const format_errors: Record<string, number> = {};
  const inc = (k: string) => (format_errors[k] = (format_errors[k] ?? 0) + 1);
  for (const ex of dataset) {
    if (!isDict(ex)) {
      inc('data_type');
      continue;
    }
    const messages = ex.messages ?? null;
    if (!pyTruthy(messages)) {
      inc('missing_messages_list');
      continue;
    }
    if (!Array.isArray(messages)) {
      python_errors.push('"messages" is not a list: Python iterates it and raises; counted as missing_messages_list');
      inc('missing_messages_list');
      continue;
    }
    for (const m of messages) {
      if (!isDict(m)) python_errors.push('a message is not a dict: Python raises on it; counted as an empty message');
      const message: Dict = isDict(m) ? m : {};
      if (!Object.hasOwn(message, 'role') || !Object.hasOwn(message, 'content')) inc('message_missing_key');
      if (Object.keys(message).some((k) => !['role', 'content', 'name', 'function_call', 'weight'].includes(k))) {
        inc('message_unrecognized_key');
      }
      if (!['system', 'user', 'assistant', 'function'].includes(message.role as string)) inc('unrecognized_role');
      const content = message.content ?? null;
      const function_call = message.function_call ?? null;
      if ((!pyTruthy(content) && !pyTruthy(function_call)) || typeof content !== 'string') inc('missing_content');
    }
    if (!messages.some((message) => isDict(message) && message.role === 'assistant')) {
      inc('example_missing_assistant_message');
    }
  }
  if (Object.keys(format_errors).length > 0) {
    print('Found errors:');
    for (const [k, v] of Object.entries(format_errors)) print(`${k}: ${v}`);
  } else {
    print('No errors found');
  }

  // Token counting utilities
  const encoding = get_encoding(encodingName);
  const specials = SPECIAL_TOKENS[encodingName];
  const encodeLen = (value: unknown, where: string): number => {
    if (typeof value !== 'string') {
      python_errors.push(`${where}: encoding.encode(${JSON.stringify(value)}) raises TypeError; counted its JSON text`);
      if (value === null || value === undefined) return 0;
      return encoding.encode_ordinary(JSON.stringify(value)).length;
    }
    if (specials.some((t) => value.includes(t))) {
      python_errors.push(`${where}: encoding.encode raises on a special token; counted as ordinary text`);
    }
    return encoding.encode_ordinary(value).length;
  };
  const num_tokens_from_messages = (messages: unknown[], where: string, tokens_per_message = 3, tokens_per_name = 1) => {
    let num_tokens = 0;
    for (const message of messages) {
      num_tokens += tokens_per_message;
      if (!isDict(message)) {
        python_errors.push(`${where}: message.items() raises on a non-dict message; counted 3 tokens`);
        continue;
      }
      for (const [key, value] of Object.entries(message)) {
        num_tokens += encodeLen(value, `${where} ${key}`);
        if (key === 'name') num_tokens += tokens_per_name;
      }
    }
    num_tokens += 3;
    return num_tokens;
  };
  const num_assistant_tokens_from_messages = (messages: unknown[], where: string) => {
    let num_tokens = 0;
    for (const message of messages) {
      if (isDict(message) && message.role === 'assistant') {
        num_tokens += message.content === null ? 0 : encodeLen(message.content, `${where} assistant content`);
      }
    }
    return num_tokens;
  };

  // Warnings and tokens counts
  let n_missing_system = 0;
  let n_missing_user = 0;
  const n_messages: number[] = [];
  const convo_lens: number[] = [];
  const assistant_message_lens: number[] = [];
  try {
    dataset.forEach((ex, i) => {
      const where = `example ${i + 1}`;
      if (!isDict(ex) || !Object.hasOwn(ex, 'messages') || !Array.isArray(ex.messages)) {
        python_errors.push(`${where}: ex["messages"] raises (or is not a list); skipped in token counts`);
        return;
      }
      const messages = ex.messages;
      if (!messages.some((message) => isDict(message) && message.role === 'system')) n_missing_system += 1;
      if (!messages.some((message) => isDict(message) && message.role === 'user')) n_missing_user += 1;
      n_messages.push(messages.length);
      convo_lens.push(num_tokens_from_messages(messages, where));
      assistant_message_lens.push(num_assistant_tokens_from_messages(messages, where));
    });
  } finally {
    encoding.free();
  }
  print('Num examples missing system message:', n_missing_system);
  print('Num examples missing user message:', n_missing_user);
  const print_distribution = (values: number[], name: string): Distribution | null => {
    print(`\n#### Distribution of ${name}:`);
    if (values.length === 0) {
      python_errors.push(`${name}: min() of an empty list raises; nothing printed`);
      return null;
    }
    const d = distribution(values);
    print(`min / max: ${d.min}, ${d.max}`);
    print(`mean / median: ${pyFloat(d.mean)}, ${pyFloat(d.median)}`);
    print(`p5 / p95: ${pyFloat(d.p10)}, ${pyFloat(d.p90)}`);
    return d;
  };
  const distributions: GuideDistributions = {
    num_messages_per_example: print_distribution(n_messages, 'num_messages_per_example'),
    num_total_tokens_per_example: print_distribution(convo_lens, 'num_total_tokens_per_example'),
    num_assistant_tokens_per_example: print_distribution(assistant_message_lens, 'num_assistant_tokens_per_example'),
  };
  const n_too_long = convo_lens.filter((l) => l > maxTokens).length;
  print(`\n${n_too_long} examples may be over the ${maxTokens} token limit, they will be truncated during fine-tuning`);

  // Pricing and default n_epochs estimate
  const MAX_TOKENS_PER_EXAMPLE = maxTokens;
  let n_epochs = TARGET_EPOCHS;
  const n_train_examples = dataset.length;
  if (n_train_examples === 0) {
    python_errors.push('empty dataset: MIN_TARGET_EXAMPLES // 0 raises ZeroDivisionError; used MAX_DEFAULT_EPOCHS');
    n_epochs = MAX_DEFAULT_EPOCHS;
  } else if (n_train_examples * TARGET_EPOCHS < MIN_TARGET_EXAMPLES) {
    n_epochs = Math.min(MAX_DEFAULT_EPOCHS, Math.floor(MIN_TARGET_EXAMPLES / n_train_examples));
  } else if (n_train_examples * TARGET_EPOCHS > MAX_TARGET_EXAMPLES) {
    n_epochs = Math.max(MIN_DEFAULT_EPOCHS, Math.floor(MAX_TARGET_EXAMPLES / n_train_examples));
  }
  const n_billing_tokens_in_dataset = convo_lens.reduce((sum, length) => sum + Math.min(MAX_TOKENS_PER_EXAMPLE, length), 0);
  print(`Dataset has ~${n_billing_tokens_in_dataset} tokens that will be charged for during training`);
  print(`By default, you'll train for ${n_epochs} epochs on this dataset`);
  print(`By default, you'll be charged for ~${n_epochs * n_billing_tokens_in_dataset} tokens`);

  return {
    n_examples: dataset.length,
    format_errors,
    n_missing_system,
    n_missing_user,
    n_messages,
    convo_lens,
    assistant_message_lens,
    distributions,
    n_too_long,
    n_epochs,
    n_billing_tokens_in_dataset,
    n_charged_tokens: n_epochs * n_billing_tokens_in_dataset,
    python_errors,
    printed: out.join(''),
  };
}

/** numpy's default (method="linear") quantile of an already sorted array, including numpy's `_lerp`. */
export function numpyQuantile(sorted: number[], q: number): number {
  const n = sorted.length;
  const virtual = (n - 1) * q;
  const prev = Math.max(0, Math.min(n - 1, Math.floor(virtual)));
  const next = Math.min(n - 1, prev + 1);
  const gamma = virtual - Math.floor(virtual);
  const a = sorted[prev];
  const b = sorted[next];
  const diff = b - a;
  // numpy: a + diff*t, replaced by b - diff*(1-t) where t >= 0.5 (for symmetry and exactness at t = 1).
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/** min, max, mean (sum / n), median and p5/p10/p90/p95, as numpy computes them on integers. */
export function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((x, y) => x - y);
  const sum = values.reduce((s, v) => s + v, 0);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return {
    min: sorted[0],
    max: sorted[n - 1],
    mean: sum / n,
    median,
    p5: numpyQuantile(sorted, 0.05),
    p95: numpyQuantile(sorted, 0.95),
    p10: numpyQuantile(sorted, 0.1),
    p90: numpyQuantile(sorted, 0.9),
  };
}

/** Python's `str(float)`: shortest round-trip digits, always a `.0` or an exponent, exponent with ≥ 2 digits. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e16 || abs < 1e-4)) {
    const [mant, exp] = x.toExponential().split('e');
    const sign = exp.startsWith('-') ? '-' : '+';
    const digits = exp.replace(/^[+-]/, '').padStart(2, '0');
    return `${mant}e${sign}${digits}`;
  }
  const s = String(x);
  return s.includes('.') ? s : `${s}.0`;
}

/** Python's `repr()` of a JSON value (dicts, lists, str with Python's quote choice and escapes, None/True/False). */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e16 ? String(v) : pyFloat(v);
  if (typeof v === 'string') return pyStrRepr(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  return `{${Object.entries(v as Dict)
    .map(([k, val]) => `${pyStrRepr(k)}: ${pyRepr(val)}`)
    .join(', ')}}`;
}

function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let body = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') body += '\\\\';
    else if (ch === quote) body += `\\${quote}`;
    else if (ch === '\n') body += '\\n';
    else if (ch === '\r') body += '\\r';
    else if (ch === '\t') body += '\\t';
    else if (ch !== ' ' && /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u.test(ch)) {
      body += cp < 0x100 ? `\\x${hex(cp, 2)}` : cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
    } else body += ch;
  }
  return quote + body + quote;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}
