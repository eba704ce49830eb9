/**
 * Relation labeller: after the parser has fixed the heads, each arc gets a UD relation from an
 * averaged perceptron. Arcs are labelled top-down (breadth-first from the root, siblings left to
 * right) so the head's own relation and the previous sibling's relation are known features.
 */
import { PAD, type Atoms } from './atoms.js';
import { f1, f2, f3, f4, hashString, prng, shuffle } from './hash.js';
import { PerceptronTrainer, SparseModel } from './perceptron.js';

export const MAX_LABEL_FEATS = 48;
const COMMA = hashString(',');
const NO_LABEL = 0x7fffff00;
const ROOT_T = 0x7ffffff0;

export interface LabelInput {
  atoms: Atoms;
  tags: Int32Array;
  /** 1-based heads (0 = root). */
  heads: Int32Array;
}

/** Order in which arcs are labelled: breadth-first from the root, children left to right. */
export function labelOrder(heads: Int32Array): number[] {
  const n = heads.length;
  const order: number[] = [];
  const kids: number[][] = Array.from({ length: n + 1 }, () => []);
  for (let d = 1; d <= n; d++) {
    const h = heads[d - 1]!;
    if (h >= 0 && h <= n) kids[h]!.push(d);
  }
  const seen = new Uint8Array(n + 1);
  let queue = [0];
  while (queue.length) {
    const next: number[] = [];
    for (const h of queue) {
      for (const d of kids[h]!) {
        if (seen[d]) continue;
        seen[d] = 1;
        order.push(d);
        next.push(d);
      }
    }
    queue = next;
  }
  for (let d = 1; d <= n; d++) if (!seen[d]) order.push(d); // unreachable (cycles) last
  return order;
}

class Context {
  lc: Int32Array;
  rc: Int32Array;
  nk: Int32Array;
  commas: Int32Array;
  constructor(readonly x: LabelInput) {
    const n = x.heads.length;
    this.lc = new Int32Array(n + 1).fill(-1);
    this.rc = new Int32Array(n + 1).fill(-1);
    this.nk = new Int32Array(n + 1);
    this.commas = new Int32Array(n + 1);
    for (let d = 1; d <= n; d++) {
      const h = x.heads[d - 1]!;
      if (h < 0 || h > n) continue;
      if (this.lc[h]! < 0) this.lc[h] = d;
      this.rc[h] = d;
      this.nk[h]!++;
    }
    for (let d = 1; d <= n; d++) this.commas[d] = this.commas[d - 1]! + (x.atoms.lower[d - 1] === COMMA ? 1 : 0);
  }
}

function features(cx: Context, d: number, labels: Int32Array, out: Uint32Array): number {
  const { atoms, tags, heads } = cx.x;
  const n = heads.length;
  const W = (i: number): number => (i >= 1 && i <= n ? atoms.lower[i - 1]! : PAD);
  const T = (i: number): number => (i >= 1 && i <= n ? tags[i - 1]! : i === 0 ? ROOT_T : NO_LABEL);
  const L = (i: number): number => (i >= 1 && i <= n && labels[i - 1]! >= 0 ? labels[i - 1]! : NO_LABEL);
  const h = heads[d - 1]!;
  const g = h >= 1 ? heads[h - 1]! : -1;
  const dw = W(d), dt = T(d), hw = W(h), ht = T(h);
  const dir = h < d ? 1 : 2;
  const dist = Math.min(Math.abs(h - d), 8);
  // previous sibling (nearest smaller index with the same head)
  let ps = -1;
  for (let k = d - 1; k >= 1 && d - k < 64; k--) if (heads[k - 1] === h) {
    ps = k;
    break;
  }
  const psl = ps > 0 ? L(ps) : NO_LABEL;
  const hl = L(h);
  const lo = Math.min(h, d);
  const hi = Math.max(h, d);
  const commaBetween = h >= 1 && cx.commas[hi - 1]! - cx.commas[lo]! > 0 ? 1 : 0;
  const dL = cx.lc[d]!;
  const dR = cx.rc[d]!;
  let k = 0;
  out[k++] = f1(0, 0);
  out[k++] = f1(1, dw);
  out[k++] = f1(2, dt);
  out[k++] = f2(3, dw, dt);
  out[k++] = f1(4, hw);
  out[k++] = f1(5, ht);
  out[k++] = f2(6, hw, ht);
  out[k++] = f2(7, dt, ht);
  out[k++] = f2(8, dw, ht);
  out[k++] = f2(9, dt, hw);
  out[k++] = f2(10, dw, hw);
  out[k++] = f2(11, dir, dist);
  out[k++] = f3(12, dir, dt, ht);
  out[k++] = f4(13, dir, dt, ht, dist);
  out[k++] = f3(14, T(g), ht, dt);
  out[k++] = f4(15, T(g), ht, dt, dir);
  out[k++] = f2(16, dL > 0 ? T(dL) : NO_LABEL, dt);
  out[k++] = f2(17, dR > 0 ? T(dR) : NO_LABEL, dt);
  out[k++] = f2(18, dL > 0 ? W(dL) : PAD, dt);
  out[k++] = f2(19, dR > 0 ? W(dR) : PAD, dt);
  out[k++] = f3(20, psl, dt, ht);
  out[k++] = f3(21, psl, dir, dt);
  out[k++] = f2(22, atoms.suf3[d - 1]!, dt);
  out[k++] = f3(23, d === 1 ? 1 : 0, dir, dt);
  out[k++] = f2(24, T(d - 1), dt);
  out[k++] = f2(25, T(d + 1), dt);
  out[k++] = f3(26, dL > 0 ? W(dL) : PAD, dt, ht);
  out[k++] = f2(27, atoms.form[d - 1]!, ht);
  out[k++] = f2(28, hl, dt);
  out[k++] = f4(29, hl, dt, ht, dir);
  out[k++] = f2(30, dw, dir);
  out[k++] = f2(31, Math.min(cx.nk[d]!, 4), dt);
  out[k++] = f4(32, commaBetween, dir, dt, ht);
  out[k++] = f3(33, hl, psl, dt);
  out[k++] = f3(34, dw, ht, dir);
  out[k++] = f3(35, W(d - 1), dt, ht);
  out[k++] = f3(36, W(d + 1), dt, ht);
  out[k++] = f3(37, dL > 0 ? W(dL) : PAD, dw, ht);
  out[k++] = f2(38, h >= 1 ? atoms.suf3[h - 1]! : PAD, dt);
  out[k++] = f3(39, dt, ht, h >= 1 ? W(cx.lc[h]!) : PAD);
  return k;
}

