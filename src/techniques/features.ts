/**
 * Features for the technique model, hashed into fixed-size weight tables. One `Prepared` view of an
 * article (tokens, sentences, quotes, rule hits, repetitions) is built once and shared by the span
 * tagger (one example per token) and the technique classifier (one example per span).
 * Every feature can also be given a readable name, used to explain a prediction.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tokenize, type Token } from '../core/tokens.js';
import { E, fail } from '../core/errors.js';
import { splitSentences } from '../sentences/index.js';
import { findRuleHits, ruleTitle, STOPWORDS, type RuleHit } from './rules.js';
import { TECHNIQUES, type Technique } from './types.js';

export function hashStr(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const TECH_INDEX = new Map<Technique, number>(TECHNIQUES.map((t, i) => [t, i]));

/**
 * Word valence from -5 (very bad) to 5 (very good): AFINN-165 (Finn Årup Nielsen), single words only
 * (data/afinn-165.json; see data/SOURCES.md). Loaded language and labels are mostly strongly negative words.
 */
const VALENCE: Map<string, number> = (() => {
  const path = fileURLToPath(new URL('./data/afinn-165.json', import.meta.url));
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>;
    return new Map(Object.entries(raw).filter(([w, v]) => !w.includes(' ') && Number.isInteger(v) && v >= -5 && v <= 5));
  } catch (err) {
    fail(E.BAD_DATA_FILE, `cannot read ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
})();

/** Valence bucket of a token: 0 none, 1..3 negative (-1, -2, <= -3), 4..6 positive (1, 2, >= 3). */
function valenceClass(v: number): number {
  if (v === 0) return 0;
  return v < 0 ? Math.min(3, -v) : 3 + Math.min(3, v);
}
const QUOTE_CHARS = /["“”«»„‘’']/;

function readTsv(name: string): string[][] {
  const path = fileURLToPath(new URL(`./data/${name}`, import.meta.url));
  try {
    return readFileSync(path, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
  } catch (err) {
    fail(E.BAD_DATA_FILE, `cannot read ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Universal parts of speech; index 0 = unknown. */
const UPOS = ['?', 'ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X'] as const;
/**
 * A word's most frequent part of speech in the UD English EWT training split (data/upos.tsv): a cheap
 * stand-in for a tagger (labels are noun phrases, loaded language mostly adjectives and verbs).
 */
/**
 * Word clusters (data/clusters.tsv, exchange algorithm on unlabelled news): fine class 1..256, coarse 1..32.
 * One map for both, one lookup per token: WORD_INFO value = part of speech + 1 (0 = not in the lexicon)
 * | cluster (fine << 8 | coarse, 0 = unknown) << 5.
 */
const WORD_INFO: Map<string, number> = (() => {
  const m = new Map<string, number>();
  for (const [w, t] of readTsv('upos.tsv')) m.set(w!, Math.max(0, UPOS.indexOf(t as (typeof UPOS)[number])) + 1);
  for (const [w, f, c] of readTsv('clusters.tsv')) m.set(w!, (m.get(w!) ?? 0) | ((((Number(f) + 1) << 8) | (Number(c) + 1)) << 5));
  return m;
})();

/** Part of speech of a word not in the lexicon, guessed from its ending and shape. */
const [P_NUM, P_PUNCT, P_PROPN, P_ADV, P_ADJ, P_VERB, P_NOUN] = (['NUM', 'PUNCT', 'PROPN', 'ADV', 'ADJ', 'VERB', 'NOUN'] as const).map((t) => UPOS.indexOf(t));
function guessPos(text: string, norm: string): number {
  if (!/\p{L}/u.test(text)) return /\p{N}/u.test(text) ? P_NUM : P_PUNCT;
  if (/^\p{Lu}/u.test(text)) return P_PROPN;
  if (/ly$/.test(norm)) return P_ADV;
  if (/(ous|ful|ive|ic|al|able|ible|less|ish)$/.test(norm)) return P_ADJ;
  if (/(ing|ed|ize|ise|ify)$/.test(norm)) return P_VERB;
  return P_NOUN;
}

export interface Prepared {
  text: string;
  lower: string;
  tokens: Token[];
  /** Hash of each token's norm. */
  th: Uint32Array;
  /** Hash of the token's shape class (Xx, x, X, d, punct) and suffix. */
  shape: Uint32Array;
  suffix: Uint32Array;
  /** Sentence index of each token; sentences as token ranges. */
  sentOf: Int32Array;
  sentences: Array<{ start: number; end: number; t0: number; t1: number; flags: number }>;
  /** 1 when the token sits between quotation marks within its sentence. */
  inQuote: Uint8Array;
  /** Bit per technique whose rule covers the token. */
  ruleMask: Uint16Array;
  hits: RuleHit[];
  /** How often the word trigram (or bigram) starting at this token occurs in the article. */
  rep: Uint8Array;
  /** Occurrences of each token's norm in the article. */
  freq: Uint16Array;
  /** AFINN valence class of each token (valenceClass). */
  val: Uint8Array;
  /** Part of speech of each token (index into UPOS; lexicon, else guessed). */
  pos: Uint8Array;
  /** Word cluster of each token: fine class << 8 | coarse class (0 = unknown). The last fine class (256) wraps to 0 in 16 bits; the model was trained so. */
  cl: Uint16Array;
  firstLineEnd: number;
}

export function prepare(text: string): Prepared {
  const tokens = tokenize(text);
  const n = tokens.length;
  const th = new Uint32Array(n), shape = new Uint32Array(n), suffix = new Uint32Array(n);
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    th[i] = hashStr(t.norm);
    counts.set(th[i]!, (counts.get(th[i]!) ?? 0) + 1);
    shape[i] = hashStr(shapeOf(t.text));
    suffix[i] = hashStr(t.norm.length > 3 ? t.norm.slice(-3) : '');
  }
  const freq = new Uint16Array(n);
  for (let i = 0; i < n; i++) freq[i] = Math.min(65535, counts.get(th[i]!)!);
  const val = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (tokens[i]!.word) val[i] = valenceClass(VALENCE.get(tokens[i]!.norm) ?? 0);
  const pos = new Uint8Array(n), cl = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    // the lexicons are keyed by the lower-cased text; norm is that, unless it turned ’ into '
    const info = WORD_INFO.get(t.norm.includes("'") ? t.text.toLowerCase() : t.norm) ?? 0;
    pos[i] = info & 31 ? (info & 31) - 1 : guessPos(t.text, t.norm);
    cl[i] = info >>> 5;
  }

  const sentOf = new Int32Array(n);
  const sentences: Prepared['sentences'] = [];
  let ti = 0;
  for (const s of splitSentences(text)) {
    while (ti < n && tokens[ti]!.end <= s.start) sentOf[ti++] = Math.max(0, sentences.length - 1);
    const t0 = ti;
    while (ti < n && tokens[ti]!.start < s.end) sentOf[ti++] = sentences.length;
    const body = text.slice(s.start, s.end);
    const words = ti - t0;
    const flags = (body.includes('!') ? 1 : 0) | (body.includes('?') ? 2 : 0) | (QUOTE_CHARS.test(body) ? 4 : 0) | (Math.min(3, Math.floor(Math.log2(1 + words / 4))) << 3);
    sentences.push({ start: s.start, end: s.end, t0, t1: ti, flags });
  }
  while (ti < n) sentOf[ti++] = Math.max(0, sentences.length - 1);

  // Quotation state: toggled by double quotes, reset per sentence (unbalanced quotes do not leak).
  const inQuote = new Uint8Array(n);
  for (const s of sentences) {
    let open = false;
    for (let i = s.t0; i < s.t1; i++) {
      const c = tokens[i]!.text;
      if (c === '"' || c === '“' || c === '”' || c === '«' || c === '»') { open = c === '“' || c === '«' ? true : c === '”' || c === '»' ? false : !open; continue; }
      if (open) inQuote[i] = 1;
    }
  }

  const hits = findRuleHits(text, tokens);
  const ruleMask = new Uint16Array(n);
  for (const h of hits) {
    const bit = 1 << TECH_INDEX.get(h.technique)!;
    for (let i = lowerBound(tokens, h.start); i < n && tokens[i]!.start < h.end; i++) ruleMask[i]! |= bit;
  }

  // Repetition: word bigrams/trigrams seen elsewhere in the article.
  const rep = new Uint8Array(n);
  const gramCount = new Map<number, number>();
  const gramAt = new Uint32Array(n);
  const words: number[] = [];
  for (let i = 0; i < n; i++) if (tokens[i]!.word) words.push(i);
  for (let k = 0; k + 1 < words.length; k++) {
    const a = words[k]!, b = words[k + 1]!;
    if (STOPWORDS.has(tokens[a]!.norm) && STOPWORDS.has(tokens[b]!.norm)) continue;
    const g = mix(th[a]!, th[b]!);
    gramAt[a] = g;
    gramCount.set(g, (gramCount.get(g) ?? 0) + 1);
  }
  for (let i = 0; i < n; i++) if (gramAt[i]) rep[i] = Math.min(255, gramCount.get(gramAt[i]!)! - 1);

  const nl = text.indexOf('\n');
  return { text, lower: text.toLowerCase(), tokens, th, shape, suffix, sentOf, sentences, inQuote, ruleMask, hits, rep, freq, val, pos, cl, firstLineEnd: nl < 0 ? text.length : nl };
}

export function lowerBound(tokens: readonly Token[], offset: number): number {
  let lo = 0, hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function shapeOf(s: string): string {
  if (/^\p{Lu}+$/u.test(s)) return s.length > 1 ? 'XX' : 'X';
  if (/^\p{Lu}/u.test(s)) return 'Xx';
  if (/^\p{Ll}/u.test(s)) return 'x';
  if (/^\p{N}/u.test(s)) return 'd';
  return s; // punctuation stands for itself
}

function bucket(x: number, edges: readonly number[]): number {
  let b = 0;
  while (b < edges.length && x > edges[b]!) b++;
  return b;
}

/** Collects hashed feature indices (and optional readable names) for one example. */
export class FeatureSink {
  readonly idx: number[] = [];
  names: Array<string | null> | null = null;
  constructor(private readonly mask: number) {}
  reset(withNames: boolean): this {
    this.idx.length = 0;
    this.names = withNames ? [] : null;
    return this;
  }
  add(slot: number, value: number, name?: () => string | null): void {
    this.idx.push(mix(slot, value) & this.mask);
    if (this.names) this.names.push(name ? name() : null);
  }
}

/** Readable names only for content words: "because of the word 'the'" explains nothing. */
const content = (p: Prepared, i: number) => p.tokens[i]!.word && !STOPWORDS.has(p.tokens[i]!.norm);
const W = (p: Prepared, i: number) => (content(p, i) ? `the word “${p.tokens[i]!.text}”` : null);
const W2 = (p: Prepared, i: number, j: number) => (content(p, i) || content(p, j) ? `the words “${p.tokens[i]!.text} ${p.tokens[j]!.text}”` : null);

// ---------------------------------------------------------------------------------------------
// Span identification: one example per token, in/out of a propaganda span.

/** Token-level features (those that do not depend on the whole sentence). */
export function tokenFeatures(p: Prepared, i: number, f: FeatureSink): void {
  const n = p.tokens.length;
  const th = p.th;
  const at = (k: number) => (k >= 0 && k < n ? th[k]! : 7);
  f.add(1, 0);
  f.add(2, th[i]!);
  f.add(3, at(i - 1));
  f.add(4, at(i + 1));
  f.add(5, at(i - 2));
  f.add(6, at(i + 2));
  f.add(7, mix(at(i - 1), th[i]!));
  f.add(8, mix(th[i]!, at(i + 1)));
  f.add(9, p.shape[i]!);
  f.add(10, mix(p.shape[i]!, i > 0 ? p.shape[i - 1]! : 0));
  f.add(11, p.suffix[i]!);
  f.add(12, p.inQuote[i]!);
  const mask = p.ruleMask[i]!;
  for (let t = 0; t < TECHNIQUES.length; t++) if (mask & (1 << t)) f.add(13, t);
  let near = 0;
  for (let k = Math.max(0, i - 3); k <= Math.min(n - 1, i + 3); k++) near |= p.ruleMask[k]!;
  for (let t = 0; t < TECHNIQUES.length; t++) if (near & (1 << t)) f.add(14, t);
  f.add(15, Math.min(4, p.rep[i]!));
  f.add(16, mix(Math.min(6, p.freq[i]!), p.tokens[i]!.word ? 1 : 0));
  const s = p.sentences[p.sentOf[i]!];
  if (s) {
    const len = s.t1 - s.t0, pos = i - s.t0;
    f.add(17, pos === 0 ? 0 : pos === len - 1 ? 1 : 2 + Math.min(4, Math.floor((5 * pos) / len)));
    f.add(18, s.flags);
  }
  f.add(19, p.tokens[i]!.start < p.firstLineEnd ? 1 : 0);
  // Measured by cross-validation (SI 0.372 → 0.384): 5-letter stems catch variants of rare words,
  // a word inside quotes or in the headline reads differently, and the word trigram.
  const norm = p.tokens[i]!.norm;
  if (norm.length > 5) f.add(21, hashStr(norm.slice(0, 5)));
  f.add(22, mix(th[i]!, p.inQuote[i]!));
  f.add(24, mix(th[i]!, p.tokens[i]!.start < p.firstLineEnd ? 1 : 0));
  f.add(25, mix(mix(at(i - 1), th[i]!), at(i + 1)));
  // (SI 0.384 → 0.390) the word in an exclamation or a question; stems of the neighbouring words.
  if (s) f.add(28, mix(th[i]!, s.flags & 3));
  const pn = i > 0 ? p.tokens[i - 1]!.norm : '', nn = i + 1 < n ? p.tokens[i + 1]!.norm : '';
  if (pn.length > 5) f.add(29, hashStr(pn.slice(0, 5)));
  if (nn.length > 5) f.add(30, hashStr(nn.slice(0, 5)));
  // AFINN valence of the word and the strongest negative valence next to it
  f.add(31, p.val[i]!);
  let negNear = 0;
  for (let k = Math.max(0, i - 2); k <= Math.min(n - 1, i + 2); k++) if (k !== i && p.val[k]! >= 1 && p.val[k]! <= 3) negNear = Math.max(negNear, p.val[k]!);
  f.add(32, negNear);
}

/** Sentence-level features (bag of words): shared by every token of the sentence. */
export function sentenceFeatures(p: Prepared, s: number, f: FeatureSink): void {
  const sent = p.sentences[s]!;
  for (let i = sent.t0; i < sent.t1 && i < sent.t0 + 60; i++) {
    if (!p.tokens[i]!.word && p.tokens[i]!.text !== '!' && p.tokens[i]!.text !== '?') continue;
    f.add(20, p.th[i]!);
  }
  // how many strongly negative words (AFINN <= -2) the sentence holds
  let neg = 0;
  for (let i = sent.t0; i < sent.t1; i++) if (p.val[i]! >= 2 && p.val[i]! <= 3) neg++;
  f.add(33, Math.min(3, neg));
}

// ---------------------------------------------------------------------------------------------
// Technique classification: one example per span.

const LEN_EDGES = [1, 2, 3, 5, 8, 12, 20, 35] as const;

/** Repeats are searched within this many characters around a span: linear work on huge inputs. */
const REPEAT_WINDOW = 50_000;

function around(p: Prepared, start: number, end: number): { hay: string; offset: number } {
  if (p.lower.length <= 2 * REPEAT_WINDOW) return { hay: p.lower, offset: 0 };
  const offset = Math.max(0, start - REPEAT_WINDOW);
  return { hay: p.lower.slice(offset, Math.min(p.lower.length, end + REPEAT_WINDOW)), offset };
}

/** Occurrences of the span's text (case-folded) elsewhere in the article, at most 9. */
export function repeats(p: Prepared, start: number, end: number): number {
  const needle = p.lower.slice(start, end).trim();
  if (needle.length < 3) return 0;
  const { hay } = around(p, start, end);
  let count = 0;
  for (let at = hay.indexOf(needle); at >= 0 && count < 10; at = hay.indexOf(needle, at + 1)) count++;
  return Math.max(0, count - 1);
}

/** What the other spans of the same article say about one span (TC templates list them all). */
export interface SpanContext {
  /** Other spans with the same case-folded text, before and after this one. */
  sameBefore: number;
  sameAfter: number;
  /** Other spans overlapping this one. */
  overlapping: number;
}

/** Occurrences of the span's text (case-folded) before it in the article, at most 9. */
function countBefore(p: Prepared, start: number, end: number): number {
  const needle = p.lower.slice(start, end).trim();
  if (needle.length < 3) return 0;
  const { hay, offset } = around(p, start, end);
  let count = 0;
  for (let at = hay.indexOf(needle); at >= 0 && at + offset < start && count < 9; at = hay.indexOf(needle, at + 1)) count++;
  return count;
}

export function spanContexts(p: Prepared, spans: ReadonlyArray<{ start: number; end: number }>): SpanContext[] {
  const keyOf = (s: { start: number; end: number }) => p.lower.slice(s.start, s.end).trim();
  // Starts of the spans sharing each text, sorted; identical extents counted apart.
  const starts = new Map<string, number[]>();
  const extents = new Map<string, number>();
  for (const s of spans) {
    const k = keyOf(s);
    const list = starts.get(k) ?? [];
    list.push(s.start);
    starts.set(k, list);
    extents.set(`${s.start}:${s.end}`, (extents.get(`${s.start}:${s.end}`) ?? 0) + 1);
  }
  for (const list of starts.values()) list.sort((x, y) => x - y);
  const sorted = spans.map((s, i) => ({ start: s.start, end: s.end, i })).sort((a, b) => a.start - b.start);
  const overlapping = new Array<number>(spans.length).fill(0);
  for (let a = 0; a < sorted.length; a++) {
    // at most 50 neighbours: the feature is capped at 3 anyway, and the loop stays linear
    for (let b = a + 1; b < sorted.length && b < a + 50 && sorted[b]!.start < sorted[a]!.end; b++) {
      const x = sorted[a]!, y = sorted[b]!;
      if (x.start === y.start && x.end === y.end) continue;
      overlapping[x.i]!++;
      overlapping[y.i]!++;
    }
  }
  return spans.map((s, i) => {
    const list = starts.get(keyOf(s))!;
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < s.start) lo = mid + 1;
      else hi = mid;
    }
    const same = extents.get(`${s.start}:${s.end}`)!;
    return { sameBefore: lo, sameAfter: list.length - lo - same, overlapping: overlapping[i]! };
  });
}

