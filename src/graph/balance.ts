/**
 * Two camps for a signed graph: the split that leaves the fewest pairs disagreeing with it (a
 * positive pair across camps, or a negative pair inside one) — the frustration index of
 * structural balance (Harary; Aref, Mason & Wilson 2018 for exact methods).
 *
 * The problem is NP-hard, so the work is bounded: the graph is cut into connected groups (solved
 * independently), a group with at most `exactMax` free actors is solved exactly (Gray-code
 * enumeration: one actor flips per step, its cost change read from its own pairs), a larger one by
 * a bounded local search — a spectral start (the signed adjacency matrix's leading eigenvector by
 * power iteration), random starts from a seeded generator, greedy single-actor flips and small
 * random kicks — whose cost is then an upper bound (usually the optimum; bench/graph.mjs measures
 * how often). Results are deterministic.
 */
import { seededRandom as mulberry32 } from '../core/random.js';

export type Camp = 0 | 1;

export interface Split {
  /** Pairs disagreeing with the split. */
  cost: number;
  side: Map<string, Camp>;
  /** false when some group was too large for the exact method (cost is then an upper bound). */
  exact: boolean;
}

export interface SplitOptions {
  /** Free actors per connected group solved exactly (default 12; at most 26). */
  exactMax?: number;
  /** Seed of the local search's random generator. */
  seed?: number;
}

/** Default group size up to which the split is exact. */
export const EXACT_MAX = 12;
const EXACT_LIMIT = 26;

/**
 * Best two-camp split of `codes` (every endpoint of `pairs`, keyed "A|B") honouring `fixed`.
 * Ties in the exact method go to the split putting later codes in camp 0 (a stable choice); a
 * group with no fixed actor has its last code in camp 0.
 */
export function bestSplit(codes: readonly string[], pairs: ReadonlyMap<string, { sign: 1 | -1 }>, fixed: ReadonlyMap<string, Camp>, opts: SplitOptions = {}): Split {
  const exactMax = Math.min(EXACT_LIMIT, Math.max(0, opts.exactMax ?? EXACT_MAX));
  const index = new Map<string, number>();
  const names: string[] = [];
  const add = (c: string): number => {
    let i = index.get(c);
    if (i === undefined) {
      i = names.length;
      index.set(c, i);
      names.push(c);
    }
    return i;
  };
  codes.forEach(add);
  for (const c of fixed.keys()) add(c);
  const n = names.length;
  // Adjacency in flat arrays (CSR): neighbours and signs per node.
  const ends: Array<[number, number, number]> = [];
  for (const [k, p] of pairs) {
    const bar = k.indexOf('|');
    ends.push([add(k.slice(0, bar)), add(k.slice(bar + 1)), p.sign]);
  }
  const size = names.length;
  const deg = new Int32Array(size + 1);
  for (const [a, b] of ends) deg[a]!++, deg[b]!++;
  const off = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) off[i + 1] = off[i]! + deg[i]!;
  const nbr = new Int32Array(off[size]!);
  const sgn = new Int8Array(off[size]!);
  const fill = off.slice(0, size);
  for (const [a, b, s] of ends) {
    nbr[fill[a]!] = b;
    sgn[fill[a]!++] = s;
    nbr[fill[b]!] = a;
    sgn[fill[b]!++] = s;
  }
  const side = new Uint8Array(size);
  const isFixed = new Uint8Array(size);
  for (const [c, camp] of fixed) {
    const i = index.get(c)!;
    isFixed[i] = 1;
    side[i] = camp;
  }
  const g: Graph = { off, nbr, sgn, side, isFixed };
  // Connected groups, each solved on its own (their costs add up).
  const seen = new Uint8Array(size);
  let exact = true;
  let seed = (opts.seed ?? 0x5eed) >>> 0;
  for (let s = 0; s < size; s++) {
    if (seen[s]) continue;
    const group: number[] = [s];
    seen[s] = 1;
    for (let q = 0; q < group.length; q++) {
      const v = group[q]!;
      for (let e = off[v]!; e < off[v + 1]!; e++) {
        const w = nbr[e]!;
        if (!seen[w]) (seen[w] = 1), group.push(w);
      }
    }
    group.sort((a, b) => a - b); // index order = the order of `codes`
    const free = group.filter((v) => !isFixed[v]);
    if (free.length === 0) continue;
    const anchored = free.length < group.length;
    if (free.length <= exactMax) exactGroup(g, free, anchored);
    else {
      exact = false;
      searchGroup(g, free, anchored, (seed = (seed + 0x9e3779b9) >>> 0));
      // A group without fixed actors has two equivalent orientations: keep its last code in camp 0.
      if (!anchored && side[free[free.length - 1]!] === 1) for (const v of free) side[v] = 1 - side[v]!;
    }
  }
  let cost = 0;
  for (const [a, b, s] of ends) if ((side[a] === side[b] ? 1 : -1) !== s) cost++;
  const out = new Map<string, Camp>();
  for (let i = 0; i < n; i++) out.set(names[i]!, side[i] as Camp);
  return { cost, side: out, exact };
}

