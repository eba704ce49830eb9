/**
 * Every component slant knows, in one place (spaCy's factories.py is the model), and the default
 * order. "Where does X happen?" starts here: each entry points into the folder of its analysis.
 */
import { E, fail } from './core/errors.js';
import { Pipeline, type Component } from './core/pipeline.js';
import { sentences } from './sentences/index.js';
import { techniqueModel, techniqueRules } from './techniques/index.js';
import { actorsComponent } from './actors/index.js';
import { meta } from './meta/index.js';
import { relationsComponent, eventsComponent } from './relations/index.js';
import { graphComponent } from './graph/component.js';
import { narrativesComponent, loadNarrativeModel, loadRoleModel } from './narratives/index.js';

export type Factory = () => Component | Promise<Component>;

export const registry: Record<string, Factory> = {
  sentences: () => sentences,
  // tokens, tags, lemmas and dependency trees (src/syntax/index.ts; layers in src/syntax/types.ts)
  // (loaded on demand: the default pipeline does not run it, and its model is large)
  parse: async () => (await import('./syntax/index.js')).parseComponent(),
  // persuasion techniques: trained model (src/techniques/model.ts) and explained rules (src/techniques/rules.ts)
  'techniques.model': () => techniqueModel(),
  'techniques.rules': () => techniqueRules,
  actors: () => actorsComponent,
  meta: () => meta,
  relations: () => relationsComponent,
  events: () => eventsComponent,
  // SemEval-2025 narratives with evidence sentences, and a role per actor mention (src/narratives/index.ts)
  narratives: () => (loadNarrativeModel(), loadRoleModel(), narrativesComponent),
  // the signed actor graph of the document (src/graph/component.ts)
  graph: () => graphComponent,
};

/**
 * The default analysis, in order: meta first (language and date decide what runs and how).
 * `parse` is registered but not yet in the default: no default component's output depends on it
 * today (relations reads it only for a confidence feature that measured no signal), and it would
 * take about two thirds of the analysis time. It goes in when relations code events from the tree;
 * `slant parse` and `--pipeline` run it now.
 */
export const DEFAULT_PIPELINE: readonly string[] = ['meta', 'sentences', 'techniques.model', 'techniques.rules', 'actors', 'relations', 'events', 'narratives', 'graph'];

const cache = new Map<string, Promise<Pipeline>>();

/** Build (once per list of names) a pipeline; the order is checked by the Pipeline constructor. */
export function createPipeline(names: readonly string[] = DEFAULT_PIPELINE): Promise<Pipeline> {
  const key = names.join(',');
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const components: Component[] = [];
      for (const name of names) {
        const factory = registry[name];
        if (!factory) fail(E.UNKNOWN_COMPONENT, `unknown component "${name}" (known: ${Object.keys(registry).join(', ')})`);
        components.push(await factory());
      }
      return new Pipeline(components);
    })();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}
