/** Actors as they appear in the JSON result: one entry per code (per person for people), mentions in code points. */
import type { Doc } from '../core/document.js';
import type { ActorType } from './types.js';
import './types.js';

export interface ActorResult {
  code: string;
  name: string;
  type: ActorType;
  country: string | null;
  sector: string | null;
  mentions: Array<{ start: number; end: number; text: string; via: string }>;
}

/** Results already made, per document and `actors` layer (the graph and the result both ask). */
const made = new WeakMap<Doc, { layer: unknown; out: ActorResult[] }>();

/**
 * The `actors` layer grouped by code, most-mentioned first (the result and the graph both use it).
 * Made once per document and layer: callers get the same objects and must not change them.
 */
export function toActorResults(doc: Doc): ActorResult[] {
  const layer = doc.spans('actors');
  const hit = made.get(doc);
  if (hit && hit.layer === layer) return hit.out;
  const out = group(doc);
  made.set(doc, { layer, out });
  return out;
}

function group(doc: Doc): ActorResult[] {
  const cp = doc.codePoints;
  const actors = new Map<string, ActorResult>();
  for (const s of doc.spans('actors')) {
    const d = s.data;
    // Country-less codes (---LEG: "a senator") stand for many people, and two people are never one
    // actor because they share a code (two US legislators are both USALEG): keep each name apart.
    // Named organisations with a sector code (outlets: CNN and Fox News are both USAMED) are each their own.
    const key = d.code.startsWith('---') || d.type === 'person' || d.type === 'leader' || (d.type === 'organisation' && d.via === 'name' && !!d.sector) ? `${d.code} ${d.name}` : d.code;
    let a = actors.get(key);
    if (!a) {
      a = { code: d.code, name: d.name, type: d.type, country: d.country, sector: d.sector, mentions: [] };
      actors.set(key, a);
    }
    a.mentions.push({ start: cp.cp(s.start), end: cp.cp(s.end), text: doc.textOf(s), via: d.via });
  }
  return [...actors.values()].sort((a, b) => b.mentions.length - a.mentions.length || a.code.localeCompare(b.code));
}
