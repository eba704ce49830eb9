/**
 * The PostgreSQL store (issue 10): the same Store interface as the embedded SQLite one, for a team
 * that shares one corpus — several readers, a crawler feeding it, workers on other machines.
 * Results are `jsonb`; full-text search is a `tsvector` with a GIN index (English stemming for
 * English documents, the `simple` configuration for every other language, both asked at query
 * time); near-copy signatures, LSH buckets and copy links are tables with the indexes their
 * lookups need. Schema versions are numbered as SQLite's (the same count, checked by a test).
 *
 * Hand-written SQL rather than a query builder: every query here is dialect-specific (tsvector,
 * ts_headline, ANY($1), advisory locks), which is exactly what a builder would not remove.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { E, fail, SlantError } from '../core/errors.js';
import type { AnalysisResult } from '../result.js';
import { outletValues, summarize } from './sqlite.js';
import { ftsText, unspaceCjk } from './fts.js';
import {
  MAX_PAGE_SIZE,
  type CopyLink,
  type CorpusEntry,
  type CorpusInfo,
  type DocumentSummary,
  type Facets,
  type PutOutcome,
  type SearchPage,
  type SearchQuery,
  type Store,
  type StoredDocument,
} from './types.js';

/** Schema changes in order, numbered as src/store/sqlite.ts MIGRATIONS. Never edit one that shipped. */
export const PG_MIGRATIONS: readonly string[] = [
  // 1: documents, their facets, the full-text vector.
  `CREATE TABLE documents (
     id text PRIMARY KEY,
     created text NOT NULL,
     title text,
     date text,
     language text,
     url text,
     words integer NOT NULL,
     n_techniques integer NOT NULL,
     summary jsonb NOT NULL,
     result jsonb NOT NULL,
     tsv tsvector NOT NULL
   );
   CREATE INDEX documents_created ON documents (created);
   CREATE INDEX documents_date ON documents (date COLLATE "C");
   CREATE INDEX documents_tsv ON documents USING gin (tsv);
   CREATE TABLE document_outlets (doc text NOT NULL REFERENCES documents(id) ON DELETE CASCADE, value text NOT NULL);
   CREATE INDEX document_outlets_value ON document_outlets (lower(value), doc);
   CREATE INDEX document_outlets_doc ON document_outlets (doc);
   CREATE TABLE document_actors (doc text NOT NULL REFERENCES documents(id) ON DELETE CASCADE, code text NOT NULL, name text NOT NULL, mentions integer NOT NULL);
   CREATE INDEX document_actors_code ON document_actors (code, doc);
   CREATE INDEX document_actors_doc ON document_actors (doc);
   CREATE TABLE document_techniques (doc text NOT NULL REFERENCES documents(id) ON DELETE CASCADE, technique text NOT NULL, spans integer NOT NULL);
   CREATE INDEX document_techniques_t ON document_techniques (technique, doc);
   CREATE INDEX document_techniques_doc ON document_techniques (doc);`,
  // 2: outlet codes stay searchable but are kept out of the filter menu.
  `ALTER TABLE document_outlets ADD COLUMN is_code boolean NOT NULL DEFAULT false;`,
  // 3: (SQLite: CJK re-indexing.) Here the vector was built with CJK characters spaced from the start.
  `SELECT 1;`,
  // 4: the corpus: ingest keys, outlet and first-seen order, near-copy signatures, LSH buckets, links.
  `CREATE TABLE corpus_docs (
     seq bigserial PRIMARY KEY,
     doc text NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
     outlet text,
     origin text,
     shingles integer NOT NULL,
     minhash bytea NOT NULL
   );
   CREATE INDEX corpus_docs_outlet ON corpus_docs (outlet);
   CREATE TABLE document_keys (key text PRIMARY KEY, doc text NOT NULL REFERENCES documents(id) ON DELETE CASCADE);
   CREATE INDEX document_keys_doc ON document_keys (doc);
   CREATE TABLE copy_bands (band text NOT NULL, doc text NOT NULL REFERENCES documents(id) ON DELETE CASCADE);
   CREATE INDEX copy_bands_band ON copy_bands (band);
   CREATE INDEX copy_bands_doc ON copy_bands (doc);
   CREATE TABLE copy_links (
     a text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     b text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     similarity double precision NOT NULL,
     containment double precision NOT NULL,
     PRIMARY KEY (a, b)
   );
   CREATE INDEX copy_links_b ON copy_links (b);`,
];

