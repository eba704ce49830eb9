/** One colour per technique (distinct, colour-blind-aware order), used for highlight, legend and tooltip. */
const PALETTE = [
  '#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#1aa5a5', '#d63cc6',
  '#8fb300', '#b8860b', '#008080', '#9a6324', '#800000', '#5a6e00', '#000075',
];

const assigned = new Map<string, string>();

/** The colour of a technique label, stable for the known 14 (in their order), then cycling. */
export function colorOf(label: string, order: readonly string[] = []): string {
  let c = assigned.get(label);
  if (!c) {
    const i = order.indexOf(label);
    c = PALETTE[(i >= 0 ? i : assigned.size) % PALETTE.length]!;
    assigned.set(label, c);
  }
  return c;
}

/** The colour with an alpha channel, as a CSS colour. */
export function tint(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
