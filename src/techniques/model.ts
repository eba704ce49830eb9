/**
 * The trained technique model: a token tagger that finds propaganda spans (logistic regression over
 * hashed word, context, sentence, quote, repetition and rule features) and a span classifier that
 * names the technique (multinomial logistic regression). Confidences pass through Platt scalers fitted
 * on held-out cross-validation folds, so a span shown at p is right about p of the time.
 *
 * File format (gzip): 8-byte magic, uint32 header length, JSON header, then the float32 weights.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { E, fail } from '../core/errors.js';
import { FeatureSink, hashStr, lowerBound, mix, sentenceFeatures, spanContexts, spanFeatures, tokenFeatures, type Prepared, type SpanContext } from './features.js';
import { logit, platt, softmaxInto, type Platt } from './linear.js';
import { TECHNIQUES, type Technique } from './types.js';
import { STOPWORDS } from './rules.js';
import { TECHNIQUE_INFO } from './definitions.js';

export interface ModelHeader {
  format: 'slant-techniques';
  version: 1;
  siBits: number;
  tcBits: number;
  /** Token probability at or above which a token belongs to a span. */
  threshold: number;
  /** A span is kept only when one of its tokens reaches this probability (hysteresis); absent = threshold. */
  seedThreshold?: number;
  calibration: { tc: Platt; detect: Platt };
  /** Free-form training record: data, seed, folds, date. */
  trained: Record<string, unknown>;
}

export interface SpanGuess {
  start: number;
  end: number;
  /** Mean token probability over the span (uncalibrated). */
  score: number;
}

export interface Classified {
  /** Techniques by descending probability. */
  ranked: Array<{ technique: Technique; p: number }>;
  /** Calibrated probability that the top technique is right. */
  confidence: number;
}

export interface Detected extends SpanGuess {
  technique: Technique;
  confidence: number;
  explanation: string;
}

const MAGIC = 'SLANTTM1';
const C = TECHNIQUES.length;

/** Spans shorter than this many characters are dropped (lone punctuation, stray letters). */
const MIN_SPAN_CHARS = 3;

export class TechniqueModel {
  readonly header: ModelHeader;
  readonly si: Float32Array;
  readonly tc: Float32Array;
  private readonly sink: FeatureSink;
  private readonly tcSink: FeatureSink;

  constructor(header: ModelHeader, si: Float32Array, tc: Float32Array) {
    if (si.length !== 1 << header.siBits || tc.length !== (1 << header.tcBits) * C) fail(E.MODEL_LOAD, 'technique model weights do not match their header');
    this.header = header;
    this.si = si;
    this.tc = tc;
    this.sink = new FeatureSink((1 << header.siBits) - 1);
    this.tcSink = new FeatureSink((1 << header.tcBits) - 1);
  }

  static load(path: string | URL): TechniqueModel {
    let buf: Buffer;
    try {
      buf = gunzipSync(readFileSync(path));
    } catch (err) {
      fail(E.MODEL_LOAD, `cannot read technique model ${String(path)}: ${(err as Error).message.split('\n')[0]}`);
    }
    if (buf.subarray(0, 8).toString('latin1') !== MAGIC) fail(E.MODEL_LOAD, `${String(path)} is not a slant technique model`);
    const hlen = buf.readUInt32LE(8);
    const header = JSON.parse(buf.subarray(12, 12 + hlen).toString('utf8')) as ModelHeader;
    let off = 12 + hlen;
    off += (4 - (off % 4)) % 4;
    const siLen = 1 << header.siBits, tcLen = (1 << header.tcBits) * C;
    const ab = buf.buffer.slice(buf.byteOffset + off, buf.byteOffset + off + 4 * (siLen + tcLen));
    if (ab.byteLength !== 4 * (siLen + tcLen)) fail(E.MODEL_LOAD, `${String(path)} is truncated`);
    return new TechniqueModel(header, new Float32Array(ab, 0, siLen), new Float32Array(ab, 4 * siLen, tcLen));
  }

  serialize(): Buffer {
    const head = Buffer.from(JSON.stringify(this.header), 'utf8');
    const pre = 12 + head.length;
    const pad = (4 - (pre % 4)) % 4;
    const out = Buffer.alloc(pre + pad + 4 * (this.si.length + this.tc.length));
    out.write(MAGIC, 0, 'latin1');
    out.writeUInt32LE(head.length, 8);
    head.copy(out, 12);
    Buffer.from(this.si.buffer, this.si.byteOffset, this.si.byteLength).copy(out, pre + pad);
    Buffer.from(this.tc.buffer, this.tc.byteOffset, this.tc.byteLength).copy(out, pre + pad + this.si.byteLength);
    return gzipSync(out, { level: 9 });
  }

