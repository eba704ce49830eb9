#!/usr/bin/env node
// Checks the foundation issue's acceptance points on an article given by path (the seed article of
// shared/examples is not in the repository): run after `npm install`, e.g.
//   node scripts/check-seed.mjs ../shared/examples/seed-article.txt
import { execFileSync } from 'node:child_process';

const path = process.argv[2];
if (!path) {
  console.error('usage: node scripts/check-seed.mjs <seed-article.txt>');
  process.exit(2);
}
const main = new URL('../dist/cli/main.js', import.meta.url).pathname;
const r = JSON.parse(execFileSync(process.execPath, [main, 'analyze', path, '--format', 'json'], { maxBuffer: 1 << 28 }).toString());
const cps = [...r.text];
const slice = (s, e) => cps.slice(s, e).join('');
const checks = [];
const check = (name, ok, detail = '') => checks.push({ name, ok, detail });

check('date 2022-05-05', r.meta.date === '2022-05-05', r.meta.date);
check('Huanqiu credit', r.meta.credits.some((c) => c.code === 'huanqiu'), JSON.stringify(r.meta.credits));
const codes = r.actors.map((a) => a.code);
for (const c of ['CHN', 'RUS', 'USA', 'UKR', 'EUR']) check(`actor ${c}`, codes.includes(c));
const west = r.actors.find((a) => a.mentions.some((m) => /^the West$/i.test(m.text)));
check('bloc code for "the West"', !!west && west.type === 'bloc', west ? `${west.code} (${west.type})` : 'none');
const has = (re, techs) => r.techniques.some((t) => re.test(t.text) && techs.includes(t.technique));
const doubtish = ['Doubt', 'Loaded_Language', 'Name_Calling,Labeling'];
check('scare-quoted “threat” (Doubt or similar)', has(/threat/, doubtish));
check('“Russia’s invasion of Ukraine” (Doubt or similar)', has(/Russia.s invasion of Ukraine/, doubtish));
check('“fantasy” as Loaded_Language', has(/fantasy/, ['Loaded_Language']));
check('“wishful thinking” as Loaded_Language', has(/wishful thinking/, ['Loaded_Language']));
let bad = 0;
for (const t of r.techniques) if (slice(t.start, t.end) !== t.text) bad++;
for (const a of r.actors) for (const m of a.mentions) if (slice(m.start, m.end) !== m.text) bad++;
for (const x of r.relations) if (slice(x.evidence.start, x.evidence.end) !== x.evidence.text) bad++;
for (const x of r.events ?? []) if (slice(x.evidence.start, x.evidence.end) !== x.evidence.text) bad++;
check('every span text equals the code-point slice', bad === 0, `${bad} mismatches`);

for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}${c.detail ? `  (${c.detail})` : ''}`);
const failed = checks.filter((c) => !c.ok).length;
console.log(`${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
