/**
 * Analyse page: paste text, upload files or give a URL; then the article with technique spans
 * highlighted (legend with toggles, tooltips on hover and focus) and side panels for metadata,
 * actors, relations and claims.
 */
import { api, ApiError, type AnalysisResult, type Meta, type StoredDocument, type TechniqueInfo } from './api.js';
import { techniqueColor } from '../techniques/palette.js';
import { externalLink, fmtConfidence, h, type Child } from './dom.js';
import { rangeOf, renderArticle, toFindings, type Finding, type Rendered } from './highlight.js';
import { CodePoints } from '../core/text.js';
import { narrativePanel } from './narratives.js';

const FILE_TYPES = '.txt,.text,.md,.html,.htm,.json,.jsonl';
/** Lines read from one .jsonl upload (each line one document). */
const MAX_JSONL = 1000;
const JSON_FIELDS = ['text', 'html', 'url', 'title', 'date', 'source', 'byline'];

export async function analysePage(root: HTMLElement, id: string | undefined): Promise<void> {
  // Fetch the document and the technique definitions at the same time.
  const docPromise = id ? api.document(id) : null;
  docPromise?.catch(() => undefined);
  const meta = await api.meta();
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const batch = h('ul', { class: 'batch', 'aria-label': 'Uploaded files' });
  const resultBox = h('div', { class: 'result' });
  const form = inputForm(meta, status, batch, async (doc) => {
    history.pushState(null, '', `#/analyse/${doc.id}`);
    showResult(resultBox, doc, meta);
  });
  root.append(h('h1', { class: 'visually-hidden' }, 'Analyse'), form, status, batch, resultBox);
  if (id) {
    status.textContent = 'Loading…';
    try {
      const doc = await docPromise!;
      status.textContent = '';
      form.open = false;
      showResult(resultBox, doc, meta);
    } catch (err) {
      status.textContent = message(err);
    }
  }
}

export function message(err: unknown): string {
  return err instanceof ApiError ? `${err.code}: ${err.message}` : `Error: ${(err as Error).message}`;
}

// --- input ---------------------------------------------------------------------------------------

