/**
 * Dates written for readers in any of the major news languages: "15 de marzo de 2024",
 * "15 марта 2024 г.", "15 Mart 2024", "2024년 3월 15일", "March 15, 2024", "١٥ مارس ٢٠٢٤".
 * Month names come from CLDR through Intl (lexicon.ts); numeric and CJK forms from
 * src/meta/dates.ts, which this extends. Bounded: the first 400 characters are read.
 */
import { dateInText, type DateInText } from '../meta/dates.js';
import { MONTH_NUMBER, asciiDigits, fold } from './lexicon.js';

interface Tok {
  text: string;
  index: number;
  end: number;
  num: boolean;
}

const TOKEN = /\d+|[\p{L}\p{M}]+/gu;
const pad = (n: number): string => String(n).padStart(2, '0');

function ymd(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 ? `${y}-${pad(m)}-${pad(d)}` : null;
}

const isYear = (t: Tok | undefined): t is Tok => !!t && t.num && t.text.length === 4;
const isDay = (t: Tok | undefined): t is Tok => !!t && t.num && t.text.length <= 2 && +t.text >= 1 && +t.text <= 31;
// Between the parts of a date: nothing but short connective words ("de", "of", "г") and punctuation.
const connective = (t: Tok | undefined): boolean => !!t && !t.num && t.text.length <= 3 && !MONTH_NUMBER.has(fold(t.text));

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
    const month = MONTH_NUMBER.get(fold(t.text));
    if (!month) continue;
    const before = near(toks, i, -1, s), after = near(toks, i, 1, s);
    // 15 March 2024 / 15 de marzo de 2024 / 15. März 2024
    if (isDay(before)) {
      const y = near(toks, i, 1, s);
      if (isYear(y)) {
        const d = ymd(+y.text, month, +before.text);
        if (d) return { date: d, index: before.index, end: y.end };
      }
    }
    // March 15, 2024
    if (isDay(after)) {
      const y = near(toks, toks.indexOf(after), 1, s);
      if (isYear(y)) {
        const d = ymd(+y.text, month, +after.text);
        if (d) return { date: d, index: t.index, end: y.end };
      }
    }
    // 2024. március 15. (Hungarian, Lithuanian)
    if (isYear(before) && isDay(after)) {
      const d = ymd(+before.text, month, +after.text);
      if (d) return { date: d, index: before.index, end: after.end };
    }
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
