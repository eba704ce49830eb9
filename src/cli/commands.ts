/** Every CLI command, in the order `slant --help` lists them. One line per command. */
import type { Command } from './command.js';
import { analyzeCommand } from './analyze.js';
import { techniqueCommands } from '../techniques/cli.js';
import { serveCommand } from '../server/cli.js';
import { relationsCommands } from '../relations/cli.js';
import { actorsCommands } from '../actors/cli.js';
import { extractCommand, evalExtractionCommand } from '../extract/cli.js';

export const commands: Command[] = [
  analyzeCommand,
  ...techniqueCommands,
  ...relationsCommands,
  ...actorsCommands,
  serveCommand,
  extractCommand,
  evalExtractionCommand,
];