function inputForm(meta: Meta, status: HTMLElement, batch: HTMLElement, done: (d: StoredDocument) => void): HTMLDetailsElement {
  const box = h('details', { class: 'input', open: true });
  box.append(h('summary', null, 'New analysis'));
  if (meta.readOnly) {
    box.append(h('p', { class: 'note' }, 'This server is read-only: it shows and searches stored documents but analyses nothing new.'));
    return box;
  }
  const text = h('textarea', { id: 'text', rows: 8, placeholder: 'Paste the article here…', 'aria-label': 'Article text', spellcheck: 'false' });
  const title = h('input', { id: 'title', type: 'text', placeholder: 'Title (optional)', 'aria-label': 'Title (optional)' });
  const date = h('input', { id: 'date', type: 'date', 'aria-label': 'Publication date (optional)' });
  const files = h('input', { id: 'files', type: 'file', multiple: true, accept: FILE_TYPES, 'aria-label': 'Upload files (.txt, .html, .json, .jsonl)' });
  const url = h('input', { id: 'url', type: 'url', placeholder: 'https://…', 'aria-label': 'Article address (URL)' });
  const go = h('button', { type: 'submit', class: 'primary' }, 'Analyse');

  let busy = false;
  // Inputs are functions, so a file is read and checked only when its turn comes.
  const run = async (inputs: Array<{ name: string; input: () => Promise<Record<string, string>> | Record<string, string> }>): Promise<void> => {
    if (busy) return;
    busy = true;
    go.disabled = true;
    batch.replaceChildren();
    let last: StoredDocument | null = null;
    try {
      for (const [i, item] of inputs.entries()) {
        const li = h('li', null, item.name, ': ');
        if (inputs.length > 1) batch.append(li);
        status.textContent = `Analysing ${inputs.length > 1 ? `${i + 1} of ${inputs.length}: ${item.name}` : ''}…`;
        try {
          const doc = await api.analyze(await item.input());
          last = doc;
          li.append(h('a', { href: `#/analyse/${doc.id}` }, doc.result.meta.title ?? doc.id), ` — ${doc.result.techniques.length} technique spans`);
        } catch (err) {
          li.append(h('span', { class: 'error' }, message(err)));
          if (inputs.length === 1) throw err;
        }
      }
      status.textContent = last ? '' : 'Nothing was analysed.';
      if (last) {
        box.open = false;
        done(last);
      }
    } catch (err) {
      status.textContent = message(err);
    } finally {
      busy = false;
      go.disabled = false;
    }
  };

  const form = h(
    'form',
    {
      class: 'input-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const extra: Record<string, string> = {};
        if (title.value.trim()) extra.title = title.value.trim();
        if (date.value) extra.date = date.value;
        if (files.files && files.files.length) {
          const list = [...files.files];
          void Promise.all(list.map((f) => (f.name.toLowerCase().endsWith('.jsonl') ? jsonlInputs(f) : [{ name: f.name, input: () => fileInput(f).then((x) => ({ ...x, ...(list.length === 1 ? extra : {}) })) }])))
            .then((items) => run(items.flat()))
            .catch((err: unknown) => (status.textContent = message(err)));
        } else if (url.value.trim()) {
          void run([{ name: url.value.trim(), input: () => ({ url: url.value.trim(), ...extra }) }]);
        } else if (text.value.trim()) {
          void run([{ name: 'pasted text', input: () => ({ text: text.value, ...extra }) }]);
        } else {
          status.textContent = 'Paste a text, choose files or give an address first.';
          text.focus();
        }
      },
    },
    h('label', { class: 'field wide' }, h('span', null, 'Text'), text),
    h(
      'div',
      { class: 'row' },
      h('label', { class: 'field' }, h('span', null, 'or files'), files),
      h('label', { class: 'field' }, h('span', null, 'or address'), url),
    ),
    h('div', { class: 'row' }, h('label', { class: 'field' }, h('span', null, 'Title'), title), h('label', { class: 'field' }, h('span', null, 'Date'), date), go),
  );
  box.append(
    h('p', { class: 'note hint' }, 'Paste an article, choose .txt, .html, .json or .jsonl files (several at once), or give a web address. slant marks the persuasion techniques and draws the actor system the text asserts; every document is kept in the library on this machine.'),
    form,
  );
  return box;
}

/** A JSON Lines file: one {text|html, title, date, url, source} object per line. */
async function jsonlInputs(f: File): Promise<Array<{ name: string; input: () => Record<string, string> }>> {
  if (f.size > 64 * 1024 * 1024) throw new ApiError(413, 'E103', `${f.name} is larger than 64 MB`);
  const lines = (await f.text()).split('\n');
  const out: Array<{ name: string; input: () => Record<string, string> }> = [];
  for (let i = 0; i < lines.length && out.length < MAX_JSONL; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    out.push({ name: `${f.name} line ${i + 1}`, input: () => jsonFields(line, `${f.name} line ${i + 1}`) });
  }
  return out;
}

