import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = new URL('../cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'slant-events-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

function slant(args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function oneLineError(r: { code: number | null; out: string; err: string }, re: RegExp): void {
  assert.notEqual(r.code, 0);
  assert.equal(r.out, '');
  assert.equal(r.err.trim().split('\n').length, 1, r.err);
  assert.match(r.err, /^slant: E\d{3} /);
  assert.match(r.err, re);
}

// A made-up world in PETRARCH's dictionary formats (the validation sets do the same).
const ACTORS = file('actors.txt', 'ARNOR [ARN]\nGONDOR [GON]\n+GONDORIAN\nROHAN [ROH]\n');
const AGENTS = file('agents.txt', 'SOLDIERS [~MIL]\n');
const VERBS = file('verbs.txt', '--- SMITE [190] ---\nSMITE {SMOTE SMITTEN SMITING SMITES}\n\n--- PRAISE [051] ---\nPRAISE\n- * COURAGE [051]\n');
const XML = file(
  'records.xml',
  `<Sentences>
<Sentence date="20010101" id="T-1"><Text>Arnor smote Gondor on Monday.</Text><Parse>(ROOT)</Parse></Sentence>
<Sentence date="20010101" id="T-2"><Text>Gondor was smitten by Rohan.</Text></Sentence>
<Sentence date="20010101" id="T-3"><Text>Rohan did not smite Arnor.</Text></Sentence>
<Sentence date="20010101" id="T-4"><Text>Nothing happened.</Text></Sentence>
</Sentences>`,
);

test('events --petrarch-xml with the set\'s own dictionaries: id, source, target, code', () => {
  const r = slant(['events', '--petrarch-xml', XML, '--actors', ACTORS, '--agents', AGENTS, '--verbs', VERBS]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'T-1\tARN\tGON\t190\nT-2\tROH\tGON\t190\n');
  const keep = slant(['events', '--petrarch-xml', XML, '--actors', ACTORS, '--verbs', VERBS, '--keep-negated']);
  assert.match(keep.out, /T-3\tROH\tARN\t190/);
  // PETRARCH discards: a sentence with a discard phrase is not coded.
  const discards = file('discards.txt', '# sports\n+ON MONDAY   # made-up\nBASEBALL\n');
  const d = slant(['events', '--petrarch-xml', XML, '--actors', ACTORS, '--verbs', VERBS, '--discards', discards]);
  assert.equal(d.out, 'T-2\tROH\tGON\t190\n');
});

test('eval events scores predictions as PETRARCH does', () => {
  const gold = file(
    'gold.jsonl',
    [
      { id: 'T-1', date: '20010101', text: 'Arnor smote Gondor on Monday.', events: [{ source: 'ARN', target: 'GON', code: '190' }] },
      { id: 'T-2', date: '20010101', text: 'Rohan praised Arnor.', events: [{ source: 'ROH', target: 'ARN', code: '051' }] },
      { id: 'T-3', date: '20010101', text: 'Rohan met Gondor.', events: [{ source: 'ROH', target: 'GON', code: '040' }] },
    ]
      .map((x) => JSON.stringify(x))
      .join('\n') + '\n',
  );
  const r = slant(['eval', 'events', '--gold', gold, '--actors', ACTORS, '--verbs', VERBS]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /exact triple\s+1\.000\s+0\.667\s+0\.800\s+3\s+2/);
  const pred = file('pred.tsv', 'T-1\tARN\tGON\t195\nT-3\tROHGOV\tGON\t043\n');
  const p = slant(['eval', 'events', '--gold', gold, '--pred', pred]);
  assert.match(p.out, /exact triple\s+0\.000/);
  assert.match(p.out, /dyad \+ root code\s+1\.000\s+0\.667\s+0\.800/);
});

test('events on a document: TSV with goldstein, quad and PLOVER', () => {
  const doc = file('article.txt', 'Russia attacked Ukraine on Monday. The weather was fine.\n');
  const r = slant(['events', doc]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'article\t1\tRUS\tUKR\t190\t-10\t4\tASSAULT\n');
  const j = slant(['events', doc, '--format', 'jsonl']);
  const e = JSON.parse(j.out.trim().split('\n')[0]!) as { trigger: { text: string }; explanation: string; modality: string };
  assert.equal(e.trigger.text, 'attacked');
  assert.equal(e.modality, 'asserted');
  assert.match(e.explanation, /CAMEO 190/);
});

test('bad input: one line, non-zero exit, no output', () => {
  oneLineError(slant(['events', join(dir, 'missing.txt')]), /E105/);
  oneLineError(slant(['events', '--petrarch-xml', file('empty.xml', '<Sentences></Sentences>')]), /no <Sentence> records/);
  oneLineError(slant(['eval', 'events', '--gold', file('bad.jsonl', '{"id": 1, "text": \n')]), /E106/);
  oneLineError(slant(['eval', 'events']), /missing --gold/);
  oneLineError(slant(['events', '--format', 'xml', XML]), /--format/);
  oneLineError(slant(['events', '--petrarch-xml', XML, '--verbs', file('noverbs.txt', '# nothing\n')]), /no verb blocks/);
});

test('PLOVER gold actor form: country or IGO/NGO plus at most one sector', async () => {
  const { ploverActor } = await import('../relations/evaluate.js');
  assert.equal(ploverActor('IGOUNOGOV'), 'IGOGOV');
  assert.equal(ploverActor('IGOUNOIAE'), 'IGO');
  assert.equal(ploverActor('USAGOVMIL'), 'USAGOV');
  assert.equal(ploverActor('RUS'), 'RUS');
});
