/**
 * Copies page: #/copies lists the copy families and who copies whom; #/copies/<id> shows one family
 * with the earliest member and a copy side by side — removed sentences struck through on the left,
 * added ones marked on the right — and the headline, credits, scare quotes and findings that changed.
 */
import { api, type CopyFamily, type FamilyDetail, type StoredDocument } from './api.js';
import { h, type Child } from './dom.js';
import { message } from './analyse.js';

/** Family members listed before the rest fold away. */
const SHOWN_MEMBERS = 6;

export async function copiesPage(root: HTMLElement, id: string | undefined, params: Record<string, string | undefined>): Promise<void> {
  root.append(h('h1', null, 'Republished copies'));
  if (id) return familyView(root, id, params.copy);
  const { families, republication } = await api.copies();
  if (!families.length) {
    root.append(h('p', { class: 'note' }, 'No near-copies in the corpus yet. Copies are found when documents are ingested.'));
    return;
  }
  root.append(
    h('p', { class: 'status' }, `${families.length} famil${families.length === 1 ? 'y' : 'ies'} of near-copies`),
    h(
      'table',
      { class: 'families' },
      h('thead', null, h('tr', null, h('th', null, 'Earliest'), h('th', null, 'Outlet'), h('th', null, 'Date'), h('th', null, 'Copies'), h('th', null, 'Copied by'))),
      h('tbody', null, families.map(familyRow)),
    ),
  );
  if (republication.length) {
    root.append(
      h('h2', null, 'Who copies whom'),
      h(
        'table',
        { class: 'republication' },
        h('thead', null, h('tr', null, h('th', null, 'Copied outlet'), h('th', null, 'Copying outlet'), h('th', null, 'Copies'))),
        h('tbody', null, republication.map((r) => h('tr', null, h('td', null, outletLink(r.from)), h('td', null, outletLink(r.to)), h('td', null, String(r.count))))),
      ),
    );
  }
}

function outletLink(name: string | null): Child {
  return name ? h('a', { href: `#/outlet/${encodeURIComponent(name)}` }, name) : '—';
}

function familyRow(f: CopyFamily): HTMLElement {
  const first = f.members[0]!;
  return h(
    'tr',
    null,
    h('td', null, h('a', { href: `#/copies/${f.earliest}` }, first.title ?? first.id)),
    h('td', null, outletLink(first.outlet)),
    h('td', null, first.date ?? ''),
    h('td', null, String(f.members.length - 1)),
    h('td', null, [...new Set(f.members.slice(1).map((m) => m.outlet ?? '?'))].join(', ')),
  );
}

async function familyView(root: HTMLElement, id: string, copyId: string | undefined): Promise<void> {
  let fam: FamilyDetail;
  try {
    fam = await api.family(id);
  } catch (err) {
    root.append(h('p', { class: 'error' }, message(err)), h('p', null, h('a', { href: '#/copies' }, 'All families')));
    return;
  }
  const later = fam.members.slice(1);
  const chosen = later.find((m) => m.id === copyId) ?? later.find((m) => m.id === id) ?? later[0]!;
  const change = fam.changes.find((c) => c.id === chosen.id)?.changes;
  const [earliest, copy] = await Promise.all([api.document(fam.earliest), api.document(chosen.id)]);
  const item = (m: FamilyDetail['members'][number], i: number): HTMLElement =>
    h(
      'li',
      { 'aria-current': m.id === chosen.id ? 'true' : null },
      i === 0 ? h('strong', null, 'Earliest: ') : h('a', { href: `#/copies/${fam.earliest}?copy=${m.id}` }, 'Compare: '),
      `${m.outlet ?? 'unknown outlet'} · ${m.date ?? 'no date'} · `,
      h('a', { href: `#/analyse/${m.id}` }, m.title ?? m.id),
      i ? ` · similarity ${Math.round(m.similarity * 100)}%` : '',
    );
  // A long family folds after a few members (the chosen copy always shows).
  const shown = fam.members.map(item);
  const head = shown.filter((_, i) => i < SHOWN_MEMBERS || fam.members[i]!.id === chosen.id);
  const rest = shown.filter((_, i) => !(i < SHOWN_MEMBERS || fam.members[i]!.id === chosen.id));
  root.append(
    h('p', null, h('a', { href: '#/copies' }, '← All families'), ` · ${fam.members.length} members`),
    h('ul', { class: 'members' }, head),
  );
  if (rest.length) root.append(h('details', { class: 'more-members' }, h('summary', null, `${rest.length} more`), h('ul', { class: 'members' }, rest)));
  if (!change) return;
  root.append(
    h(
      'div',
      { class: 'side-by-side' },
      side('Earliest', earliest, change.removed, 'del', change.headline?.earliest ?? null),
      side('Copy', copy, change.added, 'ins', change.headline?.copy ?? null),
    ),
    h(
      'section',
      { class: 'changes', 'aria-label': 'What the copy changed' },
      h('h2', null, 'What the copy changed'),
      list('Headline', change.headline ? [`“${change.headline.earliest ?? ''}” → “${change.headline.copy ?? ''}”`] : []),
      list('Sentences added', change.added),
      list('Sentences removed', change.removed),
      list('Reworded', change.reworded.map((r) => `“${r.earliest}” → “${r.copy}”`)),
      change.reordered ? h('p', null, 'Paragraphs were reordered.') : null,
      list('Credit lines added', change.credits.added),
      list('Credit lines removed', change.credits.removed),
      list('Scare quotes added around', change.scareQuotes),
      list('Findings only in the copy', change.findings.added.map((f) => `${f.technique.replace(/_/g, ' ')}: “${f.text}”`)),
      list('Findings only in the earliest', change.findings.removed.map((f) => `${f.technique.replace(/_/g, ' ')}: “${f.text}”`)),
    ),
  );
}

function list(title: string, items: string[]): Child {
  if (!items.length) return null;
  return h('div', { class: 'change-list' }, h('h3', null, title), h('ul', null, items.map((x) => h('li', null, x))));
}

/** One column: the title and the text, with the given sentences marked (<del> or <ins>). */
function side(label: string, doc: StoredDocument, marked: string[], tag: 'del' | 'ins', headline: string | null): HTMLElement {
  const text = doc.result.text;
  // Mark each listed sentence where it occurs (first occurrence, in text order, never overlapping).
  const ranges: Array<[number, number]> = [];
  for (const s of marked) {
    const at = text.indexOf(s);
    if (at >= 0) ranges.push([at, at + s.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const parts: Child[] = [];
  let pos = 0;
  for (const [a, b] of ranges) {
    if (a < pos) continue;
    parts.push(text.slice(pos, a), h(tag, null, text.slice(a, b)));
    pos = b;
  }
  parts.push(text.slice(pos));
  return h(
    'article',
    { class: `copy-side copy-${tag === 'del' ? 'earliest' : 'copy'}`, 'aria-label': label },
    h('h2', null, label, ': ', headline ? h('mark', { class: 'changed' }, doc.result.meta.title ?? '') : doc.result.meta.title ?? doc.id),
    h('p', { class: 'muted' }, [doc.result.meta.siteName ?? doc.result.meta.source ?? '', doc.result.meta.date ?? ''].filter(Boolean).join(' · ')),
    h('div', { class: 'copy-text' }, parts),
  );
}
