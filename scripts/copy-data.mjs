// Copies every non-TypeScript file under src/ (lexicons, models, web assets) beside the compiled JS in dist/.
// Also removes compiled .js/.d.ts files whose .ts source no longer exists (moved or deleted files).
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

// Compiled files whose source was moved or deleted would still run (stale tests, stale imports): drop them.
import { existsSync, rmSync } from 'node:fs';
function prune(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const rel = relative(dist, path);
    if (statSync(path).isDirectory()) { if (rel !== 'web') prune(path); continue; }
    const m = /^(.*)\.(js|d\.ts)$/.exec(rel);
    if (!m) continue;
    if (!existsSync(join(src, m[1] + '.ts')) && !existsSync(join(src, rel))) rmSync(path);
  }
}
prune(dist);

// The `slant` bin must be executable for `npx slant` (tsc writes files without the x bit).
import { chmodSync } from 'node:fs';
chmodSync(join(dist, 'cli', 'main.js'), 0o755);
