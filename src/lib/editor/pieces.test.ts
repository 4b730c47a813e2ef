import { describe, expect, it } from 'vitest';
import { Pieces } from './pieces';
import { mulberry32 } from '../dataset/random';

describe('Pieces', () => {
  it('follows random edits exactly, and slicers keep their moment', () => {
    const rand = mulberry32(5);
    let text = 'abcdefghij'.repeat(5000);
    const p = new Pieces(text);
    for (let k = 0; k < 2000; k++) {
      const from = Math.floor(rand() * (text.length + 1));
      const to = Math.min(text.length, from + Math.floor(rand() * (rand() < 0.1 ? 3000 : 4)));
      const ins = rand() < 0.5 ? 'XY'.slice(0, 1 + Math.floor(rand() * 2)) : '';
      const slicer = p.slicer();
      const before = text;
      p.replace(from, to, ins);
      text = text.slice(0, from) + ins + text.slice(to);
      expect(p.length).toBe(text.length);
      const a = Math.floor(rand() * text.length);
      const b = Math.min(text.length, a + Math.floor(rand() * 500));
      expect(p.slice(a, b)).toBe(text.slice(a, b));
      expect(slicer(a, Math.min(b, before.length))).toBe(before.slice(a, Math.min(b, before.length)));
      if (k % 100 === 0) expect(p.join()).toBe(text);
    }
    expect(p.join()).toBe(text);
  });
});
