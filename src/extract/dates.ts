/**
 * Dates written for readers in any of the major news languages: "15 de marzo de 2024",
 * "15 марта 2024 г.", "15 Mart 2024", "2024년 3월 15일", "March 15, 2024", "١٥ مارس ٢٠٢٤".
 * Month names come from CLDR through Intl (lexicon.ts); numeric and CJK forms from
 * src/meta/dates.ts, which this extends. Bounded: the first 400 characters are read.
 */
import { dateInText, type DateInText } from '../meta/dates.js';
import { monthOf, toGregorian, asciiDigits, type Calendar } from './lexicon.js';

interface Tok {
  text: string;
  index: number;
  end: number;
  num: boolean;
}

const TOKEN = /\d+|[\p{L}\p{M}]+/gu;
const ERA_OFFSET: Record<string, number> = { 令和: 2018, 平成: 1988, 民國: 1911, 民国: 1911 };
const pad = (n: number): string => String(n).padStart(2, '0');

function ymd(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 ? `${y}-${pad(m)}-${pad(d)}` : null;
}

const isYear = (t: Tok | undefined): t is Tok => !!t && t.num && t.text.length === 4;
/** A day in the calendar the year fits → ISO Gregorian day. Thai pages count years in the Buddhist era (543 years ahead). */
function dayOf(readings: [Calendar, number][], y: number, d: number, thai: boolean): string | null {
  for (const [cal, m] of readings) {
    const day = cal === 'gregory' ? ymd(thai && y > 2400 ? y - 543 : y, m, d) : y >= 1300 && y <= 1600 ? toGregorian(cal, y, m, d) : null;
    if (day) return day;
  }
  return null;
}
const isDay = (t: Tok | undefined): t is Tok => !!t && t.num && t.text.length <= 2 && +t.text >= 1 && +t.text <= 31;
// Between the parts of a date: nothing but short connective words ("de", "of", "г") and punctuation.
const connective = (t: Tok | undefined): boolean => !!t && !t.num && t.text.length <= 3 && !monthOf(t.text);

/** Step from token i in direction dir over at most one connective word; the next token, if it is close. */
function near(toks: Tok[], i: number, dir: 1 | -1, s: string): Tok | undefined {
  let j = i + dir;
  if (connective(toks[j])) j += dir;
  const t = toks[j];
  if (!t) return undefined;
  const gap = dir === 1 ? s.slice(toks[i]!.end, t.index) : s.slice(t.index + t.text.length, toks[i]!.index);
  // The characters between the tokens: spaces, dots, commas, a connective (bounded: no sentence in between).
  return gap.length <= 8 && !/[!?;\n]/.test(gap) ? t : undefined;
}

/** A date with a month written as a word, in any of the CLDR locales of lexicon.ts. */
export function wordDate(text: string): DateInText | null {
  const s = asciiDigits(text.length > 400 ? text.slice(0, 400) : text);
  const toks: Tok[] = [];
  for (const m of s.matchAll(TOKEN)) {
    toks.push({ text: m[0], index: m.index!, end: m.index! + m[0].length, num: /^\d/.test(m[0]) });
    if (toks.length > 200) break;
  }
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.num) continue;
    const month = monthOf(t.text);
    if (!month) continue;
    const thai = /\p{sc=Thai}/u.test(t.text);
    const before = near(toks, i, -1, s), after = near(toks, i, 1, s);
    // 15 March 2024 / 15 de marzo de 2024 / 15. März 2024 / ۲۵ اسفند ۱۴۰۲
    if (isDay(before)) {
      const y = near(toks, i, 1, s);
      if (isYear(y)) {
        const d = dayOf(month, +y.text, +before.text, thai);
        if (d) return { date: d, index: before.index, end: y.end };
      }
    }
    // March 15, 2024
    if (isDay(after)) {
      const y = near(toks, toks.indexOf(after), 1, s);
      if (isYear(y)) {
        const d = dayOf(month, +y.text, +after.text, thai);
        if (d) return { date: d, index: t.index, end: y.end };
      }
    }
    // 2024. március 15. (Hungarian, Lithuanian)
    if (isYear(before) && isDay(after)) {
      const d = dayOf(month, +before.text, +after.text, thai);
      if (d) return { date: d, index: before.index, end: after.end };
    }
  }
  // Japanese era years (CLDR's Japanese calendar: Reiwa 1 = 2019, Heisei 1 = 1989) and Taiwan's
  // Minguo years (year 1 = 1912): "令和6年3月15日", "民國113年3月15日".
  const era = /(令和|平成|民[國国])\s?(\d{1,3}|元)\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日/.exec(s);
  if (era) {
    const n = era[2] === '元' ? 1 : +era[2]!;
    const d = ymd(n + ERA_OFFSET[era[1]!]!, +era[3]!, +era[4]!);
    if (d) return { date: d, index: era.index, end: era.index + era[0].length };
  }
  // 2024년 3월 15일 (Korean)
  const ko = /(\d{4})\s?년\s?(\d{1,2})\s?월\s?(\d{1,2})\s?일/.exec(s);
  if (ko) {
    const d = ymd(+ko[1]!, +ko[2]!, +ko[3]!);
    if (d) return { date: d, index: ko.index, end: ko.index + ko[0].length };
  }
  return null;
}

/** The first date in the text, written either way (numeric, English, CJK, or a month word in any locale). */
export function findDate(text: string): DateInText | null {
  const a = dateInText(asciiDigits(text));
  const b = wordDate(text);
  if (a && b) return a.index <= b.index ? a : b;
  return a ?? b;
}
