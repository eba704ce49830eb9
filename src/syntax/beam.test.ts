import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readConllu, type Sentence } from './conllu.js';
import { trainModel } from './train.js';
import { BEAM_TEMPERATURE, defaultModel, loadModelBytes, saveModel } from './model.js';
import { predictGoldTokens, scoreSame } from './eval.js';
import { Ajv } from 'ajv';
import { analyze } from '../analyze.js';

const golden = readFileSync(new URL('./fixtures/golden.conllu', import.meta.url), 'utf8');
const MAIN = new URL('../cli/main.js', import.meta.url).pathname;

/** Sentences of two shapes where the attachment of a prepositional phrase depends on the verb. */
function treebank(): Sentence[] {
  const w = (form: string, upos: string, xpos: string, head: number, deprel: string): Sentence['words'][number] => ({ form, lemma: form, upos, xpos, feats: '_', head, deprel, deps: '_', misc: '_' });
  const nouns = ['dog', 'cat', 'minister', 'court', 'army', 'city', 'paper', 'river'];
  const out: Sentence[] = [];
  for (const v of ['saw', 'blamed', 'visited', 'praised']) {
    for (let i = 0; i < nouns.length; i++) {
      const a = nouns[i]!;
      const b = nouns[(i + 3) % nouns.length]!;
      const c = nouns[(i + 5) % nouns.length]!;
      // "the A V the B with the C ." : the PP attaches to the verb
      out.push({ comments: [], text: null, multi: [], words: [w('the', 'DET', 'DT', 2, 'det'), w(a, 'NOUN', 'NN', 3, 'nsubj'), w(v, 'VERB', 'VBD', 0, 'root'), w('the', 'DET', 'DT', 5, 'det'), w(b, 'NOUN', 'NN', 3, 'obj'), w('with', 'ADP', 'IN', 8, 'case'), w('the', 'DET', 'DT', 8, 'det'), w(c, 'NOUN', 'NN', 3, 'obl'), w('.', 'PUNCT', '.', 3, 'punct')] });
      // "the A V the B of the C ." : the PP attaches to the noun
      out.push({ comments: [], text: null, multi: [], words: [w('the', 'DET', 'DT', 2, 'det'), w(a, 'NOUN', 'NN', 3, 'nsubj'), w(v, 'VERB', 'VBD', 0, 'root'), w('the', 'DET', 'DT', 5, 'det'), w(b, 'NOUN', 'NN', 3, 'obj'), w('of', 'ADP', 'IN', 8, 'case'), w('the', 'DET', 'DT', 8, 'det'), w(c, 'NOUN', 'NN', 5, 'nmod'), w('.', 'PUNCT', '.', 3, 'punct')] });
    }
  }
  return out;
}

test('beam training (max-violation) learns a tiny treebank, reproducibly, and decodes at any width', () => {
  const data = treebank();
  const opts = { seed: 5, tagEpochs: 3, parseEpochs: 1, beam: 4, beamEpochs: 5, folds: 1, heldoutEvery: 0, pruneTagger: 1, pruneParser: 1, log: () => {} };
  const bytes = saveModel(trainModel(data, opts));
  assert.deepEqual(saveModel(trainModel(data, opts)), bytes, 'same data and seed give the same bytes');
  const model = loadModelBytes(bytes);
  assert.equal(model.parser.beamTemperature, 0, 'a globally trained model adds raw scores');
  model.beam = 4;
  const s = scoreSame(data, predictGoldTokens(model, data));
  assert.ok(s.uas > 0.97 && s.las > 0.95, JSON.stringify(s));
  const a = model.analyze(['the', 'army', 'praised', 'the', 'court', 'of', 'the', 'city', '.']);
  assert.deepEqual(a.head, [2, 3, 0, 5, 3, 8, 8, 5, 3]);
  const b = model.analyze(['the', 'army', 'praised', 'the', 'court', 'with', 'the', 'city', '.']);
  assert.deepEqual(b.head, [2, 3, 0, 5, 3, 8, 8, 3, 3]);
  assert.deepEqual(b.deprel, ['det', 'nsubj', 'root', 'det', 'obj', 'case', 'det', 'obl', 'punct']);
});

