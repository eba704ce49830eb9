/**
 * Step 6: does the dependency parse support an event the shallow coder found? The source and the
 * target must each reach the trigger through a short path in the tree that stays inside the
 * trigger's clause (no complement, adverbial or relative clause boundary on the way), allowing the
 * trigger itself to hang below a catenative or coordinated verb ("tried to attack", "met and
 * praised"). 'confirmed' / 'contradicted', or 'unknown' when the sentence has no parse.
 */
import type { SentenceTree, TreeToken } from '../../syntax/index.js';
import type { Doc } from '../../core/document.js';
import type {} from '../../syntax/types.js';

/** Relations that cross into another clause. */
const CLAUSAL = new Set(['ccomp', 'advcl', 'acl', 'acl:relcl', 'parataxis', 'csubj', 'list', 'dep', 'root']);
/** Relations by which the trigger may hang below the verb that carries the subject. */
const CHAIN = new Set(['xcomp', 'conj']);
/** Longest path (edges) from a mention's head to the trigger. */
const MAX_PATH = 5;

export type TreeSupport = 'confirmed' | 'contradicted' | 'unknown';

function tokenAt(tree: SentenceTree, start: number, end: number): TreeToken | null {
  // The head of the span: a token inside it whose head lies outside (or the root).
  let best: TreeToken | null = null;
  for (const t of tree.tokens) {
    if (t.start < start || t.end > end) continue;
    const h = t.head >= 0 ? tree.tokens[t.head - tree.first] : undefined;
    if (!h || h.start < start || h.end > end) return t;
    best ??= t;
  }
  return best;
}

/** Ancestors of t (itself first), at most 12. */
function ancestors(tree: SentenceTree, t: TreeToken): TreeToken[] {
  const out: TreeToken[] = [t];
  let x = t;
  for (let i = 0; i < 12 && x.head >= 0; i++) {
    const h = tree.tokens[x.head - tree.first];
    if (!h) break;
    out.push(h);
    x = h;
  }
  return out;
}

function linked(tree: SentenceTree, mention: TreeToken, trigger: TreeToken): boolean {
  const up = ancestors(tree, mention);
  const tu = ancestors(tree, trigger);
  const lca = up.find((a) => tu.includes(a));
  if (!lca) return false;
  const mSide = up.slice(0, up.indexOf(lca));
  const tSide = tu.slice(0, tu.indexOf(lca));
  if (mSide.length + tSide.length > MAX_PATH) return false;
  if (mSide.some((x) => CLAUSAL.has(x.deprel))) return false;
  return tSide.length <= 2 && tSide.every((x) => CHAIN.has(x.deprel));
}

export function treeSupport(tree: SentenceTree | undefined, e: { trigger: { start: number; end: number }; sourceMention: { start: number; end: number }; targetMention: { start: number; end: number } }): TreeSupport {
  if (!tree) return 'unknown';
  const t = tokenAt(tree, e.trigger.start, e.trigger.end);
  const s = tokenAt(tree, e.sourceMention.start, e.sourceMention.end);
  const g = tokenAt(tree, e.targetMention.start, e.targetMention.end);
  if (!t || !s || !g) return 'unknown';
  return linked(tree, s, t) && linked(tree, g, t) ? 'confirmed' : 'contradicted';
}

/**
 * The parse of each sentence from the `tokens` and `syntax` layers, as syntax/index.ts's
 * sentenceTrees builds it; here so that the events component does not load the parser's code at
 * start-up (it only reads the layers the parse component wrote).
 */
export function layerTrees(doc: Doc): SentenceTree[] {
  const toks = doc.spans('tokens');
  return doc.spans('syntax').map((s) => {
    const tokens: TreeToken[] = [];
    for (let i = s.data.first; i < s.data.first + s.data.count; i++) {
      const t = toks[i]!;
      tokens.push({ index: i, start: t.start, end: t.end, text: doc.text.slice(t.start, t.end), upos: t.data.upos, xpos: t.data.xpos, lemma: t.data.lemma, head: t.data.head, deprel: t.data.deprel, children: [] });
    }
    for (const t of tokens) if (t.head >= 0) tokens[t.head - s.data.first]?.children.push(t.index);
    return { start: s.start, end: s.end, root: s.data.root, first: s.data.first, tokens };
  });
}
