/**
 * One colour per technique, shared by the HTML report (src/report) and the web app (src/web), so a
 * technique looks the same everywhere. Distinct hues in a colour-blind-aware order; as a
 * background they are used as a light tint (`tint`) so black text stays readable.
 * No imports beyond the technique list: the web bundle includes this file.
 */
import { TECHNIQUES } from './types.js';

/** In TECHNIQUES order. */
export const TECHNIQUE_COLORS: readonly string[] = [
  '#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#1aa5a5', '#d63cc6',
  '#8fb300', '#b8860b', '#008080', '#9a6324', '#800000', '#5a6e00', '#000075',
];

/** Alpha of a technique colour used as a text background. */
export const TINT_ALPHA = 0.26;

/** Position of a technique in the palette: its TECHNIQUES index, or a stable hash for unknown labels. */
export function techniqueColorIndex(technique: string): number {
  const i = (TECHNIQUES as readonly string[]).indexOf(technique);
  if (i >= 0) return i;
  let h = 0;
  for (let k = 0; k < technique.length; k++) h = (h * 31 + technique.charCodeAt(k)) >>> 0;
  return h % TECHNIQUE_COLORS.length;
}

export function techniqueColor(technique: string): string {
  return TECHNIQUE_COLORS[techniqueColorIndex(technique) % TECHNIQUE_COLORS.length]!;
}

/** A #rrggbb colour with an alpha channel, as a CSS colour. */
export function tint(hex: string, alpha = TINT_ALPHA): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
