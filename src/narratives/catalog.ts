/**
 * User catalogues, matched without training: known claims (CSV in the shape of EUvsDisinfo's case
 * lists: id, claim, date, outlets, keywords) and narrative catalogues (JSON or YAML: name,
 * description, example sentences). Each entry becomes one or more short documents; every sentence
 * of an article is scored against them with BM25, normalised by the entry's score against itself
 * so a score reads as "share of the entry's weight found in the sentence" (0..1).
 */
import { E, fail } from '../core/errors.js';
import { tokenize } from '../core/tokens.js';

export interface Claim {
  id: string;
  claim: string;
  date: string | null;
  outlets: string[];
  keywords: string[];
}

export interface CatalogNarrative {
  name: string;
  description: string;
  examples: string[];
}

const MAX_ENTRIES = 200_000;
const MAX_FIELD = 20_000;

// ---------------------------------------------------------------- CSV

/** RFC 4180 CSV (quoted fields may hold commas, quotes as "" and newlines). Linear, no regex. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
    i++;
  }
  if (quoted) fail(E.BAD_DATA_FILE, 'CSV: a quoted field is not closed before the end of the file');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const splitList = (s: string | undefined): string[] =>
  (s ?? '')
    .split(/[+;,|]/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Claims from a CSV with a header row. Columns (case-insensitive): `id` (else `issue`+row, else the
 * row number), `claim` (else `title` and `summary` joined), `date`, `outlets`/`outlet`, `keywords`.
 */
export function claimsFromCsv(text: string, name = 'CSV'): Claim[] {
  const rows = parseCsv(text);
  if (rows.length < 2) fail(E.BAD_DATA_FILE, `${name}: expected a header row and at least one claim`);
  if (rows.length - 1 > MAX_ENTRIES) fail(E.BAD_DATA_FILE, `${name}: ${rows.length - 1} rows; the limit is ${MAX_ENTRIES}`);
  const head = rows[0]!.map((h) => h.trim().toLowerCase());
  const col = (...names: string[]): number => names.map((x) => head.indexOf(x)).find((i) => i >= 0) ?? -1;
  const cId = col('id');
  const cClaim = col('claim');
  const cTitle = col('title');
  const cSummary = col('summary');
  const cDate = col('date');
  const cOutlets = col('outlets', 'outlet');
  const cKeywords = col('keywords', 'keyword');
  if (cClaim < 0 && cTitle < 0 && cSummary < 0) fail(E.BAD_DATA_FILE, `${name}: no "claim" column (nor "title"/"summary"); header: ${head.join(', ')}`);
  const seen = new Set<string>();
  return rows.slice(1).map((r, k) => {
    const get = (c: number): string => (c >= 0 ? (r[c] ?? '').trim().slice(0, MAX_FIELD) : '');
    const claim = cClaim >= 0 ? get(cClaim) : [get(cTitle), get(cSummary)].filter(Boolean).join('. ');
    if (!claim) fail(E.BAD_DATA_FILE, `${name}: row ${k + 2} has an empty claim`);
    let id = cId >= 0 ? get(cId) : String(k + 1);
    if (!id || seen.has(id)) id = `${id || 'row'}-${k + 1}`;
    seen.add(id);
    return { id, claim, date: get(cDate) || null, outlets: splitList(get(cOutlets)), keywords: splitList(get(cKeywords)) };
  });
}

// ---------------------------------------------------------------- narrative catalogues

/** A narrative catalogue from JSON (`[...]` or `{narratives: [...]}`) or the YAML subset below. */
export function parseCatalog(text: string, name = 'catalogue'): CatalogNarrative[] {
  const trimmed = text.trimStart();
  let raw: unknown;
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      raw = JSON.parse(text);
    } catch (err) {
      fail(E.BAD_JSON, `${name}: ${(err as Error).message.split('\n')[0]}`);
    }
  } else raw = parseYamlSubset(text, name);
  const list = Array.isArray(raw) ? raw : (raw as { narratives?: unknown })?.narratives;
  if (!Array.isArray(list) || list.length === 0) fail(E.BAD_DATA_FILE, `${name}: expected a list of narratives (name, description, examples)`);
  if (list.length > MAX_ENTRIES) fail(E.BAD_DATA_FILE, `${name}: ${list.length} narratives; the limit is ${MAX_ENTRIES}`);
  return list.map((e, i) => {
    const o = e as Record<string, unknown>;
    const nm = typeof o?.name === 'string' ? o.name.trim() : '';
    if (!nm) fail(E.BAD_DATA_FILE, `${name}: narrative ${i + 1} has no "name"`);
    const description = typeof o.description === 'string' ? o.description : '';
    const ex = o.examples ?? [];
    if (!Array.isArray(ex) || ex.some((x) => typeof x !== 'string')) fail(E.BAD_DATA_FILE, `${name}: "examples" of "${nm}" must be a list of sentences`);
    if (!description && ex.length === 0) fail(E.BAD_DATA_FILE, `${name}: "${nm}" needs a description or examples to match against`);
    return { name: nm, description, examples: ex as string[] };
  });
}

const unquote = (v: string): string => {
  const s = v.trim();
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) return s.slice(1, -1).replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  return s;
};

/**
 * The YAML a catalogue needs, nothing more: an optional top-level `narratives:` key, a list of maps
 * (`- name: ...`) whose values are one-line scalars or lists of one-line scalars (`examples:` then
 * `- "..."` lines). Anything else is refused with its line number.
 */
