/**
 * One contract for every store (issue 10): the same tests run against SQLite and against a real
 * PostgreSQL server — put, get, search with filters and paging, delete, export, copies, timelines,
 * migrations from an empty database and from the previous version, concurrent writers.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SqliteStore, MIGRATIONS, summarize } from './sqlite.js';
import { openPostgresStore, PG_MIGRATIONS, PostgresStore, tsQueryText } from './postgres.js';
import { pgTestDatabase } from './pg-harness.js';
import { csvHeader, csvRow } from './export.js';
import type { Store } from './types.js';
import type { AnalysisResult } from '../result.js';
import { Corpus } from '../corpus/index.js';
import { buildGraph } from '../graph/index.js';
import { SlantError } from '../core/errors.js';

type Tech = AnalysisResult['techniques'][number]['technique'];

/** A hand-made result: the contract must not depend on what the analysis currently finds. */
function result(text: string, o: { title?: string; date?: string; credit?: string; url?: string; actors?: string[]; techniques?: string[]; language?: string } = {}): AnalysisResult {
  return {
    schemaVersion: '1.0.0',
    id: null,
    text,
    meta: {
      title: o.title ?? null,
      date: o.date ?? null,
      dateSource: null,
      byline: null,
      language: o.language ?? 'en',
      url: o.url ?? null,
      canonicalUrl: null,
      siteName: null,
      source: null,
      credits: o.credit ? [{ name: o.credit, code: `${o.credit.toLowerCase()}-net`, kind: 'state-media' }] : [],
    },
    sentences: [],
    actors: (o.actors ?? []).map((code) => ({ code, name: code, type: 'state' as const, country: code, sector: null, mentions: [{ start: 0, end: 1, text: text[0]!, via: 'name' }] })),
    relations: [],
    events: [],
    graph: buildGraph([], []),
    techniques: (o.techniques ?? []).map((t) => ({ technique: t as Tech, start: 0, end: 1, text: text[0]!, confidence: 0.5, explanation: 'test', component: 'test' })),
    normalization: [],
    components: [],
  } as unknown as AnalysisResult;
}

// Long enough for shingles: a story and its republished copy, and an unrelated piece.
const STORY =
  'The harbour authority of the coastal town announced on Monday that the old ferry line will close after ninety years of service. ' +
  'Fishermen and shop owners said the decision was taken without asking the people who depend on the crossing every day. ' +
  'The mayor promised a replacement bus route by the spring, but residents doubt that the money for it exists at all. ' +
  'A petition against the closure has gathered four thousand signatures in a week, according to its organisers.';
const COPY = `${STORY} Part of the news reference source: example wire.`;
const OTHER =
  'A new study of mountain glaciers finds that the ice in the northern valleys has thinned faster than any model predicted. ' +
  'The researchers measured the ice from the air over twelve summers and compared it with photographs taken a century ago.';

interface Backend {
  name: string;
  /** A fresh, empty store at the current schema. */
  open(): Promise<Store>;
  /**
   * A fresh database migrated only to `version`, holding `doc` when given (stored as that version
   * stores it); `reopen` opens it with this slant, which migrates it to the current schema.
   */
  openAt(version: number, doc?: AnalysisResult): Promise<{ before: number; id: string | null; reopen: () => Promise<Store> }>;
  version(store: Store): Promise<number>;
  latest: number;
}

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

function sqliteBackend(): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'slant-contract-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return {
    name: 'sqlite',
    latest: MIGRATIONS.length,
    open: async () => new SqliteStore(join(dir, `s${n++}.db`)),
    openAt: async (version, doc) => {
      const path = join(dir, `s${n++}.db`);
      const db = new Database(path);
      for (let i = 0; i < version; i++) {
        const m = MIGRATIONS[i]!;
        if (typeof m === 'string') db.exec(m);
        else m(db);
      }
      db.pragma(`user_version = ${version}`);
      let id: string | null = null;
      if (doc) {
        // The rows a document had before the corpus tables (migrations 1–3).
        id = 'olddoc000001';
        const created = '2020-01-02T00:00:00.000Z';
        const s = summarize(id, created, doc);
        db.prepare('INSERT INTO documents (id, created, title, date, language, url, words, n_techniques, summary, result) VALUES (?,?,?,?,?,?,?,?,?,?)').run(id, created, s.title, s.date, s.language, s.url, s.words, doc.techniques.length, JSON.stringify(s), JSON.stringify({ ...doc, id }));
        for (const a of doc.actors) db.prepare('INSERT INTO document_actors (doc, code, name, mentions) VALUES (?,?,?,?)').run(id, a.code, a.name, a.mentions.length);
        db.prepare('INSERT INTO documents_fts (id, title, body) VALUES (?,?,?)').run(id, s.title ?? '', doc.text);
      }
      const before = db.pragma('user_version', { simple: true }) as number;
      db.close();
      return { before, id, reopen: async () => new SqliteStore(path) };
    },
    version: async (s) => (s as SqliteStore).version,
  };
}

