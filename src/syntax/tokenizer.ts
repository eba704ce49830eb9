/**
 * Word tokenizer following the conventions of the UD English Web Treebank, so that parses of raw
 * text match what the model was trained on: punctuation split off, clitics split ("do n't",
 * "John 's", "we 're"), "cannot" → "can not", "gonna" → "gon na", most hyphenated words split
 * ("al - Ani", but "e-mail", "co-workers", phone numbers kept), "and/or" split, abbreviations
 * ("Dr.", "U.S.") keep their period, URLs and e-mail addresses kept whole.
 *
 * Offsets are UTF-16 indices into the input. Linear time: one pass over whitespace-separated
 * chunks, each handled by bounded loops; regular expressions are anchored and without nested
 * quantifiers.
 */

export interface Token {
  form: string;
  start: number;
  end: number;
  /** False when the next character is not whitespace (CoNLL-U SpaceAfter=No). */
  spaceAfter: boolean;
}

/** Chunks longer than this are cut (no whitespace for 200 characters is not prose). */
const MAX_CHUNK = 200;

const ABBREV = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'st', 'jr', 'sr', 'vs', 'etc',
  'no', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'inc', 'ltd', 'co', 'corp',
  'dept', 'mt', 'ft', 'fig', 'approx', 'rev', 'ave', 'blvd', 'est', 'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat', 'sun', 'vol', 'ph',
]);
/** Hyphenated words with these first parts stay one token, as in the treebank. */
const HYPHEN_KEEP = new Set(['e', 'co', 'pre', 'non', 're', 'anti', 'post', 'ex', 'multi', 'semi', 'mid', 'sub', 'inter', 'pro', 'vice', 'self', 'un', 'x']);
/** Whole-token splits (multiword tokens of the treebank). */
const SPECIAL: Record<string, number[]> = { cannot: [3], gonna: [3], wanna: [3], gotta: [3], outta: [3], dont: [2], didnt: [3], doesnt: [4], isnt: [2], wasnt: [3], arent: [3], werent: [4], havent: [4], hasnt: [3], couldnt: [5], wouldnt: [5], shouldnt: [6], cant: [2], wont: [2], im: [1], thats: [4] };

const OPEN = new Set(['"', "'", '“', '‘', '(', '[', '{', '«', '<', '`', '¿', '¡', '*']);
const CLOSE = new Set([',', ';', ':', ')', ']', '}', '"', '”', '’', "'", '»', '>', '…', '*']);
const TERM = new Set(['.', '!', '?']);
const CURRENCY = new Set(['$', '£', '€', '¥', '#']);

