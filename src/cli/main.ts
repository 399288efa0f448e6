import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/env.ts';
import { GeoDatabaseError } from '../geo/geo-database.ts';
import { migrate, openDatabase } from '../store/index.ts';
import { geoCommand } from './geo.ts';
import { createLogger } from './logger.ts';
import { importCatalog, refreshDemo } from './prepare.ts';
import { serveCommand } from './serve.ts';

const USAGE = `usage: isobar <command>

  serve             migrate, load the catalog if empty, write demo weather, and serve HTTP
  migrate           apply pending database migrations
  seed [--demo N]   (re)load the place catalog, then demo weather for the N most populous places
  geo <ip>          what the geolocation database says of an address, and the place chosen

Configuration comes from the environment: see README.md.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { demo: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig(process.env);
  const log = createLogger(config.LOG_LEVEL);
  switch (command) {
    case 'serve':
      await serveCommand(config, log);
      return 0;
    case 'migrate': {
      const db = await openDatabase(config.dsn);
      console.log(`applied ${await migrate(db)} migration(s)`);
      await db.close();
      return 0;
    }
    case 'seed': {
      const demo = values.demo === undefined ? config.DEMO_PLACES : Number(values.demo);
      if (!Number.isInteger(demo) || demo < 0)
        throw new ConfigError('--demo takes a whole number of places');
      const db = await openDatabase(config.dsn);
      await migrate(db);
      await importCatalog(db, log);
      await refreshDemo(db, demo, log);
      await db.close();
      return 0;
    }
    case 'geo': {
      const ip = positionals[1];
      if (!ip) throw new ConfigError('isobar geo needs an IP address, e.g. isobar geo 81.2.69.142');
      return geoCommand(config, ip);
    }
    default:
      console.error(`isobar: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // A bad setting is the user's to fix: say which, without a stack trace.
    console.error(
      err instanceof ConfigError || err instanceof GeoDatabaseError
        ? `isobar: ${err.message}`
        : err,
    );
    process.exit(1);
  },
);
