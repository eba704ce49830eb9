/** Export stored documents as JSON (full results) or CSV (one row per document, listing columns). */
import type { StoredDocument } from './types.js';
import { summarize } from './sqlite.js';

export const CSV_COLUMNS = ['id', 'created', 'title', 'date', 'language', 'url', 'outlets', 'actors', 'techniques', 'technique_spans', 'words', 'text'] as const;

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\r\n';
}

export function csvRow(d: StoredDocument): string {
  const s = summarize(d.id, d.created, d.result);
  const cells = [
    d.id,
    d.created,
    s.title ?? '',
    s.date ?? '',
    s.language ?? '',
    s.url ?? '',
    s.outlets.join('; '),
    s.actors.join('; '),
    Object.entries(s.techniques)
      .map(([k, n]) => `${k}=${n}`)
      .join('; '),
    String(d.result.techniques.length),
    String(s.words),
    d.result.text,
  ];
  return cells.map(csvCell).join(',') + '\r\n';
}

/**
 * RFC 4180 quoting, plus a leading apostrophe on cells a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR): article text is untrusted.
 */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
