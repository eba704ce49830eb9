// Baseline for docs/results-extraction.md: Readability.js (@mozilla/readability on linkedom) on the
// same pages, written in the benchmark's format so `slant eval extraction --pred` scores it.
//   node bench/readability-baseline.mjs [html-folder] > /tmp/readability.json
//   node dist/cli/main.js eval extraction --pred /tmp/readability.json --truth <ground-truth.json>
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

const dir = process.argv[2] ?? new URL('../../shared/data/extraction/html/', import.meta.url).pathname;
const out = {};
const t0 = performance.now();
const files = readdirSync(dir).filter((f) => /\.html?(\.gz)?$/.test(f)).sort();
for (const f of files) {
  let buf = readFileSync(join(dir, f));
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  let body = '';
  try {
    const { document } = parseHTML(buf.toString('utf8'));
    body = new Readability(document).parse()?.textContent ?? '';
  } catch {
    /* scored as empty */
  }
  out[f.replace(/\.html?(\.gz)?$/, '')] = { articleBody: body };
}
process.stderr.write(`readability: ${(files.length / ((performance.now() - t0) / 1000)).toFixed(1)} pages/s\n`);
console.log(JSON.stringify(out));
