/**
 * Outlet page (#/outlet/<name>): one outlet against the rest of the corpus — techniques and words it
 * over- and under-uses (z-scores of weighted log-odds), the actors it names and how it portrays
 * them, its actor graph in numbers, and who it copies and who copies it.
 */
import { api, type OutletProfile } from './api.js';
import { h, type Child } from './dom.js';
import { message } from './analyse.js';

export async function outletPage(root: HTMLElement, name: string | undefined): Promise<void> {
  const facets = await api.facets();
  const pick = h(
    'select',
    { id: 'outlet-pick', 'aria-label': 'Outlet' },
    h('option', { value: '' }, 'Choose an outlet'),
    facets.outlets.map((o) => h('option', { value: o.value, selected: o.value === name }, `${o.value} (${o.count})`)),
  );
  pick.addEventListener('change', () => {
    if (pick.value) location.hash = `#/outlet/${encodeURIComponent(pick.value)}`;
  });
  root.append(h('h1', null, name ? `Outlet: ${name}` : 'Outlets'), h('div', { class: 'row small' }, pick));
  if (!name) return;
  let p: OutletProfile;
  try {
    p = await api.outlet(name);
  } catch (err) {
    root.append(h('p', { class: 'error' }, message(err)));
    return;
  }
  if (!p.documents) {
    root.append(h('p', { class: 'note' }, `No documents from ${name} in the corpus.`));
    return;
  }
  const z = (x: number): string => (x >= 0 ? '+' : '') + x.toFixed(1);
  root.append(
    h('p', { class: 'status', id: 'outlet-summary' }, `${p.documents} documents (${p.words} words) against ${p.restDocuments} from other outlets`, p.first ? ` · ${p.first} to ${p.last}` : ''),
    h(
      'div',
      { class: 'outlet-columns' },
      table(
        'Techniques (z > 0: used more than the rest)',
        ['Technique', 'per 1,000 words', 'rest', 'z'],
        p.techniques.map((t) => [t.term.replace(/_/g, ' '), t.per1000.toFixed(2), t.restPer1000.toFixed(2), z(t.z)]),
        'outlet-techniques',
      ),
      table('Words it over-uses', ['Word', 'z'], p.overused.map((w) => [w.term, z(w.z)]), 'outlet-overused'),
      table('Words it under-uses', ['Word', 'z'], p.underused.map((w) => [w.term, z(w.z)]), 'outlet-underused'),
      table(
        'Actors',
        ['Actor', 'share', 'rest', 'roles', 'framed with'],
        p.actors.map((a) => [
          h('a', { href: `#/library?actor=${encodeURIComponent(a.code)}&outlet=${encodeURIComponent(p.outlet)}` }, `${a.name} (${a.code})`),
          `${Math.round(a.share * 100)}%`,
          `${Math.round(a.restShare * 100)}%`,
          Object.entries(a.roles)
            .map(([r, n]) => `${r} ${n}`)
            .join(', '),
          a.framing
            .slice(0, 3)
            .map((f) => f.technique.replace(/_/g, ' '))
            .join(', '),
        ]),
        'outlet-actors',
      ),
      table(
        'Relations in its articles',
        ['From', 'To', 'sign', 'count'],
        p.graph.edges.slice(0, 20).map((e) => [e.source, e.target, e.sign > 0 ? 'cooperation' : e.sign < 0 ? 'conflict' : 'co-mention', String(e.count)]),
        'outlet-edges',
      ),
      table('Copies articles from', ['Outlet', 'copies'], p.copiesFrom.map((c) => [link(c.outlet), String(c.count)]), 'outlet-copies-from'),
      table('Copied by', ['Outlet', 'copies'], p.copiedBy.map((c) => [link(c.outlet), String(c.count)]), 'outlet-copied-by'),
    ),
    h('p', null, h('a', { href: `#/graph?outlet=${encodeURIComponent(p.outlet)}` }, 'Actor system of this outlet'), ' · ', h('a', { href: `#/corpus?by=technique&outlet=${encodeURIComponent(p.outlet)}` }, 'Technique timeline')),
  );
}

function link(outlet: string): Child {
  return h('a', { href: `#/outlet/${encodeURIComponent(outlet)}` }, outlet);
}

function table(title: string, head: string[], rows: Child[][], id: string): HTMLElement {
  return h(
    'section',
    { class: 'panel outlet-panel', id },
    h('h2', null, title),
    rows.length
      ? h('table', null, h('thead', null, h('tr', null, head.map((x) => h('th', null, x)))), h('tbody', null, rows.map((r) => h('tr', null, r.map((c) => h('td', null, c))))))
      : h('p', { class: 'note' }, 'None.'),
  );
}
