/**
 * Dependency parser: greedy arc-hybrid transitions (SHIFT, LEFT, RIGHT) scored by an averaged
 * perceptron over Zhang & Nivre (2011)-style feature templates, trained with the dynamic oracle of
 * Goldberg & Nivre (2013). Each arc gets its relation when it is made, from a second perceptron
 * (the dependent's subtree is complete by then), so relations of children are parser features too.
 *
 * Token 0 is the root, at the bottom of the stack; it takes its one dependent last (RIGHT from the
 * root is only allowed when the buffer is empty and one word is left), so every tree has one root.
 * Non-projective trees are projectivised for training (projective.ts).
 */
import { PAD } from './atoms.js';
import { f1, f2, f3, f4, hashString, prng, shuffle } from './hash.js';
import { PerceptronTrainer, SparseModel } from './perceptron.js';
import { BeamSearch, MAX_BEAM } from './beam.js';

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
const MOVES = 3;
export const MAX_PARSER_FEATS = 112;
export const MAX_ARC_FEATS = 48;

/** Word atoms of a sentence (subarrays of Atoms). */
export interface WordAtoms {
  lower: Uint32Array;
  form: Uint32Array;
  suf3: Uint32Array;
  /** Fine and coarse word clusters (NO_CLUSTER outside the table). */
  cl: Uint32Array;
  cc: Uint32Array;
  /** Coarse tag (UPOS) atom of each word's predicted tag, for back-off features. */
  up: Uint32Array;
}

const ROOT_W = hashString('!ROOT');
const COMMA = hashString(',');
const NO_LABEL = 0xffff;
const ROOT_T = 0x3ffffff0;
const NONE_T = 0x3ffffff1;
const ROOT_C = 0x10001;
const NONE_C = 0x10002;

/** Atom of a coarse tag (the UPOS part of a tag). */
export function uposAtom(upos: string): number {
  return hashString(`U:${upos}`);
}

/** Reusable parse state for sentences of up to `cap` words (index 0 = root, cap+1 = "none"). */
export class State {
  n = 0;
  stack: Int32Array;
  sp = 0;
  b = 1;
  heads: Int32Array;
  l1: Int32Array;
  l2: Int32Array;
  r1: Int32Array;
  r2: Int32Array;
  nl: Int32Array;
  nr: Int32Array;
  /** Word and tag atoms, index 0 = root, n+1 = none. */
  W: Uint32Array;
  T: Uint32Array;
  F: Uint32Array;
  S3: Uint32Array;
  /** Fine and coarse clusters. */
  C: Uint32Array;
  CC: Uint32Array;
  /** UPOS atoms. */
  U: Uint32Array;
  /** Relation id of each attached word (NO_LABEL before). */
  L: Uint32Array;
  /** Bit sets of the relations of left / right children. */
  lset: Uint32Array;
  rset: Uint32Array;
  /** Commas before position i (prefix counts). */
  commas: Int32Array;

  constructor(readonly cap: number) {
    const m = cap + 2;
    this.stack = new Int32Array(m);
    this.heads = new Int32Array(m);
    this.l1 = new Int32Array(m);
    this.l2 = new Int32Array(m);
    this.r1 = new Int32Array(m);
    this.r2 = new Int32Array(m);
    this.nl = new Int32Array(m);
    this.nr = new Int32Array(m);
    this.W = new Uint32Array(m);
    this.T = new Uint32Array(m);
    this.F = new Uint32Array(m);
    this.S3 = new Uint32Array(m);
    this.C = new Uint32Array(m);
    this.CC = new Uint32Array(m);
    this.U = new Uint32Array(m);
    this.L = new Uint32Array(m);
    this.lset = new Uint32Array(m);
    this.rset = new Uint32Array(m);
    this.commas = new Int32Array(m + 1);
  }