export class Labeler {
  private feats = new Uint32Array(MAX_LABEL_FEATS);
  private scores: Int32Array;
  constructor(
    readonly labels: string[],
    readonly model: SparseModel,
  ) {
    this.scores = new Int32Array(labels.length);
  }

  /** Relation (possibly "rel|headrel" for lifted arcs) per word. */
  label(x: LabelInput): string[] {
    const n = x.heads.length;
    const ids = new Int32Array(n).fill(-1);
    const out: string[] = new Array(n).fill('dep');
    const cx = new Context(x);
    for (const d of labelOrder(x.heads)) {
      if (x.heads[d - 1] === 0) {
        out[d - 1] = 'root';
        ids[d - 1] = this.labels.length; // a value no class has
        continue;
      }
      const k = features(cx, d, ids, this.feats);
      this.model.score(this.feats, k, this.scores);
      let best = 0;
      for (let c = 1; c < this.labels.length; c++) if (this.scores[c]! > this.scores[best]!) best = c;
      ids[d - 1] = best;
      out[d - 1] = this.labels[best]!;
    }
    return out;
  }
}

export interface LabelExample extends LabelInput {
  labels: string[];
}

export function trainLabeler(
  data: readonly LabelExample[],
  opts: { epochs: number; seed: number; minCount?: number; log?: (m: string) => void },
): Labeler {
  const counts = new Map<string, number>();
  for (const ex of data) for (const l of ex.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const keep = (l: string): string => (l.includes('|') && (counts.get(l) ?? 0) < (opts.minCount ?? 3) ? l.split('|')[0]! : l);
  const labels = [...new Set(data.flatMap((ex) => ex.labels.map(keep)))].filter((l) => l !== 'root').sort();
  const labelId = new Map(labels.map((l, i) => [l, i]));
  const rootId = labels.length;
  const trainer = new PerceptronTrainer(labels.length);
  const feats = new Uint32Array(MAX_LABEL_FEATS);
  const scores = new Float32Array(labels.length);
  const rand = prng(opts.seed);
  const prepared = data.map((ex) => ({ cx: new Context(ex), order: labelOrder(ex.heads), gold: Int32Array.from(ex.labels, (l) => (l === 'root' ? rootId : labelId.get(keep(l)) ?? 0)) }));
  const order = prepared.map((_, i) => i);
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    shuffle(order, rand);
    let right = 0;
    let total = 0;
    for (const idx of order) {
      const { cx, order: seq, gold } = prepared[idx]!;
      for (const d of seq) {
        if (gold[d - 1] === rootId) continue;
        const k = features(cx, d, gold, feats); // gold labels of heads/siblings (teacher forcing)
        trainer.score(feats, k, scores);
        let guess = 0;
        for (let c = 1; c < labels.length; c++) if (scores[c]! > scores[guess]!) guess = c;
        trainer.tick();
        trainer.update(feats, k, gold[d - 1]!, guess);
        if (guess === gold[d - 1]) right++;
        total++;
      }
    }
    opts.log?.(`labeler epoch ${epoch}: train acc ${(right / total).toFixed(4)}`);
  }
  return new Labeler(labels, trainer.freeze());
}
