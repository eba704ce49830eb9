/** `slant ingest <source…>`: read, analyse and store a collection (folders, JSON Lines, CSV, feeds, WARC, sitemaps, URL lists). */
import { createWriteStream, type WriteStream } from 'node:fs';
import { E, fail } from '../core/errors.js';
import { openCorpus, type Corpus, type IngestError, type IngestOptions, type IngestProgress } from '../corpus/index.js';
import { enqueue, type QueueOptions } from '../corpus/queue.js';
import { FORMATS, countRecords, detectFormat, parseColumnMap, type ColumnMap, type Format } from '../corpus/readers/index.js';
import { args, type Command } from './command.js';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Add a collection to the corpus: folders, JSON Lines, CSV, RSS/Atom, WARC, sitemaps, URL lists',
  usage: `Usage: slant ingest <source...> [options]

Reads every record of the sources, analyses it on all cores and stores it in the corpus (the same
database \`slant serve\` shows). A document already stored (same canonical URL, same normalised
text, same input) is skipped without analysis, so running the same command again continues where
an interrupted run stopped. Near-copies of stored documents are found as each one is stored.

Sources:
  <folder>           every .txt, .html(.gz), .json file inside, recursively
  <file.jsonl>       one {text|html, title, date, url, source, id} object per line (.gz too)
  <file.csv|.tsv>    a header row; columns named text/html/title/date/url/source/id (or --columns)
  <feed.xml|URL>     an RSS or Atom feed; items holding only a summary are fetched from their link
  <file.warc(.gz)>   the HTML responses of a web archive
  <sitemap.xml|URL>  the pages a sitemap lists (fetched)
  <urls.txt>         one URL per line (fetched)

Options:
      --db PATH          corpus folder, .db file or postgres:// URL (env SLANT_DATABASE_URL;
                         default: the \`slant serve\` data folder)
      --workers N        analysis threads (default: all cores)
      --errors FILE      write every skipped record as JSON Lines {where, error, ...}
      --no-fetch         keep feed summaries; do not fetch pages
      --columns MAP      field=column pairs, e.g. text=body,url=link,date=published
      --delimiter C      CSV delimiter (default , or tab for .tsv)
      --as FORMAT        read every source as ${FORMATS.join('|')}
      --timeout SEC      longest one document may take (default 120)
      --pipeline LIST    components to run, comma-separated (default: the full pipeline)
      --allow-private-urls  let fetches reach loopback/private addresses
      --queue            PostgreSQL only: read and enqueue the new documents, then return;
                         \`slant worker\` processes (on any machine) analyse and store them
      --lease SEC        with --queue: how long a worker may hold a job before another one
                         takes it back (default 300)
  -q, --quiet            no progress output

Exit status: 0 when at least one document is stored or already present; 1 when nothing could be.`,
  async run(argv) {
    const { values, positionals } = args(argv, {
      db: { type: 'string' },
      workers: { type: 'string' },
      errors: { type: 'string' },
      'no-fetch': { type: 'boolean', default: false },
      columns: { type: 'string' },
      delimiter: { type: 'string' },
      as: { type: 'string' },
      timeout: { type: 'string' },
      pipeline: { type: 'string' },
      'allow-private-urls': { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      queue: { type: 'boolean', default: false },
      lease: { type: 'string' },
    });
    if (positionals.length === 0) fail(E.BAD_ARGUMENT, 'give at least one source (see slant ingest --help)');
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64)) fail(E.BAD_ARGUMENT, '--workers must be a whole number from 1 to 64');
    const timeout = values.timeout === undefined ? 120 : Number(values.timeout);
    if (!(timeout > 0)) fail(E.BAD_ARGUMENT, '--timeout must be a positive number of seconds');
    let columns: ColumnMap | undefined;
    if (values.columns !== undefined) {
      const m = parseColumnMap(values.columns);
      if (typeof m === 'string') fail(E.BAD_ARGUMENT, `--columns: ${m}`);
      columns = m;
    }
    if (values.delimiter !== undefined && [...values.delimiter].length !== 1 && values.delimiter !== '\\t') fail(E.BAD_ARGUMENT, '--delimiter must be one character');
    const as = values.as as Format | undefined;
    if (as !== undefined && !FORMATS.includes(as)) fail(E.BAD_ARGUMENT, `--as must be one of ${FORMATS.join(', ')}`);

    // A missing file or an unknown format is a mistake in the command: refuse before starting.
    for (const source of positionals) if (!as) await detectFormat(source);
    const corpus = await openCorpus(values.db);
    const lease = values.lease === undefined ? undefined : Number(values.lease);
    if (lease !== undefined && !(Number.isFinite(lease) && lease >= 1)) fail(E.BAD_ARGUMENT, '--lease must be a number of seconds ≥ 1');
    if (values.queue) return enqueueOnly(corpus, positionals, { leaseSeconds: lease, fetch: !values['no-fetch'], allowPrivate: values['allow-private-urls'], columns, delimiter: values.delimiter === '\\t' ? '\t' : values.delimiter, format: as });
    let errorsOut: WriteStream | null = null;
    if (values.errors) {
      errorsOut = createWriteStream(values.errors, { flags: 'w' });
      await new Promise<void>((resolve, reject) => {
        errorsOut!.once('open', () => resolve());
        errorsOut!.once('error', (err) => reject(new Error(`cannot write ${values.errors}: ${err.message}`)));
      }).catch((err: Error) => fail(E.BAD_ARGUMENT, err.message));
    }
    let total: number | null = null;
    if (!values.quiet && process.stderr.isTTY) {
      // An ETA needs the number of records: counted when cheap (folders, JSON Lines, CSV).
      total = 0;
      for (const source of positionals) {
        const n = await countRecords(source, as).catch(() => null);
        total = n === null || total === null ? null : total + n;
      }
    }
    const progress = values.quiet ? null : await makeProgress(total);
    const ac = new AbortController();
    let interrupts = 0;
    const onSigint = (): void => {
      // First Ctrl-C: stop reading and store what is being analysed; second: leave now (each document is its own transaction).
      if (++interrupts > 1) process.exit(130);
      process.stderr.write('\nslant: stopping after the documents in progress (Ctrl-C again to quit now)\n');
      ac.abort();
    };
    process.on('SIGINT', onSigint);
    const started = Date.now();
    let summary: IngestProgress;
    try {
      summary = await corpus.ingest(positionals, {
        workers,
        fetch: !values['no-fetch'],
        allowPrivate: values['allow-private-urls'],
        columns,
        delimiter: values.delimiter === '\\t' ? '\t' : values.delimiter,
        format: as,
        timeoutMs: timeout * 1000,
        pipeline: values.pipeline?.split(',').map((x) => x.trim()).filter(Boolean),
        signal: ac.signal,
        onProgress: (p) => progress?.update(p),
        onError: (e: IngestError) => {
          errorsOut?.write(JSON.stringify({ where: e.where, ...e.place, error: e.error }) + '\n');
          if (progress) progress.log(`slant: ${e.where}: ${e.error}`);
          else process.stderr.write(`slant: ${e.where}: ${e.error}\n`);
        },
      });
    } finally {
      process.off('SIGINT', onSigint);
      progress?.stop();
      await corpus.close();
      if (errorsOut) await new Promise<void>((r) => errorsOut!.end(() => r()));
    }
    const secs = (Date.now() - started) / 1000;
    const rate = summary.ingested / Math.max(secs, 0.001);
    console.error(
      `slant: ${summary.ingested} ingested, ${summary.duplicates} duplicates, ${summary.copies} with copies, ${summary.errors} errors` +
        ` (${summary.read} records in ${secs.toFixed(1)} s, ${rate.toFixed(1)} docs/s) into ${corpus.location}${ac.signal.aborted ? '; interrupted — run again to continue' : ''}`,
    );
    return summary.ingested + summary.duplicates > 0 ? 0 : 1;
  },
};

