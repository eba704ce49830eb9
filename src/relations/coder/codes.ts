/** Code helpers: countries of actor codes, placing agents, future and demand recoding. */
import { type CodeOptions, type Mention } from './types.js';
import { type Unit } from './units.js';
import { type Verb } from './verbs.js';

export const SYMMETRIC = /^0[3-6]/; // agree, consult, support, cooperate: "A and B agreed" codes A→B and B→A

/**
 * The verb's own code before patterns. "agree to/on/that ..." is CAMEO 03 (express intent to
 * cooperate), not the block's 050, which is kept for "agree with" (diplomatic support).
 */
export function baseCode(u: Unit[], v: Verb): string | null {
  if (v.form.lemma === 'AGREE' && u[v.j]?.low !== 'with') return '030';
  return v.form.code;
}

/** CAMEO 02x (appeal for ...) → the matching 10x (demand ...): same sub-structure, 026/027 (meet, settle) → 108. */
export function appealToDemand(c: string | null): string | null {
  if (!c || !/^02/.test(c)) return c;
  if (c === '020' || c === '02') return '100';
  if (c.startsWith('026') || c.startsWith('027')) return '108';
  if (c.startsWith('028')) return '105';
  return '10' + c.slice(2);
}

/** Codes that are not countries although they have three letters first (blocs, IGOs, NGOs, ...). */
export const NOT_COUNTRY = /^(---|IGO|NGO|MNC|UIS|IMG|WST|EUR|AFR|ASA|MEA|LAM|NAF|SAM|SAS|SEA|CAS|CAU|EEU|BAL|BLK|CRB|PGS|WAF|EAF|SAF|CAF|NMR|SCN|NTH|DEV|REB|MED|GOV|MIL|CVL|OPP|BUS|INT)/;

/** The country part of an actor code (first three letters), or null for blocs and organisations. */
export function countryOf(code: string): string | null {
  return /^[A-Z]{3}/.test(code) && !NOT_COUNTRY.test(code) ? code.slice(0, 3) : null;
}

export const STATE_SECTORS = /^[A-Z]{3}(GOV|MIL|COP|JUD|SPY|LEG)/;

export const CIVIL_SECTORS = /^---(CVL|OPP|REB|MOS|MUS|EDU|LAB|JRN|MED|REF|REL|BUS|AGR|HLH|CRM|IRG|INS|UAF|CHR)/;

/** Whether a country-less target agent can take the source's country. */
export function canPlace(source: Mention, target: Mention, always: boolean): boolean {
  if (!target.code.startsWith('---')) return true;
  if (!(source.country ?? countryOf(source.code))) return false;
  return always || (STATE_SECTORS.test(source.code) && CIVIL_SECTORS.test(target.code));
}

/** A country-less agent target ("---CVL") takes the source's country ("EGYCVL"); actors stay as they are. */
export function placeAgent(target: Mention, source: Mention): string {
  if (!target.code.startsWith('---')) return target.code;
  const c = source.country ?? countryOf(source.code);
  return c ? c + target.code.slice(3) : target.code;
}

/**
 * CAMEO codes a stated future action as intent (03x) when it cooperates and as a threat (13x)
 * when it is conflictual; statements (01–02), intents and threats themselves stay as they are.
 */
export function futureCode(code: string): string {
  const r = Number(code.slice(0, 2));
  if (r <= 3 || (r >= 9 && r <= 13)) return code;
  const coop: Record<number, string> = { 4: '036', 5: '032', 6: '031', 7: '033', 8: '035' };
  if (coop[r]) return coop[r]!;
  if (code.startsWith('163') || code.startsWith('161')) return '1312';
  const conf: Record<number, string> = { 14: '133', 15: '138', 16: '1313', 17: '137', 18: '138', 19: '138', 20: '138' };
  return conf[r] ?? code;
}

/**
 * Mentions the coder can use: dates ('---NON') are left out and a 'NON' sector glued to a country
 * ("Libya on Friday") is dropped. Agents with no country ('---GOV', "officials") stay, but are
 * never a source; as a target they take the source's country (marked as inferred) or are skipped.
 */
export function usable(ms: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of ms) {
    if (m.code.startsWith('---NON') || m.code.length < 3) continue;
    out.push(m.code.endsWith('NON') && m.code.length > 3 ? { ...m, code: m.code.slice(0, -3) } : m);
  }
  return out;
}
