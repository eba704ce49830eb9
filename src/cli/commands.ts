/** Every CLI command, in the order `slant --help` lists them. One line per command. */
import type { Command } from './command.js';
import { analyzeCommand } from './analyze.js';
import { techniqueCommands } from './techniques.js';
import { serveCommand } from './serve.js';
import { relationsCommands } from './relations.js';
import { actorsCommands } from './actors.js';
import { extractCommand, evalExtractionCommand } from './extract.js';
import { evalSimilarityCommand } from './eval-similarity.js';
import { timelineCommand } from './timeline.js';
import { outletCommand } from './outlet.js';
import { exportCommand } from './export.js';
import { storiesCommand } from './stories.js';
import { ingestCommand } from './ingest.js';
import { copiesCommand } from './copies.js';
import { evalCopiesCommand } from './eval-copies.js';
import { evalNarrativeCommands } from './eval-narratives.js';
import { narrativesCommands } from './narratives.js';
import { claimsCommands } from './claims.js';
import { parseCommand } from './parse.js';
import { evalParserCommand } from './eval-parser.js';
import { trainParserCommand } from './train-parser.js';
import { workerCommand, jobsCommand } from './worker.js';

export const commands: Command[] = [
  analyzeCommand,
  ...techniqueCommands,
  ...relationsCommands,
  ...actorsCommands,
  serveCommand,
  ingestCommand,
  workerCommand,
  jobsCommand,
  copiesCommand,
  evalCopiesCommand,
  extractCommand,
  evalExtractionCommand,
  storiesCommand,
  timelineCommand,
  outletCommand,
  exportCommand,
  evalSimilarityCommand,
  ...evalNarrativeCommands,
  ...narrativesCommands,
  ...claimsCommands,
  parseCommand,
  evalParserCommand,
  trainParserCommand,
];
