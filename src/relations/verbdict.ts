/**
 * PETRARCH-format verb dictionaries (CAMEO.2.0.txt, PETR.Validate.verbs.txt): synonym sets, verb
 * blocks with their forms and default codes, and the patterns that refine a code from the words
 * around the verb. `parseVerbDict` reads the text format; the converted form shipped in
 * data/verbs.json is the same structure serialised, so the runtime never reads /work/shared.
 */

/** One element of a pattern. Words are upper case, as in the dictionary. */
export type PatElem =
  | { k: 'w'; w: string; exact: boolean } // a word; stem-matched unless it ended with '_'
  | { k: 'phrase'; ws: string[] } // {A B}: contiguous words
  | { k: 'syn'; n: string } // &SYNSET
  | { k: 'src' } // $
  | { k: 'tgt' } // +
  | { k: 'skip' }; // ^ (any noun phrase)

export interface Pattern {
  pre: PatElem[];
  post: PatElem[];
  /** CAMEO code for source→target, or null ('---' or empty). */
  code: string | null;
  /** Code for the reciprocal event target→source ([042:043]), or null. */
  code2: string | null;
  /** Verb the pattern was written for (comment), for explanations. */
  verb: string;
}

export interface VerbEntry {
  /** Words of the verb phrase (upper case); `head` indexes the word that inflects. */
  words: string[];
  head: number;
  /** Code given on the verb line, or null to use the block's. */
  code: string | null;
  /** Irregular forms of the whole phrase (upper case, words joined by space). */
  forms: string[];
}

export interface VerbBlock {
  name: string;
  code: string | null;
  code2: string | null;
  verbs: VerbEntry[];
  patterns: Pattern[];
}

export interface VerbDict {
  source: string;
  synsets: Record<string, string[][]>;
  blocks: VerbBlock[];
}

/** Parse "[042:043]" / "[---]" / "[:054]" into (code, reciprocal code). */
export function parseCode(raw: string): { code: string | null; code2: string | null } {
  const inner = raw.replace(/[[\]\s]/g, '');
  const [a = '', b] = inner.split(':');
  const norm = (x: string | undefined): string | null => (x && /^[0-9]{2,4}$/.test(x) ? x : null);
  return { code: norm(a), code2: norm(b) };
}

function stripComment(line: string): string {
  const i = line.indexOf('#');
  return (i >= 0 ? line.slice(0, i) : line).trim();
}

/** Split a verb/phrase spelling ("+ASK_FOR", "KLM_NOP_+RST") into words and the inflecting head. */
function verbWords(spelling: string): { words: string[]; head: number } {
  const parts = spelling.split('_').filter((p) => p !== '');
  let head = parts.findIndex((p) => p.startsWith('+'));
  const words = parts.map((p) => p.replace(/^\+/, ''));
  if (head < 0) head = 0;
  return { words, head };
}

function parsePatternElems(text: string): PatElem[] {
  const out: PatElem[] = [];
  // Tokens: {...} phrases, parentheses (grouping only), and bare words/markers.
  const re = /\{([^}]*)\}|[()]|[^\s(){}]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const t = m[0];
    if (t === '(' || t === ')') continue;
    if (m[1] !== undefined) {
      const ws = m[1].trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/_$/, ''));
      if (ws.length === 1) out.push({ k: 'w', w: ws[0]!, exact: false });
      else if (ws.length > 1) out.push({ k: 'phrase', ws });
      continue;
    }
    if (t === '$') out.push({ k: 'src' });
    else if (t === '+') out.push({ k: 'tgt' });
    else if (t === '^') out.push({ k: 'skip' });
    else if (t === '%' || t === ',' || t === '|') continue;
    else if (t.startsWith('&')) out.push({ k: 'syn', n: t });
    else if (t.includes('_') && t.replace(/_$/, '').includes('_')) out.push({ k: 'phrase', ws: t.split('_').filter(Boolean) });
    else out.push({ k: 'w', w: t.replace(/_$/, ''), exact: t.endsWith('_') });
  }
  return out;
}

