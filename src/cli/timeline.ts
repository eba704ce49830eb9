/** `slant timeline`: counts over time by outlet, technique, actor, event pair or narrative; or the actor graph per window. */
import { E, fail } from '../core/errors.js';
import { openCorpus, type SearchQuery } from '../corpus/index.js';
import { INTERVALS, TIMELINE_BY, timelineCsv, timelineText, type Interval, type TimelineBy } from '../corpus/timeline.js';
import { args, out, type Command } from './command.js';

const FORMATS = ['text', 'csv', 'json'] as const;

export const timelineCommand: Command = {
  name: 'timeline',
  summary: 'Counts per day/week/month by outlet, technique, actor, event pair or narrative, with the documents behind each point',
  usage: `Usage: slant timeline --by outlet|technique|actor|pair|narrative|graph [--interval day|week|month]
                      [--outlet NAME] [--actor CODE | --actor A-B] [--technique LABEL]
                      [--from DATE] [--to DATE] [-q QUERY] [--series N] [--format text|csv|json] [--db PATH]

  --by outlet      documents per period, one series per outlet
  --by technique   technique spans per 1,000 words of the period, one series per technique
  --by actor       share of actor mentions, one series per actor; with --actor CODE, that actor's
                   share in each outlet's coverage (one series per outlet)
  --by pair        coded events per actor pair with the mean Goldstein score (−10 conflict …
                   +10 cooperation); --actor CODE keeps pairs with that actor; --actor CHN-RUS
                   follows that pair, one series per outlet
  --by narrative   documents per narrative (when the narratives analysis stored them)
  --by graph       the merged signed actor graph of each period (JSON: every graph; text: a summary)
  --outlet NAME    only documents of this outlet (publisher or credited source)
  --from/--to      publication date bounds (YYYY-MM-DD); -q full-text search
  --series N       most series shown (default 12, largest first)
  --format F       text (a table; default), csv (one row per point, with document ids) or json
  --db PATH        corpus folder, .db file or postgres:// URL (default: the slant serve data folder)

Documents without a publication date are left out and counted.`,
  async run(argv) {
    const { values, positionals } = args(argv, {
      by: { type: 'string' },
      interval: { type: 'string', default: 'month' },
      outlet: { type: 'string' },
      actor: { type: 'string' },
      technique: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      q: { type: 'string', short: 'q' },
      series: { type: 'string', default: '12' },
      cumulative: { type: 'boolean', default: false },
      format: { type: 'string', short: 'f', default: 'text' },
      db: { type: 'string' },
    });
    if (positionals.length) fail(E.BAD_ARGUMENT, `unexpected argument "${positionals[0]}" (see slant timeline --help)`);
    const by = values.by;
    if (!by || (by !== 'graph' && !(TIMELINE_BY as readonly string[]).includes(by))) fail(E.BAD_ARGUMENT, `--by must be one of ${[...TIMELINE_BY, 'graph'].join(', ')}${by ? `, not "${by}"` : ''}`);
    if (!(INTERVALS as readonly string[]).includes(values.interval!)) fail(E.BAD_ARGUMENT, `--interval must be day, week or month, not "${values.interval}"`);
    if (!(FORMATS as readonly string[]).includes(values.format!)) fail(E.BAD_ARGUMENT, `--format must be text, csv or json, not "${values.format}"`);
    const series = Number(values.series);
    if (!Number.isInteger(series) || series < 1 || series > 1000) fail(E.BAD_ARGUMENT, `--series must be a whole number from 1 to 1000, not "${values.series}"`);
    for (const k of ['from', 'to'] as const) if (values[k] && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(values[k]!)) fail(E.BAD_ARGUMENT, `--${k} must be a date YYYY-MM-DD, not "${values[k]}"`);
    if (values.actor && !/^[A-Za-z]{2,12}(-[A-Za-z]{2,12})?$/.test(values.actor)) fail(E.BAD_ARGUMENT, `--actor must be an actor code (RUS) or a pair (CHN-RUS), not "${values.actor}"`);
    const interval = values.interval as Interval;
    const query: SearchQuery = { q: values.q, from: values.from, to: values.to, sort: 'date', order: 'asc' };

    const corpus = await openCorpus(values.db);
    try {
      if (by === 'graph') {
        if (values.outlet) query.outlet = values.outlet;
        const g = await corpus.graphOverTime(query, { interval, cumulative: values.cumulative });
        if (values.format === 'json') {
          await out(JSON.stringify(g, null, 2) + '\n');
          return 0;
        }
        const rows = [['period', 'from', 'to', 'documents', 'actors', 'relations', 'positive', 'negative', 'balanced_triads', 'triads']];
        for (const s of g.slices) {
          const e = s.graph.edges;
          rows.push([s.period, s.from, s.to, String(s.documents), String(s.graph.nodes.length), String(e.length), String(e.filter((x) => x.sign > 0).length), String(e.filter((x) => x.sign < 0).length), String(s.graph.balance.balanced), String(s.graph.balance.triads)]);
        }
        if (values.format === 'csv') await out(rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
        else await out(rows.map((r) => r.map((c, i) => (i < 3 ? c.padEnd(11) : c.padStart(9))).join(' ')).join('\n') + `\n${g.undated ? `(${g.undated} undated documents left out)\n` : ''}`);
        return 0;
      }
      const t = await corpus.timeline({ by: by as TimelineBy, interval, outlet: values.outlet, actor: values.actor, technique: values.technique, maxSeries: series }, query);
      if (values.format === 'json') await out(JSON.stringify(t, null, 2) + '\n');
      else if (values.format === 'csv') await out(timelineCsv(t));
      else await out(timelineText(t));
      return 0;
    } finally {
      await corpus.close();
    }
  },
};
