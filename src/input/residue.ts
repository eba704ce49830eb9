/** Scraped header residue: a line holding only a date, a counter (views, comments) and a dangling "By". */
import { dateInText } from '../meta/dates.js';

export function residueLine(line: string): boolean {
  const t = line.trim();
  if (t === '' || t.length > 60) return false;
  const d = dateInText(t);
  const rest = (d ? t.slice(0, d.index) + t.slice(d.end) : t).trim();
  // What may remain: counters, separators, and "By"/"Share"/"Comments" with nothing after them.
  const leftover = rest.replace(/\b(?:by|share|comments?|views?|reads?|min(?:ute)?s? read)\b|[\d|•·:,\-–—/]+/gi, '').trim();
  if (leftover !== '') return false;
  return d !== null || /\bby\s*$/i.test(rest);
}
