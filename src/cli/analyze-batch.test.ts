import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = new URL('./main.js', import.meta.url).pathname;

// One worker, and a worker per core (the batch then runs itself again as node --single-threaded:
// Ctrl-C reaches the parent and, passed on, the child; the exit code comes back through the parent).
for (const workers of [1, Math.max(2, availableParallelism())]) {
test(`slant analyze <dir> --workers ${workers}: results stream out; Ctrl-C leaves valid JSON Lines for every finished file`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'slant-batch-'));
  const para = 'The minister of Canada said that Russia threatened its neighbours. Officials in Ottawa denied the report. ';
  for (let i = 0; i < 80; i++) writeFileSync(join(dir, `doc-${String(i).padStart(3, '0')}.txt`), para.repeat(50) + `Number ${i}.`);
  // A pipeline of a few components: the test is about streaming, not about every analysis.
  const pipeline = 'sentences,techniques.model,techniques.rules,actors';
  const child = spawn(process.execPath, [MAIN, 'analyze', dir, '-f', 'json', '--workers', String(workers), '--pipeline', pipeline], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let sent = false;
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    // A hang guard, not a speed test.
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!sent && out.includes('\n')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('exit', (c) => {
      clearTimeout(guard);
      resolve(c);
    });
  });
  assert.ok(sent, `no line before exit: ${err}`);
  assert.equal(code, 130, err);
  assert.ok(out.endsWith('\n'), 'the last line is whole');
  const lines = out.trimEnd().split('\n');
  assert.ok(lines.length >= 1 && lines.length < 80, `${lines.length} lines`);
  lines.forEach((l, i) => assert.equal((JSON.parse(l) as { id: string }).id, join(dir, `doc-${String(i).padStart(3, '0')}.txt`)));
  assert.match(err, /interrupted; \d+ of 80 results written/);
});
}
