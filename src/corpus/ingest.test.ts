import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCorpus } from './index.js';
import { writeFixtures } from './fixtures.js';

const PIPELINE = ['sentences', 'meta'];
const MAIN = new URL('../cli/main.js', import.meta.url).pathname;

function temp(): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'slant-ingest-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test('ingest over a folder, JSON Lines, RSS, Atom and WARC stores every document once; a rerun stores nothing; copies found', async () => {
  const t = temp();
  try {
    const f = await writeFixtures(t.dir);
    const errors: string[] = [];
    const corpus = await openCorpus(join(t.dir, 'db'));
    const sources = [f.folder, f.jsonl, f.rss, f.atom, f.warc];
    const first = await corpus.ingest(sources, { workers: 1, pipeline: PIPELINE, fetch: false, onError: (e) => errors.push(e.where) });
    assert.deepEqual(first, { read: 8, ingested: 7, duplicates: 0, copies: 2, errors: 1 });
    assert.deepEqual(errors, [`${f.jsonl}:2`]);
    assert.equal(await corpus.count(), 7);
    const again = await corpus.ingest(sources, { workers: 1, pipeline: PIPELINE, fetch: false });
    assert.deepEqual(again, { read: 8, ingested: 0, duplicates: 7, copies: 0, errors: 1 });
    assert.equal(await corpus.count(), 7);

    // Copies: the republished copy and the partial copy join the original; the same-topic article does not.
    const fams = await corpus.copies();
    assert.equal(fams.length, 1);
    const fam = fams[0]!;
    const earliest = await corpus.get(fam.earliest);
    assert.match(earliest!.result.text, /^The port authority of Veldra opened/m, 'the earliest is the original (dated first)');
    assert.equal(fam.members.length, 3);
    const byUrl = new Map(fam.members.map((m) => [m.url, m]));
    assert.ok(byUrl.get('https://aggregator.example/item/88123')!.similarity > 0.6);
    const partial = byUrl.get('https://opinion-blog.example/grain-terminal-gains')!;
    assert.ok(partial.similarity < 0.5 && partial.containment > 0.5, JSON.stringify(partial));
    assert.equal(partial.outlet, 'Atom Test', 'outlet: the feed title');
    assert.equal(byUrl.get('https://aggregator.example/item/88123')!.outlet, 'Test Feed');

    const copyId = byUrl.get('https://aggregator.example/item/88123')!.id;
    const detail = await corpus.family(copyId);
    const changes = detail!.changes.find((c) => c.id === copyId)!.changes;
    assert.deepEqual(changes.headline, { earliest: earliest!.result.meta.title, copy: 'Veldra doubles its wheat loading capacity' });
    assert.ok(changes.removed.some((s) => s.startsWith('Critics in the city council')), 'the dropped paragraph');
    assert.deepEqual(changes.added, [], 'boilerplate and the credit line were removed by extraction');
    assert.deepEqual(changes.scareQuotes, ['project']);
    const table = await corpus.republication();
    assert.equal(table.reduce((n, r) => n + r.count, 0), 2);
    await corpus.close();
  } finally {
    t.done();
  }
});

/** A folder of distinct small articles. */
function manyDocs(dir: string, n: number): string {
  const folder = join(dir, 'many');
  mkdirSync(folder, { recursive: true });
  const places = ['Veldra', 'Ostmark', 'Lunden', 'Karsk', 'Brimo', 'Tessel', 'Aumar', 'Quorin'];
  for (let i = 0; i < n; i++) {
    const p = places[i % places.length]!;
    writeFileSync(join(folder, `doc${String(i).padStart(4, '0')}.txt`), `Notice ${i} from ${p}\n\nThe council of ${p} met for session number ${i} and approved budget line ${i * 7} for the year.\nMembers discussed item ${i * 3 + 1} at length before the vote.\n`);
  }
  return folder;
}

function texts(db: string): string[] {
  const d = new Database(join(db, 'slant.db'), { readonly: true });
  try {
    const orphans = d.prepare('SELECT count(*) AS n FROM documents WHERE id NOT IN (SELECT doc FROM corpus_docs) OR id NOT IN (SELECT doc FROM document_keys)').get() as { n: number };
    assert.equal(orphans.n, 0, 'every stored document is complete');
    return (d.prepare("SELECT key FROM document_keys WHERE key LIKE 'text:%' ORDER BY key").pluck().all() as string[]);
  } finally {
    d.close();
  }
}

test('an ingest killed with SIGKILL halfway and restarted ends with the same documents as an uninterrupted one', async () => {
  const t = temp();
  try {
    const folder = manyDocs(t.dir, 300);
    const args = (db: string): string[] => [MAIN, 'ingest', folder, '--db', db, '--workers', '1', '--pipeline', PIPELINE.join(','), '-q'];
    const clean = join(t.dir, 'clean');
    const r = spawnSync(process.execPath, args(clean), { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const expected = texts(clean);
    assert.equal(expected.length, 300);

    const killed = join(t.dir, 'killed');
    const child = spawn(process.execPath, args(killed), { stdio: 'ignore' });
    const exited = new Promise<void>((res) => child.on('exit', () => res()));
    let stored = 0;
    for (let i = 0; i < 3000 && stored < 30; i++) {
      await new Promise((res) => setTimeout(res, 10));
      try {
        const d = new Database(join(killed, 'slant.db'), { readonly: true, timeout: 1000 });
        stored = (d.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
        d.close();
      } catch {
        // not created yet
      }
    }
    child.kill('SIGKILL');
    await exited;
    const partial = texts(killed).length;
    assert.ok(partial >= 30 && partial < 300, `killed after ${partial} documents`);
    const rerun = spawnSync(process.execPath, args(killed), { encoding: 'utf8' });
    assert.equal(rerun.status, 0, rerun.stderr);
    assert.match(rerun.stderr, new RegExp(`${300 - partial} ingested, ${partial} duplicates`));
    assert.deepEqual(texts(killed), expected);
  } finally {
    t.done();
  }
});

test('slant ingest: exit 1 when nothing could be ingested, --errors as JSON Lines', () => {
  const t = temp();
  try {
    const bad = join(t.dir, 'bad.jsonl');
    writeFileSync(bad, 'nope\n{"title":"x"}\n');
    const errs = join(t.dir, 'errors.jsonl');
    const r = spawnSync(process.execPath, [MAIN, 'ingest', bad, '--db', join(t.dir, 'db'), '--errors', errs, '-q'], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /0 ingested, 0 duplicates, 0 with copies, 2 errors/);
    const lines = readFileSync(errs, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { where: string; line: number });
    assert.deepEqual(lines.map((l) => l.where), [`${bad}:1`, `${bad}:2`]);
    const missing = spawnSync(process.execPath, [MAIN, 'ingest', join(t.dir, 'none.jsonl'), '--db', join(t.dir, 'db'), '-q'], { encoding: 'utf8' });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /E105 no such file/);
  } finally {
    t.done();
  }
});
