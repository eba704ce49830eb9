/** Step 3b: the CAMEO dictionary's verb patterns matched in a window around the verb. */
import { type Lexicon } from '../lexicon.js';
import type { PatElem, Pattern } from '../verbdict.js';
import { type Unit, WINDOW, units, wordMatch } from './units.js';
import { type Verb } from './verbs.js';
import { NEG } from './words.js';

export interface PatMatch {
  pattern: Pattern;
  score: number;
  src: number;
  tgt: number;
  /** Units between the verb and the pattern's first post-verb element (ties go to the closer one). */
  gap: number;
}

export function elemMatch(e: PatElem, u: Unit[], k: number, lex: Lexicon): number {
  // Returns the number of units matched at k (0 = no match).
  const x = u[k];
  if (!x) return 0;
  switch (e.k) {
    case 'w':
      if (x.words) return x.words.some((w) => wordMatch(e.w, e.exact, w)) ? 1 : 0;
      return x.kind === 'W' && wordMatch(e.w, e.exact, x.up) ? 1 : 0;
    case 'src':
    case 'tgt':
      return x.kind === 'A' ? 1 : 0;
    case 'skip':
      return x.kind !== 'P' ? 1 : 0;
    case 'syn': {
      const set = lex.synsets.get(e.n);
      if (!set) return 0;
      if (x.words) return set.some((ws) => ws.length === 1 && x.words!.some((w) => wordMatch(ws[0]!, false, w))) ? 1 : 0;
      for (const ws of set) {
        let ok = true;
        for (let q = 0; q < ws.length && ok; q++) {
          const y = u[k + q];
          ok = !!y && y.kind === 'W' && wordMatch(ws[q]!, q < ws.length - 1, y.up);
        }
        if (ok) return ws.length;
      }
      return 0;
    }
    case 'phrase': {
      let n = 0;
      for (const w of e.ws) {
        const m = w.startsWith('&') ? elemMatch({ k: 'syn', n: w }, u, k + n, lex) : elemMatch({ k: 'w', w, exact: false }, u, k + n, lex);
        if (!m) return 0;
        n += m;
      }
      return n;
    }
  }
}

/** Match a pattern's post elements in order after the verb (gaps allowed), pre elements before. */
export function matchPattern(p: Pattern, u: Unit[], v: Verb, groupStart: number, lex: Lexicon): PatMatch | null {
  let score = 0;
  let src = -1;
  let tgt = -1;
  let gap = 0;
  let k = v.j;
  const stop = Math.min(u.length, v.j + WINDOW);
  for (const e of p.post) {
    let found = -1;
    for (let q = k; q < stop; q++) {
      if (u[q]!.kind === 'P' && /[.;:!?]/.test(u[q]!.up)) break;
      const n = elemMatch(e, u, q, lex);
      if (n) {
        found = q;
        k = q + n;
        break;
      }
    }
    if (found < 0) return null;
    if (e === p.post[0]) gap = found - v.j;
    if (e.k === 'src') src = found;
    else if (e.k === 'tgt') tgt = found;
    else if (e.k !== 'skip') score += e.k === 'phrase' ? 2 : 1;
  }
  k = groupStart - 1;
  const lo = Math.max(0, groupStart - WINDOW);
  for (let ei = p.pre.length - 1; ei >= 0; ei--) {
    const e = p.pre[ei]!;
    let found = -1;
    for (let q = k; q >= lo; q--) {
      if (u[q]!.kind === 'P' && /[.;:!?]/.test(u[q]!.up)) break;
      if (elemMatch(e, u, q, lex)) {
        found = q;
        k = q - 1;
        break;
      }
    }
    // Pre-verb words inside the verb group itself ("WILL NOT *") also count.
    if (found < 0) {
      for (let q = groupStart; q < v.i; q++) if (elemMatch(e, u, q, lex)) found = q;
      if (found < 0) return null;
    }
    if (e.k === 'src') src = found;
    else if (e.k === 'tgt') tgt = found;
    else if (e.k !== 'skip') score += e.k === 'phrase' ? 2 : 1;
  }
  if (score === 0 && src < 0 && tgt < 0) return null;
  return { pattern: p, score, src, tgt, gap };
}

