#!/usr/bin/env node
// Precision of the technique spans shown by default, from cross-validated predictions (no retraining):
//   mkdir -p /tmp/pred && nice node dist/cli/main.js eval techniques --data ../shared/data/ptc/train --folds 5 --write-predictions /tmp/pred
//   node scripts/shown-precision.mjs --data ../shared/data/ptc/train --predictions /tmp/pred/detect.txt [--write src/techniques/data/precision.json]
// Nested cross-validation over the folds of the predictions file. For the spans of each (outer) fold,
// everything is chosen on the other folds only: the rule-key precisions, the model-precision
// regression and its penalty (inner folds, log loss), and the display threshold of each group
// (model per technique, rule per id; inner folds: the lowest threshold at which the group's spans were
// right TARGET_PRECISION of the time). Then the display steps run as in slant (merge nested spans of
// one technique, show precision >= max(0.4, group threshold)) and the shown spans are scored:
// right = overlaps a gold span of the same technique by at least half of its own length.
// --write stores the tables fitted on all folds (penalty and thresholds by 5-fold CV).
import { readFileSync, readdirSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { agreementOf, fitAgreement, withAgreement, cell, fitPrecisionModel, predictPrecision, rulePrecisionOf, mergeNested, isRight, chooseThresholds, groupOf, SHOWN_PRECISION, LAMBDAS, SHRINKS, TARGET_PRECISION, WILSON_Z } from '../dist/techniques/display.js';
import { TECHNIQUES } from '../dist/techniques/types.js';
import { findRuleHits, isListed } from '../dist/techniques/rules.js';
import { readArticles } from '../dist/techniques/ptc.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, predictions: { type: 'string' }, write: { type: 'string' }, 'rescan-rules': { type: 'boolean' }, 'no-thresholds': { type: 'boolean' }, 'no-agreement': { type: 'boolean' }, z: { type: 'string' } } });
const Z = values.z === undefined ? WILSON_Z : Number(values.z);
if (!values.data || !values.predictions) {
  console.error('usage: node scripts/shown-precision.mjs --data <ptc-dir> --predictions <dir>/detect.txt [--write <precision.json>] [--rescan-rules] [--no-thresholds]');
  process.exit(2);
}

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

let rows = [];
for (const line of readFileSync(values.predictions, 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [fold, id, source, key, technique, s, e, conf] = line.split('\t');
  rows.push({ fold: Number(fold), id, source, key, technique, start: Number(s), end: Number(e), confidence: conf === '-' ? null : Number(conf) });
}
// The rules are not trained: --rescan-rules replaces the rule rows by the current rules' hits
// (same folds), so a rule change is measured without a new cross-validation.
if (values['rescan-rules']) {
  const foldOf = new Map(rows.map((r) => [r.id, r.fold]));
  rows = rows.filter((r) => r.source === 'model');
  for (const a of readArticles(join(values.data, 'articles'))) {
    if (!foldOf.has(a.id)) continue;
    for (const h of findRuleHits(a.text)) rows.push({ fold: foldOf.get(a.id), id: a.id, source: h.rule, key: h.key, technique: h.technique, start: a.cps.cp(h.start), end: a.cps.cp(h.end), confidence: null });
  }
}
// right or not; for model spans, whether a rule hit of the same technique overlaps them
const ruleRowsById = new Map();
for (const r of rows) {
  r.right = isRight(r, gold.get(r.id) ?? []);
  if (r.source !== 'model') {
    if (!ruleRowsById.has(r.id)) ruleRowsById.set(r.id, []);
    ruleRowsById.get(r.id).push(r);
  }
}
const modelRowsById = new Map();
for (const r of rows) {
  if (r.source !== 'model') continue;
  if (!modelRowsById.has(r.id)) modelRowsById.set(r.id, []);
  modelRowsById.get(r.id).push(r);
}
for (const l of modelRowsById.values()) l.sort((a, b) => a.start - b.start);
// a rule hit's agreement with the held-out model spans of its article (as slant measures it at run time)
for (const r of rows) if (r.source !== 'model') r.agree = agreementOf(r, modelRowsById.get(r.id) ?? []);
for (const r of rows) {
  if (r.source !== 'model') continue;
  r.info = { technique: r.technique, confidence: r.confidence, chars: r.end - r.start, ruleAgrees: (ruleRowsById.get(r.id) ?? []).some((h) => h.technique === r.technique && h.start < r.end && h.end > r.start) };
}
const folds = [...new Set(rows.map((r) => r.fold))].sort((a, b) => a - b);
const inFolds = (fs) => rows.filter((r) => fs.includes(r.fold));
const except = (...out) => folds.filter((f) => !out.includes(f));

function ruleTable(use) {
  const acc = new Map();
  const bump = (k, ok) => {
    const v = acc.get(k) ?? [0, 0];
    v[0]++;
    if (ok) v[1]++;
    acc.set(k, v);
  };
  for (const r of use) {
    if (r.source === 'model') continue;
    bump(r.source, r.right);
    if (r.key !== r.source) bump(r.key, r.right);
  }
  const rules = {};
  for (const k of [...acc.keys()].sort()) rules[k] = cell(acc.get(k)[0], acc.get(k)[1]);
  return rules;
}

const modelRows = (use) => use.filter((r) => r.source === 'model').map((r) => ({ x: r.info, right: r.right }));

function logLoss(weights, use) {
  let l = 0, n = 0;
  for (const r of use) {
    if (r.source !== 'model') continue;
    const p = Math.min(1 - 1e-9, Math.max(1e-9, predictPrecision(weights, r.info)));
    l -= r.right ? Math.log(p) : Math.log(1 - p);
    n++;
  }
  return n ? l / n : 0;
}

/** The penalty with the lowest held-out log loss over the given folds (each predicted from the others). */
function chooseLambda(fs) {
  let best = { lambda: LAMBDAS[0], loss: Infinity };
  for (const lambda of LAMBDAS) {
    let loss = 0;
    for (const g of fs) loss += logLoss(fitPrecisionModel(modelRows(inFolds(fs.filter((x) => x !== g))), lambda), inFolds([g]));
    if (loss < best.loss) best = { lambda, loss };
  }
  return best.lambda;
}

/** The key shrinkage with the lowest held-out log loss of rule hits over the given folds. */
function chooseShrink(fs) {
  let best = { shrink: SHRINKS[0], loss: Infinity };
  const tables = fs.map((g) => ruleTable(inFolds(fs.filter((x) => x !== g))));
  for (const shrink of SHRINKS) {
    let loss = 0;
    fs.forEach((g, i) => {
      for (const r of inFolds([g])) {
        if (r.source === 'model') continue;
        const p = Math.min(1 - 1e-6, Math.max(1e-6, rulePrecisionOf(r.source, r.key, { rules: tables[i], shrink }) ?? 0.3));
        loss -= r.right ? Math.log(p) : Math.log(1 - p);
      }
    });
    if (loss < best.loss) best = { shrink, loss };
  }
  return best.shrink;
}

/** The agreement regression over the rule hits of folds `fs`, each with its key precision measured on the other folds of `fs`. */
function agreementWeights(fs, shrink) {
  const items = [];
  for (const g of fs) {
    const t = { rules: ruleTable(inFolds(fs.filter((x) => x !== g))), shrink };
    for (const r of inFolds([g])) {
      if (r.source === 'model') continue;
      const p = rulePrecisionOf(r.source, r.key, t);
      if (p !== null) items.push({ p, agree: r.agree, right: r.right });
    }
  }
  return fitAgreement(items);
}

function fitTables(fs, lambda, shrink) {
  const use = inFolds(fs);
  return { rules: ruleTable(use), shrink, weights: fitPrecisionModel(modelRows(use), lambda), agreement: values['no-agreement'] ? undefined : agreementWeights(fs, shrink) };
}

/** Estimated precision of each listed row of folds `fs` (no merge). */
function estimate(fs, t) {
  const out = [];
  for (const r of inFolds(fs)) {
    const p = r.source === 'model' ? Math.round(predictPrecision(t.weights, r.info) * 1000) / 1000 : withAgreement(rulePrecisionOf(r.source, r.key, t), r.agree, t);
    // rules below 0.15 (and quotes that are not doubt) are model features only and never reach the result
    if (r.source !== 'model' && !isListed(r.source, p ?? 0, r.key)) continue;
    out.push({ ...r, precision: p, p, group: groupOf(r.source === 'model' ? null : r.source, r.technique) });
  }
  return out;
}

const isShownAt = (r, th) => r.p !== null && r.p >= Math.max(SHOWN_PRECISION, values['no-thresholds'] ? 0 : th[r.group] ?? SHOWN_PRECISION);

/** What slant lists: each span marked shown or not, then the merge per article (a shown span wins over a hidden one). */
function display(fs, t, th) {
  const byId = new Map();
  for (const r of estimate(fs, t)) {
    if (!byId.has(r.id)) byId.set(r.id, []);
    byId.get(r.id).push({ ...r, shown: isShownAt(r, th) });
  }
  const out = [];
  for (const list of byId.values()) {
    // model spans first: they win ties in the merge, as in slant
    list.sort((a, b) => (a.source === 'model' ? 0 : 1) - (b.source === 'model' ? 0 : 1));
    out.push(...mergeNested(list));
  }
  return out;
}

/** Display thresholds for the folds `fs`: the spans of each inner fold, estimated with tables fitted on the others. */
function thresholdsFor(fs, lambda, shrink) {
  const items = [];
  for (const g of fs) items.push(...estimate([g], fitTables(fs.filter((x) => x !== g), lambda, shrink)));
  return chooseThresholds(items, Z);
}

const all = [];
const shown = [];
const chosen = [];
for (const f of folds) {
  const train = except(f);
  const lambda = chooseLambda(train), shrink = chooseShrink(train);
  const th = thresholdsFor(train, lambda, shrink);
  chosen.push({ fold: f, lambda, shrink, th });
  for (const r of display([f], fitTables(train, lambda, shrink), th)) {
    all.push(r);
    if (r.shown) shown.push(r);
  }
}

const pr = (list) => {
  const n = list.length, k = list.filter((r) => r.right).length;
  return `${String(k).padStart(5)}/${String(n).padEnd(5)} ${(n ? k / n : 0).toFixed(3)}`;
};
const meanP = (list) => (list.length ? list.reduce((s, r) => s + r.p, 0) / list.length : 0).toFixed(3);
const goldN = [...gold.values()].reduce((s, l) => s + l.length, 0);
const covered = (list) => {
  const byId = new Map();
  for (const r of list) { if (!byId.has(r.id)) byId.set(r.id, []); byId.get(r.id).push(r); }
  let n = 0;
  for (const [id, gs] of gold) for (const g of gs) if ((byId.get(id) ?? []).some((r) => r.technique === g.technique && r.start < g.end && r.end > g.start)) n++;
  return n;
};
console.log(`shown-precision: ${rows.length} held-out rows, ${folds.length} folds (nested), floor ${SHOWN_PRECISION}, group thresholds ${values['no-thresholds'] ? 'off' : `aiming at ${TARGET_PRECISION} (Wilson lower bound, z = ${Z})`}; right = overlaps a gold span of its technique by >= half its length`);
console.log(`penalty per fold: ${chosen.map((c) => c.lambda).join(' ')}; key shrinkage per fold: ${chosen.map((c) => c.shrink).join(' ')}`);
console.log(`all merged spans (model + listed rules)  right/spans ${pr(all)}   gold spans touched ${covered(all)}/${goldN}`);
console.log(`shown by default                         right/spans ${pr(shown)}   gold spans touched ${covered(shown)}/${goldN}   mean estimated precision ${meanP(shown)}`);
console.log(`  model                                  ${pr(shown.filter((r) => r.source === 'model'))}   mean estimated ${meanP(shown.filter((r) => r.source === 'model'))}`);
console.log(`  rules                                  ${pr(shown.filter((r) => r.source !== 'model'))}   mean estimated ${meanP(shown.filter((r) => r.source !== 'model'))}`);
console.log('shown by technique (model | rules):');
for (const t of TECHNIQUES) {
  const l = shown.filter((r) => r.technique === t);
  if (l.length) console.log(`  ${t.padEnd(36)} ${pr(l.filter((r) => r.source === 'model'))} | ${pr(l.filter((r) => r.source !== 'model'))}`);
}
console.log('shown by rule:');
for (const s of [...new Set(shown.map((r) => r.source))].filter((s) => s !== 'model').sort()) console.log(`  ${s.padEnd(36)} ${pr(shown.filter((r) => r.source === s))}`);
console.log('calibration of the estimates (all listed spans, by estimated precision):');
for (const [lo, hi] of [[0, 0.2], [0.2, 0.3], [0.3, 0.4], [0.4, 0.5], [0.5, 0.6], [0.6, 0.7], [0.7, 1.01]]) {
  const l = all.filter((r) => r.p !== null && r.p >= lo && r.p < hi);
  if (l.length) console.log(`  [${lo.toFixed(1)}, ${Math.min(1, hi).toFixed(1)})  ${pr(l)}   mean estimated ${meanP(l)}`);
}
for (const s of ['scare-quotes', 'so-called-quote']) {
  const l = rows.filter((r) => r.source === s);
  for (const k of [...new Set(l.map((r) => r.key))].sort()) console.log(`  (every hit) ${k.padEnd(30)} ${pr(l.filter((r) => r.key === k))}`);
}

if (values.write) {
  let commit = 'unknown';
  try { commit = execFileSync('git', ['log', '-1', '--format=%h']).toString().trim(); } catch {}
  const lambda = chooseLambda(folds), shrink = chooseShrink(folds);
  const thresholds = thresholdsFor(folds, lambda, shrink);
  const t = fitTables(folds, lambda, shrink);
  const byTechnique = {};
  for (const tq of TECHNIQUES) {
    const l = rows.filter((r) => r.source === 'model' && r.technique === tq);
    byTechnique[tq] = cell(l.length, l.filter((r) => r.right).length);
  }
  const out = {
    command: `nice node dist/cli/main.js eval techniques --data ../shared/data/ptc/train --folds 5 --write-predictions /tmp/pred && node scripts/shown-precision.mjs --data ../shared/data/ptc/train --predictions /tmp/pred/detect.txt --write ${values.write}`,
    commit,
    criterion: 'right = overlaps a gold span of the same technique by at least half of its own length; held-out model spans of 5-fold CV by article (PTC train, 371 articles), rules on every article; rule keys Laplace-smoothed (right+1)/(hits+2) and shrunk towards their rule; model spans by a logistic regression over technique, calibrated confidence, length and rule agreement (penalty by CV); display thresholds per group by CV, aiming at ' + TARGET_PRECISION,
    rules: t.rules,
    shrink,
    agreement: t.agreement,
    model: { lambda, weights: t.weights, byTechnique },
    thresholds,
  };
  const tmp = `${values.write}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(out, null, 1) + '\n');
  renameSync(tmp, values.write);
  console.log(`wrote ${values.write}`);
}
