/**
 * The keys that make ingest idempotent: a document is "already stored" when its canonical URL, its
 * normalised text or its raw input was seen before. Keys are unique in the store.
 */
import { createHash } from 'node:crypto';
import { words } from './copies/minhash.js';

const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|yclid|igshid|ref|ref_src|cmpid|ocid|smid|_ga)$/i;

/** A URL as a key: scheme-less, host lowercased without www., no fragment, tracking parameters or trailing slash. */
export function canonicalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const params = [...u.searchParams].filter(([k]) => !TRACKING.test(k));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : '';
  return `${u.hostname.toLowerCase().replace(/^www\./, '')}${u.port ? `:${u.port}` : ''}${path}${query}`;
}

function sha(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 32);
}

/** Hash of the text's words, lowercased: whitespace, punctuation and case changes do not count. */
export function textKey(text: string): string {
  return `text:${sha(words(text).join(' '))}`;
}

export function urlKey(url: string | null | undefined): string | null {
  const c = canonicalUrl(url);
  return c ? `url:${c}` : null;
}

/** Hash of what the reader delivered (text or HTML, as is). */
export function rawKey(content: string): string {
  return `raw:${sha(content)}`;
}
