/**
 * PETRARCH validation XML: `<Sentence id="..." date="..."><Text>...</Text>` records, optionally
 * with the expected `<EventCoding sourcecode targetcode eventcode>`. Parses are ignored. A small
 * scanner with indexOf (no backtracking regular expressions over the whole file).
 */
import { E, fail } from '../core/errors.js';

export interface PetrarchRecord {
  id: string;
  /** YYYYMMDD as in the file, or ''. */
  date: string;
  text: string;
  events: Array<{ source: string; target: string; code: string }>;
  noevents: boolean;
}

function attr(tag: string, name: string): string | null {
  const re = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i');
  const m = re.exec(tag);
  return m ? (m[2] ?? m[3] ?? '') : null;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d{1,6});/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** Remove <!-- comments --> (they hold commented-out records in the validation files). */
function stripComments(xml: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const a = xml.indexOf('<!--', i);
    if (a < 0) return out + xml.slice(i);
    out += xml.slice(i, a);
    const b = xml.indexOf('-->', a + 4);
    if (b < 0) return out;
    i = b + 3;
  }
}

export function parsePetrarchXml(xml: string, name = 'input'): PetrarchRecord[] {
  const src = stripComments(xml);
  const out: PetrarchRecord[] = [];
  let i = 0;
  for (;;) {
    const a = src.indexOf('<Sentence', i);
    if (a < 0) break;
    const tagEnd = src.indexOf('>', a);
    if (tagEnd < 0) break;
    const tag = src.slice(a, tagEnd + 1);
    // "<Sentences>" is the container, not a record.
    if (/^<Sentences\b/.test(tag)) {
      i = tagEnd + 1;
      continue;
    }
    const close = src.indexOf('</Sentence>', tagEnd);
    const body = src.slice(tagEnd + 1, close < 0 ? src.length : close);
    i = close < 0 ? src.length : close + 11;
    const id = attr(tag, 'id');
    if (id === null) fail(E.BAD_DATA_FILE, `${name}: a <Sentence> record has no id attribute`);
    const ta = body.indexOf('<Text>');
    const tb = body.indexOf('</Text>', ta);
    if (ta < 0 || tb < 0) continue;
    const text = unescapeXml(body.slice(ta + 6, tb)).replace(/\s+/g, ' ').trim();
    const events: PetrarchRecord['events'] = [];
    let noevents = false;
    let j = 0;
    for (;;) {
      const e = body.indexOf('<EventCoding', j);
      if (e < 0) break;
      const ee = body.indexOf('>', e);
      const etag = body.slice(e, ee + 1);
      j = ee + 1;
      const code = attr(etag, 'eventcode');
      if (code !== null && /^noevent/i.test(code)) noevents = true;
      else if (code !== null) events.push({ source: attr(etag, 'sourcecode') ?? '', target: attr(etag, 'targetcode') ?? '', code });
      if (attr(etag, 'noevents') !== null) noevents = true;
    }
    if (/<EventCoding\s+noevents/i.test(body)) noevents = true;
    out.push({ id, date: attr(tag, 'date') ?? '', text, events, noevents });
  }
  return out;
}

/** YYYYMMDD → YYYY-MM-DD (what ActorDictionary takes for dated roles). */
export function isoDate(d: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(d.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : undefined;
}
