/**
 * Sources a text credits: "Part of the news reference source: huanqiu net", "(Reuters) —",
 * "according to TASS", "originally published by RT". Known outlets (data/outlets.json) are
 * normalised to a stable id with their kind (state media, wire, ...) and owner country.
 */
import { readFileSync } from 'node:fs';
import type { Credit } from '../core/document.js';

export interface Outlet {
  id: string;
  name: string;
  aliases: string[];
  kind: string;
  country: string | null;
  owner: string;
  source: string;
}

export interface CreditMatch extends Credit {
  /** UTF-16 offsets of the credited name in the text. */
  start: number;
  end: number;
  /** The cue that made it a credit ("reference source:", "according to", dateline, ...). */
  cue: string;
}

let outletsCache: Outlet[] | undefined;
export function outlets(): Outlet[] {
  return (outletsCache ??= (JSON.parse(readFileSync(new URL('./data/outlets.json', import.meta.url), 'utf8')) as { outlets: Outlet[] }).outlets);
}

interface Matcher {
  re: RegExp;
  byAlias: Map<string, Outlet>;
  exactCase: Set<string>;
}
let matcher: Matcher | undefined;

/** One alternation of all aliases, longest first; short all-caps aliases match case-sensitively. */
function getMatcher(): Matcher {
  if (matcher) return matcher;
  const byAlias = new Map<string, Outlet>();
  const caseless: string[] = [];
  const exact: string[] = [];
  for (const o of outlets()) {
    for (const a of o.aliases) {
      const key = aliasKey(a);
      if (!byAlias.has(key)) byAlias.set(key, o);
      (/^[A-Z/-]{2,5}$/.test(a) ? exact : caseless).push(a);
    }
  }
  const esc = (a: string): string => a.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '[ .]');
  const alt = (xs: string[]): string => xs.sort((a, b) => b.length - a.length).map(esc).join('|');
  // JS has no (?-i:): the exact-case group matches caselessly and findCredits checks its case.
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:(${alt(caseless)})|(${alt(exact)}))(?![\\p{L}\\p{N}])`, 'giu');
  matcher = { re, byAlias, exactCase: new Set(exact) };
  return matcher;
}

function aliasKey(a: string): string {
  return a.toLowerCase().replace(/[ .]/g, ' ');
}

// Cues before a name that make it a credited source, and after it ("X reported").
const CUE_BEFORE = /(?:(?:news |reference |original )*sources?\s*[:：]|according to|via|courtesy(?: of)?|reported by|(?:originally |first )?(?:published|appeared|posted)\s+(?:in|on|by|at)|reprinted (?:from|with permission (?:of|from))|republished (?:from|with permission (?:of|from))|copyright|©|\bfrom|told)\s*(?:the\s+)?$/i;
const CUE_AFTER = /^\s*(?:reported|reports|said in a report|quoted|cited|news agency reported|\)\s*[-—–:]|contributed)/i;

/** Find credited sources. Each known outlet appears once (first credit wins), unknown ones by name. */
export function findCredits(text: string): CreditMatch[] {
  const { re, byAlias, exactCase } = getMatcher();
  const out: CreditMatch[] = [];
  const seen = new Set<string>();
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  let guard = 0;
  while ((m = re.exec(text)) !== null && guard++ < 10000) {
    // The exact-case group must match with its case: "AP" yes, "ap" no.
    if (m[2] !== undefined && !exactCase.has(m[2])) continue;
    const start = m.index;
    const end = start + m[0].length;
    const lineStart = text.lastIndexOf('\n', start) + 1;
    const before = text.slice(Math.max(lineStart, start - 60), start);
    const after = text.slice(end, end + 40);
    const inDateline = start < 400 && text[start - 1] === '(' && text[end] === ')';
    const cue = inDateline ? 'dateline' : (CUE_BEFORE.exec(before)?.[0].trim() ?? (CUE_AFTER.test(after) ? after.trim().split(/\s+/)[0]! : null));
    if (!cue) continue;
    const outlet = byAlias.get(aliasKey(m[0]))!;
    if (seen.has(outlet.id)) continue;
    seen.add(outlet.id);
    out.push({ name: outlet.name, code: outlet.id, kind: outlet.kind, country: outlet.country, start, end, cue });
  }
  // "Source: Some Outlet" naming an outlet we don't know: keep it, marked unknown.
  for (const s of text.matchAll(/(?:^|\n|[.!?]\s)[^\n.!?]{0,40}?\bsources?\s*[:：]\s*([^\n]{2,80})/gi)) {
    const nameStart = s.index + s[0].length - s[1]!.length;
    if (out.some((c) => c.start >= nameStart && c.start < nameStart + s[1]!.length)) continue;
    const name = s[1]!.replace(/[.;,\s]+$/, '').trim();
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push({ name, code: null, kind: 'unknown', country: null, start: nameStart, end: nameStart + name.length, cue: 'source:' });
  }
  return out.sort((a, b) => a.start - b.start);
}