/** --queue: stages 1+2 here, the rest in \`slant worker\` processes. */
async function enqueueOnly(corpus: Corpus, sources: string[], opts: IngestOptions & QueueOptions): Promise<number> {
  try {
    const s = await enqueue(corpus, sources, { ...opts, onError: (e) => process.stderr.write(`slant: ${e.where}: ${e.error}\n`) });
    console.error(`slant: ${s.enqueued} enqueued, ${s.duplicates} already stored, ${s.errors} errors (${s.read} records); start \`slant worker --db …\` to analyse them`);
    return s.enqueued + s.duplicates > 0 ? 0 : 1;
  } finally {
    await corpus.close();
  }
}

interface Progress {
  update(p: IngestProgress): void;
  log(line: string): void;
  stop(): void;
}

/** A bar on a terminal (docs/s, errors), a plain line every few seconds otherwise. */
async function makeProgress(total: number | null): Promise<Progress> {
  const started = Date.now();
  const rate = (p: IngestProgress): string => (p.ingested / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(1);
  if (process.stderr.isTTY) {
    const { default: cliProgress } = await import('cli-progress');
    const bar = new cliProgress.SingleBar(
      {
        format: ` {bar} {value}/{total} | {ingested} stored | {duplicates} dup | {errors} errors | {rate} docs/s | ${total === null ? 'elapsed {duration_formatted}' : 'ETA {eta_formatted}'}`,
        stream: process.stderr,
        hideCursor: true,
        barsize: 20,
        fps: 5,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    // Without a known total (feeds, WARC) the bar shows the records settled out of those read so far.
    bar.start(total ?? 1, 0, { ingested: 0, duplicates: 0, errors: 0, rate: '0.0' });
    return {
      update: (p) => {
        if (total === null) bar.setTotal(Math.max(1, p.read));
        else if (p.read > total) bar.setTotal(p.read);
        bar.update(p.ingested + p.duplicates + p.errors, { ...p, rate: rate(p) });
      },
      log: (line) => {
        // Print above the bar.
        process.stderr.write(`\r\x1b[K${line}\n`);
        bar.render?.();
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update: (p) => {
      if (Date.now() - last < 5000) return;
      last = Date.now();
      process.stderr.write(`slant: ${p.read} read, ${p.ingested} stored, ${p.duplicates} duplicates, ${p.errors} errors, ${rate(p)} docs/s\n`);
    },
    log: (line) => process.stderr.write(line + '\n'),
    stop: () => undefined,
  };
}
