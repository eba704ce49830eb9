/** Field names seen in the wild for each record field (JSON Lines, CSV headers), first match wins. */
import type { ColumnMap } from './types.js';

const ALIASES: Record<keyof ColumnMap, string[]> = {
  text: ['text', 'body', 'content', 'article', 'full_text', 'fulltext', 'maintext', 'summary', 'description'],
  html: ['html', 'raw_html', 'content_html'],
  title: ['title', 'headline', 'name'],
  date: ['date', 'published', 'pubdate', 'publish_date', 'date_publish', 'published_at', 'datetime', 'timestamp'],
  url: ['url', 'link', 'canonical_url', 'href', 'uri'],
  source: ['source', 'outlet', 'site', 'site_name', 'publisher', 'domain'],
  id: ['id', 'doc_id', 'article_id', 'guid'],
};

export type Field = keyof ColumnMap;
export const FIELDS = Object.keys(ALIASES) as Field[];

/** For each field, the key to read from a record with these keys (explicit mapping first). */
export function resolveFields(keys: readonly string[], map: ColumnMap = {}): Partial<Record<Field, string>> {
  const lower = new Map(keys.map((k) => [k.toLowerCase(), k]));
  const out: Partial<Record<Field, string>> = {};
  for (const f of FIELDS) {
    const explicit = map[f];
    if (explicit !== undefined) {
      if (keys.includes(explicit)) out[f] = explicit;
      continue;
    }
    for (const alias of ALIASES[f]) {
      const k = lower.get(alias);
      if (k !== undefined) {
        out[f] = k;
        break;
      }
    }
  }
  return out;
}

/** Parse "text=body,url=link" into a ColumnMap; unknown field names are an error message. */
export function parseColumnMap(spec: string): ColumnMap | string {
  const map: ColumnMap = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\w+)=(.+)$/.exec(part);
    if (!m || !FIELDS.includes(m[1] as Field)) return `"${part}" is not FIELD=COLUMN with FIELD one of ${FIELDS.join(', ')}`;
    map[m[1] as Field] = m[2]!.trim();
  }
  return map;
}
