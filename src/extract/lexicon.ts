/**
 * The words of page furniture in many languages, built once at load: stock lines ("Lee también",
 * "Читайте также", "相关新闻"), furniture phrases (copyright, newsletters, cookie notices), byline
 * openers, class/id words — from data/boilerplate.json — and the words of dates (month, weekday,
 * day-period and relative-time words, the literals of long dates) from CLDR through Intl, which
 * Node ships with full ICU. Matching is case-insensitive with Unicode word boundaries, so it works
 * for Cyrillic, Greek, Arabic and accented Latin (ASCII `\b` does not), and without boundaries for
 * scripts written without spaces (Chinese, Japanese, Thai).
 */
import { readFileSync } from 'node:fs';

interface LanguageLists {
  source: string;
  stock: string[];
  /** Republication credit lines: furniture even as a full sentence. Optional: English only so far. */
  credit?: string[];
  furniture: string[];
  byline: string[];
  published: string[];
  classWords: string[];
  strongClassWords: string[];
}

const DATA = JSON.parse(readFileSync(new URL('./data/boilerplate.json', import.meta.url), 'utf8')) as { languages: Record<string, LanguageLists> };
const LISTS = Object.values(DATA.languages);
const all = (k: keyof Omit<LanguageLists, 'source'>): string[] => [...new Set(LISTS.flatMap((l) => (l[k] ?? []).map((w) => w.toLowerCase())))];

/** Scripts written without spaces between words: no word boundaries there. */
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// Longest first, so that "read more" wins over "read".
const alternation = (ws: string[]): string => [...ws].sort((a, b) => b.length - a.length).map(escape).join('|');
const NOT_WORD = '(?![\\p{L}\\p{M}\\p{N}])';
const NOT_AFTER_WORD = '(?<![\\p{L}\\p{M}\\p{N}])';

/** Lower-case for matching; Turkish dotted capital İ lower-cases to i + combining dot otherwise. */
export const fold = (s: string): string => s.replace(/İ/g, 'i').toLowerCase();

/** A phrase at the start of a line, ending at a word boundary (a phrase ending in ':' needs none). */
function startRegex(words: string[]): RegExp {
  const spaced = words.filter((w) => !UNSPACED.test(w));
  const unspaced = words.filter((w) => UNSPACED.test(w));
  const parts = [`(?:${alternation(spaced)})${NOT_WORD}`];
  // Unspaced scripts: the phrase must still end at punctuation, a space or the line end.
  if (unspaced.length) parts.push(`(?:${alternation(unspaced)})(?=$|[\\s\\p{P}\\p{S}\\p{N}])`);
  return new RegExp(`^(?:${parts.join('|')})`, 'u');
}

/** A phrase anywhere, starting at a word boundary (no boundary in unspaced scripts). */
function anywhereRegex(words: string[]): RegExp {
  const spaced = words.filter((w) => !UNSPACED.test(w));
  const unspaced = words.filter((w) => UNSPACED.test(w));
  const parts = [`${NOT_AFTER_WORD}(?:${alternation(spaced)})`];
  if (unspaced.length) parts.push(`(?:${alternation(unspaced)})`);
  return new RegExp(parts.join('|'), 'u');
}

const STOCK_RE = startRegex(all('stock'));
const CREDIT_RE = startRegex(all('credit'));
// Copyright signs and "(c) 2019" in any language.
const STOCK_EXTRA = /^(?:©|\(c\) \d{4})/i;
const FURNITURE_RE = anywhereRegex(all('furniture'));
const FURNITURE_EXTRA = /©|\(c\) \d{4}|copyright \d{4}|\btel\b.{0,40}\bfax\b/i;

