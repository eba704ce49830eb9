import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../analyze.js';
import { diffCopy } from './diff.js';
import { sign, verify, withoutBoilerplate } from './detect.js';
import { ARTICLES, partialCopy, republishedCopy, sameTopic } from '../fixtures.js';
import { canonicalUrl, textKey } from '../keys.js';
import { knownOutlet, outletOf } from '../publisher.js';

const PIPELINE = ['sentences', 'meta'];

test('verification: a republished copy and a partial copy are copies; a same-topic article and a different one are not', () => {
  const original = sign(ARTICLES[0]!.text).set;
  assert.equal(verify(original, sign(republishedCopy().text).set).copy, true);
  const partial = verify(original, sign(partialCopy().text).set);
  assert.equal(partial.copy, true);
  assert.ok(partial.similarity < 0.5 && partial.containment > 0.5, JSON.stringify(partial));
  assert.equal(verify(original, sign(sameTopic().text).set).copy, false);
  assert.equal(verify(original, sign(ARTICLES[1]!.text).set).copy, false);
});

test('diff: headline, dropped and added sentences, reworded sentence, scare quotes, credits', async () => {
  const base = ARTICLES[0]!;
  const lines = base.text.split('\n');
  const copyText = [lines[0], lines[1]!.replace('forty million euros', 'some forty million euros of public money'), lines[2]!.replace('the project', 'the "project"'), ...lines.slice(3, 5), ...lines.slice(6), 'A spokesman declined to comment further.', 'Source: Xinhua'].join('\n');
  const a = await analyze({ text: base.text, title: base.title }, { pipeline: PIPELINE });
  const b = await analyze({ text: copyText, title: 'Veldra terminal opens' }, { pipeline: PIPELINE });
  const d = diffCopy(a, b);
  assert.deepEqual(d.headline, { earliest: base.title, copy: 'Veldra terminal opens' });
  assert.deepEqual(d.removed, [lines[5]]);
  assert.deepEqual(d.added, ['A spokesman declined to comment further.', 'Source: Xinhua']);
  assert.equal(d.reworded.length, 1);
  assert.match(d.reworded[0]!.copy, /of public money/);
  assert.deepEqual(d.scareQuotes, ['project']);
  assert.deepEqual(d.credits, { added: ['Xinhua News Agency'], removed: [] });
  assert.equal(d.reordered, false);
});

test('keys and outlets: canonical URLs, normalised text, outlets through outlets.json', () => {
  assert.equal(canonicalUrl('https://www.Example.com/a/b/?utm_source=x&id=3#top'), 'example.com/a/b?id=3');
  assert.equal(canonicalUrl('http://example.com/a/b'), 'example.com/a/b');
  assert.equal(canonicalUrl('ftp://example.com/'), null);
  assert.equal(textKey('Hello,  World!\n'), textKey('hello world'));
  assert.notEqual(textKey('hello world'), textKey('hello there world'));
  assert.equal(knownOutlet('globaltimes.cn')?.id, 'huanqiu');
  assert.equal(knownOutlet('www.news.cn')?.id, 'xinhua');
  const r = { meta: { source: null, siteName: null, url: 'https://www.globaltimes.cn/page/1.shtml', canonicalUrl: null, credits: [] } } as unknown as Parameters<typeof outletOf>[0];
  assert.equal(outletOf(r), 'Huanqiu / Global Times');
  const credited = (text: string): Parameters<typeof outletOf>[0] =>
    ({ text, meta: { source: null, siteName: null, url: null, canonicalUrl: null, credits: [{ name: 'Xinhua News Agency', code: 'xinhua', kind: 'state-media' }] } }) as unknown as Parameters<typeof outletOf>[0];
  assert.equal(outletOf(credited('Officials met.\nPart of the news reference source: Xinhua')), 'Xinhua News Agency', 'a republication credit');
  assert.equal(outletOf(credited('According to Xinhua, officials met.')), null, 'a cited source is not the publisher');
});

test('boilerplate shared by unrelated articles of one site does not link them; copies of one article stay linked', () => {
  const footer = 'Sign up for the Veldra Courier morning briefing, delivered free to your inbox every weekday before seven, with the day\'s council decisions, harbour schedules, weather warnings and the letters our readers sent us overnight.';
  const site = (a: { text: string }): Set<number> => sign(`${a.text}\n${footer}\n${footer.replace('morning', 'evening')}`).set;
  const [a, b, c] = [site(ARTICLES[1]!), site(ARTICLES[2]!), site(ARTICLES[3]!)];
  assert.equal(verify(c, a).copy, true, 'on its own, the shared footer looks like a partial copy');
  assert.deepEqual(withoutBoilerplate(c, [{ id: 'a', set: a }, { id: 'b', set: b }]), [], 'with two candidates sharing only the footer, it is boilerplate');
  const original = sign(ARTICLES[0]!.text).set;
  const full = sign(republishedCopy().text).set;
  const partial = sign(partialCopy().text).set;
  assert.deepEqual(withoutBoilerplate(partial, [{ id: 'original', set: original }, { id: 'copy', set: full }]).map((l) => l.doc), ['original', 'copy']);
});
