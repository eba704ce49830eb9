/**
 * From a news web page to clean article text and metadata. `extract` takes HTML text,
 * `extractBytes` raw bytes (gzip and any charset). Both are pure and bounded: oversize, binary or
 * pathological input gives a one-line error or an empty body with a reason, never a hang.
 */
import type { Credit } from '../core/document.js';
import { parse } from './dom.js';
import { readMeta } from './meta.js';
import { extractBody, isBylineLine, type BodyParams } from './body.js';
import { cleanByline } from './meta.js';
import { decodeHtml } from './decode.js';
import { dateInUrl, dayDiff } from '../meta/dates.js';
import { findDate } from './dates.js';
import { collapse } from './dom.js';
import { detectLanguage } from '../meta/language.js';
import { findCredits } from '../meta/credits.js';

export interface Extracted {
  title: string | null;
  byline: string | null;
  /** ISO 8601: YYYY-MM-DD, or a timestamp with the page's own offset when it gives one. */
  date: string | null;
  /** Where the date was found: 'json-ld', 'meta:article:published_time', 'time-element', 'url', 'text', ... */
  dateSource: string | null;
  /** ISO 639-1 code ('und' when unknown). */
  language: string;
  siteName: string | null;
  canonicalUrl: string | null;
  /** Plain text, paragraphs separated by blank lines. */
  body: string;
  /** Sources the text credits (outlets, agencies). */
  credits: Credit[];
  /** Why the body is empty, or what was cut; absent when all went well. */
  warning?: string;
  /** Set by extractBytes: the charset used and where it came from. */
  charset?: string;
}

export interface ExtractOptions {
  /** Where the page came from (resolves the canonical URL; dates in the path). */
  url?: string;
  /** Tuning hook for evaluation; the defaults are the measured ones. */
  params?: BodyParams;
}

/** A parsed page with its metadata: parsed once, its body can be taken with several weight settings (bench/extraction-cv.mjs). */
export interface Prepared {
  doc: ReturnType<typeof parse>['doc'];
  notes: string[];
  meta: ReturnType<typeof readMeta>;
}

export function prepare(html: string, url?: string): Prepared {
  const { doc, notes } = parse(html);
  return { doc, notes, meta: readMeta(doc, url) };
}

/** The body text (and the short lines above it) with the given weights. Pure: the parsed page is not changed. */
export function bodyOf({ doc, meta }: Prepared, params?: BodyParams): { body: string; lead: string[] } {
  const { body: domBody, lead } = extractBody(doc, { titles: meta.titles, description: meta.description, params });
  let body = domBody;
  // JSON-LD articleBody is often cut to a teaser; trust it only when it is clearly the longer text.
  const ld = meta.jsonLdBody ? meta.jsonLdBody.trim() : '';
  if (ld && collapse(ld).length > 1.3 * collapse(body).length + 200 && !/<[a-z][^>]*>/i.test(ld.slice(0, 2000))) body = ld.replace(/\r\n?/g, '\n');
  return { body, lead };
}

export function extract(html: string, opts: ExtractOptions = {}): Extracted {
  const prepared = prepare(html, opts.url);
  const { notes, meta } = prepared;
  const { body, lead } = bodyOf(prepared, opts.params);
  const { date, dateSource } = chooseDate(meta.date, meta.dateSource, dateInUrl(meta.canonicalUrl ?? opts.url) ?? dateInUrl(opts.url), lead, body, meta.timeTexts);
  let language = 'und';
  if (body.length >= 50) language = detectLanguage(languageSample(body));
  if ((language === 'und' || !language) && meta.declaredLanguage) language = meta.declaredLanguage;
  // Trigram profiles cannot reliably tell apart languages this close; the page's own declaration can.
  else if (meta.declaredLanguage && language !== meta.declaredLanguage && CLOSE.some((g) => g.includes(language) && g.includes(meta.declaredLanguage!)))
    language = meta.declaredLanguage;
  const credits: Credit[] = body ? findCredits(body).map(({ name, code, kind, country }) => ({ name, code, kind, country })) : [];
  const out: Extracted = {
    title: meta.title,
    byline: chooseByline(meta.byline, meta.siteName, lead),
    date,
    dateSource,
    language,
    siteName: meta.siteName,
    canonicalUrl: meta.canonicalUrl,
    body,
    credits,
  };
  const warning = body ? notes : [...notes, emptyReason(html)];
  if (warning.length) out.warning = warning.join('; ');
  return out;
}

