// Issues are computed and cached per example object as "example 1" (an example's position changes with every
// insert or delete above it); these helpers give them their real number when shown or reported.
import type { Issue } from './types';

/** The leading "Example 1" of a message computed for example 1 (not "Example 10"). */
const EXAMPLE_ONE = /^Example 1(?!\d)/;

/** Issues computed as example 1, renumbered as example `n` (1-based): the `example` field and the message's lead. */
export function numberIssues(issues: readonly Issue[], n: number): Issue[] {
  return issues.map((i) =>
    i.example === undefined ? i : { ...i, example: n, message: i.message.replace(EXAMPLE_ONE, `Example ${n}`) },
  );
}
