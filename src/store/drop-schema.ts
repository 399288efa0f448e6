import { existsSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Database, DatabaseError, type Queryable, statement } from './database.ts';
import { lockDirectory } from './directory-lock.ts';
import { isobarTableNames, readMigrations, schemaStatus } from './schema-status.ts';
import { StoreRefusal } from './store-refusal.ts';

/** What `isobar uninstall` would remove from a Postgres database. */
export interface ServerUninstallPlan {
  /** isobar's tables, schema-qualified, as found (indexes and sequences go with them). */
  tables: string[];
  /** Sequences those tables own (identity columns), schema-qualified. */
  sequences: string[];
  /** Whether drizzle.__drizzle_migrations exists. */
  bookkeepingTable: boolean;
  /** Rows of drizzle.__drizzle_migrations that record isobar's migrations. */
  bookkeepingRows: number;
  /** Rows there that are not isobar's (another drizzle project shares the table): kept. */
  foreignBookkeepingRows: number;
}

// Unqualified names resolve through the search_path, as they did when the migrations ran.
const findTables = statement(
  'uninstall_tables',
  `SELECT format('%I.%I', n.nspname, c.relname) AS name, c.oid::int8 AS oid
     FROM unnest($1::text[]) AS t(name)
     JOIN pg_class c ON c.oid = to_regclass(quote_ident(t.name))
     JOIN pg_namespace n ON n.oid = c.relnamespace
    ORDER BY 1`,
);
const ownedSequences = statement(
  'uninstall_sequences',
  `SELECT format('%I.%I', n.nspname, s.relname) AS name
     FROM pg_depend d
     JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
     JOIN pg_namespace n ON n.oid = s.relnamespace
    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
      AND d.refobjid = ANY($1::int8[]::oid[])
    ORDER BY 1`,
);
const countRows = statement(
  'uninstall_bookkeeping',
  `SELECT count(*) FILTER (WHERE created_at = ANY($1::int8[])) AS ours,
          count(*) FILTER (WHERE NOT created_at = ANY($1::int8[])) AS theirs
     FROM drizzle.__drizzle_migrations`,
);
const deleteRows = statement(
  'uninstall_forget',
  'DELETE FROM drizzle.__drizzle_migrations WHERE created_at = ANY($1::int8[])',
);
const dropBookkeeping = statement(
  'uninstall_drop_bookkeeping',
  'DROP TABLE drizzle.__drizzle_migrations',
);
const dropDrizzleSchema = statement('uninstall_drop_drizzle', 'DROP SCHEMA drizzle');
// The trigger function the migrations made (its trigger goes with its table).
const dropFunctions = statement(
  'uninstall_drop_functions',
  'DROP FUNCTION IF EXISTS change_log_number()',
);

/**
 * What uninstall would remove from a Postgres database; reads only. Refuses a database migrated
 * by a newer isobar: its tables are not all known here.
 */
export async function planServerUninstall(db: Queryable): Promise<ServerUninstallPlan> {
  const files = readMigrations();
  const status = await schemaStatus(db, files);
  if (status.unknown.length > 0) {
    throw new StoreRefusal(
      `this database was migrated by a newer isobar (${status.unknown.length} migration(s) ` +
        'unknown to this version), whose tables this one does not all know: uninstall with it',
    );
  }
  const found = await db.all<{ name: string; oid: number }>(findTables, [isobarTableNames()]);
  const sequences = await db.column<string>(ownedSequences, [found.map((t) => t.oid)]);
  const plan: ServerUninstallPlan = {
    tables: found.map((t) => t.name),
    sequences,
    bookkeepingTable: await hasBookkeeping(db),
    bookkeepingRows: 0,
    foreignBookkeepingRows: 0,
  };
  if (plan.bookkeepingTable) {
    const rows = await db.one<{ ours: number; theirs: number }>(countRows, [createdAts()]);
    plan.bookkeepingRows = Number(rows?.ours ?? 0);
    plan.foreignBookkeepingRows = Number(rows?.theirs ?? 0);
  }
  return plan;
}

/**
 * Drops isobar's tables (with their indexes and sequences) and its rows of drizzle's bookkeeping,
 * in one transaction; the bookkeeping table and the `drizzle` schema go too when nothing else is
 * left in them. Other schemas, tables and rows are untouched: an object of someone else's that
 * depends on isobar's tables (a view, a foreign key) makes it refuse and change nothing.
 */
export async function uninstallFromServer(db: Database): Promise<ServerUninstallPlan> {
  return db.transaction(async (tx) => {
    const plan = await planServerUninstall(tx);
    try {
      // Identifiers cannot be bound; these are our own table names, quoted by the server.
      if (plan.tables.length > 0)
        await tx.run(statement('uninstall_drop_tables', `DROP TABLE ${plan.tables.join(', ')}`));
      await tx.run(dropFunctions);
    } catch (err) {
      if (err instanceof DatabaseError && err.code === '2BP01') {
        const detail = (err.cause as { detail?: string } | undefined)?.detail;
        throw new StoreRefusal(
          `other objects depend on isobar's tables, so nothing was removed: ` +
            `${detail ?? err.message}. Drop or change them first.`,
        );
      }
      throw err;
    }
    if (plan.bookkeepingTable) {
      await tx.run(deleteRows, [createdAts()]);
      if (plan.foreignBookkeepingRows === 0) {
        await tx.run(dropBookkeeping);
        // The schema may hold someone else's objects: then it stays.
        await tx
          .transaction((sp) => sp.run(dropDrizzleSchema))
          .catch((err: unknown) => {
            if (!(err instanceof DatabaseError && err.code === '2BP01')) throw err;
          });
      }
    }
    return plan;
  });
}

const bookkeepingPresent = statement(
  'uninstall_bookkeeping_present',
  "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present",
);

async function hasBookkeeping(db: Queryable): Promise<boolean> {
  return (await db.one<{ present: boolean }>(bookkeepingPresent))?.present === true;
}

function createdAts(): number[] {
  return readMigrations().map((m) => m.createdAt);
}

/** What uninstall would remove for a PGlite DSN: its data directory, if there is one. */
export interface DirectoryUninstallPlan {
  directory: string;
  exists: boolean;
}

/** Plans the removal of a PGlite data directory; refuses one that PGlite did not make. */
export function planDirectoryUninstall(location: string): DirectoryUninstallPlan {
  const directory = resolve(location);
  if (!existsSync(directory)) return { directory, exists: false };
  const entries = readdirSync(directory);
  // PG_VERSION is the first file initdb writes: without it, this is not a data directory.
  if (entries.length > 0 && !entries.includes('PG_VERSION')) {
    throw new StoreRefusal(
      `${directory} is not a PGlite data directory (no PG_VERSION in it): not removing it`,
    );
  }
  return { directory, exists: true };
}

/** Removes a PGlite data directory, once no process has it open (its lock is taken first). */
export function uninstallDirectory(location: string): DirectoryUninstallPlan {
  const plan = planDirectoryUninstall(location);
  if (!plan.exists) return plan;
  const lock = lockDirectory(plan.directory);
  try {
    rmSync(plan.directory, { recursive: true, force: true });
  } finally {
    lock.release();
  }
  return plan;
}