/**
 * The words of a sentence's units as patterns can see them: exactly, and every stem a pattern word
 * could be of them (wordMatch: the word minus 1-3 final letters). Made once per sentence.
 */
interface UnitWords {
  exact: Set<string>;
  stems: Set<string>;
}
const unitWordsCache = new WeakMap<Unit[], UnitWords>();

function unitWords(u: Unit[]): UnitWords {
  let uw = unitWordsCache.get(u);
  if (uw) return uw;
  uw = { exact: new Set(), stems: new Set() };
  const add = (w: string): void => {
    uw!.exact.add(w);
    for (let d = 1; d <= 3 && d < w.length; d++) uw!.stems.add(w.slice(0, w.length - d));
  };
  for (const x of u) {
    if (x.words) for (const w of x.words) add(w);
    else if (x.kind === 'W') add(x.up);
  }
  unitWordsCache.set(u, uw);
  return uw;
}

/**
 * Plain words each pattern of a verb form needs somewhere in the sentence, made once per pattern
 * list: pattern k needs words[start[k]] .. words[start[k + 1] - 1] (exact[n]: no stem match).
 */
interface Needs {
  start: Int32Array;
  words: string[];
  exact: boolean[];
}
const needsCache = new WeakMap<readonly Pattern[], Needs>();

function needsOf(patterns: readonly Pattern[]): Needs {
  let out = needsCache.get(patterns);
  if (out) return out;
  out = { start: new Int32Array(patterns.length + 1), words: [], exact: [] };
  patterns.forEach((p, k) => {
    out!.start[k] = out!.words.length;
    for (const e of [...p.pre, ...p.post]) {
      if (e.k === 'w') out!.words.push(e.w), out!.exact.push(e.exact);
      else if (e.k === 'phrase') for (const w of e.ws) if (!w.startsWith('&')) out!.words.push(w), out!.exact.push(false);
    }
  });
  out.start[patterns.length] = out.words.length;
  needsCache.set(patterns, out);
  return out;
}

/**
 * Whether every plain word pattern k needs occurs in the sentence (a necessary condition of
 * matchPattern, checked first: most of a verb's patterns name a word the sentence lacks).
 */
function possible(needs: Needs, k: number, uw: UnitWords): boolean {
  for (let n = needs.start[k]!; n < needs.start[k + 1]!; n++) {
    const w = needs.words[n]!;
    if (!uw.exact.has(w) && (needs.exact[n] || !uw.stems.has(w))) return false;
  }
  return true;
}

export function bestPattern(u: Unit[], v: Verb, groupStart: number, lex: Lexicon): PatMatch | null {
  let best: PatMatch | null = null;
  const uw = unitWords(u);
  const patterns = v.form.patterns;
  const needs = needsOf(patterns);
  for (let k = 0; k < patterns.length; k++) {
    const p = patterns[k]!;
    if (!possible(needs, k, uw)) continue;
    const m = matchPattern(p, u, v, groupStart, lex);
    if (m && (!best || m.score > best.score || (m.score === best.score && m.gap < best.gap))) best = m;
  }
  return best;
}

export function patternNegates(p: Pattern): boolean {
  return p.pre.some((e) => (e.k === 'syn' && /NEG/.test(e.n)) || (e.k === 'w' && /^(NOT|NEVER|N'T|NO)$/.test(e.w)) || (e.k === 'phrase' && e.ws.some((w) => /^(NOT|NEVER|N'T)$/.test(w) || /NEG/.test(w))));
}

export function patternText(p: Pattern): string {
  const el = (e: PatElem): string => (e.k === 'w' ? e.w : e.k === 'phrase' ? `{${e.ws.join(' ')}}` : e.k === 'syn' ? e.n : e.k === 'src' ? '$' : e.k === 'tgt' ? '+' : '^');
  return [...p.pre.map(el), '*', ...p.post.map(el)].join(' ');
}
