/**
 * Reader for TABARI/PETRARCH dictionary files (.actors and .agents), the format of the Phoenix
 * dictionaries and of the small dictionaries that ship with the PETRARCH validation sets.
 *
 * Actors:   NAME_ [CODE]            one line
 *           NAME_                   a group: primary name,
 *           +SYNONYM_               synonyms,
 *               [CODE 080508-120101]  dated codes (YYMMDD or YYYYMMDD; ">d" from, "<d" until)
 *               [CODE]              undated default
 * A primary line without codes is merged into the next group (TABARI behaviour). A trailing "_"
 * means the last word matches exactly; without it the last word is a stem (TABARI prefix match).
 * Agents:   !SET! = A, B            substitution sets, expanded inside names (FOREIGN_!MINIST!)
 *           FARMER [~AGR]           sector added after a country code; [NGO~] goes before it
 *           POLICE {} [~COP]        {} = no plural; {MEN} = irregular plural
 * Comments start with '#' or ';' (or a whole line "<!-- ... -->").
 */

export interface DatedCode {
  code: string;
  /** Inclusive YYYYMMDD bounds; 0 and 99999999 when open. */
  from: number;
  to: number;
  /** false for an undated default code. */
  dated: boolean;
}

export interface RawActor {
  /** Names as written (upper-case words joined by '_' or ' '). */
  names: RawName[];
  codes: DatedCode[];
  /** 1-based line of the primary name, for error messages and provenance. */
  line: number;
  /** The comment on the primary line, if any (Phoenix notes provenance there). */
  comment: string;
}

export interface RawName {
  words: string[];
  /** Trailing underscore: last word must match exactly (else it is a stem). */
  exact: boolean;
  /** true for '+' synonym lines. */
  synonym: boolean;
}

export interface RawAgent {
  words: string[];
  /** Sector code without the tilde (GOV, GOVMIL, NGO). */
  code: string;
  /** true for [XXX~]: the code goes before the country code instead of after it. */
  prefix: boolean;
  /** null = regular plurals; [] = no plural ({}); otherwise the listed irregular plurals. */
  plurals: string[][] | null;
  exact: boolean;
  line: number;
}

/** YYMMDD or YYYYMMDD → YYYYMMDD as a number; NaN if malformed. Two-digit years < 30 are 20xx. */
export function parseDictDate(s: string): number {
  const d = s.trim();
  if (/^\d{8}$/.test(d)) return Number(d);
  if (/^\d{6}$/.test(d)) {
    const yy = Number(d.slice(0, 2));
    return (yy < 30 ? 20000000 : 19000000) + Number(d);
  }
  return NaN;
}

/** One bracketed code: "RUSGOV", "RUSGOV >080508", "HOB < 950601", "HOBGOV 19950601 - 19990815". */
export function parseCode(inner: string): DatedCode | null {
  const m = /^\s*([A-Za-z0-9~-]+)\s*(.*)$/.exec(inner);
  if (!m) return null;
  const code = m[1]!.toUpperCase();
  const rest = m[2]!.replace(/\s+/g, '');
  if (!rest) return { code, from: 0, to: 99999999, dated: false };
  let from = 0;
  let to = 99999999;
  if (rest.startsWith('>')) from = parseDictDate(rest.slice(1));
  else if (rest.startsWith('<')) to = parseDictDate(rest.slice(1));
  else {
    const parts = rest.split('-');
    if (parts.length !== 2) return { code, from: 0, to: 99999999, dated: false };
    from = parseDictDate(parts[0]!);
    to = parseDictDate(parts[1]!);
  }
  // A malformed date (Phoenix has a few, e.g. 7 digits) leaves the code undated rather than dropping it.
  if (Number.isNaN(from) || Number.isNaN(to)) return { code, from: 0, to: 99999999, dated: false };
  return { code, from, to, dated: true };
}

function stripComment(line: string): { body: string; comment: string } {
  // '#' starts a comment; so does ';' (older TABARI files).
  const h = line.indexOf('#');
  const sc = line.indexOf(';');
  const i = h < 0 ? sc : sc < 0 ? h : Math.min(h, sc);
  return i < 0 ? { body: line, comment: '' } : { body: line.slice(0, i), comment: line.slice(i + 1).trim() };
}