/** The analysis fields of one JSON object. */
function jsonFields(content: string, name: string): Record<string, string> {
  let v: unknown;
  try {
    v = JSON.parse(content);
  } catch {
    throw new ApiError(400, 'E106', `${name} is not valid JSON`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ApiError(400, 'E106', `${name}: expected a JSON object with a "text" field`);
  const out: Record<string, string> = {};
  for (const k of JSON_FIELDS) {
    const x = (v as Record<string, unknown>)[k];
    if (typeof x === 'string') out[k] = x;
  }
  if (!out.text && !out.html) throw new ApiError(400, 'E106', `${name}: expected a "text" (or "html") field`);
  return out;
}

/** A file as an analysis request: HTML as html, JSON by its fields, anything else as text. */
async function fileInput(f: File): Promise<Record<string, string>> {
  if (f.size > 12 * 1024 * 1024) throw new ApiError(413, 'E103', `${f.name} is larger than 12 MB`);
  const content = await f.text();
  const lower = f.name.toLowerCase();
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return { html: content };
  if (lower.endsWith('.json')) return jsonFields(content, f.name);
  return { text: content };
}

// --- result --------------------------------------------------------------------------------------

interface Highlights {
  set(name: string, h: unknown): void;
  delete(name: string): void;
}
const cssHighlights = (): Highlights | null => (globalThis.CSS as unknown as { highlights?: Highlights })?.highlights ?? null;
const HighlightCtor = (globalThis as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;

let currentTip: HTMLElement | null = null;
let scrollHooked = false;

export function showResult(box: HTMLElement, doc: StoredDocument, meta: Meta): void {
  const t0 = performance.now();
  const r = doc.result;
  const order = meta.techniques.map((t) => t.label);
  const info = new Map<string, TechniqueInfo>(meta.techniques.map((t) => [t.label, t]));
  const all = toFindings(r.text, r.techniques);
  const low = all.filter((f) => !f.shown).length;
  // Spans under their measured-precision threshold stay out unless asked for (then drawn grey).
  let showLow = false;
  const listed = (): Finding[] => (showLow ? all : all.filter((f) => f.shown));
  const present = [...new Set(all.map((f) => f.technique))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const hidden = new Set<string>();
  const cp = new CodePoints(r.text);

  const articleHost = h('div', { class: 'article-host' });
  const tip = h('div', { class: 'tip', id: 'tip', role: 'tooltip', hidden: true });
  let rendered: Rendered;
  let visible: Finding[] = [];

  const draw = (): void => {
    visible = listed().filter((f) => !hidden.has(f.technique));
    rendered = renderArticle(r.text, visible, order, r.meta.language);
    articleHost.replaceChildren(rendered.root);
  };

  // Tooltip: what covers the hovered or focused segment.
  const showTip = (mark: HTMLElement): void => {
    const si = Number(mark.dataset.seg);
    const seg = rendered.segments[si];
    if (!seg) return;
    tip.replaceChildren(
      ...seg.findings.map((i) => {
        const f = visible[i]!;
        const ti = info.get(f.technique);
        return h(
          'div',
          { class: 'tip-item' },
          h('div', { class: 'tip-head' }, swatch(f.technique, order), h('strong', null, ti?.title ?? f.technique), h('span', { class: 'conf' }, `confidence ${fmtConfidence(f.confidence)}`)),
          ti?.definition ? h('div', { class: 'def' }, ti.definition) : null,
          h('div', { class: 'why' }, h('em', null, 'Why: '), f.explanation || '—'),
          h('div', { class: 'by' }, `${f.technique} · ${f.component}`),
        );
      }),
    );
    tip.hidden = false;
    mark.setAttribute('aria-describedby', 'tip');
    const rect = mark.getBoundingClientRect();
    const tw = Math.min(420, window.innerWidth - 16);
    tip.style.width = `${tw}px`;
    tip.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - tw - 8))}px`;
    const below = rect.bottom + 6;
    tip.style.top = `${below}px`;
    const th = tip.offsetHeight;
    if (below + th > window.innerHeight - 8 && rect.top - th - 6 > 8) tip.style.top = `${rect.top - th - 6}px`;
  };
  const hideTip = (): void => {
    tip.hidden = true;
  };
  const markOf = (e: Event): HTMLElement | null => (e.target instanceof Element ? (e.target.closest('mark.span') as HTMLElement | null) : null);
  articleHost.addEventListener('mouseover', (e) => {
    const m = markOf(e);
    if (m) showTip(m);
  });
  articleHost.addEventListener('mouseout', (e) => {
    const to = (e as MouseEvent).relatedTarget;
    if (!(to instanceof Element && to.closest('mark.span'))) hideTip();
  });
  articleHost.addEventListener('focusin', (e) => {
    const m = markOf(e);
    if (m) showTip(m);
  });
  articleHost.addEventListener('focusout', hideTip);
  articleHost.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hideTip();
  });
  currentTip = tip;
  if (!scrollHooked) {
    scrollHooked = true;
    window.addEventListener('scroll', () => currentTip && (currentTip.hidden = true), { passive: true });
  }

  /** Mark a code-point range in the text (CSS highlight, no DOM change) and scroll it into view. */
  const spotlight = (ranges: Array<{ start: number; end: number }>, scroll = true): void => {
    const reg = cssHighlights();
    const rs = ranges.map((x) => rangeOf(rendered, cp.u16(Math.min(x.start, cp.length)), cp.u16(Math.min(x.end, cp.length)))).filter((x): x is Range => x !== null);
    if (reg && HighlightCtor) reg.set('slant-spot', new HighlightCtor(...rs));
    if (scroll && rs[0]) (rs[0].startContainer.parentElement ?? articleHost).scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
  };
  const unspot = (): void => cssHighlights()?.delete('slant-spot');
  /** From the list of spans to the span itself: focus its first segment, which shows the tooltip. */
  const focusFinding = (f: Finding): void => {
    if (hidden.has(f.technique)) return spotlight([{ start: f.cpStart, end: f.cpEnd }]);
    const si = rendered.segments.findIndex((sg) => sg.start === f.start);
    const el = rendered.elements[si];
    if (!el) return spotlight([{ start: f.cpStart, end: f.cpEnd }]);
    if (!el.hasAttribute('tabindex')) el.tabIndex = -1;
    el.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    el.focus({ preventScroll: true });
    spotlight([{ start: f.cpStart, end: f.cpEnd }], false);
  };

  // Legend with toggles.
  const legend = h('fieldset', { class: 'legend' }, h('legend', null, `Techniques (${all.length - low} spans)`));
  if (!present.length) legend.append(h('p', { class: 'note' }, 'No technique spans found.'));
  for (const t of present) {
    const n = all.filter((f) => f.technique === t && f.shown).length;
    const k = all.filter((f) => f.technique === t && !f.shown).length;
    const box = h('input', {
      type: 'checkbox',
      checked: true,
      'data-technique': t,
      onchange: (e: Event) => {
        if ((e.target as HTMLInputElement).checked) hidden.delete(t);
        else hidden.add(t);
        draw();
      },
    });
    legend.append(h('label', { class: 'legend-item', title: info.get(t)?.definition ?? '' }, box, swatch(t, order), h('span', { class: 'legend-title' }, info.get(t)?.title ?? t), h('span', { class: 'count', title: k ? `${n} shown, ${k} below the precision threshold` : '' }, k ? `${n} (+${k})` : String(n))));
  }
  if (present.length > 1) {
    const setAll = (on: boolean): void => {
      for (const el of legend.querySelectorAll<HTMLInputElement>('input[data-technique]')) el.checked = on;
      hidden.clear();
      if (!on) for (const t of present) hidden.add(t);
      draw();
    };
    legend.append(h('div', { class: 'row small' }, h('button', { type: 'button', onclick: () => setAll(true) }, 'All'), h('button', { type: 'button', onclick: () => setAll(false) }, 'None')));
  }
  const spansHost = h('div', null);
  const drawList = (): void => spansHost.replaceChildren(findingList(listed(), info, order, focusFinding));
  if (low > 0) {
    const toggle = h('input', {
      type: 'checkbox',
      class: 'show-low',
      onchange: (e: Event) => {
        showLow = (e.target as HTMLInputElement).checked;
        draw();
        drawList();
      },
    });
    legend.append(
      h(
        'label',
        { class: 'legend-item low', title: 'Spans whose rule or model band was right less often than its threshold (at least 0.4) on the PTC training articles, by cross-validation; drawn grey.' },
        toggle,
        h('span', { class: 'legend-title' }, `Show ${low} low-precision ${low === 1 ? 'span' : 'spans'}`),
      ),
    );
  }
  drawList();

  draw();
  const title = r.meta.title ?? (r.text.split('\n', 1)[0] ?? '').slice(0, 120);
  box.replaceChildren(
    h(
      'div',
      { class: 'doc-head' },
      h('h2', null, title || 'Untitled'),
      h(
        'nav',
        { class: 'doc-links', 'aria-label': 'This document' },
        h('a', { href: `#/graph/${doc.id}` }, 'Actor system →'),
        h('a', { href: `/api/documents/${doc.id}/report`, target: '_blank', rel: 'noopener' }, 'Report'),
        h('a', { href: `/api/export?format=json&ids=${doc.id}`, download: `slant-${doc.id}.json` }, 'JSON'),
      ),
    ),
    h('div', { class: 'columns' }, h('aside', { class: 'left', 'aria-label': 'Legend' }, legend, spansHost), h('article', { class: 'main', 'aria-label': 'Article' }, articleHost), h('aside', { class: 'right', 'aria-label': 'Details' }, metaPanel(doc), actorPanel(r, spotlight, unspot), narrativePanel(r, spotlight, unspot), relationPanel(r, spotlight), claimPanel(r, spotlight))),
    tip,
  );
  const ms = performance.now() - t0;
  (window as unknown as { __slantRenderMs?: number }).__slantRenderMs = ms;
  performance.mark('slant:rendered');
  box.dataset.rendered = doc.id;
  // The header's "Actor system" now means this document's.
  document.querySelector('header a[data-page="graph"]')?.setAttribute('href', `#/graph/${doc.id}`);
}

