import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asDirected, codeSentence, futureCode, MAX_UNITS, type Mention } from './coder.js';
import { buildLexicon, loadDefaultLexicon } from './lexicon.js';
import { parseVerbDict } from './verbdict.js';

// A tiny actor finder for the tests: longest name first, whole words, case-sensitive.
const NAMES: Record<string, string> = {
  Arnor: 'ARN', Gondor: 'GON', Mordor: 'MOR', Rohan: 'ROH', 'the West': 'WST', 'Western countries': 'WST',
  Russia: 'RUS', China: 'CHN', 'the US': 'USA', 'The US': 'USA', 'U.S': 'USA', Chinese: 'CHN', Russian: 'RUS', Ukraine: 'UKR',
  'Gondorian officials': 'GONGOV', officials: '---GOV',
};
function find(text: string): Mention[] {
  const out: Mention[] = [];
  const keys = Object.keys(NAMES).sort((a, b) => b.length - a.length);
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1]!)) continue;
    for (const k of keys) {
      if (text.startsWith(k, i) && !/[\p{L}\p{N}]/u.test(text[i + k.length] ?? ' ')) {
        out.push({ start: i, end: i + k.length, code: NAMES[k]! });
        i += k.length - 1;
        break;
      }
    }
  }
  return out;
}

const lex = loadDefaultLexicon();

/** Golden form: "SRC>TGT code via [qualifiers]". */
function code(s: string, opts = {}): string[] {
  // Mutual relations are stored once (symmetric); the goldens list both directions.
  return asDirected(codeSentence(s, 0, s.length, find(s), lex, opts)).map((e) => {
    const q = [e.negated ? 'neg' : '', e.modality !== 'asserted' ? e.modality : '', e.attribution.kind !== 'author' ? `${e.attribution.kind}:${e.attribution.code ?? e.attribution.text ?? '?'}` : '', e.stance === 'characterisation' ? 'char' : ''].filter(Boolean);
    return `${e.source}>${e.target} ${e.code} ${e.via}${q.length ? ' [' + q.join(' ') + ']' : ''}`;
  });
}

test('active verb: subject → object with the dictionary code', () => {
  assert.deepEqual(code('Arnor attacked Gondor on Monday.'), ['ARN>GON 190 verb']);
  assert.deepEqual(code('Arnor accused Gondor of torture.'), ['ARN>GON 1122 pattern']);
});

test('passive voice: the by-phrase is the source; without it nothing is guessed', () => {
  assert.deepEqual(code('Gondor was attacked by Arnor.'), ['ARN>GON 190 passive']);
  assert.deepEqual(code('Gondor was attacked last night.'), []);
});

test('negation, future and hypothetical are qualifiers; PETRARCH mode drops negated events', () => {
  assert.deepEqual(code('Arnor did not attack Gondor.'), ['ARN>GON 190 verb [neg]']);
  assert.deepEqual(code('Arnor will never attack Gondor.'), ['ARN>GON 190 verb [neg future]']);
  assert.deepEqual(code('If Arnor attacks Gondor, the war widens.'), ['ARN>GON 190 verb [hypothetical]']);
  assert.deepEqual(code('Arnor did not attack Gondor.', { dropNegated: true }), []);
});

test('stated futures become intent or threat codes when asked (CAMEO manual convention)', () => {
  assert.deepEqual(code('Arnor will attack Gondor.', { intentCodes: true }), ['ARN>GON 138 verb [future]']);
  assert.equal(futureCode('042'), '036');
  assert.equal(futureCode('112'), '112');
  assert.equal(futureCode('163'), '1312');
});

test('attribution: quoted and reported speakers', () => {
  assert.deepEqual(code('“Arnor will never attack Gondor,” Rohan said.'), ['ARN>GON 190 verb [neg future quoted:ROH]']);
  assert.deepEqual(code('Arnor attacked Gondor, a senior official said.'), ['ARN>GON 190 verb [reported:a senior official]']);
  assert.deepEqual(code('Rohan said Arnor attacked Gondor.'), ['ARN>GON 190 verb [reported:ROH]']);
});

test('reciprocal codes ([042:043]) and compound subjects of symmetric verbs', () => {
  assert.deepEqual(code('Arnor visited Gondor.'), ['ARN>GON 042 verb', 'GON>ARN 043 reciprocal']);
  assert.deepEqual(code('Arnor and Gondor agreed to cooperate.'), ['ARN>GON 030 compound', 'GON>ARN 030 compound']);
});