  init(words: WordAtoms, tags: Int32Array | Uint32Array, n: number): void {
    this.n = n;
    const none = n + 1;
    this.W[0] = ROOT_W;
    this.T[0] = ROOT_T;
    this.F[0] = ROOT_W;
    this.S3[0] = ROOT_W;
    this.C[0] = ROOT_C;
    this.CC[0] = ROOT_C;
    this.U[0] = ROOT_T;
    this.commas[0] = 0;
    this.commas[1] = 0;
    for (let i = 1; i <= n; i++) {
      this.W[i] = words.lower[i - 1]!;
      this.T[i] = tags[i - 1]!;
      this.F[i] = words.form[i - 1]!;
      this.S3[i] = words.suf3[i - 1]!;
      this.C[i] = words.cl[i - 1]!;
      this.CC[i] = words.cc[i - 1]!;
      this.U[i] = words.up[i - 1]!;
      this.commas[i + 1] = this.commas[i]! + (this.W[i] === COMMA ? 1 : 0);
    }
    this.W[none] = PAD;
    this.T[none] = NONE_T;
    this.F[none] = PAD;
    this.S3[none] = PAD;
    this.C[none] = NONE_C;
    this.CC[none] = NONE_C;
    this.U[none] = NONE_T;
    this.L.fill(NO_LABEL, 0, n + 2);
    this.lset.fill(0, 0, n + 2);
    this.rset.fill(0, 0, n + 2);
    this.heads.fill(-1, 0, n + 2);
    this.l1.fill(none, 0, n + 2);
    this.l2.fill(none, 0, n + 2);
    this.r1.fill(none, 0, n + 2);
    this.r2.fill(none, 0, n + 2);
    this.nl.fill(0, 0, n + 2);
    this.nr.fill(0, 0, n + 2);
    this.stack[0] = 0;
    this.sp = 1;
    this.b = 1;
  }

  /** Copy what moves change (stack, arcs, children, relations) from `o`, a state initialised with the same sentence. */
  copyFrom(o: State): void {
    const m = this.n + 2;
    this.sp = o.sp;
    this.b = o.b;
    this.stack.set(o.stack.subarray(0, m));
    this.heads.set(o.heads.subarray(0, m));
    this.l1.set(o.l1.subarray(0, m));
    this.l2.set(o.l2.subarray(0, m));
    this.r1.set(o.r1.subarray(0, m));
    this.r2.set(o.r2.subarray(0, m));
    this.nl.set(o.nl.subarray(0, m));
    this.nr.set(o.nr.subarray(0, m));
    this.L.set(o.L.subarray(0, m));
    this.lset.set(o.lset.subarray(0, m));
    this.rset.set(o.rset.subarray(0, m));
  }

  terminal(): boolean {
    return this.b > this.n && this.sp <= 1;
  }

  valid(move: number): boolean {
    if (move === SHIFT) return this.b <= this.n;
    if (move === LEFT) return this.sp >= 2 && this.b <= this.n;
    return this.sp >= 3 || (this.sp === 2 && this.b > this.n);
  }

  apply(move: number): void {
    if (move === SHIFT) {
      this.stack[this.sp++] = this.b++;
    } else if (move === LEFT) {
      const d = this.stack[--this.sp]!;
      const h = this.b;
      this.heads[d] = h;
      this.l2[h] = this.l1[h]!;
      this.l1[h] = d;
      this.nl[h]!++;
    } else {
      const d = this.stack[--this.sp]!;
      const h = this.stack[this.sp - 1]!;
      this.heads[d] = h;
      this.r2[h] = this.r1[h]!;
      this.r1[h] = d;
      this.nr[h]!++;
    }
  }

  /** Head of the arc `move` (LEFT or RIGHT) would make; the dependent is always s0. */
  arcHead(move: number): number {
    return move === LEFT ? this.b : this.stack[this.sp - 2]!;
  }

  get s0(): number {
    return this.stack[this.sp - 1]!;
  }

  setLabel(d: number, h: number, label: number): void {
    this.L[d] = label;
    if (d < h) this.lset[h]! |= 1 << (label & 31);
    else this.rset[h]! |= 1 << (label & 31);
  }

