/**
 * Drawings of the actor graph: a standalone SVG (no scripts, no external resources; every text
 * escaped) for HTML reports and the browser, and a plain-text drawing for the terminal.
 */
import type { GraphEdge, GraphResult } from './types.js';

const POS = '#1a7f37';
const NEG = '#cf222e';
const NEUTRAL = '#8c959f';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export interface SvgOptions {
  width?: number;
  height?: number;
  /** Most nodes drawn (by mentions); the rest are left out of the drawing, not of the data. */
  maxNodes?: number;
}

export function renderGraphSvg(graph: GraphResult, opts: SvgOptions = {}): string {
  const W = opts.width ?? 640;
  const H = opts.height ?? 480;
  const linked = new Set(graph.edges.flatMap((e) => [e.source, e.target]));
  const nodes = graph.nodes.filter((n) => linked.has(n.code) || n.mentions > 0).slice(0, opts.maxNodes ?? 24);
  const cx = W / 2;
  const cy = H / 2;
  const R = Math.min(W, H) / 2 - 70;
  const at = new Map<string, { x: number; y: number }>();
  nodes.forEach((n, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, nodes.length);
    at.set(n.code, { x: cx + (nodes.length === 1 ? 0 : R * Math.cos(a)), y: cy + (nodes.length === 1 ? 0 : R * Math.sin(a)) });
  });
  const both = new Set(graph.edges.filter((e) => e.directed).map((e) => `${e.source}>${e.target}`));
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Actor graph: green cooperation, red conflict">`);
  parts.push('<title>Actor graph: green = cooperation, red = conflict; thickness = weight; arrows = direction</title>');
  parts.push('<defs>');
  for (const [id, c] of [['pos', POS], ['neg', NEG], ['neu', NEUTRAL]] as const) {
    parts.push(`<marker id="arrow-${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${c}"/></marker>`);
  }
  parts.push('</defs>');
  parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  const nodeR = 22;
  for (const e of graph.edges) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    if (!a || !b) continue;
    parts.push(edgeSvg(e, a, b, nodeR, both.has(`${e.target}>${e.source}`) && e.directed));
  }
  for (const n of nodes) {
    const p = at.get(n.code)!;
    const role = n.portrayal.role;
    parts.push(
      `<g><title>${escapeXml(`${n.name} (${n.code}): ${n.mentions} mention${n.mentions === 1 ? '' : 's'}; ${n.portrayal.summary}`)}</title>` +
        `<circle cx="${f(p.x)}" cy="${f(p.y)}" r="${nodeR}" fill="#f6f8fa" stroke="#57606a" stroke-width="1.5"/>` +
        `<text x="${f(p.x)}" y="${f(p.y + 4)}" text-anchor="middle" font-family="sans-serif" font-size="11" font-weight="bold" fill="#24292f">${escapeXml(n.code.slice(0, 8))}</text>` +
        `<text x="${f(p.x)}" y="${f(p.y + nodeR + 14)}" text-anchor="middle" font-family="sans-serif" font-size="11" fill="#24292f"${HALO}>${escapeXml(trunc(n.name, 24))}</text>` +
        `<text x="${f(p.x)}" y="${f(p.y + nodeR + 27)}" text-anchor="middle" font-family="sans-serif" font-size="9" fill="#57606a"${HALO}>${escapeXml(role)}</text></g>`,
    );
  }
  if (nodes.length) {
    parts.push(
      `<g font-family="sans-serif" font-size="10" fill="#57606a"><line x1="12" y1="${H - 14}" x2="36" y2="${H - 14}" stroke="${POS}" stroke-width="3"/><text x="40" y="${H - 10}">cooperation</text>` +
        `<line x1="112" y1="${H - 14}" x2="136" y2="${H - 14}" stroke="${NEG}" stroke-width="3"/><text x="140" y="${H - 10}">conflict</text>` +
        `<text x="196" y="${H - 10}">thicker = more weight; arrow = direction; no arrow = mutual</text></g>`,
    );
  }
  if (nodes.length === 0) parts.push(`<text x="${cx}" y="${cy}" text-anchor="middle" font-family="sans-serif" font-size="13" fill="#57606a">No relations between actors found.</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}

function edgeSvg(e: GraphEdge, a: { x: number; y: number }, b: { x: number; y: number }, r: number, curved: boolean): string {
  const colour = e.sign > 0 ? POS : e.sign < 0 ? NEG : NEUTRAL;
  const id = e.sign > 0 ? 'pos' : e.sign < 0 ? 'neg' : 'neu';
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const x1 = a.x + ux * r;
  const y1 = a.y + uy * r;
  const x2 = b.x - ux * (r + 2);
  const y2 = b.y - uy * (r + 2);
  const width = 1 + Math.min(6, 2 * e.weight);
  const dash = e.sign === 0 ? ' stroke-dasharray="4 3"' : '';
  const marker = e.directed ? ` marker-end="url(#arrow-${id})"` : '';
  // Two directed edges between the same actors bend apart so both stay visible.
  const bend = curved ? 28 : 0;
  const mx = (x1 + x2) / 2 - uy * bend;
  const my = (y1 + y2) / 2 + ux * bend;
  const label = `${e.source} ${e.directed ? '→' : '↔'} ${e.target}: ${e.sign > 0 ? 'cooperation' : e.sign < 0 ? 'conflict' : 'mixed'} (weight ${e.weight}, ${e.count} event${e.count === 1 ? '' : 's'}; CAMEO ${e.cameo.slice(0, 4).join(', ')})${e.evidence[0] ? ` — “${trunc(e.evidence[0].text, 160)}”` : ''}`;
  return `<g><title>${escapeXml(label)}</title><path d="M${f(x1)},${f(y1)} Q${f(mx)},${f(my)} ${f(x2)},${f(y2)}" fill="none" stroke="${colour}" stroke-width="${f(width)}" stroke-opacity="0.85"${dash}${marker}/></g>`;
}

/** A white outline behind labels so edges passing under them stay readable. */
const HALO = ' paint-order="stroke" stroke="#ffffff" stroke-width="3" stroke-linejoin="round"';
const f = (x: number): string => (Math.round(x * 10) / 10).toString();
const trunc = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + '…' : s);

export interface TextOptions {
  /** ANSI colours (green/red) for terminals. */
  color?: boolean;
  /** Most edges listed. */
  maxEdges?: number;
}

/** A terminal drawing: actors with their portrayal, edges as signed arrows, triads, realignments. */
export function renderGraphText(graph: GraphResult, opts: TextOptions = {}): string {
  const c = (code: string, s: string): string => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  if (graph.edges.length === 0 && graph.nodes.length === 0) return 'Actor system: no actors found.\n';
  lines.push('Actor system');
  for (const n of graph.nodes.slice(0, 20)) lines.push(`  ${n.code.padEnd(8)} ${trunc(n.name, 28).padEnd(28)} ${String(n.mentions).padStart(3)}×  ${n.portrayal.role}`);
  if (graph.edges.length) {
    lines.push('', 'Relations (+ cooperation, − conflict; weight, events)');
    for (const e of graph.edges.slice(0, opts.maxEdges ?? 30)) {
      const s = e.sign > 0 ? '+' : e.sign < 0 ? '−' : '0';
      const bar = (e.sign > 0 ? '═' : e.sign < 0 ? '━' : '┄').repeat(Math.max(1, Math.min(8, Math.round(e.weight * 3))));
      const arrow = e.directed ? `${bar}▶` : `◀${bar}▶`;
      const line = `  ${e.source.padStart(8)} ${arrow} ${e.target.padEnd(8)} ${s}${e.weight.toFixed(2)} (${e.count}) CAMEO ${e.cameo.slice(0, 3).join(',')}`;
      lines.push(c(e.sign > 0 ? '32' : e.sign < 0 ? '31' : '90', line));
      if (e.evidence[0]) lines.push(`             “${trunc(e.evidence[0].text.replace(/\s+/g, ' '), 110)}”`);
    }
  }
  if (graph.triads.length) {
    lines.push('', `Triads: ${graph.balance.balanced} of ${graph.balance.triads} balanced${graph.balance.frustration !== null ? `; ${graph.balance.frustration} sign change${graph.balance.frustration === 1 ? '' : 's'} would balance the whole graph` : ''}`);
    for (const t of graph.triads.slice(0, 12)) {
      const [a, b, d] = t.actors;
      const sg = (x: number): string => (x > 0 ? '+' : '−');
      lines.push(`  ${t.balanced ? 'balanced  ' : 'unbalanced'}  ${a}–${b} ${sg(t.signs[0])}  ${b}–${d} ${sg(t.signs[1])}  ${a}–${d} ${sg(t.signs[2])}`);
    }
  }
  if (graph.realignments.length) {
    lines.push('', 'Hypothetical realignments');
    for (const r of graph.realignments) lines.push(`  ${r.summary}`);
  }
  return lines.join('\n') + '\n';
}
