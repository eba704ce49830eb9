/** `slant claims import|match`: a catalogue of known claims (EUvsDisinfo-style CSV) matched to sentences. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { args, out, type Command } from './command.js';
import { E, fail } from '../core/errors.js';
import { defaultDataDir } from '../corpus/location.js';
import { claimEntries, claimsFromCsv, Retriever, type Claim } from '../narratives/catalog.js';
import { matchLines, minScore, readInputs } from './narratives.js';

const MAX_CSV_BYTES = 200_000_000;

function catalogPath(given: string | undefined): string {
  return given ?? join(defaultDataDir(), 'claims.json');
}

interface ClaimsFile {
  format: 'slant-claims';
  version: 1;
  source: string;
  claims: Claim[];
}

function loadClaims(path: string): ClaimsFile {
  if (!existsSync(path)) fail(E.FILE_NOT_FOUND, `no claims catalogue at ${path} (run: slant claims import <file.csv>)`);
  let f: ClaimsFile;
  try {
    f = JSON.parse(readFileSync(path, 'utf8')) as ClaimsFile;
  } catch (err) {
    fail(E.BAD_JSON, `${path}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (f?.format !== 'slant-claims' || !Array.isArray(f.claims)) fail(E.BAD_DATA_FILE, `${path} is not a slant claims catalogue`);
  return f;
}

export const claimsImportCommand: Command = {
  name: 'claims import',
  summary: 'Import known claims from a CSV (id, claim, date, outlets, keywords — EUvsDisinfo case-list shape)',
  usage: `Usage: slant claims import <file.csv> [--catalog <claims.json>] [--append]

Columns, by header name (case-insensitive): id, claim (else title and summary joined), date,
outlets (or outlet), keywords; lists separated by + , ; or |. Writes the catalogue to --catalog
(default: $SLANT_DATA_DIR or ~/.local/share/slant, file claims.json), replacing it unless --append.`,
  async run(argv) {
    const { values, positionals } = args(argv, { catalog: { type: 'string' }, append: { type: 'boolean' } });
    const csv = positionals[0];
    if (!csv) fail(E.BAD_ARGUMENT, 'missing <file.csv> (see --help)');
    if (!existsSync(csv)) fail(E.FILE_NOT_FOUND, `no such file: ${csv}`);
    const text = readFileSync(csv);
    if (text.length > MAX_CSV_BYTES) fail(E.INPUT_TOO_LARGE, `${csv} is larger than ${MAX_CSV_BYTES} bytes`);
    const claims = claimsFromCsv(text.toString('utf8'), csv);
    const path = catalogPath(values.catalog);
    const before = values.append && existsSync(path) ? loadClaims(path).claims : [];
    const ids = new Set(before.map((c) => c.id));
    const merged = [...before, ...claims.filter((c) => !ids.has(c.id))];
    mkdirSync(dirname(path), { recursive: true });
    const f: ClaimsFile = { format: 'slant-claims', version: 1, source: csv, claims: merged };
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(f));
    renameSync(tmp, path);
    await out(`imported ${claims.length} claims into ${path} (${merged.length} in the catalogue)\n`);
    return 0;
  },
};

export const claimsMatchCommand: Command = {
  name: 'claims match',
  summary: 'Find sentences that repeat known claims from the imported catalogue',
  usage: `Usage: slant claims match <file|dir> [--catalog <claims.json>] [--min-score X]

Scores every sentence against every claim (BM25 over the claims and their keywords, normalised to
0..1 by the claim's score against itself) and prints, per text and claim above --min-score
(default 0.4): file<TAB>claim id<TAB>score<TAB>start<TAB>end<TAB>sentence<TAB>claim (code points),
best first.`,
  async run(argv) {
    const { values, positionals } = args(argv, { catalog: { type: 'string' }, 'min-score': { type: 'string' } });
    const target = positionals[0];
    if (!target) fail(E.BAD_ARGUMENT, 'missing <file|dir> (see --help)');
    const claims = loadClaims(catalogPath(values.catalog)).claims;
    const inputs = readInputs(target);
    const retriever = new Retriever(claimEntries(claims));
    const min = minScore(values['min-score'], 0.4);
    const lines: string[] = [];
    for (const a of inputs) lines.push(...matchLines(a, retriever, min));
    await out(lines.join('\n') + (lines.length ? '\n' : ''));
    return 0;
  },
};

export const claimsCommands: Command[] = [claimsImportCommand, claimsMatchCommand];
