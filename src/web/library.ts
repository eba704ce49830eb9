/**
 * Library page: every stored document, full-text search, filters (date, outlet, actor, technique),
 * sortable columns, pages, delete, export as JSON or CSV. The query lives in the URL hash so a
 * search can be bookmarked and the back button works.
 */
import { api, qs, type Facets, type Filters, type Meta } from './api.js';
import { h } from './dom.js';
import { message } from './analyse.js';

const FILTER_KEYS = ['q', 'from', 'to', 'outlet', 'actor', 'technique'] as const;
const PAGE_SIZE = '20';

export async function libraryPage(root: HTMLElement, params: Filters): Promise<void> {
  const [meta, facets] = await Promise.all([api.meta(), api.facets()]);
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const table = h('div', { class: 'table-host' });
  root.append(h('h1', { class: 'visually-hidden' }, 'Library'), searchForm(params, facets, meta), status, table);
  await list(table, status, params, meta);
}

function go(params: Filters): void {
  location.hash = `#/library${qs(params)}`;
}

function searchForm(params: Filters, facets: Facets, meta: Meta): HTMLElement {
  const q = h('input', { type: 'search', id: 'q', value: params.q ?? '', placeholder: 'Search title and text — words, "phrases", prefix*', 'aria-label': 'Search' });
  const from = h('input', { type: 'date', id: 'from', value: params.from ?? '', 'aria-label': 'Published from' });
  const to = h('input', { type: 'date', id: 'to', value: params.to ?? '', 'aria-label': 'Published to' });
  const select = (id: string, label: string, options: Array<{ value: string; text: string }>, current: string | undefined): HTMLSelectElement => {
    const el = h('select', { id, 'aria-label': label }, h('option', { value: '' }, `Any ${label.toLowerCase()}`), options.map((o) => h('option', { value: o.value, selected: o.value === current }, o.text)));
    return el;
  };
  const titles = new Map(meta.techniques.map((t) => [t.label, t.title]));
  const outlet = select('outlet', 'Outlet', facets.outlets.map((o) => ({ value: o.value, text: `${o.value} (${o.count})` })), params.outlet);
  const actor = select('actor', 'Actor', facets.actors.map((a) => ({ value: a.value, text: `${a.name} – ${a.value} (${a.count})` })), params.actor);
  const technique = select('technique', 'Technique', facets.techniques.map((t) => ({ value: t.value, text: `${titles.get(t.value) ?? t.value} (${t.count})` })), params.technique);
  const form = h(
    'form',
    {
      class: 'search',
      role: 'search',
      onsubmit: (e: Event) => {
        e.preventDefault();
        go({ q: q.value.trim(), from: from.value, to: to.value, outlet: outlet.value, actor: actor.value, technique: technique.value, sort: params.sort, order: params.order });
      },
    },
    h('div', { class: 'row' }, q, h('button', { type: 'submit', class: 'primary' }, 'Search')),
    h('div', { class: 'row small' }, h('label', null, 'From ', from), h('label', null, 'to ', to), outlet, actor, technique, h('button', { type: 'button', onclick: () => go({}) }, 'Clear')),
  );
  return form;
}

