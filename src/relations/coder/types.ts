/** Types shared by the coder steps: mentions in, coded events out. */
import { type CodeInfo } from '../lexicon.js';
import type { Factivity } from './factivity.js';

export type { Factivity } from './factivity.js';

/** An actor mention the coder can use (from the actors layer or a dictionary). UTF-16 offsets. */
export interface Mention {
  start: number;
  end: number;
  code: string;
  name?: string;
  /** ISO alpha-3 country of the actor when known (used to place country-less agents). */
  country?: string | null;
}

export type Modality = 'asserted' | 'future' | 'hypothetical';

export interface Attribution {
  /** 'author': the text's own voice; 'quoted': inside quotation marks; 'reported': "X said ...". */
  kind: 'author' | 'quoted' | 'reported';
  /** Actor code of the speaker when known. */
  code: string | null;
  /** The speaker as written ("a senior official"), when found. */
  text: string | null;
}

export interface CodedEvent {
  source: string;
  target: string;
  code: string;
  info: CodeInfo;
  /** UTF-16 offsets of the trigger (verb or relational noun) and the two mentions. */
  trigger: { start: number; end: number };
  sourceMention: { start: number; end: number };
  targetMention: { start: number; end: number };
  negated: boolean;
  modality: Modality;
  attribution: Attribution;
  /** 'reported-event': something an actor did; 'characterisation': how the text describes a relation. */
  stance: 'reported-event' | 'characterisation';
  /** How it was found: 'verb', 'pattern', 'noun', 'passive', 'reciprocal', 'compound'. */
  via: string;
  /** The verb lemma or noun and the pattern, for the explanation. */
  lemma: string;
  pattern: string | null;
  /** A mutual relation stated once ("A and B agreed", "trust between A and B"): source/target order carries no meaning. */
  symmetric?: boolean;
  /** Whether the dependency parse names the same source and target (set when the sentence was parsed and the event comes from a verb). */
  tree?: 'agrees' | 'differs' | 'silent';
  /** Whether the text endorses, reports, doubts or rejects it (set for every event codeSentence returns). */
  factivity?: Factivity;
}

export interface CodeOptions {
  /** Skip events whose verb is negated (PETRARCH does not code them). */
  dropNegated?: boolean;
  /** Recode stated futures as intent (03x) or threat (13x), as the CAMEO manual does; PETRARCH keeps the action's code. */
  intentCodes?: boolean;
  /** Also code the reciprocal act a pattern names ("visit" 042 → the host's 043). PETRARCH does (default); PLOVER codes one event per act. */
  reciprocal?: boolean;
  /** Let a country-less agent be the target ("police dispersed demonstrators"), placed in the source's country. Off by default: it lowered precision on the PLOVER examples. */
  placeAgents?: boolean;
  /** With a parse: 'strict' takes arguments from the tree only, 'fill' falls back to word windows where the tree finds none (default), 'off' ignores the tree. */
  treeMode?: 'strict' | 'fill' | 'check' | 'add' | 'off';
  /** With a parse: also code events stated by a noun whose two participants hang from it in the tree (tree-events.ts; default on, SLANT_NOUN_EVENTS=0 turns it off). */
  nounEvents?: boolean;
}
