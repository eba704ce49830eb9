/** The coder for one sentence: units → verbs → per-verb events → demands and relational nouns. */
import { codeInfo, type Lexicon } from '../lexicon.js';
import { baseCode, futureCode, usable } from './codes.js';
import { codeDemands } from './demands.js';
import { codeNouns } from './nouns.js';
import { codeStance } from './stance.js';
import { factivityOf } from './factivity.js';
import { type CodeOptions, type CodedEvent, type Mention } from './types.js';
import { units } from './units.js';
import { indexTree } from './tree-args.js';
import { treeLightEvents, treeNounEvents } from './tree-events.js';
import type { SentenceTree } from '../../syntax/index.js';
import { type Ctx, REPORT_LEMMAS, codeVerb } from './verb-events.js';
import { findVerbs } from './verbs.js';
import { CLAUSE, READY } from './words.js';

/** Code one sentence [start, end) of `text`; mentions must be sorted and non-overlapping. */
export function codeSentence(text: string, start: number, end: number, mentions: readonly Mention[], lex: Lexicon, opts: CodeOptions = {}, tree?: SentenceTree): CodedEvent[] {
  const inside = usable(mentions.filter((m) => m.start >= start && m.end <= end));
  if (inside.length === 0) return [];
  const u = units(text, start, end, inside);
  const events: CodedEvent[] = [];
  const seen = new Set<string>();
  const push = (e: CodedEvent): void => {
    if (e.source === e.target) return;
    const key = e.symmetric && e.target < e.source ? `${e.target}|${e.source}|${e.code}` : `${e.source}|${e.target}|${e.code}`;
    if (seen.has(key)) return;
    seen.add(key);
    events.push(e);
  };
  const verbs = findVerbs(u, lex, text);
  const verbIdx = new Set(verbs.map((v) => v.i));
  // With a parse, each verb's arguments come from the tree (tree-args.ts); the windows are the fallback.
  const tix = tree && opts.treeMode !== 'off' ? indexTree(tree, u) : undefined;
  const mode = opts.treeMode === 'add' ? 'check' : opts.treeMode === 'off' ? undefined : opts.treeMode;
  const ctx: Ctx = { u, lex, text, verbs, verbIdx, opts, tix, treeMode: mode };
  // "demanded that the United States match ...": the verb of what is demanded is no event.
  const demanded = new Set<number>();
  for (let vi = 0; vi + 1 < verbs.length; vi++) {
    const c = baseCode(u, verbs[vi]!);
    if (!c || !/^(02|10)/.test(c)) continue;
    let t = verbs[vi]!.j;
    while (t < verbs[vi]!.j + 3 && u[t] && u[t]!.kind === 'W' && u[t]!.low !== 'that') t++;
    if (u[t]?.low === 'that' && verbs[vi + 1]!.i - t <= 8) demanded.add(vi + 1);
  }
  for (let vi = 0; vi < verbs.length; vi++) {
    const v = verbs[vi]!;
    if (demanded.has(vi)) continue;
    // Catenative chain "agreed to undertake exercises": the upper verb keeps the event when its code
    // states intent, appeal, demand, rejection or threat; otherwise the lower verb codes it and the
    // upper verb is the fallback when the lower one codes nothing.
    const next = verbs[vi + 1];
    // "threatened today to impose ...": up to two words may stand between the verb and "to".
    let to = v.j;
    while (to < v.j + 2 && u[to] && u[to]!.kind === 'W' && u[to]!.low !== 'to' && !verbIdx.has(to) && !CLAUSE.has(u[to]!.low)) to++;
    const chained = next && u[to]?.low === 'to' && (next.i === to + 1 || next.i === to + 2) ? next : null;
    const upperCode = baseCode(u, v);
    // "ready to attack", "prepared to lift the ban": readiness only marks the act as intended; the
    // lower verb codes it (as intent or threat under the CAMEO convention).
    if (chained && upperCode && /^03/.test(upperCode) && (READY.has(u[v.i]!.low) || /^PREPAR/.test(u[v.i]!.up))) {
      const lower = codeVerb(ctx, vi + 1);
      if (lower.length) {
        for (const e of lower) {
          const c = opts.intentCodes ? futureCode(e.code) : e.code;
          push({ ...e, code: c, info: codeInfo(c), modality: e.modality === 'asserted' ? 'future' : e.modality });
        }
        vi++;
        continue;
      }
    }
    const upperKeeps = upperCode !== null && /^(02|03|10|12|13)/.test(upperCode);
    if (chained && !upperKeeps) {
      const lower = codeVerb(ctx, vi + 1);
      if (lower.length) {
        lower.forEach(push);
        vi++;
        continue;
      }
    }
    codeVerb(ctx, vi, chained && upperKeeps ? chained.j : undefined).forEach(push);
    if (chained && upperKeeps) vi++;
  }
  // Light verb + event noun linked by the parse ("launched new air strikes against ...").
  if (tix) {
    const taken = new Set(events.map((e) => e.trigger.start));
    for (const e of treeLightEvents(tix, u, lex, text, REPORT_LEMMAS, taken)) push(e);
    if (opts.nounEvents ?? process.env.SLANT_NOUN_EVENTS !== '0') for (const e of treeNounEvents(tix, u, lex, text, new Set(events.map((x) => x.trigger.start)))) push(e);
  }
  codeDemands(u, verbs, text, push);
  codeNouns(u, lex, text, push);
  codeStance(u, text, push);
  // Factivity of each event: endorsed, reported, doubted or rejected by the text, and the cue.
  const at = new Map<number, number>();
  u.forEach((x, k) => at.set(x.s, k));
  for (const e of events) {
    const k = at.get(e.trigger.start) ?? -1;
    e.factivity = k < 0 ? { value: e.attribution.kind === 'author' ? 'endorsed' : 'reported', cue: null, framedBy: null } : factivityOf(u, k, at.get(e.sourceMention.start) ?? -1, at.get(e.targetMention.start) ?? -1, e.attribution, text, e.via === 'stance');
  }
  // 'add': the tree's events for verbs the windows coded nothing for.
  if (opts.treeMode === 'add' && tree) {
    const used = new Set(events.map((e) => e.trigger.start));
    for (const e of codeSentence(text, start, end, mentions, lex, { ...opts, treeMode: 'strict' }, tree)) if (!used.has(e.trigger.start)) push(e);
  }
  return events;
}

/**
 * Events as PETRARCH-style gold counts them: a mutual relation stored once (symmetric) becomes
 * both directed events, and stance relations (not events) are left out.
 */
export function asDirected(events: readonly CodedEvent[]): CodedEvent[] {
  const out: CodedEvent[] = [];
  for (const e of events) {
    if (e.via === 'stance') continue;
    out.push(e);
    if (e.symmetric) out.push({ ...e, source: e.target, target: e.source, sourceMention: e.targetMention, targetMention: e.sourceMention });
  }
  return out;
}