export function spanFeatures(p: Prepared, start: number, end: number, f: FeatureSink, ctx?: SpanContext): void {
  if (ctx) {
    f.add(140, Math.min(ctx.sameBefore, 3), () => (ctx.sameBefore ? 'the same words being marked earlier in the article' : null));
    f.add(141, Math.min(ctx.sameAfter, 3));
    f.add(142, Math.min(ctx.overlapping, 3));
  }
  const before = countBefore(p, start, end);
  f.add(143, Math.min(before, 3), () => (before ? 'the same words appearing earlier in the article' : null));
  const n = p.tokens.length;
  const t0 = lowerBound(p.tokens, start);
  let t1 = t0;
  while (t1 < n && p.tokens[t1]!.start < end) t1++;
  const wordsIn: number[] = [];
  for (let i = t0; i < t1; i++) if (p.tokens[i]!.word) wordsIn.push(i);
  const nw = wordsIn.length;
  f.add(101, 0);
  f.add(102, bucket(nw, LEN_EDGES), () => (nw <= 2 ? 'being only a word or two long' : nw >= 20 ? 'being a long passage' : null));
  for (let k = 0; k < Math.min(nw, 80); k++) {
    const i = wordsIn[k]!;
    f.add(103, p.th[i]!, () => W(p, i));
    if (k + 1 < nw) {
      const j = wordsIn[k + 1]!;
      f.add(104, mix(p.th[i]!, p.th[j]!), () => W2(p, i, j));
    }
  }
  if (nw) {
    f.add(105, p.th[wordsIn[0]!]!, () => (content(p, wordsIn[0]!) ? `starting with “${p.tokens[wordsIn[0]!]!.text}”` : null));
    f.add(106, p.th[wordsIn[nw - 1]!]!);
    f.add(107, p.shape[wordsIn[0]!]!);
    // word endings of the first and last words: a cheap stand-in for part of speech (-ist, -ous, -ing)
    f.add(160, p.suffix[wordsIn[0]!]!);
    f.add(161, p.suffix[wordsIn[nw - 1]!]!);
  }
  for (let k = 1; k <= 3; k++) {
    f.add(108 + k, t0 - k >= 0 ? p.th[t0 - k]! : 7, () => (k === 1 && t0 > 0 && content(p, t0 - 1) ? `“${p.tokens[t0 - 1]!.text}” just before it` : null));
    f.add(112 + k, t1 + k - 1 < n ? p.th[t1 + k - 1]! : 7);
  }
  const reps = repeats(p, start, end);
  f.add(116, Math.min(reps, 4), () => (reps >= 1 ? `the same words appearing ${reps + 1} times in the article` : null));
  f.add(117, mix(Math.min(reps, 4), bucket(nw, LEN_EDGES)));
  const prevChar = p.text[start - 1] ?? ' ', first = p.text[start] ?? ' ', last = p.text[end - 1] ?? ' ', after = p.text[end] ?? ' ';
  const quoted = (QUOTE_CHARS.test(prevChar) && QUOTE_CHARS.test(after)) || (QUOTE_CHARS.test(first) && QUOTE_CHARS.test(last));
  f.add(118, quoted ? 1 : 0, () => (quoted ? 'being in quotation marks' : null));
  let inq = 0;
  for (let i = t0; i < t1; i++) inq += p.inQuote[i]!;
  f.add(119, t1 > t0 ? Math.round((4 * inq) / (t1 - t0)) : 0);
  const body = p.text.slice(start, end);
  f.add(120, (body.includes('!') ? 1 : 0) | (body.includes('?') ? 2 : 0), () => (body.includes('!') ? 'an exclamation mark' : body.includes('?') ? 'a question' : null));
  let caps = 0;
  for (const i of wordsIn) if (/^\p{Lu}/u.test(p.tokens[i]!.text)) caps++;
  f.add(121, nw ? Math.round((4 * caps) / nw) : 0);
  for (const h of hitsOverlapping(p.hits, start, end)) {
    f.add(122, hashStr(h.rule), () => ruleTitle(h.rule));
    f.add(123, TECH_INDEX.get(h.technique)!);
  }
  const s = p.sentences[p.sentOf[Math.min(t0, n - 1)] ?? 0];
  if (s) {
    const cover = (Math.min(end, s.end) - Math.max(start, s.start)) / Math.max(1, s.end - s.start);
    f.add(124, Math.round(cover * 4), () => (cover > 0.9 ? 'covering the whole sentence' : null));
    for (let i = s.t0; i < s.t1 && i < s.t0 + 60; i++) if (p.tokens[i]!.word && (i < t0 || i >= t1)) f.add(125, p.th[i]!);
    f.add(126, s.flags);
  }
  f.add(127, start < p.firstLineEnd ? 1 : 0, () => (start < p.firstLineEnd ? 'being in the headline' : null));
  // How often the span's content words occur in the article (repetition of single words)
  {
    let maxFreq = 0, minFreq = 1e9;
    for (const i of wordsIn) if (content(p, i)) { maxFreq = Math.max(maxFreq, p.freq[i]!); minFreq = Math.min(minFreq, p.freq[i]!); }
    if (maxFreq) {
      f.add(154, bucket(maxFreq, [1, 2, 3, 5, 8]));
      f.add(155, mix(bucket(minFreq, [1, 2, 3, 5, 8]), bucket(nw, LEN_EDGES)));
    }
  }
  // AFINN valence inside the span: the most negative and most positive word, and how many are negative
  {
    let minNeg = 0, maxPos = 0, negs = 0;
    for (const i of wordsIn) {
      const v = p.val[i]!;
      if (v >= 1 && v <= 3) { minNeg = Math.max(minNeg, v); negs++; }
      else if (v >= 4) maxPos = Math.max(maxPos, v - 3);
    }
    f.add(156, minNeg, () => (minNeg === 3 ? 'a strongly negative word' : null));
    f.add(157, maxPos);
    f.add(158, mix(Math.min(negs, 3), bucket(nw, LEN_EDGES)));
  }
  // Parts of speech (a label is a noun phrase, loaded language mostly adjectives and verbs) and word
  // clusters of the span's words: TC-only cross-validation, seeds 13 / 7: 0.5986 / 0.6059 -> 0.6098 / 0.6134
  // (parts of speech alone 0.6066, clusters alone 0.6017 at seed 13). As token features for the span
  // tagger they did not help (SI 0.397 -> 0.392), so the tagger does not use them.
  {
    // the sequence of a short span, first and last, bigrams, and the words around it
    let seq = 0;
    for (let k = 0; k < Math.min(nw, 6); k++) seq = mix(seq, p.pos[wordsIn[k]!]!);
    f.add(170, nw <= 6 ? seq : mix(seq, 99));
    if (nw) {
      f.add(171, p.pos[wordsIn[0]!]!);
      f.add(172, p.pos[wordsIn[nw - 1]!]!);
    }
    for (let k = 0; k + 1 < Math.min(nw, 80); k++) f.add(173, (p.pos[wordsIn[k]!]! << 5) | p.pos[wordsIn[k + 1]!]!);
    f.add(174, (t0 > 0 ? p.pos[t0 - 1]! : 30) << 5 | (t1 < n ? p.pos[t1]! : 30));
  }
  {
    for (let k = 0; k < Math.min(nw, 80); k++) f.add(175, p.cl[wordsIn[k]!]! >> 8);
    if (nw) f.add(176, ((p.cl[wordsIn[0]!]! & 255) << 8) | (p.cl[wordsIn[nw - 1]!]! & 255));
  }
  // The whole phrase (memorises slogans and stock labels), and 5-letter stems of its words.
  f.add(144, hashStr(p.lower.slice(start, end).trim()));
  for (let k = 0; k < Math.min(nw, 80); k++) {
    const norm = p.tokens[wordsIn[k]!]!.norm;
    if (norm.length > 5) f.add(145, hashStr(norm.slice(0, 5)));
    f.add(162, p.suffix[wordsIn[k]!]!);
  }
  // Character 4-grams catch word variants (hysteric/hysterical, slam/slammed); spans up to 400 characters
  // (cross-validation, TC-only, seeds 13 / 7: up to 40 0.5950 / 0.6017, 80 0.5956 / 0.6036, 160 0.5981 / 0.6046, 400 0.5986 / 0.6059).
  if (end - start <= 400) {
    const low = p.lower.slice(start, end);
    for (let k = 0; k + 4 <= low.length; k++) f.add(128, hashStr(low.slice(k, k + 4)));
  }
}

/** Rule hits sorted by start, and the longest hit, built once per article (issue 16: spans × hits was quadratic). */
const hitIndex = new WeakMap<readonly RuleHit[], { order: number[]; maxLen: number }>();

/** The hits overlapping [start, end), in their original order: a binary search, not a scan of every hit. */
function hitsOverlapping(hits: readonly RuleHit[], start: number, end: number): RuleHit[] {
  let ix = hitIndex.get(hits);
  if (!ix) {
    const order = hits.map((_, i) => i).sort((a, b) => hits[a]!.start - hits[b]!.start);
    ix = { order, maxLen: hits.reduce((m, h) => Math.max(m, h.end - h.start), 0) };
    hitIndex.set(hits, ix);
  }
  const { order, maxLen } = ix;
  let lo = 0, hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[order[mid]!]!.start < end) lo = mid + 1;
    else hi = mid;
  }
  const found: number[] = [];
  for (let k = lo - 1; k >= 0; k--) {
    const h = hits[order[k]!]!;
    if (h.start + maxLen <= start) break; // no earlier hit can reach the span
    if (h.end > start) found.push(order[k]!);
  }
  return found.sort((a, b) => a - b).map((i) => hits[i]!);
}

