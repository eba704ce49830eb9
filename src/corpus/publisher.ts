/**
 * Which outlet published a document: the source the input declared (feed, JSON field), the page's
 * site name, the URL's host, and only then a credited source (an aggregator copy that credits
 * "huanqiu net" and has nothing else to go on). Known outlets are normalised to their name in
 * src/meta/data/outlets.json, so "globaltimes.cn", "Global Times" and "huanqiu" are one outlet.
 */
import { outlets, type Outlet } from '../meta/credits.js';
import type { AnalysisResult } from '../result.js';

let index: { byAlias: Map<string, Outlet>; hosts: Array<[string, Outlet]> } | undefined;

function getIndex(): NonNullable<typeof index> {
  if (index) return index;
  const byAlias = new Map<string, Outlet>();
  const hosts: Array<[string, Outlet]> = [];
  for (const o of outlets()) {
    for (const a of [o.id, o.name, ...o.aliases]) {
      const k = key(a);
      if (!byAlias.has(k)) byAlias.set(k, o);
      if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(a)) hosts.push([a.toLowerCase(), o]);
    }
  }
  return (index = { byAlias, hosts });
}

function key(s: string): string {
  return s.toLowerCase().replace(/[\s._-]+/g, ' ').trim();
}

/** A known outlet's name for a name, alias or host; null when slant does not know it. */
export function knownOutlet(value: string): Outlet | null {
  const { byAlias, hosts } = getIndex();
  const direct = byAlias.get(key(value));
  if (direct) return direct;
  const host = value.toLowerCase().replace(/^www\./, '');
  for (const [h, o] of hosts) if (host === h || host.endsWith(`.${h}`)) return o;
  return null;
}

export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** A line that credits where the text came from ("Source: X", "originally published by X", "(Reuters) —"). */
const REPUBLISHED = /\b(?:sources?\s*[:：]|reference source|originally (?:published|appeared)|first (?:published|appeared)|republished|reprinted|courtesy of|posted with permission|with permission (?:of|from))/i;

/**
 * The credited outlet a text says it was taken from — not one it merely cites ("according to
 * Reuters" names a source of a claim, not the publisher of the text).
 */
export function creditedOrigin(r: AnalysisResult): string | null {
  if (!r.meta.credits.length) return null;
  const lines = r.text.split('\n').filter((l) => REPUBLISHED.test(l));
  const head = r.text.slice(0, 400).toLowerCase();
  for (const c of r.meta.credits) {
    const name = c.name.toLowerCase();
    const names = [name, ...(knownOutlet(c.code ?? c.name)?.aliases.map((a) => a.toLowerCase()) ?? [])];
    if (lines.some((l) => names.some((n) => l.toLowerCase().includes(n)))) return c.name;
    if (names.some((n) => head.includes(`(${n})`))) return c.name; // a wire dateline
  }
  return null;
}

/** The publishing outlet of a result, normalised; null when nothing names one. */
export function outletOf(r: AnalysisResult): string | null {
  const candidates = [r.meta.source, r.meta.siteName, hostOf(r.meta.canonicalUrl ?? r.meta.url), creditedOrigin(r)];
  for (const c of candidates) {
    const v = c?.trim();
    if (!v) continue;
    return knownOutlet(v)?.name ?? v.slice(0, 200);
  }
  return null;
}
