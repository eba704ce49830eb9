import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../analyze.js';

// Our own paraphrase of the kind of opinion piece slant was started for (not the original text).
const SEED = `The West's "grand coalition" against Beijing is a daydream

For months the US side has been pressuring Russia and keeps hyping "Russia's invasion of Ukraine". Some Western countries have tried to lure Russia into their so-called "anti-China front". But the trust between China and Russia cannot be shaken. There is deep mistrust between the West and Russia. Many Western politicians regard the so-called "China threat" as the greatest danger. China and Russia are strategic partners, and their cooperation covers every field.`;

// Only what the events need (the parse and technique models are tested elsewhere).
const PIPE = ['sentences', 'meta', 'actors', 'relations', 'events', 'graph'];

test('seed paraphrase: cooperation, pressure, mistrust, stance, framing; no relation twice', async () => {
  const r = await analyze(SEED, { pipeline: PIPE });
  const ev = r.events ?? [];
  const has = (s: string, t: string, pred: (e: (typeof ev)[number]) => boolean): boolean => ev.some((e) => ((e.source.startsWith(s) && e.target.startsWith(t)) || (e.symmetric && e.source.startsWith(t) && e.target.startsWith(s))) && pred(e));
  assert.ok(has('CHN', 'RUS', (e) => e.symmetric && e.quad <= 2), 'CHN–RUS cooperation');
  assert.ok(has('USA', 'RUS', (e) => e.quad >= 3 && !e.symmetric), 'US → Russia pressure');
  assert.ok(has('WST', 'RUS', (e) => e.symmetric && e.quad >= 3), 'West ↔ Russia mistrust');
  assert.ok(has('WST', 'CHN', (e) => e.via === 'stance' && e.quad >= 3), 'West against China (stance)');
  const inv = ev.find((e) => e.source.startsWith('RUS') && e.target.startsWith('UKR'));
  assert.ok(inv, 'the scare-quoted invasion is coded');
  assert.equal(inv.factivity.value, 'doubted');
  assert.ok(inv.factivity.framedBy?.startsWith('USA'), `framed by the US side, got ${inv.factivity.framedBy}`);
  // No relation stored in both directions for one statement.
  const keys = new Set(ev.map((e) => `${e.source}|${e.target}|${e.cameo}|${e.trigger.start}`));
  for (const e of ev) assert.ok(!keys.has(`${e.target}|${e.source}|${e.cameo}|${e.trigger.start}`), `duplicated: ${e.source} ${e.target} ${e.cameo}`);
  // The graph: the doubted invasion weighs less than an asserted one, and says why.
  assert.match(inv.explanation, /doubted by the text/);
});

test('factivity: rejected, doubted, reported, endorsed', async () => {
  const r = await analyze({ text: 'The minister lied when stating that Russia attacked Georgia. Russia attacked Ukraine. France claimed that Germany attacked Spain. Germany praised Italy, officials said.' }, { pipeline: PIPE });
  const f = (s: string, t: string): string | undefined => r.events?.find((e) => e.source.startsWith(s) && e.target.startsWith(t))?.factivity.value;
  assert.equal(f('RUS', 'GEO'), 'rejected');
  assert.equal(f('RUS', 'UKR'), 'endorsed');
  assert.equal(f('DEU', 'ESP'), 'doubted');
  assert.equal(f('DEU', 'ITA'), 'reported');
});

test('seed paraphrase with the dependency parse in the pipeline: the same relations, each with the parse verdict', async () => {
  const r = await analyze(SEED, { pipeline: ['sentences', 'meta', 'parse', 'actors', 'relations', 'events', 'graph'] });
  const ev = r.events ?? [];
  const has = (s: string, t: string, pred: (e: (typeof ev)[number]) => boolean): boolean => ev.some((e) => ((e.source.startsWith(s) && e.target.startsWith(t)) || (e.symmetric && e.source.startsWith(t) && e.target.startsWith(s))) && pred(e));
  assert.ok(has('CHN', 'RUS', (e) => e.symmetric && e.quad <= 2), 'CHN–RUS cooperation');
  assert.ok(has('USA', 'RUS', (e) => e.quad >= 3 && !e.symmetric), 'US → Russia pressure');
  assert.ok(has('WST', 'RUS', (e) => e.symmetric && e.quad >= 3), 'West ↔ Russia mistrust');
  assert.ok(has('WST', 'CHN', (e) => e.via === 'stance' && e.quad >= 3), 'West against China (stance)');
  const inv = ev.find((e) => e.source.startsWith('RUS') && e.target.startsWith('UKR'));
  assert.equal(inv?.factivity.value, 'doubted');
  // Verb events of parsed sentences carry the parse's verdict on their source and target.
  const pressure = ev.find((e) => e.source.startsWith('USA') && e.target.startsWith('RUS'));
  assert.ok(pressure?.tree === 'agrees' || pressure?.tree === 'differs' || pressure?.tree === 'silent', `verdict recorded, got ${pressure?.tree}`);
});
