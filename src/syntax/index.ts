/**
 * The `parse` component and the reading API for its layers (see types.ts).
 *
 *   const trees = sentenceTrees(doc);
 *   for (const s of trees) for (const t of s.tokens) if (t.deprel === 'nsubj') ... t.head, t.children
 *
 * Accuracy for speed: `defaultModel().beam = 4` makes every later parse use a beam of 4 (+0.5 UAS,
 * +0.6 LAS on the EWT dev split, about 2.5x the parse time; docs/results-parser.md). Default 1.
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
export { sentenceTrees, syntaxResult, type SentenceTree, type TreeToken, type SyntaxSentenceResult, type SyntaxTokenResult } from './result.js';

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
      reason: `Dependency parse of the sentence (transition parser, ${model.beam > 1 ? `beam of ${model.beam}` : 'greedy'}, trained on the UD English Web Treebank).`,
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
