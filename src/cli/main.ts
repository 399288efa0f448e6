import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/env.ts';
import { GeoDatabaseError } from '../geo/geo-database.ts';
import { migrate, openDatabase } from '../store/index.ts';
import { StoreRefusal } from '../store/store-refusal.ts';
import { createLogger } from './logger.ts';
import type { TokenOptions } from './token.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `usage: isobar <command>

  serve             migrate, load the catalog if empty, write demo weather, and serve HTTP
  migrate           apply pending database migrations; refuses a database whose applied
                    migrations changed or were made by a newer isobar
  migrate --status  list applied and pending migrations, changing nothing
  seed [--demo N]   (re)load the place catalog, then demo weather for the N most populous places
  seed --history 420d [--places N]
                    hourly demo history for the N (1000) most populous places, for statistics
  geo <ip>          what the geolocation database says of an address, and the place chosen
  token create --name NAME --scope write|purge|admin
                    make a bearer token for the write API; it is printed once, never stored
  token list        every token: id, name, scope, created, last used, revoked
  token revoke ID|NAME
                    revoke a token (origins may accept it for up to 5 s more)
  import FILE|-     load observations, forecasts or daily summaries from CSV or NDJSON
                    (isobar import --help for its options)
  purge CC/Name…    tell every origin, and the edge (EDGE_URL), that these places changed
  ingest <provider> [--once] [--places CC/Name,…]
                    keep viewed and listed places up to date from open-meteo or met-norway
  uninstall [--yes] remove isobar's tables and bookkeeping from the database, or its PGlite
                    directory, and nothing else; without --yes, only say what would go

Configuration comes from the environment: see README.md.`;

// Commands are loaded when run: `isobar token list` need not load the HTTP server or the importer.
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    // import and ingest read their own options (--format, --once, …) below.
    strict: argv[0] !== 'import' && argv[0] !== 'ingest',
    options: {
      demo: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      history: { type: 'string' },
      places: { type: 'string' },
      name: { type: 'string' },
      scope: { type: 'string' },
      status: { type: 'boolean' },
      yes: { type: 'boolean' },
    },
  });
  const [command] = positionals;
  if ((values.help && command !== 'import' && command !== 'ingest') || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig(process.env);
  const log = createLogger(config.LOG_LEVEL);
  switch (command) {
    case 'serve':
      await (await import('./serve.ts')).serveCommand(config, log);
      return 0;
    case 'migrate':
      return (await import('./migrate.ts')).migrateCommand(config, positionals.slice(1), {
        status: values.status === true,
      });
    case 'uninstall':
      return (await import('./uninstall.ts')).uninstallCommand(config, positionals.slice(1), {
        yes: values.yes === true,
      });
    case 'seed': {
      if (values.history !== undefined) {
        const { seedHistoryCommand } = await import('./seed-history.ts');
        const { history, places } = values as { history: string; places?: string };
        return seedHistoryCommand(config, log, { history, places });
      }
      const demo = values.demo === undefined ? config.DEMO_PLACES : Number(values.demo);
      if (!Number.isInteger(demo) || demo < 0)
        throw new ConfigError('--demo takes a whole number of places');
      const { importCatalog, refreshDemo } = await import('./prepare.ts');
      const db = await openDatabase(config.dsn);
      await migrate(db);
      await importCatalog(db, log);
      await refreshDemo(db, demo, log);
      await db.close();
      return 0;
    }
    case 'import':
      return (await import('./import.ts')).importCommand(
        argv.slice(argv.indexOf('import') + 1),
        config,
        log,
      );
    case 'ingest':
      return (await import('./ingest.ts')).ingestCommand(
        argv.slice(argv.indexOf('ingest') + 1),
        config,
        log,
      );
    case 'token':
      // Parsed strictly (only import is not), so --name and --scope hold strings.
      return (await import('./token.ts')).tokenCommand(
        config,
        positionals.slice(1),
        values as TokenOptions,
      );
    case 'purge': {
      const db = await openDatabase(config.dsn);
      try {
        return await (await import('./purge.ts')).purgeCommand(
          config,
          db,
          log,
          positionals.slice(1),
        );
      } finally {
        await db.close();
      }
    }
    case 'geo': {
      const ip = positionals[1];
      if (!ip) throw new ConfigError('isobar geo needs an IP address, e.g. isobar geo 81.2.69.142');
      return (await import('./geo.ts')).geoCommand(config, ip);
    }
    default:
      console.error(`isobar: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // Arguments parseArgs refuses (an unknown option, a missing value) are a usage error.
    const code = (err as { code?: unknown })?.code;
    if (
      err instanceof UsageError ||
      (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
    ) {
      console.error(`isobar: ${(err as Error).message}`);
      process.exit(2);
    }
    // A bad setting is the user's to fix: say which, without a stack trace.
    console.error(
      err instanceof ConfigError || err instanceof GeoDatabaseError || err instanceof StoreRefusal
        ? `isobar: ${err.message}`
        : err,
    );
    process.exit(1);
  },
);
