// Bundles the web app (src/web) into dist/web: one script, one stylesheet, index.html, favicon — all local, works offline.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

const src = new URL('../src/web/', import.meta.url).pathname;
const out = new URL('../dist/web/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [`${src}main.ts`],
  outfile: `${out}app.js`,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
for (const f of ['index.html', 'app.css', 'favicon.svg']) cpSync(`${src}${f}`, `${out}${f}`);
