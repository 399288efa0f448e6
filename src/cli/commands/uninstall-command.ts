import type { Config } from '../../config/env.ts';
import {
  planDirectoryUninstall,
  planServerUninstall,
  type ServerUninstallPlan,
  uninstallDirectory,
  uninstallFromServer,
} from '../../store/drop-schema.ts';
import { openDatabase } from '../../store/index.ts';
import { UsageError } from '../usage-error.ts';
import { shownDsn } from './migrate-command.ts';

export interface UninstallOptions {
  yes?: boolean;
}

/**
 * `isobar uninstall`: without `--yes`, says what it would remove and exits 2; with it, removes
 * isobar's tables and bookkeeping from a Postgres database, or its PGlite data directory, and
 * nothing else.
 */
export async function uninstallCommand(
  config: Config,
  args: string[],
  options: UninstallOptions,
): Promise<number> {
  if (args.length > 0)
    throw new UsageError(`isobar uninstall takes no arguments (got "${args[0]}"); only --yes`);
  const dsn = config.dsn;
  if (dsn.startsWith('pglite:')) return uninstallPglite(dsn.slice('pglite:'.length), options);
  const db = await openDatabase(dsn);
  try {
    const plan = await planServerUninstall(db);
    const lines = serverLines(plan);
    if (lines.length === 0) {
      console.log(`nothing of isobar's found in ${shownDsn(dsn)}`);
      return 0;
    }
    if (!options.yes) return confirm(`from ${shownDsn(dsn)}`, lines);
    const done = await uninstallFromServer(db);
    for (const line of serverLines(done)) console.log(`removed ${line}`);
    console.log('the database itself is left in place: drop it if it was isobar’s alone');
    return 0;
  } finally {
    await db.close();
  }
}

function uninstallPglite(location: string, options: UninstallOptions): number {
  if (location === 'memory' || location === '') {
    console.log('the database is in memory (pglite:memory): nothing on disk to remove');
    return 0;
  }
  const plan = planDirectoryUninstall(location);
  if (!plan.exists) {
    console.log(`nothing to remove: ${plan.directory} does not exist`);
    return 0;
  }
  const line = `the PGlite data directory ${plan.directory} (every table and row in it)`;
  if (!options.yes) return confirm('', [line]);
  uninstallDirectory(location);
  console.log(`removed ${line}`);
  return 0;
}

function serverLines(plan: ServerUninstallPlan): string[] {
  const lines = plan.tables.map((t) => `table ${t} (its rows and indexes)`);
  lines.push(...plan.sequences.map((s) => `sequence ${s}`));
  if (plan.bookkeepingTable && plan.foreignBookkeepingRows === 0) {
    lines.push(
      'drizzle.__drizzle_migrations (isobar’s migration bookkeeping), and the drizzle schema ' +
        'if nothing else is in it',
    );
  } else if (plan.bookkeepingRows > 0) {
    lines.push(
      `${plan.bookkeepingRows} rows of drizzle.__drizzle_migrations (its other ` +
        `${plan.foreignBookkeepingRows} rows are not isobar's and stay)`,
    );
  }
  return lines;
}

function confirm(where: string, lines: string[]): number {
  console.log(`isobar uninstall would remove${where ? ` ${where}` : ''}:`);
  for (const line of lines) console.log(`  ${line}`);
  console.log('and nothing else. Run isobar uninstall --yes to remove them.');
  return 2;
}
