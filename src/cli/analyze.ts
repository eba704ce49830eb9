import { readFile } from 'node:fs/promises';
import { analyze } from '../analyze.js';
import { args, out, type Command } from './command.js';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'Analyse one article: actors, relations, techniques, metadata',
  usage: `Usage: slant analyze <file|url|-> [--format text|json|html] [--out FILE]

  <file>          a .txt, .html or .json ({text,title,date,url,source}) file
  <url>           an http(s) address to fetch and extract
  -               read standard input
  --format, -f    text (default: a terminal report), json, html (a standalone page)
  --out, -o       write to FILE instead of standard output (written only on success)`,
  async run(argv) {
    const { values, positionals } = args(argv, {
      format: { type: 'string', short: 'f', default: 'text' },
      out: { type: 'string', short: 'o' },
    });
    const text = await readFile(positionals[0]!, 'utf8');
    const result = await analyze(text);
    await out(JSON.stringify(result, null, 2) + '\n');
    void values;
    return 0;
  },
};