function swatch(t: string, order: readonly string[]): HTMLElement {
  const el = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  el.style.backgroundColor = techniqueColor(t);
  return el;
}

function panel(title: string, count: number | null, ...body: Child[]): HTMLDetailsElement {
  return h('details', { class: 'panel', open: true }, h('summary', null, title, count === null ? '' : ` (${count})`), ...body);
}

/** The first items of a long list, and a button for the rest (keeps the first paint small). */
function lazyList<T>(tag: 'ol' | 'ul', cls: string, items: readonly T[], item: (x: T) => HTMLElement, first = 30): HTMLElement {
  const list = h(tag, { class: cls });
  const add = (from: number, to: number): void => {
    for (let i = from; i < to; i++) list.append(item(items[i]!));
  };
  add(0, Math.min(first, items.length));
  if (items.length <= first) return list;
  const more = h(
    'button',
    {
      type: 'button',
      class: 'link more',
      onclick: () => {
        more.remove();
        add(first, Math.min(items.length, 3000));
      },
    },
    `Show all ${items.length}`,
  );
  return h('div', null, list, more);
}

function findingList(all: Finding[], info: Map<string, TechniqueInfo>, order: readonly string[], go: (f: Finding) => void): HTMLElement {
  const item = (f: Finding): HTMLElement =>
    h(
      'li',
      null,
      h('button', { type: 'button', class: 'link', onclick: () => go(f) }, swatch(f.technique, order), h('span', null, info.get(f.technique)?.title ?? f.technique, ': '), h('q', null, clip(f.text, 80))),
    );
  return panel('Spans', all.length, lazyList('ol', 'findings', all, item));
}

