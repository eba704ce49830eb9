/** Helpers about names, titles and capitals used by actor recognition. */
import type { AgentEntry, ActorEntry } from './dictionary.js';
import { countryOf } from './dictionary.js';
import type { Terminal, WordToken } from './trie.js';
import { GAP_STOP, INSTITUTION_WORDS, NAME_PARTICLES, NOT_NAMES } from './words.js';

/**
 * After a title ("Senator", "Prime Minister"), up to four capitalised words not in the dictionary are
 * the holder's name ("US Senator Marco Rubio"): the end of the extended mention, or `to` if none.
 */
/**
 * A title stated in the text ("President", "Senator", "former minister") decides the sector of a
 * known person over the dictionary's dated roles, which may be stale or missing.
 */
export function withTitle(personCode: string, title: AgentEntry): string {
  const c = countryOf(personCode);
  if (!c || title.prefix || title.code === 'UNK') return personCode;
  return c + title.code;
}

/** Text written without capitals (chat, some scrapes): fewer than 1 word in 200 starts with one. */
export function isLowerCaseText(words: readonly WordToken[]): boolean {
  if (words.length < 50) return false;
  let caps = 0;
  for (const w of words) if (/^\p{Lu}/u.test(w.text)) caps++;
  return caps * 200 < words.length;
}

/** Headline case around words[from, to): mostly capitalised, function words included ("Says", "Of"). */
export function isHeadline(words: readonly WordToken[], from: number, to: number): boolean {
  let caps = 0;
  let n = 0;
  let cappedFunctionWord = false;
  for (let k = Math.max(0, from - 5); k < Math.min(words.length, to + 5); k++, n++) {
    if (!/^\p{Lu}/u.test(words[k]!.text)) continue;
    caps++;
    if (k > 0 && k !== from - 5 && GAP_STOP.has(words[k]!.key) && !words[k]!.barrier) cappedFunctionWord = true;
  }
  return n >= 4 && caps / n >= 0.75 && cappedFunctionWord;
}

/** Characters per chunk in find(); a chunk ends at a newline, else a sentence end, else a space. */
export const CHUNK = 200_000;

export function chunkEnd(text: string, start: number, end: number): number {
  if (end - start <= CHUNK) return end;
  const limit = start + CHUNK;
  for (const sep of ['\n', '. ', ' ']) {
    const i = text.lastIndexOf(sep, limit);
    if (i > start + CHUNK / 2) return i + sep.length;
  }
  // Never split a surrogate pair.
  const c = text.charCodeAt(limit - 1);
  return c >= 0xd800 && c <= 0xdbff ? limit - 1 : limit;
}

export function personAfter(words: readonly WordToken[], to: number, limit: number): number {
  if (isHeadline(words, to - 1, to + 1)) return to; // "Senator Supports ...": capitals say nothing
  let j = to;
  while (j < words.length && j < limit && j - to < 4) {
    const w = words[j]!;
    if (w.barrier || NOT_NAMES.has(w.key) || GAP_STOP.has(w.key) || (j === to && INSTITUTION_WORDS.has(w.key))) break;
    if (!(/^\p{Lu}/u.test(w.text) || (j > to && NAME_PARTICLES.has(w.key)))) break;
    j++;
  }
  return j;
}

/** Among entries for one phrase the first loaded wins: hand-written files load before generated ones. */
export function pickEntry(terminals: Terminal<ActorEntry>[]): ActorEntry {
  return terminals[0]!.value;
}

export function titleCase(s: string): string {
  const small = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'de', 'al', 'la', 'le', 'del', 'da', 'to']);
  return s
    .toLowerCase()
    .split(' ')
    .map((w, i) => (i > 0 && small.has(w) ? w : w.replace(/(^|[-.'])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase())))
    .join(' ');
}
