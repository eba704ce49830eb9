/**
 * Workers through pg-boss on a real PostgreSQL server (issue 10): a worker killed mid-run loses
 * nothing and stores nothing twice; SIGTERM finishes the job in hand; bad input goes to the dead
 * letters with its error; enqueueing the same source again adds nothing.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgTestDatabase } from '../store/pg-harness.js';
import { openCorpus } from './index.js';
import { enqueue, jobStats, runWorker } from './queue.js';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'slant-queue-'));
const db = await pgTestDatabase();
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!('skip' in db)) await db.done();
});

const TOPICS = ['ferries', 'glaciers', 'bridges', 'orchards', 'libraries', 'railways', 'harbours', 'vineyards'];
for (const [i, t] of TOPICS.entries()) {
  writeFileSync(
    join(dir, `doc${i}.txt`),
    `Notes on ${t}\n\nThe council of the valley met on day ${i + 1} to discuss the ${t} of the region. ` +
      `Members said the ${t} need money for repairs, and a vote on the plan for ${t} is due next month. ` +
      `Residents wrote ${i * 7 + 3} letters about the ${t} this year.\n`,
  );
}
writeFileSync(join(dir, 'blank.jsonl'), JSON.stringify({ text: '   \n  ', title: 'nothing here' }) + '\n');

function worker(url: string): { child: ChildProcess; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, 'worker', '--db', url, '--pipeline', 'sentences'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => err, exit };
}

async function until(what: string, cond: () => Promise<boolean> | boolean, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`timed out waiting for ${what}`);
}

const skip = 'skip' in db ? db.skip : false;

test('a worker killed with SIGKILL mid-run and another started: every document stored exactly once', { skip, timeout: 240_000 }, async () => {
  if ('skip' in db) return;
  const corpus = await openCorpus(db.url);
  try {
    const s = await enqueue(corpus, [join(dir, 'doc0.txt'), join(dir, 'doc1.txt'), join(dir, 'doc2.txt'), join(dir, 'doc3.txt'), join(dir, 'doc4.txt'), join(dir, 'doc5.txt')], { leaseSeconds: 2, retryDelay: 1 });
    assert.equal(s.enqueued, 6);
    assert.equal((await jobStats(db.url)).queued, 6);

    const a = worker(db.url);
    await until('the first stored document', () => /stored/.test(a.stderr()));
    a.child.kill('SIGKILL');
    await a.exit;
    const b = worker(db.url);
    await until('every job done', async () => {
      const j = await jobStats(db.url);
      return j.queued + j.active + j.retrying === 0 && (await corpus.count()) >= 6;
    });
    // Fast jobs may all be done before b is even up: SIGTERM only once its handler is installed.
    await until('the second worker ready', () => /taking jobs/.test(b.stderr()));
    b.child.kill('SIGTERM');
    assert.equal(await b.exit, 0);
    assert.equal(await corpus.count(), 6, 'six documents, none twice');
    const titles = (await corpus.search({ pageSize: 50 })).items.map((i) => i.title).sort();
    assert.deepEqual(titles, TOPICS.slice(0, 6).map((t) => `Notes on ${t}`).sort());

    const again = await enqueue(corpus, [join(dir, 'doc0.txt'), join(dir, 'doc1.txt')]);
    assert.equal(again.enqueued, 0, 'documents already stored are not enqueued again');
    assert.equal(again.duplicates, 2);
  } finally {
    await corpus.close();
  }
});

test('SIGTERM finishes the job in hand; bad input goes to the dead letters with its error', { skip, timeout: 240_000 }, async () => {
  if ('skip' in db) return;
  const corpus = await openCorpus(db.url);
  try {
    const before = await corpus.count();
    const s = await enqueue(corpus, [join(dir, 'doc6.txt'), join(dir, 'doc7.txt'), join(dir, 'blank.jsonl')]);
    assert.equal(s.enqueued, 3);
    const w = worker(db.url);
    await until('the dead letter', async () => (await jobStats(db.url)).dead === 1);
    await until('both documents', async () => (await corpus.count()) === before + 2);
    w.child.kill('SIGTERM');
    assert.equal(await w.exit, 0, 'a graceful stop exits 0');
    assert.match(w.stderr(), /worker stopped: 2 stored/);
    const j = await jobStats(db.url);
    assert.equal(j.active, 0, 'no job is left held by the stopped worker');
    assert.match(j.deadLetters[0]!.error, /E101/, 'the dead letter keeps its error');
  } finally {
    await corpus.close();
  }
});

test('jobs taken in a batch but not started when the worker stops go back to the queue and are stored once by the next', { skip, timeout: 240_000 }, async () => {
  const fresh = await pgTestDatabase();
  if ('skip' in fresh) return;
  const sub = join(dir, 'batch');
  mkdirSync(sub);
  const n = 12;
  for (let i = 0; i < n; i++) writeFileSync(join(sub, `b${i}.txt`), `Batch item ${i}\n\nThe ${TOPICS[i % 8]} committee met for session ${i * 13 + 5} and agreed on ${i + 2} measures.\n`);
  const corpus = await openCorpus(fresh.url);
  try {
    assert.equal((await enqueue(corpus, [sub], { retryDelay: 1 })).enqueued, n);
    // Stop as soon as the first document of the second batch (sized from the first: several jobs) is stored.
    const ac = new AbortController();
    let seen = 0;
    // batchMs: a loaded machine must not shrink the second batch to one job.
    const first = await runWorker(corpus, { pipeline: ['sentences'], signal: ac.signal, pollSeconds: 0.2, batchMs: 600_000, onJob: () => ++seen === 2 && ac.abort() });
    assert.equal(first.stored, 2, 'the document in hand was finished, no other was started');
    let j = await jobStats(fresh.url);
    assert.equal(j.active, 0, 'nothing is left held by the stopped worker');
    assert.equal(j.queued + j.retrying, n - 2, 'the rest is in the queue');
    assert.ok(j.retrying > 0, 'the second batch held several jobs, and those not started were returned');
    const done = new AbortController();
    const second = runWorker(corpus, { pipeline: ['sentences'], signal: done.signal, pollSeconds: 0.2 });
    await until('every document', async () => (await corpus.count()) === n);
    await until('every job acknowledged', async () => (j = await jobStats(fresh.url)).done === n);
    done.abort();
    assert.equal((await second).stored, n - 2);
    assert.equal(j.failed + j.dead, 0);
    assert.equal(await corpus.count(), n, 'each document stored once');
  } finally {
    await corpus.close();
    await fresh.done();
  }
});

test('slant worker refuses a bad --batch in one line', async () => {
  const r = spawnSync(process.execPath, [CLI, 'worker', '--batch', '0', '--db', 'postgres://nobody@127.0.0.1:9/x'], { encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /^slant: E\d+ --batch must be a whole number from 1 to 100\n$/);
});

test('the queue needs PostgreSQL: a folder corpus is refused in one line', async () => {
  const corpus = await openCorpus(join(dir, 'sqlite-corpus'));
  try {
    await assert.rejects(enqueue(corpus, [dir]), /give --db postgres/);
  } finally {
    await corpus.close();
  }
});
