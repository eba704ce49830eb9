/**
 * Actors: states, blocs, organisations and leaders named in a text, normalised to CAMEO-style codes
 * (ISO 3166 alpha-3 countries + sector: RUSGOV, USAMIL; CAMEO region codes for blocs: WST, EUR;
 * Phoenix IGO codes: IGOWSTNAT for NATO). The event coder and the pipeline both use this API.
 */
import type { Doc, Span } from '../core/document.js';
import type { Component } from '../core/pipeline.js';
import { ActorDictionary, type ActorMatch } from './dictionary.js';
import type { ActorMention } from './types.js';

export { ActorDictionary, countryOf, sectorOf, pickCode, SECTORS, NON_STATE } from './dictionary.js';
export type { ActorMatch, ActorEntry, AgentEntry, FindOptions, Resolution } from './dictionary.js';
export type { ActorMention, ActorType } from './types.js';

/** One sentence a journalist can check: why this span is this actor. */
export function reasonFor(m: ActorMatch, text: string): string {
  const t = `"${text}"`;
  switch (m.via) {
    case 'capital':
      return `${t} is the capital of ${m.name}, used for its government (${m.code}).`;
    case 'demonym':
      return `${t} is the adjective or demonym of ${m.name} (${m.code}).`;
    case 'collective':
      return `${t} is a collective reference to ${m.name} (${m.code}).`;
    case 'place':
      return `${t} is a place in ${m.name} (${m.code}).`;
    case 'leader':
    case 'title':
      return `${t} names ${m.name}, coded ${m.code} for the document date (dated role).`;
    case 'alias':
      return `${t} repeats the surname of ${m.name}, named in full earlier (${m.code}).`;
    case 'agent':
      return m.country ? `${t}: a ${m.sector ?? 'group'} agent of ${m.country} (${m.code}).` : `${t}: an agent (${m.sector}) whose country the text does not give.`;
    default:
      return `${t} names ${m.name} (${m.code}).`;
  }
}

export function toMention(m: ActorMatch): ActorMention {
  return { code: m.code, name: m.name, type: m.type, country: m.country, sector: m.sector, via: m.via };
}

/** Pipeline component: the `actors` layer. Agents without a country ("police") are left out of the layer. */
export const actorsComponent: Component = {
  name: 'actors',
  requires: ['sentences'],
  // The document date picks leaders' dated roles; the meta component may find it in the dateline.
  reads: ['meta.date'],
  // English names, demonyms and titles.
  languages: ['en'],
  assigns: ['actors'],
  annotate(doc: Doc) {
    const dict = ActorDictionary.default();
    const spans: Span<ActorMention>[] = dict.find(doc.text, { date: doc.meta.date ?? null, agents: 'attached' }).map((m) => ({
      start: m.start,
      end: m.end,
      component: 'actors',
      confidence: m.confidence,
      reason: reasonFor(m, doc.text.slice(m.start, m.end)),
      data: toMention(m),
    }));
    return { spans: { actors: spans } };
  },
};
