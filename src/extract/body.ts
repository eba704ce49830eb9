/**
 * Main text of a page. One walk turns the DOM into text blocks (paragraphs, headings, list items,
 * quotes), skipping markup that is never article text (scripts, navigation, share bars, captions,
 * cookie banners, comments — by tag, ARIA role and class/id words). Each block is judged as
 * article-like (long, few links) or not; the container chosen is the element that holds the most
 * article-like text for the least other text; its blocks, minus link lists and stock phrases,
 * are the body.
 */
import { type Document, type Element, type AnyNode, isTag, isText, collapse, elements, textOf } from './dom.js';
import { isStockLine, hasFurniturePhrase, isTimestampLine, BYLINE_OPENER, isDateWord, CLASS_WORDS, STRONG_CLASS_WORDS, textWidth, fold } from './lexicon.js';

export interface Block {
  text: string;
  /** Size of the text: characters, East Asian wide ones counted twice (lexicon.textWidth). */
  len: number;
  /** Size of the text inside links, measured the same way. */
  linkChars: number;
  /** Nearest block-level element holding the text. */
  el: Element;
  /** That element's tag ('p', 'li', 'h2', 'div', ...). */
  tag: string;
}

/** Tunable weights (fixed by measurement; see docs/results-extraction.md). */
export interface BodyParams {
  /** A block shorter than this (characters) is not article-like on its own. */
  minGood: number;
  /** Link density above which a block is not article-like. */
  maxGoodLinkDensity: number;
  /** Weight of non-article text inside a container candidate (the λ in good − λ·other). */
  lambda: number;
  /** Weight of short, link-free text (headings, datelines) as "other" text. */
  shortWeight: number;
  /** Blocks in the container with more links than this are dropped. */
  dropLinkDensity: number;
  /** Climb to the parent when it adds at least this much article-like text ... */
  extendMin: number;
  /** ... and that text outweighs the other text it adds by this factor. */
  extendRatio: number;
}

// Chosen by bench/extraction-cv.mjs: the "smoothed" choice on all 91 benchmark pages (the weights
// whose grid neighbourhood scores best), which held out best in cross-validation (docs/results-extraction.md).
export const DEFAULT_PARAMS: BodyParams = {
  minGood: 60,
  maxGoodLinkDensity: 0.5,
  lambda: 1,
  shortWeight: 0,
  dropLinkDensity: 0.8,
  extendMin: 100,
  extendRatio: 0.5,
};

/** Never article text. */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed', 'video', 'audio',
  'map', 'button', 'input', 'select', 'textarea', 'option', 'head', 'title', 'meta', 'link', 'nav', 'aside',
  'footer', 'figcaption', 'dialog', 'menu', 'img', 'picture', 'source',
]);

const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt',
  'dd', 'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'caption', 'figure', 'form',
  'fieldset', 'address', 'hr', 'center', 'details', 'summary', 'body', 'html', 'hgroup', 'legend', 'big',
]);

const SKIP_ROLES = /^(navigation|complementary|banner|contentinfo|dialog|alertdialog|menu|menubar|toolbar|search|tablist)$/i;

const INLINE = new Set(['a', 'span', 'strong', 'em', 'b', 'i', 'u', 'small', 'abbr', 'cite', 'q', 'sub', 'sup', 'time', 'mark', 'font', 'code', 'var', 'kbd', 's', 'del', 'ins', 'bdi', 'bdo', 'data', 'dfn']);

const INLINE_NEG = new Set(['caption', 'captions', 'credit', 'credits', 'byline', 'bylines', 'author', 'timestamp', 'dateline', 'hidden', 'sr', 'visually', 'offscreen', 'copyright',
  // The same for captions and authors in other languages' CSS (data/boilerplate.json).
  'autor', 'auteur', 'autore', 'yazar', 'penulis', 'legende', 'legenda', 'didascalia', 'bildunterschrift', 'bildtext', 'epigrafe', 'podpis']);
