// Quick check of the language identifier (src/meta/language.ts) on the texts of SemEval-2022 Task 8
// (10 languages): accuracy on whole texts (~1,000 characters) and on their first 100 / 300 characters.
// Usage: npm run build && node scripts/check-language.mjs /work/shared/data/similarity/semeval2022-task8-train.csv
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { detectLanguage } from '../dist/meta/language.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/check-language.mjs semeval2022-task8-train.csv');
  process.exit(2);
}
const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true });
const data = rows.flatMap((r) => [{ lang: r.lang1, text: r.text1 }, { lang: r.lang2, text: r.text2 }]).filter((d) => d.text?.trim());
console.log(`${data.length} texts; languages: ${[...new Set(data.map((d) => d.lang))].sort().join(' ')}`);
for (const cut of [100, 300, Infinity]) {
  let ok = 0;
  const wrong = new Map();
  for (const d of data) {
    const got = detectLanguage(d.text.slice(0, cut));
    if (got === d.lang) ok++;
    else wrong.set(`${d.lang}→${got}`, (wrong.get(`${d.lang}→${got}`) ?? 0) + 1);
  }
  const top = [...wrong].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`first ${cut === Infinity ? 'all' : cut} characters: ${((100 * ok) / data.length).toFixed(1)} % right; most frequent errors: ${top}`);
}
