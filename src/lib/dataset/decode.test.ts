import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeWindows1252 } from './decode';

describe('decodeWindows1252', () => {
  it('gives the euro sign and curly quotes for bytes 0x80–0x9F, whatever the runtime', () => {
    expect(decodeWindows1252(Uint8Array.from([0x80, 0x93, 0x48, 0x69, 0x94, 0xe9, 0x81]))).toBe('€“Hi”é\u0081');
  });

  it('a Windows-1252 word-processor line decodes with its smart quotes intact', () => {
    const bytes = Uint8Array.from([...Buffer.from('{"a": "'), 0x93, 0x63, 0x61, 0x66, 0xe9, 0x94, ...Buffer.from('"}')]);
    const decoded = decodeBytes(bytes);
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe('{"a": "“café”"}');
  });
});
