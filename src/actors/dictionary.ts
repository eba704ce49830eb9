/**
 * Actor dictionary and recogniser: dictionary names (states, blocs, organisations, leaders with dated
 * roles) found by a word trie, agents (sector words: "troops", "foreign minister") combined with a
 * nearby country ("Russian troops" → RUSMIL), all normalised to CAMEO-style codes.
 */
import { readFileSync } from 'node:fs';
import { applyContext } from './context.js';
import { linkSurnames } from './surnames.js';
import type { ActorMention, ActorType } from './types.js';
import { parseActors, parseAgents, type DatedCode } from './petrarch.js';
import { PhraseTrie, parsePattern, wordTokens, type LazyBlock, type Pattern, type Terminal, type WordToken } from './trie.js';
import { combineItems, type Item } from './combine.js';
import { actorEntryAt, addAgents, agentPhraseAt, loadActorTsv, loadAgentTsv, type ActorIndex } from './load.js';
import { chunkEnd, isHeadline, isLowerCaseText, pickEntry, titleCase } from './names.js';
import { CLERGY, COMMON_SURNAME_WORDS, FORMER, GAP_STOP, LOCATIVE, NOT_NAMES, ORGANISATION_WORDS, TITLE_SECTORS, WEAK_AGENTS } from './words.js';

// The steps of recognition live beside this file: names.ts (names, titles, capitals), combine.ts
// (countries + agents, titles + names), context.ts (context rules), load.ts (data files); their
// word lists in data/actor-words.json with a source per list.
export { addAgents, formatTsvCode, indexActorTsv, isoCode, loadActorTsv, loadAgentTsv, parseTsvCode } from './load.js';
export { titleCase } from './names.js';

/** One actor found in a text: the layer payload plus where it stands and how sure we are. */
export interface ActorMatch extends ActorMention {
  /** UTF-16 offsets into the text given to find(). */
  start: number;
  end: number;
  /** Measured-style prior for this kind of match (names > demonyms > places). */
  confidence: number;
}

export interface ActorEntry {
  codes: DatedCode[];
  type: ActorType;
  /** Display name. */
  name: string;
  via: string;
}

export interface AgentEntry {
  /** Sector code(s) without tilde, e.g. MIL, GOVMIL. */
  code: string;
  /** [NGO~]: the code goes before the country. */
  prefix: boolean;
  /** The dictionary phrase, lower case ("foreign minister"). */
  name: string;
}

export interface FindOptions {
  /** Document date (YYYY-MM-DD or ISO timestamp) for dated roles; each person's latest role when absent. */
  date?: string | null;
  start?: number;
  end?: number;
  /** 'all' (default) also returns agents with no country ("police" → ---COP); 'attached' drops them. */
  agents?: 'all' | 'attached';
  /** Also names inside longer capitalised names ("... Alliance Northern Territory"): resolve's fallback for organisation names. */
  inNames?: boolean;
}

export interface Resolution {
  code: string;
  country: string | null;
  sector: string | null;
  name: string;
}

/** CAMEO sector (role) codes: what may follow a country code. */
export const SECTORS = new Set([
  'GOV', 'MIL', 'COP', 'JUD', 'LEG', 'SPY', 'ELI', 'OPP', 'PTY', 'REB', 'INS', 'SEP', 'UAF', 'PRM', 'CVL',
  'MED', 'JRN', 'BUS', 'MNC', 'EDU', 'LAB', 'AGR', 'REF', 'HLH', 'HRI', 'ENV', 'DEV', 'CRM', 'REL', 'NGO',
  'IGO', 'SOC', 'MOD', 'RAD', 'PRE', 'UNK', 'FRM', 'MUS', 'CHR', 'JEW', 'BUD', 'HIN', 'SHI', 'SUN', 'CTH',
  'ORT', 'PRO', 'ATH', 'SPR', 'TRE', 'NON',
]);