interface Graph {
  off: Int32Array;
  nbr: Int32Array;
  sgn: Int8Array;
  side: Uint8Array;
  isFixed: Uint8Array;
}

/** Change in disagreeing pairs if `v` switched camp: its agreeing pairs minus its disagreeing ones. */
function flipDelta(g: Graph, v: number): number {
  let d = 0;
  const sv = g.side[v];
  for (let e = g.off[v]!; e < g.off[v + 1]!; e++) {
    const agree = (sv === g.side[g.nbr[e]!] ? 1 : -1) === g.sgn[e];
    d += agree ? 1 : -1;
  }
  return d;
}

/**
 * Exhaustive over the free actors of one group by Gray code (one flip per step). Bit i of a split
 * is free[i]'s camp; among the cheapest the smallest such number wins. Without fixed actors the
 * last free actor stays in camp 0 (the mirror split costs the same).
 */
function exactGroup(g: Graph, free: number[], anchored: boolean): void {
  const bits = anchored ? free.length : free.length - 1;
  for (const v of free) g.side[v] = 0;
  let cost = 0; // relative to the all-zero split; only differences matter
  let best = 0;
  let bestMask = 0;
  let mask = 0;
  const steps = 2 ** bits;
  for (let step = 1; step < steps; step++) {
    const bit = 31 - Math.clz32(step & -step);
    const v = free[bit]!;
    cost += flipDelta(g, v);
    g.side[v] = 1 - g.side[v]!;
    mask ^= 1 << bit;
    if (cost < best || (cost === best && mask < bestMask)) (best = cost), (bestMask = mask);
  }
  free.forEach((v, i) => (g.side[v] = (bestMask >> i) & 1));
}

/**
 * Bounded local search over one large group; leaves the best split found in g.side. Descents are
 * local (a queue of actors whose neighbourhood changed), so a kick costs what it touches, and
 * every step is charged to a work budget proportional to the group's size.
 */
