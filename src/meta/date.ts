/**
 * Dates: parse the forms news pages and scraped text use into ISO 8601, and find the publication
 * date in the text itself (a dateline near the top, or "Published ..."), never a date the article
 * merely mentions further down.
 */
const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

/** Date forms, each with a function from its match to [year, month, day]. Bounded: no nested quantifiers. */
const FORMS: Array<[RegExp, (m: RegExpExecArray) => [number, number, number]]> = [
  [/\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?/, (m) => [+m[1]!, +m[2]!, +m[3]!]],
  [/\b(\d{4})\/(\d{1,2})\/(\d{1,2})\b/, (m) => [+m[1]!, +m[2]!, +m[3]!]],
  [/\b(\d{4})年(\d{1,2})月(\d{1,2})日/, (m) => [+m[1]!, +m[2]!, +m[3]!]],
  [new RegExp(`\\b${MONTH} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, 'i'), (m) => [+m[3]!, MONTHS[m[1]!.toLowerCase()]!, +m[2]!]],
  [new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? ${MONTH},? (\\d{4})\\b`, 'i'), (m) => [+m[3]!, MONTHS[m[2]!.toLowerCase()]!, +m[1]!]],
  [/\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/, (m) => [+m[3]!, +m[2]!, +m[1]!]],
];

export interface FoundDate {
  /** ISO 8601 date (YYYY-MM-DD). */
  iso: string;
  /** UTF-16 offsets of the matched text. */
  start: number;
  end: number;
}

/** The first date in `s`, or null. Accepts ISO timestamps as given (keeps the time when present). */
export function findDate(s: string, from = 0): FoundDate | null {
  const hay = s.slice(from, from + 400);
  let best: FoundDate | null = null;
  for (const [re, parts] of FORMS) {
    const m = re.exec(hay);
    if (!m) continue;
    const [y, mo, d] = parts(m);
    if (!valid(y, mo, d)) continue;
    if (!best || m.index + from < best.start) best = { iso: iso(y, mo, d), start: m.index + from, end: m.index + from + m[0].length };
  }
  return best;
}

/** Parse a whole date string (meta tag content, JSON field) into ISO 8601; null if it isn't one. */
export function parseDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.trim().slice(0, 100);
  const full = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  if (full) {
    const [y, mo, d] = full[1]!.split('-').map(Number) as [number, number, number];
    return valid(y, mo, d) ? t : null;
  }
  const f = findDate(t);
  return f ? f.iso : null;
}

function valid(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The publication date stated in the text: a date on one of the first lines (a dateline or header
 * residue), or after "Published"/"Updated"/"Posted". Dates deeper in the body are events, not this.
 */
export function datelineDate(text: string): FoundDate | null {
  const marker = /\b(?:published|posted|first published|date)\s*(?:on|:)?\s*/i.exec(text.slice(0, 3000));
  if (marker) {
    const f = findDate(text, marker.index + marker[0].length);
    if (f && f.start - (marker.index + marker[0].length) < 5) return f;
  }
  let pos = 0;
  for (let line = 0; line < 6 && pos < text.length; line++) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? Math.min(text.length, pos + 400) : nl;
    const content = text.slice(pos, end);
    // A short line (dateline/header) — not a sentence that happens to contain a date.
    if (content.trim().length <= 60) {
      const f = findDate(content);
      if (f) return { iso: f.iso, start: pos + f.start, end: pos + f.end };
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  return null;
}
