/** `slant worker` and `slant jobs`: analysis workers on any machine, fed by a PostgreSQL job queue (issue 10). */
import { E, fail } from '../core/errors.js';
import { openCorpus, resolveLocation } from '../corpus/index.js';
import { jobStats, runWorker } from '../corpus/queue.js';
import { args, out, type Command } from './command.js';
import { runSingleThreaded } from './single-threaded.js';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'Take queued documents from PostgreSQL, analyse and store them (run one per machine, or many)',
  usage: `Usage: slant worker --db postgres://… [options]

Takes the jobs that \`slant ingest --queue\` put in the database's queue (pg-boss), analyses each
document and stores it in the same corpus. Start as many workers on as many machines as you like.
A job that fails is retried with backoff, then kept in the dead-letter list with its error
(\`slant jobs\`). A document stored twice is stored once. Jobs are taken a few at a time (about a
second of work each time, at most --batch) and acknowledged together. SIGTERM or Ctrl-C: the
document in hand is finished, the jobs taken but not started go back to the queue, then the
worker exits. A worker killed outright loses nothing: its jobs come back when their lease runs out.

Options:
      --db URL            the corpus database (env SLANT_DATABASE_URL)
      --concurrency N     documents analysed at once, one thread each (default 1)
      --timeout SEC       longest one document may take (default 120)
      --batch N           most jobs taken at once per document slot (default 8; 1 = one at a time)
      --pipeline LIST     components to run, comma-separated (default: the full pipeline)
  -q, --quiet             no line per document`,
  async run(argv) {
    const { values } = args(argv, {
      db: { type: 'string' },
      concurrency: { type: 'string' },
      timeout: { type: 'string' },
      batch: { type: 'string' },
      pipeline: { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
    });
    const concurrency = values.concurrency === undefined ? 1 : Number(values.concurrency);
    if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64)) fail(E.BAD_ARGUMENT, '--concurrency must be a whole number from 1 to 64');
    const timeout = values.timeout === undefined ? 120 : Number(values.timeout);
    if (!(timeout > 0)) fail(E.BAD_ARGUMENT, '--timeout must be a positive number of seconds');
    const batch = values.batch === undefined ? 8 : Number(values.batch);
    if (!(Number.isInteger(batch) && batch >= 1 && batch <= 100)) fail(E.BAD_ARGUMENT, '--batch must be a whole number from 1 to 100');
    const location = resolveLocation(values.db);
    if (!/^postgres(ql)?:\/\//i.test(location)) fail(E.BAD_ARGUMENT, 'workers take jobs from PostgreSQL: give --db postgres://… (or SLANT_DATABASE_URL)');
    // As `node --single-threaded` (docs/team.md): workers run one per core, and V8's helper threads
    // would only compete with them. SLANT_SINGLE_THREADED=0 keeps the helpers.
    const rerun = runSingleThreaded();
    if (rerun) return rerun;
    const corpus = await openCorpus(location);
    const ac = new AbortController();
    let stoppedAt = 0;
    const stop = (): void => {
      // A second signal within a second is the same request delivered twice (to the process group
      // and passed on by the parent, see single-threaded.ts); a later one means "now".
      if (ac.signal.aborted) {
        if (Date.now() - stoppedAt > 1000) process.exit(130);
        return;
      }
      stoppedAt = Date.now();
      process.stderr.write('slant: worker stopping after the documents in hand\n');
      ac.abort();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.stderr.write(`slant: worker taking jobs (${concurrency} at a time)\n`);
    try {
      const n = await runWorker(corpus, {
        concurrency,
        timeoutMs: timeout * 1000,
        maxBatch: batch,
        pipeline: values.pipeline?.split(',').map((x) => x.trim()).filter(Boolean),
        signal: ac.signal,
        onJob: values.quiet ? undefined : (e) => process.stderr.write(`slant: job ${e.id} ${e.outcome}${e.doc ? ` ${e.doc}` : ''}${e.error ? `: ${e.error}` : ''}\n`),
      });
      process.stderr.write(`slant: worker stopped: ${n.stored} stored, ${n.duplicates} already stored, ${n.dead} dead letters\n`);
    } finally {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      await corpus.close();
    }
    return 0;
  },
};

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'Show the job queue: queued, active, done, failed, dead letters and the rate',
  usage: `Usage: slant jobs [--db postgres://…] [--format text|json]

Counts the analysis jobs by state in the database's queue, the documents per second over the last
minute, and the latest dead letters with their errors.`,
  async run(argv) {
    const { values } = args(argv, { db: { type: 'string' }, format: { type: 'string', default: 'text' } });
    if (values.format !== 'text' && values.format !== 'json') fail(E.BAD_ARGUMENT, '--format must be text or json');
    const s = await jobStats(resolveLocation(values.db));
    if (values.format === 'json') {
      await out(JSON.stringify(s) + '\n');
      return 0;
    }
    const lines = [
      `queued    ${s.queued}`,
      `retrying  ${s.retrying}`,
      `active    ${s.active}`,
      `done      ${s.done}`,
      `failed    ${s.failed}`,
      `dead      ${s.dead}`,
      `rate      ${s.rate.toFixed(2)} documents/s (last minute)`,
    ];
    for (const d of s.deadLetters) lines.push(`  dead ${d.at} ${d.origin ?? d.id}: ${d.error}`);
    await out(lines.join('\n') + '\n');
    return 0;
  },
};