/** A short line that opens with a stock phrase of page furniture ("Read more", "Lire aussi", "関連記事"). */
export const isStockLine = (text: string): boolean => {
  const line = fold(text).replace(LEADING_MARKS, '');
  return (STOCK_RE.test(line) && !isSentence(text)) || CREDIT_RE.test(line) || STOCK_EXTRA.test(text);
};
// Arrows, bullets and brackets before a stock phrase ("» Lire aussi", "▶ 関連記事", "[Lee también]"); not quotes or ©.
const LEADING_MARKS = /^[\s»›>▶►▸•·*→⇒\-–—|[(【「〔]+/u;
/** A full sentence (five words or more, closed by a full stop) is prose even when it opens with "Share" or "Publicidade". */
// Words: space-separated runs, plus one per two wide characters in scripts written without spaces.
const isSentence = (text: string): boolean => /[.!?。！？؟।۔]["”’»」』]?$/u.test(text) && text.split(/\s+/).length + (textWidth(text) - text.length) / 2 >= 5;
/** A short block containing wording only furniture uses (copyright, newsletter, cookie notice). */
export const hasFurniturePhrase = (text: string): boolean => FURNITURE_RE.test(fold(text)) || FURNITURE_EXTRA.test(text);

const BYLINE_WORDS = all('byline');
const BYLINE_SPACED = BYLINE_WORDS.filter((w) => !UNSPACED.test(w) && !/^[\p{sc=Hangul}]/u.test(w));
const BYLINE_UNSPACED = BYLINE_WORDS.filter((w) => UNSPACED.test(w) || /^[\p{sc=Hangul}]/u.test(w));
/** "By Jane Doe", "Por Juan Pérez", "Автор: Иван Петров", "记者 张三": the opener and what follows. */
// In scripts without spaces an opener must be followed by a space or a sign ("记者 张三", "作者：李明"),
// or it would take "记者会…" or Thai "โดยเฉพาะ…" ("especially") for a byline.
export const BYLINE_OPENER = new RegExp(
  `^(?:(?:${alternation(BYLINE_SPACED)})${NOT_WORD}|(?:${alternation(BYLINE_UNSPACED.filter((w) => /[:：/／]$/.test(w)))})|(?:${alternation(BYLINE_UNSPACED.filter((w) => !/[:：/／]$/.test(w)))})(?=[\\s:：/／|]))\\s*[:：/／|]?\\s*(?=\\S)`,
  'iu',
);

const PUBLISHED_WORDS = all('published');
/** "Updated", "Publicado", "Опубликовано", "发布时间" and what follows them (cut from bylines). */
export const PUBLISHED_TAIL = new RegExp(`\\s*(?:[|•·,;-]\\s*)?(?:${NOT_AFTER_WORD}(?:${alternation(PUBLISHED_WORDS.filter((w) => !UNSPACED.test(w)))})${NOT_WORD}|(?:${alternation(PUBLISHED_WORDS.filter((w) => UNSPACED.test(w)))})).*$`, 'iu');

/** Class/id words naming furniture, in the languages CSS names are written in (see skipReason). */
export const CLASS_WORDS = new Set(all('classWords'));
export const STRONG_CLASS_WORDS = new Set(all('strongClassWords'));

// ---- Dates (CLDR via Intl) ----

/** Locales whose month and weekday names are recognised: the major news languages. */
export const DATE_LOCALES = [
  'en', 'es', 'fr', 'de', 'pt', 'it', 'nl', 'pl', 'ru', 'uk', 'be', 'bg', 'sr', 'hr', 'cs', 'sk', 'sl', 'ro', 'hu', 'el', 'tr', 'ar',
  'fa', 'he', 'hi', 'bn', 'ur', 'id', 'ms', 'vi', 'th', 'zh', 'ja', 'ko', 'sv', 'da', 'nb', 'fi', 'et', 'lv', 'lt', 'ca', 'sw', 'tl', 'az', 'kk', 'uz', 'ka', 'hy',
  // Regional month names: Levantine and Iraqi Arabic (آذار, نيسان), Maghrebi Arabic (جانفي, أبريل), Serbian in Latin script.
  'ar-SY', 'ar-IQ', 'ar-DZ', 'ar-TN', 'ar-MA', 'sr-Latn', 'mk', 'sq', 'bs', 'ta', 'mr', 'ne', 'pa', 'gu', 'te', 'ml', 'si', 'my', 'km', 'am', 'ha', 'so',
];

const WORD = /[\p{L}\p{M}]+/gu;
const words = (s: string): string[] => fold(s).match(WORD) ?? [];

/** Month names of calendars other than the Gregorian, as pages in Iran, Afghanistan and the Gulf write them. */
export type Calendar = 'gregory' | 'persian' | 'islamic-umalqura';
const OTHER_CALENDARS: [Calendar, string[]][] = [
  ['persian', ['fa', 'ps']],
  ['islamic-umalqura', ['ar', 'fa', 'ur']],
];

export interface DateTables {
  /** Month name (folded, no final '.') → its readings [calendar, month number] (Dari names Gregorian months after Solar Hijri ones). */
  months: Map<string, [Calendar, number][]>;
  /** Words that appear in dates and timestamps: month, weekday, day period, relative time, "published". */
  words: Set<string>;
}

let tables: DateTables | null = null;

/**
 * The tables, from data/cldr-dates.json: generated from this Node's CLDR by
 * `node dist/extract/cldr-dates.js` (buildDateTables below). Building them at run time would load
 * the ICU data of 72 locales into every process (~45 MB resident, 0.1–0.4 s).
 */
function dateTables(): DateTables {
  if (tables) return tables;
  const raw = JSON.parse(readFileSync(new URL('./data/cldr-dates.json', import.meta.url), 'utf8')) as { months: [string, [Calendar, number][]][]; words: string[] };
  return (tables = { months: new Map(raw.months), words: new Set(raw.words) });
}

/** Month names, date words and the rest from CLDR through Intl, for the locales above. */
export function buildDateTables(): DateTables {
  const months = new Map<string, [Calendar, number][]>();
  const dw = new Set<string>();
  const add = (s: string): void => {
    for (const w of words(s)) dw.add(w);
  };
  const day = (m: number, d = 15): Date => new Date(Date.UTC(2024, m, d, 12));
  const fmt = (loc: string, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => new Intl.DateTimeFormat(loc, { ...o, timeZone: 'UTC' });
  const monthNames = (loc: string, cal: Calendar, dates: Date[]): void => {
    const l = cal === 'gregory' ? loc : `${loc}-u-ca-${cal}`;
    const num = fmt(cal === 'gregory' ? `${loc}-u-nu-latn` : `${l}-nu-latn`, { month: 'numeric' });
    for (const month of ['long', 'short'] as const) {
      const standalone = fmt(l, { month });
      // In a date ("15 марта"), many languages use the genitive form.
      const inDate = fmt(l, { month, day: 'numeric' });
      for (const date of dates) {
        const n = Number(num.format(date));
        for (const name of [standalone.format(date), inDate.formatToParts(date).find((p) => p.type === 'month')?.value]) {
          if (!name || /\d/.test(name) || !n) continue;
          const key = fold(name).replace(/\.$/, '');
          const readings = months.get(key) ?? [];
          if (!readings.some(([c]) => c === cal)) months.set(key, [...readings, [cal, n]]);
          add(name);
        }
      }
    }
  };
  const gregorian = Array.from({ length: 12 }, (_, m) => day(m));
  for (const loc of DATE_LOCALES) {
    if (!Intl.DateTimeFormat.supportedLocalesOf([loc]).length) continue;
    monthNames(loc, 'gregory', gregorian);
    // Weekdays: 2024-01-01 was a Monday.
    for (const weekday of ['long', 'short'] as const) {
      const f = fmt(loc, { weekday });
      for (let d = 1; d <= 7; d++) add(f.format(day(0, d)));
    }
    // The words between the numbers of a long date and a time ("de", "г", "年", "a. m.", "午後").
    for (const opts of [{ dateStyle: 'full', timeStyle: 'short' }, { dateStyle: 'long' }, { hour: 'numeric', minute: 'numeric', hour12: true }] as Intl.DateTimeFormatOptions[]) {
      const f = fmt(loc, opts);
      for (const date of [day(2), new Date(Date.UTC(2024, 2, 15, 3))]) for (const p of f.formatToParts(date)) if (p.type === 'literal' || p.type === 'dayPeriod') add(p.value);
    }
    // "3 hours ago", "hace 3 horas", "вчера", "昨天".
    try {
      const rtf = new Intl.RelativeTimeFormat(loc, { numeric: 'auto' });
      for (const unit of ['minute', 'hour', 'day', 'week'] as const) for (const n of [-1, -2, -5, 0]) add(rtf.format(n, unit));
    } catch {
      /* locale without relative-time data */
    }
  }
  // Solar Hijri and Hijri months: the 25th of each Gregorian month falls in twelve different months of each.
  for (const [cal, locs] of OTHER_CALENDARS) for (const loc of locs) if (Intl.DateTimeFormat.supportedLocalesOf([loc]).length) monthNames(loc, cal, Array.from({ length: 13 }, (_, m) => day(m, 25)));
  for (const w of PUBLISHED_WORDS.flatMap(words)) dw.add(w);
  // Time-zone abbreviations and English ordinals/connectives of the original list (slant's own).
  for (const w of 'on at am pm est edt cst cdt mst mdt pst pdt cet cest eet eest msk gmt utc bst ist jst kst wib et pt ct st nd rd th the of and first last'.split(' ')) dw.add(w);
  // Hour and minute signs of CJK timestamps ("10時30分", "10点30分"), era and calendar marks ("هـ", "令和").
  for (const w of ['時', '分', '秒', '时', '点', '點', '시', '분', 'h', 'هـ', 'ه', 'م', '令和', '平成', '民國', '民国', 'พ', 'ศ']) dw.add(w);
  return { months, words: dw };
}

/** The months a month name stands for, in the CLDR locales above (Gregorian, Solar Hijri, Hijri): usually one. */
export const monthOf = (word: string): [Calendar, number][] | undefined => dateTables().months.get(fold(word).replace(/\.$/, ''));
/** A word that appears in written dates and timestamps in some language. */
export const isDateWord = (word: string): boolean => dateTables().words.has(fold(word));

/**
 * The Gregorian day of a date in another calendar, found with Intl alone: start from an estimate
 * and step by the difference until Intl formats the candidate as the wanted date (a few steps).
 */
export function toGregorian(cal: Calendar, y: number, m: number, d: number): string | null {
  if (cal === 'gregory') return null;
  const f = new Intl.DateTimeFormat(`en-u-ca-${cal}-nu-latn`, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  // Solar Hijri year 1 began in 622; a Hijri year is 354.37 days.
  let t = cal === 'persian' ? Date.UTC(y + 621, 2, 21) + ((m - 1) * 30.5 + d - 1) * 864e5 : Date.UTC(622, 6, 16) + ((y - 1) * 354.367 + (m - 1) * 29.53 + d - 1) * 864e5;
  for (let i = 0; i < 8; i++) {
    const parts = f.formatToParts(new Date(t));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
    const [yy, mm, dd] = [parseInt(String(get('year'))), get('month'), get('day')];
    if (!Number.isFinite(yy) || !Number.isFinite(mm) || !Number.isFinite(dd)) return null;
    const diff = (y - yy) * 354 + (m - mm) * 29.5 + (d - dd);
    if (diff === 0) {
      const g = new Date(t);
      return `${g.getUTCFullYear()}-${String(g.getUTCMonth() + 1).padStart(2, '0')}-${String(g.getUTCDate()).padStart(2, '0')}`;
    }
    t += Math.round(diff) * 864e5;
  }
  return null;
}

/** Arabic-Indic, Persian, Devanagari, Bengali and full-width digits → ASCII (dates are written in all of them). */
export function asciiDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9\u0966-\u096F\u09E6-\u09EF\uFF10-\uFF19]/g, (c) => {
    const cp = c.codePointAt(0)!;
    for (const base of [0x0660, 0x06f0, 0x0966, 0x09e6, 0xff10]) if (cp >= base && cp <= base + 9) return String(cp - base);
    return c;
  });
}

/** A line made only of date words and numbers: a timestamp ("15 de marzo de 2024, 10:30", "3 часа назад"). */
export function isTimestampLine(text: string): boolean {
  if (text.length > 100) return false;
  const t = asciiDigits(text);
  if (!/\d/.test(t)) return false;
  const rest = t.replace(WORD, (w) => (isDateWord(w) ? ' ' : w));
  return TIMESTAMP_REST.test(rest);
}
// What may remain of a timestamp once its date words are gone: digits, separators, brackets.
const TIMESTAMP_REST = /^[\d\s.,:;|/•·()\-–—'’+（）：，、。·]*$/u;

/** Characters, with East Asian wide characters (Han, kana, Hangul, full-width forms) counted twice. */
export function textWidth(s: string): number {
  let wide = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // UAX #11 East Asian Wide/Fullwidth ranges (BMP): Hangul Jamo, CJK symbols to Yi, Hangul syllables, compatibility ideographs, full-width forms.
    if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)) wide++;
  }
  return s.length + wide;
}
