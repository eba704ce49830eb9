/** `slant copies [doc-id]`: republished copies in the corpus — families, or one family with what each copy changed. */
import { E, fail } from '../core/errors.js';
import { openCorpus, type CopyChanges, type CopyFamily, type FamilyDetail, type RepublicationRow } from '../corpus/index.js';
import { args, out, type Command } from './command.js';

const FORMATS = ['text', 'json', 'jsonl'] as const;
type Format = (typeof FORMATS)[number];

export const copiesCommand: Command = {
  name: 'copies',
  summary: 'Republished copies in the corpus: families, earliest member, what each copy changed',
  usage: `Usage: slant copies [doc-id] [--db PATH] [--format text|json|jsonl]

Without a document id: every family of near-copies (largest first) with its earliest member
(earliest date, then first stored), each member's outlet, date, URL and similarity to it, and the
outlet-to-outlet republication table (who copies whom).
With a document id: that document's family and, for every copy, what it changed against the
earliest: headline, added/removed/reworded sentences, credit lines, scare quotes, findings.

  --db PATH        corpus folder, .db file or postgres:// URL (default: the slant serve data folder)
  -f, --format F   text (default), json (one object), jsonl (one family per line:
                   {"family","earliest","members":[{"id","url","outlet","date","similarity"}]})`,
  async run(argv) {
    const { values, positionals } = args(argv, { db: { type: 'string' }, format: { type: 'string', short: 'f', default: 'text' } });
    const format = values.format as Format;
    if (!FORMATS.includes(format)) fail(E.BAD_ARGUMENT, `--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
    if (positionals.length > 1) fail(E.BAD_ARGUMENT, 'give at most one document id');
    const corpus = await openCorpus(values.db);
    try {
      if (positionals.length === 1) {
        const fam = await corpus.family(positionals[0]!);
        if (!fam) {
          if (format === 'text') await out(`${positionals[0]} has no copies in the corpus.\n`);
          else await out(JSON.stringify(null) + '\n');
          return 0;
        }
        if (format === 'text') await out(familyText(fam));
        else await out(JSON.stringify(fam, null, format === 'json' ? 2 : undefined) + '\n');
        return 0;
      }
      const fams = await corpus.copies();
      if (format === 'jsonl') {
        await out(fams.map((f) => JSON.stringify({ family: f.family, earliest: f.earliest, members: f.members.map((m) => ({ id: m.id, url: m.url, outlet: m.outlet, date: m.date, similarity: m.similarity })) }) + '\n').join(''));
      } else if (format === 'json') {
        await out(JSON.stringify({ families: fams, republication: await corpus.republication() }, null, 2) + '\n');
      } else {
        await out(listText(fams, await corpus.republication(), await corpus.count()));
      }
      return 0;
    } finally {
      await corpus.close();
    }
  },
};

function member(m: CopyFamily['members'][number], earliest: boolean): string {
  const sim = earliest ? 'earliest' : `similarity ${m.similarity.toFixed(2)}, containment ${m.containment.toFixed(2)}`;
  return `  ${m.id}  ${m.date?.slice(0, 10) ?? 'undated   '}  ${m.outlet ?? '(unknown outlet)'}  ${sim}\n      ${m.title ?? ''}${m.url ? `\n      ${m.url}` : ''}\n`;
}

function listText(fams: CopyFamily[], table: RepublicationRow[], total: number): string {
  if (!fams.length) return `No copies among ${total} documents.\n`;
  const copies = fams.reduce((n, f) => n + f.members.length - 1, 0);
  let s = `${fams.length} families, ${copies} copies among ${total} documents.\n\n`;
  for (const f of fams) {
    s += `Family ${f.family} (${f.members.length} documents)\n`;
    f.members.forEach((m, i) => (s += member(m, i === 0)));
    s += '\n';
  }
  s += 'Who copies whom (earliest outlet → copying outlet: copies)\n';
  for (const r of table) s += `  ${r.from} → ${r.to}: ${r.count}\n`;
  return s;
}

function familyText(f: FamilyDetail): string {
  let s = `Family ${f.family} (${f.members.length} documents); earliest first\n`;
  f.members.forEach((m, i) => (s += member(m, i === 0)));
  for (const c of f.changes) s += `\nWhat ${c.id} changed against ${f.earliest}:\n${changesText(c.changes)}`;
  return s;
}

function changesText(c: CopyChanges): string {
  const lines: string[] = [];
  if (c.headline) lines.push(`  headline: “${c.headline.earliest ?? '(none)'}” → “${c.headline.copy ?? '(none)'}”`);
  for (const x of c.added) lines.push(`  + ${x}`);
  for (const x of c.removed) lines.push(`  - ${x}`);
  for (const x of c.reworded) lines.push(`  ~ ${x.earliest}\n    → ${x.copy}`);
  if (c.reordered) lines.push('  paragraphs reordered');
  if (c.credits.added.length) lines.push(`  credits added: ${c.credits.added.join(', ')}`);
  if (c.credits.removed.length) lines.push(`  credits removed: ${c.credits.removed.join(', ')}`);
  if (c.scareQuotes.length) lines.push(`  scare quotes added: ${c.scareQuotes.map((q) => `“${q}”`).join(', ')}`);
  for (const x of c.findings.added) lines.push(`  finding added: ${x.technique} “${x.text}”`);
  for (const x of c.findings.removed) lines.push(`  finding gone: ${x.technique} “${x.text}”`);
  return (lines.length ? lines.join('\n') : '  nothing (an identical copy)') + '\n';
}
