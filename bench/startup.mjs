#!/usr/bin/env node
// Start-up and pathological inputs (issue 16): wall and CPU time (user + system) of fresh
// `slant` processes — `--version`, a one-line article, and `Russia!!!! ` × 16,000 / × 100,000 and
// `Russia. ` × 125,000 (generated here) — for this build and, with --base DIR, another build run
// alternately in the same minutes (a fair comparison on a shared machine).
//
// Usage: npm run build && nice -n 10 node bench/startup.mjs [--base /tmp/wt-<rev>] [--runs 3] [--quick]
//   --quick leaves out the two largest inputs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { base: { type: 'string' }, runs: { type: 'string', default: '3' }, quick: { type: 'boolean', default: false } } });
const here = new URL('..', import.meta.url).pathname;
const builds = [...(values.base ? [['base', values.base]] : []), ['this', here]];
const dir = mkdtempSync(join(tmpdir(), 'slant-startup-'));
const file = (name, text) => (writeFileSync(join(dir, name), text), join(dir, name));
const one = file('one.txt', 'Trump met Putin in Helsinki.\n');
const cases = [
  ['slant --version', ['--version']],
  ['analyze a one-line article', ['analyze', one, '-f', 'json']],
  ['analyze `Russia!!!! ` × 16,000', ['analyze', file('r16k.txt', 'Russia!!!! '.repeat(16_000)), '-f', 'json']],
];
if (!values.quick) {
  cases.push(['analyze `Russia. ` × 125,000', ['analyze', file('rdot.txt', 'Russia. '.repeat(125_000)), '-f', 'json']]);
  cases.push(['analyze `Russia!!!! ` × 100,000', ['analyze', file('r100k.txt', 'Russia!!!! '.repeat(100_000)), '-f', 'json']]);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at start`);
console.log(`| command | ${builds.map(([n]) => `${n}: wall s / CPU s per run (median CPU)`).join(' | ')} |`);
console.log(`|---|${builds.map(() => '---|').join('')}`);
for (const [label, args] of cases) {
  const cells = builds.map(() => []);
  for (let r = 0; r < Number(values.runs); r++) {
    builds.forEach(([, root], k) => {
      const main = join(root, 'dist/cli/main.js');
      const extra = args[0] === 'analyze' ? ['-o', join(dir, 'out.json')] : [];
      const p = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, main, ...args, ...extra], { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(`${label} failed in ${root}: ${p.stderr.split('\n')[0]}`);
      const [e, u, s] = p.stderr.trim().split('\n').pop().split(' ').map(Number);
      cells[k].push([e, u + s]);
    });
  }
  console.log(`| ${label} | ${cells.map((c) => `${c.map(([e, t]) => `${e.toFixed(2)}/${t.toFixed(2)}`).join(' ')} (${median(c.map((x) => x[1])).toFixed(2)})`).join(' | ')} |`);
}
console.log(`load average at end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
rmSync(dir, { recursive: true, force: true });
