/** slant timeline / outlet / export / stories end to end on a temporary corpus of hand-made results. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openCorpus } from '../corpus/index.js';
import type { AnalysisResult } from '../result.js';

const MAIN = new URL('./main.js', import.meta.url).pathname;
let dir = '';

function result(text: string, source: string, date: string, url: string, techniques: Array<[string, string]> = []): AnalysisResult {
  return {
    schemaVersion: '1',
    id: null,
    text,
    meta: { title: text.split('.')[0]!, date, dateSource: null, byline: null, language: 'en', url, canonicalUrl: null, siteName: null, source, credits: [] },
    sentences: [],
    actors: [{ code: 'RUS', name: 'Russia', type: 'country', country: 'RUS', sector: null, mentions: [{ start: 0, end: 6, text: text.slice(0, 6), via: 'test' }] }],
    relations: [],
    events: [],
    graph: { nodes: [], edges: [], triads: [], balance: { triads: 0, balanced: 0, frustration: null, camps: null }, realignments: [] },
    techniques: techniques.map(([q, t]) => {
      const s = [...text.slice(0, text.indexOf(q))].length;
      return { technique: t, start: s, end: s + [...q].length, text: q, confidence: 0.8, explanation: 'test', component: 'test' };
    }),
    normalization: [],
    components: [],
  } as unknown as AnalysisResult;
}

function slant(...argv: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, ...argv, '--db', dir], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slant-analytics-'));
  const c = await openCorpus(dir);
  await c.add(result('Russia opened a new bridge over the Amur river in January, officials said, calling it a historic shameful day.', 'Harbor Post', '2024-01-10', 'https://hp.example/1', [['shameful', 'Loaded_Language']]));
  await c.add(result('Russia finished the Amur river bridge and officials opened it in January with a ceremony by the water.', 'Valley Times', '2024-01-11', 'https://vt.example/1'));
  await c.add(result('Russia 🔥 hosted a chess festival in 北京 style in February; organisers were thrilled by the crowds.', 'Harbor Post', '2024-02-03', 'https://hp.example/2', [['thrilled', 'Exaggeration-Minimisation']]));
  await c.close();
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('slant timeline --by outlet and --by technique', () => {
  const r = slant('timeline', '--by', 'outlet', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const t = JSON.parse(r.stdout);
  assert.deepEqual(t.periods, ['2024-01', '2024-02']);
  assert.deepEqual(t.series.map((s: { key: string; total: number }) => [s.key, s.total]), [['Harbor Post', 2], ['Valley Times', 1]]);
  const csv = slant('timeline', '--by', 'technique', '--format', 'csv');
  assert.equal(csv.code, 0, csv.stderr);
  assert.match(csv.stdout, /^period,series,label,value,count/);
  assert.equal(slant('timeline', '--by', 'graph').code, 0);
  const bad = slant('timeline', '--by', 'colour');
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /^slant: E110 --by must be one of/);
});

test('slant outlet: profile, and a clear error for an unknown outlet', () => {
  const r = slant('outlet', 'Harbor Post', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const p = JSON.parse(r.stdout);
  assert.equal(p.documents, 2);
  assert.equal(p.restDocuments, 1);
  assert.ok(p.techniques.some((t: { term: string }) => t.term === 'Loaded_Language'));
  const none = slant('outlet', 'Nowhere Gazette');
  assert.notEqual(none.code, 0);
  assert.match(none.stderr, /^slant: E404 no document of outlet "Nowhere Gazette"/);
});

test('slant export: jsonl, w3c with code-point offsets, -o writes atomically', () => {
  const j = slant('export', '--format', 'jsonl');
  assert.equal(j.code, 0, j.stderr);
  assert.equal(j.stdout.trim().split('\n').length, 3);
  const w = slant('export', '--format', 'w3c', '--outlet', 'Harbor Post', '--kinds', 'technique');
  assert.equal(w.code, 0, w.stderr);
  const col = JSON.parse(w.stdout);
  assert.equal(col.total, 2);
  for (const a of col.first.items) {
    const doc = JSON.parse(j.stdout.trim().split('\n').find((l) => a.target.source === JSON.parse(l).meta.url)!);
    const [pos, quote] = a.target.selector;
    assert.equal([...doc.text].slice(pos.start, pos.end).join(''), quote.exact);
  }
  const file = join(dir, 'out.csv');
  assert.equal(slant('export', '--format', 'csv', '-o', file).code, 0);
  assert.equal(readFileSync(file, 'utf8').split('\r\n').filter(Boolean).length, 4);
  const bad = slant('export', '--format', 'xml', '-o', join(dir, 'no.xml'));
  assert.notEqual(bad.code, 0);
  assert.ok(!existsSync(join(dir, 'no.xml')));
});

test('slant stories groups the two bridge reports', () => {
  const r = slant('stories', '--format', 'json', '--threshold', '0.4');
  assert.equal(r.code, 0, r.stderr);
  const groups = JSON.parse(r.stdout);
  assert.equal(groups.length, 1);
  assert.deepEqual(groups[0].members.map((m: { outlet: string }) => m.outlet).sort(), ['Harbor Post', 'Valley Times']);
  const like = slant('stories', '--like', groups[0].members[0].id, '--format', 'json');
  assert.equal(like.code, 0, like.stderr);
  const list = JSON.parse(like.stdout);
  // The other bridge report first; the February festival is more than 7 days away.
  assert.deepEqual(list.map((d: { id: string }) => d.id), [groups[0].members[1].id]);
  assert.ok(list[0].score > 0.4 && list[0].measures.words > 0);
  const missing = slant('stories', '--like', 'nosuchdoc');
  assert.match(missing.stderr, /^slant: E404 no document with id "nosuchdoc"/);
});
