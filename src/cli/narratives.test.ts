import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = new URL('./main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'slant-narratives-'));

function slant(args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1', SLANT_DATA_DIR: dir } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function assertOneLineError(r: { code: number | null; err: string; out: string }, pattern: RegExp) {
  assert.notEqual(r.code, 0);
  assert.equal(r.out, '');
  const lines = r.err.trim().split('\n');
  assert.equal(lines.length, 1, r.err);
  assert.match(lines[0]!, /^slant: E\d{3} /);
  assert.match(lines[0]!, pattern);
}

// Our own short texts, written for this test.
const articles = join(dir, 'articles');
mkdirSync(articles);
writeFileSync(join(articles, 'EN_UA_000001.txt'), 'Sanctions are a gift to Moscow\n\nEurope pays for the sanctions with its own industry, while NATO keeps expanding eastward. 🚀 The West is weak and divided, and Washington will never stop sowing discord.\n');
writeFileSync(join(articles, 'EN_CC_000002.txt'), 'Green plans under fire\n\nActivists say the climate is doomed, but wind farms fail whenever the wind stops.\n');

test('narratives classify prints file, narratives, subnarratives in the task format', () => {
  const r = slant(['narratives', 'classify', articles]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.equal(lines.length, 2);
  for (const l of lines) {
    const cols = l.split('\t');
    assert.equal(cols.length, 3);
    assert.match(cols[0]!, /^EN_(UA|CC)_\d+\.txt$/);
    if (cols[1] === 'Other') assert.equal(cols[2], 'Other');
    else for (const s of cols[2]!.split(';')) assert.ok(cols[1]!.split(';').some((n) => s.startsWith(n + ': ')), s);
  }
});

test('narratives roles reads the task offsets (code points, end inclusive) and adds main and fine roles', () => {
  const text = readFileSync(join(articles, 'EN_UA_000001.txt'), 'utf8');
  const cps = [...text];
  const at = (w: string) => {
    const i = cps.join('').indexOf(w);
    const start = [...text.slice(0, i)].length;
    return `EN_UA_000001.txt\t${w}\t${start}\t${start + w.length - 1}`;
  };
  writeFileSync(join(dir, 'mentions.txt'), [at('Washington'), at('NATO')].join('\n') + '\n');
  const r = slant(['narratives', 'roles', articles, join(dir, 'mentions.txt')]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.equal(lines.length, 2);
  for (const l of lines) {
    const c = l.split('\t');
    assert.ok(['Protagonist', 'Antagonist', 'Innocent'].includes(c[4]!), l);
    assert.ok(c.length >= 6);
  }
  writeFileSync(join(dir, 'bad.txt'), 'EN_UA_000001.txt\tX\t5\n');
  assertOneLineError(slant(['narratives', 'roles', articles, join(dir, 'bad.txt')]), /expected file<TAB>entity<TAB>start<TAB>end/);
  writeFileSync(join(dir, 'far.txt'), 'EN_UA_000001.txt\tX\t5000\t5004\n');
  assertOneLineError(slant(['narratives', 'roles', articles, join(dir, 'far.txt')]), /past the end/);
});

test('claims import then match: the restating sentence is found with its score; bad CSV is one line', () => {
  writeFileSync(join(dir, 'claims.csv'), 'id,claim,date,outlets,keywords\nk1,"Europe pays for the sanctions against Russia with its own industry",2022-05-01,Outlet A,"Sanctions+Europe"\nk2,Climate activists exaggerate the dangers of warming,2023-01-01,,Climate\n');
  const imp = slant(['claims', 'import', join(dir, 'claims.csv')]);
  assert.equal(imp.code, 0, imp.err);
  assert.match(imp.out, /imported 2 claims/);
  assert.ok(existsSync(join(dir, 'claims.json')));
  const m = slant(['claims', 'match', join(articles, 'EN_UA_000001.txt')]);
  assert.equal(m.code, 0, m.err);
  const first = m.out.trim().split('\n')[0]!.split('\t');
  assert.equal(first[1], 'k1');
  assert.ok(Number(first[2]) >= 0.4);
  assert.match(first[5]!, /^Europe pays for the sanctions/);
  writeFileSync(join(dir, 'bad.csv'), 'name,text\na,b\n');
  assertOneLineError(slant(['claims', 'import', join(dir, 'bad.csv'), '--catalog', join(dir, 'other.json')]), /no "claim" column/);
  assert.ok(!existsSync(join(dir, 'other.json')));
  assertOneLineError(slant(['claims', 'match', articles, '--catalog', join(dir, 'missing.json')]), /no claims catalogue/);
});

test('narratives match with a YAML catalogue of your own', () => {
  writeFileSync(join(dir, 'cat.yaml'), '- name: Sanctions backfire\n  description: Sanctions hurt Europe more than Russia.\n  examples:\n    - Europe pays for the sanctions with its own industry.\n');
  const r = slant(['narratives', 'match', articles, '--catalog', join(dir, 'cat.yaml')]);
  assert.equal(r.code, 0, r.err);
  const cols = r.out.trim().split('\n')[0]!.split('\t');
  assert.equal(cols[0], 'EN_UA_000001.txt');
  assert.equal(cols[1], 'Sanctions backfire');
  assertOneLineError(slant(['narratives', 'match', articles, '--catalog', join(dir, 'cat.yaml'), '--min-score', '2']), /--min-score/);
});

test('eval roles by repeated cross-validation on a tiny folder of our own; a bad --repeats is one line', () => {
  const data = join(dir, 'task');
  mkdirSync(join(data, 'articles'), { recursive: true });
  const texts = [
    'Moscow bombs the city\n\nRussia shelled the port again; Ukraine says the civilians suffered.\n',
    'Kyiv holds\n\nUkraine defended the bridge while Russia failed to advance.\n',
    'Talks resume\n\nThe United States proposed a ceasefire and Russia rejected it.\n',
    'Sanctions bite\n\nThe West imposed new sanctions and Russia called them theft.\n',
  ];
  const lines: string[] = [];
  texts.forEach((t, i) => {
    const file = `EN_UA_00010${i}.txt`;
    writeFileSync(join(data, 'articles', file), t);
    const at = t.indexOf('Russia');
    lines.push(`${file}\tRussia\t${at}\t${at + 5}\tAntagonist\t${i % 2 ? 'Incompetent' : 'Instigator'}`);
  });
  writeFileSync(join(data, 'subtask-1-annotations.txt'), lines.join('\n') + '\n');
  const r = slant(['eval', 'roles', '--data', data, '--folds', '2', '--repeats', '2']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /mean of 2 fold assignments/);
  const acc = Number(/main-role accuracy\t([\d.]+)/.exec(r.out)?.[1]);
  assert.ok(acc >= 0 && acc <= 1, r.out);
  assertOneLineError(slant(['eval', 'roles', '--data', data, '--repeats', 'many']), /--repeats/);
});
