/** Loading the shipped actor and agent data (TSV) and PETRARCH agent files into a dictionary. */
import { createHash } from 'node:crypto';
import type { ActorDictionary, ActorEntry, AgentEntry } from './dictionary.js';
import type { ActorType } from './types.js';
import { NOT_ACTOR_CODES, sectorOf } from './dictionary.js';
import { titleCase } from './names.js';
import { parseActors, parseAgents, type DatedCode } from './petrarch.js';
import { firstKeyOf, parsePattern } from './trie.js';

export function addAgents(d: ActorDictionary, text: string): void {
  for (const a of parseAgents(text)) {
    // NON and JNK mark words that are not actors ("Friday" [~NON]): never an agent of a country.
    if (NOT_ACTOR_CODES.has(a.code)) continue;
    const name = a.words.join(' ').toLowerCase();
    const entry: AgentEntry = { code: a.code, prefix: a.prefix, name };
    const p = parsePattern(name + (a.plurals === null ? '~' : ''));
    if (p) d.addAgent(p, entry);
    for (const pl of a.plurals ?? []) {
      const pp = parsePattern(pl.join(' ').toLowerCase());
      if (pp) d.addAgent(pp, entry);
    }
  }
}

/**
 * Shipped actor file: one entry per line, tab-separated
 *   type  via  codes  display-name  phrase|phrase|...
 * codes: CODE or CODE@YYYYMMDD-YYYYMMDD (either bound may be empty), space-separated, first valid wins.
 * Phrases: lower-case words match any case, Capitalised words need a capital, UPPER words need all
 * capitals; a trailing ~ allows plural/possessive, * makes the last word a stem.
 *
 * Loading only indexes the phrases by their first word (offsets into the text): a line's entry
 * and its phrases' patterns are made when a text first contains one of those words. Entries that
 * name a plain code (states, blocs, organisations) are made now, for display names.
 */
export function loadActorTsv(d: ActorDictionary, text: string, index?: ActorIndex | null): void {
  const id = d.lazyText(text);
  const ix = index && index.length === text.length && index.sample === sampleOf(text) ? index : indexActorTsv(text);
  for (const [code, name] of ix.names) d.registerName(code, name);
  const e = ix.eager;
  for (let k = 0; k < e.length; k += 3) d.addActorPhrase(text.slice(e[k], e[k + 1]), d.lazyActorEntry(id, e[k + 2]!));
  for (const key in ix.keys) d.queueActorBlock(key, id, ix.keys[key]!);
}

/**
 * What loading an actor file needs, computed from its text once — at `npm run build` (written
 * beside the file as <file>.index.json by scripts/build-actor-index.mjs, read with JSON.parse) or,
 * without that file, at load time:
 * - keys: for each first-word key, its phrases as (start, end, line start) triples, in file order;
 * - eager: the phrases that go into the trie at once (stems), as triples;
 * - names: (code, display name) of the lines that name a plain code (states, blocs, organisations),
 *   in file order, for naming combinations (RUSMIL → "Russia (military)").
 */
export interface ActorIndex {
  length: number;
  /** Fingerprint of the text (SHA-1), so a stale index is never used. */
  sample: string;
  keys: Record<string, number[]>;
  eager: number[];
  names: Array<[string, string]>;
}

export function indexActorTsv(text: string): ActorIndex {
  const keys: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
  const eager: number[] = [];
  const names: Array<[string, string]> = [];
  for (let lineStart = 0; lineStart < text.length; ) {
    let nl = text.indexOf('\n', lineStart);
    if (nl < 0) nl = text.length;
    if (nl > lineStart && text.charCodeAt(lineStart) !== 35 /* # */) indexActorLine(text, lineStart, nl, keys, eager, names);
    lineStart = nl + 1;
  }
  return { length: text.length, sample: sampleOf(text), keys, eager, names };
}

function indexActorLine(text: string, lineStart: number, lineEnd: number, keys: Record<string, number[]>, eager: number[], names: Array<[string, string]>): void {
  // Native splits of one line (fast even before the JIT warms up, which matters at start-up).
  const f = text.slice(lineStart, lineEnd).split('\t');
  if (f.length < 5) return;
  const type = f[0];
  if ((type === 'state' || type === 'bloc' || type === 'organisation') && f[1] !== 'place' && f[1] !== 'capital') {
    // What ActorDictionary.register keeps (the first line naming a code wins, checked when applied).
    const entry = actorEntryAt(text, lineStart);
    const c = entry.codes[entry.codes.length - 1];
    if (c && c.to === 99999999 && !sectorOf(c.code)) names.push([c.code, entry.name]);
  }
  let start = lineStart + f[0]!.length + f[1]!.length + f[2]!.length + f[3]!.length + 4;
  for (const phrase of f[4]!.split('|')) {
    const end = start + phrase.length;
    const key = phrase ? phraseKey(phrase) : null;
    if (key !== null) (keys[key] ??= []).push(start, end, lineStart);
    else eager.push(start, end, lineStart);
    start = end + 1;
  }
}

