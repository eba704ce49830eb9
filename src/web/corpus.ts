/**
 * Corpus page (#/corpus): ingest a file from the browser with live progress, and timelines of the
 * corpus as real charts (uPlot, bundled: no remote assets) with the same numbers in a table below
 * (readable without the chart, and the documents behind every point one click away).
 */
import uPlot from 'uplot';
import { api, qs, type Filters, type IngestJob, type Timeline } from './api.js';
import { h } from './dom.js';
import { message } from './analyse.js';
import { jobsPanel } from './jobs.js';
import { TECHNIQUE_COLORS, techniqueColor } from '../techniques/palette.js';

const BY = [
  ['outlet', 'Outlet (documents)'],
  ['technique', 'Technique (spans per 1,000 words)'],
  ['actor', 'Actor (share of attention)'],
  ['pair', 'Actor pair (events)'],
  ['narrative', 'Narrative (documents)'],
] as const;
const INTERVALS = ['day', 'week', 'month'] as const;
/** Files read as bytes and sent base64 (compressed or binary formats). */
const BINARY = /\.(?:gz|warc)$/i;
const MAX_UPLOAD = 12 * 1024 * 1024;

export async function corpusPage(root: HTMLElement, params: Filters): Promise<void> {
  const meta = await api.meta();
  root.append(h('h1', null, 'Corpus'));
  if (!meta.readOnly) root.append(ingestPanel(meta.tokenRequired));
  const jobs = await jobsPanel(); // PostgreSQL corpora only
  if (jobs) root.append(jobs);
  root.append(await timelinePanel(params));
}

// --- ingest ---------------------------------------------------------------------------------------