/** Any statement running longer than this is cancelled by the server (a stuck query never holds a connection). */
export const STATEMENT_TIMEOUT_MS = 60_000;
/** Arbitrary constant for the advisory lock that serialises migrations between processes. */
const MIGRATION_LOCK = 7_315_202_612;
const MAX_TERMS = 24;
/** Session setting, ignored by a server built without lz4. */
const LZ4 = `DO $$ BEGIN SET default_toast_compression = 'lz4'; EXCEPTION WHEN OTHERS THEN NULL; END $$`;

/**
 * A corpus document in one statement and one round trip (issue 10: the store's CPU per document
 * decides how many workers one server feeds): the key check, the document with its full-text
 * vector and facet rows, the corpus entry, its keys, LSH bands and copy links. Nothing is written
 * when a key is already taken (`taken` names the owner); a concurrent writer that takes a key
 * first makes the statement fail with a unique violation, and nothing of it is kept.
 * Foreign keys are checked at the end of the statement, after the document row exists.
 */
const documentRows = (guard: string): string => `
d AS (
  INSERT INTO documents (id, created, title, date, language, url, words, n_techniques, summary, result, tsv)
  SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, setweight(to_tsvector($11::regconfig, $12), 'A') || to_tsvector($11::regconfig, $13)
  ${guard}
  RETURNING id
),
o AS (INSERT INTO document_outlets (doc, value, is_code) SELECT d.id, u.v, u.c FROM d, unnest($15::text[], $16::boolean[]) AS u(v, c)),
a AS (INSERT INTO document_actors (doc, code, name, mentions) SELECT d.id, u.c, u.n, u.m FROM d, unnest($17::text[], $18::text[], $19::int[]) AS u(c, n, m)),
t AS (INSERT INTO document_techniques (doc, technique, spans) SELECT d.id, u.t, u.n FROM d, unnest($20::text[], $21::int[]) AS u(t, n))`;
/** A document outside the corpus (`slant serve`'s analyse-and-keep); $14 is unused. */
const PUT_DOCUMENT = `WITH ${documentRows('WHERE $14::text[] IS NOT NULL')}
SELECT count(*) AS n FROM d`;
const PUT_ENTRY = `
WITH taken AS (SELECT doc FROM document_keys WHERE key = ANY($14::text[]) LIMIT 1),
${documentRows('WHERE NOT EXISTS (SELECT 1 FROM taken)')},
c AS (INSERT INTO corpus_docs (doc, outlet, origin, shingles, minhash) SELECT d.id, $22, $23, $24, $25 FROM d),
k AS (INSERT INTO document_keys (key, doc) SELECT u.k, d.id FROM d, unnest($14::text[]) AS u(k)),
b AS (INSERT INTO copy_bands (band, doc) SELECT u.b, d.id FROM d, unnest($26::text[]) AS u(b)),
l AS (
  INSERT INTO copy_links (a, b, similarity, containment)
  SELECT u.a, d.id, u.s, u.c FROM d, unnest($27::text[], $28::float8[], $29::float8[]) AS u(a, s, c)
  ON CONFLICT DO NOTHING
)
SELECT (SELECT doc FROM taken) AS taken`;

export interface PostgresOptions {
  /** Pool size (default 10). */
  max?: number;
  /** Migrate only up to this version (tests of upgrades); default all. */
  version?: number;
}

