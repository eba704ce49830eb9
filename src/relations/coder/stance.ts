/**
 * Step 4c: stance and portrayal relations — how one actor stands towards another, stated rather
 * than done: "X's anti-Y front", "the so-called Y threat" as X frames it, "X is hostile to Y",
 * "Y is X's enemy", "X and Y are rivals". Signed relations of their own kind (via 'stance'):
 * hostile as CAMEO 110 (disapprove), friendly as 050 (diplomatic cooperation), for the graph's
 * sign and weight; they are not events and are left out of event scoring. Words: data/stance.tsv.
 */
import { readFileSync } from 'node:fs';
import { codeInfo } from '../lexicon.js';
import { attribution } from './attribution.js';
import type { CodedEvent } from './types.js';
import { type Unit, isActor } from './units.js';
import { BE, CLAUSE, CONJ, LOCATIVE, PREP } from './words.js';

interface StanceWord {
  sign: 1 | -1;
  kind: 'adj' | 'noun' | 'prefix' | 'threat' | 'against' | 'mutual';
}

export function parseStance(tsv: string): Map<string, StanceWord> {
  const out = new Map<string, StanceWord>();
  for (const line of tsv.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [word, sign, kind, source] = line.split('\t');
    if (!word || !source || (sign !== '1' && sign !== '-1') || !['adj', 'noun', 'prefix', 'threat', 'against', 'mutual'].includes(kind ?? '')) throw new Error(`stance.tsv: bad line "${line.slice(0, 60)}"`);
    out.set(word, { sign: sign === '1' ? 1 : -1, kind: kind as StanceWord['kind'] });
  }
  return out;
}

let shipped: Map<string, StanceWord> | undefined;
const words = (): Map<string, StanceWord> => (shipped ??= parseStance(readFileSync(new URL('../data/stance.tsv', import.meta.url), 'utf8')));

const SO_CALLED = new Set(['so-called', 'so', 'called', 'alleged', 'supposed', 'the', 'a', '“', '"', '‘', '«']);

/** The subject actor of the sentence: the first actor not inside a prepositional phrase. */
function sentenceSubject(u: readonly Unit[], before: number): number {
  for (let k = 0; k < before; k++) {
    const x = u[k]!;
    if (!isActor(x)) continue;
    const p = u[k - 1];
    if (p && p.kind === 'W' && (PREP.has(p.low) || LOCATIVE.has(p.low))) continue;
    return k;
  }
  return -1;
}

/**
 * The subject of the clause containing unit k: the first actor after the clause's start (a
 * subordinator, ';', ':' or ',') that is not inside a prepositional phrase; else the sentence's.
 */
export function clauseSubject(u: readonly Unit[], k: number): number {
  let start = 0;
  for (let q = k - 1; q >= 0 && k - q < 40; q--) {
    const x = u[q]!;
    if ((x.kind === 'P' && (x.up === ',' || x.up === ';' || x.up === ':')) || (x.kind === 'W' && CLAUSE.has(x.low))) {
      start = q + 1;
      break;
    }
  }
  for (let q = start; q < k; q++) {
    const x = u[q]!;
    if (!isActor(x)) continue;
    const p = u[q - 1];
    if (p && p.kind === 'W' && (PREP.has(p.low) || LOCATIVE.has(p.low))) continue;
    return q;
  }
  return sentenceSubject(u, k);
}

/** The holder of a stance written as a possessive before unit k: "X's", or "its/their" → the subject. */
function possessor(u: readonly Unit[], k: number): number {
  for (let q = k - 1, s = 0; q >= 0 && s < 5; q--, s++) {
    const x = u[q]!;
    if (isActor(x) && x.poss) return q;
    if (x.kind === 'W' && (x.low === 'their' || x.low === 'its')) return clauseSubject(u, q);
    if (!(x.kind === 'P' || SO_CALLED.has(x.low) || /^[a-z-]+$/.test(x.low))) break;
    if (isActor(x)) break;
  }
  return -1;
}

