import type { Edit } from '../core/document.js';

/** Placeholder: replaced by the real normaliser (missing spaces, quotes, header residue). */
export function normalize(text: string): { text: string; edits: Edit[] } {
  return { text, edits: [] };
}
