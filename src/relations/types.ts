/** Payload of spans in the `relations` layer: the span is the evidence (usually a sentence). */
export interface RelationData {
  /** Actor codes. */
  source: string;
  target: string;
  /** 'co-mention': both actors are named in the same sentence (no direction or sign claimed). */
  kind: string;
  /** UTF-16 offsets of the source and target mentions inside the text. */
  sourceMention: { start: number; end: number };
  targetMention: { start: number; end: number };
  /** How many sentences name both actors up to and including this one (1 for the first). */
  count: number;
}

/**
 * Payload of spans in the `events` layer: one coded "who does what to whom". The span is the
 * evidence sentence; the trigger (verb or noun) and both mentions are pinned inside it.
 */
export interface EventData {
  source: string;
  target: string;
  /** CAMEO event code (e.g. '112'), its description, Goldstein score (-10..10) and quad class. */
  cameo: string;
  description: string;
  goldstein: number;
  /** 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
  quad: 1 | 2 | 3 | 4;
  /** PLOVER event type and mode (null where PLOVER drops the CAMEO category). */
  plover: string | null;
  ploverMode: string | null;
  /** UTF-16 offsets of the trigger word(s) and the two actor mentions. */
  trigger: { start: number; end: number };
  sourceMention: { start: number; end: number };
  targetMention: { start: number; end: number };
  negated: boolean;
  /** 'asserted', 'future' ("will never succeed") or 'hypothetical' (if/would/could, wishes). */
  modality: 'asserted' | 'future' | 'hypothetical';
  /** Who asserts it: the author, a quoted party (inside quotation marks), or a reported speaker. */
  attribution: { kind: 'author' | 'quoted' | 'reported'; code: string | null; text: string | null };
  /** 'reported-event': something an actor did or said; 'characterisation': the text's own description. */
  stance: 'reported-event' | 'characterisation';
  /**
   * Whether the text endorses (the author's own voice), reports (a source's), doubts ("so-called",
   * "alleged", "claimed", scare quotes) or rejects it ("lied that", "wishful thinking"); the cue
   * word(s), and for scare quotes whose framing it is (actor code) when the clause names them.
   */
  factivity: { value: 'endorsed' | 'reported' | 'doubted' | 'rejected'; cue: string | null; framedBy: string | null };
  /** A mutual relation ("A and B agreed", "trust between A and B") stored once: the order of source and target carries no meaning. */
  symmetric: boolean;
  /** Shown by default (confidence at or above the CV-chosen threshold, and not a CAMEO 01 statement); absent = shown. */
  shown?: boolean;
  /** Whether the dependency parse names the same source and target ('agrees'), another actor ('differs') or none ('silent'), when the sentence was parsed. */
  tree?: 'agrees' | 'differs' | 'silent';
  /** How the coder found it: 'verb', 'pattern', 'passive', 'reciprocal', 'compound', 'noun', 'stance' (a stated attitude such as "X's anti-Y front", not an event). */
  via: string;
  /** Verb lemma or relational noun, and the CAMEO dictionary pattern that refined the code. */
  lemma: string;
  pattern: string | null;
}

declare module '../core/document.js' {
  interface Layers {
    relations: RelationData;
    events: EventData;
  }
}

/** A coded event in the JSON result: offsets count code points (see src/result.ts). */
export interface EventResult extends Omit<EventData, 'trigger' | 'sourceMention' | 'targetMention'> {
  /** The evidence sentence. */
  evidence: { start: number; end: number; text: string };
  trigger: { start: number; end: number; text: string };
  sourceMention: { start: number; end: number; text: string };
  targetMention: { start: number; end: number; text: string };
  confidence: number;
  explanation: string;
  component: string;
}