  /** Features for labelling the arc h → d before it is made. */
  arcFeatures(d: number, h: number, out: Uint32Array): number {
    const none = this.n + 1;
    const { W, T, L, F, S3, l1, r1, l2, r2 } = this;
    const dw = W[d]!, dt = T[d]!, hw = W[h]!, ht = T[h]!;
    const left = d < h;
    const dir = left ? 1 : 2;
    const dist = Math.min(Math.abs(h - d), 8);
    const dL = l1[d]!, dR = r1[d]!;
    const sib = left ? l1[h]! : r1[h]!; // nearest sibling on the same side, closer to the head
    const sibL = L[sib]!;
    const hset = left ? this.lset[h]! : this.rset[h]!;
    const lo = Math.min(h, d);
    const hi = Math.max(h, d);
    const comma = h > 0 && this.commas[hi]! - this.commas[lo + 1]! > 0 ? 1 : 0;
    const prev = d > 1 ? d - 1 : none;
    const next = d < this.n ? d + 1 : none;
    const b0 = this.b <= this.n ? this.b : none;
    let k = 0;
    out[k++] = f1(200, 0);
    out[k++] = f1(201, dw);
    out[k++] = f1(202, dt);
    out[k++] = f2(203, dw, dt);
    out[k++] = f1(204, hw);
    out[k++] = f1(205, ht);
    out[k++] = f2(206, hw, ht);
    out[k++] = f2(207, dt, ht);
    out[k++] = f2(208, dw, ht);
    out[k++] = f2(209, dt, hw);
    out[k++] = f2(210, dw, hw);
    out[k++] = f2(211, dir, dist);
    out[k++] = f3(212, dir, dt, ht);
    out[k++] = f4(213, dir, dt, ht, dist);
    out[k++] = f3(214, this.lset[d]!, this.rset[d]!, dt);
    out[k++] = f3(215, L[dL]!, dt, ht);
    out[k++] = f3(216, L[dR]!, dt, ht);
    out[k++] = f2(217, W[dL]!, dt);
    out[k++] = f3(218, W[dL]!, dt, ht);
    out[k++] = f2(219, W[dR]!, dt);
    out[k++] = f4(220, sibL, dir, dt, ht);
    out[k++] = f4(221, hset, dir, dt, ht);
    out[k++] = f2(222, S3[d]!, dt);
    out[k++] = f2(223, F[d]!, ht);
    out[k++] = f2(224, T[prev]!, dt);
    out[k++] = f2(225, T[next]!, dt);
    out[k++] = f3(226, W[prev]!, dt, ht);
    out[k++] = f4(227, comma, dir, dt, ht);
    out[k++] = f2(228, S3[h]!, dt);
    out[k++] = f3(229, dw, ht, dir);
    out[k++] = f2(230, Math.min(this.nl[d]! + this.nr[d]!, 4), dt);
    out[k++] = f3(231, T[l2[d]!]!, T[dL]!, dt);
    out[k++] = f3(232, T[r2[d]!]!, T[dR]!, dt);
    out[k++] = f3(233, T[b0]!, dt, ht);
    out[k++] = f3(234, d === 1 ? 1 : 0, dir, dt);
    out[k++] = f3(235, W[dL]!, dw, ht);
    out[k++] = f4(236, this.lset[d]!, dt, ht, dir);
    out[k++] = f3(237, this.rset[d]!, dt, ht);
    // word clusters
    const { C, CC } = this;
    out[k++] = f1(238, C[d]!);
    out[k++] = f2(239, C[d]!, C[h]!);
    out[k++] = f2(240, C[d]!, ht);
    out[k++] = f2(241, dt, C[h]!);
    out[k++] = f3(242, CC[d]!, CC[h]!, dir);
    // coarse-tag back-off, and the head's suffix
    const du = this.U[d]!, hu = this.U[h]!;
    out[k++] = f3(243, du, hu, dir);
    out[k++] = f4(244, du, hu, dir, dist);
    out[k++] = f3(245, S3[h]!, dt, dir);
    return k;
  }

