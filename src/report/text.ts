/**
 * The terminal report of one analysis: metadata, actors, relations, techniques, then the text with
 * technique spans highlighted and numbered. Colour only when asked (a TTY without NO_COLOR).
 */
import type { AnalysisResult } from '../result.js';
import { CodePoints } from '../core/text.js';
import { segments } from './segments.js';
import { techniqueColorIndex } from '../techniques/palette.js';

const ANSI_BG = [41, 42, 43, 44, 45, 46, 101, 102, 103, 104, 105, 106, 100, 47];

export interface TextReportOptions {
  color?: boolean;
  /** Characters per line when wrapping the article text. */
  width?: number;
  /** A drawing of the actor graph to show under RELATIONS. */
  graphText?: string;
}

export function renderText(r: AnalysisResult, opts: TextReportOptions = {}): string {
  const color = opts.color ?? false;
  const bold = (s: string): string => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const dim = (s: string): string => (color ? `\x1b[2m${s}\x1b[0m` : s);
  const lines: string[] = [];
  const m = r.meta;
  lines.push(bold(m.title ?? '(untitled)'));
  const facts = [
    `date ${m.date ?? '—'}${m.dateSource ? ` (${m.dateSource})` : ''}`,
    `language ${m.language ?? '—'}`,
    m.byline ? `byline ${m.byline}` : null,
    m.siteName ? `site ${m.siteName}` : null,
    m.url ? `url ${m.url}` : null,
  ].filter(Boolean);
  lines.push(dim(facts.join(' · ')));
  if (m.credits.length) {
    lines.push(`credits: ${m.credits.map((c) => `${c.name} (${c.kind.replace('-', ' ')}${c.country ? `, ${c.country}` : ''})`).join('; ')}`);
  }

  lines.push('', bold(`ACTORS (${r.actors.length})`));
  for (const a of r.actors) {
    const forms = [...new Set(a.mentions.map((x) => x.text))].slice(0, 5).map((t) => `“${t}”`).join(', ');
    lines.push(`  ${a.code.padEnd(8)} ${a.name} ${dim(`[${a.type}${a.sector ? ' ' + a.sector : ''}]`)} ×${a.mentions.length}  ${dim(forms)}`);
  }

  lines.push('', bold(`RELATIONS (${r.relations.length})`));
  if (opts.graphText) lines.push(opts.graphText);
  // Co-mentions are many and weak: one compact line of pairs, strongest first.
  const pairs = new Map<string, number>();
  for (const rel of r.relations) pairs.set(`${rel.source}–${rel.target}`, (pairs.get(`${rel.source}–${rel.target}`) ?? 0) + 1);
  const ranked = [...pairs].sort((a, b) => b[1] - a[1]);
  if (ranked.length) lines.push('', `  Named in the same sentence: ${ranked.slice(0, 15).map(([k, n]) => `${k} ×${n}`).join(', ')}${ranked.length > 15 ? ', …' : ''}`);

  lines.push('', bold(`TECHNIQUES (${r.techniques.length})`));
  r.techniques.forEach((t, i) => {
    const mark = color ? `\x1b[${ANSI_BG[techniqueColorIndex(t.technique)]}m\x1b[30m[${i + 1}]\x1b[0m` : `[${i + 1}]`;
    lines.push(`  ${mark} ${t.technique} ${dim(t.confidence.toFixed(2))}  “${clip(t.text, 80)}”`);
    lines.push(`      ${dim(t.explanation)}`);
  });

  lines.push('', bold('TEXT'));
  lines.push(wrap(highlight(r, color), opts.width ?? 100));
  return lines.join('\n') + '\n';
}

/** The text with each technique span bracketed and numbered (or coloured). */
function highlight(r: AnalysisResult, color: boolean): string {
  const cp = new CodePoints(r.text);
  let out = '';
  for (const seg of segments(r)) {
    const s = cp.slice(seg.start, seg.end);
    const opened = seg.opens.map((i) => (color ? '' : '[')).join('');
    const closed = seg.closes.map((i) => (color ? `\x1b[2m${sup(i + 1)}\x1b[0m` : `]${sup(i + 1)}`)).join('');
    if (color && seg.active.length) {
      const bg = ANSI_BG[techniqueColorIndex(r.techniques[seg.active[seg.active.length - 1]!]!.technique)];
      out += `${opened}\x1b[${bg}m\x1b[30m${s}\x1b[0m${closed}`;
    } else out += opened + s + closed;
  }
  return out;
}

function sup(n: number): string {
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return String(n)
    .split('')
    .map((d) => digits[+d])
    .join('');
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

/** Wrap at spaces; ANSI escapes don't count towards the width. */
function wrap(text: string, width: number): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let visible = 0;
    for (const word of para.split(' ')) {
      const len = word.replace(/\x1b\[[0-9;]*m/g, '').length;
      if (visible > 0 && visible + 1 + len > width) {
        out.push(line);
        line = word;
        visible = len;
      } else {
        line = visible > 0 ? line + ' ' + word : word;
        visible += (visible > 0 ? 1 : 0) + len;
      }
    }
    out.push(line);
  }
  return out.map((l) => '  ' + l).join('\n');
}