test('catenative chains and relative clauses', () => {
  assert.deepEqual(code('Arnor is about to restore diplomatic ties with Gondor.'), ['ARN>GON 050 pattern [future]']);
  assert.deepEqual(code('Arnor, which attacked Gondor last year, met Rohan.'), ['ARN>GON 190 verb', 'ARN>ROH 040 verb']);
  assert.deepEqual(code('Arnor announced that it will attack Gondor.'), ['ARN>GON 190 verb [future reported:ARN]']);
});

test('light verb + event noun codes as the noun; compounds after verbs are nouns', () => {
  assert.deepEqual(code('Arnor made concessions to Gondor.'), ['ARN>GON 080 verb']);
  assert.deepEqual(code('Arnor launched an attack on Gondor.'), ['ARN>GON 190 pattern']);
  assert.deepEqual(code('Arnor threatened today to impose import restrictions on Gondor.'), ['ARN>GON 130 verb']);
});

test('relational nouns: between, hyphenated pairs, copula with partners, possessive', () => {
  assert.deepEqual(code('There is deep mistrust between the West and Russia.'), ['WST>RUS 110 noun [char]', 'RUS>WST 110 noun [char]']);
  assert.deepEqual(code('China-Russia relations are improving.'), ['CHN>RUS 050 noun [char]', 'RUS>CHN 050 noun [char]']);
  assert.deepEqual(code('China and Russia are strategic partners.'), ['CHN>RUS 050 noun [char]', 'RUS>CHN 050 noun [char]']);
  assert.deepEqual(code("Russia's invasion of Ukraine continued."), ['RUS>UKR 190 noun [char]']);
  assert.deepEqual(code('There is no trust between the West and Russia.'), ['WST>RUS 051 noun [neg char]', 'RUS>WST 051 noun [neg char]']);
});

test('slant additions: courting and pressure', () => {
  assert.deepEqual(code('Western countries have tried to woo Russia.'), ['WST>RUS 022 verb [hypothetical]']);
  assert.deepEqual(code('The US has been pressuring Russia.'), ['USA>RUS 170 verb [char]']);
});

test('agents without a country and "U.S." abbreviations', () => {
  assert.deepEqual(code('Gondor rejected a U.S. request.'), ['GON>USA 120 pattern']);
  // "officials" has no country: never a source or target.
  assert.deepEqual(code('Officials said officials attacked Gondor.'), []);
});

test('bad input: no actors, one actor, run-ons, nested brackets, mixed scripts', () => {
  assert.deepEqual(code('Nothing happened here at all.'), []);
  assert.deepEqual(code('Arnor attacked.'), []);
  const runOn = Array.from({ length: 700 }, (_, i) => (i % 3 === 0 ? 'Arnor attacked Gondor and' : 'then (("[[Rohan' + ' ((')).join(' ');
  const t0 = performance.now();
  const ev = codeSentence(runOn, 0, runOn.length, find(runOn), lex);
  assert.ok(performance.now() - t0 < 2000, 'run-on sentence coded in bounded time');
  assert.ok(ev.length > 0);
  const mixed = 'Arnor 攻击了 Gondor 🚀 и Mordor attacked Gondor — «Rohan» كان';
  assert.ok(Array.isArray(code(mixed)));
  assert.ok(MAX_UNITS >= 100);
});

test('a PETRARCH-format verb file builds a lexicon', () => {
  const dict = parseVerbDict('--- SMITE [190] ---\nSMITE {SMOTE SMITTEN SMITING SMITES}\n- * HARD [195]\n', 'test');
  const l = buildLexicon(dict, false);
  const s = 'Arnor smote Gondor hard.';
  assert.deepEqual(codeSentence(s, 0, s.length, find(s), l).map((e) => `${e.source}>${e.target} ${e.code}`), ['ARN>GON 195']);
});

test('a complaint addressed to one actor about another is against the other', () => {
  assert.deepEqual(code('Arnor complained to Gondor on Tuesday over two Mordor raids.'), ['ARN>MOR 114 verb']);
});

test('a symmetric act of a compound subject reaches the partners, not the topic after "on"', () => {
  assert.deepEqual(code('Arnor and Gondor renewed negotiations on a Rohan pullback.'), ['ARN>GON 046 compound', 'GON>ARN 046 compound']);
});

test('"reiterated that A and the B must" is a demand to both', () => {
  assert.deepEqual(code('Arnor reiterated that Gondor and the Rohan must withdraw.').filter((e) => e.includes(' 100 ')), [
    'ARN>ROH 100 demand [reported:ARN]',
    'ARN>GON 100 demand [reported:ARN]',
  ]);
});

test('a participle in a with-phrase is not a verb; "met with A and agreed" still is', () => {
  assert.deepEqual(code('Arnor lifted the ban on Gondor, Rohan and, with strings attached, Mordor.').filter((e) => e.includes('compound')), []);
  assert.deepEqual(code('Arnor met with Gondor and agreed to cooperate with Rohan.').some((e) => e.startsWith('ARN>ROH 03')), true);
});

