#!/usr/bin/env node
/**
 * `slant` entry point: find the command, load its module (only that one: start-up stays short),
 * run it, turn any error into one line on stderr.
 */
import { errorLine } from '../core/errors.js';
import { commands } from './commands.js';

const HELP = `slant — what an article asserts (actors, relations) and how it persuades (techniques)

Usage: slant <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(24)} ${c.summary}`).join('\n')}

Run "slant <command> --help" for the options of one command.`;

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(HELP);
    return argv.length === 0 ? 1 : 0;
  }
  if (argv[0] === '--version') {
    console.log('0.1.0');
    return 0;
  }
  // Longest match first, so "eval techniques" wins over a hypothetical "eval".
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const c of sorted) {
    const words = c.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) {
      const rest = argv.slice(words.length);
      const command = await c.load();
      if (rest.includes('--help') || rest.includes('-h')) {
        console.log(command.usage);
        return 0;
      }
      return command.run(rest);
    }
  }
  const group = commands.filter((c) => c.name.split(' ')[0] === argv[0]);
  if (group.length) {
    console.error(`slant: E110 "${argv.slice(0, 2).join(' ')}" needs a subcommand: ${group.map((c) => c.name).join(', ')}`);
    return 2;
  }
  console.error(`slant: E110 unknown command "${argv[0]}" (see slant --help)`);
  return 2;
}

// A reader that stops early (`slant ... | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`slant: ${errorLine(err)}`);
    if (process.env.SLANT_DEBUG && err instanceof Error) console.error(err.stack);
    process.exitCode = 1;
  },
);
