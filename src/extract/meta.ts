/**
 * Page metadata — title, byline, publication date (with where it was found), site name, canonical
 * URL, declared language — from JSON-LD, meta tags, `<time>`, the URL and the visible text.
 */
import { type Document, type Element, elements, textOf, collapse } from './dom.js';
import { normalizeDate, dateInUrl } from '../meta/dates.js';
import { findDate } from './dates.js';
import { BYLINE_OPENER, PUBLISHED_TAIL } from './lexicon.js';

export interface PageMeta {
  title: string | null;
  byline: string | null;
  date: string | null;
  dateSource: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  /** `<html lang>` / content-language / og:locale, as a lowercase primary subtag. */
  declaredLanguage: string | null;
  /** Every headline the page states (JSON-LD, og:title, h1, <title>): such lines are not body text. */
  titles: string[];
  /** The page's summary (og:description, description): a standfirst when it opens the body. */
  description: string | null;
  /** Dates written as text inside <time> elements (the publisher's local rendering), in page order. */
  timeTexts: string[];
  /** JSON-LD articleBody when the page carries one. */
  jsonLdBody: string | null;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const ARTICLE_TYPES = /^(news)?article$|reportage|blogposting|posting|analysisnewsarticle|opinionnewsarticle|reviewnewsarticle|backgroundnewsarticle|report|webpage|liveblogposting/i;

/** Every object in a JSON-LD value, @graph and nesting included (bounded). */
function jsonObjects(root: Json): JsonObject[] {
  const out: JsonObject[] = [];
  const stack: Json[] = [root];
  let steps = 0;
  while (stack.length && steps++ < 5000) {
    const v = stack.pop()!;
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v && typeof v === 'object') {
      out.push(v);
      for (const k of ['@graph', 'mainEntity', 'mainEntityOfPage', 'itemListElement']) if (v[k] && typeof v[k] === 'object') stack.push(v[k]!);
    }
  }
  return out;
}

function types(o: JsonObject): string[] {
  const t = o['@type'];
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : typeof t === 'string' ? [t] : [];
}

function str(v: Json | undefined): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object') return str(v['name'] ?? v['@value']);
  return null;
}

/** Names in a JSON-LD value; `{"@id": ...}` references (Yoast and other @graph pages) resolved through `byId`. */
function names(v: Json | undefined, byId: Map<string, JsonObject> = new Map(), depth = 0): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.slice(0, 20).flatMap((x) => names(x, byId, depth));
  if (v && typeof v === 'object') {
    if (typeof v['name'] === 'string') return [v['name']];
    const ref = v['@id'];
    const target = typeof ref === 'string' ? byId.get(ref) : undefined;
    if (target && target !== v && depth < 2) return names(target, byId, depth + 1);
  }
  return [];
}

// Entities left in JSON-LD and meta values that were encoded twice ("&#8216;", "&amp;nbsp;").
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', eacute: 'é', egrave: 'è', uuml: 'ü', ouml: 'ö', auml: 'ä', szlig: 'ß', pound: '£', euro: '€', copy: '©' };
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    const cp = dec ? Number(dec) : hex ? Number.parseInt(hex, 16) : -1;
    if (cp >= 0) return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    return NAMED[name!.toLowerCase()] ?? m;
  });
}

const isUrl = (s: string): boolean => /^(https?:)?\/\//i.test(s) || /^www\./i.test(s);

