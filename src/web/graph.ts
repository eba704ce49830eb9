/**
 * Actor system page: the signed actor graph of one document or a selection — green edges for
 * cooperation, red for conflict, grey for plain co-mention; thickness for weight; arrows for
 * direction. Clicking (or Enter on) an edge shows the sentences behind it. Triads and their
 * structural balance are listed beside.
 */
import { api, type ActorGraph, type Filters } from './api.js';
import { h, s, type Child } from './dom.js';
import { message } from './analyse.js';

type Edge = ActorGraph['edges'][number];
type Node = ActorGraph['nodes'][number];

const W = 760;
const H = 520;
const MAX_NODES = 60;
const SIGN_COLOUR = { '1': '#1a7f37', '-1': '#cf222e', '0': '#8c959f' } as const;
const SIGN_WORD = { '1': 'cooperation (+)', '-1': 'conflict (−)', '0': 'co-mention (unsigned)' } as const;

export async function graphPage(root: HTMLElement, filters: Filters, docId: string | undefined): Promise<void> {
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading…');
  root.append(h('h1', { class: 'visually-hidden' }, 'Actor system'), status);
  const query: Filters = docId ? { ids: docId } : filters;
  let g: ActorGraph;
  try {
    g = await api.graph(query);
  } catch (err) {
    status.textContent = message(err);
    return;
  }
  status.textContent = '';
  const scope =
    g.documents.length === 1
      ? h('span', null, 'Document: ', h('a', { href: `#/analyse/${g.documents[0]!.id}` }, g.documents[0]!.title ?? g.documents[0]!.id))
      : h('span', null, `${g.documents.length} documents`, Object.keys(filters).length ? ` matching ${describe(filters)}` : ' (the whole library)', ' · ', h('a', { href: `#/library${libraryQs(filters)}` }, 'open in library'));
  root.append(h('div', { class: 'doc-head' }, h('h2', null, 'Actor system'), h('p', { class: 'scope' }, scope)));
  if (!docId && !filters.ids) root.append(await filterBar(filters));
  let view = graphView(g);
  root.append(view);
  if (!docId && !filters.ids) {
    // The time slider: one graph per month of the selection, loaded after the whole graph is drawn.
    const slot = h('div', { class: 'time-slider' });
    view.before(slot);
    void timeSlider(slot, filters, g, (next) => {
      const fresh = graphView(next);
      view.replaceWith(fresh);
      view = fresh;
    });
  }
}

/** A range input over the months of the selection; the last position is the whole selection. */
async function timeSlider(slot: HTMLElement, filters: Filters, whole: ActorGraph, show: (g: ActorGraph) => void): Promise<void> {
  let slices;
  try {
    slices = (await api.graphTimeline({ ...filters, interval: 'month' })).slices;
  } catch (err) {
    slot.append(h('p', { class: 'note' }, `No time slider: ${message(err)}`));
    return;
  }
  if (slices.length < 2) return;
  const input = h('input', { type: 'range', id: 'time-slider', min: 0, max: slices.length, step: 1, value: slices.length, 'aria-label': 'Time window' });
  const label = h('output', { for: 'time-slider', id: 'time-label' }, 'All dates');
  input.addEventListener('input', () => {
    const i = Number(input.value);
    const slice = slices[i];
    label.textContent = slice ? `${slice.period}: ${slice.documents} document${slice.documents === 1 ? '' : 's'}` : 'All dates';
    show(slice ? slice.graph : whole);
  });
  slot.append(h('label', { class: 'row small' }, 'Month ', input, label));
}