  /** Fill `out` with the feature keys of the current configuration; returns their number. */
  features(out: Uint32Array): number {
    const none = this.n + 1;
    const { W, T, stack, sp, l1, l2, r1, r2, nl, nr } = this;
    const s0 = sp >= 1 ? stack[sp - 1]! : none;
    const s1 = sp >= 2 ? stack[sp - 2]! : none;
    const s2 = sp >= 3 ? stack[sp - 3]! : none;
    const b0 = this.b <= this.n ? this.b : none;
    const b1 = this.b + 1 <= this.n ? this.b + 1 : none;
    const b2 = this.b + 2 <= this.n ? this.b + 2 : none;
    const s0w = W[s0]!, s0t = T[s0]!, s1w = W[s1]!, s1t = T[s1]!, s2t = T[s2]!;
    const b0w = W[b0]!, b0t = T[b0]!, b1w = W[b1]!, b1t = T[b1]!, b2w = W[b2]!, b2t = T[b2]!;
    const s0L = l1[s0]!, s0L2 = l2[s0]!, s0R = r1[s0]!, s0R2 = r2[s0]!;
    const b0L = l1[b0]!, b0L2 = l2[b0]!, s1R = r1[s1]!, s1R2 = r2[s1]!;
    const s0Lt = T[s0L]!, s0Rt = T[s0R]!, b0Lt = T[b0L]!, s1Rt = T[s1R]!;
    const d = b0 === none || s0 === none ? 0 : Math.min(b0 - s0, 6);
    const d2 = s1 === none || s0 === none ? 0 : Math.min(s0 - s1, 6);
    const s0wt = f2(100, s0w, s0t);
    const b0wt = f2(100, b0w, b0t);
    const s1wt = f2(100, s1w, s1t);
    let k = 0;
    out[k++] = f1(0, 0);
    out[k++] = f1(1, s0wt);
    out[k++] = f1(2, s0w);
    out[k++] = f1(3, s0t);
    out[k++] = f1(4, b0wt);
    out[k++] = f1(5, b0w);
    out[k++] = f1(6, b0t);
    out[k++] = f2(7, b1w, b1t);
    out[k++] = f1(8, b1w);
    out[k++] = f1(9, b1t);
    out[k++] = f2(10, b2w, b2t);
    out[k++] = f1(11, b2t);
    out[k++] = f1(12, s1wt);
    out[k++] = f1(13, s1w);
    out[k++] = f1(14, s1t);
    out[k++] = f1(15, s2t);
    out[k++] = f2(16, s0wt, b0wt);
    out[k++] = f2(17, s0wt, b0w);
    out[k++] = f2(18, s0w, b0wt);
    out[k++] = f2(19, s0wt, b0t);
    out[k++] = f2(20, s0t, b0wt);
    out[k++] = f2(21, s0w, b0w);
    out[k++] = f2(22, s0t, b0t);
    out[k++] = f2(23, b0t, b1t);
    out[k++] = f2(24, s1wt, s0wt);
    out[k++] = f2(25, s1w, s0w);
    out[k++] = f2(26, s1t, s0t);
    out[k++] = f2(27, s1t, s0w);
    out[k++] = f2(28, s1w, s0t);
    out[k++] = f3(29, b0t, b1t, b2t);
    out[k++] = f3(30, s0t, b0t, b1t);
    out[k++] = f3(31, s1t, s0t, b0t);
    out[k++] = f3(32, s0t, s0Lt, b0t);
    out[k++] = f3(33, s0t, s0Rt, b0t);
    out[k++] = f3(34, s0t, b0t, b0Lt);
    out[k++] = f3(35, s1t, s0t, s0Lt);
    out[k++] = f3(36, s2t, s1t, s0t);
    out[k++] = f3(37, s1t, s1Rt, s0t);
    out[k++] = f3(38, s1t, s0t, s0Rt);
    out[k++] = f2(39, s0w, d);
    out[k++] = f2(40, s0t, d);
    out[k++] = f2(41, b0w, d);
    out[k++] = f2(42, b0t, d);
    out[k++] = f3(43, s0w, b0w, d);
    out[k++] = f3(44, s0t, b0t, d);
    out[k++] = f3(45, s1t, s0t, d2);
    out[k++] = f3(46, s1w, s0w, d2);
    out[k++] = f2(47, s0w, nr[s0]!);
    out[k++] = f2(48, s0t, nr[s0]!);
    out[k++] = f2(49, s0w, nl[s0]!);
    out[k++] = f2(50, s0t, nl[s0]!);
    out[k++] = f2(51, b0w, nl[b0]!);
    out[k++] = f2(52, b0t, nl[b0]!);
    out[k++] = f2(53, s1t, nr[s1]!);
    out[k++] = f1(54, W[s0L]!);
    out[k++] = f1(55, s0Lt);
    out[k++] = f1(56, W[s0R]!);
    out[k++] = f1(57, s0Rt);
    out[k++] = f1(58, W[b0L]!);
    out[k++] = f1(59, b0Lt);
    out[k++] = f1(60, W[s1R]!);
    out[k++] = f1(61, s1Rt);
    out[k++] = f1(62, T[s0L2]!);
    out[k++] = f1(63, T[s0R2]!);
    out[k++] = f1(64, T[b0L2]!);
    out[k++] = f3(65, s0t, s0Lt, T[s0L2]!);
    out[k++] = f3(66, s0t, s0Rt, T[s0R2]!);
    out[k++] = f3(67, b0t, b0Lt, T[b0L2]!);
    out[k++] = f3(68, s1t, s1Rt, T[s1R2]!);
    out[k++] = f2(69, s0wt, s1t);
    out[k++] = f2(70, b0wt, b1t);
    out[k++] = f4(71, s0t, b0t, s0Lt, s0Rt);
    out[k++] = f2(72, s0w, b1w);
    out[k++] = f3(73, s0t, b1t, b2t);
    out[k++] = f3(74, s1t, s0w, b0t);
    // relations of children already attached
    const { L } = this;
    out[k++] = f2(75, L[s0L]!, s0t);
    out[k++] = f2(76, L[s0R]!, s0t);
    out[k++] = f2(77, L[b0L]!, b0t);
    out[k++] = f2(78, L[s1R]!, s1t);
    out[k++] = f3(79, s0t, L[s0L]!, L[s0L2]!);
    out[k++] = f3(80, s0t, L[s0R]!, L[s0R2]!);
    out[k++] = f3(81, b0t, L[b0L]!, L[b0L2]!);
    out[k++] = f2(82, s0w, this.lset[s0]!);
    out[k++] = f2(83, s0t, this.lset[s0]!);
    out[k++] = f2(84, s0w, this.rset[s0]!);
    out[k++] = f2(85, s0t, this.rset[s0]!);
    out[k++] = f2(86, b0w, this.lset[b0]!);
    out[k++] = f2(87, b0t, this.lset[b0]!);
    out[k++] = f3(88, s1t, this.rset[s1]!, s0t);
    out[k++] = f4(89, s0t, b0t, this.lset[s0]!, this.lset[b0]!);
    // word clusters (Koo et al. 2008): cluster-only and cluster-tag mixes of the core positions
    const { C, CC } = this;
    const s0c = C[s0]!, b0c = C[b0]!;
    out[k++] = f1(90, s0c);
    out[k++] = f1(91, b0c);
    out[k++] = f1(92, C[s1]!);
    out[k++] = f1(93, C[b1]!);
    out[k++] = f2(94, s0c, b0c);
    out[k++] = f2(95, s0c, b0t);
    out[k++] = f2(96, s0t, b0c);
    out[k++] = f2(97, C[s1]!, s0c);
    out[k++] = f2(98, CC[s0]!, CC[b0]!);
    out[k++] = f3(99, CC[s1]!, CC[s0]!, CC[b0]!);
    // coarse-tag back-off of the sparse tag trigrams, and commas between the candidates
    const { U, commas } = this;
    const s0u = U[s0]!, b0u = U[b0]!, s1u = U[s1]!;
    out[k++] = f3(100, s0u, b0u, U[b1]!);
    out[k++] = f3(101, s1u, s0u, b0u);
    out[k++] = f3(102, s0u, U[s0L]!, b0u);
    out[k++] = f3(103, s0u, U[s0R]!, b0u);
    out[k++] = f3(104, s0u, b0u, U[b0L]!);
    out[k++] = f3(105, s0t, b0t, s0 !== none && b0 !== none && commas[b0]! - commas[s0 + 1]! > 0 ? 1 : 0);
    out[k++] = f3(106, s1t, s0t, s1 !== none && s0 !== none && commas[s0]! - commas[s1 + 1]! > 0 ? 1 : 0);
    return k;
  }
}

