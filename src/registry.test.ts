import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc, type LayerKey } from './core/document.js';
import { Pipeline, type Component } from './core/pipeline.js';
import { SlantError } from './core/errors.js';
import { analyze } from './analyze.js';
import { createPipeline, DEFAULT_PIPELINE, registry } from './registry.js';

// Our own text: a dateline, states and leaders, an event, loaded words (techniques), a credit.
const TEXT = [
  'March 3, 2024',
  '',
  'Boris Johnson said on Tuesday that Britain must send more weapons to Ukraine.',
  'Russia attacked Ukraine again, and the shameful, cowardly silence of Europe is a disgrace, officials told Reuters.',
  'Germany and France signed an agreement with Poland. Everyone knows the truth!',
].join('\n');

/**
 * A view of `doc` that throws on any layer or meta field the component does not declare in
 * `requires` or `reads` (text, offsets and code points stay open to everyone).
 */
function guarded(doc: Doc, c: Component): Doc {
  const declared = new Set<string>([...c.requires, ...(c.reads ?? [])]);
  const check = (what: string): void => {
    if (!declared.has(what)) throw new Error(`component "${c.name}" read ${what} without declaring it`);
  };
  const meta = new Proxy(doc.meta, {
    get(t, field) {
      if (typeof field === 'string') check(`meta.${field}`);
      return Reflect.get(t, field);
    },
  });
  return new Proxy(doc, {
    get(t, prop) {
      if (prop === 'meta') return meta;
      if (prop === 'sentencesAt') check('sentences');
      if (prop === 'spans' || prop === 'has') return (key: LayerKey) => (check(key), prop === 'spans' ? t.spans(key) : t.has(key));
      if (prop === 'layerKeys') throw new Error(`component "${c.name}" listed all layers`);
      const v = Reflect.get(t, prop, t);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

/** A document holding only what `c` declares, copied from `full` (the state just before `c` ran). */
function only(full: Doc, c: Component): Doc {
  const declared = [...c.requires, ...(c.reads ?? [])];
  const meta: Record<string, unknown> = {};
  for (const d of declared) if (d.startsWith('meta.')) meta[d.slice(5)] = (full.meta as Record<string, unknown>)[d.slice(5)];
  const doc = new Doc(full.text, meta, full.original, full.edits);
  for (const d of declared) if (!d.startsWith('meta.') && full.has(d as LayerKey)) doc.setLayer(d as LayerKey, [...full.spans(d as LayerKey)] as never);
  return guarded(doc, c);
}

test('every default component reads only what it declares, and gives the same output on a doc holding only that', async () => {
  const components: Component[] = [];
  for (const name of DEFAULT_PIPELINE) components.push(await registry[name]!());
  const full = new Doc(TEXT, { id: 'x1' });
  for (const c of components) {
    const expected = c.annotate(full);
    const got = c.annotate(only(full, c));
    assert.deepEqual(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify(expected)), c.name);
    new Pipeline([c], [...c.requires]).run(full); // then the next one sees this one's output
  }
  for (const k of ['actors', 'credits', 'events', 'graph', 'relations', 'sentences', 'techniques']) assert.ok(full.layerKeys().includes(k), k);
});

test('the guard catches an undeclared read', () => {
  const sneaky: Component = { name: 'sneaky', requires: ['sentences'], assigns: [], annotate: (d) => (d.meta.date, {}) };
  assert.throws(() => sneaky.annotate(only(new Doc('Text.', { date: '2024-01-01' }), sneaky)), /read meta\.date without declaring it/);
});

test('a component that assigns what an earlier one reads must run first (meta before actors)', async () => {
  await assert.rejects(createPipeline(['sentences', 'actors', 'meta']), (e: unknown) => e instanceof SlantError && /actors.*reads "meta\.date".*"meta"/.test(e.message));
  const i = DEFAULT_PIPELINE.indexOf('meta');
  assert.ok(i >= 0 && i < DEFAULT_PIPELINE.indexOf('actors'));
});

test('a date found only in the dateline reaches leader roles: a former leader is not coded as in office', async () => {
  const r = await analyze(TEXT);
  assert.equal(r.meta.date, '2024-03-03');
  assert.equal(r.meta.dateSource, 'text');
  const johnson = r.actors.find((a) => a.name === 'Boris Johnson');
  assert.equal(johnson?.code, 'GBRELI'); // prime minister until 2022: an elite in 2024, no longer GBRGOV
  // Without the dateline the document is undated and he would count as government.
  const undated = await analyze(TEXT.split('\n').slice(2).join('\n'));
  assert.equal(undated.meta.date, null);
});

test('the graph is a component: off when left out of the pipeline', async () => {
  const on = await analyze(TEXT);
  assert.ok(on.components.includes('graph') && on.graph.nodes.length > 0);
  const off = await analyze(TEXT, { pipeline: DEFAULT_PIPELINE.filter((n) => n !== 'graph') });
  assert.deepEqual(off.graph.nodes, []);
});

test('English-only components say they did not run on a French text, instead of running blind', async () => {
  const fr = [
    'La Russie et la Chine ont signé mardi un nouvel accord sur le commerce et l’énergie.',
    'Selon les deux gouvernements, ce texte doit renforcer la coopération entre les entreprises des deux pays.',
    'Les observateurs restent prudents : les promesses de ce genre ne sont pas toujours tenues, et les détails manquent encore.',
  ].join(' ');
  const r = await analyze(fr);
  assert.equal(r.meta.language, 'fr');
  const skipped = (r.skipped ?? []).map((s) => s.component);
  for (const c of ['techniques.model', 'techniques.rules', 'actors', 'relations', 'events']) {
    assert.ok(skipped.includes(c), c);
    assert.ok(!r.components.includes(c), c);
  }
  assert.match(r.skipped![0]!.reason, /not run: the text is in fr, and .* reads en only/);
  assert.deepEqual([r.techniques.length, r.actors.length, r.events.length], [0, 0, 0]);
  // English text of the same length runs everything.
  const en = await analyze(TEXT);
  assert.deepEqual(en.skipped, []);
});
