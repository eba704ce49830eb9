/**
 * Word-level trie for dictionary phrases, and the tokenizer both sides share. One hash map holds
 * every edge (node id + word key → child id), so 60k phrases load in tens of milliseconds and a
 * lookup costs one map probe per word; matching a text is linear in its number of words.
 */

/** How a dictionary word must look in the text: 0 any case, 1 initial capital, 2 all capitals. */
export type CaseMode = 0 | 1 | 2;

/** What the last word of a phrase may do beyond matching exactly. */
export type LastMode = 'exact' | 'plural' | 'prefix';

export interface PatternWord {
  key: string;
  mode: CaseMode;
}

export interface Pattern {
  words: PatternWord[];
  last: LastMode;
}

export interface Terminal<T> {
  value: T;
  /** Case mode per word as digits ('012'); '' when every word may be in any case. */
  modes: string;
  last: LastMode;
}

/** Phrases of one first-word key in one data file: (start, end, line start) triples into source `source`. */
export interface LazyBlock {
  source: number;
  refs: readonly number[];
}

/** A word of the text as the matcher sees it. */
export interface WordToken {
  start: number;
  end: number;
  /** Original text of the word. */
  text: string;
  /** Folded key: lower case, no diacritics, ASCII apostrophe. */
  key: string;
  /** Punctuation other than hyphens/apostrophes between the previous word and this one: phrases never span it. */
  barrier: boolean;
  /** The punctuation right before this word ('' when only space). */
  before: string;
}

const WORD = /[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*|\S/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Lower-case, strip diacritics, fold the typographic apostrophe. */
export function foldKey(s: string): string {
  let k = s.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(k)) k = k.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'");
  return k;
}

/**
 * Words of text[start, end) with barrier flags. Hyphens split words ("China-Russia" → China, Russia)
 * and, like apostrophes, are not barriers; a '.' after an abbreviation ("U.S.", "W.") is not either.
 */
export function wordTokens(text: string, start = 0, end = text.length): WordToken[] {
  const out: WordToken[] = [];
  WORD.lastIndex = start;
  let m: RegExpExecArray | null;
  let barrier = false;
  let before = '';
  let prev: WordToken | null = null;
  while ((m = WORD.exec(text)) !== null) {
    if (m.index >= end) break;
    const t = m[0];
    if (!LETTER_OR_DIGIT.test(t[0]!)) {
      before += t;
      if (t === '-' || t === '‐' || t === '–' || t === "'" || t === '’' || t === '&' || t === '_') continue;
      if (t === '.' && prev && prev.end === m.index && (prev.text.includes('.') || prev.text.length === 1)) continue;
      barrier = true;
      continue;
    }
    const stop = Math.min(m.index + t.length, end);
    const s = text.slice(m.index, stop);
    // A blank line (paragraph break) separates as much as punctuation does.
    if (prev && !barrier && m.index - prev.end > 1 && /\n[^\S\n]*\n/.test(text.slice(prev.end, m.index))) barrier = true;
    prev = { start: m.index, end: stop, text: s, key: foldKey(s), barrier, before };
    out.push(prev);
    barrier = false;
    before = '';
  }
  return out;
}

/** Pattern from a phrase written in the data-file convention (see data/README in SOURCES.md). */
export function parsePattern(phrase: string): Pattern | null {
  let last: LastMode = 'exact';
  let p = phrase.trim();
  if (p.endsWith('~')) {
    last = 'plural';
    p = p.slice(0, -1);
  } else if (p.endsWith('*')) {
    last = 'prefix';
    p = p.slice(0, -1);
  }
  const words: PatternWord[] = [];
  if (SIMPLE_PHRASE.test(p)) {
    // Fast path for plain ASCII words (most of the data): same result as wordTokens.
    for (const w of p.split(' ')) if (w) words.push({ key: w.toLowerCase(), mode: asciiMode(w) });
  } else {
    for (const w of wordTokens(p)) words.push({ key: w.key, mode: caseModeOf(w.text) });
  }
  if (!words.length || words.length > MAX_WORDS) return null;
  return { words, last };
}

