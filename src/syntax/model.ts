/**
 * The syntax model: tagger + parser + labeller + lemmatizer, and its binary file format.
 *
 * File: "SLANTSYN" | u32 version | u32 json length | JSON (tags, labels, lemma tables, tag
 * dictionary, training metadata) | padding to 4 | three sparse models (tagger, parser, labeller),
 * each: u32 rows, u32 entries, keys u32[rows], start u32[rows+1], val i16[entries], cls u8[entries],
 * padding to 4. Little-endian. Loading makes typed-array views on the file bytes (no parsing).
 */
import { readFileSync } from 'node:fs';
import { E, fail } from '../core/errors.js';
import { computeAtoms } from './atoms.js';
import { HashIndex } from './hash.js';
import { Lemmatizer, type LemmaData } from './lemmatizer.js';
import { Parser, uposAtom } from './parser.js';
import { SparseModel } from './perceptron.js';
import { deprojectivize } from './projective.js';
import { Tagger, ambiguity } from './tagger.js';

const MAGIC = 'SLANTSYN';
const VERSION = 5;
/**
 * Temperature of the log-softmax that turns a greedily trained parser's move scores into the
 * scores a beam adds up (in the quantised weight units: the largest weight is 32000). Chosen on
 * the held-out slice of train (docs/results-parser.md): 16000–24000 all did about as well.
 */
export const BEAM_TEMPERATURE = 20000;

/** Sentences are parsed in pieces of at most this many words. */
export const MAX_PARSE_WORDS = 200;

export interface ModelParts {
  tags: string[];
  labels: string[];
  lemma: LemmaData;
  dict: Array<[number, number]>;
  amb: Array<[number, number]>;
  /** Word clusters: [lower atom, fine | coarse << 16] (absent in models trained without them). */
  clusters?: Array<[number, number]>;
  meta: Record<string, unknown>;
  tagger: SparseModel;
  parser: SparseModel;
  labeler: SparseModel;
}

export interface Analysis {
  upos: string[];
  xpos: string[];
  lemma: string[];
  /** 1-based heads, 0 = root. */
  head: number[];
  deprel: string[];
}

export class SyntaxModel {
  readonly tagger: Tagger;
  readonly parser: Parser;
  readonly lemmatizer: Lemmatizer;
  private readonly upos: string[];
  private readonly xpos: string[];
  private readonly uposAtom: Uint32Array;
  /** Beam width of the parser (1 = greedy, the fastest; see beam.ts and docs/results-parser.md). */
  beam = 1;

  constructor(readonly parts: ModelParts) {
    const dict = new HashIndex(parts.dict.length);
    for (const [h, t] of parts.dict) dict.set(h, t);
    const amb = new HashIndex(parts.amb.length);
    for (const [h, a] of parts.amb) amb.set(h, a);
    let clusters: HashIndex | undefined;
    if (parts.clusters?.length) {
      clusters = new HashIndex(parts.clusters.length);
      for (const [h, c] of parts.clusters) clusters.set(h, c);
    }
    this.tagger = new Tagger({ tags: parts.tags, model: parts.tagger, dict, amb, clusters });
    this.parser = new Parser(parts.parser, parts.labeler);
    // a greedily trained parser's scores are made comparable across states for the beam
    const opts = parts.meta.options as { beamEpochs?: number } | undefined;
    this.parser.beamTemperature = (opts?.beamEpochs ?? 0) > 0 ? 0 : BEAM_TEMPERATURE;
    this.lemmatizer = new Lemmatizer(parts.lemma);
    this.upos = parts.tags.map((t) => t.split('|')[0]!);
    this.uposAtom = Uint32Array.from(this.upos, (u) => uposAtom(u));
    this.xpos = parts.tags.map((t) => t.split('|')[1] ?? '_');
  }

  /** Tag, lemmatise and parse one sentence of words. */
  analyze(forms: readonly string[], given?: { tags?: Int32Array }): Analysis {
    const n = forms.length;
    const atoms = computeAtoms(forms, this.tagger.data.clusters);
    const amb = ambiguity(atoms, this.tagger.data.amb);
    const tags = given?.tags ?? this.tagger.tag(atoms, amb);
    const upos = Array.from(tags, (t) => this.upos[t]!);
    const xpos = Array.from(tags, (t) => this.xpos[t]!);
    const lemma = forms.map((f, i) => this.lemmatizer.lemma(f, upos[i]!));
    const heads = new Int32Array(n);
    const raw: string[] = new Array(n);
    const names = this.parts.labels;
    let firstRoot = 0;
    const up = new Uint32Array(n);
    for (let i = 0; i < n; i++) up[i] = this.uposAtom[tags[i]!]!;
    for (let s = 0; s < n; s += MAX_PARSE_WORDS) {
      const e = Math.min(n, s + MAX_PARSE_WORDS);
      const words = { lower: atoms.lower.subarray(s, e), form: atoms.form.subarray(s, e), suf3: atoms.suf3.subarray(s, e), cl: atoms.cl.subarray(s, e), cc: atoms.cc.subarray(s, e), up: up.subarray(s, e) };
      const piece = this.parser.parse(words, tags.subarray(s, e), e - s, this.beam);
      for (let i = 0; i < e - s; i++) {
        const h = piece.heads[i]!;
        raw[s + i] = names[piece.labels[i]!] ?? 'root';
        if (h === 0 && firstRoot) {
          heads[s + i] = firstRoot; // later pieces of an over-long sentence hang off the first root
          raw[s + i] = 'parataxis';
        } else heads[s + i] = h === 0 ? 0 : h + s;
        if (h === 0 && !firstRoot) firstRoot = s + i + 1;
      }
    }
    const deprel = deprojectivize(heads, raw);
    for (let i = 0; i < n; i++) if (heads[i] === 0) deprel[i] = 'root';
    else if (deprel[i] === 'root') deprel[i] = 'dep';
    return { upos, xpos, lemma, head: Array.from(heads), deprel };
  }
}

