/**
 * Step after context: a person found by a title and a full name ("Senator Jane Doakes") is named
 * later by the surname alone ("Doakes said"). The surname links only to a person named in full
 * earlier in the same text — the latest one with that surname — and never to anyone else.
 */
import type { ActorMatch } from './dictionary.js';
import type { WordToken } from './trie.js';
import { COMMON_SURNAME_WORDS, GAP_STOP, NOT_NAMES } from './words.js';

/** Marks a surname two people named in full share. */
const AMBIGUOUS = { name: '' } as ActorMatch;
const cap = (w: WordToken | undefined): boolean => !!w && /^\p{Lu}/u.test(w.text);
const surnameKey = (w: WordToken): string => w.key.replace(/'s?$/, '');

/**
 * Adds alias mentions to `matches` (sorted, of the words `words`); `seen` carries surname → person
 * across the chunks of one text. Linear: one walk over words and matches together.
 */
export function linkSurnames(words: readonly WordToken[], matches: ActorMatch[], seen: Map<string, ActorMatch>): ActorMatch[] {
  let added: ActorMatch[] | null = null;
  let replaced: Map<number, ActorMatch> | null = null;
  let k = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    while (k < matches.length && matches[k]!.end <= w.start) {
      const m = matches[k]!;
      // "President Holland ... Holland agreed": a one-word state or place name that is the surname
      // of a person named earlier (and not glued to another name) is that person.
      if (m.type === 'state' && (m.via === 'place' || m.via === 'name') && /^\p{Lu}[\p{L}'’-]*$/u.test(m.name) && wordAt(words, i, m)) {
        const p = seen.get(surnameKey(wordAt(words, i, m)!));
        if (p && p !== AMBIGUOUS) (replaced ??= new Map()).set(k, { ...p, start: m.start, end: m.end, via: 'alias', confidence: 0.75 });
      }
      // A person a title introduced with a name of two or more words: remember the surname.
      if (m.via === 'title' && (m.type === 'person' || m.type === 'leader') && m.name.split(' ').filter((w) => /^\p{Lu}/u.test(w)).length >= 2) {
        const last = lastWordIn(words, i, m);
        if (last) {
          const s = surnameKey(last);
          // Two people of one surname in the text: the surname alone names neither.
          const had = seen.get(s);
          if (s.length > 2 && !NOT_NAMES.has(s) && !GAP_STOP.has(s) && !COMMON_SURNAME_WORDS.has(s)) seen.set(s, had && had.name !== m.name ? AMBIGUOUS : m);
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
    if (!p || p === AMBIGUOUS || (next && !next.barrier && cap(next)) || (prev && !w.barrier && cap(prev) && !NOT_NAMES.has(prev.key) && !GAP_STOP.has(prev.key))) continue;
    let end = w.end;
    if (/['’]s$/.test(w.text)) end -= 2;
    (added ??= []).push({ ...p, start: w.start, end, via: 'alias', confidence: 0.75 });
  }
  const base = replaced ? matches.map((m, j) => replaced!.get(j) ?? m) : matches;
  return added ? [...base, ...added].sort((a, b) => a.start - b.start) : base;
}

/** The single word match m covers (the words before index i hold it), or null. */
function wordAt(words: readonly WordToken[], i: number, m: ActorMatch): WordToken | null {
  const w = words[i - 1];
  return w && w.start === m.start && w.end >= m.end && w.end <= m.end + 2 ? w : null;
}

/** The last capitalised word of match m (the words before index i hold it). */
function lastWordIn(words: readonly WordToken[], i: number, m: ActorMatch): WordToken | null {
  for (let j = i - 1; j >= 0 && words[j]!.start >= m.start; j--) if (words[j]!.end <= m.end + 2 && cap(words[j])) return words[j]!;
  return null;
}
