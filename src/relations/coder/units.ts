/** Step 1: a sentence as units — actor mentions become single units, the rest is tokenized. */
import { tokenize } from '../../core/tokens.js';
import type { Pattern } from '../verbdict.js';
import { type Mention } from './types.js';
import { CLOSE_Q, OPEN_Q } from './words.js';

/** Units examined per sentence; longer sentences are coded on their first MAX_UNITS units. */
export const MAX_UNITS = 400;

/** How far (in units) patterns and object search look to the right of a verb. */
export const WINDOW = 14;

export type Kind = 'A' | 'W' | 'P';

export interface Unit {
  s: number;
  e: number;
  up: string;
  low: string;
  kind: Kind;
  actor: Mention | null;
  poss: boolean;
  inQuote: boolean;
  /** For mentions: their words, so dictionary patterns still see them ("security forces"). */
  words?: string[];
}

export const ADJ_LIKE = /(?:ed|al|ive|ous|ful|ic|ary|ern|ese|ish|ian|an|ing|ent|ant|ly|-[a-z]+)$/;

/** A recognised actor with a country or organisation code (not a bare agent such as "officials"). */
export const isActor = (x: Unit | undefined): boolean => !!x && x.kind === 'A' && !x.up.startsWith('---');

export const isAgent = (x: Unit | undefined): boolean => !!x && x.kind === 'A' && x.up.startsWith('---');

export const stripPoss = (s: string): string => s.replace(/['’]s$/i, '');

/** Turn a sentence into units: actor mentions become single units, the text between them is tokenized. */
export function units(text: string, start: number, end: number, mentions: readonly Mention[]): Unit[] {
  const out: Unit[] = [];
  const quote = { on: false };
  let pos = start;
  for (const m of mentions) {
    if (out.length >= MAX_UNITS) return out;
    if (m.start < pos) continue;
    wordUnits(text, pos, m.start, out, quote);
    // The mention's own words stay visible to patterns ("strengthened its forces in Lebanon").
    const words = text.slice(m.start, m.end).toUpperCase().split(/[^\p{L}\p{N}'-]+/u).filter(Boolean);
    out.push({ s: m.start, e: m.end, up: m.code, low: m.code, kind: 'A', actor: m, poss: false, inQuote: quote.on, words });
    pos = m.end;
  }
  wordUnits(text, pos, end, out, quote);
  return out.length > MAX_UNITS ? out.slice(0, MAX_UNITS) : out;
}

export function wordUnits(text: string, from: number, to: number, out: Unit[], quote: { on: boolean }): void {
  if (to <= from) return;
  const toks = tokenize(text, from, to);
  for (let i = 0; i < toks.length && out.length < MAX_UNITS; i++) {
    const t = toks[i]!;
    if (!t.word) {
      const c = t.text;
      if (c === "'" || c === '’') {
        // "n't", "'s" and friends arrive as apostrophe + word; possessive marks the previous unit.
        const n = toks[i + 1];
        if (n && n.start === t.end && ['s', 't', 'll', 're', 've', 'd'].includes(n.norm)) {
          if (out.length && n.norm === 's' && t.start === out[out.length - 1]!.e) out[out.length - 1]!.poss = true;
          else out.push({ s: t.start, e: n.end, up: "'" + n.norm.toUpperCase(), low: "'" + n.norm, kind: 'W', actor: null, poss: false, inQuote: quote.on });
          i++;
          continue;
        }
      }
      // "4,000": a comma between digits is part of the number.
      if (c === ',' && out.length && /^\d+$/.test(out[out.length - 1]!.low) && out[out.length - 1]!.e === t.start && toks[i + 1] && toks[i + 1]!.start === t.end && /^\d/.test(toks[i + 1]!.text)) continue;
      // "U.S." : the dictionary matched "U.S"; its final dot is not a sentence end.
      if (c === '.' && out.length && out[out.length - 1]!.kind === 'A' && out[out.length - 1]!.e === t.start && i + 1 < toks.length) continue;
      if (OPEN_Q.has(c) && !quote.on && c !== '’') quote.on = true;
      else if (CLOSE_Q.has(c) && quote.on && c !== '‘') quote.on = false;
      out.push({ s: t.start, e: t.end, up: c, low: c, kind: 'P', actor: null, poss: false, inQuote: quote.on });
      continue;
    }
    let low = t.norm;
    let poss = false;
    if (/'s$/.test(low) && low.length > 2) {
      low = stripPoss(low);
      poss = true;
    }
    if (low.endsWith("n't") && low.length > 3) {
      // Treebank style, as PETRARCH patterns expect: "wo n't", "ca n't", "did n't".
      const base = low.slice(0, -3);
      out.push({ s: t.start, e: t.end - 3, up: base.toUpperCase(), low: base, kind: 'W', actor: null, poss: false, inQuote: quote.on });
      out.push({ s: t.end - 3, e: t.end, up: "N'T", low: "n't", kind: 'W', actor: null, poss: false, inQuote: quote.on });
      continue;
    }
    out.push({ s: t.start, e: t.end, up: low.toUpperCase(), low, kind: 'W', actor: null, poss, inQuote: quote.on });
  }
}

/** Pattern word vs. token: exact, or the token extends the pattern stem by a short ending. */
export function wordMatch(w: string, exact: boolean, up: string): boolean {
  if (up === w) return true;
  if (exact) return false;
  return up.length > w.length && up.length - w.length <= 3 && up.startsWith(w);
}
