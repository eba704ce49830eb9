// Extraction speed and memory: pages/s (wall clock and per CPU-second, one core) and peak RSS.
//   npm run build && node bench/extract.mjs [/path/to/html-folder] [runs]
// Default folder: ../shared/data/extraction/html (the article-extraction-benchmark pages, .html.gz).
// Each run decodes (gunzip + charset) and extracts every page once; the median run is reported.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { extractBytes } from '../dist/extract/index.js';

const dir = process.argv[2] ?? new URL('../../shared/data/extraction/html/', import.meta.url).pathname;
const runs = Number(process.argv[3] ?? 5);
const files = readdirSync(dir).filter((f) => /\.html?(\.gz)?$/.test(f)).sort();
const pages = files.map((f) => readFileSync(join(dir, f)));
const bytes = pages.reduce((s, b) => s + b.length, 0);

// Warm-up: JIT and lazy data.
for (const p of pages.slice(0, 10)) extractBytes(p);

const wall = [], cpu = [];
for (let r = 0; r < runs; r++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const p of pages) extractBytes(p);
  const secs = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  wall.push(pages.length / secs);
  cpu.push(pages.length / ((c.user + c.system) / 1e6));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const peakMb = process.resourceUsage().maxRSS / 1024;
const result = {
  pages: pages.length,
  compressedMB: +(bytes / 1048576).toFixed(2),
  runs,
  pagesPerSecond: +median(wall).toFixed(1),
  pagesPerCpuSecond: +median(cpu).toFixed(1),
  peakRssMB: +peakMb.toFixed(0),
  node: process.version,
  cpu: `${os.cpus()[0]?.model ?? '?'} (${os.cpus().length} cores), load ${os.loadavg()[0].toFixed(1)}`,
};
console.log(JSON.stringify(result, null, 2));
