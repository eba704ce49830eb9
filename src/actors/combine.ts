/** The combine step of actor recognition (see combineItems). */
import type { ActorEntry, ActorMatch, AgentEntry } from './dictionary.js';
import { countryOf, sectorOf } from './dictionary.js';
import type { ActorType } from './types.js';
import type { WordToken } from './trie.js';
import { personAfter, withTitle } from './names.js';
import { CLERGY, FORMER, GAP_STOP, PROXY_WORDS, RELIGION_SECTORS, TITLE_SECTORS } from './words.js';

/** A dictionary actor or an agent found at words[from, to) by the scan step. */
export interface Item {
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

export type MatchFn = (words: readonly WordToken[], from: number, to: number, code: string, name: string, type: ActorType, via: string) => ActorMatch;

/** What the combine steps share: the words and items of the text, the output, and the helpers. */
interface Ctx {
  words: readonly WordToken[];
  items: Item[];
  agentsMode: 'all' | 'attached';
  out: ActorMatch[];
  /** Matches made for coordinated countries that share an agent, emitted after the current one. */
  extra: ActorMatch[];
  match: MatchFn;
  gapOk: (a: number, b: number, max: number) => boolean;
  isPerson: (it: Item | undefined) => boolean;
  isPlace: (it: Item | undefined) => boolean;
  coordinated: (a: Item, b: Item) => boolean;
  share: (first: number, sector: string, agentName: string) => number;
}

/** The mention being built from items[k] (and the items it absorbs). */
interface Draft {
  k: number;
  from: number;
  to: number;
  code: string;
  name: string;
  type: ActorType;
  via: string;
  title: AgentEntry | null;
  skipTo: number;
  /** Set when the code does not start with the country ("IGOBGD" for Bangladeshi peacekeepers). */
  countryOverride: string | null;
}

/**
 * Step 2 of find(): combine countries with agents and titles with names, resolve codes, build the
 * matches. Each kind of combination is a step below; they share the draft of the current mention.
 */
export function combineItems(words: readonly WordToken[], items: Item[], agentsMode: 'all' | 'attached', match: MatchFn): ActorMatch[] {
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
      extra.push(match(words, it.from, it.to, c + sector, `${it.actor!.name} ${agentName}`, 'group', 'agent'));
    }
    return k;
  };
  const x: Ctx = { words, items, agentsMode, out, extra, match, gapOk, isPerson, isPlace, coordinated, share };
  for (let k = 0; k < items.length; k++) {
    const it = items[k]!;
    const d: Draft = { k, from: it.from, to: it.to, code: '', name: '', type: 'unknown', via: '', title: null, skipTo: -1, countryOverride: null };
    if (it.kind === 'actor') actorStep(x, d, it);
    else agentStep(x, d, it);
    if (d.title) titleStep(x, d, d.title);
    ofStateStep(x, d);
    formerStep(x, d);
    ethnicStep(x, d, it);
    k = d.k;
    const country = countryOf(d.code);
    if (agentsMode === 'attached' && !country && d.code.startsWith('---') && d.via === 'agent') continue;
    const m = match(words, d.from, d.to, d.code, d.name, d.type, d.via);
    if (d.countryOverride) m.country = d.countryOverride;
    out.push(m);
    if (extra.length) out.push(...extra.splice(0));
    if (d.skipTo > k) k = d.skipTo;
  }
  return out;
}