/** "By Jane Doe and John Roe | Reuters" → "Jane Doe and John Roe | Reuters" (trimmed, bounded). */
export function cleanByline(s: string | null | undefined, shown = true): string | null {
  if (!s) return null;
  let b = collapse(s);
  if (b.length > 200 || isUrl(b)) return null;
  b = b.replace(/^(?:written\s)?by[:\s]\s*/i, '').replace(/^(?:posted|published)\s+by\s+/i, '').trim();
  // "Por Juan Pérez", "Автор: Иван Петров", "作者：张三" (openers in many languages: data/boilerplate.json).
  // In a machine-readable author field only an opener with a colon is cut: "Di Stefano", "De Souza"
  // and "Von der Leyen" are names there.
  const opener = BYLINE_OPENER.exec(b);
  if (opener && opener[0].length < b.length && (shown || /[:：]/.test(opener[0]))) b = b.slice(opener[0].length).trim();
  b = b.replace(/\s*(?:[|•·,-]\s*)?(?:updated|published|posted)\b.*$/i, '').replace(PUBLISHED_TAIL, '').trim();
  // "Jane Doe @janedoe Nov 18, 2019 at 9:24 pm", "JANE DOE NOVEMBER 20, 2019 10:43": cut at the date or handle.
  const d = findDate(b);
  if (d && d.index > 0) b = b.slice(0, d.index).trim();
  b = b.replace(/\s@\w+.*$/, '').replace(/[\s|•·,–—-]+$/, '').trim();
  if (!b || b.length > 120 || !/\p{L}/u.test(b)) return null;
  // CMS account names that stand in for no author (WordPress "admin").
  if (/^(?:admin|administrator|webmaster|root|user|guest)$/i.test(b)) return null;
  return b;
}

// Class/id of the element showing the author: English names and the word for author in other
// languages' CSS ("autor", "auteur", "autore", "yazar", "penulis"; data/boilerplate.json).
// A class that is exactly "author(s)" counts too; "author-bio" and the like do not.
const BYLINE_CLASS = /\bbyline\b|\bbyline[-_]|\bauthor[-_]?name\b|\barticle[-_]author\b|\bstory[-_]author\b|(?:^|\s)(?:authors?|autor(?:es)?|auteur|autore|yazar|penulis)(?:[-_]?(?:name|nombre|nom|nome|adi))?(?=\s|$)/i;

const TITLE_SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' :: ', ' · ', ' « ', ' » '];

/** "Headline | Site Name" → ["Headline", "Site Name"] (the longer part is the headline). */
function splitTitle(t: string): [string, string | null] {
  for (const sep of TITLE_SEPARATORS) {
    const i = t.lastIndexOf(sep);
    if (i > 0) {
      const a = t.slice(0, i).trim(), b = t.slice(i + sep.length).trim();
      const words = (x: string): number => x.split(/\s+/).length;
      // "Headline | Site Name" (a short suffix), or "Site | Headline" (a prefix of a few words).
      if (a.length >= b.length && b.length <= 60 && words(b) <= 6 && !/^\p{Ll}/u.test(b)) return [a, b || null];
      if (b.length > a.length && words(a) <= 3 && t.indexOf(sep) === i) return [b, a || null];
    }
  }
  return [t, null];
}

const DATE_META: [string, string][] = [
  ['article:published_time', 'meta:article:published_time'],
  ['og:article:published_time', 'meta:article:published_time'],
  ['datepublished', 'meta:datePublished'],
  ['article.published', 'meta:article.published'],
  ['parsely-pub-date', 'meta:parsely-pub-date'],
  ['sailthru.date', 'meta:sailthru.date'],
  ['pubdate', 'meta:pubdate'],
  ['publishdate', 'meta:publishdate'],
  ['publish-date', 'meta:publish-date'],
  ['publish_date', 'meta:publish_date'],
  ['published_date', 'meta:published_date'],
  ['date.available', 'meta:date.available'],
  ['dc.date.issued', 'meta:dc.date.issued'],
  ['dcterms.created', 'meta:dcterms.created'],
  ['dc.date', 'meta:dc.date'],
  ['dcterms.date', 'meta:dcterms.date'],
  ['citation_publication_date', 'meta:citation_publication_date'],
  ['originalpublicationdate', 'meta:originalpublicationdate'],
  ['og:published_time', 'meta:og:published_time'],
  ['article:published', 'meta:article:published'],
  ['publication_date', 'meta:publication_date'],
  ['date_published', 'meta:date_published'],
  ['published_time', 'meta:published_time'],
  ['publish_time', 'meta:publish_time'],
  ['dc.date.created', 'meta:dc.date.created'],
  ['date', 'meta:date'],
  ['displaydate', 'meta:displaydate'],
  ['article:modified_time', 'meta:article:modified_time'],
  ['og:updated_time', 'meta:og:updated_time'],
  ['datemodified', 'meta:dateModified'],
];

