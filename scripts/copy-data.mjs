// Copies every non-TypeScript file under src/ (lexicons, models, web assets) beside the compiled JS in dist/.
import { cpSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';

const src = new URL('../src/', import.meta.url).pathname;
const dist = new URL('../dist/', import.meta.url).pathname;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { if (name !== 'web') walk(path); continue; }
    if (name.endsWith('.ts')) continue;
    const out = join(dist, relative(src, path));
    mkdirSync(dirname(out), { recursive: true });
    cpSync(path, out);
  }
}
walk(src);
