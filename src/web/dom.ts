/**
 * The only way this app makes DOM: elements with attributes and children given as data. Strings
 * always become text nodes — article text is untrusted and is never parsed as markup.
 */
export type Child = Node | string | number | null | undefined | false | Child[];
type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue | ((e: Event) => void)>;

function apply(el: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v as EventListener);
    else if (k === 'href' || k === 'src') el.setAttribute(k, safeUrl(String(v)));
    else el.setAttribute(k === 'className' ? 'class' : k, v === true ? '' : String(v));
  }
}

function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

/** Links from untrusted data keep only http(s), mailto, same-page and same-site targets. */
export function safeUrl(url: string): string {
  const u = url.trim();
  if (/^(?:https?:|mailto:)/i.test(u) || (/^[#/?]/.test(u) && !u.startsWith('//'))) return u;
  return '#';
}

export function clear(el: Element): void {
  el.replaceChildren();
}

/** An external link for a URL found in an article, or plain text when it is not http(s). */
export function externalLink(url: string | null | undefined, label?: string): Child {
  if (!url) return null;
  if (!/^https?:\/\//i.test(url.trim())) return label ?? url;
  return h('a', { href: url.trim(), target: '_blank', rel: 'noopener noreferrer nofollow' }, label ?? url);
}

export function fmtConfidence(c: number): string {
  return `${Math.round(c * 100)}%`;
}