  /** Probability that each token lies inside a propaganda span. */
  tokenProbs(p: Prepared): Float32Array {
    const out = new Float32Array(p.tokens.length);
    const f = this.sink;
    const w = this.si;
    const sentZ = new Float64Array(p.sentences.length);
    for (let s = 0; s < p.sentences.length; s++) {
      sentenceFeatures(p, s, f.reset(false));
      let z = 0;
      for (const j of f.idx) z += w[j]!;
      sentZ[s] = z;
    }
    for (let i = 0; i < p.tokens.length; i++) {
      tokenFeatures(p, i, f.reset(false));
      let z = p.sentences.length ? sentZ[p.sentOf[i]!]! : 0;
      for (const j of f.idx) z += w[j]!;
      out[i] = 1 / (1 + Math.exp(-z));
    }
    return out;
  }

  spans(p: Prepared, probs = this.tokenProbs(p), threshold = this.header.threshold, seed = this.header.seedThreshold ?? threshold): SpanGuess[] {
    return decodeSpans(p, probs, threshold, seed);
  }

  /** Technique probabilities for one span (UTF-16 offsets). */
  classify(p: Prepared, start: number, end: number, ctx?: SpanContext): Classified {
    spanFeatures(p, start, end, this.tcSink.reset(false), ctx);
    const probs = softmaxInto(this.tc, this.tcSink.idx, C, new Float64Array(C));
    const ranked = TECHNIQUES.map((technique, i) => ({ technique, p: probs[i]! })).sort((a, b) => b.p - a.p);
    return { ranked, confidence: platt(this.header.calibration.tc, logit(ranked[0]!.p)) };
  }

  /**
   * Techniques for a list of spans of one article (a TC template): each span sees the others (same
   * words marked elsewhere), and an identical span listed again gets the next-best technique.
   */
  classifyAll(p: Prepared, spans: ReadonlyArray<{ start: number; end: number }>): Array<{ technique: Technique; p: number; confidence: number }> {
    const ctx = spanContexts(p, spans);
    const seen = new Map<string, { c: Classified; k: number }>();
    return spans.map((s, i) => {
      const key = `${s.start}:${s.end}`;
      let e = seen.get(key);
      if (!e) seen.set(key, (e = { c: this.classify(p, s.start, s.end, ctx[i]), k: 0 }));
      const r = e.c.ranked[Math.min(e.k++, C - 1)]!;
      return { technique: r.technique, p: r.p, confidence: platt(this.header.calibration.tc, logit(r.p)) };
    });
  }

  /**
   * Spans and techniques together, each with a calibrated confidence and an explanation. Spans with the
   * same features and the same words (a phrase repeated thousands of times) are classified and
   * explained once: identical results, bounded cost on pathological input.
   */
  detect(p: Prepared): Detected[] {
    const probs = this.tokenProbs(p);
    const spans = this.spans(p, probs);
    const ctx = spanContexts(p, spans);
    // keyed by a hash of the features and the words; a hit is checked in full, so results never change
    const seen = new Map<number, Array<{ idx: number[]; words: string; ranked: Classified['ranked']; why: string }>>();
    let cached = 0;
    return spans.map((s, i) => {
      spanFeatures(p, s.start, s.end, this.tcSink.reset(false), ctx[i]);
      const idx = this.tcSink.idx;
      // the explanation names words of the span and the token before it: they are part of the key
      const t0 = lowerBound(p.tokens, s.start);
      const words = p.text.slice(t0 > 0 ? p.tokens[t0 - 1]!.start : s.start, s.end);
      let h = hashStr(words);
      for (const j of idx) h = mix(h, j);
      const bucket = seen.get(h);
      let e = bucket?.find((x) => x.words === words && x.idx.length === idx.length && x.idx.every((v, k) => v === idx[k]));
      if (!e) {
        const probs = softmaxInto(this.tc, idx, C, new Float64Array(C));
        const ranked = TECHNIQUES.map((technique, k) => ({ technique, p: probs[k]! })).sort((a, b) => b.p - a.p);
        e = { idx: [...idx], words, ranked, why: this.why(p, s.start, s.end, ranked[0]!.technique, ctx[i]) };
        if (cached++ < 10_000) bucket ? bucket.push(e) : seen.set(h, [e]);
      }
      const technique = e.ranked[0]!.technique;
      const confidence = platt(this.header.calibration.detect, detectScore(s.score, e.ranked[0]!.p));
      return { ...s, technique, confidence, explanation: sentence(technique, confidence, e.why) };
    });
  }

