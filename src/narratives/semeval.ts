/**
 * Reading SemEval-2025 Task 10 data: articles (`<id>.txt`, first line the title), subtask-2 labels
 * (`file<TAB>narratives<TAB>subnarratives`) and subtask-1 entity mentions (`file<TAB>entity<TAB>
 * start<TAB>end[<TAB>main<TAB>fine...]`, code-point offsets, end inclusive).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { E, fail } from '../core/errors.js';

export interface ArticleFile {
  /** File name, as the task's files name it ("EN_UA_021270.txt"). */
  file: string;
  text: string;
}

const MAX_FILES = 100_000;
const MAX_FILE_BYTES = 5_000_000;

/** Every *.txt of a folder, sorted by name. */
export function readArticleDir(dir: string): ArticleFile[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(E.FILE_NOT_FOUND, `no such folder: ${dir}`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) fail(E.BAD_DATA_FILE, `no .txt articles in ${dir}`);
  if (files.length > MAX_FILES) fail(E.BAD_DATA_FILE, `${files.length} files in ${dir}; the limit is ${MAX_FILES}`);
  return files.map((file) => {
    const path = join(dir, file);
    if (statSync(path).size > MAX_FILE_BYTES) fail(E.INPUT_TOO_LARGE, `${path} is larger than ${MAX_FILE_BYTES} bytes`);
    return { file, text: readFileSync(path, 'utf8') };
  });
}

export interface NarrativeLabels {
  narratives: string[];
  subnarratives: string[];
}

function lines(path: string): string[] {
  if (!existsSync(path)) fail(E.FILE_NOT_FOUND, `no such file: ${path}`);
  return readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
}

const uniq = (xs: string[]): string[] => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

export function readNarrativeLabels(path: string): Map<string, NarrativeLabels> {
  const out = new Map<string, NarrativeLabels>();
  lines(path).forEach((l, i) => {
    const p = l.split('\t');
    if (p.length < 3) fail(E.BAD_LABEL_LINE, `${path}:${i + 1}: expected file<TAB>narratives<TAB>subnarratives`);
    out.set(p[0]!, { narratives: uniq(p[1]!.split(';')), subnarratives: uniq(p[2]!.split(';')) });
  });
  return out;
}

export interface Mention {
  file: string;
  entity: string;
  /** Code points, end inclusive (the task's convention). */
  start: number;
  end: number;
  main?: string;
  fine?: string[];
}

export function readMentions(path: string): Mention[] {
  return lines(path).map((l, i) => {
    const p = l.split('\t');
    const start = Number(p[2]);
    const end = Number(p[3]);
    if (p.length < 4 || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
      fail(E.BAD_LABEL_LINE, `${path}:${i + 1}: expected file<TAB>entity<TAB>start<TAB>end (integers, end inclusive)`);
    }
    const m: Mention = { file: p[0]!, entity: p[1]!, start, end };
    if (p.length >= 5) {
      m.main = p[4]!;
      m.fine = p.slice(5).filter(Boolean);
    }
    return m;
  });
}

/** The data folder of the task: articles/ and the annotation files. */
export function dataPaths(dir: string): { articles: string; narratives: string; roles: string } {
  return {
    articles: join(dir, 'articles'),
    narratives: join(dir, 'subtask-2-annotations.txt'),
    roles: join(dir, 'subtask-1-annotations.txt'),
  };
}