const URL_RE = /^(?:https?:\/\/|www\.)[^\s]+$/i;
const EMAIL_RE = /^[\w.+-]+@[\w-]+\.[\w.-]+$/;
const INITIALS_RE = /^(?:\p{L}\.)+$/u;
const LETTER_RE = /\p{L}/u;
const DIGIT_RE = /\p{N}/u;
const PUNCT_RE = /[\p{P}\p{S}]/u;
/** Emoticons are one token in the treebank (":)", ";-)", ":D", "=("). */
const EMOTICON_RE = /^[:;=8][-o^']?[()[\]DPpOo/\\|*3]$/;
/** Numbers glued to am/pm ("5pm", "7:30PM") are two tokens in the treebank. */
const CLOCK_RE = /^[0-9][0-9:.]{0,5}(?:[ap]\.?m\.?)$/i;
/** ...and so are numbers glued to a unit ("35mm", "50ft"). */
const UNIT_RE = /^[0-9][0-9.,]{0,8}(?:mm|cm|km|kg|ft|lbs?|oz|mph|ml|hrs?|mins?)$/i;
/** Runs of one of these repeated ("<<", "***", "====") are one token. */
const RUNS = new Set(['<', '>', '*', '=', '~', '#', '+', '_', '!', '?', "'", '^']);
const WIDE_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function isLetter(c: string | undefined): boolean {
  return c !== undefined && LETTER_RE.test(c);
}

export function tokenize(text: string): Token[] {
  const raw: Array<[number, number]> = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    let j = i;
    while (j < n && !isSpace(text.charCodeAt(j))) j++;
    let s = i;
    while (s < j) {
      let e = Math.min(j, s + MAX_CHUNK);
      if (e < j && isHighSurrogate(text.charCodeAt(e - 1))) e++; // never cut a surrogate pair
      chunk(text, s, e, raw);
      s = e;
    }
    i = j;
  }
  return raw.map(([s, e]) => ({ form: text.slice(s, e), start: s, end: e, spaceAfter: e >= n || isSpace(text.charCodeAt(e)) }));
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000 || c === 0x202f;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Code point length at position i (2 for a surrogate pair). */
function cpLen(t: string, i: number): number {
  return isHighSurrogate(t.charCodeAt(i)) && i + 1 < t.length ? 2 : 1;
}

function chunk(t: string, s: number, e: number, out: Array<[number, number]>): void {
  const pre: Array<[number, number]> = [];
  const post: Array<[number, number]> = [];
  const whole = t.slice(s, e);
  if (EMOTICON_RE.test(whole) || (e - s > 1 && RUNS.has(t[s]!) && runEnd(t, s, e) === e)) {
    out.push([s, e]);
    return;
  }
  // leading opening punctuation and currency signs
  while (e - s > 1 && (OPEN.has(t[s]!) || (CURRENCY.has(t[s]!) && DIGIT_RE.test(t[s + 1]!)))) {
    if (t[s] === "'" && isLetter(t[s + 1]) && /^'(?:s|re|ll|ve|d|m|t)$/i.test(t.slice(s, e))) break; // a lone clitic
    if (RUNS.has(t[s]!) && t[s + 1] === t[s]) {
      const r = runEnd(t, s, e);
      pre.push([s, r]);
      s = r;
      continue;
    }
    if (t[s] === '`' && t[s + 1] === '`') {
      pre.push([s, s + 2]);
      s += 2;
      continue;
    }
    pre.push([s, s + 1]);
    s++;
  }
  const word = t.slice(s, e);
  if (URL_RE.test(word) || EMAIL_RE.test(word)) {
    let k = e;
    while (k - s > 1 && (CLOSE.has(t[k - 1]!) || TERM.has(t[k - 1]!))) k--;
    out.push(...pre, [s, k]);
    if (k < e) trailing(t, s, k, e, out);
    return;
  }
  const quoted = pre.some(([a]) => t[a] === "'" || t[a] === '‘');
  // trailing closing punctuation, terminal runs ("...", "?!"), clitic quote marks
  let guard = 0;
  while (e > s && guard++ < MAX_CHUNK) {
    const c = t[e - 1]!;
    if (TERM.has(c)) {
      let r = e - 1;
      while (r > s && TERM.has(t[r - 1]!)) r--;
      if (r === s) break; // the whole chunk is punctuation
      if (c === '.' && r === e - 1 && isAbbreviation(t.slice(s, e), t, e)) break;
      post.unshift([r, e]);
      e = r;
      continue;
    }
    if (e - s > 2 && RUNS.has(c) && t[e - 2] === c) {
      let r = e - 2;
      while (r > s && t[r - 1] === c) r--;
      if (r === s) break;
      post.unshift([r, e]);
      e = r;
      continue;
    }
    if (e - s > 1 && (CLOSE.has(c) || c === '%')) {
      // a closing single quote, unless it is part of the word ("rock'n'roll"); plural possessives ("parents'") split too
      if ((c === "'" || c === '’') && !(quoted || t[e - 2] === 's' || t[e - 2] === 'S' || !isLetter(t[e - 2]))) break;
      if (c === '-' ) break;
      post.unshift([e - 1, e]);
      e--;
      continue;
    }
    if (e - s > 1 && c === '-' && t[e - 2] === '-') {
      let r = e - 2;
      while (r > s && t[r - 1] === '-') r--;
      if (r === s) break;
      post.unshift([r, e]);
      e = r;
      continue;
    }
    break;
  }
  out.push(...pre);
  if (e > s) core(t, s, e, out);
  out.push(...post);
}

/** End of the run of the character at s (bounded by e). */
function runEnd(t: string, s: number, e: number): number {
  let r = s + 1;
  while (r < e && t[r] === t[s]) r++;
  return r;
}

function trailing(t: string, s: number, k: number, e: number, out: Array<[number, number]>): void {
  for (let i = k; i < e; i++) out.push([i, i + 1]);
  void s;
}

/** Abbreviations that are also words: one only before a number ("No. 5"), else "no" + "." ("said no."). */
const BEFORE_NUMBER = new Set(['no']);

function isAbbreviation(w: string, t: string, e: number): boolean {
  const body = w.slice(0, -1).toLowerCase();
  if (BEFORE_NUMBER.has(body)) return /^\s{0,3}[#\d]/.test(t.slice(e, e + 5));
  if (ABBREV.has(body)) return true;
  if (INITIALS_RE.test(w)) return true; // U.S. p.m. i.e. W.
  return false;
}

/** The word without outer punctuation: clitics off the end, then hyphen/slash splits. */
function core(t: string, s: number, e: number, out: Array<[number, number]>): void {
  const lower = t.slice(s, e).toLowerCase().replace(/’/g, "'");
  const special = SPECIAL[lower];
  if (special) {
    let k = s;
    for (const cut of special) {
      out.push([k, s + cut]);
      k = s + cut;
    }
    out.push([k, e]);
    return;
  }
  const L = lower.length;
  if (CLOCK_RE.test(lower) || UNIT_RE.test(lower)) {
    let k = s;
    while (k < e && !isLetter(t[k])) k++;
    out.push([s, k], [k, e]);
    return;
  }
  // a range of two short numbers ("5-10", "1969-1970", "5:00-8:30") splits at the hyphen; phone numbers do not
  const dash = lower.indexOf('-');
  if (dash > 0 && dash <= 5 && L - dash - 1 <= 5 && L - dash - 1 > 0 && lower.indexOf('-', dash + 1) < 0 && /^[0-9][0-9:.,]*-[0-9][0-9:.,]*$/.test(lower) && !/^[0-9]{3}-[0-9]{4}$/.test(lower)) {
    out.push([s, s + dash], [s + dash, s + dash + 1], [s + dash + 1, e]);
    return;
  }
  let cl = 0;
  if (L > 3 && lower.endsWith("n't")) cl = 3;
  else if (L > 2 && lower[L - 2] === "'" && (lower[L - 1] === 's' || lower[L - 1] === 'd' || lower[L - 1] === 'm')) cl = 2;
  else if (L > 3 && lower[L - 3] === "'" && (lower.endsWith('re') || lower.endsWith('ll') || lower.endsWith('ve'))) cl = 3;
  if (cl && L - cl > 0) {
    inner(t, s, e - cl, out);
    out.push([e - cl, e]);
    return;
  }
  inner(t, s, e, out);
}

/** Split at hyphens and slashes between letters, and around symbols such as emoji. */
function inner(t: string, s: number, e: number, out: Array<[number, number]>): void {
  let start = s;
  let i = s;
  while (i < e) {
    const c = t[i]!;
    const len = cpLen(t, i);
    const ch = t.slice(i, i + len);
    if ((c === '-' || c === '/') && i > start && i + 1 < e && isLetter(t[i - 1]) && isLetter(t[i + 1])) {
      const left = t.slice(start, i).toLowerCase();
      if (c === '-' && HYPHEN_KEEP.has(left)) {
        i++;
        continue;
      }
      out.push([start, i], [i, i + 1]);
      start = i + 1;
      i++;
      continue;
    }
    if (len === 2 || (PUNCT_RE.test(ch) && !/[-'’.,_/&@:+%]/.test(ch)) || WIDE_RE.test(ch)) {
      // symbols (emoji), brackets inside a word, and CJK characters stand alone
      if (len === 2 || !LETTER_RE.test(ch) || WIDE_RE.test(ch)) {
        if (i > start) out.push([start, i]);
        let k = i + len;
        // keep emoji modifier / joiner sequences together
        while (k < e && k - i < 16 && (t.charCodeAt(k) === 0x200d || t.charCodeAt(k) === 0xfe0f || isModifier(t, k) || (isHighSurrogate(t.charCodeAt(k)) && t.charCodeAt(k - 1) === 0x200d))) k += cpLen(t, k);
        out.push([i, k]);
        start = k;
        i = k;
        continue;
      }
    }
    i += len;
  }
  if (e > start) out.push([start, e]);
}

/** Emoji skin-tone modifiers U+1F3FB..U+1F3FF (a surrogate pair D83C DFFB..DFFF). */
function isModifier(t: string, k: number): boolean {
  const lo = t.charCodeAt(k + 1);
  return t.charCodeAt(k) === 0xd83c && lo >= 0xdffb && lo <= 0xdfff;
}