const INLINE_NEG_SUB = /(?:tooltip|popover|hovercard|rollover)[-_]?(?:[a-z]+[-_])?(?:block|card|content|body|box|panel|container|wrapper|inner)|photo-?credit|image-?credit|media-?credit|wp-caption-text|screen-?reader|visually-?hidden|sr-?only/i;

// Words in class/id naming page furniture. Matched on whole words of the class/id, split at - _ space.
const NEG_WORDS = new Set([
  'share', 'sharing', 'social', 'sharebar', 'socials', 'related', 'recommended', 'recommendations', 'recirc', 'recirculation',
  'popular', 'trending', 'newsletter', 'subscribe', 'subscription', 'signup', 'promo', 'promotion', 'advert', 'advertisement',
  'ad', 'ads', 'adslot', 'adunit', 'advertising', 'sponsored', 'sponsor', 'cookie', 'cookies', 'consent', 'gdpr', 'comment',
  'comments', 'disqus', 'caption', 'captions', 'credit', 'credits', 'byline', 'bylines', 'breadcrumb', 'breadcrumbs',
  'sidebar', 'modal', 'popup', 'overlay', 'nav', 'navbar', 'navigation', 'menu', 'toolbar', 'outbrain',
  'taboola', 'paywall', 'readmore', 'hidden', 'sr', 'visually', 'offscreen', 'masthead', 'footer', 'banner', 'tags',
  'tagline', 'keywords', 'print', 'skip', 'login', 'signin', 'author', 'timestamp', 'dateline', 'toolbar', 'more',
  'head', 'dek', 'standfirst', 'strapline', 'subline', 'bio', 'subhead',
]);
// Words that mark furniture even around most of a page's text (long comment threads, fat footers).
const STRONG_NEG = new Set(['footer', 'comment', 'comments', 'disqus', 'cookie', 'cookies', 'consent', 'gdpr', 'newsletter', 'outbrain', 'taboola', 'related']);
// Compound names that never hold article text, matched as substrings.
const NEG_SUB = /key-?points|story-?highlights|article-?highlights|highlights-?box|tldr|(?:tooltip|popover|hovercard|rollover)[-_]?(?:[a-z]+[-_])?(?:block|card|content|body|box|panel|container|wrapper|inner)|read-?more|more-?stories|see-?also|also-?read|you-?may|most-?read|most-?popular|next-?article|prev-?article|share-?tools|article-?tools|story-?tools|related-?content|newsletter|inline-?ad|ad-?container|ad-?wrapper|google-?ad|dfp|video-?player|audio-?player|media-?player|player-?(?:wrap|container|embed)|jwplayer|jw-|video-?js|photo-?credit|image-?credit|media-?credit|wp-caption-text|article-?meta|post-?meta|entry-?meta|story-?meta|author-?bio|about-?the-?author|bio-?box|hide-?for|screen-?reader|visually-?hidden|sr-?only|cookie|consent/i;
// Class/id names of furniture in other languages written as compounds ("lire-aussi", "leia-tambem").
const CLASS_COMPOUND = ((ws: string[]) => (ws.length ? new RegExp(ws.map((w) => w.split('-').map((x) => x.replace(/[^a-z0-9]/g, '')).join('[-_]?')).join('|'), 'i') : null))(
  [...CLASS_WORDS, ...STRONG_CLASS_WORDS].filter((w) => w.includes('-')),
);
// Embedded posts quoted by the article (tweets, Instagram) are part of its text.
const EMBED = /twitter-tweet|instagram-media|tweet-?embed|embed-?tweet|social-?media-?embed|social-?embed/i;
// Names that mark the article body: never dropped even if a word above appears too.
// The same names in the languages CSS is written in elsewhere: Spanish/Portuguese/Italian "cuerpo",
// "corpo", "texto", "conteúdo"; French "contenu", "texte"; German "Artikeltext", "Inhalt"; Turkish
// "haber içerik/metni"; Indonesian "isi berita", "detail konten"; Polish "treść artykułu".
const POS = /article-?body|articlebody|story-?body|storybody|entry-?content|post-?content|post-?body|article-?content|article-?text|story-?content|story-?text|main-?content|body-?text|rich-?text|article__body|content__body|field-?body|td-post-content|c-entry-content|cuerpo-?(?:nota|noticia|articulo|texto)|texto-?(?:nota|noticia|articulo|materia)|corpo-?(?:noticia|articolo|materia|texto|testo)|conteudo-?(?:materia|noticia|texto)|contenu-?article|texte-?article|article-?texte|artikel-?(?:text|inhalt|body)|haber-?(?:icerik|metni|detay-?icerik)|isi-?berita|detail-?(?:konten|text)|tresc-?artykulu/i;