/** A URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the PostgreSQL URL';
  }
}

/** One line for any error the driver gives while connecting or querying. */
function storageError(url: string, err: unknown): never {
  if (err instanceof SlantError) throw err;
  const e = err as { code?: string; message?: string };
  const why =
    e.code === 'ECONNREFUSED' ? 'connection refused (is the server running?)'
    : e.code === 'ENOTFOUND' ? 'unknown host'
    : e.code === '28P01' || e.code === '28000' ? 'authentication failed (check the user and password)'
    : e.code === '3D000' ? 'no such database'
    : e.code === '57014' ? `a statement ran over ${STATEMENT_TIMEOUT_MS / 1000} s and was cancelled`
    : e.code === '53100' ? 'the database server is out of disk space'
    : (e.message ?? String(err)).split('\n')[0];
  fail(E.STORAGE, `PostgreSQL ${redact(url)}: ${why}`);
}

export async function openPostgresStore(url: string, opts: PostgresOptions = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    application_name: 'slant',
  });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => {});
  // Results compress with lz4 where the server has it: about half the CPU of the default pglz for
  // a kept result (measured on the PTC articles), for the same reads. Queued before the client's first query.
  pool.on('connect', (client) => {
    client.query(LZ4).catch(() => {});
  });
  const store = new PostgresStore(pool, url);
  try {
    await store.migrate(opts.version ?? PG_MIGRATIONS.length);
  } catch (err) {
    await pool.end().catch(() => {});
    storageError(url, err);
  }
  return store;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

export class PostgresStore implements Store {
  constructor(
    private readonly pool: pg.Pool,
    readonly url: string,
  ) {}

  /** The schema version (number of migrations applied); 0 for an empty database. */
  async version(db: Queryable = this.pool): Promise<number> {
    const t = await db.query(`SELECT to_regclass('slant_schema') AS t`);
    if (!t.rows[0]?.t) return 0;
    const r = await db.query('SELECT version FROM slant_schema');
    return Number(r.rows[0]?.version ?? 0);
  }

  /** Apply the missing migrations, each in its own transaction, one process at a time. */
  async migrate(upTo: number): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await client.query('CREATE TABLE IF NOT EXISTS slant_schema (version integer NOT NULL)');
        const r = await client.query('SELECT version FROM slant_schema');
        if (r.rowCount === 0) await client.query('INSERT INTO slant_schema (version) VALUES (0)');
        const at = Number(r.rows[0]?.version ?? 0);
        if (at > PG_MIGRATIONS.length) {
          fail(E.STORAGE, `the database ${redact(this.url)} has schema ${at}, newer than this slant (${PG_MIGRATIONS.length}); upgrade slant`);
        }
        for (let i = at; i < Math.min(upTo, PG_MIGRATIONS.length); i++) {
          await client.query('BEGIN');
          try {
            await client.query(PG_MIGRATIONS[i]!);
            await client.query('UPDATE slant_schema SET version = $1', [i + 1]);
            await client.query('COMMIT');
          } catch (err) {
            await client.query('ROLLBACK');
            throw err;
          }
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  /** One statement; `{ name, text }` prepares it once per connection. */
  private async q<R extends pg.QueryResultRow>(sql: string | { name: string; text: string }, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(typeof sql === 'string' ? { text: sql, values: params } : { ...sql, values: params });
    } catch (err) {
      storageError(this.url, err);
    }
  }

  async put(result: AnalysisResult): Promise<StoredDocument> {
    const id = newId();
    const created = new Date().toISOString();
    const p = documentParams(id, created, result);
    await this.q({ name: 'slant-put', text: PUT_DOCUMENT }, [...p.doc, [], ...p.facets]);
    return { id, created, result: { ...result, id } };
  }

  async putEntry(result: AnalysisResult, entry: CorpusEntry): Promise<PutOutcome> {
    const id = newId();
    const created = new Date().toISOString();
    const keys = [...new Set(entry.keys)];
    try {
      const links = entry.links;
      const p = documentParams(id, created, result);
      const r = await this.q<{ taken: string | null }>(
        { name: 'slant-put-entry', text: PUT_ENTRY },
        [
          ...p.doc,
          keys,
          ...p.facets,
          entry.outlet,
          entry.origin,
          entry.shingles,
          Buffer.from(entry.minhash.buffer, entry.minhash.byteOffset, entry.minhash.byteLength),
          [...new Set(entry.bands)],
          links.map((x) => x.doc),
          links.map((x) => x.similarity),
          links.map((x) => x.containment),
        ],
      );
      const taken = r.rows[0]?.taken;
      if (taken) return { duplicateOf: taken };
      return { stored: { id, created, result: { ...result, id } } };
    } catch (err) {
      // Two writers raced for one key: the other one won, and nothing of ours was kept.
      if (err instanceof SlantError && /duplicate key|unique/i.test(err.message)) {
        const owner = await this.findKey(keys);
        if (owner) return { duplicateOf: owner };
      }
      throw err;
    }
  }