function searchGroup(g: Graph, free: number[], anchored: boolean, seed: number): void {
  const rand = mulberry32(seed);
  const m = free.length;
  let ends = 0;
  for (const v of free) ends += g.off[v + 1]! - g.off[v]!;
  // Work budget (pair visits): about 60 sweeps over the group, at least 20,000 for small ones.
  let budget = Math.max(20_000, 60 * (ends + m));
  const queued = new Uint8Array(g.side.length);
  const queue: number[] = [];
  const log: number[] = []; // actors flipped since the last accepted state
  let cost = 0; // disagreeing pairs, relative to the start of the current run (only differences matter)
  const flip = (v: number): void => {
    cost += flipDelta(g, v);
    g.side[v] = 1 - g.side[v]!;
    log.push(v);
  };
  /** Greedy single flips until none helps, starting from the queued actors. */
  const descend = (): void => {
    while (queue.length > 0 && budget > 0) {
      const v = queue.pop()!;
      queued[v] = 0;
      const d = flipDelta(g, v);
      budget -= g.off[v + 1]! - g.off[v]! + 1;
      if (d >= 0) continue;
      cost += d;
      g.side[v] = 1 - g.side[v]!;
      log.push(v);
      for (let e = g.off[v]!; e < g.off[v + 1]!; e++) {
        const w = g.nbr[e]!;
        if (!queued[w] && !g.isFixed[w]) (queued[w] = 1), queue.push(w);
      }
    }
    for (const v of queue) queued[v] = 0;
    queue.length = 0;
  };
  const descendAll = (): void => {
    for (const v of free) (queued[v] = 1), queue.push(v);
    descend();
  };
  const total = (): number => {
    let c = 0;
    for (const v of free) for (let e = g.off[v]!; e < g.off[v + 1]!; e++) if ((g.side[v] === g.side[g.nbr[e]!] ? 1 : -1) !== g.sgn[e]) c++;
    budget -= ends;
    return c; // pairs between two free actors count twice: fine for comparisons
  };
  let best = Infinity;
  let bestSide = new Uint8Array(0);
  const keepIfBetter = (): void => {
    const c = total();
    if (c < best) (best = c), (bestSide = Uint8Array.from(free, (v) => g.side[v]!));
  };
  // 1. Spectral start: sign pattern of the leading eigenvector of (A + cI), fixed actors clamped.
  spectral(g, free, anchored, rand);
  descendAll();
  keepIfBetter();
  // 2. A few random starts.
  for (let r = 0; r < 3 && budget > 0; r++) {
    for (const v of free) g.side[v] = rand() < 0.5 ? 0 : 1;
    descendAll();
    keepIfBetter();
  }
  // 3. Kicks from the best: flip a few random actors, descend locally, keep the result unless worse.
  free.forEach((v, i) => (g.side[v] = bestSide[i]!));
  const kick = Math.max(2, Math.min(8, Math.round(m / 50)));
  cost = 0;
  for (let r = 0; r < 5000 && budget > 0; r++) {
    log.length = 0;
    cost = 0;
    for (let k = 0; k < kick; k++) {
      const v = free[Math.floor(rand() * m)]!;
      flip(v);
      if (!queued[v]) (queued[v] = 1), queue.push(v);
      for (let e = g.off[v]!; e < g.off[v + 1]!; e++) {
        const w = g.nbr[e]!;
        if (!queued[w] && !g.isFixed[w]) (queued[w] = 1), queue.push(w);
      }
    }
    budget -= kick;
    descend();
    if (cost > 0) for (let i = log.length - 1; i >= 0; i--) g.side[log[i]!] = 1 - g.side[log[i]!]!; // worse: undo
  }
}

/** Camps from the leading eigenvector of the signed adjacency matrix (power iteration, shifted). */
function spectral(g: Graph, free: number[], anchored: boolean, rand: () => number): void {
  const size = g.side.length;
  let x = new Float64Array(size);
  let maxDeg = 0;
  for (const v of free) maxDeg = Math.max(maxDeg, g.off[v + 1]! - g.off[v]!);
  const clamp = (vec: Float64Array): void => {
    if (!anchored) return;
    for (let v = 0; v < size; v++) if (g.isFixed[v]) vec[v] = g.side[v] === 0 ? 1 : -1;
  };
  for (const v of free) x[v] = rand() - 0.5;
  clamp(x);
  let y = new Float64Array(size);
  for (let it = 0; it < 60; it++) {
    let norm = 0;
    for (const v of free) {
      let s = (maxDeg + 1) * x[v]!;
      for (let e = g.off[v]!; e < g.off[v + 1]!; e++) s += g.sgn[e]! * x[g.nbr[e]!]!;
      y[v] = s;
      norm += s * s;
    }
    norm = Math.sqrt(norm) || 1;
    for (const v of free) y[v]! /= norm;
    clamp(y);
    [x, y] = [y, x];
  }
  for (const v of free) g.side[v] = x[v]! >= 0 ? 0 : 1;
}

