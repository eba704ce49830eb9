/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds, from a file or a URL. Each item becomes a record: the full
 * content when the feed carries it (content:encoded, Atom content), otherwise the page behind the
 * item's link is fetched and extracted — or, with --no-fetch, the summary is kept.
 */
import { errorLine } from '../../core/errors.js';
import { fetchRecord } from './fetch.js';
import { openSource } from './stream.js';
import { child, elements, text } from './xml.js';
import type { ReadItem, ReaderOptions } from './types.js';

/** Content shorter than this many words is taken for a summary, not the article. */
const FULL_CONTENT_WORDS = 150;

export async function* readFeed(source: string, opts: ReaderOptions): AsyncGenerator<ReadItem> {
  let stream: AsyncIterable<Buffer | string>;
  try {
    stream = await openSource(source, opts);
  } catch (err) {
    yield { kind: 'error', place: { file: source }, error: errorLine(err) };
    return;
  }
  let feedTitle: string | undefined;
  for await (const el of elements(stream, ['item', 'entry'])) {
    if (opts.signal?.aborted) return;
    if (el.header !== undefined) feedTitle = headerTitle(el.header);
    const place = { file: source, line: el.line, record: el.n };
    if (!el.value) {
      yield { kind: 'error', place, error: el.error ?? 'unreadable item' };
      continue;
    }
    yield await itemRecord(el.value, place, feedTitle, source, opts);
  }
}

function headerTitle(header: string): string | undefined {
  const m = /<title[^>]*>([\s\S]{0,500}?)<\/title>/i.exec(header);
  if (!m) return undefined;
  return m[1]!.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').replace(/<[^>]{0,200}>/g, '').trim() || undefined;
}

async function itemRecord(o: Record<string, unknown>, place: ReadItem['place'], feedTitle: string | undefined, source: string, opts: ReaderOptions): Promise<ReadItem> {
  const title = text(child(o, 'title'));
  const link = itemLink(o, source);
  const date = text(child(o, 'pubDate', 'published', 'date', 'updated', 'issued'));
  const guid = text(child(o, 'guid', 'id'));
  const full = text(child(o, 'encoded')) ?? text(child(o, 'content'));
  const summary = text(child(o, 'description', 'summary'));
  const source_ = text(child(o, 'source')) ?? feedTitle;
  const known = { title, date, source: source_, id: undefined };
  if (full && wordCount(full) >= FULL_CONTENT_WORDS) return { kind: 'record', place, html: asHtml(full, title), url: link, title, date, source: source_ };
  if (link && opts.fetch !== false) return fetchRecord(link, place, opts, known);
  const body = full ?? summary;
  if (!body) return { kind: 'error', place, error: `item ${guid ?? title ?? ''} has no content, summary or link`.replace(/ +$/, '') };
  return { kind: 'record', place, html: asHtml(body, title), url: link, title, date, source: source_ };
}

/** RSS <link>text</link>, Atom <link href rel="alternate">, or a permalink guid. */
function itemLink(o: Record<string, unknown>, source: string): string | undefined {
  const links = child(o, 'link');
  const list = Array.isArray(links) ? links : links === undefined ? [] : [links];
  let best: string | undefined;
  for (const l of list) {
    if (typeof l === 'string') best ??= l.trim();
    else if (typeof l === 'object' && l !== null) {
      const x = l as Record<string, unknown>;
      const href = typeof x['@href'] === 'string' ? x['@href'] : text(x);
      const rel = typeof x['@rel'] === 'string' ? x['@rel'] : 'alternate';
      if (href && rel === 'alternate') best ??= href.trim();
    }
  }
  if (!best) {
    const guid = child(o, 'guid');
    const g = text(guid);
    if (g && /^https?:\/\//i.test(g)) best = g;
  }
  if (!best) return undefined;
  try {
    return new URL(best, /^https?:/i.test(source) ? source : undefined).href;
  } catch {
    return undefined;
  }
}

/** Feed content is HTML (entity-decoded by the parser); plain text is wrapped so extraction treats both alike. */
function asHtml(body: string, title: string | undefined): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const inner = /<\/?[a-z][^>]{0,200}>/i.test(body) ? body : body.split(/\n{2,}/).map((p) => `<p>${esc(p)}</p>`).join('');
  return `<html><head>${title ? `<title>${esc(title)}</title>` : ''}</head><body><article>${title ? `<h1>${esc(title)}</h1>` : ''}${inner}</article></body></html>`;
}

function wordCount(html: string): number {
  return (html.replace(/<[^>]{0,500}>/g, ' ').match(/[\p{L}\p{N}]+/gu) ?? []).length;
}
