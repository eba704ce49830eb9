/** A JSON object or CSV row → an input record, through the field mapping. */
import type { Field } from './fields.js';
import type { Place, ReadItem } from './types.js';

export function toRecord(o: Record<string, unknown>, fields: Partial<Record<Field, string>>, place: Place): ReadItem {
  const get = (f: Field): string | undefined => {
    const k = fields[f];
    if (k === undefined) return undefined;
    const v = o[k];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'number') return String(v);
    return typeof v === 'string' ? v : undefined;
  };
  const text = get('text');
  const html = get('html');
  if (text === undefined && html === undefined) {
    const keys = Object.keys(o).slice(0, 8).join(', ');
    return { kind: 'error', place, error: `no text or html field (keys: ${keys || 'none'})` };
  }
  return { kind: 'record', place, text: html === undefined ? text : undefined, html, title: get('title'), date: get('date'), url: get('url'), source: get('source'), id: get('id') };
}
