/**
 * Offsets inside slant are JavaScript (UTF-16) indices into `doc.text`; every offset that leaves the
 * library counts Unicode code points. This module is the one place that converts between them.
 */

/** Converts UTF-16 offsets of one string to code-point offsets and back, in O(1) after an O(n) build. */
export class CodePoints {
  readonly text: string;
  /** UTF-16 index → code-point index; null when the text has no surrogate pairs (then both agree). */
  private readonly toCp: Int32Array | null;
  /** Code-point index → UTF-16 index; null as above. */
  private readonly toU16: Int32Array | null;

  constructor(text: string) {
    this.text = text;
    if (!/[\uD800-\uDFFF]/.test(text)) {
      this.toCp = null;
      this.toU16 = null;
      return;
    }
    const toCp = new Int32Array(text.length + 1);
    const toU16: number[] = [];
    let cp = 0;
    for (let i = 0; i < text.length; i++) {
      toCp[i] = cp;
      toU16.push(i);
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) toCp[++i] = cp; // the low half maps to the same code point
      }
      cp++;
    }
    toCp[text.length] = cp;
    toU16.push(text.length);
    this.toCp = toCp;
    this.toU16 = Int32Array.from(toU16);
  }

  /** Length of the text in code points. */
  get length(): number {
    return this.toU16 ? this.toU16.length - 1 : this.text.length;
  }

  /** UTF-16 offset → code-point offset. */
  cp(u16: number): number {
    return this.toCp ? this.toCp[u16]! : u16;
  }

  /** Code-point offset → UTF-16 offset. */
  u16(cp: number): number {
    return this.toU16 ? this.toU16[cp]! : cp;
  }

  /** The text between two code-point offsets. */
  slice(cpStart: number, cpEnd: number): string {
    return this.text.slice(this.u16(cpStart), this.u16(cpEnd));
  }
}

/** Slice a string by code-point offsets (convenience for tests and one-off checks). */
export function cpSlice(text: string, start: number, end: number): string {
  return new CodePoints(text).slice(start, end);
}
