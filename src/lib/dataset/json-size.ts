// A cheap bound on the size of a value's JSON, for code that must not serialise a huge example just to learn that it
// is too big (a 12 MB reply takes ≈ 0.4 s to JSON.stringify). Pure.

/**
 * True when JSON.stringify(value) is surely longer than `limit` characters: sums the lengths of its strings and keys
 * (a lower bound of the JSON's length) and stops as soon as the sum passes `limit`. Cost grows with the number of
 * values, not with the length of the strings.
 */
export function jsonLongerThan(value: unknown, limit: number): boolean {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length;
    else if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (typeof v === 'object' && v !== null) {
      for (const key of Object.keys(v)) {
        total += key.length;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
    if (total > limit) return true;
  }
  return false;
}
