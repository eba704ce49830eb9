/**
 * The bundled taxonomies: SemEval-2025 Task 10 narratives (two levels) and entity roles. Labels
 * only (data/taxonomy.json; see data/SOURCES.md).
 */
import { readFileSync } from 'node:fs';
import type { MainRole } from './types.js';

interface TaxonomyFile {
  narratives: string[];
  subnarratives: Array<{ label: string; parent: string }>;
}

const tax = JSON.parse(readFileSync(new URL('./data/taxonomy.json', import.meta.url), 'utf8')) as TaxonomyFile;

export const OTHER = 'Other';
export const NARRATIVES: readonly string[] = tax.narratives;
export const SUBNARRATIVES: ReadonlyArray<{ label: string; parent: string }> = tax.subnarratives;
export const PARENT = new Map(SUBNARRATIVES.map((s) => [s.label, s.parent]));

export type Domain = 'URW' | 'CC';
export const DOMAINS: readonly Domain[] = ['URW', 'CC'];
export function domainOf(label: string): Domain | null {
  return label.startsWith('URW:') ? 'URW' : label.startsWith('CC:') ? 'CC' : null;
}

export const MAIN_ROLES: readonly MainRole[] = ['Protagonist', 'Antagonist', 'Innocent'];
export const FINE_ROLES: Record<MainRole, readonly string[]> = {
  Protagonist: ['Guardian', 'Martyr', 'Peacemaker', 'Rebel', 'Underdog', 'Virtuous'],
  Antagonist: ['Instigator', 'Conspirator', 'Tyrant', 'Foreign Adversary', 'Traitor', 'Spy', 'Saboteur', 'Corrupt', 'Incompetent', 'Terrorist', 'Deceiver', 'Bigot'],
  Innocent: ['Forgotten', 'Exploited', 'Victim', 'Scapegoat'],
};
export const ALL_FINE_ROLES: readonly string[] = MAIN_ROLES.flatMap((m) => FINE_ROLES[m]);
export const MAIN_OF_FINE = new Map(MAIN_ROLES.flatMap((m) => FINE_ROLES[m].map((f) => [f, m] as const)));