async function list(host: HTMLElement, status: HTMLElement, params: Filters, meta: Meta): Promise<void> {
  status.textContent = 'Searching…';
  let page;
  try {
    page = await api.search({ ...params, pageSize: PAGE_SIZE });
  } catch (err) {
    status.textContent = message(err);
    return;
  }
  const filters: Filters = Object.fromEntries(FILTER_KEYS.filter((k) => params[k]).map((k) => [k, params[k]]));
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  status.textContent = `${page.total} document${page.total === 1 ? '' : 's'}${page.total ? ` · page ${page.page} of ${pages}` : ''}`;
  const exportQs = (format: string): string => qs({ ...filters, sort: params.sort, order: params.order, format });
  const selected = new Set<string>();
  const graphSelected = h(
    'button',
    { type: 'button', disabled: true, onclick: () => (location.hash = `#/graph?ids=${[...selected].join(',')}`) },
    'Actor system of selected',
  );
  const toolbar = h(
    'div',
    { class: 'row small toolbar' },
    h('a', { href: `#/graph${qs(filters)}`, class: 'button' }, 'Actor system of these'),
    graphSelected,
    h('a', { href: `/api/export${exportQs('json')}`, download: 'slant-export.json', class: 'button' }, 'Export JSON'),
    h('a', { href: `/api/export${exportQs('csv')}`, download: 'slant-export.csv', class: 'button' }, 'Export CSV'),
  );
  const sortable = (key: string, label: string): HTMLElement => {
    const active = (params.sort ?? (params.q ? 'relevance' : 'created')) === key;
    const dir = params.order ?? (key === 'title' ? 'asc' : 'desc');
    const nextOrder = active ? (dir === 'asc' ? 'desc' : 'asc') : key === 'title' ? 'asc' : 'desc';
    return h(
      'th',
      { 'aria-sort': active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none' },
      h('button', { type: 'button', class: 'link', onclick: () => go({ ...params, sort: key, order: nextOrder, page: undefined }) }, label, active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''),
    );
  };
  const titles = new Map(meta.techniques.map((t) => [t.label, t.title]));
  const rows = page.items.map((d) => {
    const spans = Object.values(d.techniques).reduce((a, b) => a + b, 0);
    const top = Object.entries(d.techniques)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([k, n]) => `${titles.get(k) ?? k} ${n}`)
      .join(', ');
    const del = meta.readOnly
      ? null
      : h(
          'button',
          {
            type: 'button',
            class: 'danger',
            'aria-label': `Delete ${d.title ?? d.id}`,
            onclick: async () => {
              if (!confirm(`Delete “${d.title ?? d.id}”? This cannot be undone.`)) return;
              try {
                await api.remove(d.id);
                await list(host, status, params, meta);
              } catch (err) {
                status.textContent = message(err);
              }
            },
          },
          'Delete',
        );
    return h(
      'tr',
      { 'data-id': d.id },
      h(
        'td',
        null,
        h('input', {
          type: 'checkbox',
          class: 'pick',
          'aria-label': `Select ${d.title ?? d.id}`,
          onchange: (e: Event) => {
            if ((e.target as HTMLInputElement).checked) selected.add(d.id);
            else selected.delete(d.id);
            graphSelected.disabled = selected.size === 0;
            graphSelected.textContent = selected.size ? `Actor system of ${selected.size} selected` : 'Actor system of selected';
          },
        }),
      ),
      h('td', null, h('a', { href: `#/analyse/${d.id}` }, d.title ?? '(untitled)'), h('div', { class: 'snippet' }, d.snippet)),
      h('td', { class: 'nowrap' }, d.date ?? '—'),
      h('td', null, d.outlets.slice(0, 3).join(', ') || '—'),
      h('td', null, d.actors.slice(0, 6).join(' ') || '—'),
      h('td', null, spans ? `${spans}: ${top}` : '0'),
      h('td', { class: 'num' }, String(d.words)),
      h('td', { class: 'nowrap' }, d.created.slice(0, 10)),
      h('td', null, del),
    );
  });
  const table = h(
    'table',
    { class: 'library' },
    h(
      'thead',
      null,
      h('tr', null, h('th', null, h('span', { class: 'visually-hidden' }, 'Select')), sortable('title', 'Title'), sortable('date', 'Date'), h('th', null, 'Outlets'), h('th', null, 'Actors'), sortable('techniques', 'Techniques'), sortable('words', 'Words'), sortable('created', 'Added'), h('th', null, h('span', { class: 'visually-hidden' }, 'Actions'))),
    ),
    h('tbody', null, rows),
  );
  const nav = h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', disabled: page.page <= 1, onclick: () => go({ ...params, page: String(page.page - 1) }) }, '← Previous'),
    h('span', null, ` ${page.page} / ${pages} `),
    h('button', { type: 'button', disabled: page.page >= pages, onclick: () => go({ ...params, page: String(page.page + 1) }) }, 'Next →'),
  );
  host.replaceChildren(toolbar, page.items.length ? table : h('p', { class: 'note' }, 'Nothing found.'), pages > 1 ? nav : '');
}
