import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { E, fail } from '../core/errors.js';
import type { AnalysisResult } from '../result.js';
import { args, out, type Command } from './command.js';

const FORMATS = ['text', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'Analyse articles: actors, relations, techniques, metadata',
  usage: `Usage: slant analyze <file|dir|url|-> [more...] [options]

Analyse one article (or many) and report what it asserts and how it persuades.

  <file>             a .txt, .html(.gz) or .json ({text,title,date,url,source}) file
  <dir>              every .txt/.html/.json file in it (one result per file)
  <url>              an http(s) address to fetch and extract
  -                  read standard input

Options:
  -f, --format FMT   text (default: a terminal report), json, html (one standalone page)
      --all          reports show every technique span, also those whose measured precision is
                     under 0.4 (JSON always holds them all, with "shown": false)
  -o, --out FILE     write to FILE instead of standard output (only written on success)
      --encoding ENC force the text encoding of the input (e.g. windows-1251)
      --workers N    worker threads for many inputs (default: number of cores)
      --timeout SEC  time limit per document when analysing many (default 300; 0 = none)
      --profile      print the share of time per component to standard error
      --pipeline LIST  components to run, comma-separated (default: the default pipeline)
      --include syntax  also parse, and put each sentence's tokens, tags, lemmas and dependencies
                     in the JSON ("syntax"; one input; the HTML report shows the trees)
      --allow-private-urls  allow URLs on loopback/private networks
      --color / --no-color  colour the terminal report (default: when writing to a terminal)

Several inputs: json prints one JSON object per line (JSON Lines), each as soon as it is done (in
input order); text prints reports one after another. Ctrl-C keeps every finished result.`,
  async run(argv) {
    const { values, positionals } = args(argv, {
      format: { type: 'string', short: 'f', default: 'text' },
      all: { type: 'boolean', default: false },
      out: { type: 'string', short: 'o' },
      encoding: { type: 'string' },
      workers: { type: 'string' },
      timeout: { type: 'string' },
      profile: { type: 'boolean', default: false },
      pipeline: { type: 'string' },
      include: { type: 'string' },
      'allow-private-urls': { type: 'boolean', default: false },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    });
    const format = values.format as Format;
    if (!FORMATS.includes(format)) fail(E.BAD_ARGUMENT, `--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
    if (positionals.length === 0) fail(E.BAD_ARGUMENT, 'give a file, directory, URL or - (see slant analyze --help)');
    const loadOpts = { encoding: values.encoding, allowPrivate: values['allow-private-urls'] };
    const color = values['no-color'] ? false : values.color ?? (!values.out && process.stdout.isTTY === true && !process.env.NO_COLOR);

    const pipeline = values.pipeline === undefined ? undefined : values.pipeline.split(',').map((x) => x.trim()).filter(Boolean);
    const include = values.include === undefined ? undefined : values.include.split(',').map((x) => x.trim()).filter(Boolean);
    if (include?.some((x) => x !== 'syntax')) fail(E.BAD_ARGUMENT, `--include takes syntax, not "${values.include}"`);
    const sources = await expand(positionals);
    if (include && sources.length > 1) fail(E.BAD_ARGUMENT, '--include syntax takes one input');
    let body: string;
    let failed = 0;
    if (sources.length === 1) {
      // The analysis modules load here: a batch leaves them to the worker threads.
      const [{ analyze }, { loadInput }, { createPipeline, DEFAULT_PIPELINE }, { pipelineWithParse }] = await Promise.all([import('../analyze.js'), import('../input/load.js'), import('../registry.js'), import('../syntax/result.js')]);
      const t0 = performance.now();
      const result = await analyze(await loadInput(sources[0]!, loadOpts), { pipeline, include: include as 'syntax'[] | undefined });
      body = await render(result, format, color, values.all === true);
      if (values.profile) (await import('./analyze-batch.js')).printProfile((await createPipeline(include ? pipelineWithParse(pipeline ?? DEFAULT_PIPELINE) : pipeline)).takeTimings(), 1, performance.now() - t0, 0);
    } else {
      if (sources.includes('-')) fail(E.BAD_ARGUMENT, 'standard input (-) can only be analysed on its own');
      if (format === 'html') fail(E.BAD_ARGUMENT, '--format html takes one input; use --format json for many');
      const workers = values.workers === undefined ? undefined : Number(values.workers);
      if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64)) fail(E.BAD_ARGUMENT, '--workers must be a whole number from 1 to 64');
      const timeout = values.timeout === undefined ? 300 : Number(values.timeout);
      if (!(Number.isFinite(timeout) && timeout >= 0)) fail(E.BAD_ARGUMENT, '--timeout must be a number of seconds (0 = no limit)');
      // Streamed: each result is written as it completes (see analyze-batch.ts).
      // Loaded only here: one input needs neither the worker pool nor its threads.
      const { runBatch } = await import('./analyze-batch.js');
      return runBatch({ sources, format, color, loadOptions: loadOpts, workers, timeoutMs: timeout * 1000, out: values.out, profile: values.profile === true, pipeline });
    }
    if (values.out) await writeAtomic(values.out, body);
    else await out(body);
    return failed > 0 ? 1 : 0;
  },
};

async function render(result: AnalysisResult, format: Format, color: boolean, all: boolean): Promise<string> {
  if (format === 'json') return JSON.stringify(result, null, 2) + '\n';
  // The renderers load only when a report is asked for (JSON needs neither).
  const { renderReportHtml, renderReportText } = await import('../report/index.js');
  if (format === 'html') return renderReportHtml(result, { all });
  return renderReportText(result, { color, all });
}

/** Directories become the analysable files inside them (not recursive, sorted). */
async function expand(paths: string[]): Promise<string[]> {
  const outList: string[] = [];
  for (const p of paths) {
    const st = p === '-' || /^https?:\/\//i.test(p) ? null : await stat(p).catch(() => null);
    if (st?.isDirectory()) {
      const names = (await readdir(p)).filter((n) => /\.(txt|html?|json)(\.gz)?$/i.test(n)).sort();
      if (names.length === 0) fail(E.BAD_ARGUMENT, `${p} holds no .txt, .html or .json files`);
      outList.push(...names.map((n) => join(p, n)));
    } else outList.push(p);
  }
  return outList;
}

/** Write to a temporary file and rename, so a failure never leaves a partial output file. */
async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    fail(E.BAD_ARGUMENT, `cannot write ${path}: ${(err as Error).message.split('\n')[0]}`);
  }
}
