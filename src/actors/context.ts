/**
 * Step after matching: context rules over the matches of one text (data/context.json, each block
 * with its source). They keep people apart from places and organisations:
 *  - a singular title right before a state's name is a person ("President Holland" is not the Netherlands);
 *  - a party word before a person gives the country ("Democrat Adam Schiff" → USALEG);
 *  - Georgia is the U.S. state when the text around it says so (governor, Atlanta, county, ...);
 *  - "Russia's Security Council", "the national security council" are a state's organ, not the UN's;
 *  - "Ana Fictus of the Labour Party": an unknown full name before "of <organisation>" is its member.
 */
import { readFileSync } from 'node:fs';
import type { ActorMatch } from './dictionary.js';
import { INSTITUTION_WORDS, NOT_NAMES, ORGANISATION_WORDS } from './words.js';

interface ContextData {
  partyCues: { cues: Record<string, string>; notBefore: string[] };
  usStateCues: { words: string[] };
  titles: { sectors: string[] };
}

let shipped: ContextData | undefined;
const data = (): ContextData => (shipped ??= JSON.parse(readFileSync(new URL('./data/context.json', import.meta.url), 'utf8')) as ContextData);

/** Characters looked at around a mention for context words. */
const WINDOW = 80;
const cap = (s: string): boolean => /^\p{Lu}/u.test(s);