  async findKey(keys: string[]): Promise<string | null> {
    if (keys.length === 0) return null;
    const r = await this.q<{ doc: string }>('SELECT doc FROM document_keys WHERE key = ANY($1::text[]) LIMIT 1', [keys]);
    return r.rows[0]?.doc ?? null;
  }

  async copyCandidates(bands: string[], limit: number): Promise<Array<{ id: string; minhash: Uint32Array; shingles: number }>> {
    if (bands.length === 0 || limit <= 0) return [];
    // One index lookup per band, then one per bucket member (LATERAL … OFFSET 0 keeps these plans
    // whatever the statistics say). Asked as `doc IN (…) ORDER BY seq LIMIT`, the planner expected
    // many members and walked the corpus in `seq` order probing every document's bands (measured
    // 22 ms per document at 371 documents); asked as `band = ANY(…)` on tables not yet analysed
    // while a corpus grows, it scanned all the bands. Not a prepared statement: a plan cached while
    // the tables were small would outlive them.
    const r = await this.q<{ id: string; minhash: Buffer; shingles: number }>(
      `SELECT c.doc AS id, c.minhash, c.shingles
         FROM (SELECT DISTINCT m.doc FROM unnest($1::text[]) AS u(band)
                 CROSS JOIN LATERAL (SELECT b.doc FROM copy_bands b WHERE b.band = u.band OFFSET 0) m) m
         CROSS JOIN LATERAL (SELECT x.doc, x.seq, x.minhash, x.shingles FROM corpus_docs x WHERE x.doc = m.doc OFFSET 0) c
        ORDER BY c.seq LIMIT $2`,
      [bands, limit],
    );
    return r.rows.map((row) => {
      const copy = new Uint8Array(row.minhash);
      return { id: row.id, minhash: new Uint32Array(copy.buffer, 0, copy.byteLength >> 2), shingles: row.shingles };
    });
  }

  async copyTexts(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const r = await this.q<{ id: string; text: string }>(`SELECT id, result->>'text' AS text FROM documents WHERE id = ANY($1::text[])`, [ids]);
    return new Map(r.rows.map((row) => [row.id, row.text]));
  }

  async *copyLinks(): AsyncIterable<CopyLink> {
    // Keyset pages: bounded memory however many links there are.
    let after: [string, string] = ['', ''];
    for (;;) {
      const r = await this.q<CopyLink>('SELECT a, b, similarity, containment FROM copy_links WHERE (a, b) > ($1, $2) ORDER BY a, b LIMIT 1000', after);
      for (const row of r.rows) yield row;
      if (r.rows.length < 1000) return;
      const last = r.rows[r.rows.length - 1]!;
      after = [last.a, last.b];
    }
  }

  async corpusInfo(ids: string[]): Promise<CorpusInfo[]> {
    if (ids.length === 0) return [];
    const r = await this.q<CorpusInfo>(
      `SELECT d.id, c.seq::float8 AS seq, d.created, d.title, d.date, d.url, c.outlet, c.origin
         FROM documents d JOIN corpus_docs c ON c.doc = d.id WHERE d.id = ANY($1::text[]) ORDER BY c.seq`,
      [ids],
    );
    return r.rows;
  }

