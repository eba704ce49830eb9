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

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether the first UTF-16 unit of t is a letter or digit (ASCII without a regular expression). */
function isWordChar(t: string): boolean {
  const c = t.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return WORD_CHAR.test(t[0]!);
}

/**
 * The tokens of the last whole text tokenized: the components of one pipeline run (technique
 * features and rules, narratives) each ask for the whole document's tokens, and get them computed
 * once (a fresh array each time; the token objects are shared and must not be changed).
 */
let last: { text: string; tokens: Token[] } | null = null;

export function tokenize(text: string, offset = 0, end = text.length): Token[] {
  const whole = offset === 0 && end === text.length;
  if (whole && last !== null && last.text === text) return last.tokens.slice();
  const out = scan(text, offset, end);
  if (whole) last = { text, tokens: out.slice() };
  return out;
}

function scan(text: string, offset: number, end: number): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = offset;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) {
    if (m.index >= end) break;
    const t = m[0];
    const stop = Math.min(m.index + t.length, end);
    const s = stop === m.index + t.length ? t : text.slice(m.index, stop);
    const low = s.toLowerCase();
    out.push({ start: m.index, end: stop, text: s, norm: low.includes('’') ? low.replace(/’/g, "'") : low, word: isWordChar(t) });
  }
  return out;
}
