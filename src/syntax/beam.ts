/**
 * Beam search for the arc-hybrid parser (Zhang & Clark 2008; Zhang & Nivre 2011), two ways:
 * - with the greedily trained (dynamic-oracle) model: each state's move scores become
 *   log-softmax(score / temperature) and an item's score is their sum (a locally normalised beam).
 *   This is what the shipped model uses: +0.5 UAS / +0.6 LAS on the EWT dev split at width 4.
 * - global training (`train`): the move perceptron is updated on whole move sequences, at the
 *   step where the best item beats the gold sequence by most ("max-violation", Huang, Fayong &
 *   Guo 2012), after greedy epochs. Measured and not used: one epoch on top of the greedy model
 *   left the beam 3.6 UAS below greedy decoding (docs/results-parser.md); training from scratch
 *   takes more epochs than we could afford.
 *
 * Every item of the beam is a full State (copied on expansion: sentences are short, and a copy is
 * a few memcpys, cheap beside the ~100 hashed feature lookups that score a move). An item's score
 * is the sum of its move scores; a relation is chosen greedily when an arc enters the beam, as in
 * the greedy parser, so relations of attached children are features of later moves.
 * Arc-hybrid move sequences all have 2n moves, so items in the beam are always comparable.
 */
import { LEFT, MAX_ARC_FEATS, MAX_PARSER_FEATS, SHIFT, State, costs, type ParseOutput, type ParserExample, type WordAtoms } from './parser.js';
import type { PerceptronTrainer, SparseModel } from './perceptron.js';

const MOVES = 3;
/** Widest beam accepted (the parse time grows linearly with it). */
export const MAX_BEAM = 32;

/** Scores the three moves for the feature keys feats[0, n). */
type MoveScorer = (feats: Uint32Array, n: number, out: Float64Array) => void;
/** Relation id for the arc h → d of state `st` (before the arc is made). */
type Labeller = (st: State, d: number, h: number) => number;

/** Gold information for training. */
interface Gold {
  /** Canonical gold move at each step (reduce before shift). */
  moves: Int8Array;
  labels: Int32Array;
  nLabels: number;
}

export class BeamSearch {
  private cur: State[] = [];
  private next: State[] = [];
  private score: Float64Array;
  private nscore: Float64Array;
  private isGold: Uint8Array;
  private nGold: Uint8Array;
  private feats = new Uint32Array(MAX_PARSER_FEATS);
  private ms = new Float64Array(MOVES);
  private cItem: Int32Array;
  private cMove: Int32Array;
  private cScore: Float64Array;
  private taken: Uint8Array;
  // training history: per level (moves made so far) and item, its parent, last move and features
  private parent = new Int32Array(0);
  private move = new Int8Array(0);
  private featOff = new Int32Array(0);
  private featN = new Int32Array(0);
  private featBuf = new Uint32Array(0);
  private topScore = new Float64Array(0);
  /** Whether the best item at each level is the gold prefix. */
  private goldTop = new Uint8Array(0);

  /**
   * 0: an item's score is the sum of its raw move scores (for globally trained models). > 0: the
   * sum of log-softmax(score / temperature) over the valid moves, for locally (greedy) trained ones.
   */
  temperature = 0;

  constructor(readonly width: number) {
    this.score = new Float64Array(width);
    this.nscore = new Float64Array(width);
    this.isGold = new Uint8Array(width);
    this.nGold = new Uint8Array(width);
    this.cItem = new Int32Array(MOVES * width);
    this.cMove = new Int32Array(MOVES * width);
    this.cScore = new Float64Array(MOVES * width);
    this.taken = new Uint8Array(MOVES * width);
  }

  private pools(n: number, words: WordAtoms, tags: Int32Array | Uint32Array): void {
    if (!this.cur.length || this.cur[0]!.cap < n) {
      const cap = Math.max(256, n);
      this.cur = Array.from({ length: this.width }, () => new State(cap));
      this.next = Array.from({ length: this.width }, () => new State(cap));
    }
    for (const s of this.cur) s.init(words, tags, n);
    for (const s of this.next) s.init(words, tags, n);
  }

