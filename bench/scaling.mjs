// Analysis time against input size (issue 16, fault 2: analysis must grow linearly). Runs
// `slant analyze <file> -f json` in fresh processes on pathological inputs of growing size and
// prints the median wall and CPU time per size, and the time per 1,000 characters.
// Usage: npm run build && nice -n 10 node bench/scaling.mjs [--runs 3] [--max 100000]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const opt = (name, dflt) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : dflt);
const runs = opt('--runs', 3);
const max = opt('--max', 100_000);
const main = new URL('../dist/cli/main.js', import.meta.url).pathname;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = mkdtempSync(join(tmpdir(), 'slant-scaling-'));
const { MAX_TEXT } = await import('../dist/core/limits.js');

const inputs = [
  ['Russia!!!! ', 'exclamations'],
  ['Russia. ', 'one-word sentences'],
  ['The shameful regime in Moscow attacked Kyiv again, officials said. ', 'a repeated sentence'],
];
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; load average at start ${loadavg()[0].toFixed(1)}; node ${process.version}`);
console.log('| input | repeats | characters | wall s (median) | CPU s (median) | CPU ms per 1,000 chars |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [unit, label] of inputs) {
  for (let n = 1000; n <= max; n *= 4) {
    const reps = Math.min(n, max);
    if (unit.length * reps > MAX_TEXT) break; // refused by design (E103), not a timing
    const file = join(dir, 'in.txt');
    writeFileSync(file, unit.repeat(reps));
    const wall = [], cpu = [];
    for (let r = 0; r < runs; r++) {
      // Wall time and the child's CPU (user + system); CPU is less sensitive to other work on the machine.
      const p = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, main, 'analyze', file, '-f', 'json', '-o', join(dir, 'out.json')], { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(`slant analyze failed on ${label} × ${reps}: ${p.stderr.split('\n')[0]}`);
      const [e, u, s] = p.stderr.trim().split('\n').pop().split(' ').map(Number);
      wall.push(e);
      cpu.push(u + s);
    }
    const chars = unit.length * reps;
    console.log(`| ${label} | ${reps.toLocaleString('en')} | ${chars.toLocaleString('en')} | ${median(wall).toFixed(2)} | ${median(cpu).toFixed(2)} | ${((median(cpu) * 1e6) / chars).toFixed(2)} |`);
    if (n < max && n * 4 > max) n = max / 4; // end on max exactly
  }
}
rmSync(dir, { recursive: true, force: true });
