import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SentenceTree, TreeToken } from '../syntax/index.js';
import { codeSentence, type Mention } from './coder.js';
import { loadDefaultLexicon } from './lexicon.js';
import { indexTree, treeArgs } from './coder/tree-args.js';
import { units } from './coder/units.js';

const LEMMA: Record<string, string> = { said: 'say', claimed: 'claim' };

/**
 * A hand-written UD tree (so these tests do not move when the parser is retrained): words joined by
 * single spaces, each [word, head (1-based, 0 = root), relation, UPOS if needed].
 */
function tree(words: Array<[string, number, string] | [string, number, string, string]>): { text: string; tree: SentenceTree } {
  let text = '';
  const tokens: TreeToken[] = words.map(([w, h, rel, upos], i) => {
    if (i > 0 && !/^[.,']/.test(w)) text += ' ';
    const start = text.length;
    text += w;
    return { index: i, start, end: text.length, text: w, upos: upos ?? '', xpos: '', lemma: LEMMA[w] ?? w.toLowerCase(), head: h - 1, deprel: rel, children: [] };
  });
  for (const t of tokens) if (t.head >= 0) tokens[t.head]!.children.push(t.index);
  return { text, tree: { start: 0, end: text.length, root: tokens.findIndex((t) => t.head < 0), first: 0, tokens } };
}

/** Mentions by surface string (first occurrence). */
function mentions(text: string, list: Array<[string, string]>): Mention[] {
  return list.map(([s, code]) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, code })).sort((a, b) => a.start - b.start);
}

const REPORT = new Set(['say', 'claim']);

function args(words: Array<[string, number, string]>, ms: Array<[string, string]>, verb: string) {
  const t = tree(words);
  const m = mentions(t.text, ms);
  const u = units(t.text, 0, t.text.length, m);
  const vi = u.findIndex((x) => x.low === verb);
  const a = treeArgs(indexTree(t.tree, u), u, vi, REPORT)!;
  const names = (ks: number[]): string[] => ks.map((k) => u[k]!.up);
  return { ...a, subj: names(a.subj), obj: names(a.obj), reporter: a.reporter && names(a.reporter) };
}

test('tree args: subject and object; negation and modal', () => {
  const a = args(
    [['Brazil', 4, 'nsubj'], ['did', 4, 'aux'], ['not', 4, 'advmod'], ['condemn', 0, 'root'], ['Peru', 4, 'obj'], ['.', 4, 'punct']],
    [['Brazil', 'BRA'], ['Peru', 'PER']],
    'condemn',
  );
  assert.deepEqual([a.subj, a.obj, a.negated, a.passive], [['BRA'], ['PER'], true, false]);
  const b = args([['Chile', 3, 'nsubj'], ['would', 3, 'aux'], ['attack', 0, 'root'], ['Peru', 3, 'obj']], [['Chile', 'CHL'], ['Peru', 'PER']], 'attack');
  assert.equal(b.modality, 'hypothetical');
});

test('tree args: passive with agent; oblique with a participant preposition; possessor inside the object', () => {
  const a = args(
    [['Peru', 3, 'nsubj:pass'], ['was', 3, 'aux:pass'], ['attacked', 0, 'root'], ['by', 5, 'case'], ['Chile', 3, 'obl:agent']],
    [['Peru', 'PER'], ['Chile', 'CHL']],
    'attacked',
  );
  assert.deepEqual([a.subj, a.obj, a.passive], [['CHL'], ['PER'], true]);
  const b = args([['Norway', 2, 'nsubj'], ['met', 0, 'root'], ['with', 4, 'case'], ['Sweden', 2, 'obl'], ['in', 6, 'case'], ['Oslo', 2, 'obl']], [['Norway', 'NOR'], ['Sweden', 'SWE'], ['Oslo', 'NOR']], 'met');
  assert.deepEqual(b.obj, ['SWE'], 'the participant, not the place');
  const c = args([['Norway', 2, 'nsubj'], ['criticised', 0, 'root'], ['Sweden', 5, 'nmod:poss'], ["'s", 3, 'case'], ['decision', 2, 'obj']], [['Norway', 'NOR'], ['Sweden', 'SWE']], 'criticised');
  assert.deepEqual(c.obj, ['SWE']);
});

test('tree args: coordinated subjects, relative pronoun, control, pronoun under a reporting verb', () => {
  const a = args([['Mali', 4, 'nsubj'], ['and', 3, 'cc'], ['Niger', 1, 'conj'], ['signed', 0, 'root'], ['a', 6, 'det'], ['deal', 4, 'obj']], [['Mali', 'MLI'], ['Niger', 'NER']], 'signed');
  assert.deepEqual(a.subj, ['MLI', 'NER']);
  // "Ghana, which criticised Togo, ..."
  const b = args([['Ghana', 0, 'root'], [',', 4, 'punct'], ['which', 4, 'nsubj'], ['criticised', 1, 'acl:relcl'], ['Togo', 4, 'obj']], [['Ghana', 'GHA'], ['Togo', 'TGO']], 'criticised');
  assert.deepEqual([b.subj, b.obj], [['GHA'], ['TGO']]);
  // "Iran urged Iraq to expel Kuwait": the controlled verb's subject is the upper verb's object.
  const c = args([['Iran', 2, 'nsubj'], ['urged', 0, 'root'], ['Iraq', 2, 'obj'], ['to', 5, 'mark'], ['expel', 2, 'xcomp'], ['Kuwait', 5, 'obj']], [['Iran', 'IRN'], ['Iraq', 'IRQ'], ['Kuwait', 'KWT']], 'expel');
  assert.deepEqual([c.subj, c.obj], [['IRQ'], ['KWT']]);
  // "Cuba said it would help Haiti if asked": the pronoun is the reporting clause's subject, the act is hypothetical and reported.
  const d = args([['Cuba', 2, 'nsubj'], ['said', 0, 'root'], ['it', 5, 'nsubj'], ['would', 5, 'aux'], ['help', 2, 'ccomp'], ['Haiti', 5, 'obj'], ['if', 8, 'mark'], ['asked', 5, 'advcl']], [['Cuba', 'CUB'], ['Haiti', 'HTI']], 'help');
  assert.deepEqual([d.subj, d.obj, d.modality, d.reporter], [['CUB'], ['HTI'], 'hypothetical', ['CUB']]);
});