function align(n: number): number {
  return (n + 3) & ~3;
}

export function saveModel(p: ModelParts): Buffer {
  const json = Buffer.from(JSON.stringify({ tags: p.tags, labels: p.labels, lemma: p.lemma, dict: p.dict, amb: p.amb, clusters: p.clusters, meta: p.meta }), 'utf8');
  const models = [p.tagger, p.parser, p.labeler];
  let size = align(16 + json.length);
  for (const m of models) size += 8 + 4 * m.keys.length + 4 * (m.keys.length + 1) + align(3 * m.entries);
  const buf = Buffer.alloc(size);
  buf.write(MAGIC, 0, 'latin1');
  buf.writeUInt32LE(VERSION, 8);
  buf.writeUInt32LE(json.length, 12);
  json.copy(buf, 16);
  let o = align(16 + json.length);
  for (const m of models) {
    buf.writeUInt32LE(m.keys.length, o);
    buf.writeUInt32LE(m.entries, o + 4);
    o += 8;
    for (const arr of [m.keys, m.start, m.val, m.cls]) {
      Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength).copy(buf, o);
      o += arr.byteLength;
    }
    o = align(o);
  }
  return buf;
}

export function loadModelBytes(bytes: Uint8Array, name = 'model'): SyntaxModel {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 16 || buf.toString('latin1', 0, 8) !== MAGIC) fail(E.MODEL_LOAD, `${name} is not a slant syntax model`);
  if (buf.readUInt32LE(8) !== VERSION) fail(E.MODEL_LOAD, `${name} has model format version ${buf.readUInt32LE(8)}, expected ${VERSION}`);
  const jsonLen = buf.readUInt32LE(12);
  const head = JSON.parse(buf.toString('utf8', 16, 16 + jsonLen)) as Omit<ModelParts, 'tagger' | 'parser' | 'labeler'>;
  // copy once into an aligned buffer so typed-array views are legal
  const ab = new ArrayBuffer(buf.length);
  new Uint8Array(ab).set(buf);
  let o = align(16 + jsonLen);
  const dv = new DataView(ab);
  const read = (classes: number): SparseModel => {
    if (o + 8 > ab.byteLength) fail(E.MODEL_LOAD, `${name} is truncated`);
    const rows = dv.getUint32(o, true);
    const entries = dv.getUint32(o + 4, true);
    o += 8;
    if (o + 8 * rows + 4 + 3 * entries > ab.byteLength) fail(E.MODEL_LOAD, `${name} is truncated`);
    const keys = new Uint32Array(ab, o, rows);
    o += 4 * rows;
    const start = new Uint32Array(ab, o, rows + 1);
    o += 4 * (rows + 1);
    const val = new Int16Array(ab, o, entries);
    o += 2 * entries;
    const cls = new Uint8Array(ab, o, entries);
    o = align(o + entries);
    return new SparseModel(classes, keys, start, cls, val);
  };
  const tagger = read(head.tags.length);
  const parser = read(3);
  const labeler = read(head.labels.length);
  return new SyntaxModel({ ...head, tagger, parser, labeler });
}

export const DEFAULT_MODEL_URL = new URL('./data/en_ewt.model', import.meta.url);

let cached: SyntaxModel | undefined;

/** The shipped English model, loaded once. */
export function defaultModel(): SyntaxModel {
  if (!cached) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(DEFAULT_MODEL_URL);
    } catch {
      fail(E.MODEL_LOAD, `syntax model not found at ${DEFAULT_MODEL_URL.pathname} (run "slant train parser")`);
    }
    cached = loadModelBytes(bytes, 'syntax model');
  }
  return cached;
}

export function loadModelFile(path: string): SyntaxModel {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    fail(E.FILE_NOT_FOUND, `cannot read model file ${path}`);
  }
  return loadModelBytes(bytes, path);
}
