/**
 * One tokenizer for every analysis, so features, patterns and actors agree on word boundaries.
 * Tokens are words (letters/digits with inner apostrophes, hyphens, dots in abbreviations) or
 * single punctuation characters; offsets are UTF-16 indices into the text.
 */
export interface Token {
  start: number;
  end: number;
  text: string;
  /** Lower-cased text with typographic apostrophes folded to ASCII. */
  norm: string;
  /** true for word tokens, false for punctuation/symbols. */
  word: boolean;
}

// Linear-time: each alternative consumes at least one character and none can backtrack across runs.
const TOKEN = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

export function tokenize(text: string, offset = 0, end = text.length): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = offset;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) {
    if (m.index >= end) break;
    const t = m[0];
    const stop = Math.min(m.index + t.length, end);
    const s = text.slice(m.index, stop);
    out.push({ start: m.index, end: stop, text: s, norm: s.toLowerCase().replace(/’/g, "'"), word: /[\p{L}\p{N}]/u.test(s[0]!) });
  }
  return out;
}
