import type { DocMeta } from '../core/document.js';

/** Placeholder until the extractor lands (src/extract). */
export function fromHtml(html: string, url?: string): { text: string; meta: DocMeta } {
  return { text: html.replace(/<[^>]*>/g, ' '), meta: { url: url ?? null } };
}
