/**
 * `slant extract` (page → article text + metadata as JSON) and `slant eval extraction` (the
 * article-extraction-benchmark metric on a folder of pages with a ground-truth file).
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { args, out, type Command } from './command.js';
import { E, fail, errorLine } from '../core/errors.js';
import { fetchUrl } from '../input/fetch.js';
import { extractBytes, type Extracted } from '../extract/index.js';
import { scorePage, aggregate, type PageScore } from '../extract/score.js';

const PAGE_RE = /\.(?:html?|xhtml)(?:\.gz)?$/i;

async function readPage(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') fail(E.FILE_NOT_FOUND, `no such file: ${path}`);
    fail(E.FILE_NOT_FOUND, `cannot read ${path}: ${code ?? (err as Error).message}`);
  }
}

/** Pages of a folder, sorted by name, with their ids (file name without .html[.gz]). */
async function listPages(dir: string): Promise<{ id: string; path: string }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    fail(E.FILE_NOT_FOUND, `cannot read folder ${dir}`);
  }
  return names
    .filter((n) => PAGE_RE.test(n))
    .sort()
    .map((n) => ({ id: n.replace(PAGE_RE, ''), path: join(dir, n) }));
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export const extractCommand: Command = {
  name: 'extract',
  summary: 'Article text and metadata (title, byline, date, language, credits) from web pages',
  usage: `Usage: slant extract <file.html[.gz] | folder | url> [--url URL] [--benchmark] [--allow-private]

  <file>           a saved page (.html, .htm, or gzipped .html.gz; any charset)
  <folder>         every *.html[.gz] in it: one JSON object per line, with "id"
  <url>            an http(s) address to fetch (loopback/private addresses refused)
  --url URL        where a saved page came from (resolves links; dates in the path)
  --benchmark      for a folder: print {"<id>": {"articleBody": body}} (the benchmark's format)
  --allow-private  allow URLs on loopback/private networks (also SLANT_ALLOW_PRIVATE_URLS=1)

Output fields: title, byline, date (ISO 8601), dateSource (json-ld, meta:<name>, time-element,
url, text), language, siteName, canonicalUrl, body (paragraphs separated by blank lines),
credits, and warning when the body is empty or the page was cut.`,
  async run(argv) {
    const { values, positionals } = args(argv, {
      url: { type: 'string' },
      benchmark: { type: 'boolean', default: false },
      'allow-private': { type: 'boolean', default: false },
    });
    const target = positionals[0];
    if (!target || positionals.length > 1) fail(E.BAD_ARGUMENT, 'give one file, folder or URL (see slant extract --help)');
    if (/^https?:\/\//i.test(target)) {
      const page = await fetchUrl(target, { allowPrivate: values['allow-private'] });
      const r = extractBytes(page.body, { url: page.finalUrl, contentType: page.contentType });
      await out(JSON.stringify({ url: page.finalUrl, ...r }, null, 2) + '\n');
      return 0;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) fail(E.URL_FORBIDDEN, `only http(s) URLs can be fetched, not "${target.split(':')[0]}:"`);
    if (await isDir(target)) {
      const pages = await listPages(target);
      if (!pages.length) fail(E.FILE_NOT_FOUND, `no .html or .html.gz files in ${target}`);
      let failed = 0;
      const bench: Record<string, { articleBody: string }> = {};
      for (const p of pages) {
        let r: Extracted | null = null;
        try {
          r = extractBytes(await readPage(p.path));
        } catch (err) {
          failed++;
          process.stderr.write(`slant: ${p.id}: ${errorLine(err)}\n`);
        }
        if (values.benchmark) bench[p.id] = { articleBody: r?.body ?? '' };
        else await out(JSON.stringify(r ? { id: p.id, ...r } : { id: p.id, error: 'see standard error' }) + '\n');
      }
      if (values.benchmark) await out(JSON.stringify(bench) + '\n');
      return failed && failed === pages.length ? 1 : 0;
    }
    if (values.benchmark) fail(E.BAD_ARGUMENT, '--benchmark needs a folder of <id>.html[.gz] pages');
    const r = extractBytes(await readPage(target), { url: values.url });
    await out(JSON.stringify(r, null, 2) + '\n');
    return 0;
  },
};

interface Truth {
  [id: string]: { articleBody?: string; url?: string; date?: string | null };
}

async function readJson(path: string, what: string): Promise<unknown> {
  const text = (await readPage(path)).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    fail(E.BAD_JSON, `${what} ${path} is not valid JSON: ${(err as Error).message.split('\n')[0]}`);
  }
}

