import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { type Queryable, statement } from './database.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

// Same bookkeeping table as drizzle's own migrator, so drizzle-kit tooling agrees with us.
const lock = statement('migrate_lock', 'SELECT pg_advisory_xact_lock(7355608)');
const createSchema = statement('migrate_schema', 'CREATE SCHEMA IF NOT EXISTS drizzle');
const createTable = statement(
  'migrate_table',
  `CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations
     (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
);
const lastApplied = statement(
  'migrate_last',
  'SELECT max(created_at) AS last FROM drizzle.__drizzle_migrations',
);
const record = statement(
  'migrate_record',
  'INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)',
);

/**
 * Applies pending migrations in one transaction under an advisory lock, so several origin
 * copies starting together apply each migration exactly once. Returns how many ran.
 */
export async function migrate(db: Queryable, migrationsFolder = MIGRATIONS_DIR): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder });
  return db.transaction(async (tx) => {
    await tx.run(lock);
    await tx.run(createSchema);
    await tx.run(createTable);
    const last = Number((await tx.one<{ last: string | number | null }>(lastApplied))?.last ?? 0);
    const pending = migrations.filter((m) => m.folderMillis > last);
    for (const m of pending) {
      // Migration files are our own committed SQL, one statement per breakpoint, with nothing
      // bound.
      for (const [i, text] of m.sql.entries()) {
        if (text.trim()) await tx.run(statement(`migration_${m.folderMillis}_${i}`, text));
      }
      await tx.run(record, [m.hash, m.folderMillis]);
    }
    return pending.length;
  });
}