function metaPanel(doc: StoredDocument): HTMLElement {
  const m = doc.result.meta;
  const rows: Array<[string, Child]> = [
    ['Title', m.title],
    ['Date', m.date ? `${m.date}${m.dateSource ? ` (from ${m.dateSource})` : ''}` : null],
    ['Byline', m.byline],
    ['Language', m.language],
    ['Site', m.siteName],
    ['Source', m.source],
    ['Address', externalLink(m.canonicalUrl ?? m.url)],
    ['Stored', `${doc.created.slice(0, 16).replace('T', ' ')} · id ${doc.id}`],
  ];
  const dl = h('dl', { class: 'meta' });
  for (const [k, v] of rows) if (v) dl.append(h('dt', null, k), h('dd', null, v));
  const credits = m.credits.length
    ? h(
        'ul',
        { class: 'credits' },
        m.credits.map((c) => h('li', null, h('strong', null, c.name), c.code ? ` (${c.code})` : '', ` — ${c.kind.replace(/-/g, ' ')}`, c.country ? `, ${c.country}` : '')),
      )
    : h('p', { class: 'note' }, 'No credited sources found.');
  return panel('Document and credits', null, dl, h('h3', null, 'Credits'), credits);
}

function actorPanel(r: AnalysisResult, spot: (x: Array<{ start: number; end: number }>, scroll?: boolean) => void, unspot: () => void): HTMLElement {
  if (!r.actors.length) return panel('Actors', 0, h('p', { class: 'note' }, 'No actors found.'));
  const list = h('ul', { class: 'actors' });
  for (const a of r.actors) {
    let next = 0;
    const btn = h(
      'button',
      {
        type: 'button',
        class: 'link actor',
        title: 'Show the mentions in the text; press again for the next one',
        onmouseenter: () => spot(a.mentions, false),
        onmouseleave: unspot,
        onclick: () => {
          const m = a.mentions[next % a.mentions.length]!;
          next++;
          spot([m]);
        },
      },
      h('strong', null, a.name),
      ` ${a.code}`,
      h('span', { class: 'muted' }, ` · ${a.type} · ${a.mentions.length}×`),
    );
    const mentions = [...new Set(a.mentions.map((m) => m.text))].slice(0, 6);
    list.append(h('li', null, btn, h('div', { class: 'mentions' }, mentions.map((t) => h('q', null, clip(t, 40))))));
  }
  return panel('Actors', r.actors.length, list);
}

