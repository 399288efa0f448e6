import { type Command, CommanderError } from 'commander';
import { type Config, loadConfig } from '../config/env.ts';
import { PACKAGE_VERSION } from '../config/package-root.ts';
import { createLogger } from './logger.ts';
import { createProgram } from './program/create-program.ts';
import { describeFailure } from './program/failure.ts';

/**
 * Runs `isobar …` and resolves with its exit status: 0 done, 1 failed, 2 refused (arguments,
 * options, configuration). A failure is one line on stderr; its stack trace only with --verbose
 * or LOG_LEVEL=debug.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  let status = 0;
  let config: Config | undefined;
  const program = createProgram(async (body) => {
    config = loadConfig(process.env);
    status = await body({ config, log: createLogger(config.LOG_LEVEL) });
  }, PACKAGE_VERSION);
  // The command being parsed, for the hint after a refusal: "isobar token --help".
  let parsing: Command = program;
  const follow = (c: Command) => {
    c.hook('preSubcommand', (_, sub) => {
      parsing = sub;
    });
    c.commands.forEach(follow);
  };
  follow(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (err) {
    if (err instanceof CommanderError && err.exitCode === 0) return 0; // --help, --version
    const help = `isobar ${pathOf(parsing)}--help`;
    const failure =
      err instanceof CommanderError && err.code === 'commander.help'
        ? { status: 2, line: `missing command (${help} lists them)` }
        : describeFailure(err);
    if (err instanceof CommanderError && HINTED.has(err.code)) failure.line += ` (${help})`;
    console.error(`isobar: ${failure.line}`);
    if (failure.status === 1 && (program.opts().verbose || config?.LOG_LEVEL === 'debug'))
      console.error(err);
    return failure.status;
  }
}

/** Refusals of the command line itself, which that command's help answers. */
const HINTED = new Set([
  'commander.unknownOption',
  'commander.excessArguments',
  'commander.missingArgument',
  'commander.optionMissingArgument',
]);

const pathOf = (command: { name(): string; parent: unknown }): string => {
  const names: string[] = [];
  for (
    let c = command as { name(): string; parent: unknown } | null;
    c?.parent;
    c = c.parent as typeof c
  )
    names.unshift(c.name());
  return names.map((n) => `${n} `).join('');
};

runCli(process.argv.slice(2)).then((status) => process.exit(status));
