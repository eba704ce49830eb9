/** What `npm pack` ships (issue 16): the library, its data and models; no tests, benchmarks or screenshots. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

test('npm pack lists no tests, benchmarks, fixtures or screenshots, and keeps data files and models', { skip: !existsSync(`${root}package.json`) || !existsSync(`${root}dist/index.js`) }, () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const files = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
  const bad = files.filter((f) => /\.test\.|(^|\/)fixtures?(\/|\.)|^bench\/|^src\/|^scripts\/|^docs\/|screenshot|\.png$|harness|tsbuildinfo/.test(f));
  assert.deepEqual(bad, []);
  for (const f of ['dist/index.js', 'dist/cli/main.js', 'dist/techniques/data/model.bin.gz', 'dist/actors/data/actors.tsv', 'dist/meta/data/outlets.json', 'dist/relations/data/cameo.json', 'schema/analysis.schema.json', 'README.md'])
    assert.ok(files.includes(f), `${f} is missing from the package`);
});