  async get(id: string): Promise<StoredDocument | null> {
    const r = await this.q<{ id: string; created: string; result: AnalysisResult }>('SELECT id, created, result FROM documents WHERE id = $1', [id]);
    const row = r.rows[0];
    return row ? { id: row.id, created: row.created, result: row.result } : null;
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.q('DELETE FROM documents WHERE id = $1', [id]);
    return (r.rowCount ?? 0) > 0;
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    const pageSize = clamp(query.pageSize ?? 20, 1, MAX_PAGE_SIZE);
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const w = where(query);
    const total = Number((await this.q<{ n: string }>(`SELECT count(*) AS n FROM documents d ${w.sql}`, w.params)).rows[0]!.n);
    const p = [...w.params, pageSize, (page - 1) * pageSize];
    const snippet = w.tsquery
      ? `, ts_headline('simple', d.result->>'text', ${w.tsquery}, 'StartSel="",StopSel="",MaxWords=24,MinWords=12,MaxFragments=1,FragmentDelimiter=" … "') AS snippet`
      : '';
    const rows = await this.q<{ summary: DocumentSummary; snippet?: string | null }>(
      `SELECT d.summary ${snippet} FROM documents d ${w.sql} ${orderBy(query, w.tsquery)} LIMIT $${p.length - 1} OFFSET $${p.length}`,
      p,
    );
    return { total, page, pageSize, items: rows.rows.map((r) => ({ ...r.summary, snippet: r.snippet ? unspaceCjk(r.snippet) : r.summary.snippet })) };
  }

  async *each(query: SearchQuery, limit: number): AsyncIterable<StoredDocument> {
    const w = where(query);
    // Pages of 100 in the query's order: bounded memory for large exports and graphs.
    for (let offset = 0; offset < limit; offset += 100) {
      const n = Math.min(100, limit - offset);
      const p = [...w.params, n, offset];
      const r = await this.q<{ id: string; created: string; result: AnalysisResult }>(
        `SELECT d.id, d.created, d.result FROM documents d ${w.sql} ${orderBy(query, w.tsquery)} LIMIT $${p.length - 1} OFFSET $${p.length}`,
        p,
      );
      for (const row of r.rows) yield { id: row.id, created: row.created, result: row.result };
      if (r.rows.length < n) return;
    }
  }

  async facets(): Promise<Facets> {
    const [o, a, t] = await Promise.all([
      this.q<{ value: string; count: number }>(
        'SELECT min(value) AS value, count(DISTINCT doc)::int AS count FROM document_outlets WHERE NOT is_code GROUP BY lower(value) ORDER BY count DESC, min(value) LIMIT 200',
      ),
      this.q<{ value: string; name: string; count: number }>('SELECT code AS value, min(name) AS name, count(*)::int AS count FROM document_actors GROUP BY code ORDER BY count DESC, code LIMIT 300'),
      this.q<{ value: string; count: number }>('SELECT technique AS value, count(*)::int AS count FROM document_techniques GROUP BY technique ORDER BY technique'),
    ]);
    return { outlets: o.rows, actors: a.rows, techniques: t.rows };
  }

  async count(): Promise<number> {
    return Number((await this.q<{ n: string }>('SELECT count(*) AS n FROM documents')).rows[0]!.n);
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => {});
  }
}

/**
 * The parameters of a document's rows: `doc` ($1–$13 of PUT_ENTRY: columns, jsonb summary and result,
 * the text search configuration and texts) and `facets` as parallel arrays (outlets with whether each
 * is a code, actors with names and mentions, techniques with span counts).
 */
function documentParams(id: string, created: string, result: AnalysisResult): { doc: unknown[]; facets: unknown[] } {
  const summary = summarize(id, created, result);
  const config = (result.meta.language ?? '').startsWith('en') ? 'english' : 'simple';
  const names = new Set(summary.outlets.map((v) => v.toLowerCase()));
  const values = outletValues(result);
  const t = Object.entries(summary.techniques);
  const doc = [
    id,
    created,
    summary.title,
    summary.date,
    summary.language,
    summary.url,
    summary.words,
    result.techniques.length,
    jsonb(summary),
    jsonb({ ...result, id }),
    config,
    ftsText(summary.title ?? ''),
    ftsText(result.text),
  ];
  const facets = [
    values,
    values.map((v) => !names.has(v.toLowerCase())),
    result.actors.map((a) => a.code),
    result.actors.map((a) => a.name),
    result.actors.map((a) => a.mentions.length),
    t.map((x) => x[0]),
    t.map((x) => x[1]),
  ];
  return { doc, facets };
}

