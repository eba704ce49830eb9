/** `slant train parser`: train the tagger, parser, labeller and lemmatizer from CoNLL-U. */
import { readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { args, out, type Command } from './command.js';
import { E, fail } from '../core/errors.js';
import { readConllu } from '../syntax/conllu.js';
import { saveModel, type ModelParts } from '../syntax/model.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_TRAIN, trainModel } from '../syntax/train.js';
import { parseClusterTable } from '../syntax/clusters.js';

/** The shipped cluster table (slant train clusters; see src/syntax/data/SOURCES.md). */
const DEFAULT_CLUSTERS = new URL('../syntax/data/clusters.tsv', import.meta.url);
import { readTextFile } from './parse.js';

function int(v: string | undefined, name: string, dflt: number, min: number, max: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) fail(E.BAD_ARGUMENT, `--${name} must be an integer from ${min} to ${max}, not "${v}"`);
  return n;
}

export const trainParserCommand: Command = {
  name: 'train parser',
  summary: 'Train the tagger and dependency parser on a UD treebank (seeded, reproducible)',
  usage: `Usage: slant train parser --data <dir | train.conllu> --out <model> [options]

  --data D          a folder holding *-train.conllu (e.g. the UD English EWT), or one .conllu file
  --out F           where to write the model (src/syntax/data/en_ewt.model is the shipped one)
  --seed N          PRNG seed (default ${DEFAULT_TRAIN.seed})
  --tag-epochs N    tagger epochs (default ${DEFAULT_TRAIN.tagEpochs})
  --parse-epochs N  parser epochs (default ${DEFAULT_TRAIN.parseEpochs})
  --beam W          after the greedy epochs, train globally with a beam of W (Huang et al. 2012
                    max-violation updates; default 0 = greedy training only)
  --beam-epochs N   epochs of beam training (default 0)
  --snapshots       also write the model after each beam epoch (<out>.beam<N>), to choose the
                    number of epochs on the held-out scores
  --tags-cache F    keep the jackknifed training tags in F and reuse them when the data and the
                    tagger options are the same (saves most of the time of a second run)
  --folds N         jackknife folds for the parser's training tags (default ${DEFAULT_TRAIN.folds}; 1 = gold tags)
  --heldout K       hold out every K-th sentence and report its scores after each epoch, for
                    choosing epochs without touching dev (default ${DEFAULT_TRAIN.heldoutEvery}; 0 = train on everything)
  --prune-tagger Q  drop tagger weights below Q/32000 of the largest (default ${DEFAULT_TRAIN.pruneTagger})
  --prune-parser Q  the same for the parser and relation weights (default ${DEFAULT_TRAIN.pruneParser})
  --clusters F      word cluster table from "slant train clusters" (default: the shipped
                    src/syntax/data/clusters.tsv; "none" = no cluster features)

The same data and options give the same model bytes.`,
  async run(argv) {
    const { values } = args(argv, {
      data: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      'tag-epochs': { type: 'string' },
      'parse-epochs': { type: 'string' },
      folds: { type: 'string' },
      beam: { type: 'string' },
      'beam-epochs': { type: 'string' },
      snapshots: { type: 'boolean', default: false },
      'tags-cache': { type: 'string' },
      heldout: { type: 'string' },
      'prune-tagger': { type: 'string' },
      'prune-parser': { type: 'string' },
      clusters: { type: 'string' },
    });
    if (!values.data) fail(E.BAD_ARGUMENT, '--data <dir | file.conllu> is required');
    if (!values.out) fail(E.BAD_ARGUMENT, '--out <model file> is required');
    let file = values.data;
    try {
      if ((await stat(file)).isDirectory()) {
        const names = (await readdir(file)).filter((n) => n.endsWith('-train.conllu')).sort();
        if (!names.length) fail(E.FILE_NOT_FOUND, `no *-train.conllu in ${file}`);
        file = join(file, names[0]!);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') fail(E.FILE_NOT_FOUND, `no such file or folder: ${file}`);
      throw err;
    }
    const sents = readConllu(await readTextFile(file, 'training file'), file);
    if (sents.length < 2) fail(E.BAD_DATA_FILE, `${file} holds too few sentences to train on`);
    const opts = {
      seed: int(values.seed, 'seed', DEFAULT_TRAIN.seed, 0, 2 ** 31),
      tagEpochs: int(values['tag-epochs'], 'tag-epochs', DEFAULT_TRAIN.tagEpochs, 1, 100),
      parseEpochs: int(values['parse-epochs'], 'parse-epochs', DEFAULT_TRAIN.parseEpochs, 0, 100),
      beam: int(values.beam, 'beam', 0, 0, 32),
      beamEpochs: int(values['beam-epochs'], 'beam-epochs', 0, 0, 100),
      folds: int(values.folds, 'folds', DEFAULT_TRAIN.folds, 1, 20),
      heldoutEvery: int(values.heldout, 'heldout', DEFAULT_TRAIN.heldoutEvery, 0, 1000),
      pruneTagger: int(values['prune-tagger'], 'prune-tagger', DEFAULT_TRAIN.pruneTagger, 1, 32000),
      pruneParser: int(values['prune-parser'], 'prune-parser', DEFAULT_TRAIN.pruneParser, 1, 32000),
    };
    const clusterFile = values.clusters ?? DEFAULT_CLUSTERS.pathname;
    const clusters = clusterFile === 'none' ? [] : parseClusterTable(await readTextFile(clusterFile, 'cluster table'));
    if (clusterFile !== 'none' && !clusters.length) fail(E.BAD_DATA_FILE, `${clusterFile} holds no cluster rows (word<TAB>fine<TAB>coarse)`);
    const t0 = performance.now();
    const cacheFile = values['tags-cache'];
    const tagCache = cacheFile
      ? {
          load(key: string): string[][] | undefined {
            try {
              const c = JSON.parse(readFileSync(cacheFile, 'utf8')) as { key?: string; tags?: string[][] };
              return c.key === key ? c.tags : undefined;
            } catch {
              return undefined;
            }
          },
          save(key: string, tags: string[][]): void {
            writeFileSync(cacheFile, JSON.stringify({ key, tags }));
          },
        }
      : undefined;
    const snapshot = values.snapshots ? (epoch: number, p: ModelParts) => writeFileSync(`${values.out}.beam${epoch}`, saveModel(p)) : undefined;
    const parts = trainModel(sents, { ...opts, clusters, ...(tagCache ? { tagCache } : {}), ...(snapshot ? { snapshot } : {}), log: (m) => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0)}s] ${m}\n`) });
    const bytes = saveModel(parts);
    // write beside the target and rename, so a failed run leaves no partial model
    const tmp = `${values.out}.tmp-${process.pid}`;
    await writeFile(tmp, bytes);
    await rename(tmp, values.out);
    await out(`wrote ${values.out} (${(bytes.length / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    return 0;
  },
};
