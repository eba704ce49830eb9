/** Word lists shared by the narrative and role features (data/*.json, sources in data/SOURCES.md). */
import { readFileSync } from 'node:fs';

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as T;

/** VADER valence of a word on the −4..4 scale (data/valence.json; words with |valence| ≥ 1 only). */
export const VALENCE: ReadonlyMap<string, number> = new Map(Object.entries(load<{ valence: Record<string, number> }>('valence.json').valence));

/** Cue words of each fine role (data/fine-role-cues.json): word → the fine roles it hints at. */
export const ROLE_CUES: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const [role, words] of Object.entries(load<{ roles: Record<string, string[]> }>('fine-role-cues.json').roles)) {
    for (const w of words) m.set(w, [...(m.get(w) ?? []), role]);
  }
  return m;
})();
