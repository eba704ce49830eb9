/** `slant stories`: groups of documents about the same story (different text, same event). */
import { E, fail } from '../core/errors.js';
import { openCorpus, type SearchQuery, type StoryGroup } from '../corpus/index.js';
import { args, out, type Command } from './command.js';

export const storiesCommand: Command = {
  name: 'stories',
  summary: 'Groups of documents about the same story (shared words, names, actors, events, dates)',
  usage: `Usage: slant stories [--threshold 0.6] [-q QUERY] [--outlet NAME] [--from DATE] [--to DATE]
                     [--format text|json|jsonl] [--db PATH]
       slant stories --like DOC-ID [--top 10] [--format text|json] [--db PATH]

Documents whose story similarity (0 different … 1 the same story; the model of
slant eval similarity) reaches the threshold are linked, and linked documents form a group.
  --threshold T   link pairs scoring at least T (default 0.6 ≈ "mostly the same story")
  --days N        never group documents published more than N days apart (default 7)
  --like ID       the documents most similar in story to this one, with the measures behind
                  each score (shared words, names, headline, actors, events, dates)
  --top N         with --like: how many (default 10)
  --format F      text (default), json, or jsonl (one group per line)`,
  async run(argv) {
    const { values, positionals } = args(argv, {
      threshold: { type: 'string', default: '0.6' },
      days: { type: 'string', default: '7' },
      like: { type: 'string' },
      top: { type: 'string', default: '10' },
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
    const days = Number(values.days);
    const top = Number(values.top);
    if (!Number.isFinite(days) || days < 0) fail(E.BAD_ARGUMENT, `--days must be a number of days ≥ 0, not "${values.days}"`);
    if (!Number.isInteger(top) || top < 1 || top > 1000) fail(E.BAD_ARGUMENT, `--top must be a whole number from 1 to 1000, not "${values.top}"`);
    const query: SearchQuery = { q: values.q, outlet: values.outlet, from: values.from, to: values.to, sort: 'date', order: 'asc' };
    const corpus = await openCorpus(values.db);
    try {
      if (values.like) {
        const list = await corpus.similar(values.like, { top, maxDays: days }, query);
        if (values.format !== 'text') await out(JSON.stringify(list, null, values.format === 'json' ? 2 : undefined) + '\n');
        else if (!list.length) await out(`no dated document within ${days} days of ${values.like}\n`);
        else
          await out(
            list
              .map((d) => {
                const m = d.measures;
                return `${d.score.toFixed(2)}  ${d.id}  ${d.date?.slice(0, 10) ?? 'undated   '}  ${(d.outlet ?? '(unknown outlet)').slice(0, 30).padEnd(30)}  ${d.title ?? ''}\n      words ${m.words.toFixed(2)}, names ${m.names.toFixed(2)}, headline ${m.head.toFixed(2)}, actors ${m.actors.toFixed(2)}, events ${m.dyads.toFixed(2)}, dates ${m.dates.toFixed(2)}`;
              })
              .join('\n') + '\n',
          );
        return 0;
      }
      const groups = await corpus.stories(query, { threshold, maxDays: days });
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
