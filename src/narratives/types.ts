/** Layers of the narratives area: evidence sentences of each narrative, and a role per actor mention. */

export type MainRole = 'Protagonist' | 'Antagonist' | 'Innocent';

/**
 * Payload of spans in the `narratives` layer. The span is one evidence sentence; a narrative with
 * three evidence sentences has three spans with the same label (span.confidence is the label's
 * calibrated probability).
 */
export interface NarrativeEvidence {
  /** Taxonomy label ("URW: Discrediting the West, Diplomacy"), or a user catalogue entry. */
  label: string;
  level: 'narrative' | 'subnarrative';
  /** For subnarratives, the narrative they belong to. */
  parent: string | null;
  /** The sentence's share of the label's linear score (higher: carries more of it). */
  contribution: number;
  /** 1 for the strongest evidence sentence. */
  rank: number;
}

/** Payload of spans in the `roles` layer: the role the text gives one actor mention. */
export interface RoleData {
  /** Actor code of the mention (as in the actors layer). */
  code: string;
  main: MainRole;
  /** Fine roles (Instigator, Foreign Adversary, Victim, Guardian, ...), strongest first. */
  fine: string[];
}

declare module '../core/document.js' {
  interface Layers {
    narratives: NarrativeEvidence;
    roles: RoleData;
  }
}
