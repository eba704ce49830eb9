/**
 * The event coder: who does what to whom in one sentence, without a parser. A shallow pass:
 *  1. units: actor mentions become single units, the rest is tokenized (Treebank-style "n't");
 *  2. verbs: dictionary forms not in a noun context (determiner/adjective before them, "a U.S.
 *     ally"), light verb + event noun merged ("made concessions"), participles glued to names
 *     ("US-led") and closed-class words excluded;
 *  3. per verb: its group (auxiliaries, modals, negation, passive, catenatives such as "tried
 *     to"), the subject (nearest actor to the left within the clause, over appositions, relative
 *     clauses, parentheses and "A, B and C"), the object (first actor to the right), the CAMEO code
 *     refined by the dictionary's patterns, reciprocal codes, and qualifiers (negation,
 *     future/hypothetical, attribution to a quoted or reported speaker, reported event or the
 *     author's characterisation);
 *  4. sentence-level: "X said Y must ..." demands and relational nouns ("trust between A and B").
 *
 * Work per sentence is bounded: at most MAX_UNITS units are examined, pattern matching looks at
 * a fixed window around the verb, and every scan is a single bounded loop.
 */
import './coder/words.js';

// The steps live in coder/ (one file each: units, verbs, clause, patterns, attribution, demands,
// nouns, verb-events, sentence); their word lists in data/coder-words.json with a source per list.
export type { Mention, Modality, Attribution, CodedEvent, CodeOptions } from './coder/types.js';
export { MAX_UNITS } from './coder/units.js';
export { countryOf, futureCode } from './coder/codes.js';
export { asDirected, codeSentence } from './coder/sentence.js';
