/**
 * Repairs what scraping and machine translation leave in text, keeping a map back to the original:
 * mojibake (UTF-8 read as Windows-1252), invisible characters, runs of spaces, doubled quotes, a
 * closing quote used as an opening one, a missing space after sentence-final punctuation
 * (`Ukraine”.However`), and scraped header residue lines (`2022-05-05 0 By`).
 *
 * Every rule proposes replacements on the ORIGINAL text; they are applied in one pass, so the edit
 * list (sorted, non-overlapping) maps any normalised offset back to the original.
 */
import type { Edit } from '../core/document.js';
import { residueLine } from './residue.js';

interface Replacement {
  start: number;
  end: number;
  text: string;
  kind: string;
}

// Common UTF-8-as-Windows-1252 sequences: the typographic punctuation scrapers break most often.
const MOJIBAKE: Array<[string, string]> = [
  ['â€™', '’'], ['â€˜', '‘'], ['â€œ', '“'], ['â€\u009d', '”'], ['â€"', '–'], ['â€”', '—'], ['â€“', '–'],
  ['â€¦', '…'], ['Â ', ' '], ['Ã©', 'é'], ['Ã¨', 'è'], ['Ã¡', 'á'], ['Ã³', 'ó'], ['Ã¶', 'ö'], ['Ã¼', 'ü'], ['Ã¤', 'ä'],
];
const MOJIBAKE_RE = new RegExp(MOJIBAKE.map(([k]) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
const MOJIBAKE_MAP = new Map(MOJIBAKE);

export function normalize(input: string): { text: string; edits: Edit[] } {
  const reps: Replacement[] = [];
  const add = (start: number, end: number, text: string, kind: string): void => {
    reps.push({ start, end, text, kind });
  };

  // Line endings and invisible characters.
  for (const m of input.matchAll(/\r\n?|[\u200B-\u200D\u2060\uFEFF\u00AD]/g)) add(m.index, m.index + m[0].length, m[0][0] === '\r' ? '\n' : '', 'invisible');
  for (const m of input.matchAll(MOJIBAKE_RE)) add(m.index, m.index + m[0].length, MOJIBAKE_MAP.get(m[0])!, 'mojibake');
  // Non-breaking and exotic spaces become plain spaces; runs of spaces collapse; trailing spaces go.
  for (const m of input.matchAll(/[ \t\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g)) {
    const s = m[0];
    const next = input[m.index + s.length];
    const atLineEdge = m.index === 0 || input[m.index - 1] === '\n' || next === '\n' || next === '\r' || next === undefined;
    if (atLineEdge) add(m.index, m.index + s.length, '', 'spaces');
    else if (s !== ' ') add(m.index, m.index + s.length, ' ', 'spaces');
  }
  // Three or more line breaks: one paragraph break is enough.
  for (const m of input.matchAll(/\n[ \t]*\n(?:[ \t]*\n)+/g)) add(m.index, m.index + m[0].length, '\n\n', 'spaces');
  // Doubled quotes from broken escaping: ""word"" or ''word''.
  for (const m of input.matchAll(/""|''|“{2}|”{2}/g)) add(m.index, m.index + 2, m[0][0] === "'" ? '"' : m[0][0]!, 'quote');

  quoteRepairs(input, add);
  headerResidue(input, add);

  return apply(input, reps);
}

/**
 * Walks each paragraph tracking whether a double quote is open. A closing quote that appears while
 * none is open and runs straight into a word (`succeed.”United Russia`) is an opening quote that lost
 * its space; a sentence end glued to the next sentence (`Ukraine”.However`) gets its space back.
 */
function quoteRepairs(text: string, add: (s: number, e: number, t: string, k: string) => void): void {
  let open = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      open = false;
      continue;
    }
    if (c === '“') open = true;
    else if (c === '”') {
      const next = text[i + 1] ?? '';
      if (!open && /[\p{Lu}]/u.test(next)) {
        // An orphan closer before a capitalised word opens a new quotation.
        const prev = text[i - 1] ?? '';
        add(i, i + 1, /[.!?]/.test(prev) ? ' “' : '“', 'quote');
        open = true;
      } else open = false;
    } else if (c === '"') open = !open;
    // Sentence-final punctuation (with its closing quotes) glued to a capitalised word.
    if (/[.!?]/.test(c)) {
      let j = i + 1;
      while (j < text.length && j - i < 4 && /["'’”)\]]/.test(text[j]!)) j++;
      const next = text[j] ?? '';
      const prev = text[i - 1] ?? '';
      if (/\p{Lu}/u.test(next) && /[\p{L}\d”’")\]]/u.test(prev) && !(text[j - 1] === '”' && !open && j === i + 2 && isOrphan(text, i + 1))) {
        if (!looksLikeDomainOrAbbrev(text, i)) add(j, j, ' ', 'missing-space');
      }
    }
  }
}

// "succeed.”United": the closer belongs to the next sentence; quoteRepairs replaces it with ' “'.
function isOrphan(text: string, at: number): boolean {
  let open = false;
  const lineStart = text.lastIndexOf('\n', at) + 1;
  for (let k = lineStart; k < at; k++) {
    const c = text[k];
    if (c === '“') open = true;
    else if (c === '”') open = false;
    else if (c === '"') open = !open;
  }
  return !open;
}

function looksLikeDomainOrAbbrev(text: string, dot: number): boolean {
  // "U.S.Army", "e.g.The": a single letter before the dot is an initial or abbreviation.
  const before = text.slice(Math.max(0, dot - 2), dot);
  return /(^|[^\p{L}’'])\p{L}$/u.test(before);
}

/** Removes scraped header residue lines near the top (a date, a counter and a dangling "By"). */
function headerResidue(text: string, add: (s: number, e: number, t: string, k: string) => void): void {
  let pos = 0;
  for (let line = 0; line < 8 && pos < text.length; line++) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    if (residueLine(text.slice(pos, end))) {
      // Take the blank lines after it too, so no gap is left where it stood.
      let stop = nl === -1 ? end : end + 1;
      const blank = /^(?:[ \t]*\n)*/.exec(text.slice(stop, stop + 200))![0];
      stop += blank.length;
      add(pos, stop, '', 'header-residue');
      pos = stop;
      continue;
    }
    pos = end + 1;
  }
}

function apply(input: string, reps: Replacement[]): { text: string; edits: Edit[] } {
  // Blank space around the whole text goes too; these come first so they win over inner repairs.
  const lead = /^\s+/.exec(input);
  // (unshift: the sort below is stable, so at equal extents these stay ahead of a blank-line repair)
  if (lead) reps.unshift({ start: 0, end: lead[0].length, text: '', kind: 'spaces' });
  // Scanned backwards: /\s+$/ retries from every space of a long blank run (100,000 blank lines
  // before the text took 37 s).
  let t = input.length;
  while (t > 0 && /\s/.test(input[t - 1]!)) t--;
  if (t < input.length && t > 0) reps.unshift({ start: t, end: input.length, text: '', kind: 'spaces' });
  // At the same start the longest repair wins; a repair starting inside an applied one is dropped.
  reps.sort((a, b) => a.start - b.start || b.end - a.end);
  const edits: Edit[] = [];
  let out = '';
  let at = 0;
  for (const r of reps) {
    if (r.start < at || (r.start === at && r.start === r.end && edits.length && edits[edits.length - 1]!.originalEnd === at && r.kind === edits[edits.length - 1]!.kind)) continue;
    if (input.slice(r.start, r.end) === r.text) continue;
    out += input.slice(at, r.start);
    const start = out.length;
    out += r.text;
    edits.push({ start, end: out.length, originalStart: r.start, originalEnd: r.end, kind: r.kind });
    at = r.end;
  }
  out += input.slice(at);
  return { text: out, edits };
}
