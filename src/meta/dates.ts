/**
 * Dates as pages and texts write them → ISO 8601: machine values (meta tags, JSON-LD, `datetime`),
 * dates in running text, dates in URLs, and the publication date a plain text states on its first
 * lines. Every pattern here is linear (no nested quantifiers) and runs on bounded strings.
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};

const pad = (n: number): string => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): boolean {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1;
}

function ymd(y: number, m: number, d: number): string | null {
  return valid(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s?(Z|[+-]\d{2}:?\d{2})?)?/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?/;

/**
 * Normalise a machine-readable date value (meta content, JSON-LD, `datetime` attribute).
 * Keeps the time and offset the page gave (so the calendar day stays the publisher's).
 */
export function normalizeDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim().slice(0, 64);
  let m = ISO.exec(s);
  if (m) {
    const day = ymd(+m[1]!, +m[2]!, +m[3]!);
    if (!day) return null;
    if (m[4] === undefined) return day;
    let tz = m[7] ?? '';
    if (tz && tz !== 'Z' && !tz.includes(':')) tz = `${tz.slice(0, 3)}:${tz.slice(3)}`;
    return `${day}T${m[4]}:${m[5]}:${m[6] ?? '00'}${tz}`;
  }
  m = COMPACT.exec(s);
  if (m && s.length <= 15) {
    const day = ymd(+m[1]!, +m[2]!, +m[3]!);
    if (day) return m[4] ? `${day}T${m[4]}:${m[5]}:${m[6] ?? '00'}` : day;
  }
  if (/^\d{10}$|^\d{13}$/.test(s)) {
    const ms = s.length === 10 ? +s * 1000 : +s;
    const d = new Date(ms);
    return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) ? d.toISOString().replace('.000Z', 'Z') : null;
  }
  return dateInText(s)?.date ?? null;
}

const MON = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
// "November 19, 2019", "Nov. 19 2019", "Tue, Nov 19th, 2019"
const MDY = new RegExp(`\\b${MON}\\.?\\s{1,3}(\\d{1,2})(?:st|nd|rd|th)?,?\\s{1,3}(\\d{4})\\b`, 'i');
// "19 November 2019", "19th Nov. 2019", "19. November 2019"
const DMY = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|\\.)?\\s{1,3}(?:of\\s)?${MON}\\.?,?\\s{1,3}(\\d{4})\\b`, 'i');
const ISO_IN_TEXT = /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/;
// 19/11/2019 or 11/19/2019: only when one reading is impossible
const NUMERIC = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/;
// 2022年5月5日
const CJK = /(\d{4})年(\d{1,2})月(\d{1,2})日/;

export interface DateInText {
  /** ISO 8601 day. */
  date: string;
  /** UTF-16 offsets of the matched text. */
  index: number;
  end: number;
}

/** The first date written in running text (bounded input), with the matched offsets. */
export function dateInText(text: string): DateInText | null {
  const s = text.length > 5000 ? text.slice(0, 5000) : text;
  const found: DateInText[] = [];
  const add = (m: RegExpExecArray, d: string | null): void => {
    if (d) found.push({ date: d, index: m.index, end: m.index + m[0].length });
  };
  let m = MDY.exec(s);
  if (m) add(m, ymd(+m[3]!, MONTHS[m[1]!.toLowerCase()] ?? 0, +m[2]!));
  m = DMY.exec(s);
  if (m) add(m, ymd(+m[3]!, MONTHS[m[2]!.toLowerCase()] ?? 0, +m[1]!));
  m = ISO_IN_TEXT.exec(s);
  if (m) add(m, ymd(+m[1]!, +m[2]!, +m[3]!));
  m = CJK.exec(s);
  if (m) add(m, ymd(+m[1]!, +m[2]!, +m[3]!));
  m = NUMERIC.exec(s);
  if (m) {
    const a = +m[1]!, b = +m[2]!;
    add(m, a > 12 ? ymd(+m[3]!, b, a) : b > 12 ? ymd(+m[3]!, a, b) : null);
  }
  if (!found.length) return null;
  found.sort((x, y) => x.index - y.index);
  return found[0]!;
}

/** /2019/11/19/ or /2019-11-19/ or /20191119/ in a URL path. */
export function dateInUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  let m = /\/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:[/_-]|$)/.exec(path);
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!);
  m = /[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)/.exec(path);
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!);
  // /2019/nov/19/ (The Guardian, The Spokesman-Review, ...)
  m = /\/((?:19|20)\d{2})\/([a-z]{3,9})\/(\d{1,2})(?:\/|$)/i.exec(path);
  if (m && MONTHS[m[2]!.toLowerCase()]) return ymd(+m[1]!, MONTHS[m[2]!.toLowerCase()]!, +m[3]!);
  return null;
}

/** Whole days from a to b (both ISO dates or timestamps; only the calendar day counts). */
export function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / 86_400_000);
}

/**
 * The publication date a plain text states: a date on one of its first short lines (a dateline or
 * scraped header residue), or right after "Published"/"Posted". Dates deeper in the body are
 * events the article mentions, not this.
 */
export function datelineDate(text: string): DateInText | null {
  const marker = /\b(?:published|posted|first published|date)\s{0,3}(?:on|:)?\s{0,3}/i.exec(text.slice(0, 3000));
  if (marker) {
    const at = marker.index + marker[0].length;
    const f = dateInText(text.slice(at, at + 60));
    if (f && f.index < 5) return { date: f.date, index: at + f.index, end: at + f.end };
  }
  let pos = 0;
  for (let line = 0; line < 6 && pos < text.length; line++) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? Math.min(text.length, pos + 400) : nl;
    const content = text.slice(pos, end);
    // A short line (dateline/header), not a sentence that happens to contain a date.
    if (content.trim().length <= 60) {
      const f = dateInText(content);
      if (f) return { date: f.date, index: pos + f.index, end: pos + f.end };
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  return null;
}
