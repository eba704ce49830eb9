/** Loading the shipped actor and agent data (TSV) and PETRARCH agent files into a dictionary. */
import type { ActorDictionary, ActorEntry, AgentEntry } from './dictionary.js';
import type { ActorType } from './types.js';
import { NOT_ACTOR_CODES } from './dictionary.js';
import { titleCase } from './names.js';
import { parseActors, parseAgents, type DatedCode } from './petrarch.js';
import { parsePattern } from './trie.js';

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
 */
export function loadActorTsv(d: ActorDictionary, text: string): void {
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split('\t');
    if (f.length < 5) continue;
    const codes: DatedCode[] = f[2]!.split(' ').filter(Boolean).map(parseTsvCode).map((c) => ({ ...c, code: isoCode(c.code) }));
    const entry: ActorEntry = { type: f[0] as ActorType, via: f[1]!, codes, name: f[3]! };
    d.register(entry);
    for (const phrase of f[4]!.split('|')) d.addActorPhrase(phrase, entry);
  }
}

/**
 * Phoenix codes a few states with their Correlates of War code where ISO 3166 alpha-3 differs
 * (plover_ngec/cow2iso.txt): Angola ANG → AGO, East Timor TMP → TLS. Codes here are ISO.
 */
export const COW_TO_ISO: Record<string, string> = { ANG: 'AGO', TMP: 'TLS' };

export function isoCode(code: string): string {
  const iso = COW_TO_ISO[code.slice(0, 3)];
  return iso ? iso + code.slice(3) : code;
}

/** Shipped agent file: `CODE<TAB>phrase|phrase` (CODE~ for a code that goes before the country). */
export function loadAgentTsv(d: ActorDictionary, text: string): void {
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const f = line.split('\t');
    if (f.length < 2) continue;
    const prefix = f[0]!.endsWith('~');
    const code = f[0]!.replace('~', '');
    if (NOT_ACTOR_CODES.has(code)) continue;
    for (const phrase of f[1]!.split('|')) {
      const p = parsePattern(phrase);
      if (p) d.addAgent(p, { code, prefix, name: phrase.replace(/[~*]$/, '') });
    }
  }
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