type Spot = (x: Array<{ start: number; end: number }>) => void;

/** Coded events (who does what to whom) when present, and the co-mentioned pairs. */
function relationPanel(r: AnalysisResult, spot: Spot): HTMLElement[] {
  const out: HTMLElement[] = [];
  const events = (r.events ?? []) as unknown as Array<Record<string, unknown> & { source: string; target: string; evidence: { start: number; end: number; text: string }; explanation: string }>;
  if (events.length) {
    const item = (ev: (typeof events)[number]): HTMLElement => {
      const att = ev.attribution as { kind?: string; text?: string | null } | undefined;
      const tags = [
        typeof ev.cameo === 'string' ? `CAMEO ${ev.cameo}` : null,
        typeof ev.description === 'string' ? ev.description : null,
        typeof ev.goldstein === 'number' ? `Goldstein ${ev.goldstein}` : null,
        typeof ev.plover === 'string' ? `PLOVER ${ev.plover}` : null,
        ev.negated === true ? 'negated' : null,
        typeof ev.modality === 'string' && ev.modality !== 'asserted' ? ev.modality : null,
        att?.kind && att.kind !== 'author' ? `according to ${att.text ?? att.kind}` : null,
      ].filter(Boolean);
      const sign = typeof ev.quad === 'number' ? (ev.quad <= 2 ? '+' : '−') : '';
      return h(
        'li',
        null,
        h('button', { type: 'button', class: 'link', onclick: () => spot([ev.evidence]) }, h('strong', null, `${ev.source} → ${ev.target}`), sign ? ` (${sign})` : ''),
        h('div', { class: 'muted' }, tags.join(' · ')),
        h('blockquote', null, clip(ev.evidence.text, 240)),
      );
    };
    out.push(panel('Relations (coded events)', events.length, lazyList('ul', 'relations', events, item, 20)));
  }
  if (r.relations.length) {
    const item = (rel: AnalysisResult['relations'][number]): HTMLElement =>
      h('li', null, h('button', { type: 'button', class: 'link', onclick: () => spot([rel.evidence]) }, h('strong', null, `${rel.source} — ${rel.target}`), ` ${rel.kind}`), h('blockquote', null, clip(rel.evidence.text, 240)));
    const p = panel(events.length ? 'Co-mentions' : 'Relations', r.relations.length, lazyList('ul', 'relations', r.relations, item, 20));
    if (events.length) p.open = false;
    out.push(p);
  }
  if (!out.length) out.push(panel('Relations', 0, h('p', { class: 'note' }, 'No relations found.')));
  return out;
}

/** Claims, when the analysis provides them (a later component); shown generically. */
function claimPanel(r: AnalysisResult, spot: (x: Array<{ start: number; end: number }>) => void): HTMLElement | null {
  const claims = (r as unknown as { claims?: unknown }).claims;
  if (!Array.isArray(claims) || !claims.length) return null;
  const list = h('ul', { class: 'claims' });
  for (const c of claims.slice(0, 200) as Array<Record<string, unknown>>) {
    const text = typeof c.text === 'string' ? c.text : JSON.stringify(c).slice(0, 200);
    const start = typeof c.start === 'number' ? c.start : null;
    const end = typeof c.end === 'number' ? c.end : null;
    const label = typeof c.narrative === 'string' ? c.narrative : typeof c.label === 'string' ? c.label : null;
    list.append(h('li', null, start !== null && end !== null ? h('button', { type: 'button', class: 'link', onclick: () => spot([{ start, end }]) }, clip(text, 200)) : clip(text, 200), label ? h('div', { class: 'muted' }, label) : null));
  }
  return panel('Claims', claims.length, list);
}

function clip(s: string, n: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}
