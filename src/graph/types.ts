/**
 * The actor system of a text (or of many texts, merged): a signed, weighted graph of actors with
 * the evidence behind every edge, how the text portrays each actor, and the structural balance of
 * its triads (Cartwright & Harary 1956). Offsets in evidence count Unicode code points.
 */
import type { EventData } from '../relations/types.js';

export interface EvidenceRef {
  start: number;
  end: number;
  text: string;
  /** Document id when the graph merges several documents (null/absent for a single document). */
  doc?: string | null;
}

/**
 * The coded event an edge or portrayal rests on: an event of the result (src/relations/types.ts) in
 * result coordinates — `trigger` and `evidence` offsets count code points.
 */
export type GraphEvent = Pick<
  EventData,
  'source' | 'target' | 'cameo' | 'description' | 'goldstein' | 'quad' | 'negated' | 'modality' | 'attribution' | 'stance' | 'via' | 'trigger'
> & Partial<Pick<EventData, 'factivity' | 'symmetric'>> & { evidence: EvidenceRef };

export interface Portrayal {
  /** Events the actor initiates / receives, split by sign. */
  asSource: { cooperative: number; conflictual: number };
  asTarget: { cooperative: number; conflictual: number };
  /** Mean signed weight of what it does and of what is done to it (-1..1; 0 when none). */
  acts: number;
  receives: number;
  /** 'aggressor', 'pressured', 'partner', 'courted', 'isolated', 'mixed', 'mentioned'. */
  role: string;
  /** One sentence a journalist can check. */
  summary: string;
  /** The sentences behind the role, strongest first (at most 3). */
  evidence: EvidenceRef[];
  /**
   * How the text frames the actor: persuasion techniques found in sentences that name it, most
   * frequent first (technique, count, and up to two of the technique spans).
   */
  framing?: Array<{ technique: string; count: number; evidence: EvidenceRef[] }>;
}

export interface GraphNode {
  code: string;
  name: string;
  type: string;
  mentions: number;
  portrayal: Portrayal;
}

export interface GraphEdge {
  source: string;
  target: string;
  /** +1 cooperation, -1 conflict (0 when the evidence cancels out). */
  sign: 1 | -1 | 0;
  /** Sum of per-event weights (|Goldstein|/10, at least 0.1; halved for negated or hypothetical). */
  weight: number;
  /** Signed sum the sign and weight come from (kept so graphs can be merged exactly). */
  score: number;
  /** false when the relation is stated as mutual ("trust between A and B", "A and B agreed"). */
  directed: boolean;
  /**
   * true for a standing relation the text states with a noun (trust, partnership, mistrust,
   * differences); false for acts (verbs). Balance uses standing relations where a pair has them:
   * structural balance is about sentiment, and acts such as courting need not express it.
   */
  standing?: boolean;
  /** Number of coded events behind the edge. */
  count: number;
  /** CAMEO codes seen, most frequent first. */
  cameo: string[];
  evidence: EvidenceRef[];
}

export interface Triad {
  actors: [string, string, string];
  /** Signs of the pairs (a,b), (b,c), (a,c). */
  signs: [1 | -1, 1 | -1, 1 | -1];
  balanced: boolean;
}

export interface EdgeChange {
  a: string;
  b: string;
  /** Sign the text asserts now (0: no relation stated). */
  current: 1 | -1 | 0;
  required: 1 | -1;
  /** The sentences that assert the current relation (what the realignment would contradict). */
  evidence: EvidenceRef[];
}

export interface Realignment {
  /** The coalitions tested: actors in the same side cooperate, across sides they conflict. */
  sides: [string[], string[]];
  /** "WST+RUS vs CHN". */
  label: string;
  /** The smallest set of pair-sign changes among the named actors. */
  changes: EdgeChange[];
  /** Changes needed elsewhere to keep the whole graph balanced under the best placement of the other actors. */
  otherChanges: EdgeChange[];
  /** Where the other actors would fall. */
  placement: Record<string, 0 | 1>;
  summary: string;
}

export interface GraphResult {
  nodes: GraphNode[];
  edges: GraphEdge[];
  triads: Triad[];
  balance: {
    triads: number;
    balanced: number;
    /** Fewest pair-sign changes that would make the whole graph balanced (frustration index), or null if too large to compute. */
    frustration: number | null;
    /** A two-camp split achieving it. */
    camps: [string[], string[]] | null;
  };
  realignments: Realignment[];
}