/** Read metadata from the parsed page. `url` is where the page came from, when known. */
export function readMeta(doc: Document, url?: string | null): PageMeta {
  const metas = new Map<string, string>();
  let titleEl: string | null = null;
  let htmlLang: string | null = null;
  let canonical: string | null = null;
  const jsonld: Json[] = [];
  const times: Element[] = [];
  const h1s: string[] = [];
  const authorEls: string[] = [];
  const bylineEls: string[] = [];
  const pubEls: string[] = [];
  for (const el of elements(doc)) {
    const a = el.attribs;
    switch (el.name) {
      case 'html':
        if (a['lang'] ?? a['xml:lang']) htmlLang = (a['lang'] ?? a['xml:lang'])!;
        break;
      case 'title':
        if (titleEl === null) titleEl = collapse(textOf(el));
        break;
      case 'meta': {
        const key = (a['property'] ?? a['name'] ?? a['itemprop'] ?? a['http-equiv'])?.toLowerCase().trim();
        const content = a['content'] ?? a['datetime'];
        if (key && content !== undefined && !metas.has(key)) metas.set(key, content);
        break;
      }
      case 'link':
        if (!canonical && /\bcanonical\b/i.test(a['rel'] ?? '') && a['href']) canonical = a['href'];
        if (/\bauthor\b/i.test(a['rel'] ?? '') && authorEls.length < 3) authorEls.push(collapse(textOf(el)));
        break;
      case 'script':
        if (/ld\+json/i.test(a['type'] ?? '') && jsonld.length < 20) {
          const src = textOf(el).trim();
          if (src.length < 2_000_000) {
            try {
              jsonld.push(JSON.parse(src.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '')) as Json);
            } catch {
              /* broken JSON-LD is common; ignore it */
            }
          }
        }
        break;
      case 'time':
        if (times.length < 20) times.push(el);
        break;
      case 'h1':
        if (h1s.length < 5) h1s.push(collapse(textOf(el)));
        break;
      case 'a':
        if (/\bauthor\b/i.test(a['rel'] ?? '') && authorEls.length < 3) authorEls.push(collapse(textOf(el)));
        break;
    }
    if (a['itemprop'] && el.name !== 'meta') {
      const ip = a['itemprop'].toLowerCase();
      if (ip === 'datepublished' && pubEls.length < 3) pubEls.push(a['content'] ?? a['datetime'] ?? collapse(textOf(el)));
      if (ip === 'author' && authorEls.length < 3) authorEls.push(a['content'] ?? collapse(textOf(el)));
    }
    const cls = `${a['class'] ?? ''} ${a['id'] ?? ''}`;
    if (bylineEls.length < 3 && el.name !== 'body' && el.name !== 'html' && BYLINE_CLASS.test(cls)) {
      const t = collapse(textOf(el));
      if (t.length < 150) bylineEls.push(t);
    }
  }

  // JSON-LD: the article object if there is one, otherwise anything with the fields.
  const objs = jsonld.flatMap(jsonObjects);
  const arts = objs.filter((o) => types(o).some((t) => ARTICLE_TYPES.test(t)));
  const pick = (k: string): Json | undefined => {
    for (const o of arts) if (o[k] != null) return o[k];
    for (const o of objs) if (o[k] != null) return o[k];
    return undefined;
  };
  const m = (k: string): string | null => {
    const v = metas.get(k);
    return v && v.trim() ? v.trim() : null;
  };

  // Date: JSON-LD, then meta tags (published before modified), itemprop, <time>, URL, text.
  let date: string | null = null, dateSource: string | null = null;
  const setDate = (raw: string | null | undefined, source: string): boolean => {
    if (date) return true;
    // Machine formats first, then a date written for readers in any language ("15 de marzo de 2024").
    const d = normalizeDate(raw) ?? (raw ? findDate(raw.slice(0, 200))?.date ?? null : null);
    if (d) {
      date = d;
      dateSource = source;
    }
    return !!d;
  };
  setDate(str(pick('datePublished')), 'json-ld');
  for (const [k, src] of DATE_META) if (!src.includes('modif') && !src.includes('updated')) setDate(m(k), src);
  for (const p of pubEls) setDate(p, 'itemprop:datePublished');
  for (const t of times) {
    const cls = `${t.attribs['class'] ?? ''} ${t.attribs['itemprop'] ?? ''}`;
    if ('pubdate' in t.attribs || /publish|posted|created/i.test(cls)) setDate(t.attribs['datetime'] ?? textOf(t), 'time-element');
  }
  for (const t of times) setDate(t.attribs['datetime'] ?? collapse(textOf(t)), 'time-element');
  setDate(dateInUrl(canonical ?? url ?? m('og:url')) ?? dateInUrl(url), 'url');
  for (const b of bylineEls) {
    const d = findDate(b);
    if (d) setDate(d.date, 'text');
  }
  setDate(str(pick('dateModified')), 'json-ld:dateModified');
  for (const [k, src] of DATE_META) if (src.includes('modif') || src.includes('updated')) setDate(m(k), src);

  // Byline
  const byId = new Map<string, JsonObject>();
  for (const o of objs) if (typeof o['@id'] === 'string' && Object.keys(o).length > 1) byId.set(o['@id'], o);
  const ldAuthors = names(pick('author'), byId).map((x) => x.trim()).filter((x) => x && !isUrl(x));
  let byline =
    (ldAuthors.length ? cleanByline([...new Set(ldAuthors)].join(', '), false) : null) ??
    cleanByline(m('author'), false) ??
    cleanByline(m('article:author'), false) ??
    cleanByline(m('sailthru.author'), false) ??
    cleanByline(m('parsely-author'), false) ??
    cleanByline(m('dc.creator'), false) ??
    cleanByline(m('dcterms.creator'), false) ??
    cleanByline(m('byl'), false) ??
    cleanByline(m('og:article:author'), false) ??
    cleanByline(m('citation_author'), false) ??
    null;
  for (const b of [...authorEls, ...bylineEls]) byline ??= cleanByline(b);

  // Title and site name
  const ogTitle = m('og:title') ?? m('twitter:title');
  const ldTitle = str(pick('headline'));
  const [fromTitle, siteFromTitle] = titleEl ? splitTitle(titleEl) : [null, null];
  const h1 = h1s.find((h) => h.length > 10) ?? null;
  let title = ldTitle ?? ogTitle ?? h1 ?? fromTitle;
  if (title) {
    title = collapse(title);
    if (title === titleEl) title = splitTitle(title)[0];
  }
  const publisher = pick('publisher');
  const siteName = m('og:site_name') ?? (publisher ? str(publisher) : null) ?? m('application-name') ?? siteFromTitle;

  const lang = htmlLang ?? m('content-language') ?? m('og:locale') ?? m('language') ?? m('dc.language');
  const declaredLanguage = lang ? (/^([a-z]{2,3})(?:[-_]|$)/i.exec(lang.trim())?.[1]?.toLowerCase() ?? null) : null;

  let canonicalUrl = canonical ?? m('og:url');
  if (canonicalUrl && url) {
    try {
      canonicalUrl = new URL(canonicalUrl, url).href;
    } catch {
      /* keep as written */
    }
  }
  const body = pick('articleBody');
  const clean = (x: string | null | undefined): string | null => (x ? collapse(decodeEntities(decodeEntities(x))) || null : null);
  return {
    title: clean(title),
    byline: clean(byline),
    date,
    dateSource,
    siteName: clean(siteName),
    canonicalUrl: canonicalUrl ?? null,
    declaredLanguage,
    titles: [...new Set([ldTitle, ogTitle, ...h1s, fromTitle, titleEl].filter((t): t is string => !!t).map((t) => collapse(decodeEntities(t)).toLowerCase()))],
    description: m('og:description') ?? m('description') ?? m('twitter:description') ?? str(pick('description')),
    timeTexts: times.map((t) => findDate(collapse(textOf(t)))?.date).filter((d): d is string => !!d),
    jsonLdBody: typeof body === 'string' ? body : null,
  };
}
