import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config/env.ts';
import { migrate, openDatabase } from '../../store/index.ts';
import {
  readMigrations,
  type SchemaStatus,
  schemaRefusal,
  schemaStatus,
} from '../../store/schema-status.ts';
import { backfillPlaceNames } from '../prepare.ts';
import { UsageError } from '../usage-error.ts';

export interface MigrateOptions {
  status?: boolean;
}

/**
 * `isobar migrate`: applies pending migrations, or refuses (StoreRefusal) a database whose
 * applied migrations changed or are newer than this version. `--status` lists them and changes
 * nothing; it exits 1 where migrate would refuse.
 */
export async function migrateCommand(
  config: Config,
  args: string[],
  options: MigrateOptions,
): Promise<number> {
  if (args.length > 0)
    throw new UsageError(`isobar migrate takes no arguments (got "${args[0]}"); see isobar --help`);
  if (options.status && !pgliteDataExists(config.dsn)) {
    // Opening would create the directory: a status listing changes nothing.
    console.log(`database: ${shownDsn(config.dsn)} (not created yet)`);
    const status = { applied: [], pending: readMigrations(), unknown: [] };
    for (const line of statusLines(status)) console.log(line);
    return 0;
  }
  const db = await openDatabase(config.dsn);
  try {
    if (!options.status) {
      console.log(`applied ${await migrate(db)} migration(s)`);
      // An upgraded catalog gets its places' other names and region names here, not on first use.
      await backfillPlaceNames(db, { info: (message) => console.log(message) });
      return 0;
    }
    console.log(`database: ${shownDsn(config.dsn)}`);
    const status = await schemaStatus(db);
    for (const line of statusLines(status)) console.log(line);
    const refusal = schemaRefusal(status);
    if (refusal) {
      console.error(`isobar: ${refusal.message}`);
      return 1;
    }
    return 0;
  } finally {
    await db.close();
  }
}

/** One line per migration, then a summary; checksums shortened to 12 hex digits. */
export function statusLines(status: SchemaStatus): string[] {
  const short = (hash: string) => hash.slice(0, 12);
  const width = Math.max(
    0,
    ...[...status.applied.map((a) => a.file), ...status.pending].map((f) => f.tag.length),
  );
  const tag = (name: string) => name.padEnd(width);
  const lines = [
    ...status.applied.map(({ file, appliedHash, changed }) =>
      changed
        ? `CHANGED  ${tag(file.tag)}  applied as ${short(appliedHash)}, the file is now ${short(file.hash)}`
        : `applied  ${tag(file.tag)}  ${short(file.hash)}`,
    ),
    ...status.pending.map((file) => `pending  ${tag(file.tag)}  ${short(file.hash)}`),
    ...status.unknown.map(
      (u) => `UNKNOWN  (made ${new Date(u.createdAt).toISOString()})  ${short(u.hash)}`,
    ),
  ];
  const counts = [`${status.applied.length} applied`, `${status.pending.length} pending`];
  if (status.unknown.length > 0) counts.push(`${status.unknown.length} unknown to this version`);
  lines.push(
    counts.join(', ') +
      (status.pending.length > 0 && !schemaRefusal(status) ? ': run isobar migrate' : ''),
  );
  return lines;
}

/** False for a PGlite directory not made yet; true for anything else. */
function pgliteDataExists(dsn: string): boolean {
  if (!dsn.startsWith('pglite:')) return true;
  const location = dsn.slice('pglite:'.length);
  return location === 'memory' || location === '' || existsSync(join(location, 'PG_VERSION'));
}

/** The DSN without its password, for output. */
export function shownDsn(dsn: string): string {
  return dsn.replace(/\/\/[^@/]*@/, '//…@');
}
