/**
 * Rebuilds src/actors/data/actors.tsv and agents.tsv from the Phoenix/PETRARCH dictionaries (MIT)
 * and the PLOVER/NGEC country table. Reproducible:
 *
 *   npm run build && node dist/actors/convert.js /path/to/data/events/dicts
 *
 * What the conversion decides (documented in data/SOURCES.md):
 * - state groups (code = 3 letters) keep their names; synonyms are split into demonyms (from the
 *   NGEC nationality column), the capital (data/capitals.tsv, coded <ISO>GOV: "Moscow said"), and
 *   other places (cities, provinces listed after the capital);
 * - single-word place names listed under two countries, and a few place names that are common
 *   English words or given names, are dropped (they cause more false matches than they find);
 * - names with parentheses or commas (Phoenix annotations, never written that way in text) are dropped;
 * - words must be capitalised in the text, except function words; one-word names of up to three
 *   letters (US, UN, EU) must be written in capitals, so the pronoun "us" is never the United States.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseActors, parseAgents, type RawActor, type RawName } from './petrarch.js';
import { formatTsvCode, titleCase, countryOf, sectorOf } from './dictionary.js';
import { MAX_WORDS } from './trie.js';

/** Place synonyms that are also common words or given names in English news. */
export const STOP_PLACES = new Set([
  'VLADIMIR', 'CHARLOTTE', 'LAWRENCE', 'PROVIDENCE', 'PHOENIX', 'BUFFALO', 'AUSTIN', 'JERSEY', 'VICTORIA',
  'MOLOTOV', 'KIROV', 'PERM', 'COLUMBUS', 'RICHMOND', 'MOBILE', 'GORKY', 'GORKI', 'ORANGE', 'READING', 'BATH',
  'NICE', 'CONCORD', 'LINCOLN', 'JACKSON', 'MADISON', 'FRANKLIN', 'HAMILTON', 'WASHINGTON_STATE', 'DAKOTA',
  'CHAPARHAR', 'GUINEA', 'TOGO', 'CHAD', 'MALI', 'NIGER', 'DELHI', 'BRUSSELS', 'GORA', 'BAR', 'MAN', 'SAMARA',
  'ALTAI', 'VICTORY', 'UNION', 'CENTRAL', 'NORTH', 'SOUTH', 'EAST', 'WEST', 'DOVER', 'NEWCASTLE', 'CAMBRIDGE',
  'OXFORD', 'DERBY', 'SALEM', 'TRENTON', 'HOPE', 'JUNEAU', 'HELENA', 'AUGUSTA', 'OLYMPIA', 'MAINE',
  'SODOM', 'GOMORRAH', 'BETHLEHEM', 'NAZARETH', 'BABYLON', 'EDEN', 'ZION', 'GOLGOTHA', 'GALILEE', 'JUDEA',
]);
/** One-word names that are common English words ("Organization", "Youth", "Zero", "Male"). */
const STOP_NAMES = new Set(['organization', 'organisation', 'youth', 'zero', 'male', 'front', 'movement', 'union', 'council', 'group', 'people', 'state', 'party', 'army', 'national', 'islamic', 'liberation', 'resistance', 'revolution', 'justice', 'freedom', 'unity', 'hope', 'victory']);

/** Short words that begin place names, not acronyms ("St. Petersburg", "San Diego", "Port Said"). */
const PLACE_PREFIXES = new Set(['st', 'ste', 'san', 'fort', 'ft', 'new', 'old', 'mt', 'bay', 'ras', 'bir', 'ban', 'ain', 'abu', 'ben', 'sao', 'dar', 'kom', 'tel', 'ust', 'big', 'red', 'las', 'los', 'les', 'el', 'al', 'la', 'le', 'lac', 'cap', 'isla']);

/** Agent phrases dropped as too ambiguous on their own. */
const AMBIGUOUS_AGENTS = new Set(['state', 'states', 'at', 'party', 'parties', 'side', 'member', 'members']);
/** Words kept lower case (any case in the text) inside names. */
const FUNCTION_WORDS = new Set(['of', 'the', 'and', 'for', 'de', 'del', 'la', 'le', 'al', 'el', 'da', 'du', 'des', 'in', 'on', 'to', 'y', 'bin', 'van', 'von', 'der', 'at', 'from', 'with', 'by']);