export function parseYamlSubset(text: string, name = 'YAML'): unknown {
  const items: Array<Record<string, string | string[]>> = [];
  let cur: Record<string, string | string[]> | null = null;
  let listKey: string | null = null;
  let itemIndent = -1;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, n) => {
    const noComment = /^\s*#/.test(line) ? '' : line;
    if (noComment.trim() === '' || noComment.trim() === '---') return;
    const indent = noComment.length - noComment.trimStart().length;
    const body = noComment.trim();
    const bad = (): never => fail(E.BAD_DATA_FILE, `${name}:${n + 1}: not in the supported YAML subset (list of name/description/examples)`);
    if (indent === 0 && /^narratives:\s*$/.test(body)) return;
    if (body.startsWith('- ') || body === '-') {
      const rest = body.slice(1).trim();
      if (cur && listKey && indent > itemIndent) {
        (cur[listKey] as string[]).push(unquote(rest));
        return;
      }
      const m = /^([A-Za-z_][\w-]*):\s?(.*)$/.exec(rest);
      if (!m) bad();
      cur = {};
      items.push(cur);
      itemIndent = indent;
      listKey = null;
      setKey(cur, m![1]!, m![2]!);
      return;
    }
    const m = /^([A-Za-z_][\w-]*):\s?(.*)$/.exec(body);
    // Keys of an item line up under its first key ("- name:" puts it two columns in).
    if (!m || !cur || indent !== itemIndent + 2) bad();
    setKey(cur!, m![1]!, m![2]!);
  });
  function setKey(o: Record<string, string | string[]>, k: string, v: string): void {
    if (v.trim() === '') {
      o[k] = [];
      listKey = k;
    } else {
      o[k] = unquote(v);
      listKey = null;
    }
  }
  return items;
}

// ---------------------------------------------------------------- retrieval

const STOP = new Set(
  'a an the and or but if of to in on at by for with from as is are was were be been it its this that these those he she they we you i his her their our not no so than then there has have had do does did will would can could should may might must also which who what when where how all any some such into about over after before up out more most very just only said says'.split(
    ' ',
  ),
);

/** Lower-cased content words, light suffix stripping so "sanctions" meets "sanction". */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text, 0, Math.min(text.length, MAX_FIELD))) {
    if (!t.word || STOP.has(t.norm) || t.norm.length < 2) continue;
    out.push(stem(t.norm));
  }
  return out;
}

function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

export interface Entry {
  /** Catalogue key (claim id or narrative name). */
  key: string;
  /** The text this document came from (the claim, the description or one example). */
  text: string;
}

export interface Match {
  key: string;
  /** 0..1: the sentence's BM25 score against the entry over the entry's score against itself. */
  score: number;
  /** The entry text that matched best. */
  matched: string;
  sentence: { start: number; end: number };
}

/** BM25 over the catalogue's entry documents; sentences are the queries. */
export class Retriever {
  private readonly docs: Array<{ entry: Entry; tf: Map<string, number>; len: number; self: number }>;
  private readonly df = new Map<string, number>();
  private readonly avgLen: number;
  private readonly postings = new Map<string, number[]>();

  constructor(
    entries: readonly Entry[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    const prepared = entries.map((entry) => {
      const ts = terms(entry.text);
      const tf = new Map<string, number>();
      for (const t of ts) tf.set(t, (tf.get(t) ?? 0) + 1);
      return { entry, tf, len: ts.length, self: 0 };
    });
    prepared.forEach((d, i) => {
      for (const t of d.tf.keys()) {
        this.df.set(t, (this.df.get(t) ?? 0) + 1);
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = []));
        p.push(i);
      }
    });
    this.avgLen = prepared.reduce((a, d) => a + d.len, 0) / Math.max(1, prepared.length);
    this.docs = prepared;
    for (const d of this.docs) d.self = this.score([...d.tf.keys()], d);
  }

  private idf(t: string): number {
    const n = this.docs.length;
    const df = this.df.get(t) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private score(query: readonly string[], d: (typeof this.docs)[number]): number {
    let s = 0;
    for (const t of new Set(query)) {
      const f = d.tf.get(t);
      if (!f) continue;
      s += (this.idf(t) * f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * d.len) / this.avgLen));
    }
    return s;
  }

  /** The best-scoring entry documents for one query text, normalised, above minScore. */
  query(text: string, minScore: number): Array<{ entry: Entry; score: number }> {
    const q = [...new Set(terms(text))];
    const cand = new Set<number>();
    for (const t of q) for (const i of this.postings.get(t) ?? []) cand.add(i);
    const out: Array<{ entry: Entry; score: number }> = [];
    for (const i of cand) {
      const d = this.docs[i]!;
      if (d.self <= 0) continue;
      const s = Math.min(1, this.score(q, d) / d.self);
      if (s >= minScore) out.push({ entry: d.entry, score: s });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** Per catalogue key, the best sentence of a text (sentences given as offsets into it). */
  match(text: string, sentences: ReadonlyArray<{ start: number; end: number }>, minScore: number): Match[] {
    const best = new Map<string, Match>();
    for (const s of sentences) {
      for (const r of this.query(text.slice(s.start, s.end), minScore)) {
        const cur = best.get(r.entry.key);
        if (!cur || r.score > cur.score) best.set(r.entry.key, { key: r.entry.key, score: r.score, matched: r.entry.text, sentence: { start: s.start, end: s.end } });
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  }
}

export function claimEntries(claims: readonly Claim[]): Entry[] {
  return claims.map((c) => ({ key: c.id, text: c.keywords.length ? `${c.claim} ${c.keywords.join(' ')}` : c.claim }));
}

export function narrativeEntries(cat: readonly CatalogNarrative[]): Entry[] {
  return cat.flatMap((n) => [...(n.description ? [{ key: n.name, text: n.description }] : []), ...n.examples.map((e) => ({ key: n.name, text: e }))]);
}