/** A dictionary actor: titles inside its phrase, country + person, person + agent, coordinated countries sharing an agent, country + agent. */
function actorStep(x: Ctx, d: Draft, it: Item): void {
  const e = it.actor!;
  d.code = it.code!;
  d.name = e.name;
  d.type = e.type;
  d.via = e.via;
  if (it.locative) {
    d.code = countryOf(d.code) ?? d.code;
    d.via = 'place';
  }
  if (it.titleAgent) d.code = withTitle(d.code, it.titleAgent);
  let next: Item | undefined = x.items[d.k + 1];
  // "Egyptian President Hosni Mubarak", "Russian President Putin": one mention, the person's.
  if (x.isPlace(it) && x.isPerson(next) && next!.from === it.to && !x.words[next!.from]!.barrier) {
    const pc = countryOf(next!.code!);
    if (!pc || pc === countryOf(d.code)) {
      d.code = next!.titleAgent ? withTitle(next!.code!, next!.titleAgent) : next!.code!;
      d.name = next!.actor!.name;
      d.type = next!.actor!.type;
      d.via = 'title';
      d.to = next!.to;
      d.k++;
      next = undefined;
    }
  }
  // "the Obama administration", "Putin's government": the person's country with the agent's sector.
  if (x.isPerson(it) && next && next.kind === 'agent' && next.from === d.to && !x.words[next.from]!.barrier && !next.agent!.prefix && next.agent!.code !== 'UNK' && countryOf(d.code)) {
    d.code = countryOf(d.code)! + next.agent!.code;
    d.name = `${d.name} ${next.agent!.name}`;
    d.type = 'group';
    d.via = 'agent';
    d.to = next.to;
    d.k++;
    next = undefined;
  }
  // "Russian and Chinese troops": a country coordinated with one that has an agent shares it.
  const after = x.items[d.k + 2];
  if (x.isPlace(it) && x.isPlace(next) && x.coordinated(it, next!) && after && after.kind === 'agent' && x.gapOk(next!.to, after.from, 2) && !after.agent!.prefix) {
    d.code = countryOf(d.code)! + after.agent!.code;
    d.name = `${e.name} ${after.agent!.name}`;
    d.type = 'group';
    d.via = 'agent';
    next = undefined;
  }
  // Country (or organisation) + agent: "Russian troops", "Chinese foreign ministry", "Shanghai police".
  // (Not when the actor already carries a sector: "Border Patrol ... criminal" adds nothing; not
  // after pro-/anti-: "anti-China forces" are not China's.)
  const hasSector = !!sectorOf(d.code) && !it.locative && e.via !== 'capital';
  const stance = it.from > 0 && x.words[it.from]!.before.includes('-') && (x.words[it.from - 1]!.key === 'anti' || x.words[it.from - 1]!.key === 'pro');
  if (stance) next = undefined;
  if (next && next.kind === 'agent' && e.type !== 'person' && e.type !== 'leader' && next.agent!.code !== 'UNK' && x.gapOk(it.to, next.from, e.type === 'organisation' || (hasSector && !next.agent!.prefix) ? 0 : 2)) {
    const ag = next.agent!;
    if (ag.prefix) d.countryOverride = countryOf(d.code);
    const base = e.via === 'capital' || e.via === 'place' || it.locative ? countryOf(d.code) ?? d.code : d.code;
    // A code made of sectors only ("MED" for a newspaper) or already carrying one keeps its code.
    d.code = ag.prefix ? ag.code + base : sectorOf(base) ? base : base + ag.code;
    // "Arnor former security officials": a past role in between makes an elite.
    for (let g = it.to; g < next.from; g++) if (FORMER.has(x.words[g]!.key)) d.code = (countryOf(d.code) ?? d.code.slice(0, 3)) + 'ELI';
    // "Danish media and government": the country also goes with the coordinated agents.
    const c = countryOf(base);
    let j = d.k + 1;
    while (c && !ag.prefix && x.items[j + 1]?.kind === 'agent' && !x.items[j + 1]!.agent!.prefix && x.coordinated(x.items[j]!, x.items[j + 1]!)) {
      const a = x.items[++j]!;
      x.extra.push(x.match(x.words, a.from, a.to, c + a.agent!.code, a.agent!.name, 'group', 'agent'));
    }
    if (j > d.k + 1) {
      // emitted after this match; skip them in the main loop
      d.skipTo = j;
    }
    d.name = `${e.name} ${ag.name}`;
    d.type = 'group';
    d.via = 'agent';
    d.to = next.to;
    d.title = ag;
    d.k++;
  }
}

