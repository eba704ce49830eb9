/**
 * The narratives panel of the analyse page: which SemEval-2025 narratives the article carries, with
 * their subnarratives and the sentences that carry them (hover: highlighted in the text; click:
 * scrolled to), and the role the text gives each actor. Kept apart from analyse.ts, which calls it.
 */
import type { AnalysisResult } from './api.js';
import { fmtConfidence, h } from './dom.js';

type Range = { start: number; end: number };
type Narrative = NonNullable<AnalysisResult['narratives']>[number];

const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + '…' : s);

export function narrativePanel(r: AnalysisResult, spot: (x: Range[], scroll?: boolean) => void, unspot: () => void): HTMLElement | null {
  if (r.narratives === undefined) return null; // stored before schema 1.2.0, or the component did not run
  const top = r.narratives.filter((n) => n.level === 'narrative');
  const subsOf = (n: Narrative): Narrative[] => r.narratives!.filter((s) => s.level === 'subnarrative' && s.parent === n.label);
  const evidenceButton = (n: Narrative): HTMLElement => {
    let next = 0;
    return h(
      'button',
      {
        type: 'button',
        class: 'link narrative',
        title: `${n.explanation}\nHover: highlight the evidence; press: go to the next sentence.`,
        onmouseenter: () => spot(n.evidence, false),
        onmouseleave: unspot,
        onfocus: () => spot(n.evidence, false),
        onblur: unspot,
        onclick: () => {
          const e = n.evidence[next % n.evidence.length];
          next++;
          if (e) spot([e]);
        },
      },
      h('strong', null, n.parent && n.label.startsWith(n.parent + ': ') ? n.label.slice(n.parent.length + 2) : n.label),
      h('span', { class: 'muted' }, ` · ${fmtConfidence(n.confidence)}`),
    );
  };
  const body: HTMLElement[] = [];
  if (!top.length) body.push(h('p', { class: 'note' }, 'Other: no narrative of the SemEval-2025 taxonomy (war in Ukraine, climate change) fits this text.'));
  else {
    const list = h('ul', { class: 'narratives' });
    for (const n of top) {
      const subs = subsOf(n);
      list.append(
        h(
          'li',
          null,
          evidenceButton(n),
          h('div', { class: 'mentions' }, n.evidence.slice(0, 1).map((e) => h('q', null, clip(e.text, 140)))),
          subs.length ? h('ul', { class: 'subnarratives' }, subs.map((s) => h('li', null, evidenceButton(s)))) : null,
        ),
      );
    }
    body.push(list);
  }
  const cast = r.actors.filter((a) => a.role);
  if (cast.length) {
    body.push(h('h3', null, 'Roles'));
    body.push(
      h(
        'ul',
        { class: 'roles' },
        cast.slice(0, 20).map((a) =>
          h(
            'li',
            null,
            h('button', { type: 'button', class: 'link', onmouseenter: () => spot(a.mentions, false), onmouseleave: unspot, onclick: () => spot(a.mentions.slice(0, 1)) }, h('strong', null, a.name)),
            ` — ${a.role!.main}`,
            a.role!.fine.length ? ` (${a.role!.fine.slice(0, 2).join(', ')})` : '',
            h('span', { class: 'muted' }, ` · ${fmtConfidence(a.role!.confidence)}`),
          ),
        ),
      ),
    );
  }
  return h('details', { class: 'panel', open: true }, h('summary', null, 'Narratives', ` (${top.length})`), ...body);
}