test('the shipped model parses at beam widths 1, 2 and 8: one root, heads in range; width 1 is the greedy parse', () => {
  const model = defaultModel();
  assert.equal(model.parser.beamTemperature, BEAM_TEMPERATURE, 'the shipped greedy model is beamed with log-softmax scores');
  const sents = readConllu(golden);
  const greedy = sents.map((s) => model.analyze(s.words.map((w) => w.form)));
  try {
    for (const width of [1, 2, 8]) {
      model.beam = width;
      sents.forEach((s, k) => {
        const a = model.analyze(s.words.map((w) => w.form));
        assert.equal(a.head.filter((h) => h === 0).length, 1);
        assert.ok(a.head.every((h, i) => h >= 0 && h <= a.head.length && h !== i + 1));
        if (width === 1) assert.deepEqual(a, greedy[k]);
      });
    }
    // a long sentence (several parse pieces) at a wide beam stays bounded and well formed
    model.beam = 8;
    const long = Array.from({ length: 450 }, (_, i) => (i % 9 === 8 ? ',' : ['the', 'court', 'said', 'that', 'ministers', 'would', 'not', 'agree', 'today'][i % 9]!));
    const a = model.analyze(long);
    assert.equal(a.head.length, 450);
    assert.equal(a.head.filter((h) => h === 0).length, 1);
  } finally {
    model.beam = 1;
  }
});

test('analyze({ include: ["syntax"] }) adds each sentence\'s tokens and dependencies (code points); absent by default', async () => {
  const text = 'Lavrov, Russia’s foreign minister, said 😀 the talks would not resume. 北京 denied it.';
  const r = await analyze(text, { pipeline: ['meta', 'sentences'], include: ['syntax'] });
  assert.ok(r.components.includes('parse'));
  assert.ok(r.syntax && r.syntax.length === 2, JSON.stringify(r.syntax?.length));
  const cps = [...text];
  for (const s of r.syntax!) {
    assert.equal(s.tokens.filter((t) => t.head === -1).length, 1);
    for (const t of s.tokens) {
      assert.equal(cps.slice(t.start, t.end).join(''), t.text);
      assert.ok(t.head >= -1 && t.head < s.tokens.length);
    }
  }
  const said = r.syntax![0]!.tokens.find((t) => t.text === 'said')!;
  assert.equal(said.deprel, 'root');
  assert.equal(said.lemma, 'say');
  // the committed JSON Schema describes the field
  const schema = JSON.parse(readFileSync(new URL('../../schema/analysis.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  assert.ok(validate(JSON.parse(JSON.stringify(r))), JSON.stringify(validate.errors?.slice(0, 3)));
  const plain = await analyze(text, { pipeline: ['meta', 'sentences'] });
  assert.equal(plain.syntax, undefined);
  await assert.rejects(analyze(text, { include: ['trees' as 'syntax'] }), (e: unknown) => (e as { code?: number }).code === 111);
});

test('slant analyze --include and slant parse --beam: bad values and several inputs are one-line errors', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [MAIN, ...args], { input: 'The court said no.', encoding: 'utf8', timeout: 60_000 });
  const bad = run(['analyze', '-', '--include', 'trees']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr.trim(), /^slant: E110 --include takes syntax/);
  assert.equal(bad.stdout, '');
  const many = run(['analyze', MAIN, MAIN, '--include', 'syntax']);
  assert.notEqual(many.status, 0);
  assert.match(many.stderr.trim(), /^slant: E110 --include syntax takes one input$/);
  const beam = run(['parse', '-', '--beam', '0']);
  assert.notEqual(beam.status, 0);
  assert.match(beam.stderr.trim(), /^slant: E110 --beam must be an integer from 1 to 32, not "0"$/);
  const wide = run(['parse', '-', '--beam', '4']);
  assert.equal(wide.status, 0, wide.stderr);
  assert.match(wide.stdout, /^# text = The court said no\.$/m);
  const ok = run(['analyze', '-', '--include', 'syntax', '--pipeline', 'meta,sentences', '-f', 'json']);
  assert.equal(ok.status, 0, ok.stderr);
  const j = JSON.parse(ok.stdout) as { syntax: Array<{ tokens: Array<{ text: string; deprel: string }> }> };
  assert.deepEqual(j.syntax[0]!.tokens.map((t) => t.text), ['The', 'court', 'said', 'no', '.']);
});
