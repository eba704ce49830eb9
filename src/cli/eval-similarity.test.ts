/** slant eval similarity on a tiny pairs file written here (own texts; multi-line quoted fields). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const MAIN = new URL('./main.js', import.meta.url).pathname;

const TOPICS = [
  ['Riverton floods', 'Heavy rain flooded Riverton and the mayor closed the old bridge.', 'Rescuers searched the Riverton valley after the flood closed the bridge.'],
  ['Chess title', 'A young player won the national chess title in Lowmarsh.', 'The Lowmarsh chess final ended with a win for the young challenger.'],
  ['Bakery festival', 'The bread festival returned to Eastcombe with sourdough contests.', 'Eastcombe bakers paraded ovens at the returning bread festival.'],
  ['Harbour strike', 'Dock workers in Portown walked out over pay on Monday.', 'The Portown dock strike over wages entered its second day.'],
  ['Comet sighting', 'Astronomers in Hillview spotted a bright comet near the horizon.', 'A bright comet seen from Hillview drew crowds of stargazers.'],
  ['School opens', 'A new primary school opened in Westford with solar panels.', 'Westford pupils moved into the solar-powered primary school.'],
];

function csv(): string {
  const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  const rows = ['pair_id,lang1,lang2,text1,text2,Overall'];
  let id = 1;
  TOPICS.forEach(([title, a, b], i) => {
    // Same story (1), and a different story (4); titles on their own line: multi-line fields.
    rows.push(`${id++}_${id++},en,en,${q(`${title}\n${a}`)},${q(`${title}\n${b}`)},1.0`);
    const [t2, , b2] = TOPICS[(i + 1) % TOPICS.length]!;
    rows.push(`${id++}_${id++},en,en,${q(`${title}\n${a} "Quoted" words.`)},${q(`${t2}\n${b2}`)},4.0`);
  });
  rows.push(`${id++}_${id++},de,de,"Ein Text","Noch ein Text",1.0`);
  return rows.join('\r\n') + '\r\n';
}

test('eval similarity: English pairs only, baseline and CV figures, JSON report; --write-model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slant-sim-'));
  try {
    const file = join(dir, 'pairs.csv');
    writeFileSync(file, csv());
    const model = join(dir, 'model.json');
    const r = spawnSync(process.execPath, [MAIN, 'eval', 'similarity', '--pairs', file, '--folds', '2', '--repeats', '1', '--format', 'json', '--write-model', model], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.pairs, 12);
    assert.ok(report.baseline.tfidfCosine > 0.5, JSON.stringify(report.baseline));
    assert.ok(report.model.pearson > 0.5, JSON.stringify(report.model));
    assert.ok(existsSync(model));
    const few = spawnSync(process.execPath, [MAIN, 'eval', 'similarity', '--pairs', file, '--lang', 'de'], { encoding: 'utf8' });
    assert.notEqual(few.status, 0);
    assert.match(few.stderr, /^slant: E301 .*only 1 de–de pairs/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