test('PLOVER convention: no reciprocal act', () => {
  assert.deepEqual(code('Arnor visited Gondor.'), ['ARN>GON 042 verb', 'GON>ARN 043 reciprocal']);
  assert.deepEqual(code('Arnor visited Gondor.', { reciprocal: false }), ['ARN>GON 042 verb']);
});

test('a demand refined by an appeal pattern stays a demand (10x, not 02x)', () => {
  const d = buildLexicon(parseVerbDict('--- DEMAND [100] ---\nDEMAND\n- * WITHDRAWAL [025]\n', 'test'), false);
  const s = 'Arnor demanded the withdrawal of Gondor troops.';
  const ev = codeSentence(s, 0, s.length, find(s), d, {}).map((e) => `${e.source}>${e.target} ${e.code}`);
  assert.deepEqual(ev, ['ARN>GON 105']);
});

test('suing is bringing a lawsuit (115), not an arrest', () => {
  assert.deepEqual(code('Arnor is suing Gondor for damages.'), ['ARN>GON 115 pattern [char]']);
});

test('an infinitive of purpose takes the clause subject, not an actor in a prepositional phrase', () => {
  assert.deepEqual(code('Arnor sent troops to Gondor to attack Rohan.').filter((e) => e.includes(' 190 ')).map((e) => e.slice(0, 11)), ['ARN>ROH 190']);
  assert.deepEqual(code('Arnor urged Gondor to attack Rohan.').filter((e) => e.includes(' 190 ')).map((e) => e.slice(0, 11)), ['GON>ROH 190']);
});

test('a participle with a by-agent and no auxiliary is passive (reduced relative clause)', () => {
  assert.deepEqual(code('Arnor handed over two men suspected by Gondor of spying.').filter((e) => e.startsWith('ARN>GON')).length, 0);
});

test('a participle clause after a comma belongs to the main subject', () => {
  assert.deepEqual(code('Arnor met Rohan, criticising Gondor.').map((e) => e.slice(0, 11)), ['ARN>ROH 040', 'ARN>GON 111']);
});

test('"the right of A to fire on B": the of-phrase names who fires', () => {
  assert.deepEqual(code('Rohan defended the right of Arnor to attack Gondor.').filter((e) => e.includes(' 190 ')).map((e) => e.slice(0, 11)), ['ARN>GON 190']);
});

test('a time phrase with "on" before the partner does not make the partner a topic', () => {
  assert.deepEqual(code('Arnor and Rohan held negotiations on Monday with Gondor.', { reciprocal: false }).map((e) => e.slice(0, 11)), ['ARN>GON 046', 'ROH>GON 046']);
  assert.deepEqual(code('Arnor and Rohan held negotiations on Monday on Gondor.').map((e) => e.slice(0, 11)), ['ARN>ROH 046', 'ROH>ARN 046']);
});

test('a participle after a plain noun in a clause that has its verb is a reduced relative, not an event', () => {
  assert.deepEqual(code('Gondor rejected a call to hand over a guard involved in attacks on Rohan.').filter((e) => /^\S+ 19/.test(e)), []);
  assert.deepEqual(code('Arnor lifted the curfew imposed on Gondor.').map((e) => e.slice(0, 12)), ['ARN>GON 0813']);
});

test('"ready to attack" is a threat, not cooperation; "prepared to lift the ban" an intent to yield', () => {
  assert.deepEqual(code('Arnor is ready to attack Gondor.', { intentCodes: true }).map((e) => e.slice(0, 11)), ['ARN>GON 138']);
  assert.deepEqual(code('Arnor is prepared to lift the ban on Gondor.', { intentCodes: true }).map((e) => e.slice(0, 11)), ['ARN>GON 035']);
  assert.deepEqual(code('Arnor prepared to attack Gondor.').map((e) => e.slice(0, 11)), ['ARN>GON 190']);
});

test('violence with no agent is placed in the country where it happens, a few words after the verb', () => {
  assert.deepEqual(code('Three Arnor soldiers were killed by a roadside bomb outside the Gondor city of Minas.').map((e) => e.slice(0, 11)), ['GON>ARN 190']);
  const s = 'Three Rohan soldiers were killed by a roadside bomb outside Gondor.';
  assert.deepEqual(code(s), ['GON>ROH 190 passive+location']);
});

test('attribution: "reports of", "the claims" are nouns, not a reported speaker', () => {
  assert.deepEqual(code('Arnor attacked Gondor, hyping up reports of aggression.'), ['ARN>GON 190 verb']);
  assert.deepEqual(code('Arnor attacked Gondor despite the claims of peace.'), ['ARN>GON 190 verb']);
});