/** The drawing, the edge table and the side panels of one graph. */
function graphView(g: ActorGraph): HTMLElement {
  const root = h('div', { class: 'graph-view' });
  if (!g.nodes.length) {
    root.append(h('p', { class: 'note' }, 'No actors in this selection.'));
    return root;
  }

  const detail = h('div', { class: 'edge-detail', 'aria-live': 'polite' }, h('p', { class: 'note' }, 'Select an edge (click, or Tab to it and press Enter) to see the sentences behind it.'));
  const nodes = g.nodes.slice(0, MAX_NODES);
  const keep = new Set(nodes.map((n) => n.code));
  const edges = g.edges.filter((e) => keep.has(e.source) && keep.has(e.target));
  const pos = layout(nodes, edges);
  const svg = draw(nodes, edges, pos, (e, el) => select(e, el), (n, el) => selectNode(n, el));

  let selected: SVGElement | null = null;
  function select(e: Edge, el: SVGElement): void {
    selected?.classList.remove('selected');
    el.classList.add('selected');
    selected = el;
    detail.replaceChildren(edgeDetail(e, g));
  }
  function selectNode(n: Node, el: SVGElement): void {
    selected?.classList.remove('selected');
    el.classList.add('selected');
    selected = el;
    detail.replaceChildren(nodeDetail(n, g));
  }

  const legend = h(
    'ul',
    { class: 'graph-legend' },
    (['1', '-1', '0'] as const).map((k) => {
      const sw = h('span', { class: 'line-swatch', 'aria-hidden': 'true' });
      sw.style.backgroundColor = SIGN_COLOUR[k];
      return h('li', null, sw, SIGN_WORD[k]);
    }),
    h('li', null, 'thicker = more / stronger relations; arrow = direction'),
  );

  root.append(
    h(
      'div',
      { class: 'graph-columns' },
      h('div', { class: 'graph-main' }, h('figure', { class: 'graph' }, svg, h('figcaption', null, legend)), edgeTable(edges, (e) => select(e, svg.querySelector(`[data-edge="${cssEscape(key(e))}"]`) as SVGElement))),
      h('aside', { class: 'right', 'aria-label': 'Edge and balance' }, h('details', { class: 'panel', open: true }, h('summary', null, 'Selected'), detail), balancePanel(g)),
    ),
  );
  if (g.basis === 'co-mentions') root.append(h('p', { class: 'note' }, 'No coded events in this selection: grey dashed lines join actors named in the same sentence (unsigned).'));
  if (g.nodes.length > MAX_NODES) root.append(h('p', { class: 'note' }, `Showing the ${MAX_NODES} most mentioned of ${g.nodes.length} actors.`));
  return root;
}

/** Narrow a corpus graph: words, date range, outlet, actor (the library's filters). */
async function filterBar(filters: Filters): Promise<HTMLElement> {
  const facets = await api.facets().catch(() => ({ outlets: [], actors: [], techniques: [] }));
  const q = h('input', { type: 'search', id: 'graph-q', value: filters.q ?? '', placeholder: 'Words in the text', 'aria-label': 'Words in the text' });
  const from = h('input', { type: 'date', value: filters.from ?? '', 'aria-label': 'Published from' });
  const to = h('input', { type: 'date', value: filters.to ?? '', 'aria-label': 'Published to' });
  const outlet = h('select', { 'aria-label': 'Outlet' }, h('option', { value: '' }, 'Any outlet'), facets.outlets.map((o) => h('option', { value: o.value, selected: o.value === filters.outlet }, `${o.value} (${o.count})`)));
  const actor = h('select', { 'aria-label': 'Actor' }, h('option', { value: '' }, 'Any actor'), facets.actors.map((a) => h('option', { value: a.value, selected: a.value === filters.actor }, `${a.name} – ${a.value} (${a.count})`)));
  return h(
    'form',
    {
      class: 'row small graph-filters',
      role: 'search',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const p = new URLSearchParams();
        for (const [k, v] of [['q', q.value.trim()], ['from', from.value], ['to', to.value], ['outlet', outlet.value], ['actor', actor.value], ['technique', filters.technique ?? '']] as const) if (v) p.set(k, v);
        location.hash = `#/graph${p.toString() ? `?${p}` : ''}`;
      },
    },
    q,
    h('label', null, 'From ', from),
    h('label', null, 'to ', to),
    outlet,
    actor,
    h('button', { type: 'submit', class: 'primary' }, 'Draw'),
  );
}

function key(e: Edge): string {
  return `${e.source}${e.directed ? '>' : '~'}${e.target}`;
}

