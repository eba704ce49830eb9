/** `slant outlet <name>`: one outlet against the rest of the corpus. */
import { E, fail } from '../core/errors.js';
import { openCorpus } from '../corpus/index.js';
import { outletText } from '../corpus/outlet.js';
import { args, out, type Command } from './command.js';

export const outletCommand: Command = {
  name: 'outlet',
  summary: 'One outlet against the rest of the corpus: over-used techniques and words, actors and portrayals, graph, copies',
  usage: `Usage: slant outlet <name> [--top N] [--prior N] [--format text|json] [--db PATH]

  <name>          the outlet: its name, a known alias or code (outlets.json), or the site host
  --top N         rows per list (default 20)
  --prior N       size α0 of the informative Dirichlet prior of the log-odds (default 1000)
  --format F      text (default) or json
  --db PATH       corpus folder, .db file or postgres:// URL (default: the slant serve data folder)

Techniques and words the outlet over-uses against the rest of the corpus are ranked by the
z-score of the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
Quinn 2008, "Fightin' Words"); |z| > 1.96 is the usual 5 % line. Techniques are counted per word
(spans per 1,000 words). Actors: share of the outlet's actor mentions against the rest's, the roles
its documents give them and the techniques in sentences that name them. Copies: from the corpus's
republished-copy families (slant copies).`,
  async run(argv) {
    const { values, positionals } = args(argv, {
      top: { type: 'string', default: '20' },
      prior: { type: 'string', default: '1000' },
      format: { type: 'string', short: 'f', default: 'text' },
      db: { type: 'string' },
    });
    const name = positionals.join(' ').trim();
    if (!name) fail(E.BAD_ARGUMENT, 'give an outlet name (see slant outlet --help)');
    const top = Number(values.top);
    const prior = Number(values.prior);
    if (!Number.isInteger(top) || top < 1 || top > 1000) fail(E.BAD_ARGUMENT, `--top must be a whole number from 1 to 1000, not "${values.top}"`);
    if (!Number.isFinite(prior) || prior <= 0) fail(E.BAD_ARGUMENT, `--prior must be a positive number, not "${values.prior}"`);
    if (values.format !== 'text' && values.format !== 'json') fail(E.BAD_ARGUMENT, `--format must be text or json, not "${values.format}"`);
    const corpus = await openCorpus(values.db);
    try {
      const p = await corpus.outlet(name, { top, priorSize: prior });
      if (!p.documents) fail(E.NOT_FOUND, `no document of outlet "${name}" in the corpus (see the outlets in slant timeline --by outlet)`);
      await out(values.format === 'json' ? JSON.stringify(p, null, 2) + '\n' : outletText(p));
      return 0;
    } finally {
      await corpus.close();
    }
  },
};
