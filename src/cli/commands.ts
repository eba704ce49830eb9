/** Every CLI command, in the order `slant --help` lists them. One line per command. */
import type { Command } from './command.js';
import { analyzeCommand } from './analyze.js';

export const commands: Command[] = [
  analyzeCommand,
];
