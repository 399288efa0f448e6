import { Command } from 'commander';
import type { Config } from '../config/env.ts';
import { ipAddress, listenHost, portNumber, wholeNumber } from './arguments.ts';
import { ALL_ENV, DATABASE_ENV, type EnvKey, envHelp, envStartingWith } from './env-help.ts';
import type { Logger } from './logger.ts';

/** What a command runs with: the configuration, parsed once, and the log. */
export interface CommandContext {
  config: Config;
  log: Logger;
}

/** Runs a command's body once its arguments are accepted; the body returns the exit status. */
export type Runner = (body: (context: CommandContext) => Promise<number>) => Promise<void>;

const EDGE_ENV: EnvKey[] = ['EDGE_URL', 'PURGE_SECRET'];

/** A command with its options and its environment shown by `--help`. */
function command(parent: Command, name: string, summary: string, env: EnvKey[]): Command {
  return parent
    .command(name)
    .description(summary)
    .addHelpText('after', () => envHelp([...new Set([...env, 'LOG_LEVEL' as const])]));
}

/**
 * The `isobar` command line: each command's arguments, options and environment, declared here;
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
        const { serveCommand } = await import('./serve.ts');
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
      run(async ({ config }) => (await import('./migrate.ts')).migrateCommand(config, [], o)),
    );

  command(
    program,
    'seed',
    '(re)load the place catalog, then demo weather for the most populous places',
    [...DATABASE_ENV, 'DEMO_PLACES'],
  )
    // One line per option: seedCommand receives them all as SeedOptions (src/cli/seed.ts).
    .option(
      '--demo <N>',
      'places given demo weather, instead of DEMO_PLACES',
      wholeNumber('--demo', 'places'),
    )
    .action((o) =>
      run(async ({ config, log }) => (await import('./seed.ts')).seedCommand(config, log, o)),
    );

  command(
    program,
    'geo',
    'what the geolocation database says of an address, and the place chosen',
    ['GEOIP_DB', ...DATABASE_ENV],
  )
    .argument('<ip>', 'an IPv4 or IPv6 address', ipAddress)
    .action((ip: string) =>
      run(async ({ config }) => (await import('./geo.ts')).geoCommand(config, ip)),
    );

  const token = command(program, 'token', 'bearer tokens of the write API', DATABASE_ENV);
  const tokens = (args: string[], options: { name?: string; scope?: string } = {}) =>
    run(async ({ config }) => (await import('./token.ts')).tokenCommand(config, args, options));
  command(token, 'create', 'make a token; it is printed once, never stored', DATABASE_ENV)
    .option('--name <NAME>', 'what to call it (revoke uses it); one active token per name')
    .option('--scope <SCOPE>', 'write, purge or admin')
    .action((o: { name?: string; scope?: string }) => tokens(['create'], o));
  command(
    token,
    'list',
    'every token: id, name, scope, created, last used, revoked',
    DATABASE_ENV,
  ).action(() => tokens(['list']));
  command(
    token,
    'revoke',
    'revoke a token (origins may accept it for up to 5 s more)',
    DATABASE_ENV,
  )
    .argument('<id|name>', 'the token to revoke')
    .action((target: string) => tokens(['revoke', target]));

  command(program, 'import', 'load observations, forecasts or daily summaries from CSV or NDJSON', [
    ...DATABASE_ENV,
    ...EDGE_ENV,
  ])
    .argument('[file]', 'the file to read, or - for standard input')
    .option(
      '--format <csv|ndjson>',
      "default: from the file's extension (.csv, .ndjson, .jsonl); required for -",
    )
    .option(
      '--kind <kind>',
      'observations, forecasts or daily; default: from the columns (observed_at, valid_at, date)',
    )
    .option('--place <CC/Name>', 'the place of rows that have no place column')
    .option('--source <name>', 'the source of rows that have no source column')
    .option('--rename <old=new,…>', 'rename columns of the file, e.g. temp_max=temperature_max_c')
    .option('--ignore <col,…>', 'drop columns of the file')
    .option('--batch <N>', 'rows per transaction (default 5000)')
    .option('--dry-run', 'validate and count, store nothing')
    .action((file: string | undefined, o) =>
      run(async ({ config, log }) =>
        (await import('./import.ts')).importCommand(file, o, config, log),
      ),
    );

  command(
    program,
    'purge',
    'tell every origin, and the edge (EDGE_URL), that these places changed',
    [...DATABASE_ENV, ...EDGE_ENV],
  )
    .argument('<places...>', 'places as CC/Name, e.g. GB/London FR/Paris')
    .action((places: string[]) =>
      run(async ({ config, log }) =>
        (await import('./purge.ts')).purgeOnDatabase(config, log, places),
      ),
    );

  command(program, 'ingest', 'keep viewed and listed places up to date from an upstream provider', [
    ...DATABASE_ENV,
    ...EDGE_ENV,
    ...envStartingWith('PROVIDER_', 'MET_NORWAY_', 'OPEN_METEO_'),
  ])
    .argument('<provider>', 'open-meteo or met-norway')
    .option('--once', 'one pass over the places due now, then exit (1 if any request failed)')
    .option(
      '--places <CC/Name,…>',
      'only these places, instead of PROVIDER_PLACES and the viewed ones',
    )
    .addHelpText(
      'before',
      'Only one process fetches for a provider at a time; the others wait for its lease.\n',
    )
    .action((provider: string, o: { once?: boolean; places?: string }) =>
      run(async ({ config, log }) =>
        (await import('./ingest.ts')).ingestCommand(provider, o, config, log),
      ),
    );

  command(
    program,
    'uninstall',
    "remove isobar's tables and bookkeeping from the database, or its PGlite directory, and nothing else",
    DATABASE_ENV,
  )
    .option('--yes', 'remove them; without it, only say what would go (exit status 2)')
    .action((o: { yes?: boolean }) =>
      run(async ({ config }) => (await import('./uninstall.ts')).uninstallCommand(config, [], o)),
    );

  return program;
}
