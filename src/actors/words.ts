/** Word lists of actor recognition, loaded from data/actor-words.json (each list with its source there). */
import { readFileSync } from 'node:fs';

interface WordList { about: string; source: string; words: string[] }
const FILE = JSON.parse(readFileSync(new URL('./data/actor-words.json', import.meta.url), 'utf8')) as Record<string, WordList>;
function list(name: string): string[] {
  const l = FILE[name];
  if (!l) throw new Error(`actor-words.json: no list ${name}`);
  return l.words;
}

export const FORMER = new Set(list('FORMER'));
export const LOCATIVE = new Set(list('LOCATIVE'));
export const NAME_PARTICLES = new Set(list('NAME_PARTICLES'));
export const TITLE_SECTORS = new Set(list('TITLE_SECTORS'));
export const PROXY_WORDS = new Set(list('PROXY_WORDS'));
export const RELIGION_SECTORS = new Set(list('RELIGION_SECTORS'));
export const CLERGY = new Set(list('CLERGY'));
export const INSTITUTION_WORDS = new Set(list('INSTITUTION_WORDS'));
export const ORGANISATION_WORDS = new Set(list('ORGANISATION_WORDS'));
export const COMMON_SURNAME_WORDS = new Set(list('COMMON_SURNAME_WORDS'));
export const WEAK_AGENTS = new Set(list('WEAK_AGENTS'));
export const GAP_STOP = new Set(list('GAP_STOP'));
export const NOT_NAMES = new Set(list('NOT_NAMES'));
