/** Timelines, outlet profiles, graph slices and exports over hand-made results (no store, no pipeline). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisResult, TechniqueResult, ActorResult, EventResult } from '../result.js';
import { timeline, timelineCsv, timelineText, periodOf, graphSlices } from './timeline.js';
import { logOdds, outletProfile, outletText } from './outlet.js';
import { csvDocuments, csvFindings, jsonl, w3c } from './export.js';
import { CodePoints } from '../core/text.js';

function tech(text: string, quote: string, technique: string): TechniqueResult {
  const cp = new CodePoints(text);
  const u = text.indexOf(quote);
  assert.ok(u >= 0, quote);
  return { technique: technique as TechniqueResult['technique'], start: cp.cp(u), end: cp.cp(u + quote.length), text: quote, confidence: 0.9, explanation: `"${quote}" is ${technique}.`, component: 'test' };
}
function actor(code: string, name: string, n: number): ActorResult {
  return { code, name, type: 'country' as ActorResult['type'], country: code, sector: null, mentions: Array.from({ length: n }, (_, i) => ({ start: i, end: i + 1, text: name, via: 'test' })) };
}
function event(source: string, target: string, quad: 1 | 2 | 3 | 4, goldstein: number): EventResult {
  const ref = { start: 0, end: 5, text: 'x' };
  return { source, target, cameo: '040', description: 'consult', goldstein, quad, evidence: ref, trigger: ref, sourceMention: ref, targetMention: ref, confidence: 0.8, explanation: 'why' } as unknown as EventResult;
}
function doc(id: string, o: { text: string; source?: string; date?: string | null; techniques?: Array<[string, string]>; actors?: ActorResult[]; events?: EventResult[]; narratives?: string[] }): { id: string; result: AnalysisResult } {
  const result = {
    schemaVersion: '1',
    id,
    text: o.text,
    meta: { title: null, date: o.date ?? null, dateSource: null, byline: null, language: 'en', url: null, canonicalUrl: null, siteName: null, source: o.source ?? null, credits: [] },
    sentences: [],
    actors: o.actors ?? [],
    relations: [],
    events: o.events ?? [],
    graph: { nodes: [], edges: [], triads: [], balance: { triads: 0, balanced: 0, frustration: null, camps: null }, realignments: [] },
    techniques: (o.techniques ?? []).map(([q, t]) => tech(o.text, q, t)),
    normalization: [],
    components: [],
    ...(o.narratives ? { narratives: o.narratives.map((label) => ({ label, level: 'narrative' })) } : {}),
  } as unknown as AnalysisResult;
  return { id, result };
}

const T1 = 'The reckless regime in Harbin again bullied its neighbours, a shameful and reckless act, writers said.';
const T2 = 'Ministers met quietly in Portown to discuss fishing quotas and agreed to meet again next spring.';
const T3 = 'Valley farmers counted the cost of the frost; reckless speculation, some said, made it worse.';
const DOCS = [
  doc('d1', { text: T1, source: 'Harbor Post', date: '2024-01-03', techniques: [['reckless regime', 'Loaded_Language'], ['shameful', 'Loaded_Language']], actors: [actor('CHN', 'China', 3), actor('RUS', 'Russia', 1)], events: [event('CHN', 'RUS', 1, 3)], narratives: ['Blame the neighbour'] }),
  doc('d2', { text: T2, source: 'Harbor Post', date: '2024-01-20', techniques: [['agreed to meet', 'Doubt']], actors: [actor('USA', 'United States', 2), actor('CHN', 'China', 2)], events: [event('USA', 'CHN', 4, -5), event('RUS', 'CHN', 3, -1)] }),
  doc('d3', { text: T3, source: 'Valley Times', date: '2024-02-05T10:00:00Z', techniques: [['reckless speculation', 'Loaded_Language']], actors: [actor('RUS', 'Russia', 2)], events: [event('CHN', 'RUS', 3, -2)] }),
  doc('d4', { text: 'An undated note from the valley.', source: 'Valley Times', date: null }),
];

test('periods: day, ISO week (Monday), month', () => {
  assert.equal(periodOf('2024-01-03', 'day'), '2024-01-03');
  assert.equal(periodOf('2024-01-03T23:00:00Z', 'week'), '2024-01-01');
  assert.equal(periodOf('2024-01-07', 'week'), '2024-01-01');
  assert.equal(periodOf('2024-02-05', 'month'), '2024-02');
  assert.equal(periodOf('not a date', 'month'), null);
});

test('timeline by outlet: documents per month with the ids behind every point; gaps filled', () => {
  const t = timeline(DOCS, { by: 'outlet', interval: 'month' });
  assert.deepEqual(t.periods, ['2024-01', '2024-02']);
  assert.equal(t.undated, 1);
  assert.deepEqual(
    t.series.map((s) => [s.key, s.points.map((p) => [p.period, p.value, p.docs.join()])]),
    [
      ['Harbor Post', [['2024-01', 2, 'd1,d2']]],
      ['Valley Times', [['2024-02', 1, 'd3']]],
    ],
  );
  const weeks = timeline(DOCS, { by: 'outlet', interval: 'week' });
  assert.equal(weeks.periods.length, 6); // 1 Jan … 5 Feb, every Monday
  assert.match(timelineText(t), /Harbor Post/);
  assert.equal(timelineCsv(t).split('\r\n')[1], '2024-01,Harbor Post,Harbor Post,2,2,,,,d1 d2');
});

test('timeline by technique: spans per 1,000 words of the period; --outlet filters', () => {
  const t = timeline(DOCS, { by: 'technique', interval: 'month' });
  const words = (s: string): number => s.match(/[\p{L}\p{N}]+/gu)!.length;
  const jan = 1000 / (words(T1) + words(T2));
  const ll = t.series.find((s) => s.key === 'Loaded_Language')!;
  assert.equal(ll.points[0]!.value, Math.round(2 * jan * 10000) / 10000);
  assert.deepEqual(ll.points[0]!.docs, ['d1']);
  assert.equal(ll.points[1]!.value, Math.round((1000 / words(T3)) * 10000) / 10000);
  const harbor = timeline(DOCS, { by: 'technique', outlet: 'harbor post' });
  assert.deepEqual(harbor.series.map((s) => s.key).sort(), ['Doubt', 'Loaded_Language']);
  assert.equal(harbor.documents, 2);
});

test('timeline by actor: share of attention; one actor followed across outlets', () => {
  const t = timeline(DOCS, { by: 'actor', interval: 'month' });
  const chn = t.series.find((s) => s.key === 'CHN')!;
  assert.equal(chn.points[0]!.value, 0.625); // 5 of 8 January mentions
  const f = timeline(DOCS, { by: 'actor', actor: 'rus', interval: 'month' });
  assert.deepEqual(
    f.series.map((s) => [s.key, s.points.map((p) => p.value)]),
    [
      ['Valley Times', [1]],
      ['Harbor Post', [0.125]],
    ],
  );
});

test('timeline by pair: events and mean Goldstein; one pair per outlet', () => {
  const t = timeline(DOCS, { by: 'pair', interval: 'month' });
  const cr = t.series.find((s) => s.key === 'CHN–RUS')!;
  assert.deepEqual(
    cr.points.map((p) => [p.period, p.count, p.goldstein, p.cooperative, p.conflictual]),
    [
      ['2024-01', 2, 1, 1, 1],
      ['2024-02', 1, -2, 0, 1],
    ],
  );
  const byOutlet = timeline(DOCS, { by: 'pair', actor: 'RUS-CHN' });
  assert.deepEqual(byOutlet.series.map((s) => s.key), ['Harbor Post', 'Valley Times']);
  assert.match(timelineText(byOutlet), /2 \(\+1\.0\)/);
});

test('timeline by narrative reads the optional narratives field', () => {
  const t = timeline(DOCS, { by: 'narrative' });
  assert.deepEqual(t.series.map((s) => [s.key, s.total]), [['Blame the neighbour', 1]]);
});

test('fightin words: z is signed, symmetric and shrinks rare terms', () => {
  const a = new Map([['frost', 10], ['ministers', 1]]);
  const b = new Map([['frost', 1], ['ministers', 10]]);
  const r = logOdds(a, b, 100, 100, 50);
  assert.equal(r[0]!.term, 'frost');
  assert.ok(r[0]!.z > 1.96);
  assert.equal(r[0]!.z, -r[1]!.z);
  const rare = logOdds(new Map([['x', 1]]), new Map(), 100, 100, 50)[0]!;
  assert.ok(rare.z < 1.96, String(rare.z));
});

test('outlet profile: over-used techniques and words against the rest, actors, copies', () => {
  const p = outletProfile(DOCS, 'harbor post', { priorSize: 10, minCount: 1, republication: [{ from: 'Valley Times', to: 'Harbor Post', count: 3 }, { from: 'Harbor Post', to: 'Gazette', count: 1 }] });
  assert.equal(p.outlet, 'Harbor Post');
  assert.equal(p.documents, 2);
  assert.equal(p.restDocuments, 2);
  assert.equal(p.first, '2024-01-03');
  assert.deepEqual(p.actors.map((a) => [a.code, a.mentions, a.documents]), [['CHN', 5, 2], ['USA', 2, 1], ['RUS', 1, 1]]);
  assert.equal(p.actors.find((a) => a.code === 'RUS')!.restShare, 1);
  assert.ok(p.overused.some((w) => w.term === 'ministers'));
  assert.equal(p.techniques.find((t) => t.term === 'Doubt')!.count, 1);
  assert.deepEqual(p.narratives.map((n) => [n.term, n.count, n.rest]), [['Blame the neighbour', 1, 0]]);
  assert.deepEqual(p.copiesFrom, [{ outlet: 'Valley Times', count: 3 }]);
  assert.deepEqual(p.copiedBy, [{ outlet: 'Gazette', count: 1 }]);
  assert.match(outletText(p), /Republishes: Valley Times \(3\)/);
  assert.equal(outletProfile(DOCS, 'Nobody').documents, 0);
});

test('graph slices: one merged graph per window, cumulative on request', () => {
  const g = graphSlices(DOCS, { interval: 'month' });
  assert.deepEqual(g.slices.map((s) => [s.period, s.from, s.to, s.documents]), [['2024-01', '2024-01-01', '2024-01-31', 2], ['2024-02', '2024-02-01', '2024-02-29', 1]]);
  assert.deepEqual(g.slices[0]!.graph.documents.map((d) => d.id), ['d1', 'd2']);
  assert.equal(graphSlices(DOCS, { interval: 'month', cumulative: true }).slices[1]!.documents, 3);
  assert.equal(g.undated, 1);
});

async function collect(it: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const c of it) s += c;
  return s;
}

// Emoji (outside the BMP) and Chinese before and inside the finding: code points ≠ UTF-16 units.
const EMOJI = '🔥🔥 速报：The 😡 shameless officials 说谎 again, and the 🌍 world watched in shock.';

test('W3C annotations: code-point TextPositionSelector and TextQuoteSelector agree with the text', async () => {
  const d = doc('e1', { text: EMOJI, source: 'Harbor Post', date: '2024-03-01', techniques: [['shameless officials 说谎', 'Name_Calling-Labeling'], ['🌍 world', 'Exaggeration-Minimisation']], actors: [] });
  const json = JSON.parse(await collect(w3c([d], { kinds: new Set(['technique']) })));
  assert.equal(json.type, 'AnnotationCollection');
  assert.deepEqual(json['@context'][0], 'http://www.w3.org/ns/anno.jsonld');
  assert.equal(json.total, 2);
  const chars = [...EMOJI];
  for (const a of json.first.items) {
    const [pos, quote] = a.target.selector;
    assert.equal(pos.type, 'TextPositionSelector');
    assert.equal(chars.slice(pos.start, pos.end).join(''), quote.exact);
    assert.equal(chars.slice(Math.max(0, pos.start - 32), pos.start).join(''), quote.prefix);
    assert.equal(chars.slice(pos.end, pos.end + 32).join(''), quote.suffix);
    assert.equal(a.target.source, 'urn:slant:doc:e1');
  }
  const first = json.first.items[0];
  assert.equal(first.target.selector[0].start, 12); // '🔥🔥 速报：The 😡 ' is 12 code points (15 UTF-16 units)
  assert.equal(first.target.selector[1].exact, 'shameless officials 说谎');
  assert.equal(first.body[0].value, 'Name_Calling-Labeling');
  const withNarrative = { ...d, result: { ...d.result, narratives: [{ label: 'Lies everywhere', level: 'narrative', parent: null, confidence: 0.7, evidence: [{ start: 12, end: 34, text: 'shameless officials 说谎', contribution: 1 }], explanation: 'why', component: 'test' }] } } as typeof d;
  const n = JSON.parse(await collect(w3c([withNarrative], { kinds: new Set(['narrative']) })));
  assert.equal(n.total, 1);
  assert.equal(n.first.items[0].target.selector[1].exact, 'shameless officials 说谎');
  assert.equal(n.first.items[0].body[0].value, 'Lies everywhere');
  const empty = JSON.parse(await collect(w3c([])));
  assert.deepEqual(empty.first.items, []);
});

test('JSON Lines and CSV exports: one line per document, quoted fields, formula cells defused', async () => {
  const d = doc('c1', { text: '=HYPERLINK("x"), a "quoted" line\nand a second 🔥', source: 'Harbor Post', date: '2024-03-01', techniques: [['quoted', 'Doubt']] });
  const lines = (await collect(jsonl([d, DOCS[0]!]))).trim().split('\n');
  assert.equal(lines.length, 2);
  assert.equal(JSON.parse(lines[0]!).id, 'c1');
  assert.equal(JSON.parse(lines[0]!).outlet, 'Harbor Post');
  const csv = await collect(csvDocuments([d]));
  assert.ok(csv.startsWith('id,created,title,date,outlet'));
  assert.ok(csv.includes(`"'=HYPERLINK(""x""), a ""quoted"" line\nand a second 🔥"`));
  const f = (await collect(csvFindings([d]))).split('\r\n');
  assert.equal(f[1], 'c1,technique,Doubt,20,26,quoted,0.9,"""quoted"" is Doubt."');
});
