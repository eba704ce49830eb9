/**
 * The shared tokenizer: features, rules, patterns and corpus measures use it, so they agree on word
 * boundaries. Tokens are words (letters/digits with inner apostrophes, hyphens, dots in
 * abbreviations) or single punctuation characters; offsets are UTF-16 indices into the text.
 *
 * The other tokenizers each serve one purpose and say so (issue 16: one per purpose, named for it):
 * - actors/trie.ts `wordTokens`: dictionary phrase matching — hyphens split words ("China-Russia"),
 *   and punctuation between words is a barrier a phrase may not cross;
 * - syntax/tokenizer.ts `tokenize`: Universal Dependencies (EWT) tokens for the parser — clitics
 *   split ("don't" → do n't), as the treebank the model learnt from;
 * - extract/score.ts `tokens`: the bag of words the extraction benchmark scores with.
 * A new analysis uses this one unless its data fixes another convention.
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
