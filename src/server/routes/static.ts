/**
 * The bundled web app (dist/web): index.html for / and /docs (the app routes with the hash), the
 * script, the stylesheet and the icon, read once at start (a few hundred kB). Not in the OpenAPI
 * document.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E, fail } from '../../core/errors.js';
import type { App } from '../context.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

interface WebFile {
  type: string;
  body: Uint8Array<ArrayBuffer>;
}

function loadWeb(): Map<string, WebFile> {
  const dir = new URL('../../web/', import.meta.url).pathname;
  const files = new Map<string, WebFile>();
  for (const name of ['index.html', 'app.js', 'app.css', 'favicon.svg']) {
    const path = join(dir, name);
    if (existsSync(path)) files.set(`/${name}`, { type: TYPES[name.slice(name.lastIndexOf('.'))]!, body: new Uint8Array(readFileSync(path)) });
  }
  return files;
}

export function registerStatic(app: App): void {
  const web = loadWeb();
  app.get('*', (c, next) => {
    const path = c.req.path;
    if (path.startsWith('/api/')) return next();
    const file = web.get(path === '/' || path === '/docs' ? '/index.html' : path);
    if (!file) {
      if (path === '/' || path === '/docs') fail(E.NOT_FOUND, 'the web app is not built; run "npm run build"');
      fail(E.NOT_FOUND, `no such file: ${path.slice(0, 200)}`);
    }
    return c.body(file.body, 200, { 'content-type': file.type, 'cache-control': 'no-cache' });
  });
}
