/** Technique labels with their titles and definitions, for the app's legend and tooltips. */
import { TECHNIQUES } from '../techniques/types.js';
import { TECHNIQUE_INFO } from '../techniques/definitions.js';

export interface TechniqueInfo {
  label: string;
  title: string;
  definition: string;
}

export async function techniqueInfo(): Promise<TechniqueInfo[]> {
  return TECHNIQUES.map((label) => ({ label, title: TECHNIQUE_INFO[label]?.title ?? label.replace(/_/g, ' '), definition: TECHNIQUE_INFO[label]?.definition ?? '' }));
}
