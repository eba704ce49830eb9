/**
 * Copy families: documents joined by verified copy links (transitively), each family named by its
 * earliest member — earliest publication date, then first seen (stored first). Every member's
 * similarity is measured against that earliest member when they are linked directly, else the
 * strongest link the member has inside the family.
 */
import type { CopyLink, CorpusInfo, Store } from '../../store/types.js';

export interface FamilyMember {
  id: string;
  url: string | null;
  outlet: string | null;
  date: string | null;
  title: string | null;
  /** Jaccard similarity to the earliest member (1 for the earliest itself). */
  similarity: number;
  /** Containment against the earliest member (1 for the earliest). */
  containment: number;
}

export interface CopyFamily {
  /** Stable id: the earliest member's id. */
  family: string;
  earliest: string;
  members: FamilyMember[];
}

/** Families from all links (union-find), earliest first inside each; families by size, then earliest date. */
export async function families(store: Store): Promise<CopyFamily[]> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let y = x;
    while (parent.get(y) !== r) {
      const next = parent.get(y)!;
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  const links: CopyLink[] = [];
  for await (const l of store.copyLinks()) {
    links.push(l);
    for (const d of [l.a, l.b]) if (!parent.has(d)) parent.set(d, d);
    const ra = find(l.a), rb = find(l.b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const info = new Map((await store.corpusInfo([...parent.keys()])).map((i) => [i.id, i]));
  const groups = new Map<string, string[]>();
  for (const d of parent.keys()) if (info.has(d)) (groups.get(find(d)) ?? groups.set(find(d), []).get(find(d))!).push(d);
  const byPair = new Map<string, CopyLink>();
  const best = new Map<string, CopyLink>();
  for (const l of links) {
    byPair.set(`${l.a} ${l.b}`, l);
    for (const d of [l.a, l.b]) if (!best.has(d) || best.get(d)!.similarity < l.similarity) best.set(d, l);
  }
  const out: CopyFamily[] = [];
  for (const ids of groups.values()) {
    if (ids.length < 2) continue;
    const members = ids.map((id) => info.get(id)!).sort(earliestFirst);
    const first = members[0]!;
    out.push({
      family: first.id,
      earliest: first.id,
      members: members.map((m) => {
        const l = m.id === first.id ? null : byPair.get(`${first.id} ${m.id}`) ?? byPair.get(`${m.id} ${first.id}`) ?? best.get(m.id)!;
        return { id: m.id, url: m.url, outlet: m.outlet, date: m.date, title: m.title, similarity: l ? l.similarity : 1, containment: l ? l.containment : 1 };
      }),
    });
  }
  return out.sort((a, b) => b.members.length - a.members.length || cmp(a.members[0]!.date, b.members[0]!.date) || cmp(a.family, b.family));
}

/** Earliest publication date first (undated last), then first seen. */
export function earliestFirst(a: CorpusInfo, b: CorpusInfo): number {
  const da = a.date?.slice(0, 19) ?? null, db = b.date?.slice(0, 19) ?? null;
  if (da !== db) {
    if (da === null) return 1;
    if (db === null) return -1;
    return da < db ? -1 : 1;
  }
  return a.seq - b.seq;
}

function cmp(a: string | null, b: string | null): number {
  return (a ?? '\uffff') < (b ?? '\uffff') ? -1 : (a ?? '\uffff') > (b ?? '\uffff') ? 1 : 0;
}

export interface RepublicationRow {
  /** The outlet of the earliest member (the one copied). */
  from: string;
  /** The outlet of a later member (the copier). */
  to: string;
  /** Copies of `from`'s articles published by `to`. */
  count: number;
}

/** Who copies whom: for every family, earliest member's outlet → each later member's outlet. */
export function republication(fams: readonly CopyFamily[]): RepublicationRow[] {
  const counts = new Map<string, RepublicationRow>();
  for (const f of fams) {
    const from = f.members[0]!.outlet ?? '(unknown)';
    for (const m of f.members.slice(1)) {
      const to = m.outlet ?? '(unknown)';
      const k = `${from}\u0000${to}`;
      const row = counts.get(k) ?? { from, to, count: 0 };
      row.count++;
      counts.set(k, row);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}
