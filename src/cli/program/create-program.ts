import { Command } from 'commander';
import { ipAddress, listenHost, portNumber, wholeNumber } from './arguments.ts';
import { declareDataCommands } from './data-commands.ts';
import { command, type Runner } from './declare.ts';
import { ALL_ENV, DATABASE_ENV } from './env-help.ts';

/**
 * The `isobar` command line: each command's arguments, options and environment, declared here
 * and in data-commands.ts;
 * each command's body is in its own module, imported only when that command runs (`isobar token
 * list` loads neither the HTTP server nor the importer). Errors are thrown, never printed here:
 * main.ts turns them into one line and an exit status.
 */
export function createProgram(run: Runner, version: string): Command {
  const program = new Command('isobar')
    .description('Weather for places at canonical, cacheable URIs.')
    .version(version, '-V, --version', 'print the version and exit')
    .option('--verbose', 'print the stack trace of a failure (so does LOG_LEVEL=debug)')
    .helpOption('-h, --help', 'show this help')
    .exitOverride()
    .configureOutput({ writeErr: () => {}, outputError: () => {} })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      '\nConfiguration comes from environment variables (README.md, "Configuration"); each\n' +
        "command's --help lists those it reads.\n" +
        'Exit status: 0 done, 1 failed (database unreachable, port in use, rows rejected…),\n' +
        '2 refused: a wrong argument, option or setting, or a confirmation still needed.',
    );

  command(
    program,
    'serve',
    'migrate, load the catalog if empty, write demo weather, serve HTTP',
    ALL_ENV,
  )
    .option('--port <PORT>', 'port to listen on, instead of PORT (0: any free one)', portNumber)
    .option('--host <HOST>', 'address to listen on, instead of HOST', listenHost)
    .action((o: { port?: number; host?: string }) =>
      run(async ({ config, log }) => {
        const { serveCommand } = await import('../commands/serve-command.ts');
        await serveCommand(
          { ...config, PORT: o.port ?? config.PORT, HOST: o.host ?? config.HOST },
          log,
        );
        return 0;
      }),
    );

  command(
    program,
    'migrate',
    'apply pending database migrations (refuses a database whose applied migrations changed or are newer)',
    DATABASE_ENV,
  )
    .option('--status', 'list applied and pending migrations, changing nothing')
    .action((o: { status?: boolean }) =>
      run(async ({ config }) =>
        (await import('../commands/migrate-command.ts')).migrateCommand(config, [], o),
      ),
    );

  command(
    program,
    'seed',
    '(re)load the place catalog, then demo weather for the most populous places',
    [...DATABASE_ENV, 'DEMO_PLACES'],
  )
    // One line per option: seedCommand receives them all as SeedOptions (src/cli/commands/seed-command.ts).
    .option(
      '--demo <N>',
      'places given demo weather, instead of DEMO_PLACES',
      wholeNumber('--demo', 'places'),
    )
    .option(
      '--history <days>',
      'instead: hourly demo history over that many days (420d), for statistics',
    )
    .option('--places <N>', 'with --history: the N most populous places (default 1000)')
    .action((o) =>
      run(async ({ config, log }) =>
        o.history === undefined
          ? (await import('../commands/seed-command.ts')).seedCommand(config, log, o)
          : (await import('../commands/seed-history-command.ts')).seedHistoryCommand(
              config,
              log,
              o,
            ),
      ),
    );

  command(
    program,
    'geo',
    'what the geolocation database says of an address, and the place chosen',
    ['GEOIP_DB', ...DATABASE_ENV],
  )
    .argument('<ip>', 'an IPv4 or IPv6 address', ipAddress)
    .action((ip: string) =>
      run(async ({ config }) =>
        (await import('../commands/geo-command.ts')).geoCommand(config, ip),
      ),
    );

  declareDataCommands(program, run);

  command(
    program,
    'uninstall',
    "remove isobar's tables and bookkeeping from the database, or its PGlite directory, and nothing else",
    DATABASE_ENV,
  )
    .option('--yes', 'remove them; without it, only say what would go (exit status 2)')
    .action((o: { yes?: boolean }) =>
      run(async ({ config }) =>
        (await import('../commands/uninstall-command.ts')).uninstallCommand(config, [], o),
      ),
    );

  return program;
}