async function postgresBackend(): Promise<Backend | string> {
  const made: string[] = [];
  const fresh = async (): Promise<string> => {
    const db = await pgTestDatabase();
    if ('skip' in db) throw new Error(db.skip);
    cleanups.push(db.done);
    made.push(db.url);
    return db.url;
  };
  const probe = await pgTestDatabase();
  if ('skip' in probe) return probe.skip;
  cleanups.push(probe.done);
  return {
    name: 'postgres',
    latest: PG_MIGRATIONS.length,
    open: async () => openPostgresStore(await fresh(), { max: 4 }),
    openAt: async (version, doc) => {
      const url = await fresh();
      const old = await openPostgresStore(url, { max: 2, version });
      const before = await old.version();
      const id = doc ? (await old.put(doc)).id : null;
      await old.close();
      return { before, id, reopen: () => openPostgresStore(url, { max: 4 }) };
    },
    version: async (s) => (s as PostgresStore).version(),
  };
}

async function contract(b: Backend): Promise<void> {
  await test(`${b.name}: put, get, search with filters, paging and sort, facets, delete`, async () => {
    const s = await b.open();
    try {
      assert.equal(await b.version(s), b.latest);
      const a = await s.put(result('Moscow and Beijing deepen their partnership. 🚀 中国', { title: 'Partners', date: '2022-05-05', credit: 'Huanqiu', actors: ['RUS', 'CHN'], techniques: ['Loaded_Language', 'Loaded_Language', 'Doubt'] }));
      const c = await s.put(result('Washington courts Europe against Moscow.', { title: 'Courting', date: '2023-01-10', actors: ['USA', 'EUR', 'RUS'], techniques: ['Doubt'] }));
      const w = await s.put(result('Nothing about states here, only weather.', { title: 'weather', date: '2021-03-01' }));
      assert.equal(await s.count(), 3);
      const got = await s.get(a.id);
      assert.equal(got?.result.text, 'Moscow and Beijing deepen their partnership. 🚀 中国');
      assert.equal(got?.result.id, a.id);
      assert.equal(got?.result.actors.length, 2);
      assert.equal(await s.get('nope'), null);

      assert.deepEqual((await s.search({ q: 'moscow' })).items.map((i) => i.id).sort(), [a.id, c.id].sort());
      assert.equal((await s.search({ q: '中国' })).items[0]?.id, a.id, 'CJK words are found inside a run of characters');
      assert.equal((await s.search({ q: 'partner*' })).total, 1);
      assert.equal((await s.search({ q: '"courts Europe"' })).items[0]?.id, c.id);
      assert.equal((await s.search({ q: '"Europe courts"' })).total, 0);
      assert.equal((await s.search({ q: 'AND OR NOT ( " * : & | ! <->' })).total, 0, 'operators are words, never syntax errors');
      assert.equal((await s.search({ actor: 'CHN' })).items[0]?.id, a.id);
      assert.equal((await s.search({ technique: 'Doubt' })).total, 2);
      assert.equal((await s.search({ outlet: 'huanqiu' })).total, 1, 'outlets match without case');
      assert.equal((await s.search({ from: '2022-01-01', to: '2022-05' })).total, 1, 'a prefix bound is inclusive');
      assert.equal((await s.search({ ids: [w.id, c.id] })).total, 2);
      assert.equal((await s.search({ q: 'moscow', actor: 'USA' })).items[0]?.id, c.id);
      const hit = (await s.search({ q: 'weather' })).items[0];
      assert.match(hit?.snippet ?? '', /weather/, 'a snippet around the hit');

      const byDate = await s.search({ sort: 'date', order: 'asc', pageSize: 2 });
      assert.equal(byDate.total, 3);
      assert.deepEqual(byDate.items.map((i) => i.id), [w.id, a.id]);
      const page2 = await s.search({ sort: 'date', order: 'asc', pageSize: 2, page: 2 });
      assert.deepEqual(page2.items.map((i) => i.id), [c.id]);
      assert.deepEqual((await s.search({ sort: 'title', order: 'asc' })).items.map((i) => i.title), ['Courting', 'Partners', 'weather'], 'titles sort without case');
      assert.equal((await s.search({ sort: 'techniques' })).items[0]?.id, a.id);

      const f = await s.facets();
      assert.deepEqual(f.outlets, [{ value: 'Huanqiu', count: 1 }], 'codes stay out of the menu');
      assert.equal(f.actors.find((x) => x.value === 'RUS')?.count, 2);
      assert.deepEqual(f.techniques, [{ value: 'Doubt', count: 2 }, { value: 'Loaded_Language', count: 1 }]);

      const all: string[] = [];
      for await (const d of s.each({ sort: 'date', order: 'desc' }, 10)) all.push(d.id);
      assert.deepEqual(all, [c.id, a.id, w.id]);
      const limited: string[] = [];
      for await (const d of s.each({}, 2)) limited.push(d.id);
      assert.equal(limited.length, 2);

      assert.equal(await s.delete(a.id), true);
      assert.equal(await s.delete(a.id), false);
      assert.equal(await s.get(a.id), null);
      assert.equal((await s.search({ q: 'partnership' })).total, 0, 'a deleted document leaves the index');
      assert.equal((await s.search({ actor: 'CHN' })).total, 0);
      assert.equal(await s.count(), 2);
    } finally {
      await s.close();
    }
  });

  await test(`${b.name}: export of a selection as JSON and CSV`, async () => {
    const s = await b.open();
    try {
      await s.put(result('Sanctions hurt, says a minister, "a lot".', { title: 'Comma, "quote"', date: '2022-02-02', actors: ['RUS'] }));
      let csv = csvHeader();
      let n = 0;
      for await (const d of s.each({ q: 'sanctions' }, 100)) {
        csv += csvRow(d);
        n++;
        assert.equal(JSON.parse(JSON.stringify(d.result)).text, 'Sanctions hurt, says a minister, "a lot".');
      }
      assert.equal(n, 1);
      assert.match(csv, /"Comma, ""quote"""/, 'CSV quoting survives the store');
    } finally {
      await s.close();
    }
  });

  await test(`${b.name}: ingest keys, copies, copy families and timelines through the Corpus`, async () => {
    const s = await b.open();
    const corpus = new Corpus(s, b.name);
    try {
      const one = await corpus.add(result(STORY, { title: 'Ferry line to close', date: '2024-03-04', url: 'https://first.example/ferry', credit: 'Huanqiu', actors: ['CHN'] }), 'test:1');
      const two = await corpus.add(result(COPY, { title: 'Ferry closes', date: '2024-03-05', url: 'https://second.example/ferry', actors: ['CHN', 'RUS'] }), 'test:2');
      const three = await corpus.add(result(OTHER, { title: 'Glaciers', date: '2024-04-01', url: 'https://first.example/ice', credit: 'Huanqiu' }), 'test:3');
      assert.equal(one.duplicate, false);
      assert.equal(two.copies, 1, 'the copy finds the earlier story through the LSH buckets');
      assert.equal(three.copies, 0);
      const again = await corpus.add(result(STORY, { title: 'Ferry line to close', date: '2024-03-04', url: 'https://first.example/ferry' }), 'test:1');
      assert.equal(again.duplicate, true, 'the same document is not stored twice');
      assert.equal(await s.count(), 3);
      assert.equal(await s.findKey(['nothing']), null);

      const families = await corpus.copies();
      assert.equal(families.length, 1);
      assert.equal(families[0]!.earliest, one.id, 'the earliest member by date');
      assert.deepEqual(families[0]!.members.map((m) => m.id).sort(), [one.id, two.id].sort());
      const links: string[] = [];
      for await (const l of s.copyLinks()) links.push(`${l.a}>${l.b}`);
      assert.deepEqual(links, [`${one.id}>${two.id}`]);
      const info = await s.corpusInfo([three.id, one.id, 'unknown']);
      assert.deepEqual(info.map((i) => i.id), [one.id, three.id], 'first-seen order, unknown ids left out');
      assert.equal(typeof info[0]!.seq, 'number');

      const t = await corpus.timeline({ by: 'outlet', interval: 'month' });
      assert.deepEqual(t.periods, ['2024-03', '2024-04']);
      assert.equal(t.documents, 3);
      const total = t.series.reduce((n, x) => n + x.points.reduce((m, p) => m + p.count, 0), 0);
      assert.equal(total, 3);
      const byActor = await corpus.timeline({ by: 'actor', interval: 'month' });
      assert.ok(byActor.series.some((x) => x.key === 'CHN' || x.label.includes('CHN') || x.label.includes('China')));

      assert.equal(await s.delete(two.id), true);
      assert.equal((await corpus.copies()).length, 0, 'deleting a copy removes its links');
    } finally {
      await corpus.close();
    }
  });

  await test(`${b.name}: two writers racing for one key store the document once`, async () => {
    const s = await b.open();
    const corpus = new Corpus(s, b.name);
    try {
      const r = result(STORY, { title: 'Ferry', url: 'https://race.example/a', date: '2024-01-01' });
      const outcomes = await Promise.all([corpus.add(r, 'a'), corpus.add(r, 'b'), corpus.add(r, 'c')]);
      assert.equal(outcomes.filter((o) => !o.duplicate).length, 1);
      assert.equal(await s.count(), 1);
    } finally {
      await corpus.close();
    }
  });

  await test(`${b.name}: migrations from an empty database and from the previous version`, async () => {
    const empty = await b.openAt(0);
    assert.equal(empty.before, 0);
    const up = await empty.reopen();
    assert.equal(await b.version(up), b.latest, 'every migration runs on an empty database');
    await up.close();

    const prev = await b.openAt(b.latest - 1, result('Kept across the upgrade: Moscow.', { title: 'Old', date: '2020-01-01', actors: ['RUS'] }));
    assert.equal(prev.before, b.latest - 1);
    const now = await prev.reopen();
    try {
      assert.equal(await b.version(now), b.latest);
      assert.equal((await now.get(prev.id!))?.result.meta.title, 'Old', 'documents stored before the upgrade are kept');
      assert.equal((await now.search({ q: 'moscow' })).total, 1);
      const c = new Corpus(now, b.name);
      const added = await c.add(result(STORY, { title: 'New', date: '2024-01-01' }), 'after-upgrade');
      assert.equal(added.duplicate, false, 'the corpus tables work after the upgrade');
    } finally {
      await now.close();
    }
  });
}

