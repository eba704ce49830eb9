// Part of `npm run build` (after tsc and copy-data): writes, beside each shipped actor file in
// dist/actors/data, <file>.index.json — its phrases by first word, as offsets (src/actors/load.ts,
// indexActorTsv) — so that loading the dictionary is a JSON.parse instead of a pass over 2 MB of
// text in not-yet-compiled JavaScript (issue 16: start-up). Without the index (or with a stale
// one) the dictionary computes the same at load time.
import { readFileSync, writeFileSync } from 'node:fs';

const dist = new URL('../dist/actors/', import.meta.url);
const { indexActorTsv } = await import(new URL('load.js', dist).href);
for (const f of ['extra-actors.tsv', 'extra-leaders.tsv', 'actors.tsv', 'names-cldr.tsv', 'places.tsv']) {
  const text = readFileSync(new URL(`data/${f}`, dist), 'utf8');
  writeFileSync(new URL(`data/${f}.index.json`, dist), JSON.stringify(indexActorTsv(text)));
}
