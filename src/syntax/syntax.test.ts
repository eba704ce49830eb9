import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tokenize } from './tokenizer.js';
import { exchangeClusters, normWord, parseClusterTable } from './clusters.js';
import { readConllu, writeConllu, type Sentence } from './conllu.js';
import { deprojectivize, isProjectiveArc, projectivize } from './projective.js';
import { trainModel } from './train.js';
import { loadModelBytes, saveModel } from './model.js';
import { predictGoldTokens, scoreSame } from './eval.js';
import { Lemmatizer, trainLemmatizer } from './lemmatizer.js';

const golden = readFileSync(new URL('./fixtures/golden.conllu', import.meta.url), 'utf8');

const forms = (s: string): string[] => tokenize(s).map((t) => t.form);

test('tokenizer: UD EWT conventions', () => {
  assert.deepEqual(forms("I can't say we're done, Mr. Smith."), ['I', 'ca', "n't", 'say', 'we', "'re", 'done', ',', 'Mr.', 'Smith', '.']);
  assert.deepEqual(forms('It cannot be "over" (yet)...'), ['It', 'can', 'not', 'be', '"', 'over', '"', '(', 'yet', ')', '...']);
  assert.deepEqual(forms('The long-term e-mail from the U.S. costs $5.'), ['The', 'long', '-', 'term', 'e-mail', 'from', 'the', 'U.S.', 'costs', '$', '5', '.']);
  assert.deepEqual(forms('Mail me@example.org or see https://example.org/a?b=1, and/or call.'), ['Mail', 'me@example.org', 'or', 'see', 'https://example.org/a?b=1', ',', 'and', '/', 'or', 'call', '.']);
  assert.deepEqual(forms("The parents' car, 'quoted' and O'Brien's."), ['The', 'parents', "'", 'car', ',', "'", 'quoted', "'", 'and', "O'Brien", "'s", '.']);
});

test('tokenizer: offsets and SpaceAfter with emoji and CJK', () => {
  const text = 'We won 👍🏽 in 北京, they said😀!';
  const toks = tokenize(text);
  for (const t of toks) assert.equal(text.slice(t.start, t.end), t.form);
  assert.deepEqual(toks.map((t) => t.form), ['We', 'won', '👍🏽', 'in', '北', '京', ',', 'they', 'said', '😀', '!']);
  assert.deepEqual(toks.map((t) => t.spaceAfter), [true, true, true, true, false, false, true, true, false, false, true]);
  // bounded on pathological input
  const long = 'a'.repeat(100_000) + '.'.repeat(5000);
  const lt = tokenize(long);
  assert.equal(lt.map((t) => t.form).join(''), long);
});

test('CoNLL-U round trip', () => {
  const sents = readConllu(golden);
  assert.equal(sents.length, 3);
  assert.equal(sents[1]!.text, '"We will not accept this deal," the minister said on Tuesday.');
  assert.equal(writeConllu(sents), golden);
  assert.throws(() => readConllu('1\tonly\tthree\n'), (e: unknown) => (e as { code?: number }).code === 301);
});

test('pseudo-projective lifting and its inverse restore a non-projective tree', () => {
  const s = readConllu(golden)[0]!;
  const heads = s.words.map((w) => w.head);
  const deprels = s.words.map((w) => w.deprel);
  assert.equal(isProjectiveArc(heads, 7), false); // hearing → issue crosses "is scheduled"
  const p = projectivize(heads, deprels);
  for (let d = 1; d <= heads.length; d++) assert.ok(isProjectiveArc(p.heads, d));
  assert.equal(p.heads[6], 4);
  assert.equal(p.lifted[6], 'nsubj:pass');
  const labels = deprels.map((d, i) => (p.lifted[i] ? `${d}|${p.lifted[i]}` : d));
  const back = p.heads.slice();
  assert.deepEqual(deprojectivize(back, labels), deprels);
  assert.deepEqual(Array.from(back), heads);
});

test('lemmatizer learns suffix rules and exceptions', () => {
  const items = [
    ['cats', 'NOUN', 'cat'], ['dogs', 'NOUN', 'dog'], ['hats', 'NOUN', 'hat'], ['cities', 'NOUN', 'city'], ['parties', 'NOUN', 'party'],
    ['walked', 'VERB', 'walk'], ['talked', 'VERB', 'talk'], ['went', 'VERB', 'go'], ['mice', 'NOUN', 'mouse'], ['Paris', 'PROPN', 'Paris'],
  ].map(([form, upos, lemma]) => ({ form: form!, upos: upos!, lemma: lemma! }));
  const lem = new Lemmatizer(trainLemmatizer(items));
  assert.equal(lem.lemma('bats', 'NOUN'), 'bat');
  assert.equal(lem.lemma('Parties', 'NOUN'), 'party');
  assert.equal(lem.lemma('went', 'VERB'), 'go');
  assert.equal(lem.lemma('mice', 'NOUN'), 'mouse');
  assert.equal(lem.lemma('Paris', 'PROPN'), 'Paris');
});

