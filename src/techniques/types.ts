/** The 14 PTC / SemEval-2020 Task 11 technique labels, exactly as printed. */
export const TECHNIQUES = [
  'Appeal_to_Authority',
  'Appeal_to_fear-prejudice',
  'Bandwagon,Reductio_ad_hitlerum',
  'Black-and-White_Fallacy',
  'Causal_Oversimplification',
  'Doubt',
  'Exaggeration,Minimisation',
  'Flag-Waving',
  'Loaded_Language',
  'Name_Calling,Labeling',
  'Repetition',
  'Slogans',
  'Thought-terminating_Cliches',
  'Whataboutism,Straw_Men,Red_Herring',
] as const;

export type Technique = (typeof TECHNIQUES)[number];

/** Payload of spans in the `techniques` layer. */
export interface TechniqueSpan {
  technique: Technique;
  /** The rule key that found the span (e.g. 'loaded.moral:shocking'); null or absent for the model. */
  rule?: string | null;
  /** Precision measured on PTC by cross-validation for this rule key / model output (src/techniques/display.ts). */
  precision?: number | null;
  /** Shown by default (measured precision >= 0.4); hidden spans are greyed with --all. Absent means shown. */
  shown?: boolean;
}

declare module '../core/document.js' {
  interface Layers {
    techniques: TechniqueSpan;
    /** Every span the trained model decoded, before merging with rule hits (techniques.rules measures its hits by their agreement with them). */
    'techniques.modelSpans': { technique: Technique };
  }
}
