import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { is } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { type Queryable, statement } from './database.ts';
import * as schema from './schema.ts';
import { StoreRefusal } from './store-refusal.ts';

/** The migrations drizzle-kit wrote, at the top of the package (two folders up from here). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** A migration file of this version, as drizzle-kit wrote it. */
export interface MigrationFile {
  /** Its file name without `.sql`, e.g. `0001_history_and_tokens`. */
  tag: string;
  /** The journal's `when`: what drizzle's bookkeeping table stores as `created_at`. */
  createdAt: number;
  /** sha256 of the file, as drizzle computes it and stores it when it applies the file. */
  hash: string;
  /** Its statements, split at drizzle-kit's breakpoints. */
  sql: string[];
}

/** A row of `drizzle.__drizzle_migrations`. */
export interface AppliedMigration {
  createdAt: number;
  hash: string;
}

export interface SchemaStatus {
  /** Files whose migration is recorded, with the checksum recorded then. */
  applied: { file: MigrationFile; appliedHash: string; changed: boolean }[];
  pending: MigrationFile[];
  /** Recorded migrations no file of this version has: a newer isobar applied them. */
  unknown: AppliedMigration[];
}

/** This version's migrations, in the journal's order (the order they apply in). */
export function readMigrations(folder = MIGRATIONS_DIR): MigrationFile[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return readMigrationFiles({ migrationsFolder: folder }).map((m, i) => ({
    tag: journal.entries[i]!.tag,
    createdAt: m.folderMillis,
    hash: m.hash,
    sql: m.sql,
  }));
}

// to_regclass answers null for a missing table where a SELECT would fail the transaction.
const bookkeeping = statement(
  'schema_bookkeeping',
  "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present",
);
const recorded = statement(
  'schema_recorded',
  'SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at, id',
);

/** What the database's bookkeeping says of this version's migrations; reads only. */
export async function schemaStatus(
  db: Queryable,
  files: MigrationFile[] = readMigrations(),
): Promise<SchemaStatus> {
  const rows = (await db.one<{ present: boolean }>(bookkeeping))?.present
    ? await db.all<{ hash: string; created_at: string | number }>(recorded)
    : [];
  const byTime = new Map(rows.map((r) => [Number(r.created_at), r.hash]));
  const known = new Set(files.map((f) => f.createdAt));
  const status: SchemaStatus = { applied: [], pending: [], unknown: [] };
  for (const file of files) {
    const appliedHash = byTime.get(file.createdAt);
    if (appliedHash === undefined) status.pending.push(file);
    else status.applied.push({ file, appliedHash, changed: appliedHash !== file.hash });
  }
  for (const [createdAt, hash] of byTime)
    if (!known.has(createdAt)) status.unknown.push({ createdAt, hash });
  return status;
}

/**
 * Why this version must not touch the database, or null: a migration file changed after it was
 * applied, or the database carries migrations only a newer isobar knows (a downgrade).
 */
export function schemaRefusal(status: SchemaStatus): StoreRefusal | null {
  const changed = status.applied.filter((a) => a.changed);
  if (changed.length > 0) {
    const names = changed.map((a) => a.file.tag).join(', ');
    return new StoreRefusal(
      `migration ${names} changed after it was applied to this database (its checksum differs ` +
        'from the one recorded): restore the file as it was released, and put any new change ' +
        'in a new migration',
    );
  }
  if (status.unknown.length > 0) {
    const when = status.unknown.map((u) => new Date(u.createdAt).toISOString()).join(', ');
    return new StoreRefusal(
      `this database was migrated by a newer isobar: ${status.unknown.length} applied ` +
        `migration(s) (made ${when}) are unknown to this version, which cannot run on it ` +
        '(downgrades are not supported). Run the newer version, or restore a backup taken ' +
        'before the upgrade',
    );
  }
  return null;
}

/** isobar's table names, from the drizzle schema: what its migrations create. */
export function isobarTableNames(): string[] {
  return Object.values(schema)
    .filter((v) => is(v, PgTable))
    .map((t) => getTableConfig(t as PgTable).name)
    .sort();
}

// Unqualified names resolve through the search_path, as they did when the migrations ran.
const missingTables = statement(
  'schema_missing_tables',
  `SELECT t.name FROM unnest($1::text[]) AS t(name)
    WHERE to_regclass(quote_ident(t.name)) IS NULL ORDER BY 1`,
);

let defaultFiles: MigrationFile[] | undefined;
let tableNames: string[] | undefined;

/**
 * What stops this version serving from the database, in a sentence for /healthz, or null when
 * every migration it knows is applied as released and its tables are there. Reads the migration
 * files once per process.
 */
export async function schemaProblem(db: Queryable): Promise<string | null> {
  defaultFiles ??= readMigrations();
  const status = await schemaStatus(db, defaultFiles);
  const refusal = schemaRefusal(status);
  if (refusal) return refusal.message;
  if (status.pending.length === 0) {
    tableNames ??= isobarTableNames();
    const missing = await db.column<string>(missingTables, [tableNames]);
    return missing.length === 0
      ? null
      : `schema damaged: every migration is recorded, but table(s) ${missing.join(', ')} are ` +
          'missing (dropped by hand?): restore them from a backup';
  }
  const total = defaultFiles.length;
  return status.applied.length === 0
    ? `schema missing: none of ${total} migrations applied (a new or recreated database); ` +
        'run isobar migrate'
    : `schema behind: ${status.applied.length} of ${total} migrations applied; run isobar migrate`;
}