/** Applies the rules to the matches of text[start, end) (the chunk or sentence find() looked at). */
export function applyContext(text: string, matches: ActorMatch[], start = 0, end = text.length): ActorMatch[] {
  const d = data();
  const out: ActorMatch[] = [];
  const titleSectors = new Set(d.titles.sectors);
  const notBefore = new Set(d.partyCues.notBefore);
  const usWords = d.usStateCues.words;
  // Georgia: decided once per text — a U.S.-state cue near any mention makes every mention the state.
  let georgiaUS = false;
  for (const m of matches) {
    if (!m.code.startsWith('GEO') || !/^Georgia/.test(text.slice(m.start, m.end))) continue;
    const around = text.slice(Math.max(0, m.start - WINDOW), Math.min(text.length, m.end + WINDOW)).toLowerCase();
    if (usWords.some((w) => new RegExp(`(^|[^a-z])${w.replace(/[.]/g, '\\.')}($|[^a-z])`).test(around))) georgiaUS = true;
  }
  for (let i = 0; i < matches.length; i++) {
    let m = matches[i]!;
    const next = matches[i + 1];
    // "President Holland": a singular title, one space, a state's name → a person of unknown country.
    if (next && m.code.startsWith('---') && titleSectors.has(m.code.slice(3)) && (m.type === 'unknown' || m.type === 'person') && next.type === 'state' && text.slice(m.end, next.start) === ' ' && !/s$/i.test(text.slice(m.start, m.end)) && cap(text.slice(next.start, next.end)) && !/^['’]s/.test(text.slice(next.end, next.end + 2))) {
      out.push({ ...m, end: next.end, name: `${text.slice(m.start, m.end)} ${text.slice(next.start, next.end)}`, type: 'person', via: 'title' });
      i++;
      continue;
    }
    // "Democrat Adam Schiff", "Republican Senator X": the party's country; a legislator unless the title says otherwise.
    const before = /([A-Za-z]+)\s+$/.exec(text.slice(Math.max(0, m.start - 20), m.start));
    const party = before ? d.partyCues.cues[before[1]!.toLowerCase()] : undefined;
    if (party && before && cap(before[1]!) && m.code.startsWith('---') && (m.type === 'person' || m.type === 'leader' || m.via === 'title')) {
      m = { ...m, code: party + m.code.slice(3), country: party };
    }
    if (georgiaUS && m.code.startsWith('GEO') && /^Georgia/.test(text.slice(m.start, m.end))) {
      m = { ...m, code: 'USA' + m.code.slice(3), country: 'USA', name: 'Georgia (U.S. state)', type: m.type === 'state' ? 'group' : m.type, via: 'place' };
    }
    // "Russia's Security Council", "the Russian Security Council", "the national security council".
    if (m.code.startsWith('IGOUNO') && /^(the )?security council$/i.test(text.slice(m.start, m.end))) {
      const prev = out[out.length - 1];
      const gap = prev ? text.slice(prev.end, m.start) : '';
      if (prev && prev.country && !prev.code.startsWith('IGO') && /^(['’]s)?\s+(national\s+)?$/i.test(gap)) {
        out[out.length - 1] = { ...prev, end: m.end, code: prev.country + 'GOV', name: `${prev.name} Security Council`, type: 'organisation', sector: 'GOV', via: 'agent' };
        continue;
      }
      if (/national\s+$/i.test(text.slice(Math.max(0, m.start - 12), m.start))) {
        out.push({ ...m, code: '---GOV', country: null, sector: 'GOV', name: 'national security council', type: 'organisation', via: 'agent' });
        continue;
      }
    }
    out.push(m);
  }
  // Party word + an unmatched capitalised full name ("Democrat Adam Schiff"): a person of the party's country.
  const re = /\b(Democrat|Democratic|Republican|GOP|Tory|Labour) ((?:[A-Z][\p{Ll}'’-]+ ){1,2}[A-Z][\p{Ll}'’-]+)/gu;
  let x: RegExpExecArray | null;
  const added: ActorMatch[] = [];
  // Only the part of the text find() was asked about: a sentence at a time stays linear.
  const part = start === 0 && end === text.length ? text : text.slice(start, end);
  for (let guard = 0; (x = re.exec(part)) && guard < 10_000; guard++) {
    const s = start + x.index + x[1]!.length + 1;
    const e = s + x[2]!.length;
    const first = x[2]!.split(' ')[0]!.toLowerCase();
    if (notBefore.has(first) || out.some((m) => m.start < e && m.end > s)) continue;
    const c = d.partyCues.cues[x[1]!.toLowerCase()]!;
    added.push({ start: s, end: e, code: c + 'LEG', name: x[2]!, type: 'person', country: c, sector: 'LEG', via: 'title', confidence: 0.7 });
  }
  // "Ana Fictus of the Labour Party": an unmatched full name right before "of (the) <organisation>"
  // is a member of it — a person with the organisation's code (country and sector).
  for (let i = 0; i < out.length; i++) {
    const m = out[i]!;
    if (m.type !== 'organisation' || m.code.startsWith('---') || m.start - start < 8) continue;
    const before = text.slice(Math.max(start, m.start - 60), m.start);
    const n = MEMBER_OF.exec(before);
    if (!n) continue;
    const s = m.start - before.length + n.index + n[1]!.length;
    const prev = out[i - 1];
    if ((prev && prev.end > s) || n[2]!.split(/\s+/).some((w) => NOT_NAME_WORDS.has(w.toLowerCase()))) continue;
    added.push({ start: s, end: s + n[2]!.length, code: m.code, name: n[2]!, type: 'person', country: m.country, sector: m.sector, via: 'title', confidence: 0.7 });
  }
  return added.length ? [...out, ...added].sort((a, b) => a.start - b.start) : out;
}

/** Two or three capitalised words, then "of" or "of the", at the end of the text before an organisation. */
const MEMBER_OF = /(^|[^\p{L}\p{M}'’.-])((?:\p{Lu}[\p{Ll}'’-]+ ){1,2}\p{Lu}[\p{Ll}'’-]+),? of (?:the )?$/u;
/** Words that make a capitalised run an institution or a title rather than a person's name. */
const NOT_NAME_WORDS = new Set([...ORGANISATION_WORDS, ...INSTITUTION_WORDS, ...NOT_NAMES, 'minister', 'secretary', 'president', 'chairman', 'head', 'leader', 'member', 'members', 'director', 'governor', 'mayor', 'chief', 'spokesman', 'spokeswoman', 'general', 'senator', 'state', 'united', 'national', 'federal', 'royal', 'supreme']);
