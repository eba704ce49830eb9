/** The app shell: header navigation, hash routing (#/analyse, #/graph, #/library, #/corpus, #/copies, #/outlet; /docs), token entry. */
import { api, getToken, setToken, type Filters } from './api.js';
import { analysePage, message } from './analyse.js';
import { docsPage } from './docs.js';
import { graphPage } from './graph.js';
import { h } from './dom.js';
import { libraryPage } from './library.js';
import { corpusPage } from './corpus.js';
import { copiesPage } from './copies.js';
import { outletPage } from './outlet.js';

const main = document.getElementById('main')!;

function parse(): { page: string; id: string | undefined; params: Filters } {
  if (location.pathname === '/docs') return { page: 'docs', id: undefined, params: {} };
  const hash = location.hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = hash.split('?', 2);
  const [page = 'analyse', id] = path.split('/');
  const params: Filters = {};
  for (const [k, v] of new URLSearchParams(query)) params[k] = v;
  return { page: page || 'analyse', id: id || undefined, params };
}

let generation = 0;
async function route(): Promise<void> {
  const gen = ++generation;
  const { page, id, params } = parse();
  for (const a of document.querySelectorAll<HTMLAnchorElement>('header nav a')) {
    if (a.dataset.page === page) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (page !== 'graph' && !(page === 'analyse' && id)) document.querySelector('header a[data-page="graph"]')?.setAttribute('href', '#/graph');
  const view = h('div', { class: `page page-${page}` });
  main.replaceChildren(view);
  try {
    if (page === 'graph') await graphPage(view, params, id);
    else if (page === 'library') await libraryPage(view, params);
    else if (page === 'corpus') await corpusPage(view, params);
    else if (page === 'copies') await copiesPage(view, id, params);
    else if (page === 'outlet') await outletPage(view, id ? decodeURIComponent(id) : undefined);
    else if (page === 'docs' || page === 'api') await docsPage(view);
    else await analysePage(view, id);
  } catch (err) {
    if (gen === generation) view.append(h('p', { class: 'error' }, message(err)));
  }
  document.title = `slant — ${page === 'graph' ? 'Actor system' : page[0]!.toUpperCase() + page.slice(1)}`;
  view.dataset.ready = page;
}

async function tokenBox(): Promise<void> {
  const meta = await api.meta().catch(() => null);
  const slot = document.getElementById('token-slot');
  if (!meta || !slot) return;
  if (meta.readOnly) slot.append(h('span', { class: 'badge' }, 'read-only'));
  else if (meta.tokenRequired) {
    const input = h('input', { type: 'password', id: 'token', value: getToken(), placeholder: 'Access token', 'aria-label': 'Access token for analysing and deleting', autocomplete: 'off' });
    input.addEventListener('change', () => setToken(input.value.trim()));
    slot.append(input);
  }
}

// The skip link focuses the content without touching the hash (the hash is the route).
document.querySelector('a.skip')?.addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => void route());
void tokenBox();
void route();
