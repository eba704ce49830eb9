/**
 * What can be analysed, and the one check every way in goes through (the library's `analyze()`,
 * `.json` files, JSON Lines): wrong types become one-line numbered errors, and only a real date
 * reaches `meta.date`.
 */
import { E, fail, type ErrorCode } from '../core/errors.js';
import { normalizeDate } from '../meta/dates.js';

/** Plain text, or text/HTML with metadata already known. */
export interface InputRecord {
  text?: string;
  html?: string;
  url?: string;
  id?: string;
  title?: string;
  /** A date: ISO 8601 (YYYY-MM-DD or a full timestamp) or one written out ("3 March 2024"); stored as ISO. */
  date?: string;
  byline?: string;
  source?: string;
}
export type Input = string | InputRecord;

const FIELDS = ['text', 'html', 'url', 'id', 'title', 'date', 'byline', 'source'] as const;

/** What a wrong value is, for the message ("a number", "an array"). */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  const t = typeof v;
  return t === 'object' ? 'an object' : t === 'undefined' ? 'undefined' : `a ${t}`;
}

/**
 * Check an untrusted value as an Input: a string, or an object whose known fields are strings
 * (null or absent means not given; other fields are ignored). `where` names it in the message.
 */
export function checkInput(v: unknown, where = 'input', code: ErrorCode = E.BAD_INPUT): Input {
  if (typeof v === 'string') return v;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(code, `${where} must be a string or an object with a "text" (or "html") field, not ${kindOf(v)}`);
  return checkRecord(v as Record<string, unknown>, where, code);
}

/** The object half of checkInput. */
export function checkRecord(o: Record<string, unknown>, where = 'input', code: ErrorCode = E.BAD_INPUT): InputRecord {
  const out: InputRecord = {};
  for (const k of FIELDS) {
    const x = o[k];
    if (x === undefined || x === null) continue;
    if (typeof x !== 'string') fail(code, `${where}: field "${k}" must be a string, not ${kindOf(x)}`);
    out[k] = x;
  }
  if (out.date !== undefined) {
    const iso = normalizeDate(out.date);
    if (!iso) fail(code, `${where}: field "date" is not a date: "${out.date.slice(0, 40)}" (give YYYY-MM-DD)`);
    out.date = iso;
  }
  return out;
}