/**
 * The publisher's calendar day. Machine dates (JSON-LD, meta) are often UTC timestamps that fall on
 * the next day for American evening stories; when the URL or the page's visible dateline gives a
 * day one off, that local day wins. Otherwise: machine date, URL, visible dateline, body text.
 */
function chooseDate(machine: string | null, source: string | null, url: string | null, lead: string[], body: string, timeTexts: string[] = []): { date: string | null; dateSource: string | null } {
  // The text of the first <time> element is the publisher's own rendering of its timestamp.
  const shown = machine && timeTexts[0] && Math.abs(dayDiff(machine, timeTexts[0])) === 1 ? timeTexts[0] : undefined;
  if (machine && source !== 'url' && !url && shown && machine.length > 10) return { date: shown, dateSource: 'time-element' };
  let visible: string | null = null;
  for (const line of lead) {
    const d = findDate(line);
    if (d) {
      visible = d.date;
      break;
    }
  }
  if (machine && source !== 'url') {
    if (url && url !== machine.slice(0, 10) && Math.abs(dayDiff(machine, url)) === 1) return { date: url, dateSource: 'url' };
    if (!url && visible && Math.abs(dayDiff(machine, visible)) === 1 && machine.length > 10) return { date: visible, dateSource: 'text' };
    return { date: machine, dateSource: source };
  }
  if (url) return { date: url, dateSource: 'url' };
  if (visible) return { date: visible, dateSource: 'text' };
  const d = findDate(body.slice(0, 1000));
  return d ? { date: d.date, dateSource: 'text' } : { date: null, dateSource: null };
}

// Pairs and groups of languages close enough for trigram identification to confuse them
// (Malay/Indonesian, the Serbo-Croatian standards, the Scandinavian languages, Czech/Slovak, ...).
// Scripts with letters of their own (Cyrillic і/ї, Persian پ, kana) are told apart by the script
// check in src/meta/language.ts and are not listed.
const CLOSE: string[][] = [['id', 'ms'], ['hr', 'bs', 'sr', 'sh', 'cnr'], ['da', 'no', 'nb', 'nn', 'sv'], ['cs', 'sk'], ['pt', 'gl'], ['es', 'gl', 'ca'], ['hi', 'mr', 'ne']];

/**
 * The machine-readable author; without one, or when it only repeats the site's name (a CMS
 * default), the byline shown just above the body ("Por Juan Pérez") when there is one.
 */
function chooseByline(machine: string | null, siteName: string | null, lead: string[]): string | null {
  const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  if (machine && !(siteName && norm(machine) === norm(siteName))) return machine;
  return bylineInLead(lead) ?? machine;
}

function bylineInLead(lead: string[]): string | null {
  for (const line of lead) if (isBylineLine(line)) return cleanByline(line);
  return null;
}

/**
 * About 600 characters of running text for language identification: the trigram model's cost grows
 * with the sample (2,048 characters made it most of the extraction time, commit d4d9458), and
 * franc-min is as accurate on 300+ characters of prose (99.6 %) as on 1,000 (99.8 %). Paragraphs of
 * prose come first; short lines (datelines, names) tell little.
 */
export function languageSample(body: string, size = 600): string {
  let out = '';
  for (const para of body.split('\n\n')) {
    if (para.length < 60) continue;
    out += (out ? ' ' : '') + para;
    if (out.length >= size) break;
  }
  if (out.length < 100) out = body;
  return out.length > size ? out.slice(0, out.lastIndexOf(' ', size) > size / 2 ? out.lastIndexOf(' ', size) : size) : out;
}

function emptyReason(html: string): string {
  if (!html.trim()) return 'the page is empty';
  if (!/<[a-z!]/i.test(html.slice(0, 65536))) return 'no HTML markup found';
  const scripts = (html.match(/<script\b/gi) ?? []).length;
  if (scripts > 0) return 'no article text found: the page holds only scripts or markup (it may need JavaScript to render)';
  return 'no article text found on the page';
}

/** Raw bytes (maybe gzipped, any charset) → extraction. `contentType` is the HTTP header, if fetched. */
export function extractBytes(bytes: Buffer, opts: ExtractOptions & { contentType?: string | null } = {}): Extracted {
  const dec = decodeHtml(bytes, opts.contentType);
  const out = extract(dec.html, opts);
  out.charset = `${dec.charset} (${dec.charsetSource})`;
  return out;
}

export { decodeHtml } from './decode.js';
export { scorePage, aggregate } from './score.js';