/** Cost (gold arcs made unreachable) of each move under gold heads `gh` with children `kids`. */
export function costs(st: State, gh: Int32Array, kidStart: Int32Array, kids: Int32Array, inStack: Uint8Array, out: Int32Array): void {
  const { stack, sp, b, n } = st;
  const s0 = sp >= 1 ? stack[sp - 1]! : -1;
  const s1 = sp >= 2 ? stack[sp - 2]! : -1;
  out.fill(-1);
  if (st.valid(SHIFT)) {
    let c = 0;
    const h = gh[b]!;
    if (h !== s0 && h < b && inStack[h]) c++;
    for (let j = kidStart[b]!; j < kidStart[b + 1]!; j++) if (inStack[kids[j]!]) c++;
    out[SHIFT] = c;
  }
  let deps = 0;
  if (s0 > 0) for (let j = kidStart[s0]!; j < kidStart[s0 + 1]!; j++) if (kids[j]! >= b) deps++;
  if (st.valid(LEFT)) {
    const h = gh[s0]!;
    out[LEFT] = deps + (h !== b && (h === s1 || (h > b && h <= n)) ? 1 : 0);
  }
  if (st.valid(RIGHT)) {
    const h = gh[s0]!;
    out[RIGHT] = deps + (h >= b && h <= n ? 1 : 0);
  }
}

