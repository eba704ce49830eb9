/**
 * One standalone HTML page for one analysis: the article with technique spans highlighted and
 * explained, a legend whose checkboxes hide a technique (pure CSS, no script), and the actors,
 * relations and graph beside it, and (with `--include syntax`) each sentence's dependency tree. All text from the article is escaped; the page runs no script
 * and its Content-Security-Policy forbids any.
 */
import type { AnalysisResult } from '../result.js';
import { CodePoints } from '../core/text.js';
import { TECHNIQUES } from '../techniques/types.js';
import { segments } from './segments.js';
import { renderTrees, TREE_CSS } from './tree.js';
import { techniqueColorIndex, TECHNIQUE_COLORS, tint } from '../techniques/palette.js';

export interface HtmlReportParts {
  /** Technique → plain definition (shown in the legend and tooltips). */
  definitions?: Partial<Record<string, string>>;
  /** A ready SVG drawing of the actor graph (trusted: made by slant's renderer, which escapes). */
  graphSvg?: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderHtml(r: AnalysisResult, parts: HtmlReportParts = {}): string {
  const e = escapeHtml;
  const cp = new CodePoints(r.text);
  const defs = parts.definitions ?? {};
  const used = TECHNIQUES.filter((t) => r.techniques.some((x) => x.technique === t));

  let article = '';
  for (const seg of segments(r)) {
    let chunk = e(cp.slice(seg.start, seg.end)).replace(/\n/g, '<br>');
    if (seg.active.length) {
      const inner = seg.active[seg.active.length - 1]!;
      const t = r.techniques[inner]!;
      const tip = seg.active
        .map((i) => {
          const x = r.techniques[i]!;
          const def = defs[x.technique];
          return `[${i + 1}] ${x.technique} (confidence ${x.confidence.toFixed(2)}): ${x.explanation}${def ? `\n    ${def}` : ''}`;
        })
        .join('\n');
      const classes = seg.active.map((i) => `t${techniqueColorIndex(r.techniques[i]!.technique)}`).join(' ');
      chunk = `<mark class="${classes} depth${Math.min(seg.active.length, 3)}" style="--c:${tint(TECHNIQUE_COLORS[techniqueColorIndex(t.technique)]!)}" tabindex="0" title="${e(tip)}">${chunk}</mark>`;
    }
    const refs = seg.closes.map((i) => `<a class="ref" href="#tech-${i + 1}">${i + 1}</a>`).join('');
    article += chunk + refs;
  }

  const legend = used
    .map((t) => {
      const i = techniqueColorIndex(t);
      const n = r.techniques.filter((x) => x.technique === t).length;
      return `<label title="${e(defs[t] ?? t)}"><input type="checkbox" id="show-t${i}" checked> <span class="swatch" style="background:${TECHNIQUE_COLORS[i]}"></span>${e(t)} <small>(${n})</small></label>`;
    })
    .join('\n');
  const hideRules = used
    .map((t) => {
      const i = techniqueColorIndex(t);
      return `body:has(#show-t${i}:not(:checked)) mark.t${i}{background:none;box-shadow:none}`;
    })
    .join('\n');

  const m = r.meta;
  const metaRows: Array<[string, string | null]> = [
    ['Date', m.date ? `${m.date}${m.dateSource ? ` (from ${m.dateSource})` : ''}` : null],
    ['Byline', m.byline],
    ['Language', m.language],
    ['Site', m.siteName],
    ['URL', m.url ?? m.canonicalUrl],
    ['Credits', m.credits.map((c) => `${c.name} — ${c.kind.replace('-', ' ')}${c.country ? ` (${c.country})` : ''}`).join('; ') || null],
  ];
  const metaHtml = metaRows
    .filter(([, v]) => v)
    .map(([k, v]) => `<dt>${k}</dt><dd>${e(v!)}</dd>`)
    .join('');

  const actors = r.actors
    .map((a) => {
      const forms = [...new Set(a.mentions.map((x) => x.text))].map((t) => `“${e(t)}”`).join(', ');
      return `<li><b>${e(a.name)}</b> <code>${e(a.code)}</code> <small>${e(a.type)}${a.sector ? ' · ' + e(a.sector) : ''} · ${a.mentions.length}×</small><br><small>${forms}</small></li>`;
    })
    .join('');
  // Co-mentions are many and weak: pairs with counts, strongest first.
  const pairs = new Map<string, number>();
  for (const x of r.relations) pairs.set(`${x.source} — ${x.target}`, (pairs.get(`${x.source} — ${x.target}`) ?? 0) + 1);
  const relations = [...pairs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(([k, n]) => `<li><code>${e(k)}</code> <small>${n}×</small></li>`)
    .join('');
  const events = r.events
    .slice(0, 200)
    .map((x) => {
      const quals = [x.negated ? 'negated' : '', x.modality !== 'asserted' ? x.modality : '', x.attribution.kind !== 'author' ? `${x.attribution.kind}${x.attribution.text ? ` (${x.attribution.text})` : ''}` : '', x.stance === 'characterisation' ? 'characterisation' : '']
        .filter(Boolean)
        .join(', ');
      const sign = x.quad <= 2 ? 'coop' : 'conf';
      return `<li class="${sign}"><code>${e(x.source)}</code> → <code>${e(x.target)}</code> <b>${e(x.cameo)}</b> ${e(x.description)} <small>(Goldstein ${x.goldstein}${x.plover ? `, ${e(x.plover)}` : ''}${quals ? `; ${e(quals)}` : ''})</small><br><small>“${e(x.evidence.text)}”</small></li>`;
    })
    .join('');
  const techniques = r.techniques
    .map(
      (t, i) =>
        `<li id="tech-${i + 1}"><span class="swatch" style="background:${TECHNIQUE_COLORS[techniqueColorIndex(t.technique)]}"></span><b>[${i + 1}] ${e(t.technique)}</b> <small>${t.confidence.toFixed(2)} · ${e(t.component)}</small><br>“${e(t.text)}”<br><small>${e(t.explanation)}</small></li>`,
    )
    .join('');

  return `<!doctype html>
<html lang="${e(m.language && m.language !== 'und' ? m.language : 'en')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="slant schema ${e(r.schemaVersion)}">
<title>${e(m.title ?? 'slant analysis')}</title>
<style>
body{font:15px/1.55 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{padding:12px 24px;background:#20232a;color:#fff}
header h1{font-size:20px;margin:0 0 4px}
main{display:grid;grid-template-columns:minmax(0,1fr) 380px;gap:24px;padding:16px 24px}
article{background:#fff;padding:16px 24px;border:1px solid #ddd;white-space:normal}
aside section,section.wide,section.graph{background:#fff;border:1px solid #ddd;padding:8px 14px;margin-bottom:14px}
h2{font-size:15px;margin:6px 0}
mark{background:var(--c);border-radius:2px;padding:0 1px;color:inherit}
mark.depth2{box-shadow:inset 0 -3px 0 #444}
mark.depth3{box-shadow:inset 0 -3px 0 #000, inset 0 3px 0 #000}
mark:focus{outline:2px solid #000}
a.ref{font-size:10px;vertical-align:super;color:#555;text-decoration:none;margin-left:1px}
.swatch{display:inline-block;width:11px;height:11px;border:1px solid #999;margin-right:4px;vertical-align:middle}
.legend label{display:block;cursor:pointer}
ul{padding-left:18px;margin:4px 0}li{margin:4px 0}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:0}dt{font-weight:600}
svg{max-width:100%;height:auto}
.events li.coop{border-left:3px solid #1a7f37;padding-left:6px;list-style:none}.events li.conf{border-left:3px solid #cf222e;padding-left:6px;list-style:none}.events{padding-left:0}
@media (max-width:900px){main{grid-template-columns:1fr}}
${r.syntax?.length ? TREE_CSS : ''}
${hideRules}
</style>
</head>
<body>
<header><h1>${e(m.title ?? '(untitled)')}</h1><small>slant analysis · ${r.techniques.length} technique spans · ${r.actors.length} actors · ${r.events.length} coded events</small></header>
<main>
<div>
<article>${article}</article>
${parts.graphSvg ? `<section class="graph"><h2>Actor system</h2>${parts.graphSvg}</section>` : ''}
<section class="wide"><h2>Who does what to whom</h2>${events ? `<ul class="events">${events}</ul>` : '<p>No coded events.</p>'}</section>
${renderTrees(r.syntax, (a, b) => cp.slice(a, b))}
</div>
<aside>
<section><h2>Metadata</h2><dl>${metaHtml}</dl></section>
<section class="legend"><h2>Techniques</h2>${legend || '<p>None found.</p>'}</section>
<section><h2>Actors</h2><ul>${actors}</ul></section>
<section><h2>Named in the same sentence</h2><ul>${relations}</ul></section>
<section><h2>Technique spans</h2><ol>${techniques}</ol></section>
</aside>
</main>
</body>
</html>
`;
}