function cssEscape(v: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(v) : v.replace(/["\\]/g, '\\$&');
}

function describe(f: Filters): string {
  return Object.entries(f)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

function libraryQs(f: Filters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  return p.toString() ? `?${p}` : '';
}

/** Force-directed layout (Fruchterman–Reingold), deterministic start on a circle, bounded iterations. */
function layout(nodes: Node[], edges: Edge[]): Map<string, { x: number; y: number }> {
  const n = nodes.length;
  const pos = nodes.map((_, i) => ({ x: W / 2 + (W / 3) * Math.cos((2 * Math.PI * i) / n), y: H / 2 + (H / 3) * Math.sin((2 * Math.PI * i) / n) }));
  const index = new Map(nodes.map((nd, i) => [nd.code, i]));
  const links = edges.map((e) => [index.get(e.source)!, index.get(e.target)!] as const);
  const k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.6;
  let temp = W / 8;
  const iterations = n > 1 ? 250 : 0;
  for (let it = 0; it < iterations; it++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i]!.x - pos[j]!.x || 0.01;
        const dy = pos[i]!.y - pos[j]!.y || 0.01;
        const d2 = dx * dx + dy * dy;
        const f = (k * k) / d2;
        disp[i]!.x += dx * f;
        disp[i]!.y += dy * f;
        disp[j]!.x -= dx * f;
        disp[j]!.y -= dy * f;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a]!.x - pos[b]!.x;
      const dy = pos[a]!.y - pos[b]!.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = d / k;
      disp[a]!.x -= dx * f;
      disp[a]!.y -= dy * f;
      disp[b]!.x += dx * f;
      disp[b]!.y += dy * f;
    }
    for (let i = 0; i < n; i++) {
      // Gentle pull to the centre keeps unconnected actors on the canvas.
      disp[i]!.x += (W / 2 - pos[i]!.x) * 0.05;
      disp[i]!.y += (H / 2 - pos[i]!.y) * 0.05;
      const d = Math.hypot(disp[i]!.x, disp[i]!.y) || 1;
      pos[i]!.x = clamp(pos[i]!.x + (disp[i]!.x / d) * Math.min(d, temp), 60, W - 60);
      pos[i]!.y = clamp(pos[i]!.y + (disp[i]!.y / d) * Math.min(d, temp), 40, H - 40);
    }
    temp = Math.max(1, temp * 0.97);
  }
  // Fit the connected actors to the canvas; actors without edges go in a row along the top.
  const linked = new Set(links.flat());
  const isolated = nodes.map((_, i) => i).filter((i) => !linked.has(i));
  const top = isolated.length ? 70 : 40;
  const inner = [...linked];
  if (inner.length) {
    const xs = inner.map((i) => pos[i]!.x);
    const ys = inner.map((i) => pos[i]!.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    for (const i of inner) {
      pos[i]!.x = x1 > x0 ? 80 + ((pos[i]!.x - x0) / (x1 - x0)) * (W - 160) : W / 2;
      pos[i]!.y = y1 > y0 ? top + 40 + ((pos[i]!.y - y0) / (y1 - y0)) * (H - top - 100) : H / 2;
    }
  }
  isolated.forEach((i, k) => {
    pos[i]!.x = ((k + 1) * W) / (isolated.length + 1);
    pos[i]!.y = inner.length ? 30 : H / 2;
  });
  return new Map(nodes.map((nd, i) => [nd.code, pos[i]!]));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function draw(nodes: Node[], edges: Edge[], pos: Map<string, { x: number; y: number }>, onSelect: (e: Edge, el: SVGElement) => void, onNode: (n: Node, el: SVGElement) => void): SVGSVGElement {
  const maxMentions = Math.max(1, ...nodes.map((n) => n.mentions));
  const radius = (n: Node): number => 10 + 14 * Math.sqrt(n.mentions / maxMentions);
  const rOf = new Map(nodes.map((n) => [n.code, radius(n)]));
  const maxW = Math.max(1, ...edges.map((e) => e.weight));
  const defs = s(
    'defs',
    null,
    (['1', '-1', '0'] as const).map((k) =>
      s('marker', { id: `arrow${k}`, viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse' }, s('path', { d: 'M0,0 L10,5 L0,10 z', fill: SIGN_COLOUR[k] })),
    ),
  );
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': 'Actor graph: circles are actors, lines are relations', class: 'graph-svg' }, defs);
  // Pairs with edges both ways are drawn as two curves.
  const both = new Set(edges.filter((e) => e.directed).map((e) => `${e.source}>${e.target}`));
  for (const e of edges) {
    const a = pos.get(e.source)!;
    const b = pos.get(e.target)!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const d = Math.hypot(dx, dy) || 1;
    const ra = rOf.get(e.source)! + 2;
    const rb = rOf.get(e.target)! + (e.directed ? 4 : 2);
    const x1 = a.x + (dx / d) * ra;
    const y1 = a.y + (dy / d) * ra;
    const x2 = b.x - (dx / d) * rb;
    const y2 = b.y - (dy / d) * rb;
    const curve = e.directed && both.has(`${e.target}>${e.source}`) ? 28 : 0;
    const mx = (x1 + x2) / 2 - (dy / d) * curve;
    const my = (y1 + y2) / 2 + (dx / d) * curve;
    const sign = String(e.sign) as '1' | '-1' | '0';
    const width = 1.5 + 6 * Math.sqrt(e.weight / maxW);
    const label = `${e.source} ${e.directed ? '→' : '—'} ${e.target}: ${SIGN_WORD[sign]}, weight ${e.weight}, ${e.count} relation${e.count === 1 ? '' : 's'}${e.cameo.length ? `, CAMEO ${e.cameo.slice(0, 3).join(' ')}` : ''}`;
    const path = `M${x1.toFixed(1)},${y1.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`;
    const g = s(
      'g',
      { class: 'edge', tabindex: '0', role: 'button', 'aria-label': label, 'data-edge': key(e) },
      s('title', null, label),
      s('path', { d: path, class: 'edge-hit', fill: 'none', stroke: 'transparent', 'stroke-width': String(Math.max(12, width + 8)) }),
      s('path', { d: path, class: 'edge-line', fill: 'none', stroke: SIGN_COLOUR[sign], 'stroke-width': width.toFixed(1), 'stroke-dasharray': e.sign === 0 ? '5 4' : null, 'marker-end': e.directed ? `url(#arrow${sign})` : null }),
    );
    g.addEventListener('click', () => onSelect(e, g));
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        onSelect(e, g);
      }
    });
    svg.append(g);
  }
  for (const n of nodes) {
    const p = pos.get(n.code)!;
    const r = rOf.get(n.code)!;
    const label = `${n.name} (${n.code}, ${n.type}): ${n.mentions} mentions. ${n.portrayal?.summary ?? ''}`;
    const g = s(
      'g',
      { class: `node node-${n.type}`, tabindex: '0', role: 'button', 'aria-label': label, 'data-node': n.code },
      s('title', null, label),
      s('circle', { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1) }),
      s('text', { x: p.x.toFixed(1), y: (p.y + r + 14).toFixed(1), 'text-anchor': 'middle' }, n.name),
      // The code inside the circle only when it fits.
      n.code.length * 6.5 < 2 * r ? s('text', { x: p.x.toFixed(1), y: (p.y + 4).toFixed(1), 'text-anchor': 'middle', class: 'code' }, n.code) : null,
    );
    g.addEventListener('click', () => onNode(n, g));
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        onNode(n, g);
      }
    });
    svg.append(g);
  }
  return svg;
}

