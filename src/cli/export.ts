/** `slant export`: a selection of the corpus as JSON Lines, CSV or W3C Web Annotations. */
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { E, fail } from '../core/errors.js';
import { openCorpus, type SearchQuery } from '../corpus/index.js';
import { EXPORT_FORMATS, FINDING_KINDS, type ExportFormat, type Finding } from '../corpus/export.js';
import { args, out, type Command } from './command.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a selection of the corpus as JSON Lines, CSV or W3C Web Annotations (JSON-LD)',
  usage: `Usage: slant export [--format jsonl|csv|findings-csv|w3c] [-o FILE] [filters] [--db PATH]

Formats:
  jsonl          one stored document per line: the full analysis result plus id, created, outlet
  csv            one row per document (id, created, title, date, outlet, url, language, words,
                 actors, techniques, events, narratives, text)
  findings-csv   one row per finding (technique span, coded event, narrative evidence sentence,
                 actor mention) with code-point offsets
  w3c            the findings as W3C Web Annotations: a JSON-LD AnnotationCollection; every target
                 has a TextPositionSelector (Unicode code points) and a TextQuoteSelector
                 (exact, 32-character prefix and suffix)

Filters (all optional):
  -q QUERY            full-text search (words, "quoted phrases")
  --outlet NAME       outlet or credited source
  --actor CODE        documents naming this actor
  --technique LABEL   documents with this technique
  --from/--to DATE    publication date bounds (YYYY-MM-DD)
  --id ID             this document (repeatable)
  --limit N           at most N documents (default 50000)
  --kinds LIST        findings to export (comma list of technique,event,narrative,actor; default all)
  -o, --output FILE   write to FILE (atomically: no partial file on error) instead of stdout
  --db PATH           corpus folder, .db file or postgres:// URL (default: the slant serve data folder)`,
  async run(argv) {
    const { values, positionals } = args(argv, {
      format: { type: 'string', short: 'f', default: 'jsonl' },
      q: { type: 'string', short: 'q' },
      outlet: { type: 'string' },
      actor: { type: 'string' },
      technique: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      id: { type: 'string', multiple: true },
      limit: { type: 'string', default: '50000' },
      kinds: { type: 'string' },
      output: { type: 'string', short: 'o' },
      db: { type: 'string' },
    });
    if (positionals.length) fail(E.BAD_ARGUMENT, `unexpected argument "${positionals[0]}" (see slant export --help)`);
    const format = values.format as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) fail(E.BAD_ARGUMENT, `--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${values.format}"`);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000) fail(E.BAD_ARGUMENT, `--limit must be a whole number from 1 to 1000000, not "${values.limit}"`);
    for (const k of ['from', 'to'] as const) if (values[k] && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(values[k]!)) fail(E.BAD_ARGUMENT, `--${k} must be a date YYYY-MM-DD, not "${values[k]}"`);
    let kinds: Set<Finding['kind']> | undefined;
    if (values.kinds) {
      const list = values.kinds.split(',').map((k) => k.trim());
      for (const k of list) if (!(FINDING_KINDS as readonly string[]).includes(k)) fail(E.BAD_ARGUMENT, `--kinds takes ${FINDING_KINDS.join(', ')}, not "${k}"`);
      kinds = new Set(list as Finding['kind'][]);
    }
    const query: SearchQuery = { q: values.q, outlet: values.outlet, actor: values.actor, technique: values.technique, from: values.from, to: values.to, ids: values.id, sort: 'date', order: 'asc' };
    const corpus = await openCorpus(values.db);
    try {
      const chunks = corpus.export(format, query, { kinds }, limit);
      if (!values.output) {
        for await (const c of chunks) await out(c);
        return 0;
      }
      const tmp = `${values.output}.tmp-${process.pid}`;
      const ws = createWriteStream(tmp);
      const done = new Promise<void>((resolve, reject) => {
        ws.on('finish', resolve);
        ws.on('error', reject);
      });
      try {
        for await (const c of chunks) if (!ws.write(c)) await new Promise<void>((r) => ws.once('drain', () => r()));
        ws.end();
        await done;
        await rename(tmp, values.output);
      } catch (err) {
        ws.destroy();
        await unlink(tmp).catch(() => undefined);
        if ((err as NodeJS.ErrnoException).code) fail(E.FILE_NOT_FOUND, `cannot write ${values.output}: ${(err as NodeJS.ErrnoException).code}`);
        throw err;
      }
      return 0;
    } finally {
      await corpus.close();
    }
  },
};