/** Split a dictionary phrase into words; '_' and spaces both separate words. */
export function phraseWords(phrase: string): { words: string[]; exact: boolean } {
  const p = phrase.trim();
  const exact = p.endsWith('_');
  const words = p.split(/[_\s]+/).filter((w) => w.length > 0);
  return { words, exact };
}

export function parseActors(text: string): RawActor[] {
  const out: RawActor[] = [];
  let cur: RawActor | null = null;
  // Whether codes have been given to `cur` after its last name (then a new primary starts a new group).
  let coded = false;
  let namesAtCode = 0;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    if (raw.trimStart().startsWith('<!')) continue;
    const { body, comment } = stripComment(raw);
    if (!body.trim()) continue;
    const bracket = body.indexOf('[');
    const namePart = bracket < 0 ? body : body.slice(0, bracket);
    const codes: DatedCode[] = [];
    if (bracket >= 0) {
      const re = /\[([^\]]*)\]/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(body)) !== null) {
        const c = parseCode(m[1]!);
        if (c && c.code) codes.push(c);
      }
    }
    const trimmed = namePart.trim();
    if (trimmed.startsWith('+')) {
      const { words, exact } = phraseWords(trimmed.slice(1));
      if (!cur) {
        cur = { names: [], codes: [], line: n + 1, comment };
        out.push(cur);
      }
      if (words.length) cur.names.push({ words, exact, synonym: true });
    } else if (trimmed) {
      // A new primary name: a new group unless the current one is still waiting for its codes.
      if (!cur || coded) {
        cur = { names: [], codes: [], line: n + 1, comment };
        out.push(cur);
        coded = false;
        namesAtCode = 0;
      }
      const { words, exact } = phraseWords(trimmed);
      if (words.length) cur.names.push({ words, exact, synonym: false });
    }
    if (codes.length && cur) {
      // Codes after synonyms that were added to an already coded group belong to those synonyms only
      // (Phoenix: "CHINA_ [CHN]", city synonyms, then "+PLA ... [CHNMIL]").
      if (coded && cur.names.length > namesAtCode) {
        const later: RawName[] = cur.names.splice(namesAtCode);
        cur = { names: later, codes: [], line: n + 1, comment };
        out.push(cur);
      }
      cur.codes.push(...codes);
      coded = true;
      namesAtCode = cur.names.length;
    }
  }
  return out.filter((a) => a.names.length > 0 && a.codes.length > 0);
}

export function parseAgents(text: string): RawAgent[] {
  const sets = new Map<string, string[]>();
  const out: RawAgent[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    if (raw.trimStart().startsWith('<!')) continue;
    const body = stripComment(raw).body.trim();
    if (!body) continue;
    const set = /^(![A-Z]+!)\s*=\s*(.+)$/i.exec(body);
    if (set) {
      sets.set(set[1]!.toUpperCase(), set[2]!.split(',').map((s) => s.trim()).filter(Boolean));
      continue;
    }
    const cm = /\[([^\]]*)\]/.exec(body);
    if (!cm) continue;
    const inner = cm[1]!.trim().toUpperCase();
    const prefix = inner.endsWith('~') && !inner.startsWith('~');
    const code = inner.replace(/~/g, '');
    let phrase = body.slice(0, cm.index);
    let plurals: string[][] | null = null;
    const pl = /\{([^}]*)\}/.exec(phrase);
    if (pl) {
      plurals = pl[1]!.trim() ? pl[1]!.split(',').map((p) => phraseWords(p).words).filter((w) => w.length) : [];
      phrase = phrase.slice(0, pl.index) + phrase.slice(pl.index + pl[0].length);
    }
    phrase = phrase.replace(/^\+/, '').trim();
    for (const expanded of expandSets(phrase, sets)) {
      const { words, exact } = phraseWords(expanded);
      if (words.length) out.push({ words, code, prefix, plurals, exact: exact || plurals !== null, line: n + 1 });
    }
  }
  return out;
}

/** Expand !SET! markers (at most a few per phrase) into every alternative. */
function expandSets(phrase: string, sets: Map<string, string[]>): string[] {
  const m = /![A-Z]+!/i.exec(phrase);
  if (!m) return [phrase];
  const alts = sets.get(m[0].toUpperCase()) ?? [];
  const out: string[] = [];
  for (const a of alts) out.push(...expandSets(phrase.slice(0, m.index) + a + phrase.slice(m.index + m[0].length), sets));
  return out.slice(0, 64);
}