  private history(levels: number): void {
    const need = (levels + 1) * this.width;
    if (this.parent.length < need) {
      this.parent = new Int32Array(need);
      this.move = new Int8Array(need);
      this.featOff = new Int32Array(need);
      this.featN = new Int32Array(need);
    }
    if (this.topScore.length < levels + 1) {
      this.topScore = new Float64Array(levels + 1);
      this.goldTop = new Uint8Array(levels + 1);
    }
    if (this.featBuf.length < need * MAX_PARSER_FEATS) this.featBuf = new Uint32Array(need * MAX_PARSER_FEATS);
  }

  /**
   * Run the beam over one sentence. With `gold`, items are marked gold while they follow the gold
   * sequence and features are kept for the update; returns the number of levels run.
   */
  private run(n: number, nLabels: number, scoreMoves: MoveScorer, label: Labeller, gold?: Gold): number {
    const K = this.width;
    let size = 1;
    this.score[0] = 0;
    this.isGold[0] = 1;
    let fo = 0;
    let level = 0;
    const levels = 2 * n;
    while (level < levels && !this.cur[0]!.terminal()) {
      let nc = 0;
      for (let j = 0; j < size; j++) {
        const st = this.cur[j]!;
        let only = -1;
        let nValid = 0;
        for (let m = 0; m < MOVES; m++) if (st.valid(m)) (only = m), nValid++;
        if (gold) this.featN[level * K + j] = 0;
        if (nValid === 1 && (level === 0 || this.temperature > 0)) {
          // the first SHIFT is forced in every sequence, and a forced move's log-softmax is 0; with
          // raw scores the other forced moves (the RIGHTs once the buffer is empty) are scored:
          // items that leave more words on the stack would otherwise collect more free moves
          this.cItem[nc] = j;
          this.cMove[nc] = only;
          this.cScore[nc++] = this.score[j]!;
          continue;
        }
        const k = st.features(this.feats);
        scoreMoves(this.feats, k, this.ms);
        if (this.temperature > 0) {
          // locally normalised: log-softmax over the valid moves
          let max = -Infinity;
          for (let m = 0; m < MOVES; m++) if (st.valid(m) && this.ms[m]! > max) max = this.ms[m]!;
          let z = 0;
          for (let m = 0; m < MOVES; m++) if (st.valid(m)) z += Math.exp((this.ms[m]! - max) / this.temperature);
          const lz = Math.log(z);
          for (let m = 0; m < MOVES; m++) this.ms[m] = (this.ms[m]! - max) / this.temperature - lz;
        }
        if (gold) {
          this.featBuf.set(this.feats.subarray(0, k), fo);
          this.featOff[level * K + j] = fo;
          this.featN[level * K + j] = k;
          fo += k;
        }
        for (let m = 0; m < MOVES; m++) {
          if (!st.valid(m)) continue;
          this.cItem[nc] = j;
          this.cMove[nc] = m;
          this.cScore[nc++] = this.score[j]! + this.ms[m]!;
        }
      }
      // the K best candidates, best first (ties: earlier item, lower move: deterministic)
      const keep = Math.min(K, nc);
      this.taken.fill(0, 0, nc);
      for (let r = 0; r < keep; r++) {
        let best = -1;
        for (let c = 0; c < nc; c++) if (!this.taken[c] && (best < 0 || this.cScore[c]! > this.cScore[best]!)) best = c;
        this.taken[best] = 1;
        const j = this.cItem[best]!;
        const m = this.cMove[best]!;
        const ns = this.next[r]!;
        const from = this.cur[j]!;
        ns.copyFrom(from);
        const g = gold && this.isGold[j] && gold.moves[level] === m ? 1 : 0;
        this.nGold[r] = g;
        this.nscore[r] = this.cScore[best]!;
        if (gold) {
          this.parent[(level + 1) * K + r] = j;
          this.move[(level + 1) * K + r] = m;
        }
        if (m === SHIFT) ns.apply(m);
        else {
          const d = ns.s0;
          const h = ns.arcHead(m);
          const lab = h === 0 ? nLabels : g ? gold!.labels[d - 1]! : label(ns, d, h);
          ns.apply(m);
          ns.setLabel(d, h, lab);
        }
      }
      const t = this.cur;
      this.cur = this.next;
      this.next = t;
      const ts = this.score;
      this.score = this.nscore;
      this.nscore = ts;
      const tg = this.isGold;
      this.isGold = this.nGold;
      this.nGold = tg;
      size = keep;
      level++;
      if (gold) {
        this.topScore[level] = this.score[0]!;
        this.goldTop[level] = this.isGold[0]!;
      }
    }
    return level;
  }

