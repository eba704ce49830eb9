/**
 * Converter: regenerates src/relations/data/{verbs.json,cameo.json} from the public dictionaries
 * (see data/SOURCES.md). Run after `npm run build`:
 *
 *   node dist/relations/convert.js <dicts-dir> src/relations/data
 *
 * where <dicts-dir> holds petrarch2/CAMEO.2.0.txt, cameo_codebook_goldstein_plover.csv,
 * gdelt/CAMEO.eventcodes.txt and plover_ngec/CAMEO2PLOVER-2021.txt.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseVerbDict } from './verbdict.js';

/** Minimal CSV line splitter (quoted fields with commas; no embedded newlines in this file). */
function csvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out;
}

export function convert(dicts: string, outDir: string): void {
  const verbs = parseVerbDict(readFileSync(join(dicts, 'petrarch2/CAMEO.2.0.txt'), 'utf8'), 'petrarch2/CAMEO.2.0.txt (Open Event Data Alliance, MIT)');
  writeFileSync(join(outDir, 'verbs.json'), JSON.stringify(verbs) + '\n');

  // code → [description, goldstein, quad, plover event, plover mode]
  const codes: Record<string, [string, number, number, string | null, string | null]> = {};
  const csv = readFileSync(join(dicts, 'cameo_codebook_goldstein_plover.csv'), 'utf8').trim().split(/\r?\n/);
  const head = csvLine(csv[0]!);
  const col = (n: string): number => head.indexOf(n);
  for (const line of csv.slice(1)) {
    const f = csvLine(line);
    const code = f[col('cameo_code')]!;
    const plover = f[col('plover_event')] || null;
    codes[code] = [f[col('description')]!, Number(f[col('goldstein')]), quadOf(code), plover === 'DROPPED' ? null : plover, f[col('plover_mode')] || null];
  }
  // GDELT descriptions fill codes the codebook lacks.
  for (const line of readFileSync(join(dicts, 'gdelt/CAMEO.eventcodes.txt'), 'utf8').split(/\r?\n/).slice(1)) {
    const [code, desc] = line.split('\t');
    if (code && desc && /^\d{2,4}$/.test(code) && !codes[code]) {
      const parent = codes[code.slice(0, 3)] ?? codes[code.slice(0, 2)];
      codes[code] = [desc, parent ? parent[1] : 0, quadOf(code), parent ? parent[3] : null, null];
    }
  }
  // CAMEO2PLOVER fills PLOVER types for codes the codebook marks DROPPED or lacks.
  for (const line of readFileSync(join(dicts, 'plover_ngec/CAMEO2PLOVER-2021.txt'), 'utf8').split(/\r?\n/)) {
    const m = /^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([a-z-]*))?/.exec(line);
    if (m && codes[m[1]!] && codes[m[1]!]![3] === null) {
      codes[m[1]!]![3] = m[2]!;
      if (m[3]) codes[m[1]!]![4] = m[3];
    }
  }
  writeFileSync(join(outDir, 'cameo.json'), JSON.stringify({ source: 'cameo_codebook_goldstein_plover.csv + gdelt/CAMEO.eventcodes.txt + plover_ngec/CAMEO2PLOVER-2021.txt', fields: ['description', 'goldstein', 'quad', 'plover', 'mode'], codes }, null, 0) + '\n');
}

export function quadOf(code: string): number {
  const r = Number(code.slice(0, 2));
  return r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [dicts, out] = process.argv.slice(2);
  if (!dicts || !out) {
    console.error('usage: node dist/relations/convert.js <dicts-dir> <out-dir>');
    process.exit(2);
  }
  convert(dicts, out);
  console.log(`wrote ${out}/verbs.json and ${out}/cameo.json`);
}
