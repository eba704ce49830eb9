/**
 * Layers written by the `parse` component (src/syntax/index.ts), for every later component to read
 * instead of tokenising on its own.
 *
 * - `tokens`: one span per word (UD English EWT conventions: "don't" is two words "do" + "n't";
 *   "cannot" is "can" + "not"), in text order. A token's `index` is its position in this layer, so
 *   `doc.spans('tokens')[t.head]` is its head. Heads never cross sentences.
 * - `syntax`: one span per parsed sentence (covering its words), with the range of its tokens and
 *   its root. `sentenceTrees(doc)` in index.ts turns both into trees with children lists.
 *
 * On a document that is not English both layers are empty (the parser would run blind).
 */

/** Payload of a `tokens` span. */
export interface TokenData {
  /** Position in the `tokens` layer (0-based, document-wide). */
  index: number;
  /** Universal POS tag (NOUN, VERB, PROPN, ...). */
  upos: string;
  /** Penn Treebank tag (NN, VBD, NNP, ...). */
  xpos: string;
  lemma: string;
  /** `index` of the head token, or -1 for the sentence root. */
  head: number;
  /** UD relation, with subtype when the treebank has one (nsubj, obj, nsubj:pass, obl:tmod, ...). */
  deprel: string;
  /** Index of the sentence in the `syntax` layer. */
  sentence: number;
}

/** Payload of a `syntax` span (one per sentence). */
export interface SentenceSyntax {
  /** Tokens of this sentence are tokens[first .. first + count). */
  first: number;
  count: number;
  /** `index` of the root token. */
  root: number;
}

declare module '../core/document.js' {
  interface Layers {
    tokens: TokenData;
    syntax: SentenceSyntax;
  }
}
