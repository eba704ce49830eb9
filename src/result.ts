/**
 * The analysis result: what `analyze()` returns and what `--format json` prints. Every offset here
 * counts Unicode code points into `text`. Bump SCHEMA_VERSION when a field changes meaning or goes
 * away; adding fields is a minor bump.
 */
import type { Credit, Doc, Span } from './core/document.js';
import './actors/types.js';
import './techniques/types.js';
import './relations/types.js';
import type { Technique } from './techniques/types.js';
import type { EventResult } from './relations/types.js';
import type { GraphResult } from './graph/types.js';
import { toEventResults } from './relations/result.js';
import { toActorResults, type ActorResult } from './actors/result.js';
import { buildGraph } from './graph/index.js';
import { roleOf, toNarrativeResults, type ActorRole, type NarrativeResult } from './narratives/result.js';
import './graph/component.js';
import { syntaxResult, type SyntaxSentenceResult } from './syntax/result.js';

export type { EventResult, GraphResult, ActorResult };

export const SCHEMA_VERSION = '1.3.0';

export interface TextRef {
  start: number;
  end: number;
  text: string;
}

export interface RelationResult {
  source: string;
  target: string;
  kind: string;
  evidence: TextRef;
  component: string;
  confidence: number;
  explanation: string;
}

export interface TechniqueResult extends TextRef {
  technique: Technique;
  confidence: number;
  explanation: string;
  component: string;
  /** The rule key that found the span (e.g. "loaded.moral:shocking"); null for the trained model. */
  rule?: string | null;
  /** Precision of this rule key / model output measured on PTC by cross-validation; null if never measured. */
  precision?: number | null;
  /** Worth showing by default (measured precision >= 0.4); hidden spans are shown greyed only on request (--all). */
  shown?: boolean;
}

export interface MetaResult {
  title: string | null;
  /**
   * ISO 8601: a day, or a timestamp when the source gives one.
   * @pattern ^\d{4}-\d{2}-\d{2}
   */
  date: string | null;
  dateSource: string | null;
  byline: string | null;
  language: string | null;
  url: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  source: string | null;
  credits: Credit[];
}

export interface NormalizationEdit {
  start: number;
  end: number;
  originalStart: number;
  originalEnd: number;
  kind: string;
}

export interface AnalysisResult {
  schemaVersion: string;
  id: string | null;
  text: string;
  meta: MetaResult;
  sentences: Array<{ start: number; end: number }>;
  /** Actors; `role` (since 1.2.0) is the role the text gives the actor (Protagonist/Antagonist/Innocent, fine roles). */
  actors: Array<ActorResult & { role?: ActorRole }>;
  relations: RelationResult[];
  /** Coded events: who does what to whom (CAMEO/PLOVER, qualifiers, evidence). */
  events: EventResult[];
  /** The signed actor graph the text asserts, portrayals, triad balance, realignments. */
  graph: GraphResult;
  techniques: TechniqueResult[];
  /** Narratives of the SemEval-2025 taxonomy the article carries, with evidence sentences; empty for Other. Since 1.2.0. */
  narratives?: NarrativeResult[];
  /** Tokens, tags, lemmas and dependencies per sentence; only with `include: ['syntax']` (`--include syntax`). Since 1.3.0. */
  syntax?: SyntaxSentenceResult[];
  /** Repairs made to the input text, with offsets in both texts (code points). */
  normalization: NormalizationEdit[];
  /** The components that ran, in order. */
  components: string[];
  /** Components of the pipeline that did not run, and why (e.g. English-only ones on a French text). Since 1.1.0. */
  skipped?: Array<{ component: string; reason: string }>;
}

export function toResult(doc: Doc, components: string[], opts: { syntax?: boolean } = {}): AnalysisResult {
  const cp = doc.codePoints;
  const ref = (s: { start: number; end: number }): TextRef => ({ start: cp.cp(s.start), end: cp.cp(s.end), text: doc.textOf(s) });

  const origCp = doc.original === doc.text ? cp : new (cp.constructor as new (t: string) => typeof cp)(doc.original);
  const m = doc.meta;
  return {
    schemaVersion: SCHEMA_VERSION,
    id: m.id ?? null,
    text: doc.text,
    meta: {
      title: m.title ?? null,
      date: m.date ?? null,
      dateSource: m.dateSource ?? null,
      byline: m.byline ?? null,
      language: m.language ?? null,
      url: m.url ?? null,
      canonicalUrl: m.canonicalUrl ?? null,
      siteName: m.siteName ?? null,
      source: m.source ?? null,
      credits: m.credits ?? [],
    },
    sentences: doc.spans('sentences').map((s) => ({ start: cp.cp(s.start), end: cp.cp(s.end) })),
    actors: toActorResults(doc).map((a) => {
      const role = roleOf(doc, a.mentions);
      return role ? { ...a, role } : a;
    }),
    relations: doc.spans('relations').map((s) => ({
      source: s.data.source,
      target: s.data.target,
      kind: s.data.kind,
      evidence: ref(s),
      component: s.component,
      confidence: s.confidence,
      explanation: s.reason,
    })),
    events: toEventResults(doc),
    // Built by the `graph` component (src/graph/component.ts); empty when it did not run.
    graph: doc.spans('graph')[0]?.data ?? buildGraph([], [], m.id ?? null),
    techniques: doc.spans('techniques').map((s) => ({
      technique: s.data.technique,
      ...ref(s),
      confidence: round(s.confidence),
      explanation: s.reason,
      component: s.component,
      rule: s.data.rule ?? null,
      precision: s.data.precision ?? null,
      shown: s.data.shown ?? true,
    })),
    narratives: toNarrativeResults(doc),
    ...(opts.syntax ? { syntax: syntaxResult(doc) } : {}),
    normalization: doc.edits.map((e) => ({
      start: cp.cp(e.start),
      end: cp.cp(e.end),
      originalStart: origCp.cp(e.originalStart),
      originalEnd: origCp.cp(e.originalEnd),
      kind: e.kind,
    })),
    components: components.filter((c) => !doc.skipped.some((s) => s.component === c)),
    skipped: [...doc.skipped],
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
