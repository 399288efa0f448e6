import type { Command } from 'commander';
import { command, type Runner } from './declare.ts';
import { DATABASE_ENV, type EnvKey, envStartingWith } from './env-help.ts';

const EDGE_ENV: EnvKey[] = ['CF_ZONE_ID', 'CF_API_TOKEN', 'CF_PURGE_PER_MINUTE', 'VARNISH_URLS'];

/** The commands that write weather or tokens, or fetch it: token, import, purge, ingest. */
export function declareDataCommands(program: Command, run: Runner): void {
  const token = command(program, 'token', 'bearer tokens of the write API', DATABASE_ENV);
  const tokens = (args: string[], options: { name?: string; scope?: string } = {}) =>
    run(async ({ config }) =>
      (await import('../commands/token-command.ts')).tokenCommand(config, args, options),
    );
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

  const subscription = command(
    program,
    'subscription',
    'webhooks: the change feed pushed to a URL, signed',
    DATABASE_ENV,
  );
  const subscriptions = (args: string[], options: Record<string, unknown> = {}) =>
    run(async ({ config }) =>
      (await import('../commands/subscription-command.ts')).subscriptionCommand(
        config,
        args,
        options,
      ),
    );
  const collect = (value: string, all: string[] = []) => [...all, value];
  command(
    subscription,
    'create',
    'push changes of places to a URL; prints its id and secret once',
    [...DATABASE_ENV, 'WEBHOOK_ALLOW'],
  )
    .option('--url <URL>', 'where deliveries are POSTed (https, or http to WEBHOOK_ALLOW)')
    .option('--place <CC/Name>', 'a place whose changes are pushed (repeat for more)', collect)
    .option('--country <CC>', 'a country whose places are all pushed (repeat for more)', collect)
    .action((o: Record<string, unknown>) => subscriptions(['create'], o));
  command(
    subscription,
    'list',
    'every subscription: places, state, failures, last outcome',
    DATABASE_ENV,
  ).action(() => subscriptions(['list']));
  command(
    subscription,
    'delete',
    'delete a subscription (queued deliveries are dropped)',
    DATABASE_ENV,
  )
    .argument('<id>', 'the subscription to delete')
    .action((id: string) => subscriptions(['delete', id]));
  command(
    subscription,
    'enable',
    'enable a disabled subscription again, its failures forgotten',
    DATABASE_ENV,
  )
    .argument('<id>', 'the subscription to enable')
    .action((id: string) => subscriptions(['enable', id]));

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
    .option('--batch <N>', 'rows per transaction (default 50000)')
    .option('--dry-run', 'validate and count, store nothing')
    .action((file: string | undefined, o) =>
      run(async ({ config, log }) =>
        (await import('../commands/import-command.ts')).importCommand(file, o, config, log),
      ),
    );

  const alerts = command(program, 'alerts', 'weather warnings (CAP alerts)', DATABASE_ENV);
  command(alerts, 'import', 'load CAP messages from files: a CAP alert, NWS GeoJSON, or an index', [
    ...DATABASE_ENV,
    ...EDGE_ENV,
  ])
    .argument('<files...>', 'CAP XML, NWS GeoJSON, or a MetAlerts RSS / MeteoAlarm Atom file')
    .option('--source <name>', 'the feed to credit: nws, met-alerts, meteoalarm or file')
    .action((files: string[], o: { source?: string }) =>
      run(async ({ config, log }) =>
        (await import('../commands/alerts-command.ts')).alertsImportCommand(files, o, config, log),
      ),
    );

  command(
    program,
    'purge',
    'tell every origin, and the caches downstream (Cloudflare, Varnish), that these places changed',
    [...DATABASE_ENV, ...EDGE_ENV],
  )
    .argument('<places...>', 'places as CC/Name, e.g. GB/London FR/Paris')
    .action((places: string[]) =>
      run(async ({ config, log }) =>
        (await import('../commands/purge-command.ts')).purgeOnDatabase(config, log, places),
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
    .description(
      'Keeps viewed and listed places up to date from an upstream provider, within its daily ' +
        'budget. On a Postgres server it is one more worker on the refresh queue, beside every ' +
        'origin and every other ingest; a place is asked once per update whoever takes it.',
    )
    .action((provider: string, o: { once?: boolean; places?: string }) =>
      run(async ({ config, log }) =>
        (await import('../commands/ingest-command.ts')).ingestCommand(provider, o, config, log),
      ),
    );
}