function ingestPanel(tokenRequired: boolean): HTMLElement {
  const file = h('input', { type: 'file', id: 'ingest-file', 'aria-label': 'File to ingest', accept: '.jsonl,.ndjson,.csv,.tsv,.xml,.rss,.atom,.warc,.gz,.txt,.html,.htm,.json,.urls' });
  const progress = h('progress', { id: 'ingest-progress', hidden: true });
  const counts = h('p', { class: 'status', id: 'ingest-status', role: 'status', 'aria-live': 'polite' });
  const errors = h('ul', { class: 'ingest-errors' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Ingest');
  const form = h(
    'form',
    {
      class: 'ingest',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const f = file.files?.[0];
        if (!f) return void (counts.textContent = 'Choose a file first.');
        if (f.size > MAX_UPLOAD) return void (counts.textContent = `${f.name} is ${(f.size / 1e6).toFixed(1)} MB; up to 12 MB can be sent from the browser (use "slant ingest" for more).`);
        button.disabled = true;
        void run(f).finally(() => (button.disabled = false));
      },
    },
    h('h2', null, 'Ingest'),
    h('p', { class: 'muted' }, 'A JSON Lines or CSV file, an RSS/Atom feed, a WARC archive, a sitemap, a list of URLs, or one article. Each document is analysed and stored once; near-copies are linked.', tokenRequired ? ' Needs the access token.' : ''),
    h('div', { class: 'row' }, file, button),
    progress,
    counts,
    errors,
  );

  async function run(f: File): Promise<void> {
    errors.replaceChildren();
    progress.hidden = false;
    progress.removeAttribute('value');
    counts.textContent = `Sending ${f.name}…`;
    try {
      const body = BINARY.test(f.name) ? { name: f.name, content: toBase64(new Uint8Array(await f.arrayBuffer())), encoding: 'base64' as const } : { name: f.name, content: await f.text() };
      let job = await api.ingest(body);
      while (job.status === 'running') {
        show(job);
        await new Promise((r) => setTimeout(r, 400));
        job = await api.ingestJob(job.job);
      }
      show(job);
      progress.max = 1;
      progress.value = 1;
    } catch (err) {
      progress.hidden = true;
      counts.textContent = message(err);
    }
  }

  function show(job: IngestJob): void {
    const p = job.progress;
    const state = job.status === 'running' ? 'Ingesting' : job.status === 'done' ? 'Done' : 'Failed';
    counts.textContent = `${state}: read ${p.read} · stored ${p.ingested} · already stored ${p.duplicates} · with copies ${p.copies} · errors ${p.errors}${job.error ? ` — ${job.error}` : ''}`;
    errors.replaceChildren(...job.errors.map((e) => h('li', null, h('code', null, e.where), ' ', e.error)));
    if (job.status !== 'running') counts.dataset.done = job.status;
  }
  return form;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

// --- timelines ------------------------------------------------------------------------------------

async function timelinePanel(params: Filters): Promise<HTMLElement> {
  const by = params.by ?? 'outlet';
  const interval = params.interval ?? 'month';
  const bySel = h('select', { id: 'tl-by', 'aria-label': 'Timeline by' }, BY.map(([v, t]) => h('option', { value: v, selected: v === by }, t)));
  const intSel = h('select', { id: 'tl-interval', 'aria-label': 'Interval' }, INTERVALS.map((v) => h('option', { value: v, selected: v === interval }, v)));
  const go = (): void => void (location.hash = `#/corpus${qs({ ...params, by: bySel.value, interval: intSel.value })}`);
  bySel.addEventListener('change', go);
  intSel.addEventListener('change', go);
  const panel = h('section', { class: 'timeline', 'aria-label': 'Timeline' }, h('h2', null, 'Timeline'), h('div', { class: 'row small' }, h('label', null, 'By ', bySel), h('label', null, 'per ', intSel)));
  let t: Timeline;
  try {
    t = await api.timeline({ by, interval, q: params.q, from: params.from, to: params.to, outlet: params.outlet, actor: params.actor, technique: params.technique });
  } catch (err) {
    panel.append(h('p', { class: 'error' }, message(err)));
    return panel;
  }
  panel.append(h('p', { class: 'status', id: 'tl-summary' }, `${t.documents} documents${t.undated ? ` (${t.undated} without a date left out)` : ''} · ${t.series.length} series · ${t.measure}`));
  if (!t.series.length || !t.periods.length) {
    panel.append(h('p', { class: 'note' }, 'Nothing to chart yet: ingest documents with publication dates.'));
    return panel;
  }
  const colour = (key: string, i: number): string => (t.by === 'technique' ? techniqueColor(key) : TECHNIQUE_COLORS[i % TECHNIQUE_COLORS.length]!);
  const chartHost = h('figure', { class: 'chart', id: 'tl-chart' });
  panel.append(chartHost, timelineTable(t));
  // Drawn once the host is in the page (uPlot measures nothing, but the width comes from the layout).
  requestAnimationFrame(() => drawChart(chartHost, t, colour));
  return panel;
}

function periodTime(p: string): number {
  return Date.parse(p.length === 7 ? `${p}-01T00:00:00Z` : `${p}T00:00:00Z`) / 1000;
}

function drawChart(host: HTMLElement, t: Timeline, colour: (key: string, i: number) => string): void {
  const index = new Map(t.periods.map((p, i) => [p, i]));
  const data: uPlot.AlignedData = [
    t.periods.map(periodTime),
    ...t.series.map((s) => {
      const ys: Array<number | null> = t.periods.map(() => 0);
      for (const pt of s.points) ys[index.get(pt.period) ?? 0] = pt.value;
      return ys;
    }),
  ];
  const width = Math.max(320, Math.min(1200, host.clientWidth || 900));
  new uPlot(
    {
      width,
      height: 320,
      scales: { x: { time: true } },
      // The measure is named in the summary line above the chart; an axis label would be cut off.
      axes: [{}, { size: 50 }],
      series: [{ label: 'period' }, ...t.series.map((s, i) => ({ label: s.label, stroke: colour(s.key, i), width: 2, points: { show: t.periods.length < 60 } }))],
    },
    data,
    host,
  );
  host.dataset.drawn = String(t.series.length);
}

/** The numbers behind the chart; each cell links to the library with the documents of that point. */
function timelineTable(t: Timeline): HTMLElement {
  const periods = t.periods.slice(-24);
  return h(
    'details',
    { class: 'panel' },
    h('summary', null, 'Table', t.periods.length > periods.length ? ` (last ${periods.length} periods)` : ''),
    h(
      'div',
      { class: 'table-host' },
      h(
        'table',
        { class: 'timeline-table' },
        h('thead', null, h('tr', null, h('th', null, 'Series'), periods.map((p) => h('th', null, p)), h('th', null, 'Total'))),
        h(
          'tbody',
          null,
          t.series.map((s) => {
            const byPeriod = new Map(s.points.map((p) => [p.period, p]));
            return h(
              'tr',
              null,
              h('th', null, s.label),
              periods.map((p) => {
                const pt = byPeriod.get(p);
                if (!pt || !pt.count) return h('td', null, '');
                const value = Number.isInteger(pt.value) ? String(pt.value) : pt.value.toFixed(2);
                return h('td', null, pt.docs.length ? h('a', { href: `#/graph${qs({ ids: pt.docs.slice(0, 500).join(',') })}`, title: `Actor system of the ${pt.docs.length} documents` }, value) : value);
              }),
              h('td', null, String(Math.round(s.total * 100) / 100)),
            );
          }),
        ),
      ),
    ),
  );
}