/** The document rows, inside the caller's transaction. */
/** JSON for a jsonb column: PostgreSQL refuses the NUL character in text, so it becomes U+FFFD (same length). */
function jsonb(value: unknown): string {
  const s = JSON.stringify(value);
  return s.includes('\\u0000') ? s.replace(/\\u0000/g, '\\ufffd') : s;
}


/**
 * User search text → a tsquery that can never be a syntax error: words become terms (all must
 * match), "double-quoted phrases" become `<->` chains, a trailing * a prefix. Each term is asked in
 * both configurations (stemmed English and simple) so English and other documents both match.
 */
export function tsQueryText(input: string): string | null {
  const parts: string[] = [];
  const re = /"([^"]*)"|([\p{L}\p{N}_]+)(\*?)/gu;
  const term = (w: string): string[] => ftsText(w).trim().split(/\s+/).filter(Boolean).map((x) => x.toLowerCase());
  let m: RegExpExecArray | null;
  while ((m = re.exec(input.slice(0, 1000))) !== null && parts.length < MAX_TERMS) {
    if (m[1] !== undefined) {
      const words = (m[1].match(/[\p{L}\p{N}_]+/gu) ?? []).flatMap(term);
      if (words.length) parts.push(`(${words.join(' <-> ')})`);
    } else {
      const words = term(m[2]!);
      parts.push(words.length > 1 ? `(${words.join(' <-> ')})` : `${words[0]}${m[3] ? ':*' : ''}`);
    }
  }
  return parts.length ? parts.join(' & ') : null;
}

function where(query: SearchQuery): { sql: string; params: unknown[]; tsquery: string | null } {
  const conds: string[] = [];
  const params: unknown[] = [];
  const add = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  let tsquery: string | null = null;
  const text = query.q ? tsQueryText(query.q) : null;
  if (text) {
    const p = add(text);
    tsquery = `(to_tsquery('english', ${p}) || to_tsquery('simple', ${p}))`;
    conds.push(`d.tsv @@ ${tsquery}`);
  }
  if (query.from) conds.push(`d.date COLLATE "C" >= ${add(query.from)}`);
  // A prefix bound is inclusive: "to 2022-05" takes every date and timestamp in May 2022.
  if (query.to) conds.push(`d.date COLLATE "C" <= ${add(`${query.to}\uffff`)}`);
  if (query.outlet) conds.push(`d.id IN (SELECT doc FROM document_outlets WHERE lower(value) = lower(${add(query.outlet)}))`);
  if (query.actor) conds.push(`d.id IN (SELECT doc FROM document_actors WHERE code = ${add(query.actor)})`);
  if (query.technique) conds.push(`d.id IN (SELECT doc FROM document_techniques WHERE technique = ${add(query.technique)})`);
  if (query.ids) conds.push(`d.id = ANY(${add(query.ids)}::text[])`);
  return { sql: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params, tsquery };
}

function orderBy(query: SearchQuery, tsquery: string | null): string {
  const sort = query.sort ?? (tsquery ? 'relevance' : 'created');
  const dir = (query.order ?? (sort === 'title' ? 'asc' : 'desc')) === 'asc' ? 'ASC' : 'DESC';
  switch (sort) {
    case 'relevance':
      return tsquery ? `ORDER BY ts_rank(d.tsv, ${tsquery}) ${dir}, d.created DESC` : 'ORDER BY d.created DESC';
    case 'created':
      return `ORDER BY d.created ${dir}, d.id`;
    case 'date':
      return `ORDER BY d.date IS NULL, d.date COLLATE "C" ${dir}, d.created DESC`;
    case 'title':
      return `ORDER BY d.title IS NULL, lower(d.title) ${dir}, d.created DESC`;
    case 'techniques':
      return `ORDER BY d.n_techniques ${dir}, d.created DESC`;
    case 'words':
      return `ORDER BY d.words ${dir}, d.created DESC`;
  }
}

function newId(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  let s = '';
  for (const b of randomBytes(12)) s += alphabet[b & 31];
  return s;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(x)));
}