export function codeStance(u: readonly Unit[], text: string, push: (e: CodedEvent) => void): void {
  const table = words();
  for (let k = 0; k < u.length; k++) {
    const x = u[k]!;
    if (x.kind !== 'W') continue;
    const w = table.get(x.low.endsWith('-') ? x.low.slice(0, -1) : x.low);
    if (!w) continue;
    const pairs: Array<[number, number, boolean]> = []; // holder, object, mutual
    const glued = x.low.endsWith('-') && isActor(u[k + 1]) && u[k + 1]!.s === x.e ? k + 1 : u[k + 1]?.up === '-' && isActor(u[k + 2]) && u[k + 2]!.s === u[k + 1]!.e ? k + 2 : -1;
    if (w.kind === 'prefix') {
      // "X's anti-Y front", "their so-called anti-Y front", "the pro-Y camp in X" (holder unknown: skipped).
      const h = glued >= 0 ? possessor(u, k) : -1;
      if (h >= 0) pairs.push([h, glued, false]);
    } else if (w.kind === 'threat' && isActor(u[k - 1]) && !u[k - 1]!.poss) {
      // "the (so-called) Y threat": Y framed as a threat by the clause's subject.
      const y = k - 1;
      const h = clauseSubject(u, y);
      if (h >= 0 && h !== y) pairs.push([h, y, false]);
    } else if (w.kind === 'against') {
      // "X's (grand) coalition against Y", "their front against Y"
      const to = u[k + 1]?.kind === 'P' ? k + 2 : k + 1; // a closing quote may stand between
      if (u[to]?.low === 'against') {
        const y = isActor(u[to + 1]) ? to + 1 : u[to + 1]?.low === 'the' && isActor(u[to + 2]) ? to + 2 : -1;
        const h = y >= 0 ? possessor(u, k) : -1;
        if (h >= 0) pairs.push([h, y, false]);
      }
    } else if (w.kind === 'mutual') {
      // "X and Y (have) stood in opposing camps", "X and Y are on opposite sides"
      let a = -1;
      for (let q = k - 1, s = 0; q >= 1 && s < 8; q--, s++) {
        const y = u[q]!;
        if (isActor(y) && CONJ.has(u[q - 1]?.low ?? '') && isActor(u[q - 2])) {
          a = q;
          break;
        }
        if (y.kind === 'P' || isActor(y)) break;
      }
      if (a >= 0) pairs.push([a - 2, a, true]);
    } else if (w.kind === 'adj') {
      // "X is/remains (deeply) hostile to/towards Y"
      let q = k - 1;
      while (q >= 0 && k - q <= 3 && u[q]!.kind === 'W' && /ly$|^(very|so|too|increasingly|openly|more|most)$/.test(u[q]!.low)) q--;
      const cop = u[q];
      const to = u[k + 1]?.low;
      if (cop && cop.kind === 'W' && (BE.has(cop.low) || cop.low === 'remain' || cop.low === 'remains' || cop.low === 'remained') && (to === 'to' || to === 'towards' || to === 'toward') && isActor(u[k + 2])) {
        const h = isActor(u[q - 1]) ? q - 1 : -1;
        if (h >= 0) pairs.push([h, k + 2, false]);
      }
    } else if (w.kind === 'noun') {
      if (isActor(u[k - 1]) && u[k - 1]!.poss) {
        // "Y is X's enemy" / "X's ally Y"
        const h = k - 1;
        if (isActor(u[k + 1])) pairs.push([h, k + 1, false]);
        else {
          let q = h - 1;
          while (q >= 0 && h - q <= 3 && u[q]!.kind === 'W' && /^(a|an|the|main|chief|key|closest|biggest|greatest|old|sworn|natural|strategic)$/.test(u[q]!.low)) q--;
          if (u[q] && BE.has(u[q]!.low) && isActor(u[q - 1])) pairs.push([h, q - 1, false]);
        }
      } else {
        // "X and Y are (old) enemies / rivals"
        let q = k - 1;
        while (q >= 0 && k - q <= 3 && u[q]!.kind === 'W' && /^(old|bitter|sworn|natural|strategic|close|regional|historical|long-time|longtime)$/.test(u[q]!.low)) q--;
        if (u[q] && BE.has(u[q]!.low) && isActor(u[q - 1]) && u[q - 2]?.low === 'and' && isActor(u[q - 3])) pairs.push([q - 3, q - 1, true]);
      }
    }
    if (pairs.length === 0) continue;
    const code = w.sign < 0 ? '110' : '050';
    const attr = attribution(u as Unit[], k, text);
    for (const [h, t, mutual] of pairs) {
      const hu = u[h]!;
      const tu = u[t]!;
      if (hu.actor!.code === tu.actor!.code) continue;
      push({
        source: hu.actor!.code,
        target: tu.actor!.code,
        code,
        info: codeInfo(code),
        trigger: { start: x.s, end: x.e },
        sourceMention: { start: hu.s, end: hu.e },
        targetMention: { start: tu.s, end: tu.e },
        negated: false,
        modality: 'asserted',
        attribution: attr,
        stance: 'characterisation',
        via: 'stance',
        lemma: x.low,
        pattern: null,
        symmetric: mutual,
      });
    }
  }
}
