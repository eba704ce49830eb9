/**
 * Large XML documents (feeds, sitemaps) in bounded memory: the stream is cut into the repeated
 * elements (<item>, <entry>, <url>, <sitemap>) and each is parsed on its own with fast-xml-parser.
 * What comes before the first element (the channel header) is returned too.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MAX_RECORD } from './types.js';

export interface XmlElement {
  /** 1-based element number. */
  n: number;
  /** Local name of the element (item, entry, url, sitemap). */
  name: string;
  /** Line of the element's start tag. */
  line: number;
  /** The parsed element (its children), or an error message when it could not be parsed. */
  value: Record<string, unknown> | null;
  error?: string;
  /** The text before the first element (the channel/feed header), on the first element only. */
  header?: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  cdataPropName: false,
  processEntities: true,
  htmlEntities: true,
  parseTagValue: false,
  trimValues: true,
});

export function parseXml(xml: string): Record<string, unknown> {
  return parser.parse(xml) as Record<string, unknown>;
}

/** Split a text stream into the named elements (namespace prefixes allowed on the names). */
export async function* elements(stream: AsyncIterable<Buffer | string>, names: readonly string[]): AsyncGenerator<XmlElement> {
  const alt = names.join('|');
  const start = new RegExp(`<(?:[\\w-]+:)?(${alt})(?=[\\s>/])`, 'g');
  const decoder = new TextDecoder('utf-8');
  let buf = '';
  let line = 1;
  let n = 0;
  let header: string | undefined;
  let headerDone = false;
  for await (const chunk of stream) {
    buf += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    while (true) {
      start.lastIndex = 0;
      const m = start.exec(buf);
      if (!m) {
        // Keep a tail that could hold the start of a tag cut by the chunk boundary.
        if (!headerDone && buf.length > MAX_RECORD) headerDone = true;
        const keep = Math.max(0, buf.length - 64);
        if (headerDone) {
          line += count(buf.slice(0, keep));
          buf = buf.slice(keep);
        }
        break;
      }
      if (!headerDone) {
        header = buf.slice(0, m.index);
        headerDone = true;
      }
      const name = m[0].slice(1);
      const close = new RegExp(`</${name.replace(/[-]/g, '\\-')}\\s*>`, 'g');
      close.lastIndex = m.index;
      const c = close.exec(buf);
      const tagEnd = buf.indexOf('>', m.index);
      const selfClosing = tagEnd > 0 && buf[tagEnd - 1] === '/';
      if (!selfClosing && !c) {
        if (buf.length - m.index > MAX_RECORD) {
          // An element too large to hold: report it and drop what we have of it.
          line += count(buf.slice(0, m.index));
          yield { n: ++n, name: m[1]!, line, value: null, error: `<${name}> larger than ${MAX_RECORD} bytes; skipped`, header: take() };
          line += count(buf.slice(m.index));
          buf = '';
        }
        break; // wait for more text
      }
      const end = selfClosing ? tagEnd + 1 : c!.index + c![0].length;
      line += count(buf.slice(0, m.index));
      const xml = buf.slice(m.index, end);
      const at = line;
      line += count(xml);
      buf = buf.slice(end);
      let value: Record<string, unknown> | null = null;
      let error: string | undefined;
      // Broken structure (tags that do not close) is an error; a stray "&", common in real feeds, is not.
      const valid = XMLValidator.validate(xml);
      if (valid !== true && valid.err.code !== 'InvalidChar') {
        error = `malformed <${name}>: ${valid.err.msg}`;
        yield { n: ++n, name: m[1]!, line: at, value: null, error, header: take() };
        continue;
      }
      try {
        const parsed = parser.parse(xml) as Record<string, unknown>;
        const v = Object.values(parsed)[0];
        value = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : { '#text': v };
      } catch (err) {
        error = `malformed <${name}>: ${(err as Error).message.split('\n')[0]}`;
      }
      yield { n: ++n, name: m[1]!, line: at, value, error, header: take() };
    }
  }
  function take(): string | undefined {
    const h = header;
    header = undefined;
    return h;
  }
}

function count(s: string): number {
  let k = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) k++;
  return k;
}

/** Text of a parsed node: a string, {#text}, or a list of them (first). */
export function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') return text((v as Record<string, unknown>)['#text']);
  return undefined;
}

/** A child by local name, whatever its namespace prefix (content:encoded, atom:link, ...). */
export function child(o: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) {
    if (name in o) return o[name];
    for (const k of Object.keys(o)) if (k.endsWith(`:${name}`)) return o[k];
  }
  return undefined;
}
