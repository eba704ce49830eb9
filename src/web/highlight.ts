/**
 * The article with technique spans highlighted. Overlapping spans are cut into segments at every
 * span boundary; a segment's background is the colour of its innermost (shortest) span and each
 * further span adds a stacked underline, so every layer stays visible and the text stays readable.
 * Text is inserted as text nodes only.
 */
import { CodePoints } from '../core/text.js';
import { techniqueColor, tint } from '../techniques/palette.js';
import { h } from './dom.js';
import { cutSegments } from '../report/segments.js';

/** One technique span in UTF-16 offsets of the text, as the DOM needs them. */
export interface Finding {
  index: number;
  technique: string;
  start: number;
  end: number;
  /** The same span in code points (as the API gives it). */
  cpStart: number;
  cpEnd: number;
  confidence: number;
  explanation: string;
  component: string;
  text: string;
  /** Shown by default: the span's measured precision passed its threshold (absent = shown). */
  shown: boolean;
}

export interface Segment {
  start: number;
  end: number;
  /** Indices into the findings array, innermost first. */
  findings: number[];
}

/** Convert code-point spans to UTF-16 spans, dropping any that fall outside the text. */
export function toFindings(text: string, spans: ReadonlyArray<{ technique: string; start: number; end: number; confidence: number; explanation: string; component: string; text: string; shown?: boolean }>): Finding[] {
  const cp = new CodePoints(text);
  const n = cp.length;
  const out: Finding[] = [];
  spans.forEach((s, index) => {
    if (!(s.start >= 0 && s.end > s.start && s.end <= n)) return;
    out.push({ index, technique: s.technique, start: cp.u16(s.start), end: cp.u16(s.end), cpStart: s.start, cpEnd: s.end, confidence: s.confidence, explanation: s.explanation, component: s.component, text: s.text, shown: s.shown !== false });
  });
  return out;
}

/** The shared segmenter (src/report/segments.ts), each piece listing its spans innermost first. */
export function segment(length: number, findings: readonly Finding[]): Segment[] {
  const len = (i: number): number => findings[i]!.end - findings[i]!.start;
  return cutSegments(length, findings).map((s) => ({ start: s.start, end: s.end, findings: s.active.slice().sort((x, y) => len(x) - len(y) || x - y) }));
}

export interface Rendered {
  root: HTMLElement;
  segments: Segment[];
  /** Segment elements by segment index (null for plain text). */
  elements: Array<HTMLElement | null>;
  /** Text nodes with their start offsets, for building Ranges over any offsets. */
  nodes: Array<{ node: Text; start: number }>;
}

/** The article element: paragraphs split at blank lines, spans as <mark> segments. */
/** The colour of spans whose measured precision is below the display threshold. */
export const LOW_PRECISION_COLOUR = '#9aa0a6';

export function renderArticle(text: string, findings: readonly Finding[], order: readonly string[], lang: string | null = null): Rendered {
  const segments = segment(text.length, findings);
  const elements: Array<HTMLElement | null> = [];
  const nodes: Array<{ node: Text; start: number }> = [];
  // The article's own language (fonts, hyphenation, screen readers); '' when unknown.
  const root = h('div', { class: 'article', lang: lang && /^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/.test(lang) && lang !== 'und' ? lang : '' });
  let para = h('p');
  root.appendChild(para);
  const firstOf = new Set<number>();
  const seen = new Set<number>();
  segments.forEach((seg, si) => {
    for (const f of seg.findings) if (!seen.has(f)) (seen.add(f), firstOf.add(si));
  });

  // Emit text, starting a new paragraph at each run of newlines (\n\n, or \n alone: articles often use single breaks).
  const emit = (str: string, start: number, into: () => HTMLElement): void => {
    const re = /\n+/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(str)) !== null) {
      if (m.index > last) {
        const t = document.createTextNode(str.slice(last, m.index));
        nodes.push({ node: t, start: start + last });
        into().appendChild(t);
      }
      para = h('p');
      root.appendChild(para);
      last = m.index + m[0].length;
    }
    if (last < str.length) {
      const t = document.createTextNode(str.slice(last));
      nodes.push({ node: t, start: start + last });
      into().appendChild(t);
    }
  };

  segments.forEach((seg, si) => {
    const str = text.slice(seg.start, seg.end);
    if (seg.findings.length === 0) {
      elements.push(null);
      emit(str, seg.start, () => para);
      return;
    }
    // Spans below their precision threshold (listed only on request) are drawn grey.
    const colours = seg.findings.map((i) => (findings[i]!.shown ? techniqueColor(findings[i]!.technique) : LOW_PRECISION_COLOUR));
    let mark: HTMLElement | null = null;
    let first: HTMLElement | null = null;
    // A segment that crosses a paragraph break becomes one <mark> per paragraph.
    const current = (): HTMLElement => {
      if (!mark || mark.parentNode !== para) {
        mark = makeMark(si, colours, firstOf.has(si) && !first);
        first ??= mark;
        para.appendChild(mark);
      }
      return mark;
    };
    emit(str, seg.start, current);
    elements.push(first);
  });
  // Drop empty paragraphs left by leading or trailing newlines.
  for (const p of [...root.children]) if (!p.firstChild) p.remove();
  return { root, segments, elements, nodes };
}

function makeMark(si: number, colours: string[], focusable: boolean): HTMLElement {
  const mark = h('mark', { class: 'span', 'data-seg': si });
  if (focusable) mark.tabIndex = 0;
  mark.style.backgroundColor = tint(colours[0]!);
  // The innermost span colours the background; each further one adds a 3px underline.
  const lines = colours.length > 1 ? colours.slice(1, 5) : colours;
  mark.style.boxShadow = lines.map((c, k) => `inset 0 -${(colours.length > 1 ? 3 : 2) * (k + 1)}px 0 ${c}`).join(', ');
  if (colours.length > 1) mark.style.paddingBottom = `${lines.length * 3}px`;
  return mark;
}

/** A DOM Range over UTF-16 offsets [start, end) of the rendered text (for CSS highlights and scrolling). */
export function rangeOf(r: Rendered, start: number, end: number): Range | null {
  // The last text node starting at (or, for an end offset, strictly before) the offset.
  const find = (offset: number, isEnd: boolean): [Text, number] | null => {
    let lo = 0;
    let hi = r.nodes.length - 1;
    let best = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const st = r.nodes[mid]!.start;
      if (st < offset || (st === offset && !isEnd)) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const n = r.nodes[best];
    if (!n) return null;
    return [n.node, Math.max(0, Math.min(offset - n.start, n.node.length))];
  };
  const a = find(start, false);
  const b = find(end, true);
  if (!a || !b) return null;
  const range = document.createRange();
  try {
    range.setStart(a[0], a[1]);
    range.setEnd(b[0], b[1]);
  } catch {
    return null;
  }
  return range;
}
