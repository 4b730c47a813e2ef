// The figures the Statistics charts draw (ui/stats/Charts.svelte), gathered example by example by the statistics
// run (analysis-stats.ts), which goes over the dataset in slices anyway. The charts used to work them out
// themselves when the statistics arrived, in one task of five passes over every example: ≈ 130 ms on 38,000
// examples, the longest task of a 100 MB import. Pure: no reactivity.
import type { Example, Severity } from '../dataset/types';
import type { ExampleAnalysis } from '../dataset/example-analysis';
import type { ExampleTokens } from '../dataset/example-tokens';
import { isObject } from '../dataset/edit';
import { ROLES, messagesOf } from './filter';

/** How many of the most frequent system prompts the charts list. */
const TOP_PROMPTS = 5;

export interface ChartData {
  /** Per parsed example whose tokens are counted: tokens with tool definitions (as the list shows them). */
  tokens: number[];
  /** Same examples: assistant tokens. */
  assistant: number[];
  /** Per parsed example: messages, counted as the list's message filter counts them (messageCount). */
  messages: number[];
  /** Examples with at least one message of each role. */
  roles: Record<(typeof ROLES)[number], number>;
  /** Problems by code: how many examples have each, most frequent first, with the code's severity. */
  byCode: [code: string, info: { count: number; severity: Severity }][];
  /** The most frequent first system messages of chat examples (at most TOP_PROMPTS), with their counts. */
  prompts: [text: string, count: number][];
}

/** Adds one example at a time; `result` gives the charts' figures. */
export class ChartGatherer {
  #tokens: number[] = [];
  #assistant: number[] = [];
  #messages: number[] = [];
  #roles = { system: 0, user: 0, assistant: 0, tool: 0 };
  #codes = new Map<string, { count: number; severity: Severity }>();
  #prompts = new Map<string, number>();

  /** Adds `ex`, whose issues as shown are `shown`'s and whose counts are `tokens` (undefined: not counted yet). */
  add(ex: Example, shown: ExampleAnalysis, tokens: ExampleTokens | undefined): void {
    const seen = new Set<string>();
    for (const i of shown.issues) {
      if (seen.has(i.code)) continue;
      seen.add(i.code);
      const c = this.#codes.get(i.code);
      if (c) c.count++;
      else this.#codes.set(i.code, { count: 1, severity: i.severity });
    }
    if (ex.value === undefined) return;
    const messages = messagesOf(ex.value);
    this.#messages.push(messages.length);
    const roles = new Set(messages.map((m) => m.role));
    for (const r of ROLES) if (roles.has(r)) this.#roles[r]++;
    if (tokens) {
      this.#tokens.push(tokens.total + tokens.tools);
      this.#assistant.push(tokens.assistant);
    }
    const list = isObject(ex.value) ? ex.value.messages : undefined;
    if (Array.isArray(list)) {
      const system = list.find((m) => isObject(m) && m.role === 'system') as Record<string, unknown> | undefined;
      if (typeof system?.content === 'string' && system.content) this.#prompts.set(system.content, (this.#prompts.get(system.content) ?? 0) + 1);
    }
  }

  result(): ChartData {
    return {
      tokens: this.#tokens,
      assistant: this.#assistant,
      messages: this.#messages,
      roles: { ...this.#roles },
      byCode: [...this.#codes].sort((a, b) => b[1].count - a[1].count),
      prompts: [...this.#prompts].sort((a, b) => b[1] - a[1]).slice(0, TOP_PROMPTS),
    };
  }
}

/** The figures of no example: what the charts draw before the first statistics run. */
export const NO_CHARTS: ChartData = new ChartGatherer().result();
