/**
 * Step 5: factivity — whether the text endorses, reports, doubts or rejects an event, and which
 * word says so. Cues are data (data/factivity.tsv, each with its source). Scare quotes (a short
 * quoted phrase that is not a quotation of speech) mark the phrase as someone else's framing: the
 * author doubts it, and the actor in the clause outside the quotes is taken as its framer.
 */
import { readFileSync } from 'node:fs';
import type { Attribution } from './types.js';
import type { Unit } from './units.js';
import { clauseSubject } from './stance.js';

export type FactivityValue = 'endorsed' | 'reported' | 'doubted' | 'rejected';

export interface Factivity {
  value: FactivityValue;
  /** The word(s) that make it doubted or rejected ("lied", "so-called", the scare quotes). */
  cue: string | null;
  /** Whose framing a scare-quoted event is (actor code), when the text names them. */
  framedBy: string | null;
}

interface Cue {
  words: string[];
  effect: 'rejected' | 'doubted';
  adjacent: boolean;
}

export function parseFactivity(tsv: string): Map<string, Cue[]> {
  const out = new Map<string, Cue[]>();
  for (const line of tsv.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [words, effect, scope, source] = line.split('\t');
    if (!words || !source || (effect !== 'rejected' && effect !== 'doubted') || (scope !== 'before' && scope !== 'adjacent')) throw new Error(`factivity.tsv: bad line "${line.slice(0, 60)}"`);
    const ws = words.split(' ');
    for (const first of ws[0]!.split('|')) {
      const cue: Cue = { words: [first, ...ws.slice(1)], effect, adjacent: scope === 'adjacent' };
      out.set(first, [...(out.get(first) ?? []), cue]);
    }
  }
  return out;
}

let shipped: Map<string, Cue[]> | undefined;
const cues = (): Map<string, Cue[]> => (shipped ??= parseFactivity(readFileSync(new URL('../data/factivity.tsv', import.meta.url), 'utf8')));

/** Longest quoted phrase (in units) still read as scare quotes rather than quoted speech. */
const SCARE_MAX = 6;

/** The quoted run [a, b) around unit k, or null when k is not inside quotes. */
function quoteRun(u: readonly Unit[], k: number): [number, number] | null {
  if (!u[k]?.inQuote) return null;
  let a = k;
  while (a > 0 && u[a - 1]!.inQuote && k - a < 40) a--;
  let b = k + 1;
  while (b < u.length && u[b]!.inQuote && b - k < 40) b++;
  return [a, b];
}

/**
 * Factivity of the event whose trigger is unit `at` (mentions at `src`, `tgt`). `attr` is its
 * attribution (author or a quoted/reported source).
 */
export function factivityOf(u: readonly Unit[], at: number, src: number, tgt: number, attr: Attribution, text: string, stance = false): Factivity {
  const table = cues();
  // Rejection or doubt: a cue before the trigger in the sentence (adjacent cues within 3 units).
  let found: { effect: 'rejected' | 'doubted'; cue: string } | null = null;
  const first = Math.min(at, src >= 0 ? src : at, tgt >= 0 ? tgt : at);
  for (let k = 0; k < at && k < u.length; k++) {
    const x = u[k]!;
    if (x.kind !== 'W') continue;
    const list = table.get(x.low);
    if (!list) continue;
    for (const c of list) {
      let ok = true;
      for (let q = 1; q < c.words.length && ok; q++) ok = u[k + q]?.low === c.words[q];
      if (!ok) continue;
      if (c.adjacent && (first - k > 4 || k + c.words.length > first + 1)) continue;
      // Rejection outranks doubt.
      if (!found || (c.effect === 'rejected' && found.effect === 'doubted')) found = { effect: c.effect, cue: text.slice(x.s, u[k + c.words.length - 1]!.e) };
    }
  }
  if (found?.effect === 'rejected') return { value: 'rejected', cue: found.cue, framedBy: null };
  // A stance ("their so-called anti-Y front"): quotes and "so-called" mock the label, not the attitude.
  if (stance) return { value: attr.kind === 'reported' ? 'reported' : 'endorsed', cue: null, framedBy: null };
  // Scare quotes: the trigger inside a short quoted phrase that no reporting verb introduces.
  const run = quoteRun(u, at);
  if (run && attr.kind !== 'reported' && run[1] - run[0] <= SCARE_MAX + 2) {
    const framer = framerBefore(u, run[0]);
    return { value: 'doubted', cue: text.slice(u[run[0]]!.s, u[run[1] - 1]!.e), framedBy: framer };
  }
  if (found) return { value: 'doubted', cue: found.cue, framedBy: null };
  return { value: attr.kind === 'author' ? 'endorsed' : 'reported', cue: null, framedBy: null };
}

/** The actor whose words scare quotes mark: the subject of the clause that contains them. */
function framerBefore(u: readonly Unit[], quoteStart: number): string | null {
  const k = clauseSubject(u, quoteStart);
  return k >= 0 ? u[k]!.actor!.code : null;
}
