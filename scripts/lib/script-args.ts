/** The command line of the repository's scripts (npm start, demo:walk, tooling:network). */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Flags = NonNullable<ParseArgsConfig['options']>;
type HelpFlag = { help: { type: 'boolean'; short: 'h' } };
/** What parseArgs gives for these flags, -h / --help aside. */
type Values<F extends Flags> = Omit<ReturnType<typeof parseArgs<{ options: F & HelpFlag; strict: true }>>['values'], 'help'>;

/**
 * The script's flags, strictly parsed (an unknown one throws), plus -h / --help, which prints
 * `usage` and gives null: the script then ends without doing anything.
 */
export function scriptArgs<F extends Flags>(flags: F, usage: string): Values<F> | null {
  const help: HelpFlag = { help: { type: 'boolean', short: 'h' } };
  // Generic flags leave parseArgs's result unresolved here; callers get it resolved through Values<F>.
  const { values } = parseArgs({ options: Object.assign(help, flags), strict: true }) as { values: Values<F> & { help?: boolean } };
  if (values.help) {
    console.log(usage);
    return null;
  }
  return values;
}
