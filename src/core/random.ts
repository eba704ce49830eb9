/**
 * One seeded pseudo-random generator for everything that must be reproducible: training order,
 * cross-validation folds, evaluation sets, local search restarts. mulberry32 (Tommy Ettinger's
 * 32-bit generator): tiny, fast and good enough for sampling; not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