/** A tiny synthetic treebank: "the DET NOUN VERB the NOUN ." patterns with varying words. */
function tinyTreebank(): Sentence[] {
  const nouns = ['dog', 'cat', 'minister', 'court', 'army', 'city', 'paper', 'river'];
  const verbs = ['saw', 'liked', 'blamed', 'visited', 'praised', 'left'];
  const adjs = ['old', 'big', 'new', 'angry'];
  const out: Sentence[] = [];
  let k = 0;
  for (const v of verbs) {
    for (let i = 0; i < nouns.length; i++) {
      const subj = nouns[i]!;
      const obj = nouns[(i + 3) % nouns.length]!;
      const adj = adjs[k++ % adjs.length]!;
      const w = (form: string, upos: string, xpos: string, head: number, deprel: string): Sentence['words'][number] => ({ form, lemma: form, upos, xpos, feats: '_', head, deprel, deps: '_', misc: '_' });
      const words = k % 2
        ? [w('the', 'DET', 'DT', 2, 'det'), w(subj, 'NOUN', 'NN', 3, 'nsubj'), w(v, 'VERB', 'VBD', 0, 'root'), w('the', 'DET', 'DT', 6, 'det'), w(adj, 'ADJ', 'JJ', 6, 'amod'), w(obj, 'NOUN', 'NN', 3, 'obj'), w('.', 'PUNCT', '.', 3, 'punct')]
        : [w('the', 'DET', 'DT', 3, 'det'), w(adj, 'ADJ', 'JJ', 3, 'amod'), w(subj, 'NOUN', 'NN', 4, 'nsubj'), w(v, 'VERB', 'VBD', 0, 'root'), w('the', 'DET', 'DT', 6, 'det'), w(obj, 'NOUN', 'NN', 4, 'obj'), w('.', 'PUNCT', '.', 4, 'punct')];
      out.push({ comments: [], text: null, words, multi: [] });
    }
  }
  return out;
}

test('the trainer learns a tiny treebank, reproducibly', () => {
  const data = tinyTreebank();
  const opts = { seed: 3, tagEpochs: 4, parseEpochs: 6, folds: 1, heldoutEvery: 0, pruneTagger: 1, pruneParser: 1, log: () => {} };
  const bytes = saveModel(trainModel(data, opts));
  assert.deepEqual(saveModel(trainModel(data, opts)), bytes, 'same data and seed give the same bytes');
  const model = loadModelBytes(bytes);
  const s = scoreSame(data, predictGoldTokens(model, data));
  assert.ok(s.upos > 0.95 && s.uas > 0.95 && s.las > 0.95, JSON.stringify(s));
  // a sentence it has not seen, built from the same vocabulary
  const a = model.analyze(['the', 'big', 'army', 'praised', 'the', 'river', '.']);
  assert.deepEqual(a.head, [3, 3, 4, 0, 6, 4, 4]);
  assert.deepEqual(a.deprel, ['det', 'amod', 'nsubj', 'root', 'det', 'obj', 'punct']);
  assert.throws(() => loadModelBytes(new Uint8Array(10)), (e: unknown) => (e as { code?: number }).code === 204);
});

test('tokenizer: emoticons, punctuation runs, clock times and number ranges as in the treebank', () => {
  assert.deepEqual(forms('Great game :) see you at 7:30PM or 5pm << maybe >> !!!'), ['Great', 'game', ':)', 'see', 'you', 'at', '7:30', 'PM', 'or', '5', 'pm', '<<', 'maybe', '>>', '!!!']);
  assert.deepEqual(forms('Open 9-5 from 1998-2001, call 555-1234 or 713-654-0365.'), ['Open', '9', '-', '5', 'from', '1998', '-', '2001', ',', 'call', '555-1234', 'or', '713-654-0365', '.']);
  assert.deepEqual(forms("I wont go, thats it."), ['I', 'wo', 'nt', 'go', ',', 'that', 's', 'it', '.']);
  assert.deepEqual(forms('A 35mm lens, 4th of 16/11/2004.'), ['A', '35', 'mm', 'lens', ',', '4th', 'of', '16/11/2004', '.']);
});

test('exchange clustering puts words with the same neighbours together, deterministically', () => {
  // two word families that occur in different frames
  const sents: string[][] = [];
  const animals = ['dog', 'cat', 'horse', 'cow'];
  const cities = ['paris', 'rome', 'oslo', 'lima'];
  for (let r = 0; r < 20; r++) {
    for (const a of animals) sents.push(['the', a, 'eats', 'grass', '.']);
    for (const c of cities) sents.push(['we', 'flew', 'to', c, 'today', '.']);
  }
  const run = (): Map<string, number> => exchangeClusters(sents, { classes: 4, minCount: 3, iterations: 20 });
  const cl = run();
  assert.deepEqual([...run()], [...cl], 'same input, same classes');
  assert.equal(new Set(animals.map((w) => cl.get(w))).size, 1, 'animals share a class');
  assert.equal(new Set(cities.map((w) => cl.get(w))).size, 1, 'cities share a class');
  assert.notEqual(cl.get('dog'), cl.get('paris'));
  // the table format and its keys (the same hash as the tagger's lower-cased word atom)
  const rows = parseClusterTable('# comment\ndog\t3\t1\n1984\t5\t2\nbad line\n');
  assert.deepEqual(rows, [['dog', 3, 1], ['1984', 5, 2]]);
  assert.equal(normWord('1984'), '!YEAR');
  assert.equal(normWord('Dog'), 'dog');
});
