/**
 * Dependency trees of the sentences for the standalone HTML report (present when the analysis ran
 * with `--include syntax`): one collapsed <details> per sentence, opening to an arc diagram in
 * inline SVG (words in a row with their tags, an arrow from each head to its dependent labelled
 * with the relation). No script; every word is escaped.
 */
import type { SyntaxSentenceResult } from '../syntax/result.js';

/** Sentences drawn at most, and the longest sentence drawn (longer ones are listed, not drawn). */
const MAX_SENTENCES = 400;
const MAX_TOKENS = 120;

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Height levels of the arcs: an arc sits one level above the highest arc it spans. */
function levels(heads: readonly number[]): number[] {
  const n = heads.length;
  const arcs = heads.map((h, d) => ({ d, lo: Math.min(h, d), hi: Math.max(h, d), h })).filter((a) => a.h >= 0);
  arcs.sort((a, b) => a.hi - a.lo - (b.hi - b.lo) || a.lo - b.lo);
  const level = new Array<number>(n).fill(0);
  const placed: Array<{ lo: number; hi: number; l: number }> = [];
  for (const a of arcs) {
    let l = 1;
    for (const p of placed) if (p.lo >= a.lo && p.hi <= a.hi && p.l >= l) l = p.l + 1;
    level[a.d] = l;
    placed.push({ lo: a.lo, hi: a.hi, l });
  }
  return level;
}

/** The arc diagram of one sentence as an SVG element. */
export function treeSvg(s: SyntaxSentenceResult): string {
  const toks = s.tokens;
  const heads = toks.map((t) => t.head);
  const level = levels(heads);
  const top = Math.max(1, ...level);
  const step = 22;
  const base = 22 + top * step; // y where arcs start (above the words)
  const width = toks.map((t) => Math.max(44, 8 * Math.max(t.text.length, t.upos.length) + 14));
  const x: number[] = [];
  let acc = 10;
  for (const w of width) {
    x.push(acc + w / 2);
    acc += w;
  }
  const svgW = acc + 10;
  const svgH = base + 44;
  let arcs = '';
  toks.forEach((t, d) => {
    if (t.head < 0) {
      arcs += `<line x1="${x[d]}" y1="${base}" x2="${x[d]}" y2="8" class="root"/><text x="${x[d]! + 4}" y="16" class="rel">root</text>`;
      return;
    }
    const h = t.head;
    const xh = x[h]! + (d < h ? -4 : 4);
    const xd = x[d]!;
    const y = base - level[d]! * step;
    arcs += `<path d="M${xh},${base} C${xh},${y} ${xd},${y} ${xd},${base - 6}" class="arc"/>`;
    arcs += `<path d="M${xd - 4},${base - 8} L${xd},${base - 1} L${xd + 4},${base - 8}" class="head"/>`;
    arcs += `<text x="${(xh + xd) / 2}" y="${y + 0.25 * (base - y) - 2}" text-anchor="middle" class="rel">${esc(t.deprel)}</text>`;
  });
  const words = toks
    .map((t, i) => `<text x="${x[i]}" y="${base + 18}" text-anchor="middle" class="w">${esc(t.text)}</text><text x="${x[i]}" y="${base + 34}" text-anchor="middle" class="tag">${esc(t.upos)}</text>`)
    .join('');
  const label = toks.map((t, i) => `${t.text}${t.head >= 0 ? ` (${t.deprel} of ${toks[t.head]!.text})` : ' (root)'}`).join(', ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${svgW}" height="${svgH}" viewBox="0 0 ${svgW} ${svgH}" role="img" aria-label="${esc(label)}">${arcs}${words}</svg>`;
}

/** The "Sentence trees" section, or '' when the result carries no syntax. */
export function renderTrees(syntax: readonly SyntaxSentenceResult[] | undefined, textOf: (start: number, end: number) => string): string {
  if (!syntax?.length) return '';
  const items = syntax.slice(0, MAX_SENTENCES).map((s, i) => {
    const text = textOf(s.start, s.end).replace(/\s+/g, ' ');
    const summary = `${i + 1}. ${text.length > 140 ? text.slice(0, 139) + '…' : text}`;
    const body = s.tokens.length > MAX_TOKENS ? `<p>${s.tokens.length} words: too long to draw.</p>` : `<div class="tree">${treeSvg(s)}</div>`;
    return `<details><summary>${esc(summary)}</summary>${body}</details>`;
  });
  const more = syntax.length > MAX_SENTENCES ? `<p>${syntax.length - MAX_SENTENCES} more sentences not shown.</p>` : '';
  return `<section class="wide trees"><h2>Sentence trees</h2><p><small>Dependency parses (UD relations; parser trained on the UD English Web Treebank). Open a sentence to see its tree.</small></p>${items.join('\n')}${more}</section>`;
}

/** Styles of the tree section (added to the page's <style>). */
export const TREE_CSS = `.trees details{margin:2px 0}.trees summary{cursor:pointer}.trees .tree{overflow-x:auto;padding:4px 0}
.trees svg{max-width:none}.trees .arc{fill:none;stroke:#555;stroke-width:1.2}.trees .head{fill:none;stroke:#555;stroke-width:1.2}.trees .root{stroke:#999;stroke-dasharray:3 2}
.trees .rel{font:11px system-ui,sans-serif;fill:#0b5cad}.trees .w{font:13px system-ui,sans-serif;fill:#1b1b1b}.trees .tag{font:10px system-ui,sans-serif;fill:#777}`;