test('the two dialects have the same number of migrations', () => {
  assert.equal(PG_MIGRATIONS.length, MIGRATIONS.length);
});

test('search text becomes a tsquery with no operators of the user', () => {
  assert.equal(tsQueryText('Moscow "courts Europe" partner*'), 'moscow & (courts <-> europe) & partner:*');
  assert.equal(tsQueryText('中国'), '(中 <-> 国)');
  assert.equal(tsQueryText('& | ! ( ) <->'), null);
});

await contract(sqliteBackend());

const pgBackend = await postgresBackend();
if (typeof pgBackend === 'string') {
  test('postgres: the contract suite', { skip: pgBackend }, () => {});
} else {
  await contract(pgBackend);

  test('postgres: a server that cannot be reached is one clear line, with no password in it', async () => {
    await assert.rejects(
      openPostgresStore('postgres://someone:secret@127.0.0.1:9/nothing'),
      (err: unknown) => err instanceof SlantError && /PostgreSQL .*connection refused/.test(err.message) && !err.message.includes('secret') && !err.message.includes('\n'),
    );
  });

  test('postgres: a schema newer than this slant is refused', async () => {
    const { reopen } = await pgBackend.openAt(pgBackend.latest);
    const store = (await reopen()) as PostgresStore;
    const url = store.url;
    await store.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('UPDATE slant_schema SET version = version + 1');
    await c.end();
    await assert.rejects(reopen(), /newer than this slant/);
  });
}
