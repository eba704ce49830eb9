/**
 * Explained rules over the 14 PTC techniques: lexicon phrases and a few patterns (scare quotes,
 * "so-called", absolute claims, repeated phrases, slogans). Data lives in data/rules.json with a
 * source per entry; the measured precision of each rule on the PTC training split lives in
 * data/rule-precision.json (written by `slant eval techniques --rules --write-precision`) and becomes
 * the confidence of its spans. The trained model uses the same hits as features.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Doc, Span } from '../core/document.js';
import type { Component } from '../core/pipeline.js';
import { tokenize, type Token } from '../core/tokens.js';
import { E, fail } from '../core/errors.js';
import { TECHNIQUES, type Technique, type TechniqueSpan } from './types.js';
import { agreementOf, groupOf, isShownPrecision, mergeNested, rulePrecisionOf, withAgreement, type Agreement } from './display.js';

export interface RuleHit {
  /** Rule entry id, e.g. 'loaded.delusion' or 'scare-quotes'. */
  rule: string;
  /** Finer key whose precision is measured: `rule:phrase` for lexicon entries. */
  key: string;
  technique: Technique;
  /** UTF-16 offsets. */
  start: number;
  end: number;
  explanation: string;
}

interface LexiconEntry { id: string; title: string; technique: Technique; source: string; explain: string; phrases: string[] }
interface PatternEntry { id: string; title: string; technique: Technique; source: string; explain: string }
interface RuleData {
  lexicon: LexiconEntry[];
  patterns: PatternEntry[];
  absolutes: string[];
  modals: string[];
  speechVerbs: string[];
  stopwords: string[];
}
export interface RulePrecision { hits: number; correct: number; precision: number }