  /** Parse with a frozen model (the greedy parser's relation labeller labels arcs). */
  parse(
    words: WordAtoms,
    tags: Int32Array | Uint32Array,
    n: number,
    moves: SparseModel,
    labelOf: (st: State, d: number, h: number) => number,
    nLabels: number,
  ): ParseOutput {
    this.pools(n, words, tags);
    const i32 = new Int32Array(MOVES);
    this.run(
      n,
      nLabels,
      (f, k, out) => {
        moves.score(f, k, i32);
        out[0] = i32[0]!;
        out[1] = i32[1]!;
        out[2] = i32[2]!;
      },
      labelOf,
    );
    return output(this.cur[0]!, n, nLabels);
  }

  /**
   * One global training step on a sentence: beam search with the current weights, then a
   * max-violation update of `trainer`; the relation labeller is trained along the gold sequence.
   * Returns whether the gold sequence ended first in the beam.
   */
  train(ex: ParserExample, nLabels: number, trainer: PerceptronTrainer, labeller: PerceptronTrainer): boolean {
    const n = ex.heads.length;
    const K = this.width;
    this.pools(n, ex.words, ex.tags);
    const levels = 2 * n;
    this.history(levels);
    const gold = goldSequence(ex, nLabels, this.cur[0]!.cap);
    // gold path: scores, features, and relation training
    const gs = new State(Math.max(256, n));
    gs.init(ex.words, ex.tags, n);
    const goldScore = new Float64Array(levels + 1);
    const goldFeat = new Uint32Array(levels * MAX_PARSER_FEATS);
    const goldN = new Int32Array(levels);
    const f32 = new Float32Array(MOVES);
    const arcFeats = new Uint32Array(MAX_ARC_FEATS);
    const labelScores = new Float32Array(nLabels);
    for (let l = 0; l < levels; l++) {
      const m = gold.moves[l]!;
      goldScore[l + 1] = goldScore[l]!;
      if (l > 0) {
        const k = gs.features(this.feats);
        goldFeat.set(this.feats.subarray(0, k), l * MAX_PARSER_FEATS);
        goldN[l] = k;
        trainer.score(this.feats, k, f32);
        goldScore[l + 1] = goldScore[l]! + f32[m]!;
      }
      if (m === SHIFT) gs.apply(m);
      else {
        const d = gs.s0;
        const h = gs.arcHead(m);
        let lab = nLabels;
        if (h !== 0 && ex.labels[d - 1]! < nLabels) {
          lab = ex.labels[d - 1]!;
          const ka = gs.arcFeatures(d, h, arcFeats);
          labeller.score(arcFeats, ka, labelScores);
          let guess = 0;
          for (let c = 1; c < nLabels; c++) if (labelScores[c]! > labelScores[guess]!) guess = c;
          labeller.tick();
          labeller.update(arcFeats, ka, lab, guess);
        }
        gs.apply(m);
        gs.setLabel(d, h, lab);
      }
    }
    const ran = this.run(
      n,
      nLabels,
      (f, k, out) => {
        trainer.score(f, k, f32);
        out[0] = f32[0]!;
        out[1] = f32[1]!;
        out[2] = f32[2]!;
      },
      (st, d, h) => {
        const ka = st.arcFeatures(d, h, arcFeats);
        labeller.score(arcFeats, ka, labelScores);
        let best = 0;
        for (let c = 1; c < nLabels; c++) if (labelScores[c]! > labelScores[best]!) best = c;
        return best;
      },
      gold,
    );
    // the averaging clock runs per move, as in greedy training
    for (let l = 0; l < ran; l++) trainer.tick();
    // max violation: the level where the best item (not gold) leads the gold prefix by most
    // (levels where the best item is the gold prefix are no violation)
    let at = -1;
    let worst = -Infinity;
    for (let l = 1; l <= ran; l++) {
      if (this.goldTop[l]) continue;
      const v = this.topScore[l]! - goldScore[l]!;
      if (v >= 0 && v > worst) (worst = v), (at = l);
    }
    if (at < 0) return true;
    // − the best item's features up to `at`, + the gold sequence's
    let j = 0;
    for (let l = at; l >= 1; l--) {
      const p = this.parent[l * K + j]!;
      const m = this.move[l * K + j]!;
      const c = this.featN[(l - 1) * K + p]!;
      if (c > 0) {
        const o = this.featOff[(l - 1) * K + p]!;
        trainer.add(this.featBuf, o, o + c, m, -1);
      }
      j = p;
    }
    for (let l = 0; l < at; l++) if (goldN[l]! > 0) trainer.add(goldFeat, l * MAX_PARSER_FEATS, l * MAX_PARSER_FEATS + goldN[l]!, gold.moves[l]!, 1);
    return false;
  }
}

