/** Payload of spans in the `actors` layer: one mention of an actor, normalised to a stable code. */
export type ActorType = 'state' | 'bloc' | 'organisation' | 'leader' | 'person' | 'group' | 'unknown';

export interface ActorMention {
  /** ISO 3166 alpha-3 for states (CHN); CAMEO/Phoenix-style codes for blocs and organisations (WST, NATO, EUR). */
  code: string;
  /** Display name ("China", "the West"). */
  name: string;
  type: ActorType;
  /** Country code the actor belongs to (first three letters of a CAMEO code), or null for blocs/IGOs. */
  country: string | null;
  /** CAMEO sector code (GOV, MIL, CVL, MED, ...), or null. */
  sector: string | null;
  /** How the mention was used: 'name', 'capital' (Moscow for RUS government), 'demonym', 'collective', 'leader'. */
  via: string;
}

declare module '../core/document.js' {
  interface Layers {
    actors: ActorMention;
  }
}