/**
 * Why an element is never article text, or null. `share` is the element's share of the page's
 * paragraph text: a class word cannot drop the wrapper of most of the page's paragraphs (layouts
 * name article columns "container-single sidebar-right" and the like).
 */
export function skipReason(el: Element, share = 0, classRules = true): string | null {
  const name = el.name;
  if (SKIP_TAGS.has(name)) return `tag ${name}`;
  const a = el.attribs;
  if ('hidden' in a) return 'hidden';
  if (a['aria-hidden'] === 'true' && name !== 'body' && name !== 'html') return 'aria-hidden';
  const style = a['style'];
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return 'display:none';
  const role = a['role'];
  if (role && SKIP_ROLES.test(role)) return `role ${role}`;
  if (name === 'body' || name === 'html' || name === 'article' || name === 'main') return null;

  // The article's own header holds title, standfirst and byline: none of it is body text.
  if (name === 'header' && share <= 0.5) return 'tag header';
  if (a['itemprop'] === 'articleBody') return null;
  if (!classRules) return null;
  const names = `${a['class'] ?? ''} ${a['id'] ?? ''}`;
  if (!names.trim()) return null;
  if (POS.test(names) || EMBED.test(names)) return null;
  // Inside a sentence, most markup names describe the word (a player link, a tooltip); only
  // caption, credit, byline and screen-reader names mark text that is not the article's.
  if (INLINE.has(name)) {
    const w = names.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_-]+/).find((x) => INLINE_NEG.has(x));
    return w ? `class/id word "${w}"` : INLINE_NEG_SUB.test(names) ? `class/id "${names.trim().slice(0, 40)}"` : null;
  }
  if (NEG_SUB.test(names)) return `class/id "${names.trim().slice(0, 40)}"`;
  // Split "InlineImage-imageEmbedCaption" into inline, image, image, embed, caption.
  const words = names.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_-]+/);
  for (const w of words) if (STRONG_NEG.has(w) || STRONG_CLASS_WORDS.has(w)) return `class/id word "${w}"`;
  if (share > 0.5) return null;
  for (const w of words) if (NEG_WORDS.has(w) || CLASS_WORDS.has(w)) return `class/id word "${w}"`;
  const compound = CLASS_COMPOUND?.exec(names);
  if (compound) return `class/id "${compound[0]}"`;
  return null;
}

/** Walk the DOM once into text blocks (iterative; the tree is depth-capped by dom.ts anyway). */
export function toBlocks(doc: Document, p: BodyParams = DEFAULT_PARAMS): Block[] {
  return toBlocksBoth(doc, p).blocks;
}

/** `raw`: every block before class/id rules (headers and bylines included); `blocks`: after them. */
function toBlocksBoth(doc: Document, p: BodyParams): { raw: Block[]; blocks: Block[] } {
  // First pass without class/id rules: how much article-like text each element holds.
  const raw = walk(doc, null);
  const good = goodText(doc, raw, p);
  const total = Math.max(1, good.get(doc)!);
  return { raw, blocks: walk(doc, (el) => (good.get(el) ?? 0) / total) };
}

