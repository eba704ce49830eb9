/**
 * Step after context: a person found by a title and a full name ("Senator Jane Doakes") is named
 * later by the surname alone ("Doakes said"). The surname links only to a person named in full
 * earlier in the same text — the latest one with that surname — and never to anyone else.
 */
import type { ActorMatch } from './dictionary.js';
import type { WordToken } from './trie.js';
import { COMMON_SURNAME_WORDS, GAP_STOP, NOT_NAMES } from './words.js';

const cap = (w: WordToken | undefined): boolean => !!w && /^\p{Lu}/u.test(w.text);
const surnameKey = (w: WordToken): string => w.key.replace(/'s?$/, '');

/**
 * Adds alias mentions to `matches` (sorted, of the words `words`); `seen` carries surname → person
 * across the chunks of one text. Linear: one walk over words and matches together.
 */
export function linkSurnames(words: readonly WordToken[], matches: ActorMatch[], seen: Map<string, ActorMatch>): ActorMatch[] {
  let added: ActorMatch[] | null = null;
  let k = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    while (k < matches.length && matches[k]!.end <= w.start) {
      const m = matches[k]!;
      // A person a title introduced with a name of two or more words: remember the surname.
      if (m.via === 'title' && (m.type === 'person' || m.type === 'leader') && / \p{Lu}\S* \p{Lu}/u.test(' ' + m.name.replace(/^\S+ /, ''))) {
        const last = lastWordIn(words, i, m);
        if (last) {
          const s = surnameKey(last);
          if (s.length > 2 && !NOT_NAMES.has(s) && !GAP_STOP.has(s) && !COMMON_SURNAME_WORDS.has(s)) seen.set(s, m);
        }
      }
      k++;
    }
    const inMatch = k < matches.length && matches[k]!.start <= w.start;
    if (inMatch || !cap(w) || !seen.size) continue;
    const p = seen.get(surnameKey(w));
    // The surname alone: not glued to another capitalised word ("Doakes Foundation", "Anna Doakes").
    const next = words[i + 1];
    const prev = words[i - 1];
    if (!p || (next && !next.barrier && cap(next)) || (prev && !w.barrier && cap(prev) && !NOT_NAMES.has(prev.key) && !GAP_STOP.has(prev.key))) continue;
    let end = w.end;
    if (/['’]s$/.test(w.text)) end -= 2;
    (added ??= []).push({ ...p, start: w.start, end, via: 'alias', confidence: 0.75 });
  }
  return added ? [...matches, ...added].sort((a, b) => a.start - b.start) : matches;
}

/** The last capitalised word of match m (the words before index i hold it). */
function lastWordIn(words: readonly WordToken[], i: number, m: ActorMatch): WordToken | null {
  for (let j = i - 1; j >= 0 && words[j]!.start >= m.start; j--) if (words[j]!.end <= m.end + 2 && cap(words[j])) return words[j]!;
  return null;
}
