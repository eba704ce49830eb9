/**
 * Actor dictionary and recogniser: dictionary names (states, blocs, organisations, leaders with dated
 * roles) found by a word trie, agents (sector words: "troops", "foreign minister") combined with a
 * nearby country ("Russian troops" → RUSMIL), all normalised to CAMEO-style codes.
 */
import { readFileSync } from 'node:fs';
import { applyContext } from './context.js';
import type { ActorMention, ActorType } from './types.js';
import { parseActors, parseAgents, type DatedCode } from './petrarch.js';
import { PhraseTrie, parsePattern, wordTokens, type Pattern, type Terminal, type WordToken } from './trie.js';

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
const NOT_ACTOR_CODES = new Set(['NON', 'JNK']);

/** Words that make a title historical: "former President" is an elite (ELI), not the government. */
const FORMER = new Set(['former', 'ex', 'retired', 'late', 'erstwhile', 'onetime', 'one-time', 'then']);
/** Prepositions that make a capital a place ("talks in Moscow") rather than its government. */
const LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'across', 'around', 'inside', 'to', 'into', 'throughout', 'within', 'across', 'via']);
/** Lower-case words allowed inside a person's name after a title ("Ban Ki-moon", "bin Salman"). */
const NAME_PARTICLES = new Set(['bin', 'al', 'van', 'von', 'de', 'da', 'der', 'la', 'le', 'du', 'dos', 'del', 'ibn', 'el']);

const CONFIDENCE: Record<string, number> = {
  name: 0.95, collective: 0.9, leader: 0.9, demonym: 0.85, capital: 0.8, agent: 0.8, title: 0.85, alias: 0.75, place: 0.6,
};