interface CountryRow {
  iso3: string;
  name: string;
  nationalities: string[];
}

function readCountries(path: string): Map<string, CountryRow> {
  const out = new Map<string, CountryRow>();
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    const cells = csvCells(line);
    const [, name, iso3, nat] = cells;
    if (!iso3 || !name) continue;
    out.set(iso3, { iso3, name, nationalities: (nat ?? '').split(',').map((s) => s.trim()).filter(Boolean) });
  }
  return out;
}

function csvCells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (const ch of line) {
    if (ch === '"') q = !q;
    else if (ch === ',' && !q) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function readCapitals(path: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [iso, names] = line.split('\t');
    if (iso && names) out.set(iso, names.split('|'));
  }
  return out;
}

/** Phrase in the data-file convention: Capitalised words need a capital; short one-word names need capitals. */
function phrase(words: readonly string[], plural: boolean): string | null {
  if (words.length > MAX_WORDS) return null;
  if (words.length === 1 && STOP_NAMES.has(words[0]!.toLowerCase())) return null;
  if (words.some((w) => /[(),;:"]/.test(w))) return null;
  const lower = words.map((w) => w.toLowerCase());
  let out: string;
  if (words.length === 1 && /^[A-Za-z]{1,3}$/.test(words[0]!)) out = words[0]!.toUpperCase();
  else
    out = lower
      .map((w, i) => (FUNCTION_WORDS.has(w) && (i > 0 || words.length > 1) ? w : titleCase(w)))
      .join(' ');
  return out + (plural ? '~' : '');
}

/** Single words that look like demonyms or adjectives of nationality ("Russian", "Chinese", "Welsh", "Scot"). */
function isDemonym(w: string): boolean {
  return /(?:an|ans|ese|ish|ic|i|is|ch|sh|er|ers|ot|ots)$/.test(w) && !/(?:land|stan|ia)$/.test(w) && w.length > 3;
}

/**
 * Phoenix files legislatures and courts under GOV (USAGOVLEG); CAMEO and NGEC treat LEG and JUD as
 * roles of their own, so the more specific one comes first.
 */
function normaliseCodes(codes: string): string {
  return codes.replace(/GOV(LEG|JUD)/g, '$1');
}

function key(words: readonly string[]): string {
  return words.join(' ').toLowerCase();
}

export function convert(dictsDir: string, outDir: string): { actors: number; agents: number } {
  const p2 = join(dictsDir, 'petrarch2');
  const ngec = join(dictsDir, 'plover_ngec');
  const countries = readCountries(join(ngec, 'countries.csv'));
  const capitals = readCapitals(join(outDir, 'capitals.tsv'));
  const lines: string[] = [
    '# Generated by src/actors/convert.ts from the Phoenix/PETRARCH dictionaries (MIT) and the PLOVER/NGEC',
    '# country table; see SOURCES.md. Columns: type, via, codes, display name, phrases (|-separated).',
  ];

  const files: Array<[string, 'countries' | 'international' | 'milnonstate']> = [
    ['Phoenix.Countries.actors.txt', 'countries'],
    ['Phoenix.International.actors.txt', 'international'],
    ['Phoenix.MilNonState.actors.txt', 'milnonstate'],
  ];
  const groups: Array<{ a: RawActor; file: string }> = [];
  for (const [f, kind] of files) for (const a of parseActors(readFileSync(join(p2, f), 'utf8'))) groups.push({ a, file: kind });

  // Single-word place names that occur under more than one state are ambiguous: drop them.
  const placeCountries = new Map<string, Set<string>>();
  for (const { a } of groups) {
    const c = a.codes[0]!.code;
    if (c.length !== 3) continue;
    for (const n of a.names) if (n.words.length === 1) {
      const k = key(n.words);
      let s = placeCountries.get(k);
      if (!s) placeCountries.set(k, (s = new Set()));
      s.add(c);
    }
  }

  const seen = new Set<string>();
  const emit = (type: string, via: string, codes: string, display: string, phrases: string[]): void => {
    const uniq = phrases.filter((p) => {
      const k = p.replace(/[~*]$/, '').toLowerCase();
      if (seen.has(k + '\t' + codes)) return false;
      seen.add(k + '\t' + codes);
      return true;
    });
    if (uniq.length) lines.push([type, via, codes, display, uniq.join('|')].join('\t'));
  };

  for (const { a, file } of groups) {
    const codes = normaliseCodes(a.codes.map(formatTsvCode).join(' '));
    const first = a.codes[0]!.code;
    const lastCode = a.codes[a.codes.length - 1]!.code;
    // A state: every code is a bare country code (Soviet-era codes such as USRUKR precede UKR).
    const isState = file === 'countries' && /^[A-Z]{3}$/.test(lastCode) && a.codes.every((c) => !sectorOf(c.code) && /^[A-Z]{3,6}$/.test(c.code));
    if (isState) {
      const last = a.codes[a.codes.length - 1]!;
      // Canonical names and demonyms go to the group that is current (RUS, not the 1991-93 RSFSR).
      const current = !last.dated || last.to === 99999999;
      const row = current ? countries.get(lastCode) : undefined;
      const display = row?.name ?? titleCase(a.names[0]!.words.join(' '));
      const demonyms = new Set((row?.nationalities ?? []).map((s) => s.toLowerCase()));
      const caps = new Set((capitals.get(lastCode) ?? []).map((s) => s.toLowerCase()));
      // Words of the country's own names: synonyms made of them are names, not places.
      const nameWords = new Set([lastCode.toLowerCase(), ...display.toLowerCase().split(/\W+/)]);
      for (const w of a.names[0]!.words) nameWords.add(w.toLowerCase());
      const names: string[] = [];
      const dem: string[] = [];
      const places: string[] = [];
      let afterCapital = false;
      for (const n of a.names) {
        const k = key(n.words);
        const plural = !n.exact;
        if (caps.has(k.replace(/_/g, ' '))) {
          afterCapital = true;
          continue; // capitals come from capitals.tsv, coded as the government
        }
        if (n.words.length === 1 && isDemonym(k) && (demonyms.has(k) || !afterCapital)) {
          const p = phrase(n.words, true);
          if (p) dem.push(p);
          continue;
        }
        // A name shares a word (or, for misspellings, the first four letters) with the country's
        // names, or is a short acronym; everything else (cities, provinces, rivers) is a place.
        void afterCapital;
        const stems = [...nameWords].filter((w) => w.length >= 4).map((w) => w.slice(0, 4));
        const isName =
          n.words.some((w) => nameWords.has(w.toLowerCase())) ||
          n.words.some((w) => w.replace(/\./g, '').length <= 3 && !FUNCTION_WORDS.has(w.toLowerCase()) && !PLACE_PREFIXES.has(w.toLowerCase().replace(/\.$/, ''))) ||
          (n.words.length === 1 && stems.includes(k.slice(0, 4)));
        if (!isName) {
          if (n.words.length === 1 && ((placeCountries.get(k)?.size ?? 0) > 1 || STOP_PLACES.has(n.words[0]!.toUpperCase()))) continue;
          if (STOP_PLACES.has(n.words.join('_').toUpperCase())) continue;
        }
        // Very short place names ("Goa", "Ufa") collide with acronyms ("GOA" Gun Owners of America).
        if (!isName && n.words.length === 1 && n.words[0]!.length <= 3) continue;
        const p = phrase(n.words, plural);
        if (p) (isName ? names : places).push(p);
      }
      for (const d of demonyms) {
        const w = d.split(/\s+/);
        const p = phrase(w, true);
        if (!p) continue;
        // The NGEC nationality column mixes demonyms with names ("Britain", "DRC", "Zaire").
        const list = w.length === 1 && isDemonym(d) ? dem : names;
        if (!dem.includes(p) && !names.includes(p) && !names.includes(p.replace(/~$/, ''))) list.push(p);
      }
      const canonical = phrase(display.split(/\s+/), false);
      if (canonical && !/[(),]/.test(display)) names.unshift(canonical);
      emit('state', 'name', codes, display, names);
      emit('state', 'demonym', codes, display, dem);
      emit('state', 'place', codes, display, places);
      const cap = capitals.get(lastCode);
      if (cap && current) emit('state', 'capital', `${lastCode}GOV`, display, cap.map((c) => phrase(c.split(/\s+/), false)).filter((x): x is string => !!x));
      continue;
    }
    let type: string;
    const dated = a.codes.some((c) => c.dated);
    if (file === 'milnonstate') type = 'group';
    else if (dated) type = a.codes.some((c) => (sectorOf(c.code) ?? '').startsWith('GOV')) ? 'leader' : 'person';
    else if (/REB|INS|SEP|UAF|PRM/.test(sectorOf(first) ?? '') || first.startsWith('IMG')) type = 'group';
    else if (!countryOf(first) && first.length === 3) type = 'bloc';
    else type = 'organisation';
    // The World Bank is not a UN body (Phoenix's own comment says so): code it as an IGO of its own.
    const fixed = codes.replace(/IGOUNODEVWBK/g, 'IGODEVWBK');
    const display = titleCase(a.names[0]!.words.join(' '));
    const phrases: string[] = [];
    for (const n of a.names as RawName[]) {
      const p = phrase(n.words, !n.exact && type !== 'person' && type !== 'leader');
      if (p) phrases.push(p);
    }
    emit(type, 'name', fixed, display, phrases);
  }
  writeFileSync(join(outDir, 'actors.tsv'), lines.join('\n') + '\n');

  // Agents: Phoenix first, then the PLOVER variant's additions.
  const agentLines = ['# Generated by src/actors/convert.ts from Phoenix.agents.txt and PLOVER_agents.txt (MIT); see SOURCES.md.'];
  const byCode = new Map<string, string[]>();
  const seenAgent = new Set<string>();
  for (const f of [join(p2, 'Phoenix.agents.txt'), join(ngec, 'PLOVER_agents.txt')]) {
    for (const a of parseAgents(readFileSync(f, 'utf8'))) {
      if (a.words.some((w) => /[(),;:"]/.test(w)) || a.words.length > MAX_WORDS) continue;
      // NON and JNK mark words that are not actors (days of the week, storms); phrases ending in a preposition
      // ("embassy in") only make sense inside PETRARCH's own pattern matcher; "state" alone is
      // too ambiguous ("the state of the economy", "Ohio State").
      if (a.code === 'NON' || a.code === 'JNK' || FUNCTION_WORDS.has(a.words[a.words.length - 1]!.toLowerCase()) || AMBIGUOUS_AGENTS.has(key(a.words))) continue;
      const k = key(a.words);
      if (seenAgent.has(k)) continue;
      seenAgent.add(k);
      // PLOVER's PPL ("people") is CAMEO's CVL.
      const code = a.code.replace(/^PPL/, 'CVL') + (a.prefix ? '~' : '');
      let list = byCode.get(code);
      if (!list) byCode.set(code, (list = []));
      list.push(k + (a.plurals === null ? '~' : ''));
      for (const pl of a.plurals ?? []) list.push(key(pl));
    }
  }
  let agents = 0;
  for (const [code, list] of byCode) {
    agentLines.push(`${code}\t${list.join('|')}`);
    agents += list.length;
  }
  writeFileSync(join(outDir, 'agents.tsv'), agentLines.join('\n') + '\n');
  return { actors: lines.length - 2, agents };
}

if (process.argv[1]?.endsWith('actors/convert.js')) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node dist/actors/convert.js <data/events/dicts>');
    process.exit(2);
  }
  const outDir = new URL('../../src/actors/data/', import.meta.url).pathname;
  const r = convert(dir, outDir);
  console.log(`wrote ${r.actors} actor lines and ${r.agents} agent phrases to ${outDir}`);
}
