// Hashing a long text ahead of time, in slices, gives exactly the fingerprint computed in one go, and it yields
// between slices (so a 12 MB reply's hash never runs as one long task).
import { describe, expect, it } from 'vitest';
import { exampleFingerprint, primeLongStrings } from './fingerprint';

const longText = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `${seed} ${i} é 🙂`).join('\n');

describe('primeLongStrings', () => {
  it('yields between slices and leaves exactly the fingerprint a direct computation gives', async () => {
    const reply = longText(300_000, 'line'); // ≈ 4.5 M units: several pieces
    const value = {
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: reply },
      ],
    };
    const direct = exampleFingerprint(value); // hashed in one go
    // Push it out of the memory of recent hashes (the last four), so the priming below hashes it again.
    for (const seed of ['a', 'b', 'c', 'd']) exampleFingerprint({ content: longText(20_000, seed) });
    let yields = 0;
    await primeLongStrings(value, 0, async () => void yields++);
    expect(yields).toBeGreaterThan(1);
    expect(exampleFingerprint(value)).toBe(direct);
    // A different text of the same length gets a different fingerprint.
    const other = { messages: [value.messages[0], { role: 'assistant', content: reply.replace('line 7 ', 'line 8 ') }] };
    await primeLongStrings(other, 0, async () => undefined);
    expect(exampleFingerprint(other)).not.toBe(direct);
  });
});
