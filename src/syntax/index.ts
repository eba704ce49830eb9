/**
 * The `parse` component and the reading API for its layers (see types.ts).
 *
 *   const trees = sentenceTrees(doc);
 *   for (const s of trees) for (const t of s.tokens) if (t.deprel === 'nsubj') ... t.head, t.children
 */
import type { Doc, Span } from '../core/document.js';
import type { Component } from '../core/pipeline.js';
import { defaultModel, type SyntaxModel } from './model.js';
import { tokenize } from './tokenizer.js';
import type { Sentence } from './conllu.js';
import type { SentenceSyntax, TokenData } from './types.js';

export type { SentenceSyntax, TokenData } from './types.js';
export { tokenize, type Token } from './tokenizer.js';
export { defaultModel, loadModelFile, type SyntaxModel, type Analysis } from './model.js';

const ENGLISH = new Set(['the', 'and', 'of', 'to', 'a', 'in', 'is', 'that', 'for', 'it', 'with', 'as', 'was', 'on', 'are', 'this', 'by', 'be', 'have', 'not', 'has', 'he', 'she', 'they', 'i', 'you', 'we', 'at', 'from', 'or', 'an', 'but', 'his', 'her', 'their', 'will', 'said', 'were', 'been', 'which', 'who']);

/** English unless the metadata says otherwise, or the first words have (almost) no English function words. */
export function looksEnglish(doc: Doc): boolean {
  const lang = doc.meta.language;
  if (lang && lang !== 'und') return lang === 'en';
  const words = doc.text.slice(0, 5000).match(/\p{L}+/gu) ?? [];
  if (words.length < 8) return !/[^\p{Script=Latin}\p{P}\p{N}\p{Z}\p{S}\s]/u.test(doc.text.slice(0, 500));
  let latin = 0;
  let en = 0;
  for (const w of words.slice(0, 400)) {
    if (/^\p{Script=Latin}+$/u.test(w)) latin++;
    if (ENGLISH.has(w.toLowerCase())) en++;
  }
  const k = Math.min(words.length, 400);
  return latin / k > 0.6 && en / k > 0.08;
}

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

/**
 * Confidence written on spans: the share of words with the right head and relation (LAS) and with
 * the right head (UAS) measured on the UD English EWT dev split (docs/results-parser.md).
 */
const ARC_CONFIDENCE = 0.8;
const SENTENCE_CONFIDENCE = 0.84;

/** Word cap per sentence span: longer sentences are parsed in pieces (see MAX_PARSE_WORDS). */
const MAX_DOC_TOKENS = 2_000_000;

/** Tokenise, tag and parse `text` within the given sentence ranges. */
export function parseSentences(
  model: SyntaxModel,
  text: string,
  sentences: ReadonlyArray<{ start: number; end: number }>,
  component = 'parse',
): { tokens: Span<TokenData>[]; syntax: Span<SentenceSyntax>[] } {
  const tokens: Span<TokenData>[] = [];
  const syntax: Span<SentenceSyntax>[] = [];
  for (const s of sentences) {
    if (tokens.length > MAX_DOC_TOKENS) break;
    const words = tokenize(text.slice(s.start, s.end));
    if (!words.length) continue;
    const a = model.analyze(words.map((w) => w.form));
    const first = tokens.length;
    const si = syntax.length;
    let root = first;
    words.forEach((w, i) => {
      const head = a.head[i]! === 0 ? -1 : first + a.head[i]! - 1;
      if (head < 0) root = first + i;
      tokens.push({
        start: s.start + w.start,
        end: s.start + w.end,
        component,
        confidence: ARC_CONFIDENCE,
        reason: `Word tagged ${a.upos[i]} and attached as ${a.deprel[i]} by the dependency parser trained on the UD English Web Treebank.`,
        data: { index: first + i, upos: a.upos[i]!, xpos: a.xpos[i]!, lemma: a.lemma[i]!, head, deprel: a.deprel[i]!, sentence: si },
      });
    });
    syntax.push({
      start: s.start + words[0]!.start,
      end: s.start + words[words.length - 1]!.end,
      component,
      confidence: SENTENCE_CONFIDENCE,
      reason: 'Dependency parse of the sentence (greedy transition parser, UD English Web Treebank).',
      data: { first, count: words.length, root },
    });
  }
  return { tokens, syntax };
}

export const parse: Component = {
  name: 'parse',
  requires: ['sentences'],
  // looksEnglish: the document's language when meta found one (meta runs first).
  reads: ['meta.language'],
  assigns: ['tokens', 'syntax'],
  annotate(doc: Doc) {
    if (!looksEnglish(doc)) return { spans: { tokens: [], syntax: [] } };
    return { spans: parseSentences(defaultModel(), doc.text, doc.spans('sentences')) };
  },
};

/** Factory for the registry: loads the model once. */
export function parseComponent(): Component {
  defaultModel();
  return parse;
}

/** Replace UPOS, XPOS, LEMMA, HEAD and DEPREL of already tokenised sentences, keeping everything else. */
export function reparse(model: SyntaxModel, sents: readonly Sentence[]): Sentence[] {
  return sents.map((s) => {
    const a = model.analyze(s.words.map((w) => w.form));
    return { ...s, words: s.words.map((w, i) => ({ ...w, upos: a.upos[i]!, xpos: a.xpos[i]!, lemma: a.lemma[i]!, head: a.head[i]!, deprel: a.deprel[i]! })) };
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

/**
 * The per-sentence tokens and dependencies for the JSON result, offsets converted to code points
 * (ready for an optional `syntax` field of src/result.ts).
 */
export function syntaxResult(doc: Doc): Array<{ start: number; end: number; tokens: SyntaxTokenResult[] }> {
  const cp = doc.codePoints;
  return sentenceTrees(doc).map((s) => ({
    start: cp.cp(s.start),
    end: cp.cp(s.end),
    tokens: s.tokens.map((t) => ({ start: cp.cp(t.start), end: cp.cp(t.end), text: t.text, upos: t.upos, xpos: t.xpos, lemma: t.lemma, head: t.head < 0 ? -1 : t.head - s.first, deprel: t.deprel })),
  }));
}