/** SHA-1 of the text (native, a few milliseconds for the 2 MB file): an index of another text is never used. */
function sampleOf(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/** Plain ASCII words, perhaps with a final ~: the first word is the key (most of the data). */
const SIMPLE_FIRST = /^ *([A-Za-z]+)[A-Za-z ]*~?$/;

/** Folded key of a phrase's first word (firstKeyOf), or null for a stem phrase (inserted at once). */
function phraseKey(phrase: string): string | null {
  if (phrase.endsWith('*')) return null;
  const m = SIMPLE_FIRST.exec(phrase);
  return m ? m[1]!.toLowerCase() : firstKeyOf(phrase);
}

/** The entry of the actor line starting at lineStart (see loadActorTsv). */
export function actorEntryAt(text: string, lineStart: number): ActorEntry {
  let nl = text.indexOf('\n', lineStart);
  if (nl < 0) nl = text.length;
  const f = text.slice(lineStart, nl).split('\t');
  const codes: DatedCode[] = f[2]!.split(' ').filter(Boolean).map(parseTsvCode).map((c) => ({ ...c, code: isoCode(c.code) }));
  return { type: f[0] as ActorType, via: f[1]!, codes, name: f[3]! };
}

/**
 * Phoenix codes a few states with their Correlates of War code where ISO 3166 alpha-3 differs
 * (plover_ngec/cow2iso.txt): Angola ANG → AGO, East Timor TMP → TLS. Codes here are ISO. Phoenix's
 * Kosovo KSV becomes XKX, the user-assigned code that the NGEC country table (countries.csv) uses.
 */
export const COW_TO_ISO: Record<string, string> = { ANG: 'AGO', TMP: 'TLS', KSV: 'XKX' };

export function isoCode(code: string): string {
  const iso = COW_TO_ISO[code.slice(0, 3)];
  return iso ? iso + code.slice(3) : code;
}

/**
 * Shipped agent file: `CODE<TAB>phrase|phrase` (CODE~ for a code that goes before the country).
 * Phrases are queued by their first word like actors (see loadActorTsv).
 */
export function loadAgentTsv(d: ActorDictionary, text: string): void {
  const id = d.lazyText(text);
  for (let lineStart = 0; lineStart < text.length; ) {
    let nl = text.indexOf('\n', lineStart);
    if (nl < 0) nl = text.length;
    const f = text.slice(lineStart, nl).split('\t');
    if (nl > lineStart && text.charCodeAt(lineStart) !== 35 /* # */ && f.length >= 2 && !NOT_ACTOR_CODES.has(f[0]!.replace('~', ''))) {
      let start = lineStart + f[0]!.length + 1;
      for (const phrase of f[1]!.split('|')) {
        const end = start + phrase.length;
        const key = phrase ? phraseKey(phrase) : null;
        if (key !== null) d.queueAgentPhrase(key, id, start, end, lineStart);
        else {
          const [, entry] = agentPhraseAt(text, start, end, lineStart);
          const p = parsePattern(phrase);
          if (p) d.addAgent(p, entry);
        }
        start = end + 1;
      }
    }
    lineStart = nl + 1;
  }
}

/** An agent phrase text[start, end) of the line at lineStart, and its entry. */
export function agentPhraseAt(text: string, start: number, end: number, lineStart: number): [string, AgentEntry] {
  const code = text.slice(lineStart, text.indexOf('\t', lineStart));
  const phrase = text.slice(start, end);
  return [phrase, { code: code.replace('~', ''), prefix: code.endsWith('~'), name: phrase.replace(/[~*]$/, '') }];
}

export function parseTsvCode(s: string): DatedCode {
  const at = s.indexOf('@');
  if (at < 0) return { code: s, from: 0, to: 99999999, dated: false };
  const [a, b] = s.slice(at + 1).split('-');
  return { code: s.slice(0, at), from: a ? Number(a) : 0, to: b ? Number(b) : 99999999, dated: true };
}

export function formatTsvCode(c: DatedCode): string {
  if (!c.dated) return c.code;
  return `${c.code}@${c.from > 0 ? c.from : ''}-${c.to < 99999999 ? c.to : ''}`;
}
