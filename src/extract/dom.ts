/**
 * The parsed page: htmlparser2's DOM (fast, forgiving), bounded so that no later walk can blow
 * the stack or the heap. Every walk in src/extract is iterative or runs on a depth-capped tree.
 */
import { parseDocument } from 'htmlparser2';
import { Text, isTag, isText as domIsText, hasChildren, type Element, type AnyNode, type Document, type ParentNode } from 'domhandler';

/** Elements deeper than this are flattened: their descendants' text becomes one text node. */
export const MAX_DEPTH = 256;
/** HTML longer than this (UTF-16 units) has scripts, styles and comments stripped before parsing, then is cut. */
const STRIP_ABOVE = 4_000_000;
const MAX_HTML = 8_000_000;
/** Tags beyond this many are cut (real news pages have well under 50,000). */
const MAX_TAGS = 300_000;

export type { AnyNode, Document, Element, ParentNode };

export interface Parsed {
  doc: Document;
  /** Notes about what was cut or flattened (shown as the reason when the body comes out empty). */
  notes: string[];
}

/** Remove `<tag ...> ... </tag>` ranges with indexOf (linear; no regular-expression backtracking). */
function stripRanges(html: string, open: string, close: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let pos = 0;
  for (;;) {
    const a = lower.indexOf(open, pos);
    if (a < 0) break;
    const b = lower.indexOf(close, a + open.length);
    out += html.slice(pos, a);
    if (b < 0) {
      pos = html.length;
      break;
    }
    pos = b + close.length;
  }
  return out + html.slice(pos);
}

// Never nest (void) or closed implicitly by a sibling: not counted when estimating depth.
const NOT_COUNTED = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'p', 'li',
  'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'rt', 'rp', 'colgroup', 'html', 'head',
  'body', '!doctype',
]);
const TAG_NAME = /(\/?)([a-zA-Z][a-zA-Z0-9:-]{0,30})/y;
const SCRIPT_CLOSE = /<\/script/gi;
const STYLE_CLOSE = /<\/style/gi;
/** Open tags deeper than this are removed before parsing (the parser's stack costs O(depth) per tag). */
const MAX_SOURCE_DEPTH = 2000;

/**
 * Remove opening tags (and their matching closing tags) nested deeper than `max`, by a linear scan
 * of the tags. Real pages never come close; 100,000 nested `<div>`s would otherwise take the
 * parser quadratic time. Returns null when nothing needed removing.
 */
export function capDepth(html: string, max = MAX_SOURCE_DEPTH): string | null {
  // A tokenizer's walk: from each '<' to the next '>', then on from there (linear even for
  // unclosed '<a <a <a ...' floods, where a regular expression would rescan).
  let depth = 0, dropped = 0, pos = 0, i = 0, changed = false;
  const parts: string[] = [];
  const cut = (from: number, to: number): void => {
    parts.push(html.slice(pos, from));
    pos = to;
    changed = true;
  };
  for (;;) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    i = gt + 1;
    // Sticky match at the '<' (no substring copy per tag: this scan runs on every page).
    TAG_NAME.lastIndex = lt + 1;
    const m = TAG_NAME.exec(html);
    if (!m) continue;
    const name = m[2]!.toLowerCase();
    if (NOT_COUNTED.has(name) || html[gt - 1] === '/') continue;
    if (name === 'script' || name === 'style') {
      // Raw text: tags inside scripts are not markup.
      if (m[1]) continue;
      const close = name === 'script' ? SCRIPT_CLOSE : STYLE_CLOSE;
      close.lastIndex = i;
      const end = close.exec(html)?.index ?? -1;
      i = end < 0 ? html.length : end;
      continue;
    }
    if (!m[1]) {
      if (depth >= max) {
        dropped++;
        cut(lt, gt + 1);
      } else depth++;
    } else if (dropped > 0) {
      dropped--;
      cut(lt, gt + 1);
    } else if (depth > 0) depth--;
  }
  if (!changed) return null;
  parts.push(html.slice(pos));
  return parts.join('');
}

const BODY_OPEN = /<body/gi;

/** Remove every `<body ...>` tag after the first (linear: indexOf, no backtracking). */
function dropExtraBodies(html: string): string {
  // A case-insensitive search instead of a lower-cased copy of the whole page (most pages have one body).
  const find = (from: number): number => {
    BODY_OPEN.lastIndex = from;
    return BODY_OPEN.exec(html)?.index ?? -1;
  };
  let i = find(0);
  if (i < 0) return html;
  i += 5;
  const parts: string[] = [];
  let pos = 0;
  for (;;) {
    const lt = find(i);
    if (lt < 0) break;
    const next = html.charCodeAt(lt + 5);
    const gt = html.indexOf('>', lt + 5);
    if (gt < 0) break;
    i = gt + 1;
    // "<body>" or "<body class=...>", not "<bodyguard>"
    if (next === 62 || next === 32 || next === 9 || next === 10 || next === 13 || next === 47) {
      parts.push(html.slice(pos, lt));
      pos = gt + 1;
    }
  }
  if (!parts.length) return html;
  parts.push(html.slice(pos));
  return parts.join('');
}

export function parse(html: string): Parsed {
  const notes: string[] = [];
  if (html.length > STRIP_ABOVE) {
    html = stripRanges(stripRanges(stripRanges(html, '<script', '</script>'), '<style', '</style>'), '<!--', '-->');
    notes.push('scripts and styles stripped before parsing (page over 4M characters)');
  }
  if (html.length > MAX_HTML) {
    html = html.slice(0, MAX_HTML);
    notes.push(`page cut at ${MAX_HTML} characters`);
  }
  // Browsers ignore a second <body> and every </body> or </html> before the end; htmlparser2 would
  // nest a body inside the article (CMS fragments carry their own) and close the page early.
  // Bound the tree, not only the characters: '<p>a</p>' repeated is 8 MB of tiny elements.
  let tags = 0;
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
    if (++tags > MAX_TAGS) {
      html = html.slice(0, i);
      notes.push(`page cut after ${MAX_TAGS} tags`);
      break;
    }
  }
  html = dropExtraBodies(html).replace(/<\/(?:body|html)\s*>/gi, '');
  const capped = capDepth(html);
  if (capped !== null) {
    html = capped;
    notes.push(`tags nested deeper than ${MAX_SOURCE_DEPTH} levels were removed`);
  }
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  if (flattenDeep(doc, MAX_DEPTH)) notes.push(`markup nested deeper than ${MAX_DEPTH} levels was flattened`);
  return { doc, notes };
}

/** Replace the children of every element at `maxDepth` with one text node of their text. */
function flattenDeep(root: ParentNode, maxDepth: number): boolean {
  let changed = false;
  const stack: [ParentNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    for (const child of node.children) {
      if (!isTag(child)) continue;
      if (depth + 1 >= maxDepth) {
        const text = new Text(textOf(child));
        text.parent = child;
        child.children = [text];
        changed = true;
      } else stack.push([child, depth + 1]);
    }
  }
  return changed;
}

/** Concatenated text of a subtree (iterative; skips scripts and styles below the root). */
export function textOf(node: AnyNode): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (domIsText(n)) parts.push(n.data);
    else if (n !== node && isTag(n) && (n.name === 'script' || n.name === 'style')) continue;
    else if (hasChildren(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return parts.join('');
}

/** All elements in document order (iterative). */
export function* elements(root: ParentNode): Generator<Element> {
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    yield n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
}

export function attr(el: Element, name: string): string | undefined {
  return el.attribs[name];
}

export { isTag, domIsText as isText };

export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