function output(st: State, n: number, nLabels: number): ParseOutput {
  const heads = new Int32Array(n);
  const labels = new Int32Array(n);
  for (let i = 1; i <= n; i++) {
    heads[i - 1] = st.heads[i]!;
    const l = st.L[i]!;
    labels[i - 1] = l >= nLabels ? nLabels : l;
  }
  return { heads, labels };
}

/** The canonical gold move sequence of a projective tree: an arc as soon as it costs nothing, else SHIFT. */
function goldSequence(ex: ParserExample, nLabels: number, cap: number): Gold {
  const n = ex.heads.length;
  const st = new State(cap);
  st.init(ex.words, ex.tags, n);
  const gh = new Int32Array(n + 2).fill(-1);
  for (let i = 1; i <= n; i++) gh[i] = ex.heads[i - 1]!;
  const kidStart = new Int32Array(n + 3);
  for (let i = 1; i <= n; i++) kidStart[gh[i]! + 1]!++;
  for (let i = 1; i < kidStart.length; i++) kidStart[i]! += kidStart[i - 1]!;
  const kids = new Int32Array(n);
  const fill = kidStart.slice();
  for (let i = 1; i <= n; i++) kids[fill[gh[i]!]!++] = i;
  const inStack = new Uint8Array(n + 2);
  inStack[0] = 1;
  const cost = new Int32Array(MOVES);
  const moves = new Int8Array(2 * n);
  for (let l = 0; l < 2 * n; l++) {
    costs(st, gh, kidStart, kids, inStack, cost);
    let m = -1;
    for (const x of [LEFT, LEFT + 1, SHIFT]) if (cost[x] === 0) {
      m = x;
      break;
    }
    if (m < 0) for (let x = 0; x < MOVES; x++) if (cost[x]! >= 0 && (m < 0 || cost[x]! < cost[m]!)) m = x;
    moves[l] = m;
    if (m === SHIFT) inStack[st.b] = 1;
    else inStack[st.s0] = 0;
    st.apply(m);
  }
  return { moves, labels: ex.labels, nLabels };
}
