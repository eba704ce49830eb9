/**
 * The coder's lexicon, built once from a verb dictionary: every inflected form of every verb
 * (keyed by its first word for O(1) lookup per token), the patterns of each block indexed for
 * matching, the CAMEO codebook, and slant's own additions (relational nouns and verbs the CAMEO
 * dictionary lacks, data/extra.json).
 */
import { readFileSync } from 'node:fs';
import { inflect, type Pattern, type VerbBlock, type VerbDict } from './verbdict.js';

export interface CodeInfo {
  code: string;
  description: string;
  goldstein: number;
  quad: 1 | 2 | 3 | 4;
  plover: string | null;
  mode: string | null;
}

export interface VerbForm {
  /** All words of the form, upper case ("MET", "WITH"). */
  words: string[];
  /** Lemma of the verb (dictionary spelling, words joined by space). */
  lemma: string;
  block: VerbBlock;
  /** Code of the verb line, else the block's (null: the verb alone codes nothing). */
  code: string | null;
  code2: string | null;
  /** The form is a past participle or simple past ("-ED" or listed irregular past). */
  past: boolean;
  /** -ING form. */
  ing: boolean;
  /** The block's patterns that apply to this verb: those written for it, and those whose comment names no verb of the block. */
  patterns: Pattern[];
}

export interface RelNoun {
  /** Lower-case noun (singular and plural listed separately in the data). */
  noun: string;
  code: string;
  source: string;
}

export interface Lexicon {
  forms: Map<string, VerbForm[]>;
  synsets: Map<string, string[][]>;
  codes: Map<string, CodeInfo>;
  nouns: Map<string, RelNoun>;
  source: string;
}

interface CameoJson {
  codes: Record<string, [string, number, number, string | null, string | null]>;
}

interface ExtraPattern {
  verbs: string[];
  objects: string[];
  code: string;
  source: string;
}

interface ExtraJson {
  patterns?: ExtraPattern[];
  verbs: Array<{ verb: string; forms?: string[]; only?: string[]; override?: boolean; replace?: boolean; recode?: boolean; code: string | null; source: string }>;
  nouns: Array<{ nouns: string[]; code: string; source: string }>;
}

let codebook: Map<string, CodeInfo> | undefined;

export function loadCodebook(): Map<string, CodeInfo> {
  if (codebook) return codebook;
  const raw = JSON.parse(readFileSync(new URL('./data/cameo.json', import.meta.url), 'utf8')) as CameoJson;
  codebook = new Map();
  for (const [code, [description, goldstein, quad, plover, mode]] of Object.entries(raw.codes)) {
    codebook.set(code, { code, description, goldstein, quad: quad as 1 | 2 | 3 | 4, plover, mode });
  }
  return codebook;
}

/** Information for any code; unknown 4-digit codes fall back to their 3- and 2-digit parents. */
export function codeInfo(code: string): CodeInfo {
  const cb = loadCodebook();
  const hit = cb.get(code) ?? cb.get(code.slice(0, 3)) ?? cb.get(code.slice(0, 2));
  if (hit) return hit.code === code ? hit : { ...hit, code };
  const r = Number(code.slice(0, 2));
  const quad = (r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4) as 1 | 2 | 3 | 4;
  return { code, description: 'Unknown CAMEO code', goldstein: 0, quad, plover: null, mode: null };
}