export function parseVerbDict(text: string, source: string): VerbDict {
  const dict: VerbDict = { source, synsets: {}, blocks: [] };
  let section: 'head' | 'syn' | 'verbs' | 'done' = 'head';
  let syn: string | null = null;
  let block: VerbBlock | null = null;
  const lines = text.split(/\r?\n/);
  // TABARI-era files (PETRARCH 1 validation) have no '---' block headers and ';' comments:
  // there every verb line with a code opens its own block.
  const headerless = !/^---/m.test(text);
  for (const rawLine0 of lines) {
    const rawLine = headerless ? rawLine0.replace(/;.*$/, '') : rawLine0;
    if (/^#+\s*SYNONYM SETS/.test(rawLine)) {
      section = 'syn';
      continue;
    }
    if (/^#+\s*VERB PATTERNS/.test(rawLine)) {
      section = 'verbs';
      continue;
    }
    if (/^#+\s*TRANSFORMATIONS/.test(rawLine)) {
      section = 'done';
      continue;
    }
    const line = stripComment(rawLine);
    if (line === '' || section === 'done') {
      if (line === '') syn = section === 'syn' ? null : syn;
      continue;
    }
    // Validation files have no section headers: a synset may appear anywhere before the first block.
    if (line.startsWith('&')) {
      syn = line.split(/\s+/)[0]!;
      dict.synsets[syn] = [];
      if (section === 'head') section = 'syn';
      continue;
    }
    if (line.startsWith('---')) {
      const m = /^---\s*(\S+)\s*(\[[^\]]*\])?/.exec(line);
      if (!m) continue;
      const c = parseCode(m[2] ?? '[---]');
      block = { name: m[1]!, code: c.code, code2: c.code2, verbs: [], patterns: [] };
      dict.blocks.push(block);
      section = 'verbs';
      syn = null;
      continue;
    }
    if (syn && line.startsWith('+') && !block) {
      const words = line.slice(1).trim().split(/[\s_]+/).filter(Boolean);
      if (words.length) dict.synsets[syn]!.push(words);
      continue;
    }
    if (!block && !headerless) continue;
    if (line.startsWith('-') && block) {
      const m = /^-\s*(.*?)\s*(\[[^\]]*\])\s*$/.exec(line);
      if (!m) continue;
      const body = m[1]!;
      const star = body.indexOf('*');
      if (star < 0) continue;
      const c = parseCode(m[2]!);
      const verbName = (/#\s*(\S+)/.exec(rawLine)?.[1] ?? '').replace(/[^A-Z_-]/gi, '');
      block.patterns.push({ pre: parsePatternElems(body.slice(0, star)), post: parsePatternElems(body.slice(star + 1)), code: c.code, code2: c.code2, verb: verbName });
      continue;
    }
    // A verb line: SPELLING [code]? {forms}?
    const vm = /^(\S+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?\s*(\{[^}]*\})?/.exec(line);
    if (!vm) continue;
    const spelling = vm[1]!;
    if (!/^[+A-Z]/i.test(spelling)) continue;
    const { words, head } = verbWords(spelling.toUpperCase());
    if (words.length === 0) continue;
    const formsRaw = (vm[2] ?? vm[4] ?? '').replace(/[{}]/g, '').trim();
    const forms = formsRaw ? formsRaw.split(/\s+/).map((f) => f.replace(/^\+/, '').split('_').filter(Boolean).join(' ').toUpperCase()) : [];
    const c = vm[3] ? parseCode(vm[3]) : null;
    if (headerless && (c || !block)) {
      block = { name: words.join('_'), code: c ? c.code : null, code2: c ? c.code2 : null, verbs: [], patterns: [] };
      dict.blocks.push(block);
    }
    if (block) block.verbs.push({ words, head, code: c ? c.code : null, forms });
  }
  return dict;
}

/** Regular inflections of an upper-case verb (PETRARCH's rules: +S/+ES/+IES, +ED/+D/+IED, +ING). */
export function inflect(v: string): string[] {
  const out = [v];
  const vowel = (c: string | undefined): boolean => !!c && 'AEIOU'.includes(c);
  if (/(S|X|Z|CH|SH)$/.test(v)) out.push(v + 'ES');
  else if (v.endsWith('Y') && !vowel(v[v.length - 2])) out.push(v.slice(0, -1) + 'IES');
  else out.push(v + 'S');
  if (v.endsWith('E')) out.push(v + 'D');
  else if (v.endsWith('Y') && !vowel(v[v.length - 2])) out.push(v.slice(0, -1) + 'IED');
  else out.push(v + 'ED');
  if (v.endsWith('E') && !v.endsWith('EE')) out.push(v.slice(0, -1) + 'ING');
  else out.push(v + 'ING');
  // Short CVC verbs double the last consonant (STOP → STOPPED); listed forms win, this only adds.
  if (/[^AEIOU][AEIOU][BDGKLMNPRT]$/.test(v) && v.length <= 5) {
    out.push(v + v[v.length - 1] + 'ED', v + v[v.length - 1] + 'ING');
  }
  return out;
}