function docLink(g: ActorGraph, doc: string | null | undefined): Child {
  if (!doc || g.documents.length < 2) return null;
  const d = g.documents.find((x) => x.id === doc);
  return h('div', null, h('a', { href: `#/analyse/${doc}` }, d?.title ?? doc));
}

function edgeDetail(e: Edge, g: ActorGraph): HTMLElement {
  const sign = String(e.sign) as '1' | '-1' | '0';
  const events = g.events[key(e)] ?? [];
  const evidence: Child[] = events.length
    ? events.map((ev) =>
        h(
          'li',
          null,
          h('blockquote', null, ev.evidence.text),
          h(
            'div',
            { class: 'muted' },
            [ev.cameo ? `CAMEO ${ev.cameo}` : null, ev.description, ev.goldstein !== null ? `Goldstein ${ev.goldstein}` : null, ev.negated ? 'negated' : null, ev.modality && ev.modality !== 'asserted' ? ev.modality : null, ev.attribution ? `asserted by ${ev.attribution}` : null, ev.stance]
              .filter(Boolean)
              .join(' · '),
          ),
          ev.explanation ? h('div', { class: 'muted' }, ev.explanation) : null,
          docLink(g, ev.doc),
        ),
      )
    : e.evidence.map((ev) => h('li', null, h('blockquote', null, ev.text), docLink(g, ev.doc)));
  return h(
    'div',
    null,
    h('h3', null, `${e.source} ${e.directed ? '→' : '—'} ${e.target}`),
    h('p', null, `${SIGN_WORD[sign]} · weight ${e.weight} · ${e.count} relation${e.count === 1 ? '' : 's'}${e.cameo.length ? ` · CAMEO ${e.cameo.join(', ')}` : ''}`),
    h('ol', { class: 'evidence' }, evidence),
  );
}

