/** JSON Lines: one `{text|html, title, date, url, source, id}` object per line (field names mapped, see fields.ts). */
import { resolveFields } from './fields.js';
import { toRecord } from './record.js';
import { lines, openFile } from './stream.js';
import type { ReadItem, ReaderOptions } from './types.js';

export async function* readJsonl(file: string, opts: ReaderOptions): AsyncGenerator<ReadItem> {
  for await (const line of lines(await openFile(file))) {
    if (opts.signal?.aborted) return;
    const place = { file, line: line.n };
    if (line.tooLong) {
      yield { kind: 'error', place, error: 'line too long; skipped' };
      continue;
    }
    if (!line.text.trim()) continue;
    let v: unknown;
    try {
      v = JSON.parse(line.text);
    } catch (err) {
      yield { kind: 'error', place, error: `not valid JSON: ${(err as Error).message.split('\n')[0]}` };
      continue;
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      yield { kind: 'error', place, error: 'expected a JSON object' };
      continue;
    }
    const o = v as Record<string, unknown>;
    yield toRecord(o, resolveFields(Object.keys(o), opts.columns), place);
  }
}