/** A sector word: agent + of/from/in + country, coordinated agents sharing a place, prefix agents ("MSF Arnor"), else a country-less agent. */
function agentStep(x: Ctx, d: Draft, it: Item): void {
  let ag = it.agent!;
  // "Lawmakers and officials in Arnor": coordinated agents share the place after the last one.
  let lastAgent = d.k;
  while (x.items[lastAgent + 1]?.kind === 'agent' && !x.items[lastAgent + 1]!.agent!.prefix && !ag.prefix && x.coordinated(x.items[lastAgent]!, x.items[lastAgent + 1]!)) lastAgent++;
  const tail = x.items[lastAgent]!;
  const next = x.items[lastAgent + 1];
  // Agent + of/from/in + country: "President of Russia", "Soldiers from Gondor", "lawmakers in Kenya".
  const prepWord = tail.to < x.words.length && !x.words[tail.to]!.barrier ? x.words[tail.to]!.key : '';
  const prep = prepWord === 'of' || ((prepWord === 'from' || prepWord === 'in') && x.isPlace(next));
  const theOff = prep && tail.to + 1 < x.words.length && x.words[tail.to + 1]!.key === 'the' ? 1 : 0;
  const sharesPlace = lastAgent > d.k && prep && x.isPlace(next) && next!.from === tail.to + 1 + theOff && !x.words[next!.from]!.barrier;
  if (sharesPlace) {
    // The earlier agents become mentions of their own, coded with the shared country.
    const c = countryOf(next!.code!)!;
    x.out.push(x.match(x.words, it.from, it.to, c + ag.code, `${ag.name}`, 'group', 'agent'));
    for (let j = d.k + 1; j < lastAgent; j++) {
      const a = x.items[j]!;
      x.out.push(x.match(x.words, a.from, a.to, c + a.agent!.code, a.agent!.name, 'group', 'agent'));
    }
    d.k = lastAgent;
    ag = tail.agent!;
    d.from = tail.from;
    d.to = tail.to;
  }
  if (prep && next && next.kind === 'actor' && !x.isPerson(next) && next.from === tail.to + 1 + theOff && !x.words[next.from]!.barrier && (lastAgent === d.k)) {
    // An organisation that has its own sector keeps it ("president of the Riigikogu" → ESTLEG).
    const own = next.actor!.type === 'organisation' && sectorOf(next.code!);
    const base = own ? next.code! : countryOf(next.code!) ?? next.code!;
    d.code = ag.prefix ? ag.code + base : sectorOf(base) ? base : base + ag.code;
    if (ag.prefix) d.countryOverride = countryOf(base);
    d.name = `${ag.name} ${prepWord} ${next.actor!.name}`;
    d.type = 'group';
    d.via = 'agent';
    d.to = next.to;
    d.k++;
    const sector = d.code.slice(base.length);
    if (!ag.prefix && sector) d.k = x.share(d.k, sector, ag.name);
  } else if (ag.prefix && x.isPlace(next) && next!.from === it.to && !x.words[next!.from]!.barrier) {
    // "MSF Arnor": an agent that goes before the country code, then the country.
    d.code = ag.code + countryOf(next!.code!)!;
    d.countryOverride = countryOf(next!.code!);
    d.name = `${ag.name} ${next!.actor!.name}`;
    d.type = 'organisation';
    d.via = 'agent';
    d.to = next!.to;
    d.k++;
    const more = x.items[d.k + 1];
    if (more && more.kind === 'agent' && more.from === d.to && !more.agent!.prefix) {
      d.code += more.agent!.code;
      d.to = more.to;
      d.k++;
    }
  } else {
    d.code = ag.prefix ? ag.code : '---' + ag.code;
    d.name = ag.name;
    d.type = 'unknown';
    d.via = 'agent';
    d.title = ag;
  }
}

