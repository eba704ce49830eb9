import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from '../analyze.js';
import { DEFAULT_PIPELINE } from '../registry.js';
import { claimsFromCsv, parseCatalog, parseCsv, parseYamlSubset, narrativeEntries, claimEntries, Retriever } from './catalog.js';
import { fitBinary, fitPlatt, predictBinary, folds } from './linear.js';
import { sampleF1 } from './model.js';
import { NARRATIVES, SUBNARRATIVES, PARENT, FINE_ROLES, MAIN_OF_FINE } from './taxonomy.js';

// Our own paraphrase of a West-vs-China–Russia opinion piece (examples/, written for the project).
const OPINION = readFileSync(fileURLToPath(new URL('../../examples/opinion-piece.txt', import.meta.url)), 'utf8');
// The parser is not read by narratives: leave it out so this test does not depend on its model.
const PIPELINE = DEFAULT_PIPELINE.filter((n) => n !== 'parse');

test('golden: the opinion piece carries a West-discrediting narrative, with evidence, and casts the West as antagonist', async () => {
  const r = await analyze(OPINION, { pipeline: PIPELINE });
  const labels = (r.narratives ?? []).map((n) => n.label);
  assert.ok(labels.includes('URW: Discrediting the West, Diplomacy'), `narratives: ${labels.join(' | ')}`);
  for (const n of r.narratives ?? []) {
    assert.ok(n.evidence.length >= 1, `${n.label} has no evidence sentence`);
    assert.ok(n.confidence > 0 && n.confidence <= 1);
    for (const e of n.evidence) assert.equal([...r.text].slice(e.start, e.end).join(''), e.text);
    if (n.level === 'subnarrative') assert.ok(labels.includes(n.parent!), `${n.label} without its narrative`);
  }
  const west = r.actors.find((a) => a.code === 'WST');
  assert.ok(west, 'the West is an actor');
  assert.equal(west.role?.main, 'Antagonist');
  assert.ok(west.role!.fine.length >= 1);
  assert.ok(west.role!.fine.every((f) => MAIN_OF_FINE.get(f) === 'Antagonist'));
  // A fine role never contradicts its actor's main role (no "Antagonist (Victim)").
  for (const a of r.actors) if (a.role) assert.ok(a.role.fine.every((f) => MAIN_OF_FINE.get(f) === a.role!.main), `${a.name}: ${a.role.main} (${a.role.fine.join(', ')})`);
});

test('a neutral weather note is not forced into a narrative with made-up evidence', async () => {
  const r = await analyze('Light rain is expected in the valley on Tuesday.\n\nTemperatures will stay mild, the weather service said. Farmers welcomed the forecast.', { pipeline: PIPELINE });
  for (const n of r.narratives ?? []) assert.ok(n.evidence.length >= 1);
});

test('emoji before a narrative sentence: evidence offsets count code points', async () => {
  const text = '😀🚀 ' + OPINION;
  const r = await analyze(text, { pipeline: PIPELINE });
  const cps = [...r.text];
  for (const n of r.narratives ?? []) for (const e of n.evidence) assert.equal(cps.slice(e.start, e.end).join(''), e.text);
});

test('taxonomy: 21 narratives, every subnarrative under one of them, fine roles under main roles', () => {
  assert.equal(NARRATIVES.length, 21);
  assert.ok(SUBNARRATIVES.length >= 70);
  for (const s of SUBNARRATIVES) assert.ok(NARRATIVES.includes(PARENT.get(s.label)!));
  assert.equal(MAIN_OF_FINE.get('Foreign Adversary'), 'Antagonist');
  assert.equal(MAIN_OF_FINE.get('Victim'), 'Innocent');
  assert.ok(FINE_ROLES.Protagonist.includes('Guardian'));
});

