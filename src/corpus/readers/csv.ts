/** CSV/TSV with a header row; columns are mapped to fields by name (fields.ts) or by --columns. */
import { parse, type CsvError } from 'csv-parse';
import { resolveFields } from './fields.js';
import { toRecord } from './record.js';
import { openFile } from './stream.js';
import { MAX_RECORD, type ReadItem, type ReaderOptions } from './types.js';

export async function* readCsv(file: string, opts: ReaderOptions): AsyncGenerator<ReadItem> {
  const skipped: ReadItem[] = [];
  const parser = parse({
    columns: true,
    bom: true,
    delimiter: opts.delimiter ?? (/\.tsv(\.gz)?$/i.test(file) ? '\t' : ','),
    info: true,
    max_record_size: MAX_RECORD,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      const line = (err as { lines?: number } | undefined)?.lines;
      skipped.push({ kind: 'error', place: { file, line }, error: `malformed CSV row: ${(err?.message ?? 'unreadable').split('\n')[0]}` });
      return undefined;
    },
  });
  (await openFile(file)).pipe(parser);
  let fields: ReturnType<typeof resolveFields> | null = null;
  try {
    for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; records: number } }>) {
      while (skipped.length) yield skipped.shift()!;
      if (opts.signal?.aborted) return;
      fields ??= resolveFields(Object.keys(row.record), opts.columns);
      yield toRecord(row.record, fields, { file, line: row.info.lines, record: row.info.records });
    }
  } catch (err) {
    // A fatal parse error (e.g. an unclosed quote at the end): report it with where parsing stopped.
    yield { kind: 'error', place: { file, line: (err as { lines?: number }).lines }, error: `malformed CSV: ${(err as Error).message.split('\n')[0]}` };
  }
  while (skipped.length) yield skipped.shift()!;
}