const SIMPLE_PHRASE = /^[A-Za-z ]+$/;

/** Folded key of a phrase's first word (same result as parsePattern's first word). */
export function firstKeyOf(phrase: string): string | null {
  const p = phrase.replace(/[~*]$/, '').trim();
  if (SIMPLE_PHRASE.test(p)) {
    const sp = p.indexOf(' ');
    return (sp < 0 ? p : p.slice(0, sp)).toLowerCase() || null;
  }
  return parsePattern(p)?.words[0]?.key ?? null;
}

/**
 * Folded key of the first word of the phrase text[start, end) — firstKeyOf(text.slice(start, end))
 * without copying the phrase when it is plain ASCII words (most of the data). Null for a stem
 * phrase (ending in '*'), which must go into the trie at once.
 */
export function firstKeyAt(text: string, start: number, end: number): string | null {
  let e = end;
  const last = text.charCodeAt(e - 1);
  if (last === 42 /* * */) return null;
  if (last === 126 /* ~ */) e--;
  let s = start;
  while (s < e && text.charCodeAt(s) === 32) s++;
  let sp = -1;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (sp < 0) sp = i;
    } else if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return firstKeyOf(text.slice(start, end));
  }
  if (s >= e) return null;
  return text.slice(s, sp < 0 ? e : sp).toLowerCase();
}

function asciiMode(w: string): CaseMode {
  const c = w.charCodeAt(0);
  if (c >= 97) return w === w.toLowerCase() ? 0 : caseModeOf(w);
  if (w.length >= 2 && w === w.toUpperCase()) return 2;
  return 1;
}

export function caseModeOf(word: string): CaseMode {
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (!letters) return 0;
  if (letters === letters.toLowerCase()) return 0;
  if (letters.length >= 2 && letters === letters.toUpperCase()) return 2;
  return 1;
}

/** Longest phrase, in words, the trie accepts (longer dictionary names are skipped). */
export const MAX_WORDS = 12;
/** Shortest stem a prefix ('*') phrase may end with. */
const MIN_PREFIX = 3;

export interface TrieMatch<T> {
  /** Indices into the word array, end exclusive. */
  from: number;
  to: number;
  terminals: Terminal<T>[];
}

export class PhraseTrie<T> {
  /** Children of each node by word key, and (for stem phrases) by word prefix: no key strings built per lookup. */
  private readonly children: Array<Map<string, number> | undefined> = [];
  private readonly prefixChildren: Array<Map<string, number> | undefined> = [];
  private readonly terminals = new Map<number, Terminal<T>[]>();
  /** Nodes that have prefix edges (only TABARI stem phrases make them). */
  private readonly prefixNodes = new Set<number>();
  private nodes = 1;
  size = 0;

  /**
   * Phrases not yet in the trie, by first-word key: built on first use, so loading stays fast. An
   * item is a phrase and its value, or a number the owner's `resolveRef` turns into both. Items of
   * one key form a chain (the key's last item, then each item's predecessor), so that queueing a
   * large data file allocates nothing per phrase but its key.
   */
  private readonly pendingLast = new Map<string, number>();
  private readonly pendingPrev: number[] = [];
  private readonly pendingItems: Array<[string, T] | number | LazyBlock> = [];

  constructor(
    private readonly resolveRef?: (ref: number) => [string, T] | null,
    /** Turns a block (all phrases of one key in one data file) into phrases and values, in order. */
    private readonly resolveBlock?: (block: LazyBlock) => Array<[string, T]>,
  ) {}

  /** Queue every phrase of one key of a data file at once (see LazyBlock). */
  addLazyBlock(key: string, block: LazyBlock): void {
    this.queue(key, block);
    this.size += block.refs.length / 3 - 1; // queue counted one
  }

