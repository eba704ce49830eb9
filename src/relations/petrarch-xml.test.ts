import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate, parsePetrarchXml } from './petrarch-xml.js';
import { formatScores, goldFromJson, predCode, score } from './evaluate.js';
import { parseVerbDict } from './verbdict.js';

const XML = `<Validation>
<!-- a commented-out record: <Sentence id="GONE-1" date="20000101"><Text>Arnor attacked Gondor.</Text></Sentence> -->
<Sentences>
<Sentence date="19950101" id="TEST-01" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="190"></EventCoding>
<Text>
Arnor attacked Gondor
on Monday &amp; Tuesday.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor)) (VP (VBD attacked))))</Parse>
</Sentence>
<Sentence date = "20080806" id ="TEST-02" source = "X">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Sentence id='TEST-03' date='20010203'><EventCoding eventcode="042" sourcecode='ROH' targetcode="GON" /><Text>Rohan visited Gondor.</Text></Sentence>
</Sentences></Validation>`;

test('PETRARCH validation XML: records, text, codings, comments and parses ignored', () => {
  const r = parsePetrarchXml(XML);
  assert.deepEqual(
    r.map((x) => [x.id, x.date, x.text, x.events.map((e) => `${e.source}>${e.target}:${e.code}`).join(' '), x.noevents]),
    [
      ['TEST-01', '19950101', 'Arnor attacked Gondor on Monday & Tuesday.', 'ARN>GON:190', false],
      ['TEST-02', '20080806', 'Nothing happened.', '', true],
      ['TEST-03', '20010203', 'Rohan visited Gondor.', 'ROH>GON:042', false],
    ],
  );
  assert.equal(isoDate('19950101'), '1995-01-01');
  assert.equal(isoDate('bad'), undefined);
  assert.deepEqual(parsePetrarchXml('<Sentences></Sentences>'), []);
  assert.throws(() => parsePetrarchXml('<Sentence date="1"><Text>x</Text></Sentence>'), /no id/);
});

test('scoring matches PETRARCH: exact, dyad+root, dyad+quad; missing actors left out', () => {
  const gold = [
    { id: 'a', text: '', events: [{ source: 'ARNGOV', target: 'GON', code: '190' }, { source: '---', target: 'GON', code: '042' }] },
    { id: 'b', text: '', events: [{ source: 'ROH', target: 'GON', code: '042' }] },
  ];
  const pred = [
    { id: 'a', source: 'ARNMIL', target: 'GON', code: '195' }, // dyad + root + quad right, not exact
    { id: 'b', source: 'ROH', target: 'GON', code: '042' }, // exact
    { id: 'b', source: 'GON', target: 'ROH', code: '043' }, // wrong
    { id: 'zzz', source: 'ROH', target: 'GON', code: '042' }, // unknown id: ignored
  ];
  const s = score(gold, pred);
  assert.equal(s.exact.precision.toFixed(3), '0.333');
  assert.equal(s.exact.recall.toFixed(3), '0.500');
  assert.equal(s.dyad_root.f1.toFixed(3), '0.800');
  assert.equal(s.dyad_quad.gold, 2);
  assert.match(formatScores(s), /exact triple\s+0\.333\s+0\.500\s+0\.400/);
});

test('PLOVER GSR records: actor × recipient, compound SRC/TAR actors towards each other', () => {
  const one = goldFromJson({ id: 'p1', text: 'x', event_v2: 'ACCUSE', actor: [{ code: 'ARN' }], recipient: [{ code: 'GON' }, { code: 'ROH' }], markup: '' });
  assert.deepEqual(one.record.events.map((e) => `${e.source}>${e.target}:${e.code}`), ['ARN>GON:ACCUSE', 'ARN>ROH:ACCUSE']);
  assert.equal(one.plover, true);
  const two = goldFromJson({ id: 'p2', text: 'x', event_v2: 'AGREE', actor: [{ code: 'ARN' }, { code: 'GON' }], recipient: [], markup: '(SRC/TAR: Arnor) and (SRC/TAR: Gondor)' });
  assert.deepEqual(two.record.events.map((e) => `${e.source}>${e.target}`), ['ARN>GON', 'GON>ARN']);
  assert.equal(predCode('112', true), 'ACCUSE');
  assert.equal(predCode('021', true), null); // PLOVER dropped CAMEO 02 (appeals)
  assert.equal(predCode('010', true), null);
});

test('verb dictionaries: blocks, forms, multi-word verbs, reciprocal codes, TABARI files', () => {
  const d = parseVerbDict(
    `&ARMS\n+WEAPON\n+SMALL_ARMS\n\n####### VERB PATTERNS #######\n--- VISIT [042:043] ---\nVISIT\n+CALL_ON {+CALLS_ON +CALLED_ON}\n- * &ARMS (TO +) [062:062] # VISIT\n- * [---]\n`,
    't',
  );
  assert.equal(d.blocks.length, 1);
  const b = d.blocks[0]!;
  assert.deepEqual([b.code, b.code2], ['042', '043']);
  assert.deepEqual(b.verbs.map((v) => [v.words.join(' '), v.forms.join('|')]), [['VISIT', ''], ['CALL ON', 'CALLS ON|CALLED ON']]);
  assert.deepEqual(b.patterns[0]!.post.map((e) => e.k), ['syn', 'w', 'tgt']);
  assert.deepEqual(d.synsets['&ARMS'], [['WEAPON'], ['SMALL', 'ARMS']]);
  const t = parseVerbDict('ABANDON  [345] ;pas\n- * EFFORT  [987] ;pas\nAGREE  [081]\n', 'tabari');
  assert.deepEqual(t.blocks.map((x) => `${x.name}:${x.code}:${x.patterns.length}`), ['ABANDON:345:1', 'AGREE:081:0']);
});
