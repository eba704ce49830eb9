/**
 * What two stories share, as numbers: the pair features the similarity model combines. A document
 * becomes a `StoryProfile` once (words, names, dates, numbers, actors and events from slant's own
 * analysis); a pair of profiles plus the collection's document frequencies gives the features.
 * Everything here is pure and works on stored results, never on the store.
 */
import { tokenize } from '../../core/tokens.js';
import type { AnalysisResult } from '../../result.js';

export interface StoryProfile {
  id: string;
  /** Content-word stems → count. */
  words: Map<string, number>;
  /** Adjacent content-word stem pairs → count. */
  bigrams: Map<string, number>;
  /** Capitalised names (one or more words, lower-cased) → count. */
  names: Map<string, number>;
  /** Stems of the headline (the title, or the first sentence). */
  head: Map<string, number>;
  /** Stems of the lead (the first ~60 words after the headline). */
  lead: Map<string, number>;
  /** Character 4-grams of the lower-cased text (as 31-bit hashes: no string per gram) → count. */
  chars: Map<number, number>;
  /** Actor codes named (country-less codes keep their name). */
  actors: Set<string>;
  /** Country / organisation roots of the actors (first three letters of the code). */
  roots: Set<string>;
  /** Coded events as "SRC>TGT" dyads and "SRC>TGT:quad". */
  dyads: Set<string>;
  events: Set<string>;
  /** Numbers of two or more digits written in the text (years, scores, counts). */
  numbers: Set<string>;
  /** Calendar days named in the text (days since 1970) and years. */
  days: number[];
  years: Set<number>;
  /** Publication day (days since 1970) when known. */
  published: number | null;
  /** Word count. */
  length: number;
}

// Function words that carry no story (a short list: the IDF weighting does the rest).
const STOP = new Set(
  `a an the and or but if then than of in on at to for from by with about as into over after before under between through during without within
  is are was were be been being am has have had do does did will would shall should can could may might must not no nor
  this that these those it its it's he she they them his her their our we us you your i me my mine who whom whose which what when where why how
  all any some such more most other another each every both few many much own same so too very just also only even still yet
  there here up down out off again further once s t said says say new one two`.split(/\s+/),
);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Crude suffix stripping so that "sanction", "sanctions", "sanctioned" meet. */
export function stem(w: string): string {
  if (w.length <= 4) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 5) return w.slice(0, -3) + 'y';
  if (w.endsWith('ing') && w.length > 6) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 5) return w.slice(0, -2);
  if (w.endsWith('es') && w.length > 5 && /(?:ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && w.length > 4) return w.slice(0, -1);
  return w;
}

