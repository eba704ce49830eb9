/** Payload of spans in the `relations` layer: the span is the evidence (usually a sentence). */
export interface RelationData {
  /** Actor codes. */
  source: string;
  target: string;
  /** 'co-mention' for the first cut; richer kinds (coded events) add fields below. */
  kind: string;
  /** UTF-16 offsets of the source and target mentions inside the text. */
  sourceMention: { start: number; end: number };
  targetMention: { start: number; end: number };
}

declare module '../core/document.js' {
  interface Layers {
    relations: RelationData;
  }
}
