/**
 * Components and the pipeline that runs them. A component reads a document and returns new
 * annotations; it never mutates the document itself (the pipeline stores what it returns), so a
 * component can run anywhere — in a worker thread, on a server — with the same result.
 */
import { Doc, type DocMeta, type LayerKey, type Layers, type Span } from './document.js';
import { E, fail } from './errors.js';

/** What a component returns: spans for the layers it assigns, and metadata fields it fills. */
export interface Annotations {
  spans?: { [K in LayerKey]?: Span<Layers[K]>[] };
  meta?: Partial<DocMeta>;
}

/** Names used in requires/assigns: a layer key, or `meta.<field>`. */
export type Provides = LayerKey | `meta.${keyof DocMeta & string}`;

export interface Component {
  /** Registry name, also written on every span it makes. */
  readonly name: string;
  /** Layers or meta fields that must be present before it runs. */
  readonly requires: readonly Provides[];
  /**
   * Layers or meta fields it reads when present (input metadata such as meta.date, or a layer an
   * earlier component may add). A component that assigns one of them must not run later.
   */
  readonly reads?: readonly Provides[];
  /**
   * Languages it was built for (ISO 639-1, e.g. ['en']). On a text identified as another language
   * it does not run: its layers stay empty and the result says why (`skipped`), instead of
   * running blind. Implies reading meta.language.
   */
  readonly languages?: readonly string[];
  /** Layers or meta fields it adds. */
  readonly assigns: readonly Provides[];
  /** Pure: compute annotations from the document. */
  annotate(doc: Doc): Annotations;
}

export class Pipeline {
  readonly components: readonly Component[];

  /** Checks, at build time, that each component's requirements are assigned by one before it. */
  constructor(components: readonly Component[], initiallyPresent: readonly Provides[] = []) {
    const present = new Set<string>(initiallyPresent);
    for (const c of components) {
      for (const r of c.requires) {
        if (!present.has(r)) {
          fail(E.PIPELINE_ORDER, `component "${c.name}" requires "${r}", which no earlier component assigns`);
        }
      }
      for (const a of c.assigns) present.add(a);
    }
    // Optional reads: whatever assigns them must run first (actors read meta.date from meta).
    components.forEach((c, i) => {
      for (const r of [...(c.reads ?? []), ...(c.languages ? ['meta.language' as const] : [])]) {
        const later = components.slice(i + 1).find((d) => d.assigns.includes(r));
        if (later) fail(E.PIPELINE_ORDER, `component "${c.name}" reads "${r}", which "${later.name}" assigns after it; put "${later.name}" first`);
      }
    });
    this.components = components;
  }

  get names(): string[] {
    return this.components.map((c) => c.name);
  }

  /** Milliseconds spent in each component (annotate + storing) since the last takeTimings(). */
  private spent: number[] = [];

  /** Run every component over one document, storing what each returns. */
  run(doc: Doc): Doc {
    // Two clock reads per component per document: cheap enough to be always on (--profile reads them).
    const spent = this.spent;
    let t0 = performance.now();
    for (let i = 0; i < this.components.length; i++) {
      const c = this.components[i]!;
      const other = c.languages && otherLanguage(doc, c.languages);
      if (other) {
        doc.skipped.push({ component: c.name, reason: `not run: the text is in ${other}, and ${c.name} reads ${c.languages!.join(', ')} only` });
        for (const a of c.assigns) if (!a.startsWith('meta.') && !doc.has(a as LayerKey)) doc.setLayer(a as LayerKey, []);
      } else apply(doc, c, c.annotate(doc));
      const t1 = performance.now();
      spent[i] = (spent[i] ?? 0) + (t1 - t0);
      t0 = t1;
    }
    return doc;
  }

  /** Cumulative time per component name (ms) since the previous call, and reset. */
  takeTimings(): Record<string, number> {
    const out: Record<string, number> = {};
    this.components.forEach((c, i) => (out[c.name] = (out[c.name] ?? 0) + (this.spent[i] ?? 0)));
    this.spent = [];
    return out;
  }

  /** Stream documents through the pipeline. */
  async *pipe(docs: AsyncIterable<Doc> | Iterable<Doc>): AsyncGenerator<Doc> {
    for await (const doc of docs) yield this.run(doc);
  }
}

function apply(doc: Doc, c: Component, out: Annotations): void {
  const allowed = new Set<string>(c.assigns);
  for (const [key, spans] of Object.entries(out.spans ?? {})) {
    if (!allowed.has(key)) fail(E.COMPONENT_CONTRACT, `component "${c.name}" returned layer "${key}" it does not assign`);
    const existing = doc.has(key as LayerKey) ? doc.spans(key as LayerKey) : [];
    doc.setLayer(key as LayerKey, [...existing, ...(spans as Span<never>[])] as never);
  }
  if (out.meta) {
    for (const [field, value] of Object.entries(out.meta)) {
      if (!allowed.has(`meta.${field}`)) fail(E.COMPONENT_CONTRACT, `component "${c.name}" returned meta.${field} it does not assign`);
      // Metadata given with the input (JSON date, HTML meta) wins over what a component infers.
      const current = (doc.meta as Record<string, unknown>)[field];
      if (current === undefined || current === null || (Array.isArray(current) && current.length === 0)) {
        (doc.meta as Record<string, unknown>)[field] = value;
      }
    }
  }
}

/** Text this long (characters) identifies its language reliably enough to skip a component on it. */
const MIN_IDENTIFIED = 250;

/** The document's language when it is known, long enough to trust, and not one of `languages`. */
function otherLanguage(doc: Doc, languages: readonly string[]): string | null {
  const lang = doc.meta.language;
  if (!lang || lang === 'und' || languages.includes(lang) || doc.text.length < MIN_IDENTIFIED) return null;
  return lang;
}

