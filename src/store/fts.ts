/**
 * User search text → an FTS5 MATCH expression that can never be a syntax error: words become
 * quoted terms (all must match), "double-quoted phrases" stay phrases, a trailing * keeps a prefix
 * search. Operators typed by the user are treated as words.
 */
const MAX_TERMS = 24;

/** Scripts written without spaces between words: indexed and searched one character at a time. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_G = new RegExp(CJK.source, 'gu');
const CJK_PAIR = new RegExp(`(${CJK.source}) (?=${CJK.source})`, 'gu');

/** Text as the index stores it: a space around every CJK character (unicode61 then makes each a token). */
export function ftsText(text: string): string {
  return CJK.test(text) ? text.replace(CJK_G, ' $& ') : text;
}

/** Undo ftsText in a snippet shown to people. */
export function unspaceCjk(text: string): string {
  return CJK.test(text) ? text.replace(/ {2,}/g, ' ').replace(CJK_PAIR, '$1') : text;
}

/** One query word as index tokens: CJK runs become a phrase of their characters. */
function tokens(word: string): string {
  return CJK.test(word) ? ftsText(word).trim().split(/\s+/).join(' ') : word;
}

export function ftsQuery(input: string): string | null {
  const parts: string[] = [];
  const re = /"([^"]*)"|([\p{L}\p{N}_]+)(\*?)/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input.slice(0, 1000))) !== null && parts.length < MAX_TERMS) {
    if (m[1] !== undefined) {
      const words = m[1].match(/[\p{L}\p{N}_]+/gu);
      if (words) parts.push(`"${words.map(tokens).join(' ')}"`);
    } else {
      parts.push(`"${tokens(m[2]!)}"${m[3] && !CJK.test(m[2]!) ? '*' : ''}`);
    }
  }
  return parts.length ? parts.join(' ') : null;
}
