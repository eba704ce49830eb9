/**
 * Pseudo-projective parsing (Nivre & Nilsson 2005, "head" encoding). Training trees are made
 * projective by lifting each crossing arc to the head's head; the lifted word's relation records
 * the relation of its real head ("obj|ccomp"). After parsing, a word with such a label is moved
 * back under the first word (breadth-first, left to right) below its head carrying that relation.
 */

/** Heads are 1-based (0 = root), index i = word i+1. */
export function isProjectiveArc(heads: ArrayLike<number>, d: number): boolean {
  const h = heads[d - 1]!;
  const lo = Math.min(h, d);
  const hi = Math.max(h, d);
  for (let k = lo + 1; k < hi; k++) {
    // k must be dominated by h
    let x = k;
    let guard = heads.length + 1;
    while (x !== h && x !== 0 && guard-- > 0) x = heads[x - 1]!;
    if (x !== h) return false;
  }
  return true;
}

/** Projective copy of `heads` and, per word, the relation of its original head when it was lifted. */
export function projectivize(heads: ArrayLike<number>, deprels: readonly string[]): { heads: Int32Array; lifted: (string | null)[] } {
  const n = heads.length;
  const h = Int32Array.from(heads as ArrayLike<number>);
  const lifted: (string | null)[] = new Array(n).fill(null);
  for (let iter = 0; iter < 4 * n; iter++) {
    // lift the shortest non-projective arc first
    let pick = -1;
    let span = Infinity;
    for (let d = 1; d <= n; d++) {
      const hd = h[d - 1]!;
      if (hd === 0) continue;
      const len = Math.abs(hd - d);
      if (len < span && !isProjectiveArc(h, d)) {
        pick = d;
        span = len;
      }
    }
    if (pick < 0) break;
    const old = h[pick - 1]!;
    if (lifted[pick - 1] === null) lifted[pick - 1] = deprels[old - 1] ?? null;
    h[pick - 1] = h[old - 1]!;
  }
  return { heads: h, lifted };
}

/**
 * Undo lifting in place: labels "rel|headrel" are searched for under their current head. Returns
 * the plain relations.
 */
export function deprojectivize(heads: Int32Array, labels: readonly string[]): string[] {
  const n = heads.length;
  const plain = labels.map((l) => l.split('|')[0]!);
  for (let d = 1; d <= n; d++) {
    const lab = labels[d - 1]!;
    const bar = lab.indexOf('|');
    if (bar < 0) continue;
    const want = lab.slice(bar + 1);
    const h = heads[d - 1]!;
    // breadth-first below h, skipping d's own subtree
    let queue = [h];
    let found = -1;
    for (let depth = 0; depth < n && queue.length && found < 0; depth++) {
      const next: number[] = [];
      for (const x of queue) {
        for (let c = 1; c <= n && found < 0; c++) {
          if (heads[c - 1] !== x || c === d) continue;
          if (plain[c - 1] === want && c !== h) found = c;
          next.push(c);
        }
      }
      queue = next;
    }
    if (found > 0) heads[d - 1] = found;
  }
  return plain;
}
