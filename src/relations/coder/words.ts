/** Word lists of the coder, loaded from data/coder-words.json (each list with its source there). */
import { readFileSync } from 'node:fs';

interface WordList { about: string; source: string; words: string[] }
const FILE = JSON.parse(readFileSync(new URL('../data/coder-words.json', import.meta.url), 'utf8')) as Record<string, WordList>;
function list(name: string): string[] {
  const l = FILE[name];
  if (!l) throw new Error(`coder-words.json: no list ${name}`);
  return l.words;
}
/** The raw lists by name (LIGHT_VERBS, ...). */
export const WORDS: Record<string, string[]> = Object.fromEntries(Object.keys(FILE).map((k) => [k, list(k)]));

export const DET = new Set(list('DET'));
export const PREP = new Set(list('PREP'));
export const LOCATIVE = new Set(list('LOCATIVE'));
export const BE = new Set(list('BE'));
export const HAVE = new Set(list('HAVE'));
export const DO = new Set(list('DO'));
export const FUTURE = new Set(list('FUTURE'));
export const HYPO = new Set(list('HYPO'));
export const NEG = new Set(list('NEG'));
export const CLAUSE = new Set(list('CLAUSE'));
export const CONJ = new Set(list('CONJ'));
export const PLACE_NOUN = new Set(list('PLACE_NOUN'));
export const PLAIN_ADJ = new Set(list('PLAIN_ADJ'));
export const CLOSED = new Set(list('CLOSED'));
export const IF = new Set(list('IF'));
export const NOUN_DETERMINERS = new Set(list('NOUN_DETERMINERS'));
export const REPORT = new Set(list('REPORT'));
export const INTENT = new Set(list('INTENT'));
export const READY = new Set(list('READY'));
export const OPEN_Q = new Set(list('OPEN_Q'));
export const CLOSE_Q = new Set(list('CLOSE_Q'));
export const SUBJ_PRON = new Set(list('SUBJ_PRON'));
export const PLACE_PREP = new Set(list('PLACE_PREP'));
export const TOPIC = new Set(list('TOPIC'));
export const DEMAND_DET = new Set(list('DEMAND_DET'));
export const DEMAND_REPORT = new Set(list('DEMAND_REPORT'));
