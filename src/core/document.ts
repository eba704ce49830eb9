/**
 * The document at the centre of slant: normalised text, metadata, and named annotation layers of
 * spans that may overlap (spaCy's `doc.spans[key]`). Offsets here are UTF-16 indices into `text`;
 * `CodePoints` converts them when results leave the library.
 */
import { CodePoints } from './text.js';
import { tokenize, type Token } from './tokens.js';

/** One finding pinned to the text. */
export interface Span<D = unknown> {
  /** UTF-16 start offset into `doc.text` (inclusive). */
  start: number;
  /** UTF-16 end offset into `doc.text` (exclusive). */
  end: number;
  /** The component that made it (registry name). */
  component: string;
  /** 0..1; for trained components a calibrated probability, for rules a measured precision. */
  confidence: number;
  /** One sentence a person can read and check: why this span was marked. */
  reason: string;
  /** Layer-specific payload (technique label, actor code, ...). */
  data: D;
}

/**
 * The layers a document can carry and the payload of their spans. Each analysis declares its own
 * layers by augmenting this interface from its folder:
 *
 *   declare module '../core/document.js' { interface Layers { actors: ActorMention } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Layers {
  sentences: Record<string, never>;
}

export type LayerKey = keyof Layers;

/** A source the text credits ("Part of the news reference source: huanqiu net"). */
export interface Credit {
  name: string;
  /** Stable outlet code from the outlets data file, or null when unknown. */
  code: string | null;
  /** 'state-media' | 'wire' | 'public-broadcaster' | 'private' | 'unknown' ... */
  kind: string;
  /** Owner country (ISO 3166 alpha-3), when known. */
  country?: string | null;
}

export interface DocMeta {
  id?: string;
  title?: string | null;
  /** ISO 8601 (YYYY-MM-DD, or a full timestamp when the source gives one). */
  date?: string | null;
  /** Where the date was found: 'json', 'html-meta', 'json-ld', 'time-element', 'text', ... */
  dateSource?: string | null;
  byline?: string | null;
  /** ISO 639-1 code, or 'und' when undetermined. */
  language?: string | null;
  url?: string | null;
  canonicalUrl?: string | null;
  siteName?: string | null;
  /** Declared source of the document (JSON `source`, feed name, ...). */
  source?: string | null;
  credits?: Credit[];
}

/** One repair normalisation made, in both coordinate systems (UTF-16 here, converted on output). */
export interface Edit {
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  /** Offsets in the original text. */
  originalStart: number;
  originalEnd: number;
  /** What was repaired, e.g. 'missing-space', 'quote', 'spaces', 'header-residue'. */
  kind: string;
}

export class Doc {
  readonly text: string;
  readonly original: string;
  readonly edits: readonly Edit[];
  meta: DocMeta;
  /** Components that did not run on this document, and why (e.g. a text in a language they cannot read). */
  readonly skipped: Array<{ component: string; reason: string }> = [];
  private readonly layers = new Map<string, Span<unknown>[]>();
  private cps: CodePoints | undefined;
  private toks: readonly Token[] | undefined;

  constructor(text: string, meta: DocMeta = {}, original?: string, edits: readonly Edit[] = []) {
    this.text = text;
    this.original = original ?? text;
    this.edits = edits;
    this.meta = meta;
  }

  /** The spans of one layer, sorted by start then end (empty if the layer is absent). */
  spans<K extends LayerKey>(key: K): readonly Span<Layers[K]>[] {
    return (this.layers.get(key) ?? []) as Span<Layers[K]>[];
  }

  has(key: LayerKey): boolean {
    return this.layers.has(key);
  }

  /** Set a whole layer at once (the pipeline does this with what a component returned). */
  setLayer<K extends LayerKey>(key: K, spans: Span<Layers[K]>[]): void {
    spans.sort((a, b) => a.start - b.start || a.end - b.end);
    this.layers.set(key, spans as Span<unknown>[]);
  }

  layerKeys(): string[] {
    return [...this.layers.keys()];
  }

  /** Covered text of a span. */
  textOf(span: { start: number; end: number }): string {
    return this.text.slice(span.start, span.end);
  }

  /** Code-point converter for `text`, built once. */
  get codePoints(): CodePoints {
    return (this.cps ??= new CodePoints(this.text));
  }

  /**
   * The shared tokenizer's tokens of the whole text (core/tokens.ts), computed once per document:
   * the one token layer every component should read instead of tokenising the text again. The
   * array and its tokens are shared: never change them.
   */
  get tokens(): readonly Token[] {
    return (this.toks ??= tokenize(this.text));
  }

  /**
   * The tokens that lie wholly within [start, end) (a sentence, a span), by binary search over
   * `tokens`. On a sentence this equals `tokenize(doc.text, s.start, s.end)`, without scanning again.
   */
  tokensIn(start: number, end: number): readonly Token[] {
    const all = this.tokens;
    let lo = 0, hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid]!.start < start) lo = mid + 1;
      else hi = mid;
    }
    let stop = lo;
    while (stop < all.length && all[stop]!.end <= end) stop++;
    return all.slice(lo, stop);
  }

  /**
   * The sentence spans that overlap [start, end). Sentences do not overlap, so their ends are sorted
   * too: a binary search finds the first, not a scan of every sentence per call (issue 16: called
   * once per actor mention, the scan made analysis quadratic).
   */
  sentencesAt(start: number, end: number): readonly Span<Layers['sentences']>[] {
    const all = this.spans('sentences');
    let lo = 0, hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid]!.end <= start) lo = mid + 1;
      else hi = mid;
    }
    const out: Span<Layers['sentences']>[] = [];
    for (let i = lo; i < all.length && all[i]!.start < end; i++) if (all[i]!.end > start) out.push(all[i]!);
    return out;
  }

  /**
   * Map a UTF-16 offset in the normalised text back to the original text. Edits are sorted and
   * non-overlapping; between edits the two texts advance together.
   */
  toOriginal(offset: number): number {
    let delta = 0;
    for (const e of this.edits) {
      if (offset < e.start) break;
      if (offset < e.end) return e.originalStart + Math.min(offset - e.start, e.originalEnd - e.originalStart);
      delta = e.originalEnd - e.end;
    }
    return offset + delta;
  }
}