/** A title followed by a known person, or by an unknown capitalised name ("Senator Jane Doakes"). */
function titleStep(x: Ctx, d: Draft, title: AgentEntry): void {
  const next = x.items[d.k + 1];
  if (x.isPerson(next) && next!.from === d.to && !x.words[next!.from]!.barrier) {
    // Title + known person ("President Putin", "US Senator Marco Rubio"): the role the text states
    // wins over the dictionary's dates, which may be stale; without a usable title the dated code decides.
    d.code = withTitle(next!.titleAgent ? withTitle(next!.code!, next!.titleAgent) : next!.code!, title);
    d.name = next!.actor!.name;
    d.type = next!.actor!.type;
    d.via = 'title';
    d.to = next!.to;
    d.k++;
  } else {
    // Only a singular title takes a name after it ("Senator Marco Rubio"; not "People Call",
    // "Sheriff's Office", "farmers Tuesday").
    const last = x.words[d.to - 1]!;
    const religious = RELIGION_SECTORS.has(title.code.slice(0, 3));
    const titleLike =
      (TITLE_SECTORS.has(title.code.slice(0, 3)) && !/s$|['’]s$/.test(last.key)) || last.key.endsWith('ss') ? !religious || CLERGY.has(last.key) : false;
    const end = titleLike ? personAfter(x.words, d.to, next ? next.from : x.words.length) : d.to;
    if (end > d.to) {
      d.name = `${d.name} ${x.words.slice(d.to, end).map((w) => w.text).join(' ')}`;
      d.to = end;
      d.type = (sectorOf(d.code) ?? '').startsWith('GOV') ? 'leader' : 'person';
      if (d.via === 'agent' && d.code.startsWith('---')) d.via = 'title';
    }
  }
}

/** "King Hassan of Morocco": the state named after "of" is the person's. */
function ofStateStep(x: Ctx, d: Draft): void {
  // "King Hassan of Morocco", "President Putin of Russia": the state named after "of" is the
  // person's, whatever country the dictionary gives the name (names recur across countries).
  if ((d.type === 'person' || d.type === 'leader' || d.via === 'title') && d.to + 1 < x.words.length && x.words[d.to]!.key === 'of' && !x.words[d.to]!.barrier) {
    const nx = x.items[d.k + 1];
    const theOff = x.words[d.to + 1]!.key === 'the' ? 1 : 0;
    if (nx && nx.kind === 'actor' && nx.actor!.type === 'state' && nx.from === d.to + 1 + theOff && !x.words[nx.from]!.barrier && !nx.locative && countryOf(nx.code!)) {
      const c = countryOf(nx.code!)!;
      const own = countryOf(d.code);
      d.code = c + (own ? d.code.slice(3) : d.code.startsWith('---') ? d.code.slice(3) : sectorOf(d.code) ?? '');
      d.name = `${d.name} of ${nx.actor!.name}`;
      d.to = nx.to;
      d.k++;
    }
  }
}

/** "former President ...": a past role makes an elite (ELI). */
function formerStep(x: Ctx, d: Draft): void {
  // "former President ...", "ex-minister": a past role makes an elite (ELI), not the government.
  if (d.from > 0 && FORMER.has(x.words[d.from - 1]!.key) && !x.words[d.from]!.barrier) {
    d.from--;
    d.code = (countryOf(d.code) ?? d.code.slice(0, 3)) + 'ELI';
  }
}

/** "ethnic Albanians": an ethnicity, not the state of that name. */
function ethnicStep(x: Ctx, d: Draft, it: Item): void {
  // "ethnic Albanians", "ethnic Turkish villagers": an ethnicity, not the state of that name.
  if (it.kind === 'actor' && it.actor!.via === 'demonym' && d.from > 0 && x.words[d.from - 1]!.key === 'ethnic' && !x.words[d.from]!.barrier && countryOf(d.code)) {
    d.code = '---' + (d.code.length > 3 && sectorOf(d.code) ? d.code.slice(3) : 'CVL');
    d.name = `ethnic ${x.words.slice(d.from, d.to).map((w) => w.text).join(' ')}`;
    d.type = 'group';
    d.via = 'agent';
    d.countryOverride = null;
  }
}