function nodeDetail(n: Node, g: ActorGraph): HTMLElement {
  const p = n.portrayal;
  return h(
    'div',
    null,
    h('h3', null, `${n.name} (${n.code})`),
    h('p', null, `${n.type} · ${n.mentions} mentions`),
    p ? h('p', null, h('strong', null, `Portrayed as ${p.role}. `), p.summary) : null,
    p?.evidence.length ? h('ol', { class: 'evidence' }, p.evidence.map((ev) => h('li', null, h('blockquote', null, ev.text), docLink(g, ev.doc)))) : null,
    p?.framing?.length
      ? h(
          'div',
          null,
          h('h3', null, 'Techniques used on it'),
          h('ul', null, p.framing.map((f) => h('li', null, h('strong', null, `${f.technique.replace(/_/g, ' ')} ×${f.count}`), f.evidence.map((ev) => h('div', null, h('q', null, ev.text)))))),
        )
      : null,
  );
}

function edgeTable(edges: Edge[], onSelect: (e: Edge) => void): HTMLElement {
  const rows: Child[] = edges.slice(0, 200).map((e) =>
    h(
      'tr',
      null,
      h('td', null, h('button', { type: 'button', class: 'link', onclick: () => onSelect(e) }, `${e.source} ${e.directed ? '→' : '—'} ${e.target}`)),
      h('td', null, e.sign > 0 ? '+' : e.sign < 0 ? '−' : '0'),
      h('td', { class: 'num' }, String(e.weight)),
      h('td', { class: 'num' }, String(e.count)),
    ),
  );
  return h('details', { class: 'panel' }, h('summary', null, `Edges as a table (${edges.length})`), h('table', { class: 'edges' }, h('thead', null, h('tr', null, h('th', null, 'Edge'), h('th', null, 'Sign'), h('th', null, 'Weight'), h('th', null, 'Relations'))), h('tbody', null, rows)));
}

function balancePanel(g: ActorGraph): HTMLElement {
  const b = g.balance;
  const sg = (x: number): string => (x > 0 ? '+' : '−');
  const body: Child[] = [];
  if (!b.triads) {
    body.push(h('p', { class: 'note' }, 'No triangle of signed relations (+/−) in this selection, so the balance of triads cannot be judged. Unsigned co-mentions do not count.'));
  } else {
    body.push(
      h('p', null, `${b.balanced} of ${b.triads} triads balanced (${Math.round((b.balanced / b.triads) * 100)}%). A triad is balanced when the product of its signs is positive: the friend of my friend is my friend, the enemy of my enemy is my friend.`),
      h(
        'ul',
        { class: 'triads' },
        g.triads.slice(0, 100).map((t) => {
          const [a, b2, c] = t.actors;
          return h('li', { class: t.balanced ? 'balanced' : 'unbalanced' }, `${a} ${sg(t.signs[0])} ${b2} ${sg(t.signs[1])} ${c} ${sg(t.signs[2])} ${a}`, h('strong', null, t.balanced ? ' balanced' : ' unbalanced'));
        }),
      ),
    );
  }
  if (b.frustration !== null && b.triads) body.push(h('p', null, `Fewest sign changes that would balance the whole graph: ${b.frustration}.`, b.camps ? ` Camps: ${b.camps[0].join(', ')} | ${b.camps[1].join(', ')}.` : ''));
  for (const r of g.realignments.slice(0, 3)) {
    body.push(
      h(
        'div',
        { class: 'realign' },
        h('h3', null, `Realignment: ${r.label}`),
        h('p', null, r.summary),
        r.changes.length
          ? h('ul', null, r.changes.map((c) => h('li', null, `${c.a}–${c.b}: ${c.current === 0 ? 'no relation' : sg(c.current)} → ${sg(c.required)}`, c.evidence[0] ? h('blockquote', null, c.evidence[0].text) : null)))
          : null,
      ),
    );
  }
  return h('details', { class: 'panel', open: true }, h('summary', null, `Triads and balance (${b.triads})`), ...body);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
