/** A folder, recursively: every .txt, .html(.gz), .htm and .json file, in sorted order; one record per file. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadInput } from '../../input/load.js';
import { errorLine } from '../../core/errors.js';
import type { ReadItem, ReaderOptions } from './types.js';

export const ARTICLE_FILE = /\.(txt|html?|xhtml|json)(\.gz)?$/i;
const MAX_DEPTH = 32;

/** Article files under a folder (sorted; symlinked files followed, symlinked folders not, so no cycles). */
export async function* walk(dir: string, depth = 0): AsyncGenerator<string> {
  if (depth > MAX_DEPTH) return;
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* walk(path, depth + 1);
    else if (ARTICLE_FILE.test(e.name) && (e.isFile() || (e.isSymbolicLink() && (await stat(path).catch(() => null))?.isFile()))) yield path;
  }
}

export async function* readFolder(dir: string, opts: ReaderOptions): AsyncGenerator<ReadItem> {
  for await (const file of walk(dir)) {
    if (opts.signal?.aborted) return;
    yield await readFile(file);
  }
}

/** One article file as a record (text, HTML or a JSON object). */
export async function readFile(file: string): Promise<ReadItem> {
  try {
    const input = await loadInput(file);
    return { kind: 'record', place: { file }, ...input };
  } catch (err) {
    return { kind: 'error', place: { file }, error: errorLine(err) };
  }
}
