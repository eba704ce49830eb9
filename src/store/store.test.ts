import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore, MIGRATIONS } from './sqlite.js';
import { ftsQuery, ftsText, unspaceCjk } from './fts.js';
import { csvCell, csvHeader, csvRow } from './export.js';
import type { AnalysisResult } from '../result.js';
import { buildGraph } from '../graph/index.js';

/** A hand-made result: the store must not depend on what the analysis currently finds. */
function result(text: string, o: { title?: string; date?: string; credit?: string; actors?: string[]; techniques?: string[] } = {}): AnalysisResult {
  return {
    schemaVersion: '1.0.0',
    id: null,
    text,
    meta: { title: o.title ?? null, date: o.date ?? null, dateSource: null, byline: null, language: 'en', url: null, canonicalUrl: null, siteName: null, source: null, credits: o.credit ? [{ name: o.credit, code: `${o.credit.toLowerCase()}-net`, kind: 'state-media' }] : [] },
    sentences: [],
    actors: (o.actors ?? []).map((code) => ({ code, name: code, type: 'state' as const, country: code, sector: null, mentions: [{ start: 0, end: 1, text: text[0]!, via: 'name' }] })),
    relations: [],
    events: [],
    graph: buildGraph([], []),
    techniques: (o.techniques ?? []).map((t) => ({ technique: t as AnalysisResult['techniques'][number]['technique'], start: 0, end: 1, text: text[0]!, confidence: 0.5, explanation: 'test', component: 'test' })),
    normalization: [],
    components: [],
  };
}