function loadJson<T>(name: string, optional = false): T | undefined {
  const path = fileURLToPath(new URL(`./data/${name}`, import.meta.url));
  if (optional && !existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    fail(E.BAD_DATA_FILE, `cannot read ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
}

const DATA = loadJson<RuleData>('rules.json')!;
for (const e of [...DATA.lexicon, ...DATA.patterns]) {
  if (!(TECHNIQUES as readonly string[]).includes(e.technique)) fail(E.BAD_DATA_FILE, `rules.json: entry ${e.id} names unknown technique ${e.technique}`);
  if (!e.source) fail(E.BAD_DATA_FILE, `rules.json: entry ${e.id} has no source`);
  if (!e.title) fail(E.BAD_DATA_FILE, `rules.json: entry ${e.id} has no title`);
}
const PATTERN = new Map(DATA.patterns.map((p) => [p.id, p]));
const TITLES = new Map([...DATA.lexicon, ...DATA.patterns].map((e) => [e.id, e.title]));

/** What a rule looks for, in words (used when the model explains itself). */
export function ruleTitle(rule: string): string {
  return TITLES.get(rule) ?? rule;
}
const ABSOLUTES = new Set(DATA.absolutes);
const MODALS = new Set(DATA.modals);
const SPEECH = new Set(DATA.speechVerbs);
export const STOPWORDS = new Set(DATA.stopwords);

/** Measured precision per rule key (and per rule id as a fallback), when the file exists. */
export const RULE_PRECISION: Record<string, RulePrecision> = loadJson<Record<string, RulePrecision>>('rule-precision.json', true) ?? {};

/** Lexicon phrases indexed by their first token's norm, longest first. */
const PHRASES = new Map<string, Array<{ norms: string[]; entry: LexiconEntry; phrase: string }>>();
for (const entry of DATA.lexicon) {
  for (const phrase of entry.phrases) {
    const norms = tokenize(phrase).map((t) => t.norm);
    if (norms.length === 0) continue;
    const list = PHRASES.get(norms[0]!) ?? [];
    list.push({ norms, entry, phrase });
    PHRASES.set(norms[0]!, list);
  }
}
for (const list of PHRASES.values()) list.sort((a, b) => b.norms.length - a.norms.length);

function fill(template: string, text: string, count = 0): string {
  return template.replace('{text}', text).replace('{count}', String(count));
}

/** Above this many tokens the quadratic-ish parts (repetition) are skipped: bounded work on huge inputs. */
const MAX_REPEAT_TOKENS = 60_000;

/**
 * The model's features and the rules component both need a document's rule hits: the last text's
 * hits are kept, so a document is scanned once (the hits depend on the text alone; callers get a
 * fresh array of the same, never mutated, hit objects).
 */
let lastHits: { text: string; hits: RuleHit[] } | null = null;

export function findRuleHits(text: string, tokens?: readonly Token[]): RuleHit[] {
  if (lastHits !== null && lastHits.text === text) return lastHits.hits.slice();
  const hits = scanRuleHits(text, tokens ?? tokenize(text));
  lastHits = { text, hits };
  return hits.slice();
}

function scanRuleHits(text: string, tokens: readonly Token[]): RuleHit[] {
  const hits: RuleHit[] = [];
  lexicon(text, tokens, hits);
  scareQuotes(text, tokens, hits);
  absolutes(text, tokens, hits);
  if (tokens.length <= MAX_REPEAT_TOKENS) repeated(text, tokens, hits);
  slogans(text, hits);
  hits.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  return hits;
}

function lexicon(text: string, tokens: readonly Token[], hits: RuleHit[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const list = PHRASES.get(tokens[i]!.norm);
    if (!list) continue;
    for (const p of list) {
      if (i + p.norms.length > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < p.norms.length && ok; k++) ok = tokens[i + k]!.norm === p.norms[k];
      if (!ok) continue;
      const start = tokens[i]!.start, end = tokens[i + p.norms.length - 1]!.end;
      hits.push({ rule: p.entry.id, key: `${p.entry.id}:${p.phrase}`, technique: p.entry.technique, start, end, explanation: fill(p.entry.explain, text.slice(start, end)) });
      break; // longest phrase of this start wins
    }
  }
}

// A short quoted phrase: opener after a boundary, 1–80 characters without quotes or newlines, closer
// before a non-letter. The inner quantifier is bounded and not nested, so matching is linear.
const QUOTED = /(?<=^|[\s(\[—–\-/])(["“«„‘'])([^"“”«»„\n]{1,80}?)(["”»’'])(?![\p{L}\p{N}])/gu;

function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let lo = 0, hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Only blanks between the line start and `start`, and at most one character after `end` on its line. */
function wholeLine(text: string, start: number, end: number): boolean {
  let i = start - 1;
  while (i >= 0 && text[i] !== '\n' && /\s/.test(text[i]!)) i--;
  if (i >= 0 && text[i] !== '\n') return false;
  let j = end, seen = 0;
  while (j < text.length && text[j] !== '\n') {
    if (!/\s/.test(text[j]!) && ++seen > 1) return false;
    j++;
  }
  return true;
}

function scareQuotes(text: string, tokens: readonly Token[], hits: RuleHit[]): void {
  QUOTED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUOTED.exec(text)) !== null) {
    const single = /['‘]/.test(m[1]!);
    if (single !== /['’]/.test(m[3]!)) { QUOTED.lastIndex = m.index + 1; continue; }
    const inner = m[2]!;
    const words = inner.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length < 1 || words.length > 6 || /[.!?;:,]\s*$/.test(inner) || /[.!?]\s/.test(inner) || /^\s|\s$/.test(inner)) continue;
    const start = m.index, end = m.index + m[0].length;
    const i = tokenIndexAt(tokens, start);
    // A quotation introduced by a speech verb or colon ("he said: 'no'") is reporting, not scare quotes.
    let reported = false;
    for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
      const t = tokens[k]!;
      if (t.text === ':' || SPEECH.has(t.norm)) reported = true;
      if (/[.!?]/.test(t.text)) break;
    }
    // ... or followed by one ("'no,' she said"; "'no', said the minister").
    const j = tokenIndexAt(tokens, end);
    for (let k = j; k < Math.min(tokens.length, j + 4) && !reported; k++) {
      if (SPEECH.has(tokens[k]!.norm)) reported = true;
      if (/[.!?;]/.test(tokens[k]!.text)) break;
    }
    if (reported) continue;
    // Whole line quoted (a headline or a pull quote): not a scare quote.
    if (wholeLine(text, start, end)) continue;
    const prev = tokens[i - 1];
    const kind = quoteKind(text, tokens, i, j, inner, words, hits);
    if (prev && (prev.norm === 'so-called' || (prev.norm === 'called' && tokens[i - 2]?.norm === 'so'))) {
      const s = tokens[prev.norm === 'called' ? i - 2 : i - 1]!.start;
      hits.push({ rule: 'so-called-quote', key: 'so-called-quote', technique: PATTERN.get('so-called-quote')!.technique, start: s, end, explanation: fill(PATTERN.get('so-called-quote')!.explain, text.slice(start, end)) });
    }
    hits.push({ rule: 'scare-quotes', key: `scare-quotes:${kind}`, technique: PATTERN.get('scare-quotes')!.technique, start, end, explanation: fill(PATTERN.get('scare-quotes')!.explain, text.slice(start, end)) });
  }
  // "so-called X" without quotes: the term that follows (up to three words before punctuation).
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let j = -1;
    if (t.norm === 'so-called') j = i + 1;
    else if (t.norm === 'so' && tokens[i + 1]?.norm === 'called') j = i + 2;
    if (j < 0 || j >= tokens.length || !tokens[j]!.word) continue;
    let k = j;
    while (k + 1 < tokens.length && k - j < 2 && tokens[k + 1]!.word && !STOPWORDS.has(tokens[k + 1]!.norm) && tokens[k + 1]!.norm !== 'so-called' && !/\n/.test(text.slice(tokens[k]!.end, tokens[k + 1]!.start))) k++;
    const start = t.start, end = tokens[k]!.end;
    hits.push({ rule: 'so-called-quote', key: 'so-called-quote', technique: PATTERN.get('so-called-quote')!.technique, start, end, explanation: fill(PATTERN.get('so-called-quote')!.explain, `“${text.slice(tokens[j]!.start, end)}”`) });
  }
}

// Words before a quoted title of a work ("the song 'Let It Be'"). Data: the cue list of issue 14.
const WORK_CUES = new Set(['book', 'books', 'film', 'films', 'movie', 'song', 'songs', 'album', 'show', 'series', 'novel', 'article', 'essay', 'report', 'documentary', 'play', 'poem', 'podcast', 'column', 'op-ed', 'paper', 'programme', 'program', 'titled', 'entitled', 'called', 'named', 'headlined', 'dubbed', 'memoir', 'speech', 'campaign', 'slogan', 'hashtag', 'episode']);
const REPORTING = new Set(['said', 'says', 'told', 'tells', 'wrote', 'writes', 'asked', 'asks', 'added', 'adds', 'stated', 'tweeted', 'claimed', 'claims', 'insisted', 'declared', 'warned', 'according', 'saying', 'called', 'described', 'describing', 'calls', 'dubbed', 'labelled', 'labeled', 'branded', 'termed']);

/**
 * What kind of quotation a short quoted phrase is, so its precision is measured (and shown) per kind:
 * quoted handles (@name) and titles of works are not doubt; a quote in a sentence with a reporting
 * verb is usually someone's words; a quote right after "so-called" is the classic scare quote.
 */
function quoteKind(text: string, tokens: readonly Token[], i: number, j: number, inner: string, words: string[], lexiconHits: readonly RuleHit[]): string {
  if (/^@[\p{L}\p{N}_]/u.test(inner.trim())) return 'handle';
  const prev = tokens[i - 1], prev2 = tokens[i - 2];
  if (prev?.norm === 'so-called' || (prev?.norm === 'called' && prev2?.norm === 'so')) return 'so-called';
  const capitalised = words.filter((w) => /^[\p{Lu}\p{N}]/u.test(w)).length;
  const titleCase = words.length >= 2 && capitalised >= Math.ceil(words.length * 0.6) && /^[\p{Lu}\p{N}]/u.test(words[0]!);
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const t = tokens[k]!;
    if (/[.!?;]/.test(t.text)) break;
    if (WORK_CUES.has(t.norm) && /^[\p{Lu}\p{N}]/u.test(words[0] ?? '')) return 'title';
  }
  // cued: a loaded word or label just before the quote ("hyping up the news of 'X'")
  const from = tokens[Math.max(0, i - 8)]!.start, to = tokens[i]!.start;
  let lo = 0, hi = lexiconHits.length; // lexicon hits are in text order: first hit starting at or after the quote
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lexiconHits[mid]!.start < to) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo - 1; k >= 0 && lexiconHits[k]!.start >= from; k--) {
    const h = lexiconHits[k]!;
    if (h.start >= from && h.end <= to && (h.rule.startsWith('loaded.') || h.rule.startsWith('name.'))) return 'cued';
  }
  if (titleCase) return 'capitalised';
  // a reporting verb elsewhere in the sentence (both directions, up to the sentence end)
  for (let k = i - 1; k >= Math.max(0, i - 25); k--) {
    const t = tokens[k]!;
    if (/[.!?]/.test(t.text) || /\n/.test(text.slice(t.end, tokens[k + 1]!.start))) break;
    if (REPORTING.has(t.norm)) return 'reported';
  }
  for (let k = j; k < Math.min(tokens.length, j + 25); k++) {
    const t = tokens[k]!;
    if (/[.!?]/.test(t.text)) break;
    if (REPORTING.has(t.norm)) return 'reported';
  }
  return words.length === 1 ? 'word' : 'phrase';
}

function absolutes(text: string, tokens: readonly Token[], hits: RuleHit[]): void {
  const p = PATTERN.get('absolute-claim')!;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let norm = t.norm;
    let last = i;
    if (norm === 'no' && tokens[i + 1]?.norm === 'one') { norm = 'no one'; last = i + 1; }
    if (!ABSOLUTES.has(norm)) continue;
    let first = i;
    if (i > 0 && MODALS.has(tokens[i - 1]!.norm)) first = i - 1;
    // Extend over the verb phrase that follows, stopping at punctuation (at most four words).
    while (last + 1 < tokens.length && last - i < 4 && tokens[last + 1]!.word) last++;
    const start = tokens[first]!.start, end = tokens[last]!.end;
    hits.push({ rule: p.id, key: `${p.id}:${norm}`, technique: p.technique, start, end, explanation: fill(p.explain, text.slice(start, end)) });
  }
}

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function repeated(text: string, tokens: readonly Token[], hits: RuleHit[]): void {
  const p = PATTERN.get('repeated-phrase')!;
  const words = tokens.filter((t) => t.word);
  const h = words.map((w) => fnv(w.norm));
  const stop = words.map((w) => STOPWORDS.has(w.norm));
  const taken = new Uint8Array(words.length);
  for (let n = 4; n >= 2; n--) {
    // n-grams keyed by a numeric hash of their words; equal keys are checked word by word below
    const at = new Map<number, number[]>();
    for (let i = 0; i + n <= words.length; i++) {
      if (stop[i] || stop[i + n - 1]) continue;
      if (words[i + n - 1]!.start - words[i]!.end > 60) continue; // the n words must be close together
      let key = h[i]!;
      for (let k = 1; k < n; k++) key = Math.imul(key ^ h[i + k]!, 0x9e3779b1) >>> 0;
      const list = at.get(key);
      if (list) list.push(i);
      else at.set(key, [i]);
    }
    for (const [, all] of at) {
      if (all.length < 3) continue;
      const first = all[0]!;
      const list = all.filter((i) => {
        for (let k = 0; k < n; k++) if (words[i + k]!.norm !== words[first + k]!.norm) return false;
        return true;
      });
      if (list.length < 3) continue;
      for (const i of list.slice(1)) {
        let free = true;
        for (let k = 0; k < n; k++) if (taken[i + k]) free = false;
        if (!free) continue;
        for (let k = 0; k < n; k++) taken[i + k] = 1;
        const start = words[i]!.start, end = words[i + n - 1]!.end;
        hits.push({ rule: p.id, key: p.id, technique: p.technique, start, end, explanation: fill(p.explain, text.slice(start, end), list.length) });
      }
    }
  }
}

// A short sentence or line that ends with "!" (at most eight words), or a hashtag.
const EXCLAIMED = /(?<=^|[.!?]\s|\n)[^\n.!?]{2,80}!/g;
const HASHTAG = /#[\p{L}\p{N}_]{2,40}/gu;

function slogans(text: string, hits: RuleHit[]): void {
  const p = PATTERN.get('slogan-exclaim')!;
  for (const re of [EXCLAIMED, HASHTAG]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      let start = m.index;
      while (/\s/.test(text[start] ?? '')) start++;
      const end = m.index + m[0].length;
      const n = (text.slice(start, end).match(/[\p{L}\p{N}]+/gu) ?? []).length;
      if (n === 0 || n > 8) continue;
      hits.push({ rule: p.id, key: p.id, technique: p.technique, start, end, explanation: fill(p.explain, text.slice(start, end)) });
    }
  }
}

/** Confidence of a hit: its measured precision (data/precision.json), else the older rule table, else a cautious default. */
export function ruleConfidence(hit: RuleHit, agree: Agreement | null = null): number {
  const measured = withAgreement(rulePrecisionOf(hit.rule, hit.key), agree);
  if (measured !== null) return measured;
  const byKey = RULE_PRECISION[hit.key];
  if (byKey && byKey.hits >= 5) return byKey.precision;
  const byRule = RULE_PRECISION[hit.rule];
  if (byRule && byRule.hits >= 5) return byRule.precision;
  return 0.3;
}

/** Rules below this measured precision are model features only: not even listed (as hidden) in results. */
export const MIN_SHOWN_PRECISION = 0.15;
/** Rules listed (hidden unless their precision earns it) whatever their measured precision: the constructions the product promises to flag. */
const ALWAYS_LISTED = new Set(['scare-quotes', 'so-called-quote']);
/**
 * Quotation marks that are not doubt: a quoted handle, the title of a work, words quoted from a named
 * speaker. Never listed, even hidden (on PTC by cross-validation they were right 0 of 4, and 6 of 255
 * for quotes with a reporting verb; see docs/results-techniques.md).
 */
const NOT_DOUBT = new Set(['scare-quotes:handle', 'scare-quotes:title', 'scare-quotes:reported']);

/** Listed in results (shown or, below its display threshold, hidden). */
export function isShown(h: RuleHit, agree: Agreement | null = null): boolean {
  return isListed(h.rule, ruleConfidence(h, agree), h.key);
}

/** Listed (shown or hidden) given the rule, its measured precision and key; otherwise a model feature only. */
export function isListed(rule: string, precision: number, key = rule): boolean {
  if (NOT_DOUBT.has(key)) return false;
  return ALWAYS_LISTED.has(rule) || precision >= MIN_SHOWN_PRECISION;
}

/** Shown by default: measured precision at least SHOWN_PRECISION and the display threshold of the rule (display.ts). */
export function shownByDefault(h: RuleHit, agree: Agreement | null = null): boolean {
  return isShownPrecision(ruleConfidence(h, agree), groupOf(h.rule, h.technique));
}

export function shownHits(text: string, tokens?: readonly Token[]): RuleHit[] {
  return findRuleHits(text, tokens).filter((h) => isShown(h));
}

/**
 * Whether a span of the same technique in `sorted` (by start) already covers the hit on about the
 * same words (at most 1.5× its length). Binary search: linear overall, even on huge inputs.
 */
export function coveredBy(sorted: ReadonlyArray<{ start: number; end: number; technique: Technique }>, h: { start: number; end: number; technique: Technique }): boolean {
  const len = h.end - h.start;
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start < h.end - 1.5 * len) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && sorted[i]!.start <= h.start; i++) {
    const e = sorted[i]!;
    if (e.technique === h.technique && e.end >= h.end && e.end - e.start <= 1.5 * len) return true;
  }
  return false;
}

/**
 * Rule spans for a document, minus those an earlier component (the model) already marked with the
 * same technique on about the same words, and minus repeats of the same text. A rule span inside a
 * longer model span stays: it pinpoints the words and says why.
 */
export function ruleSpans(doc: Doc, component: string): Span<TechniqueSpan>[] {
  // Nested and duplicate spans of one technique merge into one (a shown one first, then the most precise; model spans win ties).
  const existing = (doc.has('techniques') ? doc.spans('techniques') : []).map((e) => ({ start: e.start, end: e.end, technique: e.data.technique, precision: e.data.precision ?? null, shown: e.data.shown ?? true, hit: null as RuleHit | null, agree: null as Agreement | null }));
  // the model's decoded spans (its declared layer), when it ran before: a hit's precision depends on whether the model agrees
  const model = doc.has('techniques.modelSpans') ? doc.spans('techniques.modelSpans').map((s) => ({ start: s.start, end: s.end, technique: s.data.technique })) : null;
  const listed = findRuleHits(doc.text).flatMap((h) => {
    const agree = model ? agreementOf(h, model) : null;
    return isShown(h, agree) ? [{ start: h.start, end: h.end, technique: h.technique, precision: ruleConfidence(h, agree), shown: shownByDefault(h, agree), hit: h as RuleHit | null, agree }] : [];
  });
  const out: Span<TechniqueSpan>[] = [];
  for (const m of mergeNested([...existing, ...listed])) {
    const h = m.hit;
    if (!h) continue;
    out.push({
      start: h.start,
      end: h.end,
      component,
      confidence: round(m.precision ?? 0),
      reason: `${h.explanation} (rule ${h.key}; ${measuredText(h, m.agree)})`,
      data: { technique: h.technique, rule: h.key, precision: round(m.precision ?? 0), shown: m.shown },
    });
  }
  return out;
}

const AGREE_TEXT: Record<Agreement, string> = { same: 'when the model marks the same words with this technique', other: 'when the model gives these words another technique', none: 'when the model does not mark these words' };

/** How the precision of a hit was measured, in words. */
export function measuredText(h: RuleHit, agree: Agreement | null = null): string {
  if (rulePrecisionOf(h.rule, h.key) === null) return 'precision not yet measured';
  return `right ${pct(ruleConfidence(h, agree))} of the time on the PTC training articles${agree ? ` ${AGREE_TEXT[agree]}` : ''}`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export const techniqueRules: Component = {
  name: 'techniques.rules',
  requires: [],
  // Rule hits the model already marked are left out; the model's decoded spans set each hit's precision.
  reads: ['techniques', 'techniques.modelSpans'],
  languages: ['en'],
  assigns: ['techniques'],
  annotate(doc: Doc) {
    return { spans: { techniques: ruleSpans(doc, 'techniques.rules') } };
  },
};
