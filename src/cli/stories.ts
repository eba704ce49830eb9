/** `slant stories`: groups of documents about the same story (different text, same event). */
import { E, fail } from '../core/errors.js';
import { openCorpus, type SearchQuery, type StoryGroup } from '../corpus/index.js';
import { args, out, type Command } from './command.js';

export const storiesCommand: Command = {
  name: 'stories',
  summary: 'Groups of documents about the same story (shared words, names, actors, events, dates)',
  usage: `Usage: slant stories [--threshold 0.6] [-q QUERY] [--outlet NAME] [--from DATE] [--to DATE]
                     [--format text|json|jsonl] [--db PATH]

Documents whose story similarity (0 different … 1 the same story; the model of
slant eval similarity) reaches the threshold are linked, and linked documents form a group.
  --threshold T   link pairs scoring at least T (default 0.6 ≈ "mostly the same story")
  --format F      text (default), json, or jsonl (one group per line)`,
  async run(argv) {
    const { values, positionals } = args(argv, {
      threshold: { type: 'string', default: '0.6' },
      q: { type: 'string', short: 'q' },
      outlet: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', short: 'f', default: 'text' },
      db: { type: 'string' },
    });
    if (positionals.length) fail(E.BAD_ARGUMENT, `unexpected argument "${positionals[0]}" (see slant stories --help)`);
    const threshold = Number(values.threshold);
    if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 1) fail(E.BAD_ARGUMENT, `--threshold must be a number in (0, 1], not "${values.threshold}"`);
    if (!['text', 'json', 'jsonl'].includes(values.format!)) fail(E.BAD_ARGUMENT, `--format must be text, json or jsonl, not "${values.format}"`);
    const query: SearchQuery = { q: values.q, outlet: values.outlet, from: values.from, to: values.to, sort: 'date', order: 'asc' };
    const corpus = await openCorpus(values.db);
    try {
      const groups = await corpus.stories(query, { threshold });
      if (values.format === 'json') await out(JSON.stringify(groups, null, 2) + '\n');
      else if (values.format === 'jsonl') await out(groups.map((g) => JSON.stringify(g) + '\n').join(''));
      else await out(groupsText(groups));
      return 0;
    } finally {
      await corpus.close();
    }
  },
};

function groupsText(groups: StoryGroup[]): string {
  if (!groups.length) return 'no story groups found\n';
  return groups
    .map((g) => {
      const head = `${g.members.length} documents (best link ${g.best.toFixed(2)}, mean ${g.mean.toFixed(2)})${g.keywords.length ? `: ${g.keywords.join(', ')}` : ''}`;
      const rows = g.members.map((m) => `  ${m.id}  ${m.date?.slice(0, 10) ?? 'undated   '}  ${(m.outlet ?? '(unknown outlet)').slice(0, 30).padEnd(30)}  ${m.title ?? ''}`);
      return [head, ...rows].join('\n');
    })
    .join('\n\n') + '\n';
}
