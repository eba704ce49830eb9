import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodePoints } from '../core/text.js';
import { TECHNIQUES } from '../techniques/types.js';
import { EMOJI, SEEDLIKE } from '../techniques/fixtures/articles.js';

const MAIN = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const slant = (...argv: string[]) => spawnSync(process.execPath, [MAIN, ...argv], { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });

function articles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slant-tech-'));
  for (const [id, text] of Object.entries(files)) writeFileSync(join(dir, `article${id}.txt`), text);
  return dir;
}

const TEXTS: Record<string, string> = { '7': SEEDLIKE, '8': EMOJI };

test('techniques detect / spans: SemEval lines, offsets in code points', () => {
  const dir = articles(TEXTS);
  const d = slant('techniques', 'detect', dir, '--all');
  assert.equal(d.status, 0, d.stderr);
  const rows = d.stdout.trim().split('\n').map((l) => l.split('\t'));
  assert.ok(rows.length > 3);
  // by default only the spans worth showing: fewer
  const shown = slant('techniques', 'detect', dir);
  assert.equal(shown.status, 0, shown.stderr);
  const n = shown.stdout.trim() ? shown.stdout.trim().split('\n').length : 0;
  assert.ok(n >= 1 && n < rows.length, `${n} of ${rows.length}`);
  for (const [id, technique, s, e] of rows) {
    assert.ok((TECHNIQUES as readonly string[]).includes(technique!));
    const cp = new CodePoints(TEXTS[id!]!);
    assert.ok(Number(s) < Number(e) && Number(e) <= cp.length);
    assert.ok(cp.slice(Number(s), Number(e)).trim().length > 0);
  }
  const s = slant('techniques', 'spans', dir);
  assert.equal(s.status, 0, s.stderr);
  assert.ok(s.stdout.trim().split('\n').every((l) => /^\d+\t\d+\t\d+$/.test(l)));
});

test('techniques classify: fills the template in order; repeated spans get distinct techniques', () => {
  const dir = articles(TEXTS);
  const cp = new CodePoints(EMOJI);
  const at = [...EMOJI].findIndex((_, i) => cp.slice(i, i + 4) === 'sham');
  const template = join(dir, 'template.txt');
  writeFileSync(template, `8\t?\t${at}\t${at + 4}\n7\t?\t0\t10\n8\t?\t${at}\t${at + 4}\n`);
  const r = slant('techniques', 'classify', dir, template);
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').map((l) => l.split('\t'));
  assert.deepEqual(rows.map((x) => [x[0], x[2], x[3]]), [['8', String(at), String(at + 4)], ['7', '0', '10'], ['8', String(at), String(at + 4)]]);
  assert.notEqual(rows[0]![1], rows[2]![1]);
  assert.equal(rows[0]![1], 'Loaded_Language');
});

test('techniques: bad input is one clear line, non-zero exit, no output', () => {
  const empty = articles({ '1': SEEDLIKE, '2': ' \n' });
  let r = slant('techniques', 'detect', empty);
  assert.notEqual(r.status, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^slant: E101 .*article2\.txt: article has no text\n$/);

  const dir = articles(TEXTS);
  const template = join(dir, 'template.txt');
  writeFileSync(template, '7\t?\t0\t5\n9\t?\t0\t5\n');
  r = slant('techniques', 'classify', dir, template);
  assert.notEqual(r.status, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^slant: E302 .*template\.txt line 2: unknown article id "9"\n$/);
  writeFileSync(template, '7\t?\t0\t5\n8\t?\t10\t99999\n');
  r = slant('techniques', 'classify', dir, template);
  assert.match(r.stderr, /^slant: E302 .*template\.txt line 2: span 10-99999 is past the end of article 8/);
  assert.equal(r.stdout, '');

  r = slant('techniques', 'detect', join(dir, 'missing'));
  assert.match(r.stderr, /^slant: E105 no such folder/);
});

test('techniques detect: a 1 MB single-line article finishes', () => {
  const line = 'The so-called “reform” is a sham and everyone knows it will never work, ' ;
  const dir = articles({ '1': line.repeat(Math.ceil(1_000_000 / line.length)) });
  const t0 = Date.now();
  const r = slant('techniques', 'detect', dir);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(Date.now() - t0 < 30_000);
});

test('train techniques / eval techniques on a tiny PTC folder; the trained file is usable', async () => {
  const { mkdirSync, existsSync } = await import('node:fs');
  const { LOADED, PLAIN } = await import('../techniques/fixtures/articles.js');
  const dir = mkdtempSync(join(tmpdir(), 'slant-ptc-'));
  mkdirSync(join(dir, 'articles'));
  mkdirSync(join(dir, 'labels', 'tc'), { recursive: true });
  const texts: Record<string, string> = { '1': SEEDLIKE, '2': EMOJI, '3': PLAIN, '4': LOADED };
  const gold: Record<string, Array<[string, string]>> = {
    '1': [['Loaded_Language', 'wishful thinking'], ['Doubt', 'so-called “threat”']],
    '2': [['Loaded_Language', 'disgraceful sham'], ['Slogans', 'Stop the toll!']],
    '3': [],
    '4': [['Loaded_Language', 'charade'], ['Loaded_Language', 'Shameful!']],
  };
  for (const [id, text] of Object.entries(texts)) {
    writeFileSync(join(dir, 'articles', `article${id}.txt`), text);
    const cp = new CodePoints(text);
    const lines = gold[id]!.map(([t, phrase]) => {
      const u = text.indexOf(phrase);
      const s = [...text.slice(0, u)].length;
      return `${id}\t${t}\t${s}\t${s + [...phrase].length}\n`;
    });
    assert.ok(cp.length > 0);
    writeFileSync(join(dir, 'labels', 'tc', `article${id}.task-flc-tc.labels`), lines.join(''));
  }
  const ev = slant('eval', 'techniques', '--data', dir, '--folds', '2');
  assert.equal(ev.status, 0, ev.stderr);
  assert.match(ev.stdout, /^PTC cross-validation: 4 articles, 2 folds by article/);
  assert.match(ev.stdout, /\nTC  technique of gold spans  micro-F1 \d\.\d{3} +\(\d+\/6\), ECE \d\.\d{3}\n/);
  const model = join(dir, 'tiny.bin.gz');
  const tr = slant('train', 'techniques', '--data', dir, '--out', model, '--folds', '2');
  assert.equal(tr.status, 0, tr.stderr);
  assert.ok(existsSync(model));
  const d = slant('techniques', 'detect', join(dir, 'articles'), '--model', model, '--model-only');
  assert.equal(d.status, 0, d.stderr);
});