export function buildLexicon(dict: VerbDict, withExtra = true): Lexicon {
  const forms = new Map<string, VerbForm[]>();
  // Indexes that keep construction linear in the dictionary's size: forms already added (per
  // block) and forms by lemma (the extra data edits every form of a verb).
  const blockIds = new Map<VerbBlock, number>();
  const seen = new Set<string>();
  const byLemma = new Map<string, VerbForm[]>();
  const add = (words: string[], lemma: string, block: VerbBlock, code: string | null, code2: string | null, past: boolean, ing: boolean, patterns: Pattern[] = block.patterns): void => {
    const key = words[0]!;
    let id = blockIds.get(block);
    if (id === undefined) blockIds.set(block, (id = blockIds.size));
    const dedupe = id + '\u0000' + words.join(' ');
    if (seen.has(dedupe)) return;
    seen.add(dedupe);
    let list = forms.get(key);
    if (!list) forms.set(key, (list = []));
    const form: VerbForm = { words, lemma, block, code, code2, past, ing, patterns };
    list.push(form);
    let same = byLemma.get(lemma);
    if (!same) byLemma.set(lemma, (same = []));
    same.push(form);
  };
  for (const block of dict.blocks) {
    // Each pattern's comment names the verb it was written for ("# CONDEMN"); PETRARCH applies a
    // block's patterns to every verb in it, which lets "press on" (190) fire for "demand on".
    const names = new Set(block.verbs.map((v) => v.words.join(' ')));
    // Patterns written for a sibling verb still apply when they are specific (two content words or
    // a phrase: "* {HUNGER STRIKE}" found under START also fits "began a hunger strike").
    // Each pattern is either for every verb of the block or only for the verb it names.
    const only = block.patterns.map((p) => {
      const n = p.verb.replace(/_/g, ' ').toUpperCase();
      return !n || !names.has(n) || specificity(p) >= 2 ? null : n;
    });
    const common = block.patterns.filter((_, i) => only[i] === null);
    const named = new Set(only.filter((n): n is string => n !== null));
    const forVerb = (lemma: string): Pattern[] => (named.has(lemma) ? block.patterns.filter((_, i) => only[i] === null || only[i] === lemma) : common);
    for (const v of block.verbs) {
      const patterns = forVerb(v.words.join(' '));
      const code = v.code ?? block.code;
      const code2 = v.code ? null : block.code2;
      const lemma = v.words.join(' ');
      const head = v.words[v.head]!;
      for (const f of inflect(head)) {
        const words = v.words.slice();
        words[v.head] = f;
        add(words, lemma, block, code, code2, /ED$/.test(f) && f !== head, /ING$/.test(f) && f !== head, patterns);
      }
      for (const f of v.forms) {
        const words = f.split(' ');
        const hw = words[v.head] ?? words[0]!;
        // Listed irregular forms are third person (-S), -ING, or past (MADE, MET, TOLD, TAKEN).
        add(words, lemma, block, code, code2, hw !== head && !/ING$/.test(hw) && !(/S$/.test(hw) && !/SS$/.test(hw)), /ING$/.test(hw), patterns);
      }
    }
  }
  const synsets = new Map(Object.entries(dict.synsets));
  const nouns = new Map<string, RelNoun>();
  if (withExtra) {
    const extra = JSON.parse(readFileSync(new URL('./data/extra.json', import.meta.url), 'utf8')) as ExtraJson;
    const extraBlock: VerbBlock = { name: 'SLANT_EXTRA', code: null, code2: null, verbs: [], patterns: [] };
    for (const v of extra.verbs) {
      const up = v.verb.toUpperCase();
      if (forms.has(up)) {
        // The CAMEO dictionary wins where it has the verb, except for explicit default overrides
        // (its patterns still refine the code).
        if (v.override || v.replace) {
          for (const f of byLemma.get(up) ?? []) {
            if (!(f.code === null || v.replace)) continue;
            // "recode": the block's patterns that only repeat the old default take the new code too.
            if (v.recode && f.code) {
              const old = f.code;
              f.patterns = f.patterns.map((p) => (p.code === old ? { ...p, code: v.code } : p));
            }
            f.code = v.code;
            f.code2 = v.replace ? null : f.code2;
          }
        }
        continue;
      }
      if (v.code === null) continue;
      for (const f of v.only ?? [...inflect(up), ...(v.forms ?? []).map((x) => x.toUpperCase())]) add([f], up, extraBlock, v.code, null, /ED$/.test(f), /ING$/.test(f));
    }
    for (const n of extra.nouns) for (const noun of n.nouns) nouns.set(noun, { noun, code: n.code, source: n.source });
    // Verb + object patterns: appended after the dictionary's own, so a CAMEO pattern that matches as well wins.
    for (const xp of extra.patterns ?? []) {
      for (const verb of xp.verbs) {
        const up = verb.toUpperCase();
        if (!byLemma.has(up)) for (const f of inflect(up)) add([f], up, extraBlock, null, null, /ED$/.test(f), /ING$/.test(f), []);
        const list = byLemma.get(up) ?? [];
        const pats: Pattern[] = xp.objects.map((o) => {
          const ws = o.toUpperCase().split(/\s+/);
          return { pre: [], post: [ws.length > 1 ? { k: 'phrase', ws } : { k: 'w', w: ws[0]!, exact: false }], code: xp.code, code2: null, verb: up };
        });
        for (const f of list) f.patterns = [...f.patterns, ...pats];
      }
    }
  }
  return { forms, synsets, codes: loadCodebook(), nouns, source: dict.source };
}

const FUNCTION_WORDS = new Set(['ON', 'IN', 'AT', 'TO', 'FOR', 'WITH', 'FROM', 'BY', 'OF', 'OFF', 'UP', 'OUT', 'DOWN', 'OVER', 'INTO', 'AGAINST', 'THE', 'A', 'AN', 'AS', 'AWAY', 'BACK']);

/** Content words in a pattern (a phrase counts as two); prepositions and particles do not count. */
function specificity(p: Pattern): number {
  let n = 0;
  for (const e of [...p.pre, ...p.post]) {
    if (e.k === 'phrase') n += 2;
    else if (e.k === 'syn') n += 1;
    else if (e.k === 'w' && !FUNCTION_WORDS.has(e.w)) n += 1;
  }
  return n;
}

let defaultLexicon: Lexicon | undefined;

/** The lexicon from the shipped CAMEO conversion (data/verbs.json), built once per process. */
export function loadDefaultLexicon(): Lexicon {
  if (defaultLexicon) return defaultLexicon;
  const dict = JSON.parse(readFileSync(new URL('./data/verbs.json', import.meta.url), 'utf8')) as VerbDict;
  return (defaultLexicon = buildLexicon(dict));
}

export type { Pattern };
