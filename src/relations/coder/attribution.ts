/** Step 3c: who asserts what the sentence says (author, quoted party, reported speaker). */
import { type Attribution } from './types.js';
import { type Unit } from './units.js';
import { NOUN_DETERMINERS, REPORT } from './words.js';

/** Who asserts what the sentence says: the author, a quoted party, or a reported speaker. */
export function attribution(u: Unit[], at: number, text: string): Attribution {
  const inQuote = u[at]?.inQuote ?? false;
  // Reporting verb in the sentence outside the event's own clause.
  for (let k = 0; k < u.length; k++) {
    const x = u[k]!;
    if (x.kind !== 'W' || !REPORT.has(x.low) || x.inQuote) continue;
    if (x.low === 'according' && u[k + 1]?.low !== 'to') continue;
    // "reports of aggression", "the claims", "new statements": a noun, not someone speaking.
    if (u[k + 1]?.low === 'of' || NOUN_DETERMINERS.has(u[k - 1]?.low ?? '')) continue;
    if (Math.abs(k - at) <= 1) continue;
    // Speaker: an actor or noun phrase next to the reporting verb.
    let who: Unit | null = null;
    let phrase: string | null = null;
    if (x.low === 'according') {
      for (let q = k + 2; q < Math.min(u.length, k + 8); q++) if (u[q]!.kind === 'A') (who = u[q]!), (q = u.length);
      phrase = text.slice(u[k + 2]?.s ?? x.e, u[Math.min(u.length - 1, k + 5)]!.e);
    } else {
      let q = k - 1;
      const startQ = q;
      while (q >= 0 && startQ - q < 6 && u[q]!.kind !== 'P' && !(q < at && k > at && q <= at)) {
        if (u[q]!.kind === 'A') who = u[q]!;
        q--;
      }
      if (q + 1 <= startQ) phrase = text.slice(u[q + 1]!.s, u[startQ]!.e);
      if (!phrase && u[k + 1]?.kind === 'A') who = u[k + 1]!;
    }
    const before = k < at;
    const after = k > at && (u[k - 1]?.up === ',' || u.slice(at, k).some((y) => y.up === ',') || who !== null);
    if (before || after) {
      if (!who && !phrase) continue;
      return { kind: inQuote ? 'quoted' : 'reported', code: who?.actor?.code ?? null, text: who ? text.slice(who.s, who.e) : phrase };
    }
  }
  if (inQuote) return { kind: 'quoted', code: null, text: null };
  return { kind: 'author', code: null, text: null };
}
