import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MODULE = new URL('./single-threaded.js', import.meta.url).href;

/** A script that re-runs itself single-threaded, then reports its flags (and waits for SIGTERM when asked). */
function script(dir: string): string {
  const file = join(dir, 'probe.mjs');
  writeFileSync(
    file,
    `import { runSingleThreaded } from ${JSON.stringify(MODULE)};
const rerun = runSingleThreaded();
if (rerun) process.exit(await rerun);
console.log(JSON.stringify(process.execArgv));
if (process.argv[2] === 'wait') {
  console.log('pid ' + process.pid);
  let n = 0;
  process.on('SIGTERM', () => { if (++n === 1) setTimeout(() => { console.log('stopped ' + n); process.exit(0); }, 200); });
  console.log('ready');
  setInterval(() => {}, 1000);
} else process.exit(3);
`,
  );
  return file;
}

test('single-threaded: the command runs again as node --single-threaded, with its exit code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slant-st-'));
  try {
    const file = script(dir);
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8', env: { ...process.env, SLANT_SINGLE_THREADED: '' } });
    assert.equal(r.status, 3);
    assert.deepEqual(JSON.parse(r.stdout.trim()), ['--single-threaded']);
    const off = spawnSync(process.execPath, [file], { encoding: 'utf8', env: { ...process.env, SLANT_SINGLE_THREADED: '0' } });
    assert.deepEqual(JSON.parse(off.stdout.trim()), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('single-threaded: SIGTERM to the parent reaches the child once, and the parent waits for it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'slant-st-'));
  try {
    const p = spawn(process.execPath, [script(dir), 'wait'], { env: { ...process.env, SLANT_SINGLE_THREADED: '' } });
    let out = '';
    await new Promise<void>((resolve) => p.stdout.on('data', (d: Buffer) => ((out += d), out.includes('ready') && resolve())));
    p.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => p.on('exit', (c) => resolve(c)));
    assert.equal(code, 0);
    assert.match(out, /stopped 1/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('single-threaded: the child ends when the parent is killed outright (no orphan)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'slant-st-'));
  try {
    const p = spawn(process.execPath, [script(dir), 'wait'], { env: { ...process.env, SLANT_SINGLE_THREADED: '' } });
    let out = '';
    await new Promise<void>((resolve) => p.stdout.on('data', (d: Buffer) => ((out += d), out.includes('ready') && resolve())));
    const pid = Number(/pid (\d+)/.exec(out)![1]);
    assert.notEqual(pid, p.pid);
    p.kill('SIGKILL');
    const alive = (): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(alive(), false, 'the child outlived its parent');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
