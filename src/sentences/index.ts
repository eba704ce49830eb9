/**
 * Sentence boundaries. Rule-based: a boundary follows . ! ? (and closing quotes/brackets after
 * them) when the next word starts a sentence, except after known abbreviations and initials.
 * Normalisation has already repaired `word.Next` joins, so a space is expected after a boundary.
 */
import type { Doc, Span } from '../core/document.js';
import type { Component } from '../core/pipeline.js';

const ABBREV = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'st', 'jr', 'sr',
  'vs', 'etc', 'e.g', 'i.e', 'u.s', 'u.k', 'u.n', 'e.u', 'no', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec', 'inc', 'ltd', 'co', 'corp', 'dept', 'mt', 'ft', 'fig', 'approx', 'pres',
]);

/** Sentences longer than this are cut at the next whitespace so no later stage sees an unbounded sentence. */
export const MAX_SENTENCE = 5000;

export function splitSentences(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  // Candidate boundary: terminal punctuation, optional closers, then whitespace (or a paragraph break).
  const re = /[.!?…]+["'”’)\]»]*(?=\s)|\n\s*\n/g;
  let start = skipSpace(text, 0);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const end = m.index + m[0].length;
    if (m[0][0] === '.' && m[0].length === 1 && isAbbreviation(text, m.index)) continue;
    const next = skipSpace(text, end);
    if (m[0][0] !== '\n' && next < text.length && /[\p{Ll}]/u.test(text[next]!)) continue; // "e.g. this" / lower-case continuation
    push(out, text, start, m[0][0] === '\n' ? m.index : end);
    start = next;
  }
  if (start < text.length) push(out, text, start, text.length);
  return out;
}

function push(out: Array<{ start: number; end: number }>, text: string, start: number, end: number): void {
  while (end > start && isSpace(text, end - 1)) end--;
  while (end - start > MAX_SENTENCE) {
    let cut = text.lastIndexOf(' ', start + MAX_SENTENCE);
    if (cut <= start) cut = start + MAX_SENTENCE;
    out.push({ start, end: cut });
    start = skipSpace(text, cut);
  }
  if (end > start) out.push({ start, end });
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text, i)) i++;
  return i;
}

/** /\s/ on text[i], without a regular expression for ASCII. */
function isSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(text[i]!);
}

function isAbbreviation(text: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1]!) && dot - i < 12) i--;
  const word = text.slice(i, dot).toLowerCase();
  if (ABBREV.has(word)) return true;
  return /^\p{Lu}$/u.test(text.slice(i, dot)); // an initial: "J. Smith"
}

export const sentences: Component = {
  name: 'sentences',
  requires: [],
  assigns: ['sentences'],
  annotate(doc: Doc) {
    const data = {};
    const spans: Span<Record<string, never>>[] = splitSentences(doc.text).map((s) => ({
      start: s.start,
      end: s.end,
      component: 'sentences',
      confidence: 1,
      reason: 'Sentence boundary after terminal punctuation.',
      data, // one empty payload shared by every sentence (nothing to say per sentence)
    }));
    return { spans: { sentences: spans } };
  },
};
