/**
 * The layout rule of issue 16, checked on the source: core ← analyses ← corpus ← shells.
 * Each top-level folder or file under src/ is a unit; an import from one unit to another is an edge
 * (type-only imports count too: they couple the folders just the same). Tests are left out — a test
 * may drive the CLI of its own area — and so are files outside src/.
 * Run `node dist/architecture.test.js --print` for the unit count and the cycles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Folders that analyse one document (or a set of them) and must not import what sits above them. */
const ANALYSES = ['core', 'sentences', 'syntax', 'techniques', 'actors', 'relations', 'graph', 'meta', 'narratives', 'input', 'extract', 'report'];
const ABOVE = ['cli', 'server', 'web', 'corpus'];

function sourceFiles(dir: string, list: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, list);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) list.push(path);
  }
  return list;
}

const unitOf = (file: string): string => {
  const first = relative(SRC, file).split(sep)[0]!;
  return first.replace(/\.tsx?$/, '');
};

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`; relative specifiers only.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"\n]{1,200})['"]/g;

export interface ImportGraph {
  units: string[];
  edges: Map<string, Map<string, string>>; // from unit → to unit → an example "file → specifier"
}

export function importGraph(): ImportGraph {
  const edges = new Map<string, Map<string, string>>();
  const units = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const from = unitOf(file);
    units.add(from);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const target = resolve(dirname(file), m[1]!);
      if (!target.startsWith(SRC)) continue;
      const to = unitOf(target.replace(/\.js$/, '.ts'));
      if (to === from || !to) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      const out = edges.get(from)!;
      if (!out.has(to)) out.set(to, `${relative(SRC, file)} → ${m[1]}`);
    }
  }
  return { units: [...units].sort(), edges };
}

/** Strongly connected components with more than one unit (Tarjan). */
export function cycles(g: ImportGraph): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); on.add(v);
    for (const w of g.edges.get(v)?.keys() ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do { w = stack.pop()!; on.delete(w); scc.push(w); } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const u of g.units) if (!idx.has(u)) visit(u);
  return out.sort((a, b) => b.length - a.length);
}

const hasSource = existsSync(SRC);

test('folder-level imports form no cycle of more than 2 units', { skip: !hasSource && 'no src/ beside dist/' }, () => {
  const g = importGraph();
  const big = cycles(g).filter((c) => c.length > 2);
  const detail = big.map((c) => c.join(' ↔ ') + '\n' + c.flatMap((u) => [...(g.edges.get(u) ?? [])].filter(([t]) => c.includes(t)).map(([, e]) => '  ' + e)).join('\n'));
  assert.deepEqual(detail, []);
});

test('no analysis folder imports cli/, server/, web/ or corpus/', { skip: !hasSource && 'no src/ beside dist/' }, () => {
  const g = importGraph();
  const bad: string[] = [];
  for (const from of ANALYSES) {
    for (const [to, example] of g.edges.get(from) ?? []) if (ABOVE.includes(to)) bad.push(example);
  }
  assert.deepEqual(bad, []);
});

if (process.argv.includes('--print')) {
  const g = importGraph();
  const cs = cycles(g);
  console.log(`units: ${g.units.length}`);
  for (const c of cs) console.log(`cycle of ${c.length}: ${c.join(', ')}`);
  for (const c of cs) for (const u of c) for (const [t, e] of g.edges.get(u) ?? []) if (c.includes(t)) console.log(`  ${u} → ${t}: ${e}`);
}
