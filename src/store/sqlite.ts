/**
 * The embedded store: one SQLite file (better-sqlite3 12.x) with numbered migrations, the full
 * result as JSON plus extracted columns for filtering and sorting, and an FTS5 index over title and
 * text. Synchronous underneath; async outside so a PostgreSQL store can share the interface.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { E, fail } from '../core/errors.js';
import type { AnalysisResult } from '../result.js';
import {
  MAX_PAGE_SIZE,
  type CopyLink,
  type CorpusEntry,
  type CorpusInfo,
  type PutOutcome,
  type DocumentSummary,
  type Facets,
  type SearchPage,
  type SearchQuery,
  type Store,
  type StoredDocument,
} from './types.js';
import { ftsQuery, ftsText, unspaceCjk } from './fts.js';
import { openReadOnly } from './readonly.js';

/** Schema changes in order; the database records how many ran (PRAGMA user_version). Never edit one that shipped. */
export const MIGRATIONS: ReadonlyArray<string | ((db: Database.Database) => void)> = [
  // 1: documents, their facets, and the full-text index.
  `CREATE TABLE documents (
     id TEXT PRIMARY KEY,
     created TEXT NOT NULL,
     title TEXT,
     date TEXT,
     language TEXT,
     url TEXT,
     words INTEGER NOT NULL,
     n_techniques INTEGER NOT NULL,
     summary TEXT NOT NULL,
     result TEXT NOT NULL
   );
   CREATE INDEX documents_created ON documents(created);
   CREATE INDEX documents_date ON documents(date);
   CREATE TABLE document_outlets (doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, value TEXT NOT NULL COLLATE NOCASE);
   CREATE INDEX document_outlets_value ON document_outlets(value, doc);
   CREATE TABLE document_actors (doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, code TEXT NOT NULL, name TEXT NOT NULL, mentions INTEGER NOT NULL);
   CREATE INDEX document_actors_code ON document_actors(code, doc);
   CREATE TABLE document_techniques (doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, technique TEXT NOT NULL, spans INTEGER NOT NULL);
   CREATE INDEX document_techniques_t ON document_techniques(technique, doc);
   CREATE VIRTUAL TABLE documents_fts USING fts5(id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');`,
  // 2: outlet codes stay searchable but are kept out of the filter menu (names only there).
  `ALTER TABLE document_outlets ADD COLUMN is_code INTEGER NOT NULL DEFAULT 0;`,
  // 3: CJK characters indexed one by one (see fts.ts), so "中国" finds 中国 inside a longer run.
  (db) => {
    const ids = db.prepare('SELECT id FROM documents').pluck().all() as string[];
    const get = db.prepare('SELECT title, result FROM documents WHERE id = ?');
    const put = db.prepare('INSERT INTO documents_fts (id, title, body) VALUES (?,?,?)');
    db.exec('DELETE FROM documents_fts');
    // One document at a time: a large library is never held in memory at once.
    for (const id of ids) {
      const r = get.get(id) as { title: string | null; result: string };
      put.run(id, ftsText(r.title ?? ''), ftsText((JSON.parse(r.result) as AnalysisResult).text));
    }
  },
  // 4: the corpus (src/corpus): unique ingest keys, outlet and first-seen order, near-copy
  // signatures, LSH buckets and verified copy links.
  `CREATE TABLE corpus_docs (
     seq INTEGER PRIMARY KEY,
     doc TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
     outlet TEXT,
     origin TEXT,
     shingles INTEGER NOT NULL,
     minhash BLOB NOT NULL
   );
   CREATE INDEX corpus_docs_outlet ON corpus_docs(outlet);
   CREATE TABLE document_keys (key TEXT PRIMARY KEY, doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE);
   CREATE INDEX document_keys_doc ON document_keys(doc);
   CREATE TABLE copy_bands (band TEXT NOT NULL, doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE);
   CREATE INDEX copy_bands_band ON copy_bands(band);
   CREATE INDEX copy_bands_doc ON copy_bands(doc);
   CREATE TABLE copy_links (
     a TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     b TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     similarity REAL NOT NULL,
     containment REAL NOT NULL,
     PRIMARY KEY (a, b)
   );
   CREATE INDEX copy_links_b ON copy_links(b);`,
];

type Row = { id: string; created: string; summary: string; snippet?: string | null };

export class SqliteStore implements Store {
  readonly path: string;
  private readonly db: Database.Database;