function tempDb(): { path: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'slant-store-'));
  return { path: join(dir, 'slant.db'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('put, get, search, filters, sort, delete, and reopen keeps everything', async () => {
  const t = tempDb();
  try {
    let s = new SqliteStore(t.path);
    assert.equal(s.version, MIGRATIONS.length);
    const a = await s.put(result('Moscow and Beijing deepen their partnership. 🚀 中国', { title: 'Partners', date: '2022-05-05', credit: 'Huanqiu', actors: ['RUS', 'CHN'], techniques: ['Loaded_Language', 'Loaded_Language', 'Doubt'] }));
    const b = await s.put(result('Washington courts Europe against Moscow.', { title: 'Courting', date: '2023-01-10', actors: ['USA', 'EUR', 'RUS'], techniques: ['Doubt'] }));
    await s.put(result('Nothing about states here, only weather.', { date: '2021-03-01' }));
    assert.equal(await s.count(), 3);
    assert.equal((await s.get(a.id))?.result.text, 'Moscow and Beijing deepen their partnership. 🚀 中国');
    assert.equal((await s.get(a.id))?.result.id, a.id);

    assert.equal((await s.search({ q: '中国' })).items[0]?.id, a.id, 'CJK words are found inside a run of characters');
    assert.equal((await s.search({ q: '国' })).total, 1);
    assert.equal((await s.search({ q: '中美' })).total, 0);
    const hits = await s.search({ q: 'moscow' });
    assert.deepEqual(hits.items.map((i) => i.id).sort(), [a.id, b.id].sort());
    assert.equal((await s.search({ q: 'partner*' })).total, 1);
    assert.equal((await s.search({ q: '"courts Europe"' })).items[0]?.id, b.id);
    assert.equal((await s.search({ q: '"Europe courts"' })).total, 0);
    assert.equal((await s.search({ q: 'AND OR NOT ( " * :' })).total, 0, 'operators are words, never syntax errors');
    assert.equal((await s.search({ actor: 'CHN' })).items[0]?.id, a.id);
    assert.equal((await s.search({ technique: 'Doubt' })).total, 2);
    assert.equal((await s.search({ outlet: 'huanqiu' })).total, 1);
    assert.equal((await s.search({ from: '2022-01-01', to: '2022-05-05' })).total, 1);
    assert.equal((await s.search({ from: '2022', to: '2022' })).total, 1);
    assert.equal((await s.search({ to: '2022-05' })).total, 2);
    assert.equal((await s.search({ to: '2022-05-04' })).total, 1);
    assert.deepEqual((await s.search({ sort: 'date', order: 'asc' })).items.map((i) => i.date), ['2021-03-01', '2022-05-05', '2023-01-10']);
    assert.deepEqual((await s.search({ sort: 'techniques' })).items.map((i) => Object.values(i.techniques).reduce((x, y) => x + y, 0)), [3, 1, 0]);
    const p2 = await s.search({ sort: 'date', order: 'asc', page: 2, pageSize: 2 });
    assert.equal(p2.total, 3);
    assert.deepEqual(p2.items.map((i) => i.date), ['2023-01-10']);
    const summary = (await s.search({ ids: [a.id] })).items[0]!;
    assert.deepEqual(summary.techniques, { Loaded_Language: 2, Doubt: 1 });
    assert.deepEqual(summary.outlets, ['Huanqiu'], 'the listing shows names, not codes');
    assert.equal((await s.search({ outlet: 'HUANQIU-NET' })).total, 1, 'codes are searchable');
    const facets = await s.facets();
    assert.deepEqual(facets.outlets, [{ value: 'Huanqiu', count: 1 }], 'codes are not in the menu');
    assert.equal(facets.actors.find((f) => f.value === 'RUS')?.count, 2);

    await s.close();
    s = new SqliteStore(t.path); // restart
    assert.equal(await s.count(), 3);
    assert.equal((await s.search({ q: 'partnership' })).items[0]?.id, a.id);
    assert.equal(await s.delete(a.id), true);
    assert.equal(await s.delete(a.id), false);
    assert.equal(await s.get(a.id), null);
    assert.equal((await s.search({ q: 'partnership' })).total, 0);
    assert.equal((await s.search({ actor: 'CHN' })).total, 0);
    const all: string[] = [];
    for await (const d of s.each({ sort: 'date', order: 'asc' }, 10)) all.push(d.id);
    assert.equal(all.length, 2);
    await s.close();
  } finally {
    t.done();
  }
});

test('an older database is migrated in place and keeps its documents', async () => {
  const t = tempDb();
  try {
    const db = new Database(t.path);
    db.exec(MIGRATIONS[0] as string);
    db.pragma('user_version = 1');
    db.prepare("INSERT INTO documents (id, created, title, date, language, url, words, n_techniques, summary, result) VALUES ('old1', '2024-01-01T00:00:00Z', 'Old', NULL, 'en', NULL, 2, 0, ?, ?)").run(
      JSON.stringify({ id: 'old1', created: '2024-01-01T00:00:00Z', title: 'Old', date: null, language: 'en', url: null, outlets: [], actors: [], techniques: {}, words: 2, snippet: 'Old text' }),
      JSON.stringify(result('Old text')),
    );
    db.prepare("INSERT INTO documents_fts (id, title, body) VALUES ('old1', 'Old', 'Old text')").run();
    db.exec(MIGRATIONS[1] as string);
    db.pragma('user_version = 2');
    db.close();
    const s = new SqliteStore(t.path);
    assert.equal(s.version, MIGRATIONS.length);
    assert.equal((await s.search({ q: 'old' })).items[0]?.id, 'old1');
    await s.put(result('New text', { credit: 'Xinhua' }));
    assert.equal((await s.facets()).outlets[0]?.value, 'Xinhua');
    await s.close();
  } finally {
    t.done();
  }
});

test('a database from a newer slant is refused with a clear error', () => {
  const t = tempDb();
  try {
    const db = new Database(t.path);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    assert.throws(() => new SqliteStore(t.path), /E401 .*newer than this slant|newer than this slant/);
  } finally {
    t.done();
  }
});

test('CJK text is indexed per character and shown without the extra spaces', () => {
  assert.equal(ftsText('Beijing 北京市 said'), 'Beijing  北  京  市  said');
  assert.equal(ftsQuery('北京'), '"北 京"');
  assert.equal(ftsQuery('"北京 talks"'), '"北 京 talks"');
  assert.equal(unspaceCjk('Beijing  北  京  市  said'), 'Beijing 北京市 said');
});

test('ftsQuery quotes words and keeps phrases and prefixes', () => {
  assert.equal(ftsQuery('West "wishful thinking" allian*'), '"West" "wishful thinking" "allian"*');
  assert.equal(ftsQuery('  "" ( ) '), null);
  assert.equal(ftsQuery('x"y'), '"x" "y"');
});

test('CSV cells are quoted and formula-safe', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,"b"'), '"a,""b"""');
  assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
  assert.equal(csvCell('-1'), "'-1");
  assert.match(csvHeader(), /^id,created,title/);
  const row = csvRow({ id: 'abc', created: '2024-01-01T00:00:00.000Z', result: result('Line one,\nline two', { title: '@title', actors: ['RUS'] }) });
  assert.equal(row, `abc,2024-01-01T00:00:00.000Z,'@title,,en,,,RUS,,0,4,"Line one,\nline two"\r\n`);
});
