/**
 * User search text → an FTS5 MATCH expression that can never be a syntax error: words become
 * quoted terms (all must match), "double-quoted phrases" stay phrases, a trailing * keeps a prefix
 * search. Operators typed by the user are treated as words.
 */
const MAX_TERMS = 24;

export function ftsQuery(input: string): string | null {
  const parts: string[] = [];
  const re = /"([^"]*)"|([\p{L}\p{N}_]+)(\*?)/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input.slice(0, 1000))) !== null && parts.length < MAX_TERMS) {
    if (m[1] !== undefined) {
      const words = m[1].match(/[\p{L}\p{N}_]+/gu);
      if (words) parts.push(`"${words.join(' ')}"`);
    } else {
      parts.push(`"${m[2]}"${m[3] ? '*' : ''}`);
    }
  }
  return parts.length ? parts.join(' ') : null;
}
