/**
 * Builds src/actors/data/places.tsv — cities and first-level provinces → their country — from a
 * gazetteer of populated places (the `cityMap.json` of the npm package city-timezones, MIT; its rows
 * are Natural Earth's populated places: city, province, ISO alpha-3, population). Reproducible:
 *
 *   npm run build && node dist/actors/convert-places.js <cityMap.json> [/usr/share/dict/american-english]
 *
 * General rules (decided before any evaluation, documented in data/SOURCES.md):
 * - cities of at least MIN_POP inhabitants and every province name;
 * - a name found in two countries goes to the larger only when it is DOMINANCE times the size of the
 *   next (Paris, not Paris in Texas); otherwise dropped; provinces count as large as their largest city;
 * - dropped: one-word names that are common English words (lower-case entries of the SCOWL word list,
 *   Debian's wamerican), words of any person's name in the actor data (Jackson, Victoria, Hamilton),
 *   names already in the actor data (Phoenix's places, capitals, states: those win), names of at
 *   most three letters, generic one-word province names (Central, Northern, Capital), and the place
 *   stop list of convert.ts (Columbus, Augusta, ...).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { STOP_PLACES } from './convert.js';

/** Smallest city kept (inhabitants). */
export const MIN_POP = 50_000;
/** How much larger the largest place of a shared name must be to keep it. */
export const DOMINANCE = 10;
const GENERIC = /^(central|northern|southern|eastern|western|north|south|east|west|capital|national|federal|coast|coastal|upper|lower|interior|highlands?|lakes?|islands?|river|mountain|plateau|littoral|centre|center|city|district|province|region|territory|border|north[- ](east|west)|south[- ](east|west))$/i;

interface Row {
  city_ascii?: string;
  city?: string;
  pop?: number;
  iso3?: string;
  province?: string;
  country?: string;
}

/** Words of names: every word of a person's phrase in the shipped actor files (their 5th column). */
function personWords(files: string[]): Set<string> {
  const out = new Set<string>();
  for (const text of files) {
    for (const line of text.split('\n')) {
      const f = line.split('\t');
      if (f.length < 5 || (f[0] !== 'leader' && f[0] !== 'person')) continue;
      // The display name (titles left out, unlike some phrases: "Albanian Leader Ibrahim Rugova").
      for (const w of f[3]!.split(/\s+/)) if (w) out.add(w.toLowerCase());
    }
  }
  return out;
}

/** Every phrase already in the actor files (lower case), so existing entries keep priority. */
function knownPhrases(files: string[]): Set<string> {
  const out = new Set<string>();
  for (const text of files) {
    for (const line of text.split('\n')) {
      const f = line.split('\t');
      if (f.length < 5 || line.startsWith('#')) continue;
      for (const p of f[4]!.split('|')) out.add(p.replace(/[~*]/g, '').toLowerCase());
    }
  }
  return out;
}

/** actorFiles: person names are taken from all; names already present only from `sourced` (the generated files). */
export function buildPlaces(rows: Row[], actorFiles: string[], commonWords: Set<string>, sourced: string[] = actorFiles): string {
  const people = personWords(actorFiles);
  const known = knownPhrases(sourced);
  // name → country → size (a province is as large as its largest city)
  const sizes = new Map<string, Map<string, number>>();
  const countryName = new Map<string, string>();
  const add = (name: string, iso: string, size: number): void => {
    const n = name.trim().replace(/\s+/g, ' ');
    if (!n) return;
    let m = sizes.get(n);
    if (!m) sizes.set(n, (m = new Map()));
    m.set(iso, Math.max(m.get(iso) ?? 0, size));
  };
  for (const r of rows) {
    const iso = r.iso3;
    if (!iso || !/^[A-Z]{3}$/.test(iso)) continue;
    if (r.country) countryName.set(iso, r.country);
    const pop = r.pop ?? 0;
    const city = r.city_ascii || r.city;
    if (city && pop >= MIN_POP) add(city, iso, pop);
    if (r.province) add(r.province, iso, Math.max(pop, MIN_POP));
  }
  const byCountry = new Map<string, string[]>();
  for (const [name, m] of sizes) {
    const ranked = [...m.entries()].sort((a, b) => b[1] - a[1]);
    const [iso, size] = ranked[0]!;
    if (ranked.length > 1 && size < DOMINANCE * ranked[1]![1]) continue;
    const words = name.split(' ');
    const lower = name.toLowerCase();
    if (!/^[\p{L}][\p{L}\p{M} .'’-]*$/u.test(name) || name.length <= 3 || GENERIC.test(name)) continue;
    if (known.has(lower)) continue;
    if (words.length === 1 && (commonWords.has(lower) || people.has(lower) || STOP_PLACES.has(name.toUpperCase()))) continue;
    // Every word capitalised in the text (a lower-case word would match any case).
    const phrase = words.map((w) => (/^\p{Ll}/u.test(w) ? w[0]!.toUpperCase() + w.slice(1) : w)).join(' ');
    (byCountry.get(iso) ?? byCountry.set(iso, []).get(iso)!).push(phrase);
  }
  const lines = [
    '# Generated by src/actors/convert-places.ts from a gazetteer of populated places (Natural Earth, via the',
    `# npm package city-timezones, MIT): cities of ${MIN_POP}+ inhabitants and provinces → country. See SOURCES.md.`,
    '# Columns: type, via, codes, display name, phrases. Loaded after actors.tsv (existing names win).',
  ];
  for (const iso of [...byCountry.keys()].sort()) {
    const phrases = byCountry.get(iso)!.sort();
    lines.push(['state', 'place', iso, countryName.get(iso) ?? iso, phrases.join('|')].join('\t'));
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1]?.endsWith('actors/convert-places.js')) {
  const [src, wordsPath = '/usr/share/dict/american-english'] = process.argv.slice(2);
  if (!src) {
    process.stderr.write('usage: node dist/actors/convert-places.js <cityMap.json> [word list]\n');
    process.exit(2);
  }
  const rows = JSON.parse(readFileSync(src, 'utf8')) as Row[];
  const common = new Set(readFileSync(wordsPath, 'utf8').split('\n').filter((w) => /^[a-z]/.test(w)).map((w) => w.replace(/'s$/, '')));
  const data = new URL('./data/', import.meta.url);
  const files = ['extra-actors.tsv', 'extra-leaders.tsv', 'actors.tsv', 'capitals.tsv'].map((f) => readFileSync(new URL(f, data), 'utf8'));
  // Written into the source tree (dist/actors/data → src/actors/data).
  const out = new URL('../../src/actors/data/places.tsv', import.meta.url);
  // Hand-written duplicates are harmless (they load first and win), so only the generated files count as known.
  writeFileSync(out, buildPlaces(rows, files, common, files.slice(2)));
  process.stderr.write(`wrote ${out.pathname}\n`);
}