  /**
   * Queue a phrase (data-file convention) to be parsed and inserted when a text first contains its
   * first word. Returns false for phrases that must be inserted now (stems).
   */
  addLazy(phrase: string, value: T): boolean {
    if (phrase.endsWith('*')) return false;
    const key = firstKeyOf(phrase);
    if (!key) return false;
    this.queue(key, [phrase, value]);
    return true;
  }

  /** Queue a phrase by reference, under the folded key of its first word (see firstKeyAt). */
  addLazyRef(key: string, ref: number): void {
    this.queue(key, ref);
  }

  private queue(key: string, item: [string, T] | number | LazyBlock): void {
    this.pendingPrev.push(this.pendingLast.get(key) ?? -1);
    this.pendingLast.set(key, this.pendingItems.length);
    this.pendingItems.push(item);
    this.size++;
  }

  /** A key that starts a phrase, queued or in the trie (most words of a text start none). */
  private startsPhrase(key: string): boolean {
    return this.pendingLast.has(key) || this.children[0]?.has(key) === true;
  }

  private materialize(key: string): void {
    let id = this.pendingLast.get(key);
    if (id === undefined) return;
    this.pendingLast.delete(key);
    const chain: number[] = [];
    for (; id >= 0; id = this.pendingPrev[id]!) chain.push(id);
    for (let c = chain.length - 1; c >= 0; c--) {
      const item = this.pendingItems[chain[c]!]!;
      this.pendingItems[chain[c]!] = -1; // let the phrase and value go
      const list = typeof item === 'number' ? [this.resolveRef?.(item)] : Array.isArray(item) ? [item] : (this.resolveBlock?.(item) ?? []);
      for (const pv of list) {
        if (!pv) continue;
        const [phrase, value] = pv;
        const p = parsePattern(phrase);
        if (p) {
          this.add(p, value);
          this.size--; // counted when queued
        }
      }
    }
  }

  add(pattern: Pattern, value: T): void {
    let node = 0;
    const n = pattern.words.length;
    for (let i = 0; i < n; i++) {
      const prefix = i === n - 1 && pattern.last === 'prefix';
      const key = pattern.words[i]!.key;
      const map = prefix ? (this.prefixChildren[node] ??= new Map()) : (this.children[node] ??= new Map());
      let child = map.get(key);
      if (child === undefined) {
        child = this.nodes++;
        map.set(key, child);
      }
      if (prefix) this.prefixNodes.add(node);
      node = child;
    }
    let list = this.terminals.get(node);
    if (!list) this.terminals.set(node, (list = []));
    let modes = '';
    for (const w of pattern.words) modes += w.mode;
    list.push({ value, modes: /^0*$/.test(modes) ? '' : modes, last: pattern.last });
    this.size++;
  }

