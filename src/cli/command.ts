/** The shape of a CLI command. Each command is a file under src/cli/ (e.g. cli/techniques.ts), listed in commands.ts. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;
import { E, fail } from '../core/errors.js';

export interface Command {
  /** Words after `slant`, e.g. 'analyze' or 'eval techniques'. */
  name: string;
  summary: string;
  /** Full help text shown by `slant <command> --help`. */
  usage: string;
  run(argv: string[]): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with our error style: unknown flags become a one-line E110 error. */
export function args<O extends Options>(argv: string[], options: O): Parsed<O> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    fail(E.BAD_ARGUMENT, (err as Error).message.split('\n')[0]!);
  }
}

/** Write to stdout and wait for it to drain (large outputs piped to files must not be cut). */
export function out(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