interface Item {
  from: number;
  to: number;
  kind: 'actor' | 'agent';
  actor?: ActorEntry;
  agent?: AgentEntry;
  /** Actor code resolved for the date. */
  code?: string;
  locative?: boolean;
  /** A title the person's own dictionary phrase starts with ("President Obama"): the text states the role. */
  titleAgent?: AgentEntry;
}

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
  private readonly actors = new PhraseTrie<ActorEntry>();
  private readonly agents = new PhraseTrie<AgentEntry>();
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
      const base = this.codeNames.get(code.slice(0, len));
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
  static load(handWritten: boolean): ActorDictionary {
    const d = new ActorDictionary();
    const read = (f: string): string => readFileSync(new URL(`./data/${f}`, import.meta.url), 'utf8');
    // Hand-written entries first: on equal phrases the first entry wins.
    if (handWritten) {
      loadActorTsv(d, read('extra-actors.tsv'));
      loadActorTsv(d, read('extra-leaders.tsv'));
    }
    loadActorTsv(d, read('actors.tsv'));
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
    const out: ActorMatch[] = [];
    // Long texts go in chunks cut at a line or sentence end, so memory stays bounded (50 MB inputs).
    for (let start = Math.max(0, opts.start ?? 0); start < end; ) {
      const stop = chunkEnd(text, start, end);
      const words = wordTokens(text, start, stop);
      const items = this.scan(words, day, aliases);
      for (const m of applyContext(text, this.combine(words, items, opts.agents ?? 'all'))) out.push(m);
      start = stop;
    }
    return out;
  }

  /** The actor a short phrase denotes ("Russia's ambassador to Poland" → RUSGOV), or null if unknown. */
  resolve(text: string, date?: string | null): Resolution | null {
    const matches = this.find(text, { date, agents: 'all' });
    // A personal pronoun is an actor the phrase does not identify.
    if (!matches.length && /^\s*(he|she|they|him|her|them)\s*$/i.test(text)) return { code: '---UNK', country: null, sector: 'UNK', name: text.trim() };
    if (!matches.length) return null;
    const words = wordTokens(text);
    const locative = (m: ActorMatch): boolean => {
      const i = words.findIndex((w) => w.start === m.start);
      return i > 0 && LOCATIVE.has(words[i - 1]!.key);
    };
    const head = matches.find((m) => !locative(m)) ?? matches[0]!;
    let { code, country, sector } = head;
    // A bare agent takes its country from elsewhere in the phrase ("professor ... in Scotland").
    if (!country && head.via === 'agent') {
      const other = matches.find((m) => m !== head && m.country);
      if (other) {
        country = other.country;
        code = other.country + (sector ?? '');
      }
    }
    // A city named as an actor stands for its people.
    if (head.via === 'place' && !sector && head === matches.find((m) => !locative(m))) {
      sector = 'CVL';
      code = (country ?? code) + 'CVL';
    }
    return { code, country, sector, name: head.name };
  }

  /** Left to right, longest match: dictionary actors first, agents where no actor matches. */
  /** `aliases`: surnames of people named in full earlier in the text ("Angela Merkel" ... "Merkel"). */
  private scan(words: readonly WordToken[], day: number, aliases: Map<string, ActorEntry>): Item[] {
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
      const alen = a ? a.to - a.from : 0;
      const glen = g ? g.to - g.from : 0;
      const entryKey = a ? '\u0001' + words.slice(a.from, a.to).map((w) => w.key).join(' ') : '';
      if (a && alen >= glen && (aliases.has(entryKey) || this.partOfLongerName(words, a.from, a.to, pickEntry(a.terminals)))) {
        // "Mohammed Hussein Roble", "Feliciano Valencia", "New York Times": a person or place name
        // inside a longer capitalised name is someone (or something) else, and stays so for the rest
        // of the text ("Christopher Ferrara" ... "Ferrara" is not the Italian city).
        const e = pickEntry(a.terminals);
        if (e.via === 'place' || e.via === 'capital') aliases.set(entryKey, BLOCKED);
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
          if (k.length > 2 && !NOT_NAMES.has(k) && !GAP_STOP.has(k) && !COMMON_SURNAME_WORDS.has(k)) aliases.set(k, entry);
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
        if (alias && /^\p{Lu}/u.test(w.text) && !(i + 1 < words.length && /^\p{Lu}/u.test(words[i + 1]!.text) && !words[i + 1]!.barrier)) {
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
    const prev = words[from - 1];
    // A capitalised word that starts a sentence or clause says nothing either.
    if (prev && !words[from]!.barrier && cap(prev) && from - 1 > 0 && !prev.barrier && !NOT_NAMES.has(prev.key) && !GAP_STOP.has(prev.key) && !FORMER.has(prev.key) && !this.agents.longestAt(words, from - 1)) return true;
    return false;
  }

  /** Combine countries with agents and titles with names; resolve codes; build matches. */
  private combine(words: readonly WordToken[], items: Item[], agentsMode: 'all' | 'attached'): ActorMatch[] {
    const out: ActorMatch[] = [];
    // Words a..b-1 lie between two items; no punctuation barrier may separate them.
    const gapOk = (a: number, b: number, max: number): boolean => {
      if (b - a > max) return false;
      for (let k = a; k <= b && k < words.length; k++) if (words[k]!.barrier) return false;
      // Only modifiers may stand between ("Russian special forces"), not verbs or function words.
      for (let k = a; k < b; k++) {
        const w = words[k]!;
        // "Somalia-based", "Kurdish-led": a participle hyphenated to the country is a modifier; but
        // "Iran-backed militias" or a "US-controlled regime" are not the country's own agents.
        if (GAP_STOP.has(w.key) || (/(?:ing|ed)$/.test(w.key) && !w.before.includes('-')) || (w.before.includes('-') && PROXY_WORDS.has(w.key))) return false;
      }
      return true;
    };
    const isPerson = (it: Item | undefined): boolean => !!it && it.kind === 'actor' && (it.actor!.type === 'person' || it.actor!.type === 'leader');
    const isPlace = (it: Item | undefined): boolean => !!it && it.kind === 'actor' && !isPerson(it) && !!countryOf(it.code!);
    // Two items joined only by "and", "or" or a comma ("Arnor, Osgiliath and Gondor").
    const coordinated = (a: Item, b: Item): boolean => {
      if (b.from - a.to > 1) return false;
      for (let k = a.to; k <= b.from; k++) if (!/^[\s,]*$/.test(words[k]!.before)) return false;
      return b.from === a.to ? words[b.from]!.before.includes(',') : words[a.to]!.key === 'and' || words[a.to]!.key === 'or';
    };
    /** Matches made for coordinated countries that share an agent, emitted after the current one. */
    const extra: ActorMatch[] = [];
    const share = (first: number, sector: string, agentName: string): number => {
      let k = first;
      while (k + 1 < items.length && isPlace(items[k + 1]) && coordinated(items[k]!, items[k + 1]!)) {
        const it = items[++k]!;
        const c = countryOf(it.code!)!;
        extra.push(this.match(words, it.from, it.to, c + sector, `${it.actor!.name} ${agentName}`, 'group', 'agent'));
      }
      return k;
    };
    for (let k = 0; k < items.length; k++) {
      const it = items[k]!;
      let from = it.from;
      let to = it.to;
      let code: string;
      let name: string;
      let type: ActorType;
      let via: string;
      let title: AgentEntry | null = null;
      let skipTo = -1;
      /** Set when the code does not start with the country ("IGOBGD" for Bangladeshi peacekeepers). */
      let countryOverride: string | null = null;
      if (it.kind === 'actor') {
        const e = it.actor!;
        code = it.code!;
        name = e.name;
        type = e.type;
        via = e.via;
        if (it.locative) {
          code = countryOf(code) ?? code;
          via = 'place';
        }
        if (it.titleAgent) code = withTitle(code, it.titleAgent);
        let next: Item | undefined = items[k + 1];
        // "Egyptian President Hosni Mubarak", "Russian President Putin": one mention, the person's.
        if (isPlace(it) && isPerson(next) && next!.from === it.to && !words[next!.from]!.barrier) {
          const pc = countryOf(next!.code!);
          if (!pc || pc === countryOf(code)) {
            code = next!.titleAgent ? withTitle(next!.code!, next!.titleAgent) : next!.code!;
            name = next!.actor!.name;
            type = next!.actor!.type;
            via = 'title';
            to = next!.to;
            k++;
            next = undefined;
          }
        }
        // "the Obama administration", "Putin's government": the person's country with the agent's sector.
        if (isPerson(it) && next && next.kind === 'agent' && next.from === to && !words[next.from]!.barrier && !next.agent!.prefix && next.agent!.code !== 'UNK' && countryOf(code)) {
          code = countryOf(code)! + next.agent!.code;
          name = `${name} ${next.agent!.name}`;
          type = 'group';
          via = 'agent';
          to = next.to;
          k++;
          next = undefined;
        }
        // "Russian and Chinese troops": a country coordinated with one that has an agent shares it.
        const after = items[k + 2];
        if (isPlace(it) && isPlace(next) && coordinated(it, next!) && after && after.kind === 'agent' && gapOk(next!.to, after.from, 2) && !after.agent!.prefix) {
          code = countryOf(code)! + after.agent!.code;
          name = `${e.name} ${after.agent!.name}`;
          type = 'group';
          via = 'agent';
          next = undefined;
        }
        // Country (or organisation) + agent: "Russian troops", "Chinese foreign ministry", "Shanghai police".
        // (Not when the actor already carries a sector: "Border Patrol ... criminal" adds nothing; not
        // after pro-/anti-: "anti-China forces" are not China's.)
        const hasSector = !!sectorOf(code) && !it.locative && e.via !== 'capital';
        const stance = it.from > 0 && words[it.from]!.before.includes('-') && (words[it.from - 1]!.key === 'anti' || words[it.from - 1]!.key === 'pro');
        if (stance) next = undefined;
        if (next && next.kind === 'agent' && e.type !== 'person' && e.type !== 'leader' && next.agent!.code !== 'UNK' && gapOk(it.to, next.from, e.type === 'organisation' || (hasSector && !next.agent!.prefix) ? 0 : 2)) {
          const ag = next.agent!;
          if (ag.prefix) countryOverride = countryOf(code);
          const base = e.via === 'capital' || e.via === 'place' || it.locative ? countryOf(code) ?? code : code;
          // A code made of sectors only ("MED" for a newspaper) or already carrying one keeps its code.
          code = ag.prefix ? ag.code + base : sectorOf(base) ? base : base + ag.code;
          // "Arnor former security officials": a past role in between makes an elite.
          for (let g = it.to; g < next.from; g++) if (FORMER.has(words[g]!.key)) code = (countryOf(code) ?? code.slice(0, 3)) + 'ELI';
          // "Danish media and government": the country also goes with the coordinated agents.
          const c = countryOf(base);
          let j = k + 1;
          while (c && !ag.prefix && items[j + 1]?.kind === 'agent' && !items[j + 1]!.agent!.prefix && coordinated(items[j]!, items[j + 1]!)) {
            const a = items[++j]!;
            extra.push(this.match(words, a.from, a.to, c + a.agent!.code, a.agent!.name, 'group', 'agent'));
          }
          if (j > k + 1) {
            // emitted after this match; skip them in the main loop
            skipTo = j;
          }
          name = `${e.name} ${ag.name}`;
          type = 'group';
          via = 'agent';
          to = next.to;
          title = ag;
          k++;
        }
      } else {
        let ag = it.agent!;
        // "Lawmakers and officials in Arnor": coordinated agents share the place after the last one.
        let lastAgent = k;
        while (items[lastAgent + 1]?.kind === 'agent' && !items[lastAgent + 1]!.agent!.prefix && !ag.prefix && coordinated(items[lastAgent]!, items[lastAgent + 1]!)) lastAgent++;
        const tail = items[lastAgent]!;
        const next = items[lastAgent + 1];
        // Agent + of/from/in + country: "President of Russia", "Soldiers from Gondor", "lawmakers in Kenya".
        const prepWord = tail.to < words.length && !words[tail.to]!.barrier ? words[tail.to]!.key : '';
        const prep = prepWord === 'of' || ((prepWord === 'from' || prepWord === 'in') && isPlace(next));
        const theOff = prep && tail.to + 1 < words.length && words[tail.to + 1]!.key === 'the' ? 1 : 0;
        const sharesPlace = lastAgent > k && prep && isPlace(next) && next!.from === tail.to + 1 + theOff && !words[next!.from]!.barrier;
        if (sharesPlace) {
          // The earlier agents become mentions of their own, coded with the shared country.
          const c = countryOf(next!.code!)!;
          out.push(this.match(words, it.from, it.to, c + ag.code, `${ag.name}`, 'group', 'agent'));
          for (let j = k + 1; j < lastAgent; j++) {
            const a = items[j]!;
            out.push(this.match(words, a.from, a.to, c + a.agent!.code, a.agent!.name, 'group', 'agent'));
          }
          k = lastAgent;
          ag = tail.agent!;
          from = tail.from;
          to = tail.to;
        }
        if (prep && next && next.kind === 'actor' && !isPerson(next) && next.from === tail.to + 1 + theOff && !words[next.from]!.barrier && (lastAgent === k)) {
          // An organisation that has its own sector keeps it ("president of the Riigikogu" → ESTLEG).
          const own = next.actor!.type === 'organisation' && sectorOf(next.code!);
          const base = own ? next.code! : countryOf(next.code!) ?? next.code!;
          code = ag.prefix ? ag.code + base : sectorOf(base) ? base : base + ag.code;
          if (ag.prefix) countryOverride = countryOf(base);
          name = `${ag.name} ${prepWord} ${next.actor!.name}`;
          type = 'group';
          via = 'agent';
          to = next.to;
          k++;
          const sector = code.slice(base.length);
          if (!ag.prefix && sector) k = share(k, sector, ag.name);
        } else if (ag.prefix && isPlace(next) && next!.from === it.to && !words[next!.from]!.barrier) {
          // "MSF Arnor": an agent that goes before the country code, then the country.
          code = ag.code + countryOf(next!.code!)!;
          countryOverride = countryOf(next!.code!);
          name = `${ag.name} ${next!.actor!.name}`;
          type = 'organisation';
          via = 'agent';
          to = next!.to;
          k++;
          const more = items[k + 1];
          if (more && more.kind === 'agent' && more.from === to && !more.agent!.prefix) {
            code += more.agent!.code;
            to = more.to;
            k++;
          }
        } else {
          code = ag.prefix ? ag.code : '---' + ag.code;
          name = ag.name;
          type = 'unknown';
          via = 'agent';
          title = ag;
        }
      }
      if (title) {
        const next = items[k + 1];
        if (isPerson(next) && next!.from === to && !words[next!.from]!.barrier) {
          // Title + known person ("President Putin", "US Senator Marco Rubio"): the role the text states
          // wins over the dictionary's dates, which may be stale; without a usable title the dated code decides.
          code = withTitle(next!.titleAgent ? withTitle(next!.code!, next!.titleAgent) : next!.code!, title);
          name = next!.actor!.name;
          type = next!.actor!.type;
          via = 'title';
          to = next!.to;
          k++;
        } else {
          // Only a singular title takes a name after it ("Senator Marco Rubio"; not "People Call",
          // "Sheriff's Office", "farmers Tuesday").
          const last = words[to - 1]!;
          const religious = RELIGION_SECTORS.has(title.code.slice(0, 3));
          const titleLike =
            (TITLE_SECTORS.has(title.code.slice(0, 3)) && !/s$|['’]s$/.test(last.key)) || last.key.endsWith('ss') ? !religious || CLERGY.has(last.key) : false;
          const end = titleLike ? personAfter(words, to, next ? next.from : words.length) : to;
          if (end > to) {
            name = `${name} ${words.slice(to, end).map((w) => w.text).join(' ')}`;
            to = end;
            type = (sectorOf(code) ?? '').startsWith('GOV') ? 'leader' : 'person';
            if (via === 'agent' && code.startsWith('---')) via = 'title';
          }
        }
      }
      // "King Hassan of Morocco", "President Putin of Russia": the state named after "of" is the
      // person's, whatever country the dictionary gives the name (names recur across countries).
      if ((type === 'person' || type === 'leader' || via === 'title') && to + 1 < words.length && words[to]!.key === 'of' && !words[to]!.barrier) {
        const nx = items[k + 1];
        const theOff = words[to + 1]!.key === 'the' ? 1 : 0;
        if (nx && nx.kind === 'actor' && nx.actor!.type === 'state' && nx.from === to + 1 + theOff && !words[nx.from]!.barrier && !nx.locative && countryOf(nx.code!)) {
          const c = countryOf(nx.code!)!;
          const own = countryOf(code);
          code = c + (own ? code.slice(3) : code.startsWith('---') ? code.slice(3) : sectorOf(code) ?? '');
          name = `${name} of ${nx.actor!.name}`;
          to = nx.to;
          k++;
        }
      }
      // "former President ...", "ex-minister": a past role makes an elite (ELI), not the government.
      if (from > 0 && FORMER.has(words[from - 1]!.key) && !words[from]!.barrier) {
        from--;
        code = (countryOf(code) ?? code.slice(0, 3)) + 'ELI';
      }
      // "ethnic Albanians", "ethnic Turkish villagers": an ethnicity, not the state of that name.
      if (it.kind === 'actor' && it.actor!.via === 'demonym' && from > 0 && words[from - 1]!.key === 'ethnic' && !words[from]!.barrier && countryOf(code)) {
        code = '---' + (code.length > 3 && sectorOf(code) ? code.slice(3) : 'CVL');
        name = `ethnic ${words.slice(from, to).map((w) => w.text).join(' ')}`;
        type = 'group';
        via = 'agent';
        countryOverride = null;
      }
      const country = countryOf(code);
      if (agentsMode === 'attached' && !country && code.startsWith('---') && via === 'agent') continue;
      const m = this.match(words, from, to, code, name, type, via);
      if (countryOverride) m.country = countryOverride;
      out.push(m);
      if (extra.length) out.push(...extra.splice(0));
      if (skipTo > k) k = skipTo;
    }
    return out;
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

/** Sectors of agents that can be a person's title ("President", "General", "Senator", "Judge"). */
const TITLE_SECTORS = new Set(['GOV', 'MIL', 'LEG', 'JUD', 'COP', 'SPY', 'ELI', 'OPP', 'PTY', 'REL', 'CHR', 'MUS', 'JEW', 'BUD', 'MED', 'JRN', 'EDU', 'HLH', 'BUS', 'REB', 'IGO', 'NGO']);

/** Marks, in the per-text alias map, a place name found to be part of a person's name. */
const BLOCKED: ActorEntry = { codes: [], type: 'unknown', name: '', via: 'blocked' };

/** Hyphenated participles that make an agent someone else's proxy ("Iran-backed militias"). */
const PROXY_WORDS = new Set([
  'backed', 'sponsored', 'funded', 'supported', 'controlled', 'installed', 'allied', 'aligned', 'friendly',
  'leaning', 'occupied', 'annexed', 'trained', 'armed', 'inspired', 'linked', 'affiliated', 'financed', 'imposed',
]);

/** Religion sectors: an agent there is a title only for clergy ("Archbishop X", not "Muslim Brotherhood"). */
const RELIGION_SECTORS = new Set(['MUS', 'CHR', 'JEW', 'BUD', 'HIN', 'REL', 'SHI', 'SUN', 'CTH', 'ORT', 'PRO']);
const CLERGY = new Set(['archbishop', 'bishop', 'cardinal', 'pope', 'imam', 'rabbi', 'cleric', 'priest', 'patriarch', 'ayatollah', 'sheikh', 'mullah', 'pastor', 'reverend', 'father', 'metropolitan', 'mufti', 'lama']);
/** Capitalised words after a title that make it a place or institution, not a person ("Air Force Base"). */
const INSTITUTION_WORDS = new Set([
  'base', 'command', 'academy', 'university', 'college', 'school', 'hospital', 'station', 'office', 'department',
  'committee', 'council', 'court', 'church', 'party', 'group', 'foundation', 'institute', 'association', 'society',
  'union', 'league', 'center', 'centre', 'museum', 'airport', 'bridge', 'street', 'square', 'road', 'avenue',
  'brotherhood', 'republic', 'state', 'states', 'agency', 'service', 'services', 'forces', 'force', 'corps', 'house',
  'building', 'hall', 'palace', 'camp', 'prison', 'jail', 'headquarters', 'ministry', 'board', 'bureau', 'fund',
]);
/** Surnames that are also common words: never used as a later short mention ("May", "Rice", "Power"). */
const COMMON_SURNAME_WORDS = new Set([
  'rice', 'power', 'black', 'brown', 'white', 'green', 'young', 'king', 'price', 'cook', 'hunt', 'wells', 'bush',
  'long', 'little', 'hill', 'lee', 'rose', 'may', 'march', 'bell', 'wood', 'stone', 'field', 'page', 'bond', 'love',
  'hope', 'gay', 'strong', 'short', 'small', 'swift', 'frank', 'grant', 'major', 'chase', 'mark', 'state', 'house',
]);

/** Agents that only qualify the next one ("deputy foreign minister", "senior official"). */
const WEAK_AGENTS = new Set(['deputy', 'vice', 'assistant', 'acting', 'senior', 'top', 'chief', 'junior', 'former', 'interim', 'group', 'member', 'members']);

/** Words that may not stand between a country and its agent. */
const GAP_STOP = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'by', 'of', 'to', 'for', 'with', 'from', 'in', 'on', 'at', 'as', 'is',
  'are', 'was', 'were', 'be', 'been', 'become', 'becomes', 'has', 'have', 'had', 'will', 'would', 'can', 'could',
  'should', 'may', 'might', 'must', 'that', 'which', 'who', 'whom', 'this', 'these', 'those', 'it', 'its', 'their',
  'his', 'her', 'not', 'no', 'than', 'then', 'if', 'so', 'said', 'says', 'say', 'told', 'tells', 'also', 'did', 'does',
  'do', 'against', 'between', 'about', 'over', 'after', 'before', 'into', 'through', 'under', 'while', 'when',
]);

const NOT_NAMES = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'i', 'the', 'a', 'on',
  'in', 'and', 'but', 'said', 'says',
]);

/**
 * After a title ("Senator", "Prime Minister"), up to four capitalised words not in the dictionary are
 * the holder's name ("US Senator Marco Rubio"): the end of the extended mention, or `to` if none.
 */
/**
 * A title stated in the text ("President", "Senator", "former minister") decides the sector of a
 * known person over the dictionary's dated roles, which may be stale or missing.
 */
function withTitle(personCode: string, title: AgentEntry): string {
  const c = countryOf(personCode);
  if (!c || title.prefix || title.code === 'UNK') return personCode;
  return c + title.code;
}

/** Text written without capitals (chat, some scrapes): fewer than 1 word in 200 starts with one. */
function isLowerCaseText(words: readonly WordToken[]): boolean {
  if (words.length < 50) return false;
  let caps = 0;
  for (const w of words) if (/^\p{Lu}/u.test(w.text)) caps++;
  return caps * 200 < words.length;
}

/** Headline case around words[from, to): mostly capitalised, function words included ("Says", "Of"). */
function isHeadline(words: readonly WordToken[], from: number, to: number): boolean {
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
const CHUNK = 200_000;

function chunkEnd(text: string, start: number, end: number): number {
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

function personAfter(words: readonly WordToken[], to: number, limit: number): number {
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
function pickEntry(terminals: Terminal<ActorEntry>[]): ActorEntry {
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

function addAgents(d: ActorDictionary, text: string): void {
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
const COW_TO_ISO: Record<string, string> = { ANG: 'AGO', TMP: 'TLS' };

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