  /**
   * The longest phrase starting at word `i` whose case rules and last-word rules hold; null if none.
   * `accept` filters terminals (e.g. by date or kind) before length is compared.
   */
  longestAt(words: readonly WordToken[], i: number, accept?: (t: Terminal<T>) => boolean, lowerCaseText = false): TrieMatch<T> | null {
    const k0 = words[i]?.key;
    if (k0 === undefined) return null;
    const poss0 = k0.endsWith("'s") ? k0.slice(0, -2) : k0.endsWith("'") ? k0.slice(0, -1) : null;
    if (!this.prefixNodes.has(0) && !this.startsPhrase(k0)) {
      // Only the possessive or singular form can still start a phrase.
      if (!(poss0 && this.startsPhrase(poss0)) && !singulars(poss0 ?? k0).some((x) => this.startsPhrase(x))) return null;
    }
    if (this.pendingLast.size) {
      this.materialize(k0);
      if (poss0) this.materialize(poss0);
      for (const x of singulars(poss0 ?? k0)) this.materialize(x);
    }
    let best: TrieMatch<T> | null = null;
    // Depth-first over (node, next word index, how the last word matched); branching is tiny.
    const stack: number[] = [0, i];
    let guard = 0;
    while (stack.length && guard++ < 256) {
      const j = stack.pop()!;
      const node = stack.pop()!;
      if (j >= words.length || j - i >= MAX_WORDS) continue;
      const w = words[j]!;
      if (j > i && w.barrier) continue;
      const kids = this.children[node];
      if (kids) {
        const exact = kids.get(w.key);
        if (exact !== undefined) {
          stack.push(exact, j + 1);
          best = this.ending(exact, 'exact', words, i, j, accept, lowerCaseText, best);
        }
      }
      // Possessive ("Russia's") and regular plurals ("Russians", "farmers", "militias") end a phrase only.
      const poss = possessiveBase(w.key);
      if (kids) {
        if (poss) {
          const c = kids.get(poss);
          if (c !== undefined) best = this.ending(c, 'poss', words, i, j, accept, lowerCaseText, best);
        }
        for (const sing of singulars(poss ?? w.key)) {
          const c = kids.get(sing);
          if (c !== undefined) best = this.ending(c, 'plural', words, i, j, accept, lowerCaseText, best);
        }
      }
      const stems = this.prefixChildren[node];
      if (stems) {
        const k = poss ?? w.key;
        for (let len = Math.min(k.length, 24); len >= MIN_PREFIX; len--) {
          const c = stems.get(k.slice(0, len));
          if (c !== undefined) best = this.ending(c, 'prefix', words, i, j, accept, lowerCaseText, best);
        }
      }
    }
    return best;
  }

  /** The phrases ending at `node` that hold for words[i..j]: a longer match than `best` replaces it. */
  private ending(node: number, kind: 'exact' | 'poss' | 'plural' | 'prefix', words: readonly WordToken[], i: number, j: number, accept: ((t: Terminal<T>) => boolean) | undefined, lowerCaseText: boolean, best: TrieMatch<T> | null): TrieMatch<T> | null {
    const list = this.terminals.get(node);
    if (!list) return best;
    if (best && j + 1 - i <= best.to - best.from) return best; // only a longer match can win
    const ok: Terminal<T>[] = [];
    for (const t of list) {
      if (kind === 'plural' && t.last === 'exact') continue;
      if (!caseOk(words, i, t.modes, lowerCaseText)) continue;
      if (accept && !accept(t)) continue;
      ok.push(t);
    }
    return ok.length ? { from: i, to: j + 1, terminals: ok } : best;
  }
}

/** "russia's" → "russia", "states'" → "states"; null for a word without a possessive ending. */
function possessiveBase(k: string): string | null {
  return k.endsWith("'s") ? k.slice(0, -2) : k.endsWith("'") ? k.slice(0, -1) : null;
}

const NONE: string[] = [];

function singulars(k: string): string[] {
  if (k.length < 4 || !k.endsWith('s') || k.endsWith('ss')) return NONE;
  const out = [k.slice(0, -1)];
  if (k.endsWith('ies')) out.push(k.slice(0, -3) + 'y');
  else if (k.endsWith('es')) out.push(k.slice(0, -2));
  return out;
}

/**
 * Case rules. In text written without capitals (`lowerCaseText`) an initial capital cannot be asked
 * for, but acronyms still must be in capitals ("us" stays a pronoun).
 */
function caseOk(words: readonly WordToken[], i: number, modes: string, lowerCaseText: boolean): boolean {
  for (let m = 0; m < modes.length; m++) {
    const mode = (modes.charCodeAt(m) - 48) as CaseMode;
    if (mode === 0 || (mode === 1 && lowerCaseText)) continue;
    const text = words[i + m]!.text;
    const c = text[0]!;
    if (mode === 1 && c !== c.toUpperCase()) return false;
    if (mode === 2) {
      const letters = text.replace(/'s$|’s$/, '').replace(/[^\p{L}]/gu, '');
      if (letters !== letters.toUpperCase()) return false;
    }
  }
  return true;
}
