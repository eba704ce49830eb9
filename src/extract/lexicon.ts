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
  furniture: string[];
  byline: string[];
  published: string[];
  classWords: string[];
  strongClassWords: string[];
}

const DATA = JSON.parse(readFileSync(new URL('./data/boilerplate.json', import.meta.url), 'utf8')) as { languages: Record<string, LanguageLists> };
const LISTS = Object.values(DATA.languages);
const all = (k: keyof Omit<LanguageLists, 'source'>): string[] => [...new Set(LISTS.flatMap((l) => l[k].map((w) => w.toLowerCase())))];

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
// Copyright signs and "(c) 2019" in any language.
const STOCK_EXTRA = /^(?:©|\(c\) \d{4})/i;
const FURNITURE_RE = anywhereRegex(all('furniture'));
const FURNITURE_EXTRA = /©|\(c\) \d{4}|copyright \d{4}|\btel\b.{0,40}\bfax\b/i;

/** A short line that opens with a stock phrase of page furniture ("Read more", "Lire aussi", "関連記事"). */
export const isStockLine = (text: string): boolean => (STOCK_RE.test(fold(text)) && !isSentence(text)) || STOCK_EXTRA.test(text);
/** A full sentence (five words or more, closed by a full stop) is prose even when it opens with "Share" or "Publicidade". */
const isSentence = (text: string): boolean => /[.!?。！？؟।۔]["”’»]?$/u.test(text) && text.split(/\s+/).length >= 5;
/** A short block containing wording only furniture uses (copyright, newsletter, cookie notice). */
export const hasFurniturePhrase = (text: string): boolean => FURNITURE_RE.test(fold(text)) || FURNITURE_EXTRA.test(text);

const BYLINE_WORDS = all('byline');
const BYLINE_SPACED = BYLINE_WORDS.filter((w) => !UNSPACED.test(w) && !/^[\p{sc=Hangul}]/u.test(w));
const BYLINE_UNSPACED = BYLINE_WORDS.filter((w) => UNSPACED.test(w) || /^[\p{sc=Hangul}]/u.test(w));
/** "By Jane Doe", "Por Juan Pérez", "Автор: Иван Петров", "记者 张三": the opener and what follows. */
export const BYLINE_OPENER = new RegExp(
  `^(?:(?:${alternation(BYLINE_SPACED)})${NOT_WORD}|(?:${alternation(BYLINE_UNSPACED)}))\\s*[:：/／|]?\\s*(?=\\S)`,
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
];

const WORD = /[\p{L}\p{M}]+/gu;
const words = (s: string): string[] => fold(s).match(WORD) ?? [];

/** Month name (any case, with or without a final '.') → month number, for every locale above. */
export const MONTH_NUMBER = new Map<string, number>();
/** Words that appear in dates and timestamps: month, weekday, day period, relative time, "published". */
export const DATE_WORD_SET = new Set<string>();

(function buildDates(): void {
  const day = (m: number, d = 15): Date => new Date(Date.UTC(2024, m, d, 12));
  for (const loc of DATE_LOCALES) {
    let supported: string[];
    try {
      supported = Intl.DateTimeFormat.supportedLocalesOf([loc]);
    } catch {
      continue;
    }
    if (!supported.length) continue;
    for (let m = 0; m < 12; m++) {
      for (const month of ['long', 'short'] as const) {
        const standalone = new Intl.DateTimeFormat(loc, { month, timeZone: 'UTC' }).format(day(m));
        // In a date ("15 марта"), many languages use the genitive form.
        const inDate = new Intl.DateTimeFormat(loc, { month, day: 'numeric', timeZone: 'UTC' }).formatToParts(day(m)).find((p) => p.type === 'month')?.value;
        for (const name of [standalone, inDate]) {
          if (!name || /\d/.test(name)) continue;
          const key = fold(name).replace(/\.$/, '');
          if (!MONTH_NUMBER.has(key)) MONTH_NUMBER.set(key, m + 1);
          for (const w of words(name)) DATE_WORD_SET.add(w);
        }
      }
    }
    // Weekdays: 2024-01-01 was a Monday.
    for (let d = 1; d <= 7; d++)
      for (const weekday of ['long', 'short'] as const) for (const w of words(new Intl.DateTimeFormat(loc, { weekday, timeZone: 'UTC' }).format(day(0, d)))) DATE_WORD_SET.add(w);
    // The words between the numbers of a long date and a time ("de", "г", "年", "a. m.", "午後").
    for (const opts of [{ dateStyle: 'full', timeStyle: 'short' }, { dateStyle: 'long' }, { hour: 'numeric', minute: 'numeric', hour12: true }] as Intl.DateTimeFormatOptions[]) {
      for (const p of new Intl.DateTimeFormat(loc, { ...opts, timeZone: 'UTC' }).formatToParts(day(2)))
        if (p.type === 'literal' || p.type === 'dayPeriod') for (const w of words(p.value)) DATE_WORD_SET.add(w);
      for (const p of new Intl.DateTimeFormat(loc, { ...opts, timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2024, 2, 15, 3))))
        if (p.type === 'dayPeriod') for (const w of words(p.value)) DATE_WORD_SET.add(w);
    }
    // "3 hours ago", "hace 3 horas", "вчера", "昨天".
    try {
      const rtf = new Intl.RelativeTimeFormat(loc, { numeric: 'auto' });
      for (const unit of ['minute', 'hour', 'day', 'week'] as const) for (const n of [-1, -2, -5, 0]) for (const w of words(rtf.format(n, unit))) DATE_WORD_SET.add(w);
    } catch {
      /* locale without relative-time data */
    }
  }
  for (const w of PUBLISHED_WORDS.flatMap(words)) DATE_WORD_SET.add(w);
  // Time-zone abbreviations and English ordinals/connectives of the original list (slant's own).
  for (const w of 'on at am pm est edt cst cdt mst mdt pst pdt cet cest eet eest msk gmt utc bst ist jst kst wib et pt ct st nd rd th the of and first last'.split(' ')) DATE_WORD_SET.add(w);
  // Hour and minute signs of CJK timestamps ("10時30分", "10点30分").
  for (const w of ['時', '分', '秒', '时', '点', '點', '시', '분', 'h']) DATE_WORD_SET.add(w);
})();

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
  const rest = t.replace(WORD, (w) => (DATE_WORD_SET.has(fold(w)) ? ' ' : w));
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
