/**
 * Step 2a: idioms and multi-word expressions (data/idioms.tsv, each with its dictionary source)
 * whose verb is not the event it looks like ("shot itself in the foot", "call the shots") or codes
 * something else ("pay tribute to" 051), and verbs inside proper names ("Washington Free Beacon").
 */
import { readFileSync } from 'node:fs';
import type { Unit } from './units.js';

interface Idiom {
  /** Per slot: the accepted lower-case words, or a special slot. */
  slots: Array<Set<string> | '<self>' | '<poss>' | '<any>'>;
  /** null: the words code no event; else the CAMEO code of the expression. */
  code: string | null;
  phrase: string;
}

const SELF = new Set(['itself', 'himself', 'herself', 'themselves', 'ourselves', 'myself', 'yourself', 'yourselves', 'oneself']);
const POSS = new Set(['its', 'his', 'her', 'their', 'our', 'my', 'your', "one's", 'the']);
/** Longest idiom in units: bounds the scan per unit. */
const MAX_LEN = 8;

/** Regular inflections of a verb's base form ("hit" → hits, hitting; "take" → takes, taking). */
function inflections(w: string): string[] {
  if (w.length < 3 || !/^[a-z]+$/.test(w)) return [w];
  const out = [w, w + 's', w + 'es', w + 'ed', w + 'd', w + 'ing'];
  if (w.endsWith('e')) out.push(w.slice(0, -1) + 'ing');
  if (w.endsWith('y')) out.push(w.slice(0, -1) + 'ies', w.slice(0, -1) + 'ied');
  if (/[^aeiou][aeiou][bdgmnprt]$/.test(w)) out.push(w + w.at(-1) + 'ing', w + w.at(-1) + 'ed');
  return out;
}

export function parseIdioms(tsv: string): Map<string, Idiom[]> {
  const byFirst = new Map<string, Idiom[]>();
  for (const line of tsv.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [phrase, code, source] = line.split('\t');
    if (!phrase || !code || !source) throw new Error(`idioms.tsv: bad line "${line.slice(0, 60)}" (phrase<TAB>code<TAB>source)`);
    const slots: Idiom['slots'] = phrase.split(' ').map((w, i) => (w === '<self>' || w === '<poss>' || w === '<any>' ? w : new Set(w.split('|').flatMap((a) => (i === 0 ? inflections(a) : [a])))));
    const idiom: Idiom = { slots, code: code === '-' ? null : code, phrase };
    const first = slots[0];
    if (!(first instanceof Set)) throw new Error(`idioms.tsv: "${phrase}" must start with a word`);
    for (const w of first) byFirst.set(w, [...(byFirst.get(w) ?? []), idiom]);
  }
  return byFirst;
}

let shipped: Map<string, Idiom[]> | undefined;
function idioms(): Map<string, Idiom[]> {
  return (shipped ??= parseIdioms(readFileSync(new URL('../data/idioms.tsv', import.meta.url), 'utf8')));
}

function slotMatch(slot: Idiom['slots'][number], x: Unit | undefined): boolean {
  if (!x) return false;
  if (slot === '<any>') return x.kind !== 'P';
  if (x.kind !== 'W') return false;
  if (slot === '<self>') return SELF.has(x.low);
  if (slot === '<poss>') return POSS.has(x.low) || x.poss;
  return slot.has(x.low);
}

/**
 * Per unit: undefined when no idiom covers it, null when an idiom says its words code nothing,
 * or the idiom's CAMEO code (on its first unit; the other units are null).
 */
export function idiomMarks(u: readonly Unit[]): Array<string | null | undefined> {
  const marks: Array<string | null | undefined> = new Array(u.length);
  const table = idioms();
  for (let i = 0; i < u.length; i++) {
    const x = u[i]!;
    if (x.kind !== 'W') continue;
    const cands = table.get(x.low);
    if (!cands) continue;
    let best: Idiom | null = null;
    for (const id of cands) {
      if (id.slots.length > MAX_LEN || (best && best.slots.length >= id.slots.length)) continue;
      let ok = true;
      for (let k = 1; k < id.slots.length && ok; k++) ok = slotMatch(id.slots[k]!, u[i + k]);
      if (ok) best = id;
    }
    if (!best) continue;
    // The first word carries the expression's code; the rest are no verbs of their own.
    marks[i] = best.code;
    for (let k = i + 1; k < i + best.slots.length && k < u.length; k++) marks[k] = null;
    i += best.slots.length - 1;
  }
  return marks;
}

const capital = (text: string, x: Unit): boolean => /^\p{Lu}/u.test(text.slice(x.s, x.s + 1));

/**
 * "the Washington Free Beacon", "Strike Force Alpha": a capitalised verb form inside a run of
 * capitalised words (or actor names) is part of a proper name. Title-case headlines, where every
 * word is capitalised, are left alone.
 */
export function inProperName(u: readonly Unit[], i: number, text: string, titleCase: boolean): boolean {
  const x = u[i]!;
  if (titleCase || !capital(text, x) || x.up === text.slice(x.s, x.e)) return false;
  const before = u[i - 1];
  const after = u[i + 1];
  // Sentence-initial verbs and verbs after an opening quote are capitalised for another reason.
  if (!before || before.kind === 'P') return false;
  const joined = (a: Unit, b: Unit): boolean => b.s - a.e <= 1;
  return (capital(text, before) && joined(before, x)) || (!!after && after.kind !== 'P' && capital(text, after) && joined(x, after));
}

/** True when most words of the sentence are capitalised (a title-case headline). */
export function isTitleCase(u: readonly Unit[], text: string): boolean {
  let words = 0;
  let caps = 0;
  for (const x of u) {
    if (x.kind !== 'W' || x.low.length < 4) continue;
    words++;
    if (capital(text, x)) caps++;
  }
  return words >= 3 && caps / words >= 0.6;
}