export interface ParseOutput {
  /** 1-based heads, 0 = root. */
  heads: Int32Array;
  /** Relation ids (index into the label list; `labels.length` = root). */
  labels: Int32Array;
}

export class Parser {
  private feats = new Uint32Array(MAX_PARSER_FEATS);
  private arcFeats = new Uint32Array(MAX_ARC_FEATS);
  private scores = new Int32Array(MOVES);
  private labelScores: Int32Array;
  private st = new State(256);
  /** `arcs` scores relations (classes = labels, without root). */
  constructor(
    readonly model: SparseModel,
    readonly arcs: SparseModel,
  ) {
    this.labelScores = new Int32Array(arcs.classes);
  }

  private beams = new Map<number, BeamSearch>();
  /** How the beam adds move scores (BeamSearch.temperature): 0 for globally trained models. */
  beamTemperature = 0;

  /** Relation of the arc h → d (h > 0) in state `st`, before the arc is made. */
  labelArc(st: State, d: number, h: number): number {
    const ka = st.arcFeatures(d, h, this.arcFeats);
    this.arcs.score(this.arcFeats, ka, this.labelScores);
    let label = 0;
    for (let c = 1; c < this.arcs.classes; c++) if (this.labelScores[c]! > this.labelScores[label]!) label = c;
    return label;
  }

