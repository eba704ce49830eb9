/** Payload of spans in the `actors` layer: one mention of an actor, normalised to a stable code. */
export type ActorType = 'state' | 'bloc' | 'organisation' | 'leader' | 'person' | 'group' | 'unknown';

export interface ActorMention {
  /**
   * ISO 3166 alpha-3 for states (CHN), followed by CAMEO sector codes (RUSGOV, USAMIL); CAMEO region
   * codes for blocs (WST the West, EUR Europe); Phoenix IGO codes for organisations (IGOWSTNAT NATO,
   * IGOEUREEC the EU, IGOUNO the UN); `---` + sector when the country is unknown ("---MIL").
   * Scheme: src/actors/data/SOURCES.md.
   */
  code: string;
  /** Display name ("China", "the West"). */
  name: string;
  type: ActorType;
  /** Country code the actor belongs to (first three letters of a CAMEO code), or null for blocs/IGOs. */
  country: string | null;
  /** CAMEO sector code (GOV, MIL, CVL, MED, ...), or null. */
  sector: string | null;
  /**
   * How the mention was recognised: 'name', 'capital' (Moscow for the Russian government, RUSGOV),
   * 'demonym' (Chinese), 'collective' (the West, European countries), 'place' (a city or region, or a
   * capital after "in"/"at"), 'leader' (a person with dated roles), 'title' (title + person:
   * "President Putin"), 'agent' (country + sector word: "Russian troops"), 'alias' (a surname
   * repeated after the full name).
   */
  via: string;
}

declare module '../core/document.js' {
  interface Layers {
    actors: ActorMention;
  }
}
