/**
 * From a news web page to clean article text and metadata. `extract` takes HTML text,
 * `extractBytes` raw bytes (gzip and any charset). Both are pure and bounded: oversize, binary or
 * pathological input gives a one-line error or an empty body with a reason, never a hang.
 */
import type { Credit } from '../core/document.js';
import { parse } from './dom.js';
import { readMeta } from './meta.js';
import { extractBody, type BodyParams } from './body.js';
import { decodeHtml } from './decode.js';
import { dateInText } from './dates.js';
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

export function extract(html: string, opts: ExtractOptions = {}): Extracted {
  const { doc, notes } = parse(html);
  const meta = readMeta(doc, opts.url);
  const { body: domBody } = extractBody(doc, { titles: meta.titles, params: opts.params });
  let body = domBody;
  // JSON-LD articleBody is often cut to a teaser; trust it only when it is clearly the longer text.
  const ld = meta.jsonLdBody ? meta.jsonLdBody.trim() : '';
  if (ld && collapse(ld).length > 1.3 * collapse(body).length + 200 && !/<[a-z][^>]*>/i.test(ld.slice(0, 2000))) body = ld.replace(/\r\n?/g, '\n');
  let date = meta.date, dateSource = meta.dateSource;
  if (!date) {
    const d = dateInText(body.slice(0, 1000));
    if (d) (date = d.date), (dateSource = 'text');
  }
  let language = 'und';
  if (body.length >= 50) language = detectLanguage(body.slice(0, 20000));
  if ((language === 'und' || !language) && meta.declaredLanguage) language = meta.declaredLanguage;
  const credits: Credit[] = body ? findCredits(body).map(({ name, code, kind, country }) => ({ name, code, kind, country })) : [];
  const out: Extracted = {
    title: meta.title,
    byline: meta.byline,
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