test('coder with a tree: the window event is kept and the parse verdict recorded; strict mode takes the tree', () => {
  // "Peru attacked Bolivia, officials in Chile said".
  const t = tree([['Peru', 2, 'nsubj'], ['attacked', 0, 'root'], ['Bolivia', 2, 'obj'], [',', 2, 'punct'], ['officials', 8, 'nsubj'], ['in', 7, 'case'], ['Chile', 5, 'nmod'], ['said', 2, 'parataxis']]);
  const m = mentions(t.text, [['Peru', 'PER'], ['Bolivia', 'BOL'], ['Chile', 'CHL']]);
  const lex = loadDefaultLexicon();
  const check = codeSentence(t.text, 0, t.text.length, m, lex, { treeMode: 'check' }, t.tree);
  const e = check.find((x) => x.source === 'PER' && x.target === 'BOL');
  assert.ok(e, 'Peru → Bolivia coded');
  assert.equal(e.tree, 'agrees');
  const off = codeSentence(t.text, 0, t.text.length, m, lex, { treeMode: 'off' }, t.tree);
  assert.equal(off[0]?.tree, undefined, 'no verdict without the tree');
  // A tree that names another subject: strict follows it, check keeps the window's and says it differs.
  const t2 = tree([['Peru', 3, 'nmod:poss'], ["'s", 1, 'case'], ['neighbour', 5, 'nsubj'], ['Chile', 3, 'appos'], ['attacked', 0, 'root'], ['Bolivia', 5, 'obj']]);
  const m2 = mentions(t2.text, [['Peru', 'PER'], ['Chile', 'CHL'], ['Bolivia', 'BOL']]);
  const strict = codeSentence(t2.text, 0, t2.text.length, m2, lex, { treeMode: 'strict' }, t2.tree).filter((x) => x.target === 'BOL');
  assert.deepEqual(strict.map((x) => x.source), ['CHL']);
});

test('tree light verb + event noun: "Chile launched new air strikes against gun positions in Peru"', () => {
  const t = tree([
    ['Chile', 2, 'nsubj'], ['launched', 0, 'root', 'VERB'], ['new', 5, 'amod'], ['air', 5, 'compound'], ['strikes', 2, 'obj', 'NOUN'],
    ['against', 8, 'case'], ['gun', 8, 'compound'], ['positions', 5, 'nmod'], ['in', 10, 'case'], ['Peru', 8, 'nmod'], ['.', 2, 'punct'],
  ]);
  const m = mentions(t.text, [['Chile', 'CHL'], ['Peru', 'PER']]);
  const ev = codeSentence(t.text, 0, t.text.length, m, loadDefaultLexicon(), { treeMode: 'check' }, t.tree);
  const e = ev.find((x) => x.via === 'light');
  assert.ok(e, `light-verb event coded, got ${ev.map((x) => `${x.source}>${x.target} ${x.code} ${x.via}`).join('; ')}`);
  assert.deepEqual([e.source, e.target, e.info.quad], ['CHL', 'PER', 4]);
  // Without the parse the windows code nothing here.
  assert.equal(codeSentence(t.text, 0, t.text.length, m, loadDefaultLexicon()).length, 0);
});

test('tree noun events: "Chile\'s condemnation of Peru" needs both participants on the noun', () => {
  const t = tree([['Chile', 3, 'nmod:poss'], ["'s", 1, 'case'], ['condemnation', 6, 'nsubj', 'NOUN'], ['of', 5, 'case'], ['Peru', 3, 'nmod'], ['failed', 0, 'root', 'VERB'], ['.', 6, 'punct']]);
  const m = mentions(t.text, [['Chile', 'CHL'], ['Peru', 'PER']]);
  const ev = codeSentence(t.text, 0, t.text.length, m, loadDefaultLexicon(), { treeMode: 'check' }, t.tree).filter((x) => x.via === 'noun-tree');
  assert.deepEqual(ev.map((x) => `${x.source}>${x.target} ${x.code}`), ['CHL>PER 111']);
  // Only one participant on the noun ("the condemnation of Peru failed in Chile"): no event.
  const t2 = tree([['the', 2, 'det'], ['condemnation', 5, 'nsubj', 'NOUN'], ['of', 4, 'case'], ['Peru', 2, 'nmod'], ['failed', 0, 'root', 'VERB'], ['in', 7, 'case'], ['Chile', 5, 'obl']]);
  const m2 = mentions(t2.text, [['Peru', 'PER'], ['Chile', 'CHL']]);
  assert.equal(codeSentence(t2.text, 0, t2.text.length, m2, loadDefaultLexicon(), { treeMode: 'check' }, t2.tree).filter((x) => x.via === 'noun-tree').length, 0);
});