  /** Parse one sentence; `beam` > 1 keeps that many candidate parses (slower, see beam.ts). */
  parse(words: WordAtoms, tags: Int32Array | Uint32Array, n: number, beam = 1): ParseOutput {
    if (beam > 1) {
      const w = Math.min(beam, MAX_BEAM);
      let b = this.beams.get(w);
      if (!b) this.beams.set(w, (b = new BeamSearch(w)));
      b.temperature = this.beamTemperature;
      return b.parse(words, tags, n, this.model, (st, d, h) => this.labelArc(st, d, h), this.arcs.classes);
    }
    if (n > this.st.cap) this.st = new State(n);
    const st = this.st;
    st.init(words, tags, n);
    const scores = this.scores;
    const C = this.arcs.classes;
    let guard = 2 * n + 2;
    while (!st.terminal() && guard-- > 0) {
      let best = -1;
      let nValid = 0;
      for (let m = 0; m < MOVES; m++) if (st.valid(m)) (best = m), nValid++;
      if (nValid > 1) {
        // score only real choices (the first SHIFT and the RIGHTs after the buffer empties are forced)
        const k = st.features(this.feats);
        this.model.score(this.feats, k, scores);
        best = -1;
        for (let m = 0; m < MOVES; m++) if (st.valid(m) && (best < 0 || scores[m]! > scores[best]!)) best = m;
      }
      if (best !== SHIFT) {
        const d = st.s0;
        const h = st.arcHead(best);
        let label = C;
        if (h !== 0) {
          const ka = st.arcFeatures(d, h, this.arcFeats);
          this.arcs.score(this.arcFeats, ka, this.labelScores);
          label = 0;
          for (let c = 1; c < C; c++) if (this.labelScores[c]! > this.labelScores[label]!) label = c;
        }
        st.apply(best);
        st.setLabel(d, h, label);
      } else st.apply(best);
    }
    const heads = new Int32Array(n);
    const labels = new Int32Array(n);
    for (let i = 1; i <= n; i++) {
      heads[i - 1] = st.heads[i]!;
      labels[i - 1] = st.L[i]! === NO_LABEL ? C : st.L[i]!;
    }
    return { heads, labels };
  }
}

export interface ParserExample {
  words: WordAtoms;
  tags: Int32Array;
  /** Projective gold heads, 1-based (0 = root). */
  heads: Int32Array;
  /** Gold relation ids (labels.length = root). */
  labels: Int32Array;
}

