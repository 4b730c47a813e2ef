// A long text kept as a flat base string with one edited stretch, so pieces of it can be cut without copying it
// whole (see LongTextEditor). Pure.

/** Units the edited stretch may grow to before the text is taken whole as the new base (a read of it all, once). */
const REBASE_CHARS = 1 << 20;

/**
 * The text as a flat base string with one stretch of it replaced: base[0, a) + mid + base[b, …). Slicing a flat
 * string costs nothing (V8 shares it), slicing a joined one first copies it whole; so every piece of the text is
 * cut from `base` or from the small `mid`, never from the joined text.
 */
export class Pieces {
  base: string;
  a = 0;
  b = 0;
  mid = '';

  constructor(text: string) {
    this.base = text;
  }

  get length(): number {
    return this.base.length - (this.b - this.a) + this.mid.length;
  }

  /** text[from, to). */
  slice(from: number, to: number): string {
    const { base, a, b, mid } = this;
    const midEnd = a + mid.length;
    let out = '';
    if (from < a) out += base.slice(from, Math.min(to, a));
    if (to > a && from < midEnd) out += mid.slice(Math.max(0, from - a), Math.min(mid.length, to - a));
    if (to > midEnd) out += base.slice(Math.max(from, midEnd) - midEnd + b, to - midEnd + b);
    return out;
  }

  /** slice() of the text as it is now (later edits do not change what it cuts). */
  slicer(): (from: number, to: number) => string {
    const copy = new Pieces(this.base);
    [copy.a, copy.b, copy.mid] = [this.a, this.b, this.mid];
    return (from, to) => copy.slice(from, to);
  }

  /** The whole text, joined (cheap: three shared parts). */
  join(): string {
    return this.mid === '' && this.a === this.b ? this.base : this.base.slice(0, this.a) + this.mid + this.base.slice(this.b);
  }

  /** Replaces text[from, to) with `inserted`. */
  replace(from: number, to: number, inserted: string): void {
    if (this.mid === '' && this.a === this.b) {
      [this.a, this.b, this.mid] = [from, to, inserted];
      return;
    }
    const midEnd = this.a + this.mid.length;
    const lo = Math.min(this.a, from);
    const hi = Math.max(midEnd, to);
    const mid = this.slice(lo, from) + inserted + this.slice(to, hi);
    this.b = hi - midEnd + this.b;
    this.a = lo;
    this.mid = mid;
    if (mid.length > REBASE_CHARS) this.reset(this.join()); // edits far apart: start again from the whole text
  }

  reset(text: string): void {
    [this.base, this.a, this.b, this.mid] = [text, 0, 0, ''];
  }
}