test('samples-F1 per article is the scorer\'s', () => {
  assert.equal(sampleF1(['Other'], ['Other']), 1);
  assert.equal(sampleF1(['A', 'B'], ['A']), 2 / 3);
  assert.equal(sampleF1(['A'], ['B']), 0);
  assert.equal(sampleF1(['A', 'A', 'B'], ['A', 'B']), 1); // duplicates in the gold file count once
});

test('logistic regression and Platt scaling learn a separable toy problem; folds are balanced', () => {
  const xs = [0, 1, 2, 3, 4, 5].map((i) => ({ idx: [i % 2 === 0 ? 0 : 1], val: [1] }));
  const ys = [1, 0, 1, 0, 1, 0];
  const m = fitBinary(xs, ys, 2, { l2: 0.01, iterations: 200 });
  assert.ok(predictBinary(m, xs[0]!) > 0.8 && predictBinary(m, xs[1]!) < 0.2);
  const p = fitPlatt([-2, -1, 1, 2], [0, 0, 1, 1]);
  assert.ok(p.a > 0 && Number.isFinite(p.c));
  const f = folds(10, 5);
  for (let k = 0; k < 5; k++) assert.equal(f.filter((x) => x === k).length, 2);
});

test('CSV: quoted commas, doubled quotes and newlines; EUvsDisinfo-style columns', () => {
  assert.deepEqual(parseCsv('a,b\n"x, y","say ""no""\nthen"\n'), [
    ['a', 'b'],
    ['x, y', 'say "no"\nthen'],
  ]);
  const claims = claimsFromCsv('id,claim,date,outlets,keywords\nc1,"Sanctions hurt Europe more than Russia",2022-05-01,Outlet A+Outlet B,"Sanctions, Europe"\n');
  assert.deepEqual(claims, [{ id: 'c1', claim: 'Sanctions hurt Europe more than Russia', date: '2022-05-01', outlets: ['Outlet A', 'Outlet B'], keywords: ['Sanctions', 'Europe'] }]);
  const titled = claimsFromCsv('title,summary\nThe West is weak,Western leaders cannot act.\n');
  assert.equal(titled[0]!.claim, 'The West is weak. Western leaders cannot act.');
  assert.throws(() => claimsFromCsv('name,text\na,b\n'), /E301 |no "claim" column/);
  assert.throws(() => parseCsv('a\n"open'), /not closed/);
});

test('catalogue: JSON and the YAML subset give the same narratives; bad YAML names its line', () => {
  const yaml = `# my catalogue
narratives:
  - name: Sanctions backfire
    description: "Sanctions against Russia hurt Europe more than Russia."
    examples:
      - Europe pays for the sanctions with its own industry.
      - 'Factories close because gas is too expensive.'
  - name: The West is weak
    description: Western leaders are divided and cannot act.
`;
  const fromYaml = parseCatalog(yaml);
  const fromJson = parseCatalog(JSON.stringify({ narratives: parseYamlSubset(yaml) as unknown[] }));
  assert.deepEqual(fromYaml, fromJson);
  assert.equal(fromYaml[0]!.examples.length, 2);
  assert.equal(fromYaml[1]!.examples.length, 0);
  assert.throws(() => parseCatalog('- name: x\n  description: y\n  nested:\n    deeper: z\n'), /:4: /);
  assert.throws(() => parseCatalog('[{"description": "no name"}]'), /no "name"/);
});

