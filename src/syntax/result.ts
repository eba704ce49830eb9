/**
 * Reading the parse: trees with children lists, and the JSON form of the result's optional
 * `syntax` field (`slant analyze --include syntax`). No model here, so the result code can import
 * it without loading the parser.
 */
import type { Doc } from '../core/document.js';
import './types.js';

/** Tokens with their parse, for one sentence. */
export interface TreeToken {
  index: number;
  start: number;
  end: number;
  text: string;
  upos: string;
  xpos: string;
  lemma: string;
  /** Document-wide index of the head, -1 for the root. */
  head: number;
  deprel: string;
  /** Document-wide indices of dependents, in text order. */
  children: number[];
}

export interface SentenceTree {
  start: number;
  end: number;
  /** Document-wide index of the root token. */
  root: number;
  /** Index of the first token, so that tokens[i - first] is token i. */
  first: number;
  tokens: TreeToken[];
}

/** The parse of each sentence, with children lists (built on demand from the two layers). */
export function sentenceTrees(doc: Doc): SentenceTree[] {
  const toks = doc.spans('tokens');
  return doc.spans('syntax').map((s) => {
    const tokens: TreeToken[] = [];
    for (let i = s.data.first; i < s.data.first + s.data.count; i++) {
      const t = toks[i]!;
      tokens.push({ index: i, start: t.start, end: t.end, text: doc.textOf(t), upos: t.data.upos, xpos: t.data.xpos, lemma: t.data.lemma, head: t.data.head, deprel: t.data.deprel, children: [] });
    }
    for (const t of tokens) if (t.head >= 0) tokens[t.head - s.data.first]?.children.push(t.index);
    return { start: s.start, end: s.end, root: s.data.root, first: s.data.first, tokens };
  });
}

/** One token in the JSON result (`--include syntax`); offsets in code points. */
export interface SyntaxTokenResult {
  start: number;
  end: number;
  text: string;
  upos: string;
  xpos: string;
  lemma: string;
  /** 0-based index of the head within the sentence, -1 for the root. */
  head: number;
  deprel: string;
}

/** One parsed sentence in the JSON result. */
export interface SyntaxSentenceResult {
  start: number;
  end: number;
  tokens: SyntaxTokenResult[];
}

/**
 * The per-sentence tokens and dependencies for the JSON result, offsets converted to code points
 * (ready for an optional `syntax` field of src/result.ts).
 */
export function syntaxResult(doc: Doc): SyntaxSentenceResult[] {
  const cp = doc.codePoints;
  return sentenceTrees(doc).map((s) => ({
    start: cp.cp(s.start),
    end: cp.cp(s.end),
    tokens: s.tokens.map((t) => ({ start: cp.cp(t.start), end: cp.cp(t.end), text: t.text, upos: t.upos, xpos: t.xpos, lemma: t.lemma, head: t.head < 0 ? -1 : t.head - s.first, deprel: t.deprel })),
  }));
}

/** `names` with the `parse` component (and the sentences it needs) added, for `include: ['syntax']`. */
export function pipelineWithParse(names: readonly string[]): string[] {
  const out = [...names];
  if (out.includes('parse')) return out;
  const at = out.indexOf('sentences');
  if (at >= 0) out.splice(at + 1, 0, 'parse');
  else out.splice(out.indexOf('meta') + 1, 0, 'sentences', 'parse');
  return out;
}