/** Leading code parts that are not countries: IGOs, NGOs, companies, militant groups, regions and blocs. */
export const NON_STATE = new Set([
  'IGO', 'NGO', 'MNC', 'IMG', 'UIS', 'NGM', '---', 'INT', 'WST', 'EUR', 'AFR', 'ASA', 'MEA', 'LAM', 'NMR',
  'SAM', 'CAS', 'CEU', 'EEU', 'SEA', 'SAS', 'WAF', 'EAF', 'SAF', 'NAF', 'CFR', 'BLK', 'CAU', 'CRB', 'EIN',
  'MDT', 'PGS', 'SCN', 'ARB', 'GLS',
]);

/** Agent codes that mark non-actors in PETRARCH dictionaries (days of the week, storms). */
export const NOT_ACTOR_CODES = new Set(['NON', 'JNK']);


const CONFIDENCE: Record<string, number> = {
  name: 0.95, collective: 0.9, leader: 0.9, demonym: 0.85, capital: 0.8, agent: 0.8, title: 0.85, alias: 0.75, place: 0.6,
};


export function dateNumber(date: string | null | undefined): number {
  if (date) {
    // ISO dates (2022-05-05, with or without a time) and PETRARCH's YYYYMMDD.
    const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(date);
    if (m) return Number(m[1] + m[2] + m[3]);
  }
  const d = new Date();
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** Country part of a code (ISO alpha-3), or null for blocs, IGOs, NGOs and unknown actors. */
export function countryOf(code: string): string | null {
  const c = code.slice(0, 3);
  if (c.length < 3 || NON_STATE.has(c) || !/^[A-Z]{3}$/.test(c)) return null;
  // Phoenix codes some media and companies by sector alone ("MED" for a newspaper): no country.
  // (MUS is also Mauritius and SUN the Soviet Union: those stay countries.)
  if (SECTORS.has(c) && c !== 'MUS' && c !== 'SUN') return null;
  return c;
}

/** Sector codes found after the leading actor part ("RUSGOVMIL" → GOVMIL, "IGOUNOJUDICJ" → JUD). */
export function sectorOf(code: string): string | null {
  const lead = code.slice(0, 3);
  const parts: string[] = SECTORS.has(lead) && lead !== 'MUS' && lead !== 'SUN' && lead !== 'IGO' ? [lead] : [];
  for (let i = 3; i + 3 <= code.length; i += 3) {
    const p = code.slice(i, i + 3);
    if (SECTORS.has(p)) parts.push(p);
  }
  return parts.length ? parts.join('') : null;
}

/** `day` for a text with no date: roles resolve against each person's latest role. */
export const UNDATED = -1;

/**
 * The code valid on `day`; roles that all ended before it make the person an elite (ELI) of their
 * country. With no date (UNDATED) the latest role decides: nobody is "former" only because the text
 * has no date.
 */
export function pickCode(codes: readonly DatedCode[], day: number): string {
  if (day === UNDATED) {
    let latest: DatedCode | null = null;
    for (const c of codes) if (c.dated && (!latest || c.to > latest.to || (c.to === latest.to && c.from > latest.from))) latest = c;
    if (latest) return latest.code;
    return codes[0]!.code;
  }
  for (const c of codes) if (c.dated && c.from <= day && day <= c.to) return c.code;
  for (const c of codes) if (!c.dated) return c.code;
  const ended = codes.filter((c) => c.to < day).sort((a, b) => b.to - a.to)[0];
  if (ended) {
    const country = countryOf(ended.code);
    return country && sectorOf(ended.code) ? country + 'ELI' : ended.code;
  }
  return countryOf(codes[0]!.code) ?? codes[0]!.code;
}

export class ActorDictionary {
  private readonly actors = new PhraseTrie<ActorEntry>(undefined, (b) => this.actorBlock(b));
  private readonly agents = new PhraseTrie<AgentEntry>((ref) => this.agentRef(ref));

  /**
   * Data files queued by reference (load.ts): their texts, four numbers per queued phrase (text,
   * phrase start, phrase end, line start), and the entries made so far, one per line. Phrases and
   * entries are made only when a text contains the phrase's first word.
   */
  private readonly lazyTexts: string[] = [];
  private readonly lazyRefs: number[] = [];
  private readonly lazyEntries: Array<Map<number, ActorEntry>> = [];

  /** Keep a data file's text for phrases queued with queueActorPhrase / queueAgentPhrase. */
  lazyText(text: string): number {
    this.lazyTexts.push(text);
    this.lazyEntries.push(new Map());
    return this.lazyTexts.length - 1;
  }

  /** The entry of the actor line starting at `lineStart` (made once, shared by its phrases). */
  lazyActorEntry(textId: number, lineStart: number): ActorEntry {
    const entries = this.lazyEntries[textId]!;
    let e = entries.get(lineStart);
    if (!e) entries.set(lineStart, (e = actorEntryAt(this.lazyTexts[textId]!, lineStart)));
    return e;
  }

  /** Queue the phrases of one key of a data file: (start, end, line start) triples into its text. */
  queueActorBlock(key: string, textId: number, triples: readonly number[]): void {
    this.actors.addLazyBlock(key, { source: textId, refs: triples });
  }

  /** A display name for a plain code, unless one is known (see register). */
  registerName(code: string, name: string): void {
    if (!this.codeNames.has(code)) this.codeNames.set(code, name);
  }

  /** The same for an agent phrase (each phrase its own entry: the name is the phrase). */
  queueAgentPhrase(key: string, textId: number, start: number, end: number, lineStart: number): void {
    this.agents.addLazyRef(key, this.lazyRefs.length / 4);
    this.lazyRefs.push(textId, start, end, lineStart);
  }

  private actorBlock(b: LazyBlock): Array<[string, ActorEntry]> {
    const text = this.lazyTexts[b.source]!;
    const out: Array<[string, ActorEntry]> = [];
    for (let k = 0; k < b.refs.length; k += 3) out.push([text.slice(b.refs[k], b.refs[k + 1]), this.lazyActorEntry(b.source, b.refs[k + 2]!)]);
    return out;
  }

  private agentRef(ref: number): [string, AgentEntry] | null {
    const r = this.lazyRefs;
    const text = this.lazyTexts[r[4 * ref]!]!;
    return agentPhraseAt(text, r[4 * ref + 1]!, r[4 * ref + 2]!, r[4 * ref + 3]!);
  }
  private static shipped: ActorDictionary | undefined;
  /** Milliseconds the shipped data took to load (for the results table). */
  static loadMs = 0;

  get actorCount(): number {
    return this.actors.size;
  }
  get agentCount(): number {
    return this.agents.size;
  }

  addActor(pattern: Pattern, entry: ActorEntry): void {
    this.actors.add(pattern, entry);
    this.register(entry);
  }

  /** Add a phrase in the data-file convention; parsed when a text first contains its first word. */
  addActorPhrase(phrase: string, entry: ActorEntry): void {
    if (!this.actors.addLazy(phrase, entry)) {
      const p = parsePattern(phrase);
      if (p) this.actors.add(p, entry);
    }
  }

  /** Display names of plain codes ("RUS" → Russia), for naming combinations such as RUSMIL. */
  register(entry: ActorEntry): void {
    const c = entry.codes[entry.codes.length - 1];
    if (c && c.to === 99999999 && (entry.type === 'state' || entry.type === 'bloc' || entry.type === 'organisation') && entry.via !== 'place' && entry.via !== 'capital' && !sectorOf(c.code) && !this.codeNames.has(c.code)) this.codeNames.set(c.code, entry.name);
  }
  private readonly codeNames = new Map<string, string>();

  /** "Russia (military)" for RUSMIL: the longest known code prefix, then its sector words. */
  private groupName(code: string, fallback: string): string {
    for (const len of [9, 6, 3]) {
      // "---" is no actor of its own (an unknown country): never named after an entry coded so.
      const base = code.startsWith('---') ? undefined : this.codeNames.get(code.slice(0, len));
      if (base && code.length > len) {
        const rest: string[] = [];
        for (let i = len; i + 3 <= code.length; i += 3) rest.push(SECTOR_NAMES[code.slice(i, i + 3)] ?? code.slice(i, i + 3));
        return `${base} (${rest.join(', ')})`;
      }
    }
    return fallback;
  }
  addAgent(pattern: Pattern, entry: AgentEntry): void {
    this.agents.add(pattern, entry);
  }

  /** The shipped dictionary (src/actors/data), loaded once. */
  static default(): ActorDictionary {
    if (!ActorDictionary.shipped) {
      const t0 = performance.now();
      ActorDictionary.shipped = ActorDictionary.load(true);
      ActorDictionary.loadMs = performance.now() - t0;
    }
    return ActorDictionary.shipped;
  }

  /**
   * A fresh copy of the shipped data; `handWritten: false` leaves out slant's own files (leaders,
   * organisations, blocs, capitals stay since they are part of the generated file) to measure what
   * the converted Phoenix data and the rules do alone.
   */
  static load(handWritten: boolean, opts: { blindTo?: readonly string[] } = {}): ActorDictionary {
    const d = new ActorDictionary();
    const raw = (f: string): string => readFileSync(new URL(`./data/${f}`, import.meta.url), 'utf8');
    // blindTo: texts (evaluation cases) whose names the hand-written files must not know — every
    // hand-written line with a phrase occurring in one of them is left out (an honest estimate of
    // accuracy on cases nobody read, since those files were written with the dev cases visible).
    const blind = opts.blindTo ? blindFilter(opts.blindTo) : null;
    const read = (f: string): string => (blind && /^extra-(actors|leaders)\.tsv$/.test(f) ? blind(raw(f), false) : raw(f));
    // The index `npm run build` writes beside each actor file (scripts/build-actor-index.mjs); without
    // it (or when stale) loadActorTsv computes the same from the text.
    const actorFile = (f: string): void => {
      let index: ActorIndex | null = null;
      try {
        index = blind ? null : (JSON.parse(read(`${f}.index.json`)) as ActorIndex);
      } catch {
        index = null;
      }
      loadActorTsv(d, read(f), index);
    };
    // Hand-written entries first: on equal phrases the first entry wins.
    if (handWritten) {
      actorFile('extra-actors.tsv');
      actorFile('extra-leaders.tsv');
    }
    actorFile('actors.tsv');
    // Country names in other languages (CLDR, convert-cldr.ts).
    actorFile('names-cldr.tsv');
    // Gazetteer cities and provinces (convert-places.ts): after every other name, so those win.
    actorFile('places.tsv');
    if (handWritten) loadAgentTsv(d, read('extra-agents.tsv'));
    loadAgentTsv(d, read('agents.tsv'));
    return d;
  }

  /** A dictionary from PETRARCH-format files (their text), e.g. the validation sets' own dictionaries. */
  static fromPetrarch(files: { actors: string[]; agents?: string[] }): ActorDictionary {
    const d = new ActorDictionary();
    for (const text of files.actors) {
      for (const a of parseActors(text)) {
        const first = a.codes[0]!.code;
        const type: ActorType = a.codes.some((c) => c.dated) ? 'person' : countryOf(first) && first.length === 3 ? 'state' : 'organisation';
        const name = titleCase(a.names[0]!.words.join(' '));
        const entry: ActorEntry = { codes: a.codes, type, name, via: 'name' };
        for (const n of a.names) {
          // PETRARCH matches case-insensitively; a phrase without a trailing '_' ends in a stem.
          const p = parsePattern(n.words.join(' ').toLowerCase() + (n.exact ? '' : '*'));
          if (p) d.addActor(p, entry);
        }
      }
    }
    for (const text of files.agents ?? []) addAgents(d, text);
    return d;
  }

  /** Actors in text[start, end): non-overlapping, sorted, UTF-16 offsets. */
  find(text: string, opts: FindOptions = {}): ActorMatch[] {
    const day = opts.date ? dateNumber(opts.date) : UNDATED;
    const end = Math.min(opts.end ?? text.length, text.length);
    const aliases = new Map<string, ActorEntry>();
    const titled = new Map<string, ActorMatch>();
    const out: ActorMatch[] = [];
    // Long texts go in chunks cut at a line or sentence end, so memory stays bounded (50 MB inputs).
    for (let start = Math.max(0, opts.start ?? 0); start < end; ) {
      const stop = chunkEnd(text, start, end);
      const words = wordTokens(text, start, stop);
      const items = this.scan(words, day, aliases, !!opts.inNames);
      // Bare agents of no country ("President", "police") are dropped in 'attached' mode only after
      // the context step, which needs them ("President Holland" is a person, not the Netherlands).
      const attached = opts.agents === 'attached';
      for (const m of linkSurnames(words, applyContext(text, this.combine(words, items, 'all'), start, stop), titled)) {
        if (!attached || !(m.via === 'agent' && !m.country && m.code.startsWith('---'))) out.push(m);
      }
      start = stop;
    }
    return out;
  }

  /** The actor a short phrase denotes ("Russia's ambassador to Poland" → RUSGOV), or null if unknown. */
  resolve(text: string, date?: string | null): Resolution | null {
    const matches = this.find(text, { date, agents: 'all' });
    // A personal pronoun is an actor the phrase does not identify.
    if (!matches.length && /^\s*(he|she|they|him|her|them)\s*$/i.test(text)) return { code: '---UNK', country: null, sector: 'UNK', name: text.trim() };
    const words = wordTokens(text);
    if (!matches.some((m) => m.country)) {
      const org = this.organisationIn(text, words, matches, date);
      if (org) return org;
    }
    if (!matches.length) return null;
    const locative = (m: ActorMatch): boolean => {
      const i = words.findIndex((w) => w.start === m.start);
      return i > 0 && LOCATIVE.has(words[i - 1]!.key);
    };
    const head = matches.find((m) => !locative(m)) ?? matches[0]!;
    let { code, country, sector, name } = head;
    // A bare agent takes its country from elsewhere in the phrase ("professor ... in Scotland").
    if (!country && head.via === 'agent') {
      const other = matches.find((m) => m !== head && m.country);
      if (other) {
        country = other.country;
        code = other.country + (sector ?? '');
        name = this.groupName(code, name);
      }
    }
    // A city named as an actor stands for its people.
    if (head.via === 'place' && !sector && head === matches.find((m) => !locative(m))) {
      sector = 'CVL';
      code = (country ?? code) + 'CVL';
    }
    return { code, country, sector, name };
  }

  /**
   * "Aboriginal Medical Services Alliance Northern Territory": an organisation's name (two or more
   * capitalised words, one of them an organisation noun) with a state or place inside it is an
   * organisation of that country; the sector comes from an agent word in the phrase, if any.
   */
  private organisationIn(text: string, words: readonly WordToken[], strict: ActorMatch[], date?: string | null): Resolution | null {
    if (words.length > 12 || !words.some((w) => ORGANISATION_WORDS.has(w.key)) || words.filter((w) => /^\p{Lu}/u.test(w.text)).length < 2) return null;
    const loose = this.find(text, { date, agents: 'all', inNames: true });
    const where = loose.find((m) => m.country && m.type === 'state');
    if (!where) return null;
    // The head noun comes last in English names ("Lagos Business School"): the rightmost agent decides.
    const last = (ms: ActorMatch[]): string | null => ms.filter((m) => m.sector && m !== where).pop()?.sector ?? null;
    const sector = last(strict) ?? last(loose);
    return { code: where.country + (sector ?? ''), country: where.country, sector, name: text.trim() };
  }

  /** Left to right, longest match: dictionary actors first, agents where no actor matches. */
  /** `aliases`: surnames of people named in full earlier in the text ("Angela Merkel" ... "Merkel"). */
  private scan(words: readonly WordToken[], day: number, aliases: Map<string, ActorEntry>, inNames = false): Item[] {
    const items: Item[] = [];
    const lower = isLowerCaseText(words);
    for (let i = 0; i < words.length; ) {
      let a = this.actors.longestAt(words, i, undefined, lower);
      // "the West Bank": a longer name starting after "the" wins over "the West".
      if (a && words[i]!.key === 'the' && i + 1 < words.length) {
        const b = this.actors.longestAt(words, i + 1, undefined, lower);
        if (b && b.to > a.to) a = null;
      }
      const g = this.agents.longestAt(words, i);
      if (a && g && g.to === a.to) {
        // "the Nigerian Senate", "Peru's Congress": a state organ's name that is another state's in
        // the dictionary (Congress → USALEG) but also an agent, right after a state → that state's agent.
        const prev = items[items.length - 1];
        const own = countryOf(pickCode(pickEntry(a.terminals).codes, day));
        if (own && prev && prev.kind === 'actor' && prev.to === a.from && prev.actor?.type === 'state' && countryOf(prev.code ?? '') !== own && sectorOf(pickCode(pickEntry(a.terminals).codes, day))) a = null;
      }
      const alen = a ? a.to - a.from : 0;
      const glen = g ? g.to - g.from : 0;
      const entryKey = a ? '\u0001' + words.slice(a.from, a.to).map((w) => w.key).join(' ') : '';
      const prevItem = items[items.length - 1];
      // "Hunter Biden": a capitalised common-noun agent (not a title: hunter, farmer, baker) right
      // before a person's name is the first name of someone else, not a title of the known person.
      const namePart = !!a && alen >= glen && prevItem?.kind === 'agent' && prevItem.to === a.from && prevItem.to - prevItem.from === 1 && !words[a.from]!.barrier && /^\p{Lu}/u.test(words[prevItem.from]!.text) && !TITLE_SECTORS.has(prevItem.agent!.code.slice(0, 3)) && !CLERGY.has(words[prevItem.from]!.key) && isPersonEntry(pickEntry(a.terminals));
      if (namePart) items.pop();
      if (a && alen >= glen && !inNames && (namePart || aliases.has(entryKey) || this.partOfLongerName(words, a.from, a.to, pickEntry(a.terminals)))) {
        // "Mohammed Hussein Roble", "Feliciano Valencia", "New York Times": a person or place name
        // inside a longer capitalised name is someone (or something) else, and stays so for the rest
        // of the text ("Christopher Ferrara" ... "Ferrara" is not the Italian city).
        // A person's name after another first name ("Hunter Biden") blocks that phrase alone for the
        // rest of the text too, until the person is named in full again: "Biden" then is not the
        // dictionary's Joe Biden.
        const e = pickEntry(a.terminals);
        // Only a common noun used as a first name says so for sure; any capitalised word before or
        // after does not ("Trump Tower", "Secretary of State John Kerry", "What Trump wants" in a headline).
        const otherPerson = isPersonEntry(e) && namePart;
        if (e.via === 'place' || e.via === 'capital' || otherPerson) aliases.set(entryKey, BLOCKED);
        if (otherPerson) aliases.delete(words[a.to - 1]!.key.replace(/'s?$/, ''));
        i = a.to;
        continue;
      }
      if (a && alen >= glen && pickEntry(a.terminals).via === 'nonactor') {
        // "the South China Sea": a place name containing a country name is not the country.
        i = a.to;
        continue;
      }
      if (a && alen >= glen) {
        const entry = pickEntry(a.terminals);
        const item: Item = { from: a.from, to: a.to, kind: 'actor', actor: entry, code: pickCode(entry.codes, day) };
        if (entry.type === 'person' || entry.type === 'leader') {
          // "President Obama", "Israeli Prime Minister Ehud Barak": a title inside the phrase.
          for (let p = a.from; p < a.to - 1 && !item.titleAgent; p++) {
            const t = this.agents.longestAt(words, p);
            if (t && t.to < a.to) item.titleAgent = t.terminals[0]!.value;
          }
        }
        if (entry.via === 'capital' && i > 0 && LOCATIVE.has(words[i - 1]!.key)) item.locative = true;
        items.push(item);
        if ((entry.type === 'person' || entry.type === 'leader') && alen >= 2) {
          // The surname, unless it is also a common word ("Theresa May" → not every "May").
          const last = words[a.to - 1]!;
          const k = last.key.replace(/'s?$/, '');
          // Two people of one surname named in full: the surname alone names neither.
          const had = aliases.get(k);
          if (k.length > 2 && !NOT_NAMES.has(k) && !GAP_STOP.has(k) && !COMMON_SURNAME_WORDS.has(k)) aliases.set(k, had && had !== entry && had.name !== entry.name ? BLOCKED : entry);
          // Named in full again: the surname phrase is theirs again (see the block above).
          if (aliases.get('\u0001' + k) === BLOCKED) aliases.delete('\u0001' + k);
        }
        i = a.to;
      } else if (g) {
        const prev = items[items.length - 1];
        const agent = g.terminals[0]!.value;
        // Adjacent agents form one ("ministry spokesperson", "army accountant"): the first decides the
        // sector, unless it only qualifies the second ("deputy foreign minister").
        if (prev && prev.kind === 'agent' && prev.to === g.from && !words[g.from]!.barrier) {
          if (WEAK_AGENTS.has(prev.agent!.name) || prev.agent!.code === 'UNK') prev.agent = agent;
          prev.to = g.to;
        } else if (agent.code !== 'UNK' || (i + 1 < words.length && words[g.to]?.key !== 'of')) {
          // "a group of tourists": an unspecific agent followed by "of" yields to what follows.
          items.push({ from: g.from, to: g.to, kind: 'agent', agent });
        }
        i = g.to;
      } else {
        const w = words[i]!;
        const alias = aliases.get(w.key.replace(/'s?$/, ''));
        if (alias && alias !== BLOCKED && /^\p{Lu}/u.test(w.text) && !(i + 1 < words.length && /^\p{Lu}/u.test(words[i + 1]!.text) && !words[i + 1]!.barrier)) {
          items.push({ from: i, to: i + 1, kind: 'actor', actor: { ...alias, via: 'alias' }, code: pickCode(alias.codes, day) });
        }
        i++;
      }
    }
    return items;
  }

  private partOfLongerName(words: readonly WordToken[], from: number, to: number, e: ActorEntry): boolean {
    if (!(e.type === 'person' || e.type === 'leader' || e.via === 'place' || e.via === 'capital')) return false;
    const cap = (w: WordToken | undefined): boolean => !!w && /^\p{Lu}/u.test(w.text);
    // Headline case ("Putin Says West Is Weak"): capitals say nothing there.
    if (isHeadline(words, from, to)) return false;
    const next = words[to];
    // The next capitalised word continues the name unless it starts an actor of its own (a place
    // does not count: "Mandalay Bay" is a hotel, though Bay is a Somali region).
    const na = next ? this.actors.longestAt(words, to) : null;
    const startsActor = !!na && pickEntry(na.terminals).via !== 'place';
    if (next && !next.barrier && cap(next) && !NOT_NAMES.has(next.key) && !startsActor && !this.agents.longestAt(words, to)) return true;
    return this.nameBefore(words, from);
  }

  /** A capitalised word (not a title, not sentence-initial) right before words[from]: "Hunter Biden", "Anna Doakes". */
  private nameBefore(words: readonly WordToken[], from: number): boolean {
    const prev = words[from - 1];
    // A capitalised word that starts a sentence or clause says nothing either.
    return !!prev && !words[from]!.barrier && /^\p{Lu}/u.test(prev.text) && from - 1 > 0 && !prev.barrier && !NOT_NAMES.has(prev.key) && !GAP_STOP.has(prev.key) && !FORMER.has(prev.key) && !this.agents.longestAt(words, from - 1);
  }

  /** Combine countries with agents and titles with names; resolve codes; build matches. */
  private combine(words: readonly WordToken[], items: Item[], agentsMode: 'all' | 'attached'): ActorMatch[] {
    return combineItems(words, items, agentsMode, (w, f, t, c, n, ty, v) => this.match(w, f, t, c, n, ty, v));
  }

  private match(words: readonly WordToken[], from: number, to: number, code: string, name: string, type: ActorType, via: string): ActorMatch {
    // The possessive ending is not part of the name: "Washington's allies" → "Washington".
    let end = words[to - 1]!.end;
    if (/['’]s$/.test(words[to - 1]!.text)) end -= 2;
    const country = countryOf(code);
    return {
      start: words[from]!.start,
      end,
      code,
      name: via === 'agent' || via === 'capital' ? this.groupName(code, name) : name,
      // State organs ("Russian troops", "the Chinese side") are organisations; others are groups.
      type: type === 'group' && country && /^(GOV|MIL|COP|JUD|LEG|SPY)/.test(code.slice(3)) ? 'organisation' : type,
      country,
      sector: code.startsWith('---') ? code.slice(3) || null : sectorOf(code),
      via,
      confidence: CONFIDENCE[via] ?? 0.7,
    };
  }
}

/** Readable names of CAMEO sector codes, for display. */
const SECTOR_NAMES: Record<string, string> = {
  GOV: 'government', MIL: 'military', COP: 'police', JUD: 'judiciary', LEG: 'legislature', SPY: 'intelligence',
  ELI: 'elites, former officials', OPP: 'opposition', PTY: 'party', REB: 'rebels', INS: 'insurgents', SEP: 'separatists',
  UAF: 'armed group', PRM: 'paramilitary', CVL: 'civilians', MED: 'media', JRN: 'journalists', BUS: 'business',
  MNC: 'multinational', EDU: 'education', LAB: 'labour', AGR: 'agriculture', REF: 'refugees', HLH: 'health',
  HRI: 'human rights', ENV: 'environment', DEV: 'development', CRM: 'criminals', REL: 'religion', NGO: 'NGO',
  PRE: 'breakaway authorities', UNK: 'unspecified', MOD: 'moderates', RAD: 'radicals', SOC: 'social groups',
};


const isPersonEntry = (e: ActorEntry): boolean => e.type === 'person' || e.type === 'leader';

/** Marks, in the per-text alias map, a place name found to be part of a person's name. */
const BLOCKED: ActorEntry = { codes: [], type: 'unknown', name: '', via: 'blocked' };





















/**
 * Removes from a hand-written data file every line with a phrase that occurs (whole words, any
 * case) in one of `texts`. Agent files: CODE<TAB>phrases; actor files: phrases in the fifth column.
 */
export function blindFilter(texts: readonly string[]): (file: string, agents: boolean) => string {
  const hay = texts.map((t) => ` ${t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `);
  const occurs = (phrase: string): boolean => {
    const p = phrase.replace(/[~*_]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    return !!p && hay.some((h) => h.includes(` ${p} `));
  };
  return (file, agents) =>
    file
      .split('\n')
      .filter((line) => {
        if (!line || line.startsWith('#')) return true;
        const f = line.split('\t');
        const phrases = (agents ? f[1] : f[4]) ?? '';
        return !phrases.split('|').some(occurs);
      })
      .join('\n');
}