  /** One sentence naming the features that pushed hardest toward `technique`. */
  explain(p: Prepared, start: number, end: number, technique: Technique, confidence: number, ctx?: SpanContext): string {
    return sentence(technique, confidence, this.why(p, start, end, technique, ctx));
  }

  /** "mostly because of ...": the (at most three) named features that pushed hardest toward `technique`. */
  private why(p: Prepared, start: number, end: number, technique: Technique, ctx?: SpanContext): string {
    const f = this.tcSink.reset(true);
    spanFeatures(p, start, end, f, ctx);
    const c = TECHNIQUES.indexOf(technique);
    const seen = new Set<string>();
    const parts = f.idx
      .map((j, k) => ({ name: f.names![k], w: this.tc[j * C + c]! - meanRow(this.tc, j) }))
      .filter((x): x is { name: string; w: number } => !!x.name && x.w > 0)
      .sort((a, b) => b.w - a.w)
      .filter((x) => (seen.has(x.name) ? false : (seen.add(x.name), true)))
      .slice(0, 3)
      .map((x) => x.name);
    return parts.length ? `mostly because of ${list(parts)}` : 'from the passage as a whole';
  }
}

function sentence(technique: Technique, confidence: number, why: string): string {
  return `The trained model reads this as ${TECHNIQUE_INFO[technique].title.toLowerCase()} (${Math.round(confidence * 100)}% likely right), ${why}.`;
}

function meanRow(w: Float32Array, j: number): number {
  let s = 0;
  for (let c = 0; c < C; c++) s += w[j * C + c]!;
  return s / C;
}

function list(xs: string[]): string {
  return xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** The uncalibrated score of a detected span: span evidence and technique evidence together. */
export function detectScore(spanScore: number, techniqueP: number): number {
  return logit(spanScore) + logit(techniqueP);
}

/** Weak tokens bridged between two strong ones of the same sentence (chosen by cross-validation). */
const MAX_BRIDGE = 12;
/**
 * A token below this probability is not bridged: it ends the span. Splits runs that only touch through
 * plainly neutral words, so each piece gets its own technique (cross-validation: FLC 0.155 → 0.165,
 * SI 0.390 → 0.392; at seed 7 FLC 0.160 → 0.164, SI 0.386 → 0.387).
 */
const BRIDGE_MIN = 0.05;

/**
 * Token probabilities → spans: runs of tokens at or above the threshold within one sentence, joined
 * across gaps of up to MAX_BRIDGE weaker tokens (none below BRIDGE_MIN), trimmed of edge punctuation; a run is kept only when
 * one of its tokens reaches `seed` (hysteresis: a confident core extended by weaker neighbours).
 */
export function decodeSpans(p: Prepared, probs: Float32Array, threshold: number, seed = threshold): SpanGuess[] {
  const out: SpanGuess[] = [];
  for (const c of spanCandidates(p, probs, threshold)) if (c.peak >= seed) out.push({ start: c.start, end: c.end, score: c.score });
  return out;
}

/** Every run at `threshold` with its highest token probability (choosing the seed threshold needs them all). */
export function spanCandidates(p: Prepared, probs: Float32Array, threshold: number): Array<SpanGuess & { peak: number }> {
  const out: Array<SpanGuess & { peak: number }> = [];
  const n = p.tokens.length;
  let i = 0;
  while (i < n) {
    if (probs[i]! < threshold || !p.tokens[i]!.word) { i++; continue; }
    const sent = p.sentOf[i];
    let last = i, sum = probs[i]!, count = 1, peak = probs[i]!;
    let j = i + 1;
    while (j < n && p.sentOf[j] === sent) {
      if (probs[j]! >= threshold) { last = j; sum += probs[j]!; count++; peak = Math.max(peak, probs[j]!); j++; continue; }
      let g = j;
      while (g < n && p.sentOf[g] === sent && probs[g]! < threshold && probs[g]! >= BRIDGE_MIN && g - j < MAX_BRIDGE) g++;
      if (g < n && p.sentOf[g] === sent && probs[g]! >= threshold) {
        for (let q = j; q < g; q++) { sum += probs[q]!; count++; }
        j = g;
        continue;
      }
      break;
    }
    while (last > i && !p.tokens[last]!.word && !/["”’!?)]/.test(p.tokens[last]!.text)) last--;
    const start = p.tokens[i]!.start, end = p.tokens[last]!.end;
    let hasContent = false;
    for (let k = i; k <= last && !hasContent; k++) hasContent = p.tokens[k]!.word && !STOPWORDS.has(p.tokens[k]!.norm);
    if (end - start >= MIN_SPAN_CHARS && hasContent) out.push({ start, end, score: sum / count, peak });
    i = Math.max(j, last + 1);
  }
  return out;
}

