// Numbers as the UI shows them, one way everywhere (Statistics and the Train tab show the same cost the same way).

/** A cost in US dollars: cents, or four decimals below one dollar (training a small dataset costs fractions of a cent). */
export function formatUsd(n: number): string {
  return n.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: n < 1 ? 4 : 2 });
}
