/**
 * HTML page → article text and metadata for analyze(): the extractor in src/extract (the same one
 * `slant extract` runs). Fails with E109 when the page holds no article text.
 */
import type { DocMeta } from '../core/document.js';
import { E, fail } from '../core/errors.js';
import { extract } from '../extract/index.js';

export function fromHtml(html: string, url?: string): { text: string; meta: DocMeta } {
  const page = extract(html, { url });
  if (!page.body.trim()) fail(E.NO_TEXT_IN_HTML, page.warning ?? 'no article text found in the HTML page');
  const meta: DocMeta = {
    title: page.title,
    date: page.date,
    dateSource: page.dateSource,
    byline: page.byline,
    language: page.language,
    url: url ?? page.canonicalUrl ?? null,
    canonicalUrl: page.canonicalUrl,
    siteName: page.siteName,
  };
  if (page.credits.length) meta.credits = page.credits;
  return { text: page.body, meta };
}