function walk(doc: Document, share: ((el: Element) => number) | null, classRules = true): Block[] {
  const blocks: Block[] = [];
  let parts: string[] = [];
  let linkChars = 0;
  let linkDepth = 0;
  const blockStack: Element[] = [];
  const flush = (): void => {
    if (!parts.length) return;
    const raw = parts.join('');
    parts = [];
    const text = raw.includes('\n') ? raw.split('\n').map(collapse).filter(Boolean).join('\n') : collapse(raw);
    const lc = linkChars;
    linkChars = 0;
    const el = blockStack[blockStack.length - 1];
    if (text && el) {
      const len = textWidth(text);
      blocks.push({ text, len, linkChars: Math.min(lc, len), el, tag: el.name });
    }
  };
  type Item = AnyNode | { exit: Element };
  const stack: Item[] = [...doc.children].reverse();
  while (stack.length) {
    const item = stack.pop()!;
    if ('exit' in item) {
      const el = item.exit;
      if (el.name === 'a') linkDepth--;
      else {
        flush();
        blockStack.pop();
      }
      continue;
    }
    if (isText(item)) {
      parts.push(item.data);
      if (linkDepth > 0) linkChars += textWidth(collapse(item.data));
      continue;
    }
    if (!isTag(item)) continue;
    const el = item;
    if (el.name === 'br') {
      parts.push('\n');
      continue;
    }
    // Table cells join into one line per row ("HD  Home Depot  225.86"); blocks inside cells stay blocks.
    if (el.name === 'td' || el.name === 'th') parts.push(' ');
    if (skipReason(el, share ? share(el) : 1, classRules)) continue;
    if (BLOCK_TAGS.has(el.name)) {
      flush();
      blockStack.push(el);
      stack.push({ exit: el });
    } else if (el.name === 'a') {
      linkDepth++;
      stack.push({ exit: el });
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  flush();
  return blocks;
}

/** Characters of article-like text (long blocks with few links) under each element, page included. */
function goodText(doc: Document, blocks: Block[], p: BodyParams): Map<AnyNode, number> {
  const m = new Map<AnyNode, number>();
  for (const b of blocks) {
    if (b.len < p.minGood || linkDensity(b) > p.maxGoodLinkDensity) continue;
    for (let e: AnyNode | null = b.el; e; e = e.parent) m.set(e, (m.get(e) ?? 0) + b.len);
  }
  if (!m.has(doc)) m.set(doc, 0);
  return m;
}

const linkDensity = (b: Block): number => b.linkChars / Math.max(1, b.len);

// Stock lines of page furniture ("Read more", "Lee también", "Читайте также", "相关新闻") and
// furniture phrases in many languages: lexicon.ts and data/boilerplate.json.

/**
 * Lines that are only a byline or only a date: "By Jane Doe - 11/19/19 06:56 AM EST",
 * "UPDATED: Tue., Nov. 19, 2019", "Por Juan Pérez | 15 de marzo de 2024", "Автор: Иван Петров".
 */
function isDateOrByline(text: string): boolean {
  if (text.length > 100) return false;
  return isTimestampLine(text) || isBylineLine(text);
}

// Lower-case words inside a list of names: "and" in the byline languages, and name particles.
const NAME_JOINERS = new Set(['and', 'y', 'e', 'und', 'et', 'i', 'и', 'і', 'та', 've', 'dan', 'en', 'och', 'og', 'a', 'și', 'και', 'de', 'da', 'das', 'dos', 'do', 'van', 'von', 'der', 'den', 'di', 'del', 'della', 'la', 'le', 'du', 'des', 'al', 'el', 'bin', 'ibn', 'binti']);

/** "By Jane Doe", "Por Juan Pérez | 15 de marzo de 2024": an opener, then a handful of names (maybe a date). */
export function isBylineLine(text: string): boolean {
  if (text.length > 100) return false;
  const opener = BYLINE_OPENER.exec(text);
  if (!opener || /[.!?。！？؟।۔]["”’»]?$/.test(text)) return false;
  // Names are capitalised, or written in a script without case.
  const words = text.slice(opener[0].length).split(/[\s,/|&·•]+/).filter((w) => /\p{L}/u.test(w) && !isDateWord(w.replace(/[^\p{L}\p{M}]/gu, '')));
  const nameLike = (w: string): boolean => /^\p{Lu}/u.test(w) || !/\p{Ll}/u.test(w) || NAME_JOINERS.has(w.toLowerCase());
  // Without letter case (Arabic, Hindi, CJK, Thai) nothing marks a name: allow only a name's few words.
  const uncased = !/[\p{Lu}\p{Ll}]/u.test(words.join(''));
  return words.length >= 1 && words.length <= (uncased ? 4 : 8) && words.every(nameLike);
}

// Sentences that only page furniture says: newsletter boxes, ad-blocker pleas, affiliate notes,
// copyright and contact lines. Checked on short blocks only (articles may discuss these things).
const FURNITURE = /newsletter|subscrib(?:e|ing) (?:to|for|now)|sign up (?:for|to)|delivered to your inbox|successfully subscribed|ad[- ]?blocker|affiliate commission|(?:may|might) (?:earn|get) a (?:share|commission)|through (?:links|our links|recommended links)|©|\(c\) \d{4}|copyright \d{4}|all rights reserved|(?:may|can) be reached at|have a (?:news )?tip\b|\btel\b.{0,40}\bfax\b/i;

function isStock(b: Block): boolean {
  return (
    (b.len < 120 && isStockLine(b.text)) ||
    (b.len < 300 && (FURNITURE.test(b.text) || hasFurniturePhrase(b.text))) ||
    MARKUP.test(b.text) ||
    (b.len < 400 && SHORTCODE.test(b.text)) ||
    isDateOrByline(b.text)
  );
}
// An unrendered WordPress shortcode block: "[button link=...]Send us your review[/button]".
const SHORTCODE = /^\[([a-z_]{2,20})\b[^\]]{0,300}\].{0,200}\[\/\1\]$/i;
// Markup that reached the text as characters (inside noscript or badly escaped): never prose.
const MARKUP = /^<\/?[a-z][a-z0-9]*[\s>]/i;

/** The container holding the most article-like text for the least other text. */
export function chooseContainer(blocks: Block[], p: BodyParams = DEFAULT_PARAMS, teasers: Set<Block> = new Set()): Element | null {
  const good = new Map<Element, number>();
  const bad = new Map<Element, number>();
  for (const b of blocks) {
    const len = b.len;
    const ld = linkDensity(b);
    let g = 0, x = 0;
    if (len >= p.minGood && ld <= p.maxGoodLinkDensity && !isStock(b) && !teasers.has(b)) g = len * (1 - ld);
    else if (ld > p.maxGoodLinkDensity) x = p.lambda * (b.linkChars + p.shortWeight * (len - b.linkChars));
    else x = p.lambda * p.shortWeight * len;
    for (let e: Element | null = b.el; e; e = e.parent && isTag(e.parent) ? e.parent : null) {
      if (g) good.set(e, (good.get(e) ?? 0) + g);
      if (x) bad.set(e, (bad.get(e) ?? 0) + x);
    }
  }
  let best: Element | null = null, bestScore = -Infinity;
  for (const el of new Set([...good.keys(), ...bad.keys()])) {
    const s = (good.get(el) ?? 0) - (bad.get(el) ?? 0);
    if (s > bestScore) (best = el), (bestScore = s);
  }
  // Articles split by an ad or a promo box: climb while the text added is still mostly article.
  for (let up = 0; best && up < 3; up++) {
    const parent = best.parent && isTag(best.parent) ? best.parent : null;
    if (!parent) break;
    const addGood = (good.get(parent) ?? 0) - (good.get(best) ?? 0);
    const addBad = (bad.get(parent) ?? 0) - (bad.get(best) ?? 0);
    if (addGood < p.extendMin || addGood < p.extendRatio * addBad) break;
    best = parent;
  }
  return best;
}

const CARD = new Set(['li', 'article']);
const HEADING = /^h[1-6]$/;

/**
 * Teaser cards: a list item or <article> (within 5 levels) holding a linked headline and a short
 * summary. Their summaries read like article text, so they are marked and kept out of the body.
 */
function findTeasers(blocks: Block[]): Set<Block> {
  const cardOf = (b: Block): Element | null => {
    let e: Element | null = b.el;
    for (let i = 0; e && i < 6; i++, e = e.parent && isTag(e.parent) ? e.parent : null) if (CARD.has(e.name)) return e;
    return null;
  };
  const cards = new Map<Element, { linkedHeading: boolean; chars: number; blocks: Block[] }>();
  for (const b of blocks) {
    const card = cardOf(b);
    if (!card) continue;
    let c = cards.get(card);
    if (!c) cards.set(card, (c = { linkedHeading: false, chars: 0, blocks: [] }));
    c.chars += b.len;
    c.blocks.push(b);
    if (HEADING.test(b.tag) && linkDensity(b) >= 0.8) c.linkedHeading = true;
  }
  const out = new Set<Block>();
  for (const c of cards.values()) if (c.linkedHeading && c.chars < 1000) for (const b of c.blocks) out.add(b);
  return out;
}

function inside(el: Element, container: Element): boolean {
  for (let e: Element | null = el; e; e = e.parent && isTag(e.parent) ? e.parent : null) if (e === container) return true;
  return false;
}

export interface BodyResult {
  body: string;
  blocks: Block[];
  container: Element | null;
  /** The 8 short lines just before the body (header, byline, dateline), nearest first: where pages show their date. */
  lead: string[];
}

/** The article body as paragraphs separated by blank lines. */
export function extractBody(doc: Document, opts: { titles?: string[]; description?: string | null; params?: BodyParams } = {}): BodyResult {
  const p = opts.params ?? DEFAULT_PARAMS;
  const { raw, blocks: all } = toBlocksBoth(doc, p);
  let result = bodyFrom(all, raw, opts, p);
  // Safety net: when the class/id rules left no article-like text (a layout naming its article
  // column "sidebar" or the like), choose again among all blocks.
  if (!result.body) {
    const bare = walk(doc, null, false);
    if (bare.length > all.length) result = bodyFrom(bare, bare, opts, p);
  }
  return result;
}

function bodyFrom(all: Block[], raw: Block[], opts: { titles?: string[]; description?: string | null }, p: BodyParams): BodyResult {
  const teasers = findTeasers(all);
  const container = chooseContainer(all, p, teasers);
  if (!container) return { body: '', blocks: [], container: null, lead: [] };
  const titles = new Set(opts.titles ?? []);
  const kept = all.filter((b) => {
    if (!inside(b.el, container)) return false;
    if (teasers.has(b)) return false;
    if (linkDensity(b) > p.dropLinkDensity) return false;
    if (isStock(b)) return false;
    if (titles.has(b.text.toLowerCase())) return false;
    return true;
  });
  // A first block (not a paragraph) that repeats the page summary word for word is a standfirst.
  const desc = opts.description ? collapse(opts.description).toLowerCase() : '';
  if (desc.length > 40 && kept.length > 1 && kept[0]!.tag !== 'p' && collapse(kept[0]!.text).toLowerCase() === desc) kept.shift();
  return { body: kept.map((b) => b.text).join('\n\n'), blocks: kept, container, lead: leadLines(raw, kept) };
}

function leadLines(raw: Block[], kept: Block[]): string[] {
  if (!kept.length) return [];
  const first = kept[0]!;
  let i = raw.findIndex((b) => b.el === first.el && b.text === first.text);
  if (i < 0) i = raw.findIndex((b) => b.el === first.el);
  if (i < 0) return [];
  const out: string[] = [];
  for (let j = i - 1; j >= 0 && out.length < 8; j--) if (raw[j]!.len <= 200) out.push(raw[j]!.text);
  return out;
}