function bump<K>(m: Map<K, number>, k: K, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/**
 * The model was trained on what SemEval-2022 Task 8 gives of each article: the title, the
 * beginning and the end (about 1,000 characters). A long article is seen the same way — its first
 * HEAD_CHARS and last TAIL_CHARS — which also bounds the memory of a profile.
 */
const HEAD_CHARS = 1500;
const TAIL_CHARS = 500;

export function storyView(text: string): string {
  if (text.length <= HEAD_CHARS + TAIL_CHARS) return text;
  // Cut at a space so no word (or surrogate pair) is split.
  const isSpace = (i: number): boolean => /\s/.test(text[i] ?? ' ');
  let a = HEAD_CHARS;
  while (a > HEAD_CHARS - 100 && !isSpace(a)) a--;
  let b = text.length - TAIL_CHARS;
  while (b < text.length - TAIL_CHARS + 100 && !isSpace(b)) b++;
  // No space nearby (CJK): never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text[a - 1] ?? '')) a--;
  if (/[\uDC00-\uDFFF]/.test(text[b] ?? '')) b++;
  return `${text.slice(0, a)}\n${text.slice(b)}`;
}

/** A profile from a stored analysis result (or a result-shaped object with only text and meta). */
export type ProfileInput = Pick<AnalysisResult, 'text'> & { meta: Pick<AnalysisResult['meta'], 'title' | 'date'> } & Partial<Pick<AnalysisResult, 'actors' | 'events'>>;

export function profileOf(id: string, result: ProfileInput): StoryProfile {
  const text = storyView(result.text);
  const toks = tokenize(text);
  const words = new Map<string, number>();
  const bigrams = new Map<string, number>();
  const names = new Map<string, number>();
  const numbers = new Set<string>();
  let prev: string | null = null;
  let run: string[] = [];
  const flushName = (): void => {
    if (run.length) bump(names, run.join(' '));
    run = [];
  };
  let count = 0;
  const stems: string[] = [];
  for (const t of toks) {
    if (!t.word) {
      prev = null;
      flushName();
      continue;
    }
    count++;
    if (/^\d[\d.,]*$/.test(t.text)) {
      if (t.text.replace(/\D/g, '').length >= 2) numbers.add(t.text.replace(/[.,]$/, ''));
      prev = null;
      flushName();
      continue;
    }
    const cap = /^\p{Lu}/u.test(t.text);
    if (cap && !STOP.has(t.norm)) run.push(t.norm.replace(/'s$/, ''));
    else flushName();
    if (STOP.has(t.norm) || t.norm.length < 2) {
      prev = null;
      continue;
    }
    const s = stem(t.norm);
    stems.push(s);
    bump(words, s);
    if (prev) bump(bigrams, `${prev} ${s}`);
    prev = s;
  }
  flushName();

  // Headline: the title, else the text up to the first line break / sentence end (at most 25 words).
  const title = result.meta.title ?? firstSentence(text);
  const head = new Map<string, number>();
  for (const t of tokenize(title)) if (t.word && !STOP.has(t.norm) && t.norm.length > 1) bump(head, stem(t.norm));
  const headLen = [...head.values()].reduce((a, b) => a + b, 0);
  const lead = new Map<string, number>();
  for (const s of stems.slice(result.meta.title ? 0 : headLen, (result.meta.title ? 0 : headLen) + 60)) bump(lead, s);

  const chars = new Map<number, number>();
  const low = text.toLowerCase().replace(/\s+/g, ' ');
  for (let i = 0; i + 4 <= low.length; i++) {
    const h = (Math.imul(Math.imul(Math.imul(low.charCodeAt(i), 0x9e3779b1) ^ low.charCodeAt(i + 1), 0x85ebca6b) ^ low.charCodeAt(i + 2), 0xc2b2ae35) ^ low.charCodeAt(i + 3)) >>> 1;
    chars.set(h, (chars.get(h) ?? 0) + 1);
  }

  const actors = new Set<string>();
  const roots = new Set<string>();
  for (const a of result.actors ?? []) {
    actors.add(a.code.startsWith('---') ? `${a.code} ${a.name.toLowerCase()}` : a.code);
    if (!a.code.startsWith('---')) roots.add(a.code.slice(0, 3));
  }
  const dyads = new Set<string>();
  const events = new Set<string>();
  for (const e of result.events ?? []) {
    const [s, t] = e.source < e.target ? [e.source, e.target] : [e.target, e.source];
    dyads.add(`${s}~${t}`);
    events.add(`${s}~${t}:${e.quad}`);
  }
  const { days, years } = datesIn(text);
  const pub = result.meta.date ? dayOf(result.meta.date) : null;
  return { id, words, bigrams, names, head, lead, chars, actors, roots, dyads, events, numbers, days, years, published: pub, length: count };
}

function firstSentence(text: string): string {
  const t = text.trimStart().slice(0, 400);
  const nl = t.search(/\n|\s{2,}/);
  const stop = t.search(/[.!?](?:\s|$)/);
  let end = Math.min(nl < 0 ? t.length : nl, stop < 0 ? t.length : stop + 1);
  const words = t.slice(0, end).split(/\s+/);
  if (words.length > 25) end = words.slice(0, 25).join(' ').length;
  return t.slice(0, end);
}

function dayOf(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
  return Number.isFinite(t) ? Math.floor(t / 86_400_000) : null;
}

// "January 6, 2020", "6 January 2020", "Jan. 6", "2020-01-06". Linear: no nested quantifiers.
const MONTH_DAY = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b/gi;
const DAY_MONTH = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:,?\s+(\d{4}))?\b/gi;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const YEAR = /\b(19[5-9]\d|20[0-4]\d)\b/g;

/** Days and years a text names (a day without a year is placed in the year the text names most). */
export function datesIn(text: string): { days: number[]; years: Set<number> } {
  const t = text.length > 50_000 ? text.slice(0, 50_000) : text;
  const years = new Set<number>();
  const yearCount = new Map<number, number>();
  for (const m of t.matchAll(YEAR)) {
    const y = +m[1]!;
    years.add(y);
    yearCount.set(y, (yearCount.get(y) ?? 0) + 1);
  }
  const usual = [...yearCount].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 2000;
  const days: number[] = [];
  const add = (y: number, mo: number, d: number): void => {
    if (mo < 0 || mo > 11 || d < 1 || d > 31) return;
    days.push(Math.floor(Date.UTC(y, mo, d) / 86_400_000));
  };
  for (const m of t.matchAll(MONTH_DAY)) add(m[3] ? +m[3] : usual, MONTHS.indexOf(m[1]!.toLowerCase().slice(0, 3)), +m[2]!);
  for (const m of t.matchAll(DAY_MONTH)) add(m[3] ? +m[3] : usual, MONTHS.indexOf(m[2]!.toLowerCase().slice(0, 3)), +m[1]!);
  for (const m of t.matchAll(ISO)) add(+m[1]!, +m[2]! - 1, +m[3]!);
  return { days, years };
}

/** Document frequencies of a collection, for IDF weighting. */
export interface Frequencies {
  docs: number;
  words: Map<string, number>;
  bigrams: Map<string, number>;
  names: Map<string, number>;
  chars: Map<number, number>;
}

export function frequencies(profiles: Iterable<StoryProfile>): Frequencies {
  const f: Frequencies = { docs: 0, words: new Map(), bigrams: new Map(), names: new Map(), chars: new Map() };
  for (const p of profiles) {
    f.docs++;
    for (const k of p.words.keys()) bump(f.words, k);
    for (const k of p.bigrams.keys()) bump(f.bigrams, k);
    for (const k of p.names.keys()) bump(f.names, k);
    for (const k of p.chars.keys()) bump(f.chars, k);
  }
  return f;
}

function idf<K>(df: Map<K, number>, n: number, k: K): number {
  return Math.log((n + 1) / ((df.get(k) ?? 0) + 1)) + 1;
}

/**
 * A TF-IDF vector (sublinear tf), unit length, as term ids sorted ascending with their weights:
 * computed once per document and collection, so a pair's cosine is one merge of two typed arrays.
 */
interface Vec {
  ids: Int32Array;
  w: Float64Array;
}

// Term ids and IDF weights per collection and kind of term (words, bigrams, names, characters):
// one map lookup per term when a document is weighed.
interface Dictionary<K = string> {
  ids: Map<K, number>;
  idf: number[];
}
const dictionaries = new WeakMap<Frequencies, Record<'words' | 'bigrams' | 'names', Dictionary> & { chars: Dictionary<number> }>();

function weigh<K>(m: Map<K, number>, df: Map<K, number>, n: number, dict: Dictionary<K>): Vec {
  const ids = new Int32Array(m.size);
  const raw = new Float64Array(m.size);
  let k = 0;
  let sq = 0;
  for (const [term, tf] of m) {
    let id = dict.ids.get(term);
    if (id === undefined) {
      id = dict.idf.length;
      dict.ids.set(term, id);
      dict.idf.push(idf(df, n, term));
    }
    const x = (1 + Math.log(tf)) * dict.idf[id]!;
    ids[k] = id;
    raw[k++] = x;
    sq += x * x;
  }
  const order = Array.from(ids.keys()).sort((a, b) => ids[a]! - ids[b]!);
  const norm = Math.sqrt(sq) || 1;
  return { ids: Int32Array.from(order, (i) => ids[i]!), w: Float64Array.from(order, (i) => raw[i]! / norm) };
}

function cos(a: Vec, b: Vec): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  const A = a.ids;
  const B = b.ids;
  while (i < A.length && j < B.length) {
    const x = A[i]!;
    const y = B[j]!;
    if (x === y) dot += a.w[i++]! * b.w[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return Math.min(1, dot);
}

interface Weighted {
  f: Frequencies;
  words: Vec;
  bigrams: Vec;
  names: Vec;
  head: Vec;
  lead: Vec;
  chars: Vec;
}

// Vectors depend on the collection's frequencies: cached per profile, recomputed if they change.
const weighted = new WeakMap<StoryProfile, Weighted>();

function vectors(p: StoryProfile, f: Frequencies): Weighted {
  const hit = weighted.get(p);
  if (hit && hit.f === f) return hit;
  const n = f.docs;
  let d = dictionaries.get(f);
  if (!d) {
    const fresh = <K>(): Dictionary<K> => ({ ids: new Map<K, number>(), idf: [] });
    dictionaries.set(f, (d = { words: fresh<string>(), bigrams: fresh<string>(), names: fresh<string>(), chars: fresh<number>() }));
  }
  const v: Weighted = {
    f,
    words: weigh(p.words, f.words, n, d.words),
    bigrams: weigh(p.bigrams, f.bigrams, n, d.bigrams),
    names: weigh(p.names, f.names, n, d.names),
    head: weigh(p.head, f.words, n, d.words),
    lead: weigh(p.lead, f.words, n, d.words),
    chars: weigh(p.chars, f.chars, n, d.chars),
  };
  weighted.set(p, v);
  return v;
}

/**
 * Weigh a profile's vectors for a collection now and drop the raw counts only the vectors need
 * (character 4-grams, bigrams, headline, lead): a corpus of thousands of profiles stays small.
 * The profile must not be used with other frequencies afterwards.
 */
export function compact(p: StoryProfile, f: Frequencies): void {
  vectors(p, f);
  p.chars.clear();
  p.bigrams.clear();
  p.head.clear();
  p.lead.clear();
}

/** Cosine of TF-IDF vectors (sublinear tf). */
export function tfidfCosine(a: Map<string, number>, b: Map<string, number>, df: Map<string, number>, n: number, sublinear = true): number {
  const w = (tf: number, k: string): number => (sublinear ? 1 + Math.log(tf) : tf) * idf(df, n, k);
  let na = 0;
  let nb = 0;
  let dot = 0;
  for (const [k, v] of a) {
    const x = w(v, k);
    na += x * x;
    const u = b.get(k);
    if (u !== undefined) dot += x * w(u, k);
  }
  for (const [k, v] of b) {
    const x = w(v, k);
    nb += x * x;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / (a.size + b.size - n);
}

/** Share of the smaller set found in the larger (1 when one story's set is inside the other's). */
function overlap(a: Set<string>, b: Set<string>): number {
  const m = Math.min(a.size, b.size);
  if (!m) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / m;
}

function closestDays(a: number[], b: number[]): number | null {
  let best: number | null = null;
  for (const x of a) for (const y of b) {
    const d = Math.abs(x - y);
    if (best === null || d < best) best = d;
  }
  return best;
}

/** What a pair shares, each from 0 (nothing) to 1 (everything). */
export const MEASURES = [
  'words', // TF-IDF cosine over content words (the baseline)
  'bigrams',
  'names', // TF-IDF cosine over capitalised names
  'nameOverlap', // share of the smaller side's names found in the other
  'head', // headline cosine
  'lead', // lead cosine
  'chars', // character 4-gram cosine
  'actors', // Jaccard of actor codes (slant's analysis)
  'roots', // overlap of actor countries / organisations
  'dyads', // Jaccard of coded event dyads
  'events', // Jaccard of dyad + quad class
  'numbers', // Jaccard of numbers
  'dates', // closeness of named days (1 same day … 0 a month apart or none)
  'years', // overlap of years named
  'published', // closeness of publication dates when both are known
] as const;
export type Measure = (typeof MEASURES)[number];

/** Cosines enter the model through a concave hinge basis min(c, k)/k as well as raw. */
const COSINES = ['words', 'bigrams', 'names', 'head', 'lead', 'chars'] as const;
const KNOTS = [0.05, 0.1, 0.2, 0.4];

/**
 * The model's inputs. With non-negative weights (how the shipped model is fitted) the score is a
 * sum of increasing concave functions of the cosines plus increasing terms for the overlaps: more
 * shared text or names never lowers it, and a near-copy scores at least as high as any story pair
 * (similarity rises steeply with the first shared words and then saturates).
 */
export const FEATURES: string[] = [...COSINES.flatMap((c) => KNOTS.map((k) => `${c}<${k}`)), ...MEASURES];

export function pairMeasures(a: StoryProfile, b: StoryProfile, f: Frequencies): Record<Measure, number> {
  const va = vectors(a, f);
  const vb = vectors(b, f);
  const dd = closestDays(a.days, b.days);
  const pub = a.published !== null && b.published !== null ? Math.abs(a.published - b.published) : null;
  return {
    words: cos(va.words, vb.words),
    bigrams: cos(va.bigrams, vb.bigrams),
    names: cos(va.names, vb.names),
    nameOverlap: overlap(new Set(a.names.keys()), new Set(b.names.keys())),
    head: cos(va.head, vb.head),
    lead: cos(va.lead, vb.lead),
    chars: cos(va.chars, vb.chars),
    actors: jaccard(a.actors, b.actors),
    roots: overlap(a.roots, b.roots),
    dyads: jaccard(a.dyads, b.dyads),
    events: jaccard(a.events, b.events),
    numbers: jaccard(a.numbers, b.numbers),
    dates: dd === null ? 0 : Math.max(0, 1 - dd / 30),
    years: overlap(new Set([...a.years].map(String)), new Set([...b.years].map(String))),
    published: pub === null ? 0 : Math.max(0, 1 - pub / 30),
  };
}

export function modelInputs(m: Record<Measure, number>): number[] {
  const x: number[] = [];
  for (const c of COSINES) for (const k of KNOTS) x.push(Math.min(Math.min(1, m[c]), k) / k);
  for (const name of MEASURES) x.push(Math.min(1, m[name]));
  return x;
}

export function pairFeatures(a: StoryProfile, b: StoryProfile, f: Frequencies): number[] {
  return modelInputs(pairMeasures(a, b, f));
}