  constructor(path: string, opts: { readOnly?: boolean } = {}) {
    this.path = path;
    try {
      if (opts.readOnly) {
        // An existing file, never written (read-only media work too): no migration, no WAL switch.
        this.db = openReadOnly(path);
        if (this.version !== MIGRATIONS.length) fail(E.STORAGE, `its schema is ${this.version}, this slant reads ${MIGRATIONS.length}; open it once without read-only to upgrade it`);
        return;
      }
      if (path !== ':memory:') makeDirs(dirname(path));
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a commit no longer waits for fsync (half of ingest's main-thread time); a killed
      // process still leaves a consistent database, a power cut may lose the last commits only.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('busy_timeout = 5000');
      this.migrate();
    } catch (err) {
      fail(E.STORAGE, `cannot open the database ${path}: ${(err as Error).message}`);
    }
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, prepared once (ingest writes thousands of documents). */
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  /** The schema version the file is at (number of migrations applied). */
  get version(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private migrate(): void {
    const at = this.version;
    if (at > MIGRATIONS.length) fail(E.STORAGE, `the database ${this.path} has schema ${at}, newer than this slant (${MIGRATIONS.length}); upgrade slant`);
    for (let i = at; i < MIGRATIONS.length; i++) {
      this.db.transaction(() => {
        const m = MIGRATIONS[i]!;
        if (typeof m === 'string') this.db.exec(m);
        else m(this.db);
        this.db.pragma(`user_version = ${i + 1}`);
      })();
    }
  }

  async put(result: AnalysisResult): Promise<StoredDocument> {
    const id = newId();
    const created = new Date().toISOString();
    const summary = summarize(id, created, result);
    this.db.transaction(() => this.insert(id, created, summary, result))();
    return { id, created, result: { ...result, id } };
  }

  /** The document rows, inside the caller's transaction. */
  private insert(id: string, created: string, summary: DocumentSummary, result: AnalysisResult): void {
    const json = JSON.stringify({ ...result, id });
    this
      .stmt('INSERT INTO documents (id, created, title, date, language, url, words, n_techniques, summary, result) VALUES (?,?,?,?,?,?,?,?,?,?)')
      .run(id, created, summary.title, summary.date, summary.language, summary.url, summary.words, result.techniques.length, JSON.stringify(summary), json);
    const o = this.stmt('INSERT INTO document_outlets (doc, value, is_code) VALUES (?, ?, ?)');
    const names = new Set(summary.outlets.map((v) => v.toLowerCase()));
    for (const v of outletValues(result)) o.run(id, v, names.has(v.toLowerCase()) ? 0 : 1);
    const a = this.stmt('INSERT INTO document_actors (doc, code, name, mentions) VALUES (?,?,?,?)');
    for (const x of result.actors) a.run(id, x.code, x.name, x.mentions.length);
    const t = this.stmt('INSERT INTO document_techniques (doc, technique, spans) VALUES (?,?,?)');
    for (const [k, n] of Object.entries(summary.techniques)) t.run(id, k, n);
    this.stmt('INSERT INTO documents_fts (id, title, body) VALUES (?,?,?)').run(id, ftsText(summary.title ?? ''), ftsText(result.text));
  }

  async putEntry(result: AnalysisResult, entry: CorpusEntry): Promise<PutOutcome> {
    const id = newId();
    const created = new Date().toISOString();
    const summary = summarize(id, created, result);
    return this.db.transaction((): PutOutcome => {
      const taken = this.keyOwner(entry.keys);
      if (taken) return { duplicateOf: taken };
      this.insert(id, created, summary, result);
      this.stmt('INSERT INTO corpus_docs (doc, outlet, origin, shingles, minhash) VALUES (?,?,?,?,?)').run(id, entry.outlet, entry.origin, entry.shingles, Buffer.from(entry.minhash.buffer, entry.minhash.byteOffset, entry.minhash.byteLength));
      const k = this.stmt('INSERT INTO document_keys (key, doc) VALUES (?, ?)');
      for (const key of new Set(entry.keys)) k.run(key, id);
      const b = this.stmt('INSERT INTO copy_bands (band, doc) VALUES (?, ?)');
      for (const band of new Set(entry.bands)) b.run(band, id);
      const l = this.stmt('INSERT OR IGNORE INTO copy_links (a, b, similarity, containment) VALUES (?,?,?,?)');
      for (const x of entry.links) l.run(x.doc, id, x.similarity, x.containment);
      return { stored: { id, created, result: { ...result, id } } };
    })();
  }

  async findKey(keys: string[]): Promise<string | null> {
    return this.keyOwner(keys);
  }

  private keyOwner(keys: string[]): string | null {
    const q = this.stmt('SELECT doc FROM document_keys WHERE key = ?').pluck();
    for (const key of keys) {
      const doc = q.get(key) as string | undefined;
      if (doc) return doc;
    }
    return null;
  }

  async copyCandidates(bands: string[], limit: number): Promise<Array<{ id: string; minhash: Uint32Array; shingles: number }>> {
    const out: Array<{ id: string; minhash: Uint32Array; shingles: number }> = [];
    // In chunks: SQLite caps the number of bound parameters.
    const seen = new Set<string>();
    for (let i = 0; i < bands.length && out.length < limit; i += 200) {
      const chunk = bands.slice(i, i + 200);
      const rows = this
        .stmt(`SELECT c.doc AS id, c.minhash, c.shingles FROM corpus_docs c WHERE c.doc IN (SELECT doc FROM copy_bands WHERE band IN (${chunk.map(() => '?').join(',')})) LIMIT ?`)
        .all(...chunk, limit - out.length) as Array<{ id: string; minhash: Buffer; shingles: number }>;
      for (const r of rows) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        const copy = new Uint8Array(r.minhash);
        out.push({ id: r.id, minhash: new Uint32Array(copy.buffer, 0, copy.byteLength >> 2), shingles: r.shingles });
      }
    }
    return out;
  }

  async *copyLinks(): AsyncIterable<CopyLink> {
    for (const row of this.db.prepare('SELECT a, b, similarity, containment FROM copy_links ORDER BY a, b').iterate() as Iterable<CopyLink>) yield row;
  }

  async corpusInfo(ids: string[]): Promise<CorpusInfo[]> {
    const out: CorpusInfo[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      out.push(
        ...(this.db
          .prepare(
            `SELECT d.id, c.seq, d.created, d.title, d.date, d.url, c.outlet, c.origin FROM documents d JOIN corpus_docs c ON c.doc = d.id WHERE d.id IN (${chunk.map(() => '?').join(',')}) ORDER BY c.seq`,
          )
          .all(...chunk) as CorpusInfo[]),
      );
    }
    return out;
  }

  async get(id: string): Promise<StoredDocument | null> {
    const row = this.db.prepare('SELECT id, created, result FROM documents WHERE id = ?').get(id) as { id: string; created: string; result: string } | undefined;
    return row ? { id: row.id, created: row.created, result: JSON.parse(row.result) as AnalysisResult } : null;
  }

  async delete(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM documents_fts WHERE id = ?').run(id);
      return this.db.prepare('DELETE FROM documents WHERE id = ?').run(id).changes > 0;
    })();
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    const pageSize = clamp(query.pageSize ?? 20, 1, MAX_PAGE_SIZE);
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const { where, params, fts } = this.where(query);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM documents d ${fts ? 'JOIN documents_fts f ON f.id = d.id' : ''} ${where}`).get(...params) as { n: number }).n;
    const rows = this.db
      .prepare(`${this.select(fts)} ${where} ${orderBy(query, fts)} LIMIT ? OFFSET ?`)
      .all(...params, pageSize, (page - 1) * pageSize) as Row[];
    return { total, page, pageSize, items: rows.map(toSummary) };
  }

  async *each(query: SearchQuery, limit: number): AsyncIterable<StoredDocument> {
    const { where, params, fts } = this.where(query);
    const sql = `SELECT d.id, d.created, d.result FROM documents d ${fts ? 'JOIN documents_fts f ON f.id = d.id' : ''} ${where} ${orderBy(query, fts)} LIMIT ?`;
    for (const row of this.db.prepare(sql).iterate(...params, limit) as Iterable<{ id: string; created: string; result: string }>) {
      yield { id: row.id, created: row.created, result: JSON.parse(row.result) as AnalysisResult };
    }
  }

  async facets(): Promise<Facets> {
    return {
      outlets: this.db.prepare('SELECT value, count(DISTINCT doc) AS count FROM document_outlets WHERE is_code = 0 GROUP BY value COLLATE NOCASE ORDER BY count DESC, value LIMIT 200').all() as Facets['outlets'],
      actors: this.db.prepare('SELECT code AS value, min(name) AS name, count(*) AS count FROM document_actors GROUP BY code ORDER BY count DESC, code LIMIT 300').all() as Facets['actors'],
      techniques: this.db.prepare('SELECT technique AS value, count(*) AS count FROM document_techniques GROUP BY technique ORDER BY technique').all() as Facets['techniques'],
    };
  }

  async count(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private select(fts: boolean): string {
    return fts
      ? `SELECT d.id, d.created, d.summary, snippet(documents_fts, 2, '', '', ' … ', 24) AS snippet FROM documents d JOIN documents_fts f ON f.id = d.id`
      : 'SELECT d.id, d.created, d.summary FROM documents d';
  }

  private where(query: SearchQuery): { where: string; params: unknown[]; fts: boolean } {
    const conds: string[] = [];
    const params: unknown[] = [];
    const match = query.q ? ftsQuery(query.q) : null;
    if (match) {
      conds.push('documents_fts MATCH ?');
      params.push(match);
    }
    if (query.from) {
      conds.push('d.date >= ?');
      params.push(query.from);
    }
    if (query.to) {
      // A prefix bound is inclusive: "to 2022-05" takes every date and timestamp in May 2022.
      conds.push('d.date <= ?');
      params.push(`${query.to}\uffff`);
    }
    if (query.outlet) {
      conds.push('d.id IN (SELECT doc FROM document_outlets WHERE value = ?)');
      params.push(query.outlet);
    }
    if (query.actor) {
      conds.push('d.id IN (SELECT doc FROM document_actors WHERE code = ?)');
      params.push(query.actor);
    }
    if (query.technique) {
      conds.push('d.id IN (SELECT doc FROM document_techniques WHERE technique = ?)');
      params.push(query.technique);
    }
    if (query.ids) {
      conds.push(`d.id IN (${query.ids.map(() => '?').join(',') || "''"})`);
      params.push(...query.ids);
    }
    return { where: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params, fts: match !== null };
  }
}

function orderBy(query: SearchQuery, fts: boolean): string {
  const sort = query.sort ?? (fts ? 'relevance' : 'created');
  const dir = (query.order ?? (sort === 'title' ? 'asc' : 'desc')) === 'asc' ? 'ASC' : 'DESC';
  switch (sort) {
    case 'relevance':
      // bm25 is smaller for better matches; without a query fall back to newest first.
      return fts ? `ORDER BY bm25(documents_fts) ${dir === 'DESC' ? 'ASC' : 'DESC'}, d.created DESC` : 'ORDER BY d.created DESC';
    case 'created':
      return `ORDER BY d.created ${dir}, d.id`;
    case 'date':
      return `ORDER BY d.date IS NULL, d.date ${dir}, d.created DESC`;
    case 'title':
      return `ORDER BY d.title IS NULL, d.title COLLATE NOCASE ${dir}, d.created DESC`;
    case 'techniques':
      return `ORDER BY d.n_techniques ${dir}, d.created DESC`;
    case 'words':
      return `ORDER BY d.words ${dir}, d.created DESC`;
  }
}

function toSummary(row: Row): DocumentSummary {
  const s = JSON.parse(row.summary) as DocumentSummary;
  return { ...s, snippet: row.snippet ? unspaceCjk(row.snippet) : s.snippet };
}

/** The listing columns of a result, computed once at storage. */
export function summarize(id: string, created: string, r: AnalysisResult): DocumentSummary {
  const techniques: Record<string, number> = {};
  for (const t of r.techniques) techniques[t.technique] = (techniques[t.technique] ?? 0) + 1;
  const words = (r.text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  return {
    id,
    created,
    title: r.meta.title ?? firstLine(r.text),
    date: r.meta.date,
    language: r.meta.language,
    url: r.meta.canonicalUrl ?? r.meta.url,
    outlets: outletValues(r, false),
    actors: r.actors.map((a) => a.code),
    techniques,
    words,
    snippet: r.text.slice(0, 200).replace(/\s+/g, ' ').trim(),
  };
}

function firstLine(text: string): string | null {
  const line = text.trim().split('\n', 1)[0]?.trim() ?? '';
  if (!line) return null;
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

/** Credited outlet names (and codes, for search), the site name and the declared source, without repeats. */
export function outletValues(r: AnalysisResult, codes = true): string[] {
  const seen = new Map<string, string>();
  const add = (v: string | null | undefined): void => {
    const t = v?.trim();
    if (t && !seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  };
  for (const c of r.meta.credits) {
    add(c.name);
    if (codes) add(c.code);
  }
  add(r.meta.siteName);
  add(r.meta.source);
  return [...seen.values()];
}

function newId(): string {
  // 12 characters of base32 (60 bits): short enough for URLs, collision-free in practice.
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  let s = '';
  for (const b of bytes) s += alphabet[b & 31];
  return s;
}

/** mkdir -p, one level at a time (Node's recursive mkdir can loop forever under /proc). */
function makeDirs(dir: string): void {
  const parts = resolve(dir).split(sep);
  for (let i = 2; i <= parts.length; i++) {
    const p = parts.slice(0, i).join(sep) || sep;
    if (!existsSync(p)) mkdirSync(p);
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(x)));
}