export const evalExtractionCommand: Command = {
  name: 'eval extraction',
  summary: 'Score article extraction: shingle precision/recall/F1 and date accuracy',
  usage: `Usage: slant eval extraction --html <folder> --truth <ground-truth.json> [--dates <dates.json>] [--worst N] [--json]
       slant eval extraction --pred <predictions.json> --truth <ground-truth.json>

  --html FOLDER   pages as <id>.html.gz (or .html)
  --truth FILE    {"<id>": {"articleBody": "...", "url": "..."}} (article-extraction-benchmark format)
  --dates FILE    optional {"<id>": "YYYY-MM-DD" | null}: publication dates to check (a "date" field
                  in the truth file is used too). A page counts as correct when the extracted date
                  has the same calendar day as written by the publisher.
  --pred FILE     score another system's output ({"<id>": {"articleBody": ...}}) instead of extracting
  --worst N       list the N pages with the lowest F1 (default 10)
  --json          print the numbers as JSON

Metric: tokens are \\w+ matches; per page, multisets of 4-token shingles give TP/FP/FN; precision
and recall are means over pages, F1 their harmonic mean (as the benchmark's evaluate script).`,
  async run(argv) {
    const { values } = args(argv, {
      html: { type: 'string' },
      pred: { type: 'string' },
      truth: { type: 'string' },
      dates: { type: 'string' },
      worst: { type: 'string', default: '10' },
      json: { type: 'boolean', default: false },
    });
    if ((!values.html && !values.pred) || !values.truth) fail(E.BAD_ARGUMENT, '--truth <file> and one of --html <folder> or --pred <file> are required');
    const pred = values.pred ? ((await readJson(values.pred, 'predictions file')) as Record<string, { articleBody?: string } | undefined>) : null;
    const truth = (await readJson(values.truth, 'truth file')) as Truth;
    if (typeof truth !== 'object' || truth === null || Array.isArray(truth)) fail(E.BAD_DATA_FILE, `${values.truth}: expected {"<id>": {"articleBody": ...}}`);
    const dates = values.dates ? ((await readJson(values.dates, 'dates file')) as Record<string, string | null>) : {};
    const pages = new Map(values.html ? (await listPages(values.html)).map((p) => [p.id, p.path]) : []);
    const rows: (PageScore & { id: string; f1: number })[] = [];
    let dateTotal = 0, dateFound = 0, dateRight = 0;
    const dateMisses: string[] = [];
    const sources: Record<string, number> = {};
    const t0 = performance.now();
    for (const [id, t] of Object.entries(truth)) {
      const path = pages.get(id);
      let r: Extracted | null = null;
      if (pred) r = { body: pred[id]?.articleBody ?? '', date: null } as Extracted;
      else if (path) {
        try {
          r = extractBytes(await readPage(path), { url: t.url });
        } catch (err) {
          process.stderr.write(`slant: ${id}: ${errorLine(err)}\n`);
        }
      }
      const s = scorePage(t.articleBody ?? '', r?.body ?? '');
      rows.push({ id, ...s, f1: s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0 });
      const want = dates[id] !== undefined ? dates[id] : t.date;
      if (want) {
        dateTotal++;
        if (r?.date) {
          dateFound++;
          sources[r.dateSource ?? '?'] = (sources[r.dateSource ?? '?'] ?? 0) + 1;
          if (r.date.slice(0, 10) === want.slice(0, 10)) dateRight++;
          else dateMisses.push(`${id.slice(0, 12)} want ${want.slice(0, 10)} got ${r.date.slice(0, 10)} (${r.dateSource})`);
        } else dateMisses.push(`${id.slice(0, 12)} want ${want.slice(0, 10)} got none`);
      }
    }
    const secs = (performance.now() - t0) / 1000;
    const a = aggregate(rows);
    const n = Math.max(0, Number.parseInt(values.worst, 10) || 0);
    const worst = [...rows].sort((x, y) => x.f1 - y.f1).slice(0, n);
    const missing = Object.keys(truth).filter((id) => (pred ? !pred[id] : !pages.has(id))).length;
    const result = {
      pages: rows.length,
      missingPages: missing,
      precision: a.precision,
      recall: a.recall,
      f1: a.f1,
      dates: dateTotal ? { pages: dateTotal, found: dateFound, correct: dateRight, accuracy: dateRight / dateTotal, sources } : null,
      pagesPerSecond: rows.length / secs,
      worst: worst.map((w) => ({ id: w.id, precision: w.precision, recall: w.recall, f1: w.f1, url: truth[w.id]?.url })),
    };
    if (values.json) {
      await out(JSON.stringify(result, null, 2) + '\n');
      return 0;
    }
    const f = (x: number): string => x.toFixed(3);
    const lines = [
      `extraction precision=${f(a.precision)} recall=${f(a.recall)} F1=${f(a.f1)} on ${rows.length} pages${missing ? ` (${missing} missing from ${basename(values.pred ?? values.html ?? '')}: scored as empty)` : ''}`,
    ];
    if (result.dates)
      lines.push(
        `dates: ${dateRight}/${dateTotal} correct (${(100 * result.dates.accuracy).toFixed(1)}%), ${dateFound} found; by source: ${Object.entries(sources).map(([k, v]) => `${k} ${v}`).join(', ')}`,
        ...dateMisses.slice(0, 20).map((m) => `  date miss: ${m}`),
      );
    if (worst.length) {
      lines.push(`worst ${worst.length} pages (precision recall F1 id url):`);
      for (const w of worst) lines.push(`  ${f(w.precision)} ${f(w.recall)} ${f(w.f1)} ${w.id.slice(0, 16)} ${truth[w.id]?.url ?? ''}`);
    }
    await out(lines.join('\n') + '\n');
    return 0;
  },
};