export function trainParser(
  data: readonly ParserExample[],
  nLabels: number,
  opts: {
    epochs: number;
    seed: number;
    explore?: number;
    minQ?: number;
    /** Global training after the greedy epochs: beam width and epochs (0 = none). */
    beam?: number;
    beamEpochs?: number;
    /** Called with the frozen models after each beam epoch. */
    snapshot?: (epoch: number, m: { moves: SparseModel; arcs: SparseModel }) => void;
    heldout?: readonly ParserExample[];
    log?: (m: string) => void;
  },
): { moves: SparseModel; arcs: SparseModel } {
  const trainer = new PerceptronTrainer(MOVES);
  const labeler = new PerceptronTrainer(nLabels);
  const rand = prng(opts.seed);
  const order = data.map((_, i) => i);
  const feats = new Uint32Array(MAX_PARSER_FEATS);
  const arcFeats = new Uint32Array(MAX_ARC_FEATS);
  const scores = new Float32Array(MOVES);
  const labelScores = new Float32Array(nLabels);
  const cost = new Int32Array(MOVES);
  let st = new State(256);
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    shuffle(order, rand);
    let right = 0;
    let moves = 0;
    let labelRight = 0;
    let arcs = 0;
    for (const idx of order) {
      const ex = data[idx]!;
      const n = ex.heads.length;
      if (n > st.cap) st = new State(n);
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
      let guard = 2 * n + 2;
      while (!st.terminal() && guard-- > 0) {
        const k = st.features(feats);
        trainer.score(feats, k, scores);
        costs(st, gh, kidStart, kids, inStack, cost);
        let guess = -1;
        let best = -1;
        let minCost = Infinity;
        for (let m = 0; m < MOVES; m++) if (cost[m]! >= 0 && cost[m]! < minCost) minCost = cost[m]!;
        for (let m = 0; m < MOVES; m++) {
          if (cost[m]! < 0) continue;
          if (guess < 0 || scores[m]! > scores[guess]!) guess = m;
          if (cost[m] === minCost && (best < 0 || scores[m]! > scores[best]!)) best = m;
        }
        trainer.tick();
        trainer.update(feats, k, best, guess);
        if (guess === best) right++;
        moves++;
        const move = guess !== best && epoch > 1 && rand() < (opts.explore ?? 0.9) ? guess : best;
        if (move === SHIFT) {
          inStack[st.b] = 1;
          st.apply(move);
          continue;
        }
        const d = st.s0;
        const h = st.arcHead(move);
        inStack[d] = 0;
        let label = nLabels;
        if (h !== 0) {
          const ka = st.arcFeatures(d, h, arcFeats);
          labeler.score(arcFeats, ka, labelScores);
          label = 0;
          for (let c = 1; c < nLabels; c++) if (labelScores[c]! > labelScores[label]!) label = c;
          if (gh[d] === h && ex.labels[d - 1]! < nLabels) {
            const gold = ex.labels[d - 1]!;
            labeler.tick();
            labeler.update(arcFeats, ka, gold, label);
            if (gold === label) labelRight++;
            arcs++;
            label = gold; // later features see the right relation of a right arc
          }
        }
        st.apply(move);
        st.setLabel(d, h, label);
      }
    }
    let msg = `parser epoch ${epoch}: train move acc ${(right / moves).toFixed(4)}, relation acc ${(labelRight / Math.max(1, arcs)).toFixed(4)}`;
    if (opts.heldout?.length) {
      const s = scoreParser(new Parser(trainer.freeze(), labeler.freeze()), opts.heldout);
      msg += ` heldout UAS ${s.uas.toFixed(4)} LAS ${s.las.toFixed(4)}`;
    }
    opts.log?.(msg);
  }
  const width = opts.beam ?? 0;
  if (width > 1 && (opts.beamEpochs ?? 0) > 0) {
    const search = new BeamSearch(width);
    for (let epoch = 1; epoch <= opts.beamEpochs!; epoch++) {
      shuffle(order, rand);
      let first = 0;
      for (const idx of order) if (search.train(data[idx]!, nLabels, trainer, labeler)) first++;
      let msg = `beam ${width} epoch ${epoch}: gold sequence best on ${(first / data.length).toFixed(4)} of sentences`;
      if (opts.heldout?.length) {
        const p = new Parser(trainer.freeze(), labeler.freeze());
        const g = scoreParser(p, opts.heldout);
        const b = scoreParser(p, opts.heldout, width);
        msg += ` heldout greedy UAS ${g.uas.toFixed(4)} LAS ${g.las.toFixed(4)}, beam ${width} UAS ${b.uas.toFixed(4)} LAS ${b.las.toFixed(4)}`;
        if (width >= 4) {
          const h = scoreParser(p, opts.heldout, width >> 1);
          msg += `, beam ${width >> 1} UAS ${h.uas.toFixed(4)} LAS ${h.las.toFixed(4)}`;
        }
      }
      opts.log?.(msg);
      opts.snapshot?.(epoch, { moves: trainer.freeze(opts.minQ ?? 1), arcs: labeler.freeze(opts.minQ ?? 1) });
    }
  }
  return { moves: trainer.freeze(opts.minQ ?? 1), arcs: labeler.freeze(opts.minQ ?? 1) };
}

/** UAS and LAS (full relation, lifted labels included) against projectivised gold. */
export function scoreParser(parser: Parser, data: readonly ParserExample[], beam = 1): { uas: number; las: number } {
  let uas = 0;
  let las = 0;
  let total = 0;
  for (const ex of data) {
    const out = parser.parse(ex.words, ex.tags, ex.heads.length, beam);
    for (let i = 0; i < ex.heads.length; i++) {
      if (out.heads[i] === ex.heads[i]) {
        uas++;
        if (out.labels[i] === ex.labels[i]) las++;
      }
      total++;
    }
  }
  return { uas: uas / Math.max(1, total), las: las / Math.max(1, total) };
}