test('retrieval: the sentence that restates a catalogue entry scores highest, unrelated text does not match', () => {
  const cat = parseCatalog(JSON.stringify([
    { name: 'Sanctions backfire', description: 'Sanctions against Russia hurt European economies more than Russia.', examples: ['Europe pays for the sanctions with its own industry.'] },
    { name: 'Climate alarmism', description: 'Climate activists exaggerate the dangers of warming.', examples: [] },
  ]));
  const r = new Retriever(narrativeEntries(cat));
  const text = 'The weather was fine. Europe is paying for these sanctions with its own industry, while Russia sells more oil than ever.';
  const sents = [{ start: 0, end: 21 }, { start: 22, end: text.length }];
  const m = r.match(text, sents, 0.3);
  assert.equal(m[0]!.key, 'Sanctions backfire');
  assert.deepEqual(m[0]!.sentence, sents[1]);
  assert.ok(m[0]!.score > 0.5 && m[0]!.score <= 1);
  assert.ok(!m.some((x) => x.key === 'Climate alarmism'));
  const claims = new Retriever(claimEntries([{ id: 'k1', claim: 'NATO promised not to expand eastwards', date: null, outlets: [], keywords: ['NATO'] }]));
  assert.equal(claims.match('NATO keeps expanding eastwards.', [{ start: 0, end: 31 }], 0.3)[0]?.key, 'k1');
});

test('evidence from the linear-time index equals a plain per-sentence sum, also on a long repetitive text', async () => {
  const { createPipeline } = await import('../registry.js');
  const { Doc } = await import('../core/document.js');
  const { occurrences } = await import('./features.js');
  const { evidence, evidenceIndex, loadNarrativeModel } = await import('./index.js');
  const model = loadNarrativeModel();
  const pipe = await createPipeline(PIPELINE.filter((n) => n !== 'narratives' && n !== 'graph'));
  for (const text of [OPINION, 'Russia!!!! '.repeat(1500)]) {
    const doc = pipe.run(new Doc(text, {}));
    const occ = occurrences(doc);
    const idx = evidenceIndex(doc, occ, model);
    const sents = doc.spans('sentences');
    const { perOcc } = model.core.vec.vector(occ);
    for (const label of ['URW: Discrediting the West, Diplomacy', 'URW: Praise of Russia']) {
      const w = model.weightsOf(label)!;
      // The reference: each sentence's score summed directly from the occurrences inside it.
      const score = sents.map((s) => occ.reduce((a, o) => {
        const i = model.core.vec.index.get(o.key);
        return i !== undefined && o.at >= s.start && o.at < s.end ? a + w[i]! * perOcc.get(i)! : a;
      }, 0));
      const ev = evidence(doc, idx, model, label);
      assert.ok(ev.length >= 1 && ev.length <= 3);
      const best = Math.max(...score);
      assert.ok(Math.abs(ev[0]!.contribution - best) < 1e-9, `${label}: ${ev[0]!.contribution} vs ${best}`);
      assert.equal(ev[0]!.start, sents[score.indexOf(best)]!.start); // ties: the earliest sentence
      for (let r = 1; r < ev.length; r++) assert.ok(ev[r]!.contribution <= ev[r - 1]!.contribution && ev[r]!.contribution > 0);
    }
  }
});

test('role features: fine-role cue words and VADER valence around a mention', async () => {
  const { createPipeline } = await import('../registry.js');
  const { Doc } = await import('../core/document.js');
  const { mentionFeatures } = await import('./roles.js');
  const { VALENCE, ROLE_CUES } = await import('./lexicons.js');
  assert.ok(VALENCE.get('brave')! > 0 && VALENCE.get('killed')! < 0);
  assert.deepEqual(ROLE_CUES.get('dictator'), ['Tyrant']);
  const pipe = await createPipeline(PIPELINE.filter((n) => n !== 'narratives' && n !== 'graph'));
  const text = 'The brutal dictator of Freedonia lied again. Farmers were calm.';
  const doc = pipe.run(new Doc(text, {}));
  const at = text.indexOf('Freedonia');
  const keys = mentionFeatures(doc, at, at + 'Freedonia'.length, 'Freedonia').map((o) => o.key);
  for (const k of ['f:Tyrant-near', 'f:Deceiver-near', 'q:neg-strong-near', 'l:dictator']) assert.ok(keys.includes(k), `${k} missing from ${keys.join(' ')}`);
  assert.ok(!keys.some((k) => k.startsWith('f:Peacemaker')));
});
