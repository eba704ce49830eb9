#!/usr/bin/env node
// Precision of the technique spans shown by default, from cross-validated predictions (no retraining):
//   mkdir -p /tmp/pred && nice node dist/cli/main.js eval techniques --data ../shared/data/ptc/train --folds 5 --write-predictions /tmp/pred
//   node scripts/shown-precision.mjs --data ../shared/data/ptc/train --predictions /tmp/pred/detect.txt [--write src/techniques/data/precision.json]
// For the spans of each fold, the precision of every rule key and model band is measured on the
// other folds only; then the display steps run as in slant (merge nested spans of one technique, keep
// precision >= 0.4) and the shown spans are scored: right = overlaps a gold span of the same
// technique by at least half of its own length. --write stores the table measured on all folds.
import { readFileSync, readdirSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { cell, bandOf, MODEL_BANDS, modelPrecision, rulePrecisionOf, mergeNested, isRight, SHOWN_PRECISION } from '../dist/techniques/display.js';
import { TECHNIQUES } from '../dist/techniques/types.js';
import { findRuleHits, isPromised, isListed } from '../dist/techniques/rules.js';
import { readArticles } from '../dist/techniques/ptc.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, predictions: { type: 'string' }, write: { type: 'string' }, threshold: { type: 'string' }, 'rescan-rules': { type: 'boolean' }, 'no-promised': { type: 'boolean' } } });
if (!values.data || !values.predictions) {
  console.error('usage: node scripts/shown-precision.mjs --data <ptc-dir> --predictions <dir>/detect.txt [--write <precision.json>] [--threshold 0.4]');
  process.exit(2);
}
const threshold = values.threshold ? Number(values.threshold) : SHOWN_PRECISION;

const gold = new Map();
const labels = join(values.data, 'labels', 'tc');
for (const f of readdirSync(labels)) {
  for (const line of readFileSync(join(labels, f), 'utf8').split('\n')) {
    const [id, technique, s, e] = line.split('\t');
    if (!e) continue;
    if (!gold.has(id)) gold.set(id, []);
    gold.get(id).push({ technique, start: Number(s), end: Number(e) });
  }
}

const rows = [];
for (const line of readFileSync(values.predictions, 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [fold, id, source, key, technique, s, e, conf] = line.split('\t');
  const r = { fold: Number(fold), id, source, key, technique, start: Number(s), end: Number(e), confidence: conf === '-' ? null : Number(conf) };
  r.right = isRight(r, gold.get(id) ?? []);
  rows.push(r);
}
// The rules are not trained: --rescan-rules replaces the rule rows by the current rules' hits
// (same folds), so a rule change is measured without a new cross-validation.
if (values['rescan-rules']) {
  const foldOf = new Map(rows.map((r) => [r.id, r.fold]));
  const kept = rows.filter((r) => r.source === 'model');
  rows.length = 0;
  rows.push(...kept);
  for (const a of readArticles(join(values.data, 'articles'))) {
    if (!foldOf.has(a.id)) continue;
    for (const h of findRuleHits(a.text)) {
      const r = { fold: foldOf.get(a.id), id: a.id, source: h.rule, key: h.key, technique: h.technique, start: a.cps.cp(h.start), end: a.cps.cp(h.end), confidence: null };
      r.right = isRight(r, gold.get(a.id) ?? []);
      rows.push(r);
    }
  }
}
const folds = [...new Set(rows.map((r) => r.fold))].sort((a, b) => a - b);

function table(use) {
  const acc = new Map();
  const bump = (k, ok) => {
    const v = acc.get(k) ?? [0, 0];
    v[0]++;
    if (ok) v[1]++;
    acc.set(k, v);
  };
  const model = {};
  for (const t of TECHNIQUES) model[t] = { all: [0, 0], bands: MODEL_BANDS.map(() => [0, 0]) };
  for (const r of use) {
    if (r.source === 'model') {
      const m = model[r.technique];
      m.all[0]++; m.all[1] += r.right ? 1 : 0;
      const b = m.bands[bandOf(r.confidence)];
      b[0]++; b[1] += r.right ? 1 : 0;
    } else {
      bump(r.source, r.right);
      if (r.key !== r.source) bump(r.key, r.right);
    }
  }
  const rules = {};
  for (const k of [...acc.keys()].sort()) rules[k] = cell(acc.get(k)[0], acc.get(k)[1]);
  const mod = {};
  for (const t of TECHNIQUES) mod[t] = { all: cell(...model[t].all), bands: model[t].bands.map((b) => cell(...b)) };
  return { rules, model: mod };
}

const precisionOf = (r, t) => (r.source === 'model' ? modelPrecision(r.technique, r.confidence, t) : rulePrecisionOf(r.source, r.key, t));

// Held-out display: per fold, precisions from the other folds.
const shown = [];
const all = [];
for (const f of folds) {
  const t = table(rows.filter((r) => r.fold !== f));
  const byId = new Map();
  for (const r of rows.filter((r) => r.fold === f)) {
    if (!byId.has(r.id)) byId.set(r.id, []);
    const precision = precisionOf(r, t);
    // rules below 0.15 are model features only and never reach the result
    if (r.source !== 'model' && !isListed(r.source, precision ?? 0)) continue;
    byId.get(r.id).push({ ...r, precision });
  }
  for (const list of byId.values()) {
    // model spans first: they win ties in the merge, as in slant
    list.sort((a, b) => (a.source === 'model' ? 0 : 1) - (b.source === 'model' ? 0 : 1));
    const merged = mergeNested(list);
    for (const r of merged) {
      r.right = isRight(r, gold.get(r.id) ?? []);
      all.push(r);
      const promised = r.source !== 'model' && isPromised(r.source, r.key);
      if ((r.precision !== null && r.precision >= threshold) || (promised && !values['no-promised'])) shown.push(r);
    }
  }
}

const pr = (list) => {
  const n = list.length, k = list.filter((r) => r.right).length;
  return `${String(k).padStart(5)}/${String(n).padEnd(5)} ${(n ? k / n : 0).toFixed(3)}`;
};
const goldN = [...gold.values()].reduce((s, l) => s + l.length, 0);
const covered = (list) => {
  const byId = new Map();
  for (const r of list) { if (!byId.has(r.id)) byId.set(r.id, []); byId.get(r.id).push(r); }
  let n = 0;
  for (const [id, gs] of gold) for (const g of gs) if ((byId.get(id) ?? []).some((r) => r.technique === g.technique && r.start < g.end && r.end > g.start)) n++;
  return n;
};
console.log(`shown-precision: ${rows.length} held-out rows, ${folds.length} folds, threshold ${threshold}; right = overlaps a gold span of its technique by >= half its length`);
console.log(`all merged spans (model + every rule)   right/spans ${pr(all)}   gold spans touched ${covered(all)}/${goldN}`);
console.log(`shown by default                        right/spans ${pr(shown)}   gold spans touched ${covered(shown)}/${goldN}`);
console.log(`  model                                 ${pr(shown.filter((r) => r.source === 'model'))}`);
console.log(`  rules                                 ${pr(shown.filter((r) => r.source !== 'model'))}`);
console.log('shown by technique:');
for (const t of TECHNIQUES) {
  const l = shown.filter((r) => r.technique === t);
  if (l.length) console.log(`  ${t.padEnd(36)} ${pr(l)}`);
}
console.log('shown by rule:');
for (const s of [...new Set(shown.map((r) => r.source))].filter((s) => s !== 'model').sort()) console.log(`  ${s.padEnd(36)} ${pr(shown.filter((r) => r.source === s))}`);
for (const s of ['scare-quotes', 'so-called-quote']) {
  const l = all.filter((r) => r.source === s);
  const keys = [...new Set(l.map((r) => r.key))].sort();
  for (const k of keys) console.log(`  (all) ${k.padEnd(30)} ${pr(l.filter((r) => r.key === k))}`);
}

if (values.write) {
  let commit = 'unknown';
  try { commit = execFileSync('git', ['log', '-1', '--format=%h']).toString().trim(); } catch {}
  const t = table(rows);
  const out = {
    command: `nice node dist/cli/main.js eval techniques --data ../shared/data/ptc/train --folds 5 --write-predictions /tmp/pred && node scripts/shown-precision.mjs --data ../shared/data/ptc/train --predictions /tmp/pred/detect.txt --write ${values.write}`,
    commit,
    criterion: 'right = overlaps a gold span of the same technique by at least half of its own length; held-out model spans of 5-fold CV by article (PTC train, 371 articles), rules on every article; Laplace-smoothed (right+1)/(hits+2); model bands by calibrated confidence, lower edges ' + MODEL_BANDS.join(' '),
    ...t,
  };
  const tmp = `${values.write}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(out, null, 1) + '\n');
  renameSync(tmp, values.write);
  console.log(`wrote ${values.write}`);
}
